//! Control characters made visible before text reaches a terminal or a log.
//!
//! File names, quoted evidence and messages can carry bytes from the input: an ESC starts a
//! colour or OSC 8 hyperlink sequence, BEL rings, CR rewrites the line, C1 `U+009B` is a CSI on
//! some terminals. Every human output (lint, score, count, stderr notes) and the GitHub format
//! pass such strings through [`visible`] (one line) or [`visible_lines`] (newlines kept), so a
//! control character is shown as its Unicode control picture (`␛`, `␇`, `␍`, `␊`) or as
//! `<U+009B>`, never sent raw. JSON and SARIF escape control characters by their own syntax.

use std::borrow::Cow;

/// Whether `c` is sent as-is by [`visible_lines`] (newline and tab) or is a control character.
fn is_control(c: char, keep_newlines: bool) -> bool {
    match c {
        '\n' => !keep_newlines,
        '\t' => false,
        c => c.is_control(),
    }
}

fn picture(c: char, out: &mut String) {
    match c as u32 {
        // C0 → U+2400…U+241F (␀…␟); DEL → ␡.
        n @ 0..=0x1F => out.push(char::from_u32(0x2400 + n).unwrap_or('\u{FFFD}')),
        0x7F => out.push('␡'),
        n => out.push_str(&format!("<U+{n:04X}>")),
    }
}

fn escape(s: &str, keep_newlines: bool) -> Cow<'_, str> {
    if !s.chars().any(|c| is_control(c, keep_newlines)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_control(c, keep_newlines) {
            picture(c, &mut out);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `s` on one line with every control character shown (newline as `␊`; tab kept). For file
/// names and quoted text.
pub fn visible(s: &str) -> Cow<'_, str> {
    escape(s, false)
}

/// `s` with every control character except newline and tab shown. For messages that may span
/// lines (the newlines are the tool's own).
pub fn visible_lines(s: &str) -> Cow<'_, str> {
    escape(s, true)
}

/// A path as shown to people: `display()` with control characters shown and without a
/// leading `./`.
pub fn path(p: &std::path::Path) -> String {
    let s = p.display().to_string();
    let s = match s.strip_prefix("./") {
        Some(rest) if !rest.is_empty() => rest.to_owned(),
        _ => s,
    };
    visible(&s).into_owned()
}

/// At most `max` characters of `s` (control characters shown), with the full length noted when
/// cut: for echoing user-supplied keys and values in errors without echoing megabytes.
pub fn excerpt(s: &str, max: usize) -> String {
    let n = s.chars().count();
    if n <= max {
        return visible(s).into_owned();
    }
    let head: String = s.chars().take(max).collect();
    format!("{}…（全{}文字）", visible(&head), n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_become_pictures() {
        assert_eq!(visible("a\x1b[31mb\x07"), "a␛[31mb␇");
        assert_eq!(visible("x\ny\rz"), "x␊y␍z");
        assert_eq!(visible_lines("x\ny\rz"), "x\ny␍z");
        assert_eq!(visible("\u{9b}2J\u{7f}"), "<U+009B>2J␡");
        assert_eq!(visible("タブ\tは残す"), "タブ\tは残す");
        assert!(matches!(visible("日本語"), Cow::Borrowed(_)));
    }

    #[test]
    fn excerpts_are_short() {
        assert_eq!(excerpt("abc", 5), "abc");
        assert_eq!(excerpt(&"あ".repeat(100), 3), "あああ…（全100文字）");
    }
}
