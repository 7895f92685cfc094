//! Facts about the exam's answer format, in one place: the 設問 parts and their length limits
//! (in characters and in rows of the 25×16 原稿用紙), the two ways of counting, the module
//! paragraph's minimum length, and how IPA writes numbers (「1,600字」).
//!
//! - [`count`]: counting a document's parts in CBT characters and 原稿用紙 rows;
//! - [`question`]: reading a pasted question text (設問ア・イ・ウ, requested points, limits).
//!
//! Everything that states a limit — `itsm count`, the E004 rule and its explanation, the score's
//! D cap, the drafter's notes — takes it from here. Facts and conventions come from
//! `exam-format.md` (project reference, §1.2–1.4).

pub mod count;
pub mod question;

pub use count::{
    PartCount, SheetRow, count_part, count_parts, count_whole, layout_part, layout_whole,
};
pub use question::Question;

/// The 設問 part labels, in exam order.
pub const PART_LABELS: [char; 3] = ['ア', 'イ', 'ウ'];

/// Write the exam's facts into a text that names them by placeholder, so that rule summaries
/// and explanations never restate a limit by hand:
/// - `{exam-limits}` → 「ア≤800、イ800〜1,600、ウ600〜1,200」;
/// - `{exam-limits-long}` → 「設問アが800字以内、設問イが800字以上1,600字以内、設問ウが600字以上1,200字以内」;
/// - `{module-min-chars}` → 「400」;
/// - `{module-max-chars}` → 「1,600」, `{module-max-chars-n}` → 「1600」 (an option's value).
pub fn expand(text: &'static str) -> std::borrow::Cow<'static, str> {
    if !text.contains('{') {
        return text.into();
    }
    let limits = Limits::exam();
    let short: Vec<String> = PART_LABELS
        .iter()
        .map(|&l| match (limits.get(l).min, limits.get(l).max) {
            (None, Some(b)) => format!("{l}≤{}", thousands(b)),
            (Some(a), Some(b)) => format!("{l}{}〜{}", thousands(a), thousands(b)),
            (Some(a), None) => format!("{l}≥{}", thousands(a)),
            (None, None) => format!("{l}制限なし"),
        })
        .collect();
    let long: Vec<String> = PART_LABELS
        .iter()
        .map(|&l| format!("設問{l}が{}", limits.get(l).describe()))
        .collect();
    text.replace("{exam-limits}", &short.join("、"))
        .replace("{exam-limits-long}", &long.join("、"))
        .replace("{module-min-chars}", &MODULE_MIN_CHARS.to_string())
        .replace("{module-max-chars}", &thousands(MODULE_MAX_CHARS))
        .replace("{module-max-chars-n}", &MODULE_MAX_CHARS.to_string())
        .into()
}

/// The minimum length of a module paragraph in characters (the seed format's 400字以上; the
/// default of F010's `min-module-chars`).
pub const MODULE_MIN_CHARS: usize = 400;

/// The longest a module paragraph can usefully be: it has to fit into 設問イ, the longest part
/// (its upper limit; the default of F013's `max-module-chars`, and what caps the score of a
/// module that is longer).
pub const MODULE_MAX_CHARS: usize = match Limits::exam().i.max {
    Some(n) => n,
    None => 1600,
};

/// Cells in one row of the answer sheet.
pub const ROW_CELLS: usize = 25;
/// Rows on one page of the answer sheet.
pub const PAGE_ROWS: usize = 16;

/// How characters are counted for the limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CountMode {
    /// Characters as typed (the CBT answer box).
    #[default]
    Cbt,
    /// Rows of the 25×16 原稿用紙.
    Genkou,
}

impl CountMode {
    /// Every mode, in the order `itsm count` shows them.
    pub const ALL: [CountMode; 2] = [CountMode::Cbt, CountMode::Genkou];

    /// The mode named `cbt` or `genkou`.
    pub fn parse(s: &str) -> Option<CountMode> {
        CountMode::ALL.into_iter().find(|m| m.as_str() == s)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            CountMode::Cbt => "cbt",
            CountMode::Genkou => "genkou",
        }
    }
}

/// A length limit in characters; `None` = no bound on that side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Limit {
    pub min: Option<usize>,
    pub max: Option<usize>,
}

/// Where a count stands against a [`Limit`]. The amount is in characters for CBT and in rows for
/// 原稿用紙.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fit {
    Within,
    /// This many short of the minimum.
    Short(usize),
    /// This many over the maximum.
    Over(usize),
}

impl Fit {
    pub fn is_ok(self) -> bool {
        self == Fit::Within
    }
}

