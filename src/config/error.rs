//! Config errors as [`FileReport`]s: positions, the key path at a position, and Japanese
//! messages for serde-saphyr's errors (naming the key and the valid choices).

use super::KEYS;
use crate::diagnostic::{FileReport, codes};
use crate::text::did_you_mean;
use serde_saphyr::Spanned;
use std::ops::Range;

// ---------------------------------------------------------------------------------------------
// Errors

/// One problem found in a config file.
pub(super) struct Issue {
    pub(super) span: Option<Range<usize>>,
    pub(super) message: String,
    pub(super) help: Option<String>,
}

pub(super) fn issue(span: Option<Range<usize>>, message: String, help: Option<String>) -> Issue {
    Issue {
        span,
        message,
        help,
    }
}

pub(super) fn error_report(label: &str, text: &str, issues: Vec<Issue>) -> FileReport {
    let diagnostics = issues
        .into_iter()
        .map(|i| {
            let mut d = codes::INVALID_CONFIG.diagnostic(i.message);
            d.span = i.span;
            d.help = i.help;
            d
        })
        .collect();
    let mut r = FileReport {
        path: label.to_owned(),
        source: text.to_owned(),
        diagnostics,
    };
    r.sort();
    r
}

/// Byte offset of 1-based `line` and character `col`.
pub(super) fn offset_of(text: &str, line: u64, col: u64) -> usize {
    let mut off = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i as u64 + 1 == line {
            let body = l.trim_end_matches(['\n', '\r']);
            return off
                + body
                    .char_indices()
                    .nth(col.saturating_sub(1) as usize)
                    .map_or(body.len(), |(b, _)| b);
        }
        off += l.len();
    }
    text.len()
}

/// A span of at least one character starting at `start`.
pub(super) fn one_char(text: &str, start: usize) -> Range<usize> {
    let start = start.min(text.len());
    let end = text[start..]
        .chars()
        .next()
        .map_or(start, |c| start + c.len_utf8());
    start..end
}

pub(super) fn span_of<T>(text: &str, s: &Spanned<T>) -> Option<Range<usize>> {
    let loc = s.referenced;
    if loc.line() == 0 {
        return None;
    }
    let span = loc.span();
    match (span.byte_offset(), span.byte_len()) {
        (Some(o), Some(l)) if (o + l) as usize <= text.len() && l > 0 => {
            let (o, l) = (o as usize, l as usize);
            (text.is_char_boundary(o) && text.is_char_boundary(o + l)).then_some(o..o + l)
        }
        _ => Some(one_char(text, offset_of(text, loc.line(), loc.column()))),
    }
}

pub(super) fn is_blank_yaml(text: &str) -> bool {
    text.lines().all(|l| {
        let t = l.trim();
        t.is_empty() || t.starts_with('#') || t == "---"
    })
}

/// The dotted key path (`rules.S005.max-sentence-chars`) of the value at byte `off`, read from
/// the text: keys before the offset on its line (flow style), then parents by indentation.
pub(super) fn key_path(text: &str, off: usize) -> Vec<String> {
    let off = off.min(text.len());
    let line_start = text[..off].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[off..].find('\n').map_or(text.len(), |i| off + i);
    let line = &text[line_start..line_end];
    let key_re = crate::text::scan::static_regex!(
        r#"(?:^|[\s{,\-])("[^"]*"|'[^']*'|[^\s{}\[\],:"'#][^{}\[\],:#]*?)\s*:(?:\s|$)"#
    );
    let unquote = |k: &str| k.trim().trim_matches(['"', '\'']).to_owned();
    // Flow keys on this line before the offset, tracking `{`/`}` nesting.
    let mut flow: Vec<String> = Vec::new();
    let before = &line[..off - line_start];
    let mut depth_keys: Vec<Option<String>> = vec![None];
    let mut last = 0;
    for (i, c) in before.char_indices() {
        if matches!(c, '{' | '}') {
            if let Some(k) = key_re.captures_iter(&before[last..i]).last() {
                *depth_keys.last_mut().expect("non-empty") = Some(unquote(&k[1]));
            }
            last = i + 1;
            if c == '{' {
                depth_keys.push(None);
            } else if depth_keys.len() > 1 {
                depth_keys.pop();
            }
        }
    }
    if let Some(k) = key_re.captures_iter(&before[last..]).last() {
        *depth_keys.last_mut().expect("non-empty") = Some(unquote(&k[1]));
    }
    flow.extend(depth_keys.into_iter().flatten());
    // Parents by indentation (block style).
    let indent_of = |l: &str| l.len() - l.trim_start_matches([' ', '-']).len();
    let mut indent = indent_of(line);
    let mut parents = Vec::new();
    if indent > 0 {
        for l in text[..line_start].lines().rev() {
            let t = l.trim();
            if t.is_empty() || t.starts_with('#') {
                continue;
            }
            let ind = indent_of(l);
            if ind < indent {
                if let Some(k) = key_re.captures(l.trim_start_matches([' ', '-'])) {
                    parents.push(unquote(&k[1]));
                }
                indent = ind;
                if ind == 0 {
                    break;
                }
            }
        }
    }
    parents.reverse();
    parents.extend(flow);
    // An error reported at a key (「S005: [1]」 at 「S005」) is about that key's value.
    if let Some(k) = key_re.captures(&line[off - line_start..])
        && k.get(0).is_some_and(|m| m.start() == 0)
    {
        parents.push(unquote(&k[1]));
    }
    parents
}

