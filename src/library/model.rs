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

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
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
    /// Essay-only content (設問ア・イ・ウ drafts); optional for user cases.
    #[serde(default)]
    pub essay: Option<CaseEssay>,
}

/// What a whole-essay draft needs beyond the facts and the modules: sentences that do not
/// belong to one technique (the business impact, the alternative rejected, the resources
/// secured, what did not go well). Plain text, だ・である調, no template syntax.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct CaseEssay {
    /// What leaving the problem alone would cost; reads after 「このまま放置すれば、」 (no final 。).
    pub impact: String,
    /// 設問ウ: the party I review the metric with (「開発課長」「店舗運営本部」), a noun phrase;
    /// default: the fact `counterpart`.
    #[serde(default)]
    pub partner: Option<String>,
    /// 設問ア: the sentence on customers and users (with figures), ending in 。, used instead of the
    /// one composed from the facts `customers` and `users` when those read awkwardly together.
    #[serde(default)]
    pub audience: Option<String>,
    /// Theme id → the essay parts written for that theme in this case.
    #[serde(default)]
    pub themes: BTreeMap<String, EssayTheme>,
}

/// Essay sentences for one case and theme. `situation`, `target`, `evaluation` and `next` are written for the
/// essay's own module (`module`, or the first candidate) and are left out when the user picks
/// another one; the other sentences hold for any module of the theme.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct EssayTheme {
    /// 設問イ: the module (id) the essay is built on when the user names none; the other candidates
    /// follow it as `--variant 2, 3, …` (optional; default: the module paragraph's first candidate).
    #[serde(default)]
    pub module: Option<String>,
    /// 設問イ: a second module (id) used as a supporting measure (optional).
    #[serde(default)]
    pub support: Option<String>,
    /// 設問ウ: replaces the case's `partner` for this theme (optional).
    #[serde(default)]
    pub partner: Option<String>,
    /// 設問ア: replaces the case's `impact` for this theme (optional).
    #[serde(default)]
    pub impact: Option<String>,
    /// 設問ア: the theme-level situation at this site, 1–2 sentences ending in 。 (optional).
    #[serde(default)]
    pub situation: Option<String>,
    /// 設問イ: the alternative considered and why it was not chosen, sentences ending in 。.
    pub alternative: String,
    /// 設問イ: the resources (budget, people, time) I secured, one sentence ending in 。.
    pub resources: String,
    /// 設問イ: how the measure was rolled out and made to stick with the people concerned,
    /// sentences ending in 。 (optional; meant for essays without a supporting module).
    #[serde(default)]
    pub rollout: Option<String>,
    /// 設問イ・ウ: the target for the module's metric when its `after` value does not read as a
    /// target (「50件未満」 for an after value of 「12件」); optional.
    #[serde(default)]
    pub target: Option<String>,
    /// 設問ウ: one or two sentences ending in 。 on the effect seen by the customer, the SLA or the
    /// business (with a figure), beyond the module's own metric.
    pub evaluation: String,
    /// 設問ウ: what did not go well and how I dealt with it, sentences ending in 。 with a figure.
    pub setback: String,
    /// 設問ウ: how I will tackle the remaining issues of the essay's own module, sentences ending
    /// in 。 (optional; a general plan sentence is used otherwise).
    #[serde(default)]
    pub next: Option<String>,
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

/// A user library's file that adds variants to an existing module (`id` and `variants` only),
/// so a new case needs no copy of the embedded module.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModuleVariants {
    pub id: String,
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

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
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

#[derive(Debug, Clone, Default, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Glossary {
    #[serde(default)]
    pub common: CommonWords,
    #[serde(default)]
    pub glossary: BTreeMap<String, String>,
    #[serde(default)]
    pub banned: BTreeMap<String, String>,
    #[serde(default)]
    pub jargon: BTreeMap<String, String>,
}

/// The abbreviations and words a grader reads without explanation (`common:` in
/// `rubrics/glossary.yaml`): grouped by category, each category with its reason in the file's
/// comments. A flat list (the older form, which overlays may still use) is accepted too.
#[derive(Debug, Clone, Deserialize, serde::Serialize, PartialEq, Eq)]
#[serde(untagged)]
pub enum CommonWords {
    Categories(BTreeMap<String, Vec<String>>),
    List(Vec<String>),
}

impl Default for CommonWords {
    fn default() -> Self {
        CommonWords::List(Vec::new())
    }
}

impl CommonWords {
    /// Every word, in category order.
    pub fn words(&self) -> Vec<String> {
        match self {
            CommonWords::List(l) => l.clone(),
            CommonWords::Categories(c) => c.values().flatten().cloned().collect(),
        }
    }
}
