//! "Did you mean …?" for ids, rule codes, config keys and directives typed by a user.

/// The closest valid id, if any is close enough.
pub fn did_you_mean<'a>(input: &str, valid: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    // No id is this long; comparing a megabyte-long input would only cost time.
    if input.len() > 256 {
        return None;
    }
    valid
        .into_iter()
        .map(|v| (strsim::jaro_winkler(input, v), v))
        .filter(|(s, _)| *s > 0.75)
        // The first of equally close candidates wins (「S02」 → S002, not S012).
        .fold(None, |best: Option<(f64, &str)>, x| match best {
            Some(b) if b.0 >= x.0 => Some(b),
            _ => Some(x),
        })
        .map(|(_, v)| v)
}

/// The message for an unknown value a user typed: 「未知のテーマ `chnge` です。もしかして `change`
/// ですか？ 有効な値: …」 (`what` = 「テーマ」).
pub fn unknown_value(what: &str, value: &str, valid: &[&str]) -> String {
    let mut m = format!("未知の{what} `{value}` です。");
    if let Some(s) = did_you_mean(value, valid.iter().copied()) {
        m.push_str(&format!("もしかして `{s}` ですか？ "));
    }
    m.push_str(&format!("有効な値: {}", valid.join(", ")));
    m
}

/// The message for an unknown theme: suggestions among ids and Japanese names, then the valid ids
/// with their names (「未知のテーマ `chnge` です。もしかして `change`（変更管理）ですか？ 有効な値（ID または
/// 日本語名）: …」).
pub fn unknown_theme<'a>(value: &str, themes: impl Iterator<Item = (&'a str, &'a str)>) -> String {
    let themes: Vec<(&str, &str)> = themes.collect();
    let mut m = format!("未知のテーマ `{value}` です。");
    let best = did_you_mean(value, themes.iter().map(|t| t.0))
        .or_else(|| did_you_mean(value, themes.iter().map(|t| t.1)));
    if let Some(s) = best {
        let (id, name) = themes
            .iter()
            .find(|t| t.0 == s || t.1 == s)
            .copied()
            .unwrap_or((s, s));
        m.push_str(&format!("もしかして `{id}`（{name}）ですか？ "));
    }
    let valid: Vec<String> = themes
        .iter()
        .map(|(id, name)| format!("{id}（{name}）"))
        .collect();
    m.push_str(&format!(
        "有効な値（ID または日本語名）: {}",
        valid.join(", ")
    ));
    m
}