/// Translate a serde-saphyr error into a Japanese report naming the key and the valid choices.
pub(super) fn yaml_error(label: &str, text: &str, e: &serde_saphyr::Error) -> FileReport {
    let raw = e.without_snippet().to_string();
    let first = raw.lines().next().unwrap_or("").trim();
    let mut msg = first.strip_prefix("error: ").unwrap_or(first).to_owned();
    if let Some((head, rest)) = msg.split_once(": ")
        && head.starts_with("line ")
    {
        msg = rest.to_owned();
    }
    if let Some(i) = msg.rfind(" at line ")
        && msg[i..].contains("column")
    {
        msg.truncate(i);
    }
    let span = e
        .location()
        .map(|l| one_char(text, offset_of(text, l.line(), l.column())));
    let path = span
        .as_ref()
        .map(|s| key_path(text, s.start))
        .unwrap_or_default();
    let name = |p: &[String]| super::short(&p.join("."));
    let choices = |list: &str| -> Vec<String> {
        list.replace(" or ", ", ")
            .split(", ")
            .map(|s| s.trim().trim_matches('`').to_owned())
            .filter(|s| !s.is_empty())
            .collect()
    };
    let (message, help) = if let Some(rest) = msg.strip_prefix("unknown field `") {
        let (field, tail) = rest.split_once('`').unwrap_or((rest, ""));
        let valid = tail
            .split_once("expected one of ")
            .or_else(|| tail.split_once("expected "))
            .map(|(_, l)| choices(l))
            .unwrap_or_else(|| KEYS.iter().map(|s| s.to_string()).collect());
        let mut help = format!("有効なキー: {}", valid.join(", "));
        if let Some(g) = did_you_mean(field, valid.iter().map(String::as_str)) {
            help = format!("もしかして `{g}` ですか？ {help}");
        }
        let parent = if path.len() > 1 {
            format!("{}: ", name(&path[..path.len() - 1]))
        } else {
            String::new()
        };
        (
            format!("{parent}未知のキー `{}` です", super::short(field)),
            help,
        )
    } else if let Some(rest) = msg.strip_prefix("unknown variant `") {
        let (value, tail) = rest.split_once('`').unwrap_or((rest, ""));
        let valid = tail
            .split_once("expected one of ")
            .or_else(|| tail.split_once("expected "))
            .map(|(_, l)| choices(l))
            .unwrap_or_default();
        let mut help = format!("有効な値: {}", valid.join(", "));
        if let Some(g) = did_you_mean(value, valid.iter().map(String::as_str)) {
            help = format!("もしかして `{g}` ですか？ {help}");
        }
        (
            format!("{}: `{}` は使えません", name(&path), super::short(value)),
            help,
        )
    } else if msg.starts_with("duplicate mapping key") {
        let key = msg
            .trim_start_matches("duplicate mapping key:")
            .split(',')
            .next()
            .unwrap_or("")
            .trim()
            .to_owned();
        (
            format!("キー `{}` が2回書かれています", super::short(&key)),
            "どちらか一方にまとめる".to_owned(),
        )
    } else {
        let key = name(&path);
        let shape = shape_of(path.first().map(String::as_str).unwrap_or(""));
        let what = if msg.starts_with("invalid u") || msg.starts_with("invalid i") {
            Some("整数ではありません")
        } else if msg.contains("expected sequence") {
            Some("リストではありません")
        } else if msg.contains("expected mapping") {
            Some("対応表（キー: 値）ではありません")
        } else if msg.contains("invalid type") {
            Some("想定と違う型です")
        } else {
            None
        };
        let message = match (what, key.is_empty()) {
            (Some(w), false) => format!("`{key}` の値が{w}"),
            (Some(w), true) => format!("設定ファイルの最上位が{w}"),
            (None, false) => format!(
                "`{key}` を解釈できません（{}）",
                crate::text::visible::excerpt(&msg, 200)
            ),
            (None, true) => format!(
                "YAML を解釈できません（{}）",
                crate::text::visible::excerpt(&msg, 200)
            ),
        };
        (message, shape)
    };
    error_report(label, text, vec![issue(span, message, Some(help))])
}

/// The expected shape of a top-level key, for error help.
fn shape_of(key: &str) -> String {
    match key {
        "rules" => "形: `rules: {S005: {severity: error, max-sentence-chars: 100}, S002: off}`（重大度は off, info, warning, error）".into(),
        "abbreviations" => "形: `abbreviations: {PMO: プロジェクト管理の専任組織}`（略語: 説明）".into(),
        "allowed-abbreviations" => "形: `allowed-abbreviations: [PMO, IaC]`（略語のリスト）".into(),
        "banned" => "形: `banned: {製品名: 一般名}`（禁止語: 言い換え）".into(),
        "library" => "形: `library: mylib`（設定ファイルのフォルダからの相対パス）".into(),
        "counting" => "形: `counting: cbt`（cbt または genkou）".into(),
        "fail-on" => "形: `fail-on: error`（error, warning, info）".into(),
        "min-score" => "形: `min-score: 60`（0〜100 の整数）".into(),
        "kinds" => "形: `kinds: {\"essays/**\": essay, \"modules/**\": module}`".into(),
        "include" | "exclude" => format!("形: `{key}: [\"essays/**\"]`（glob のリスト）"),
        _ => format!("有効なキー: {}", KEYS.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_paths() {
        let t = "rules:\n  S005:\n    max: x\n  S006: {severity: e, max: y}\n";
        assert_eq!(
            key_path(t, t.find(": x").unwrap() + 2),
            vec!["rules", "S005", "max"]
        );
        assert_eq!(
            key_path(t, t.find(": y").unwrap() + 2),
            vec!["rules", "S006", "max"]
        );
    }
}
