//! Serde shapes of the library files. `deny_unknown_fields` everywhere so a
//! misspelt key is an error with its line and column, never silently ignored.

use serde::Deserialize;
use std::collections::BTreeMap;

/// Facts every case must define (modules may use them as `{{ c.KEY }}` for any case).
pub const REQUIRED_FACTS: &[&str] = &[
    "alias",
    "org",
    "business",
    "service",
    "service_desc",
    "customers",
    "users",
    "hours",
    "availability",
    "downtime_year",
    "sla",
    "team",
    "my_role",
    "my_dept",
    "counterpart",
    "peak",
    "night",
];

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub id: String,
    pub name: String,
    pub summary: String,
    #[serde(default)]
    pub resolutions: Vec<String>,
    pub facts: BTreeMap<String, String>,
    #[serde(default)]
    pub org: serde_json::Value,
    #[serde(default)]
    pub service: serde_json::Value,
    #[serde(default)]
    pub customers: serde_json::Value,
    #[serde(default)]
    pub sla: serde_json::Value,
    #[serde(default)]
    pub architecture: serde_json::Value,
    #[serde(default)]
    pub operations: serde_json::Value,
    #[serde(default)]
    pub peak: serde_json::Value,
    #[serde(default)]
    pub problems: Vec<Problem>,
    #[serde(default)]
    pub terms: Vec<Term>,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Problem {
    pub themes: Vec<String>,
    pub text: String,
    #[serde(default)]
    pub before: Option<String>,
    #[serde(default)]
    pub after: Option<String>,
    #[serde(default)]
    pub invented: bool,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub term: String,
    #[serde(rename = "use")]
    pub use_: String,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Module {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub seed: Vec<String>,
    pub themes: Vec<String>,
    #[serde(default)]
    pub jis: Vec<String>,
    #[serde(default)]
    pub abbreviations: BTreeMap<String, String>,
    pub feature: String,
    pub variants: Vec<Variant>,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Variant {
    pub case: String,
    pub action: String,
    pub problem: String,
    #[serde(default)]
    pub background: Option<String>,
    pub decision: String,
    pub ingenuity: String,
    pub example: String,
    pub metric: String,
    pub before: String,
    pub after: String,
    pub remaining: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThemesFile {
    pub themes: Vec<Theme>,
    pub categories: BTreeMap<u8, String>,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Theme {
    pub id: String,
    pub name: String,
    pub category: u8,
    #[serde(default)]
    pub jis: Vec<String>,
    #[serde(default)]
    pub keywords: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Glossary {
    #[serde(default)]
    pub common: Vec<String>,
    #[serde(default)]
    pub glossary: BTreeMap<String, String>,
    #[serde(default)]
    pub banned: BTreeMap<String, String>,
    #[serde(default)]
    pub jargon: BTreeMap<String, String>,
}
