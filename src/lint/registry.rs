//! The registry of every code a user can see: the lint rules ([`RULES`], listed in
//! [`crate::lint::rules`]) and the codes that are not rules ([`crate::diagnostic::codes`]: IO, CF,
//! L). `itsm explain`, `itsm list rules`, the SARIF rule table, config validation and suppression
//! comments all look codes up here; the prefixes are explained by [`PREFIXES`].

pub use super::rules::RULES;
use super::{Rule, RuleOption};
use crate::diagnostic::Severity;
use crate::diagnostic::codes::{CODES, Code};
use std::borrow::Cow;

/// What each code prefix stands for (shown by `itsm list rules`, `itsm explain` and the README).
pub static PREFIXES: &[(&str, &str)] = &[
    (
        "C",
        "内容（content）: 管理者としての判断・定量情報・実績など、段落にも論文にも求められる中身",
    ),
    (
        "E",
        "論文（essay）: 設問ア・イ・ウの構成・字数・つながり・問題文への対応",
    ),
    (
        "F",
        "形式（format）: モジュール段落の固定フォーマット（手法名→理由→工夫→具体例）",
    ),
    (
        "N",
        "数値（numbers）: 稼働率と停止時間・内訳と合計・増減の向きの整合",
    ),
    ("S", "文体（style）: 箇条書き・略語・製品名・文末・表記"),
    (
        "X",
        "抑制コメント: `<!-- itsm-disable … -->` の誤りと不要な抑制",
    ),
    (
        "IO",
        "入力（規則ではない）: ファイルを読めない・UTF-8 以外から変換した・問題文を読めない",
    ),
    ("CF", "設定（規則ではない）: itsm.yaml の誤り"),
    (
        "L",
        "ライブラリ（規則ではない）: --library・設定の library のファイルやテンプレートの誤り",
    ),
];

/// What the prefix of `code` stands for.
pub fn prefix_of(code: &str) -> Option<&'static str> {
    let p: String = code.chars().take_while(char::is_ascii_alphabetic).collect();
    PREFIXES
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(&p))
        .map(|(_, v)| *v)
}

/// Find a rule by code (`F001`) or name (`missing-technique-name`), case-insensitively.
pub fn find(key: &str) -> Option<&'static Rule> {
    RULES
        .iter()
        .copied()
        .find(|r| r.code.eq_ignore_ascii_case(key) || r.name.eq_ignore_ascii_case(key))
}

/// Any user-visible code: a rule or one of the other codes.
#[derive(Debug, Clone, Copy)]
pub enum Entry {
    Rule(&'static Rule),
    Other(&'static Code),
}

impl Entry {
    pub fn code(self) -> &'static str {
        match self {
            Entry::Rule(r) => r.code,
            Entry::Other(c) => c.code,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Entry::Rule(r) => r.name,
            Entry::Other(c) => c.name,
        }
    }

    pub fn summary(self) -> Cow<'static, str> {
        match self {
            Entry::Rule(r) => r.summary_text(),
            Entry::Other(c) => c.summary.into(),
        }
    }

    pub fn severity(self) -> Severity {
        match self {
            Entry::Rule(r) => r.default_severity,
            Entry::Other(c) => c.severity,
        }
    }

    /// What the code applies to: a rule's scope, or what the other code reports on.
    pub fn target(self) -> &'static str {
        match self {
            Entry::Rule(r) => r.scope.as_str(),
            Entry::Other(c) => c.target,
        }
    }

    /// The documentation `itsm explain` prints.
    pub fn explanation(self) -> Cow<'static, str> {
        match self {
            Entry::Rule(r) => r.explanation_text(),
            Entry::Other(c) => c.explanation.into(),
        }
    }
}

/// Every code: the rules (sorted by code), then the other codes (sorted by code).
pub fn all() -> impl Iterator<Item = Entry> {
    RULES
        .iter()
        .map(|r| Entry::Rule(r))
        .chain(CODES.iter().map(|c| Entry::Other(c)))
}

/// Find any code by code or name, case-insensitively.
pub fn find_code(key: &str) -> Option<Entry> {
    all().find(|e| e.code().eq_ignore_ascii_case(key) || e.name().eq_ignore_ascii_case(key))
}

/// The options one rule declares (none for an unknown code).
pub fn options_of(code: &str) -> &'static [&'static RuleOption] {
    RULES
        .iter()
        .find(|r| r.code == code)
        .map_or(&[], |r| r.options)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_sorted_and_documented() {
        let codes: Vec<&str> = RULES.iter().map(|r| r.code).collect();
        let mut sorted = codes.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(codes, sorted, "codes must be unique and sorted");
        for r in RULES {
            assert!(
                r.name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{} is not kebab-case",
                r.name
            );
            for h in ["## 何を検出するか", "## なぜ問題か", "## 例", "## 設定"] {
                assert!(r.explanation.contains(h), "{} lacks {h}", r.code);
            }
        }
        let mut every: Vec<&str> = all().map(Entry::code).collect();
        let n = every.len();
        every.sort();
        every.dedup();
        assert_eq!(every.len(), n, "a code is declared twice");
        for e in all() {
            assert!(
                prefix_of(e.code()).is_some(),
                "{}: prefix unexplained",
                e.code()
            );
        }
    }
}
