//! The serde shapes of `itsm.yaml`: strict about keys (`deny_unknown_fields`), loose about
//! scalar types where the validator in `mod.rs` wants to name the key in its own message.

use crate::diagnostic::Severity;
use crate::exam::CountMode;
use crate::lint::Kind;
use serde::Deserialize;
use serde::de::{self, MapAccess, Visitor};
use serde_saphyr::Spanned;
use std::fmt;

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(super) enum Level {
    Error,
    Warning,
    Info,
}

impl From<Level> for Severity {
    fn from(l: Level) -> Severity {
        match l {
            Level::Error => Severity::Error,
            Level::Warning => Severity::Warning,
            Level::Info => Severity::Info,
        }
    }
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(super) enum KindName {
    Essay,
    Module,
}

impl From<KindName> for Kind {
    fn from(k: KindName) -> Kind {
        match k {
            KindName::Essay => Kind::Essay,
            KindName::Module => Kind::Module,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Raw (serde) shapes

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct Raw {
    #[serde(default)]
    pub(super) rules: Ordered<Spanned<String>, Spanned<RawRule>>,
    #[serde(default)]
    pub(super) abbreviations: Ordered<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    pub(super) allowed_abbreviations: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) banned: Ordered<Spanned<String>, Spanned<String>>,
    pub(super) library: Option<Spanned<String>>,
    pub(super) counting: Option<CountMode>,
    pub(super) fail_on: Option<Level>,
    pub(super) min_score: Option<Spanned<u32>>,
    #[serde(default)]
    pub(super) kinds: Ordered<Spanned<String>, KindName>,
    #[serde(default)]
    pub(super) include: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) exclude: Vec<Spanned<String>>,
}

/// A mapping kept in file order (`kinds` is first-match-wins).
#[derive(Debug)]
pub(super) struct Ordered<K, V>(pub(super) Vec<(K, V)>);

impl<K, V> Default for Ordered<K, V> {
    fn default() -> Self {
        Ordered(Vec::new())
    }
}

impl<'de, K: Deserialize<'de>, V: Deserialize<'de>> Deserialize<'de> for Ordered<K, V> {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Vis<K, V>(std::marker::PhantomData<(K, V)>);
        impl<'de, K: Deserialize<'de>, V: Deserialize<'de>> Visitor<'de> for Vis<K, V> {
            type Value = Ordered<K, V>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a mapping")
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Ordered(Vec::new()))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Self::Value, A::Error> {
                let mut v = Vec::new();
                while let Some(entry) = m.next_entry()? {
                    v.push(entry);
                }
                Ok(Ordered(v))
            }
        }
        d.deserialize_map(Vis(std::marker::PhantomData))
    }
}

/// A rule's entry: `off` / `warning` / `true`, or a table with `severity` and options.
#[derive(Debug)]
pub(super) enum RawRule {
    Level(String),
    Switch(bool),
    Table(Vec<(Spanned<String>, Spanned<Scalar>)>),
}

impl<'de> Deserialize<'de> for RawRule {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Vis;
        impl<'de> Visitor<'de> for Vis {
            type Value = RawRule;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a severity (off, info, warning, error) or a mapping")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawRule, E> {
                Ok(RawRule::Level(v.to_owned()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<RawRule, E> {
                Ok(RawRule::Switch(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<RawRule, A::Error> {
                let mut v = Vec::new();
                while let Some(entry) = m.next_entry()? {
                    v.push(entry);
                }
                Ok(RawRule::Table(v))
            }
        }
        d.deserialize_any(Vis)
    }
}

/// A scalar option value, typed by the validator (not by serde) so errors can name the key.
#[derive(Debug)]
pub(super) enum Scalar {
    Str(String),
    Bool(bool),
    Int(i64),
    Other,
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Vis;
        impl<'de> Visitor<'de> for Vis {
            type Value = Scalar;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a scalar")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar::Str(v.to_owned()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Scalar, E> {
                Ok(Scalar::Bool(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar::Int(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
                Ok(i64::try_from(v).map_or(Scalar::Other, Scalar::Int))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Scalar, E> {
                Ok(Scalar::Other)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Scalar, E> {
                Ok(Scalar::Other)
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut s: A) -> Result<Scalar, A::Error> {
                while s.next_element::<de::IgnoredAny>()?.is_some() {}
                Ok(Scalar::Other)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Scalar, A::Error> {
                while m.next_entry::<de::IgnoredAny, de::IgnoredAny>()?.is_some() {}
                Ok(Scalar::Other)
            }
        }
        d.deserialize_any(Vis)
    }
}