impl Limit {
    pub const fn new(min: Option<usize>, max: Option<usize>) -> Limit {
        Limit { min, max }
    }

    /// Whether the limit has any bound.
    pub fn is_bounded(&self) -> bool {
        self.min.is_some() || self.max.is_some()
    }

    /// 「800字以上1,600字以内」「800字以内」「400字以上」, or 「制限なし」.
    pub fn describe(&self) -> String {
        match (self.min, self.max) {
            (Some(a), Some(b)) => format!("{}字以上{}字以内", thousands(a), thousands(b)),
            (None, Some(b)) => format!("{}字以内", thousands(b)),
            (Some(a), None) => format!("{}字以上", thousands(a)),
            (None, None) => "制限なし".to_owned(),
        }
    }

    /// Fewest rows whose markers reach the minimum (`ceil(min / 25)`).
    pub fn min_rows(&self) -> Option<usize> {
        self.min.map(|m| m.div_ceil(ROW_CELLS))
    }

    /// Most rows within the maximum (`floor(max / 25)`).
    pub fn max_rows(&self) -> Option<usize> {
        self.max.map(|m| m / ROW_CELLS)
    }

    /// A character count against the limit (amount in characters).
    pub fn fit_chars(&self, n: usize) -> Fit {
        fit(n, self.min, self.max)
    }

    /// A row count against the limit compared as `rows × 25` (amount in rows).
    pub fn fit_rows(&self, rows: usize) -> Fit {
        fit(rows, self.min_rows(), self.max_rows())
    }

    /// A count against the limit in `mode`.
    pub fn fit(&self, mode: CountMode, c: &Count) -> Fit {
        match mode {
            CountMode::Cbt => self.fit_chars(c.cbt),
            CountMode::Genkou => self.fit_rows(c.genkou.rows),
        }
    }
}

fn fit(n: usize, min: Option<usize>, max: Option<usize>) -> Fit {
    match (min, max) {
        (Some(m), _) if n < m => Fit::Short(m - n),
        (_, Some(m)) if n > m => Fit::Over(n - m),
        _ => Fit::Within,
    }
}

/// The limits per 設問 part, in characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// 設問ア.
    pub a: Limit,
    /// 設問イ.
    pub i: Limit,
    /// 設問ウ.
    pub u: Limit,
}

impl Limits {
    /// The exam's limits: ア ≤ 800, イ 800–1,600, ウ 600–1,200 (exam-format.md §1.2).
    pub const fn exam() -> Limits {
        Limits {
            a: Limit::new(None, Some(800)),
            i: Limit::new(Some(800), Some(1600)),
            u: Limit::new(Some(600), Some(1200)),
        }
    }

    /// The limit of part `label` ('ア', 'イ', 'ウ'); no bounds for any other label.
    pub fn get(&self, label: char) -> Limit {
        match label {
            'ア' => self.a,
            'イ' => self.i,
            'ウ' => self.u,
            _ => Limit::default(),
        }
    }

    /// Replace the limit of part `label`; false for a label other than ア・イ・ウ.
    pub fn set(&mut self, label: char, limit: Limit) -> bool {
        let slot = match label {
            'ア' => &mut self.a,
            'イ' => &mut self.i,
            'ウ' => &mut self.u,
            _ => return false,
        };
        *slot = limit;
        true
    }
}

impl Limits {
    /// Take the limits a question states (「800字以内」) in place of these, part by part.
    pub fn apply_question(&mut self, q: &Question) {
        for (label, min, max) in q.limits() {
            if min.is_some() || max.is_some() {
                self.set(label, Limit { min, max });
            }
        }
    }
}

impl Default for Limits {
    fn default() -> Self {
        Limits::exam()
    }
}

/// The text laid out on the 25×16 answer sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Genkou {
    /// Rows occupied.
    pub rows: usize,
    /// Cells used, paragraph indent cells included, hung punctuation not.
    pub cells: usize,
}

impl Genkou {
    /// `rows × 25`: what the printed row markers say.
    pub fn marked_chars(&self) -> usize {
        self.rows * ROW_CELLS
    }

    /// Pages begun (16 rows each).
    pub fn pages(&self) -> usize {
        self.rows.div_ceil(PAGE_ROWS)
    }
}

/// A length in both modes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Count {
    /// Characters as typed (CBT).
    pub cbt: usize,
    /// Rows and cells on the 原稿用紙.
    pub genkou: Genkou,
}

/// A number with thousands separators (see [`crate::text::thousands`]).
pub use crate::text::thousands;
