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
    /// The case's fact model: quantities with unit and period, and fixed choices (the backup
    /// method), that every module variant and essay sentence must agree with.
    #[serde(default)]
    pub quantities: Vec<Quantity>,
    /// Actors (suppliers, masked companies) → how they are introduced at their first mention
    /// in a draft (「M社」 → 「インフラ運用を委託しているM社」).
    #[serde(default)]
    pub actors: BTreeMap<String, String>,
    /// Essay-only content (設問ア・イ・ウ drafts); optional for user cases.
    #[serde(default)]
    pub essay: Option<CaseEssay>,
}

/// What a whole-essay draft needs beyond the facts and the modules: the 設問ア overview sentences
/// and, per theme, the sentences that do not belong to one technique (the situation, the problem
/// with its baseline, the alternative rejected, the resources secured, the result against the
/// target, what did not go well, the remaining issues). Plain text, だ・である調, no template syntax.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct CaseEssay {
    /// 設問ア 1.1: the overview as slots in reading order; each slot holds one or more phrasings
    /// of the same sentence (ending in 。). The drafter takes one phrasing per slot, spreading
    /// them over the themes so that no overview sentence repeats in every essay of the case.
    pub overview: Vec<Vec<String>>,
    /// 設問ウ: the party I review the results with (「開発課長」「店舗運営本部」), a noun phrase;
    /// default: the fact `counterpart`.
    #[serde(default)]
    pub partner: Option<String>,
    /// Theme id → the essay parts written for that theme in this case.
    #[serde(default)]
    pub themes: BTreeMap<String, EssayTheme>,
}

/// Essay sentences for one case and theme. Everything but `module`, `support`, `partner`,
/// `alternative` and `resources` is written for the essay's own module (`module`, or the first
/// candidate) and is replaced by sentences built from the module variant when the user picks
/// another one.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct EssayTheme {
    /// 設問イ: the module (id) the essay is built on when the user names none; the other candidates
    /// follow it as `--variant 2, 3, …` (optional; default: the module paragraph's first candidate).
    #[serde(default)]
    pub module: Option<String>,
    /// 設問イ: a second module (id) that serves the same problem as a supporting measure (optional).
    #[serde(default)]
    pub support: Option<String>,
    /// 設問ウ: replaces the case's `partner` for this theme (optional).
    #[serde(default)]
    pub partner: Option<String>,
    /// 設問ア 1.1: one sentence that points the overview at the theme (optional).
    #[serde(default)]
    pub focus: Option<String>,
    /// 設問ア: the site's situation as the question's second point asks it, sentences ending in 。.
    pub situation: String,
    /// 設問ア: the problem with its baseline figure and a dated occurrence, sentences ending in 。.
    pub problem: String,
    /// 設問ア: what leaving the problem alone would cost the business, a sentence ending in 。.
    pub impact: String,
    /// 設問ア・イ: the challenge as a clause in the plain form that reads before 「ことが課題であった」
    /// and 「ために」 (「承認待ちの滞留をなくしながら高リスクの変更の審議を厚くする」).
    pub challenge: String,
    /// 設問イ: why this measure answers the problem of 設問ア, sentences ending in 。 (optional):
    /// replaces the sentence the layout derives from the module's feature (「…を選んだ理由は、
    /// {feature}点にある。」), which reads as a definition pasted in as a reason.
    #[serde(default)]
    pub reason: Option<String>,
    /// 設問イ: how the measure was carried out, told as an episode without its results (optional):
    /// replaces the module's example in 設問イ, whose results 設問ウ would otherwise tell again
    /// (`""`: 設問イ tells no episode). Sentences ending in 。.
    #[serde(default)]
    pub episode: Option<String>,
    /// 設問イ: the alternatives considered and why they were rejected (cost or risk), sentences ending in 。.
    pub alternative: String,
    /// 設問イ: the target I set, a sentence ending in 。 with a round figure.
    pub target: String,
    /// 設問イ: the resources (budget, people, time) I secured and from whom, sentences ending in 。.
    pub resources: String,
    /// 設問イ: how the supporting module served the same problem, sentences ending in 。
    /// (required when `support` is set).
    #[serde(default)]
    pub support_link: Option<String>,
    /// 設問イ: the answer to the default question's 「〜の観点」, sentences ending in 。 that
    /// read after 「{観点}の観点から、」 or on their own.
    pub viewpoint: String,
    /// 設問イ: how the measure was rolled out with the people concerned, sentences ending in 。 (optional).
    #[serde(default)]
    pub rollout: Option<String>,
    /// 設問ウ: the result against the target of `target`, sentences ending in 。.
    pub result: String,
    /// 設問ウ: the effect seen by the customer, the SLA or the business, and why it worked.
    pub evaluation: String,
    /// 設問ウ: what did not go well, its cause (not a person) and what I did, with a figure.
    pub setback: String,
    /// 設問ウ: two remaining issues, each with its owner and next step, sentences ending in 。.
    pub issues: Vec<String>,
    /// The same sentences written for another module of the theme, keyed by its id: used instead
    /// of these when that module is the essay's primary one (`--variant 2…`, `--module ID`), so
    /// that essay tells its own problem, targets, results and remaining issues (optional).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub alt: BTreeMap<String, EssayTheme>,
}

