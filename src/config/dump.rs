//! The merged configuration as an ordered tree, printed as YAML or JSON (`itsm config --dump`).
//!
//! JSON goes through serde (`serde_json`). The YAML is written here: the crate's YAML library
//! (serde-saphyr) is used for reading only, and the dump's layout (one flow map per rule,
//! double-quoted strings) is part of the documented output.

/// An ordered tree for `itsm config --dump` (keys keep their order in both YAML and JSON).
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Null,
    Int(i64),
    Str(String),
    List(Vec<Node>),
    Map(Vec<(String, Node)>),
}

/// JSON through serde: maps keep their order (a `Map` serialises as an ordered map).
impl serde::Serialize for Node {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        match self {
            Node::Null => ser.serialize_unit(),
            Node::Int(i) => ser.serialize_i64(*i),
            Node::Str(s) => ser.serialize_str(s),
            Node::List(items) => {
                let mut seq = ser.serialize_seq(Some(items.len()))?;
                for n in items {
                    seq.serialize_element(n)?;
                }
                seq.end()
            }
            Node::Map(items) => {
                let mut map = ser.serialize_map(Some(items.len()))?;
                for (k, n) in items {
                    map.serialize_entry(k, n)?;
                }
                map.end()
            }
        }
    }
}

impl Node {
    /// Pretty-printed JSON (serde_json), with a final line break.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a config tree serialises") + "\n"
    }

    /// Block YAML; strings are double-quoted (JSON string syntax is valid YAML).
    pub fn to_yaml(&self) -> String {
        let mut out = String::new();
        match self {
            Node::Map(items) => Self::yaml_map(items, &mut out, 0),
            other => {
                out.push_str(&other.yaml_inline());
                out.push('\n');
            }
        }
        out
    }

    fn yaml_inline(&self) -> String {
        match self {
            Node::Null => "null".into(),
            Node::Int(i) => i.to_string(),
            Node::Str(s) => quote(s),
            Node::List(items) => format!(
                "[{}]",
                items
                    .iter()
                    .map(Node::yaml_inline)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Node::Map(items) => format!(
                "{{{}}}",
                items
                    .iter()
                    .map(|(k, v)| format!("{}: {}", yaml_key(k), v.yaml_inline()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }

    fn yaml_map(items: &[(String, Node)], out: &mut String, indent: usize) {
        let pad = "  ".repeat(indent);
        for (k, v) in items {
            match v {
                Node::Map(inner) if !inner.is_empty() && indent == 0 => {
                    out.push_str(&format!("{pad}{}:\n", yaml_key(k)));
                    Self::yaml_map(inner, out, indent + 1);
                }
                _ => out.push_str(&format!("{pad}{}: {}\n", yaml_key(k), v.yaml_inline())),
            }
        }
    }
}

fn quote(s: &str) -> String {
    serde_json::to_string(s).expect("a string serialises")
}

fn yaml_key(k: &str) -> String {
    if !k.is_empty()
        && k.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_'))
        && !k.chars().next().is_some_and(|c| c.is_ascii_digit())
    {
        k.to_owned()
    } else {
        quote(k)
    }
}
