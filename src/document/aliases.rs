//! Names a text gives itself for the rest of it: 「（以下、CVSSという）」「以下「保守契約」と呼ぶ」
//! 「（以下、本基盤とする）」. The one parser of these definitions: F011 reads the short name of a
//! technique from them, E020 the names 設問ア binds to what the question asks.

use crate::text::scan::static_regex;

/// The names `text` defines with 「以下[、]X という／と呼ぶ／とする」 (X optionally in 「」), in text
/// order: two to fifteen characters, without brackets, 「、」 or 「。」.
pub fn defined_names(text: &str) -> impl Iterator<Item = &str> {
    static_regex!(r"以下[、，]?「?([^「」（）()、，。]{2,15}?)」?(?:という|と呼ぶ|とする)")
        .captures_iter(text)
        .filter_map(|c| c.get(1).map(|m| m.as_str()))
}

#[cfg(test)]
mod tests {
    use super::defined_names;

    #[test]
    fn every_form_of_definition_gives_the_name() {
        for (text, name) in [
            ("共通脆弱性評価システム（以下、CVSSという）を使う", "CVSS"),
            ("（以下CVSSという）", "CVSS"),
            ("P社と保守契約（以下「保守契約」と呼ぶ）を結ぶ", "保守契約"),
            ("新しい受付基盤（以下、本基盤とする）", "本基盤"),
            ("（以下，ＣＡＢという）", "ＣＡＢ"),
        ] {
            assert_eq!(defined_names(text).collect::<Vec<_>>(), [name], "{text}");
        }
    }

    #[test]
    fn what_is_no_definition_gives_none() {
        for text in [
            "1時間以下という目標",
            "（FAQ）",
            "以下、Xという",
            "以下、受付から復旧までの全工程を担う運用部門という",
            "以下に示す",
        ] {
            assert_eq!(defined_names(text).count(), 0, "{text}");
        }
    }
}