impl EssayTheme {
    /// The sentences for the essay whose primary module is `module`: its `alt` block, if any.
    pub fn for_module(&self, module: &str) -> Option<&EssayTheme> {
        self.alt.get(module)
    }
}

/// One fact of a case's fact model: a quantity (value + unit, optionally per period) or a
/// fixed choice (`says` / `never`). Texts refer to it by its words; the loader checks that
/// every figure written next to those words equals `value`.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Quantity {
    /// ascii id, usable in module texts as `{{ q.ID }}` (renders per + value + unit: 「月80件」).
    pub id: String,
    /// The words that name the quantity in prose (「変更要求」「顧客」); the first is the main one.
    pub words: Vec<String>,
    /// The figure (「80」「1,200」「99.9」); absent for a fixed choice.
    #[serde(default)]
    pub value: Option<String>,
    /// Unit as written after the figure (「件」「社」「名」「%」).
    #[serde(default)]
    pub unit: Option<String>,
    /// Period as written before the figure (「月」「週」「年」「1日」「毎回」).
    #[serde(default)]
    pub per: Option<String>,
    /// A fixed choice: what the case says (「外付けストレージへの日次の取得」), for readers.
    #[serde(default)]
    pub says: Option<String>,
    /// Words that contradict the fixed choice and must not appear in any text of the case.
    #[serde(default)]
    pub never: Vec<String>,
    /// Quantities (ids) whose values must add up to at most this one (parts of a total).
    #[serde(default)]
    pub parts: Vec<String>,
    /// A count of things (customers, stores, approvers) that a text may also give for a subset
    /// (「顧客1社」), so a smaller figure is not a contradiction; a larger one still is.
    #[serde(default)]
    pub subset: bool,
    /// The figure attaches directly to the word (「顧客5社」), so 「顧客の5社」 is flagged.
    #[serde(default)]
    pub direct: bool,
    /// Why the figure is what it is (kept for reviewers).
    #[serde(default)]
    pub note: Option<String>,
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

impl Module {
    /// The case of each variant, in file order.
    pub fn variant_cases(&self) -> Vec<String> {
        self.variants.iter().map(|v| v.case.clone()).collect()
    }
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
    /// Other themes of the module (not its first) this variant is offered for, each with the
    /// sentences that stress what that theme asks (cost for budget, agreement for relationship,
    /// root cause for problem). A variant is offered only for its module's first theme and
    /// the themes listed here.
    #[serde(default)]
    pub angles: BTreeMap<String, Angle>,
}

/// A variant's fields rewritten for one of the module's other themes; a field left out keeps
/// the variant's text. At least `problem` and one of `decision` / `ingenuity` must be given.
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Angle {
    #[serde(default)]
    pub action: Option<String>,
    #[serde(default)]
    pub problem: Option<String>,
    #[serde(default)]
    pub background: Option<String>,
    #[serde(default)]
    pub decision: Option<String>,
    #[serde(default)]
    pub ingenuity: Option<String>,
    #[serde(default)]
    pub example: Option<String>,
    #[serde(default)]
    pub metric: Option<String>,
    #[serde(default)]
    pub before: Option<String>,
    #[serde(default)]
    pub after: Option<String>,
    #[serde(default)]
    pub remaining: Option<String>,
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
    /// Common words (in `common`, so the linter never asks about them) that drafts still spell
    /// out at first use, because blind graders mark them unexplained: 「SLA（サービスレベル合意）」.
    #[serde(default)]
    pub spell_out: BTreeMap<String, String>,
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
