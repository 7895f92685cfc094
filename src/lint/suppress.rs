//! Inline suppression comments in the linted text:
//!
//! - `<!-- itsm-disable S002, S005 -->` … `<!-- itsm-enable -->` (or `<!-- itsm-enable S002 -->`):
//!   the rules are off from the line after the comment to the enable comment (or the end of the file);
//! - `<!-- itsm-disable-next-line S002 -->`: off on the next non-blank line only;
//! - without codes a comment covers every rule.
//!
//! Rules are named by code or kebab-case name, separated by commas, 「、」 or spaces. A comment
//! must stand on its own line (outside front matter and fenced code). A finding is suppressed when
//! its span starts in a covered range; a finding on the whole file (no span) only by a disable
//! comment placed before any text and never re-enabled.
//!
//! A suppression that suppressed nothing is reported as `X001 unused-suppression`, an unknown rule
//! or directive as `X002 invalid-suppression`. Those two can be configured (`rules:` in
//! `itsm.yaml`) but not suppressed by comments. This module runs after every rule (it needs their
//! findings) and never sees flags or files.

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::FrontMatter;
use crate::lint::registry::{self, RULES};
use crate::lint::{Settings, effective_severity};
use crate::text::did_you_mean;
use std::ops::Range;

/// What a directive does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Disable,
    Enable,
    DisableNextLine,
}

/// One rule named in a directive: its text span and the rule code it resolves to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub span: Range<usize>,
    pub text: String,
    /// `None` when the name matches no rule.
    pub code: Option<&'static str>,
}

/// A parsed `<!-- itsm-… -->` comment line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    /// `None` for an unknown directive such as `itsm-disabel`.
    pub action: Option<Action>,
    /// The directive word (`itsm-disable` …) and its span.
    pub word: String,
    pub word_span: Range<usize>,
    /// The whole comment (trimmed line).
    pub span: Range<usize>,
    /// Byte offset just past the comment line (including its newline).
    pub line_end: usize,
    /// Named rules; empty means every rule.
    pub targets: Vec<Target>,
}

const ACTIONS: [&str; 3] = ["itsm-disable", "itsm-enable", "itsm-disable-next-line"];

/// Find every directive in `text`, in order.
pub fn parse(text: &str) -> Vec<Directive> {
    let mut out = Vec::new();
    let mut off = 0;
    let front_end = front_matter_end(text);
    let mut fence: Option<&str> = None;
    for raw in text.split_inclusive('\n') {
        let start = off;
        off += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        let t = line.trim();
        if start < front_end {
            continue;
        }
        if let Some(f) = fence {
            if t.starts_with(f) {
                fence = None;
            }
            continue;
        }
        if t.starts_with("```") {
            fence = Some("```");
            continue;
        }
        if t.starts_with("~~~") {
            fence = Some("~~~");
            continue;
        }
        let Some(inner) = t.strip_prefix("<!--").and_then(|x| x.strip_suffix("-->")) else {
            continue;
        };
        let lead = line.len() - line.trim_start().len();
        let inner_start = start + lead + 4;
        let body = inner.trim_start();
        let body_start = inner_start + (inner.len() - body.len());
        let body = body.trim_end();
        if !body
            .get(..5)
            .is_some_and(|p| p.eq_ignore_ascii_case("itsm-"))
        {
            continue;
        }
        let word_len = body.find(char::is_whitespace).unwrap_or(body.len());
        let word = &body[..word_len];
        let action = match word.to_ascii_lowercase().as_str() {
            "itsm-disable" => Some(Action::Disable),
            "itsm-enable" => Some(Action::Enable),
            "itsm-disable-next-line" => Some(Action::DisableNextLine),
            _ => None,
        };
        let mut targets = Vec::new();
        let rest = &body[word_len..];
        let rest_start = body_start + word_len;
        let mut pos = 0;
        for piece in rest.split([',', '、', '，', ' ', '\t', '　']) {
            if !piece.is_empty() {
                let s = rest_start + pos;
                targets.push(Target {
                    span: s..s + piece.len(),
                    text: piece.to_owned(),
                    code: registry::find(piece).map(|r| r.code),
                });
            }
            pos += piece.len()
                + rest[pos + piece.len()..]
                    .chars()
                    .next()
                    .map_or(0, char::len_utf8);
        }
        out.push(Directive {
            action,
            word: word.to_owned(),
            word_span: body_start..body_start + word_len,
            span: start + lead..start + line.len(),
            line_end: off,
            targets,
        });
    }
    out
}

/// Codes that comments cannot suppress (the suppression reports themselves).
fn is_suppression_code(code: &str) -> bool {
    matches!(code, "X001" | "X002")
}

/// One covered range of one directive target (or of "every rule" when `code` is `None`).
#[derive(Debug)]
struct Region {
    code: Option<&'static str>,
    range: Range<usize>,
    /// Index into the directive list and into its targets (`None` = the whole comment).
    directive: usize,
    target: Option<usize>,
    /// A disable region that starts before any text and runs to the end covers whole-file findings.
    whole_file: bool,
    used: bool,
}

/// Byte offset of the first line that is text (not blank, not a comment line, not front matter).
fn first_content(text: &str) -> usize {
    let mut off = 0;
    let front_end = front_matter_end(text);
    for raw in text.split_inclusive('\n') {
        let t = raw.trim();
        let start = off;
        off += raw.len();
        if start < front_end {
            continue;
        }
        if t.is_empty() || (t.starts_with("<!--") && t.ends_with("-->")) {
            continue;
        }
        return start;
    }
    text.len()
}

/// Where the front matter (if any) ends: directives inside it are not directives.
fn front_matter_end(text: &str) -> usize {
    FrontMatter::parse(text).map_or(0, |f| f.range.end)
}

/// Range of the next non-blank line after `from`, if any.
fn next_line(text: &str, from: usize) -> Option<Range<usize>> {
    let mut off = from;
    for raw in text[from..].split_inclusive('\n') {
        let start = off;
        off += raw.len();
        if !raw.trim().is_empty() {
            return Some(start..off);
        }
    }
    None
}

fn rule(code: &str) -> &'static crate::lint::rule::Rule {
    registry::find(code).expect("suppression rules are registered")
}

/// Report of a suppression rule at its configured severity, or nothing when it is off.
fn report(
    settings: &Settings,
    code: &str,
    span: Range<usize>,
    message: String,
    help: String,
) -> Option<Diagnostic> {
    let r = rule(code);
    let sev: Severity = effective_severity(settings, r)?;
    Some(
        Diagnostic::new(r.code, r.name, sev, message)
            .with_span(span)
            .with_help(help),
    )
}

/// Drop suppressed findings from `diagnostics` and add X001/X002 findings.
pub fn apply(text: &str, diagnostics: &mut Vec<Diagnostic>, settings: &Settings) {
    let directives = parse(text);
    if directives.is_empty() {
        return;
    }
    let mut extra = Vec::new();
    let mut regions: Vec<Region> = Vec::new();
    let content_start = first_content(text);
    for (di, d) in directives.iter().enumerate() {
        let Some(action) = d.action else {
            let guess = did_you_mean(&d.word.to_ascii_lowercase(), ACTIONS);
            let mut help = format!("使える抑制コメント: {}", ACTIONS.join(", "));
            if let Some(g) = guess {
                help = format!("もしかして `{g}` ですか？ {help}");
            }
            extra.extend(report(
                settings,
                "X002",
                d.word_span.clone(),
                format!("未知の抑制コメント `{}` です", d.word),
                help,
            ));
            continue;
        };
        // Resolve the named rules; unknown ones are reported and ignored.
        let mut codes: Vec<(Option<usize>, Option<&'static str>)> = Vec::new();
        for (ti, t) in d.targets.iter().enumerate() {
            match t.code {
                Some(c) if is_suppression_code(c) => extra.extend(report(
                    settings,
                    "X002",
                    t.span.clone(),
                    format!("{c} は抑制コメントでは止められません"),
                    format!("itsm.yaml の `rules: {{{c}: off}}` で無効にする"),
                )),
                Some(c) => codes.push((Some(ti), Some(c))),
                None => {
                    let mut valid: Vec<&str> = RULES.iter().map(|r| r.code).collect();
                    valid.extend(RULES.iter().map(|r| r.name));
                    let guess = did_you_mean(&t.text.to_ascii_uppercase(), valid.iter().copied())
                        .or_else(|| did_you_mean(&t.text, valid.iter().copied()));
                    let help = match guess {
                        Some(g) => format!(
                            "もしかして `{g}` ですか？ 規則の一覧は `itsm list rules` で表示できます"
                        ),
                        None => "規則の一覧は `itsm list rules` で表示できます".to_owned(),
                    };
                    extra.extend(report(
                        settings,
                        "X002",
                        t.span.clone(),
                        format!("抑制コメントの規則 `{}` はありません", t.text),
                        help,
                    ));
                }
            }
        }
        if d.targets.is_empty() {
            codes.push((None, None));
        } else if codes.is_empty() {
            continue;
        }
        match action {
            Action::Disable => {
                for (ti, code) in codes {
                    regions.push(Region {
                        code,
                        range: d.line_end..text.len(),
                        directive: di,
                        target: ti,
                        whole_file: d.span.start < content_start,
                        used: false,
                    });
                }
            }
            Action::DisableNextLine => match next_line(text, d.line_end) {
                Some(r) => {
                    for (ti, code) in codes {
                        regions.push(Region {
                            code,
                            range: r.clone(),
                            directive: di,
                            target: ti,
                            whole_file: false,
                            used: false,
                        });
                    }
                }
                None => extra.extend(report(
                    settings,
                    "X001",
                    d.span.clone(),
                    "`itsm-disable-next-line` の後に行がありません".to_owned(),
                    "不要な抑制コメントを削除する".to_owned(),
                )),
            },
            Action::Enable => {
                let mut closed = false;
                for reg in regions.iter_mut().filter(|r| {
                    r.range.end == text.len()
                        && r.range.start <= d.span.start
                        && directives[r.directive].action == Some(Action::Disable)
                }) {
                    let hit = match codes.as_slice() {
                        [(None, None)] => true,
                        list => list.iter().any(|(_, c)| *c == reg.code),
                    };
                    if hit {
                        reg.range.end = d.span.start;
                        reg.whole_file = false;
                        closed = true;
                    }
                }
                if !closed {
                    extra.extend(report(
                        settings,
                        "X001",
                        d.span.clone(),
                        "対応する `itsm-disable` がない `itsm-enable` です".to_owned(),
                        "不要な抑制コメントを削除する".to_owned(),
                    ));
                }
            }
        }
    }
    diagnostics.retain(|diag| {
        if is_suppression_code(diag.code) {
            return true;
        }
        let mut suppressed = false;
        for reg in regions.iter_mut() {
            if reg.code.is_some_and(|c| c != diag.code) {
                continue;
            }
            let covers = match &diag.span {
                Some(s) => reg.range.contains(&s.start),
                None => reg.whole_file && reg.range.end == text.len(),
            };
            if covers {
                reg.used = true;
                suppressed = true;
            }
        }
        !suppressed
    });
    for reg in &regions {
        if reg.used {
            continue;
        }
        // A rule turned off in the configuration has nothing to suppress; not worth a warning.
        if let Some(c) = reg.code
            && registry::find(c).is_some_and(|r| effective_severity(settings, r).is_none())
        {
            continue;
        }
        let d = &directives[reg.directive];
        let (span, what) = match reg.target {
            Some(ti) => (d.targets[ti].span.clone(), d.targets[ti].text.clone()),
            None => (d.span.clone(), "すべての規則".to_owned()),
        };
        extra.extend(report(
            settings,
            "X001",
            span,
            format!("抑制コメントの {what} は何も抑制していません"),
            "指摘が無くなったのなら、この抑制コメントを削除する".to_owned(),
        ));
    }
    diagnostics.extend(extra);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_codes_names_and_separators() {
        let t = "本文。\n<!-- itsm-disable S002, sentence-too-long、S0x -->\n```\n<!-- itsm-enable -->\n```\n";
        let d = parse(t);
        assert_eq!(
            d.len(),
            1,
            "a comment inside fenced code is not a directive"
        );
        assert_eq!(d[0].action, Some(Action::Disable));
        let codes: Vec<Option<&str>> = d[0].targets.iter().map(|x| x.code).collect();
        assert_eq!(codes, vec![Some("S002"), Some("S005"), None]);
        let texts: Vec<&str> = d[0].targets.iter().map(|x| &t[x.span.clone()]).collect();
        assert_eq!(texts, vec!["S002", "sentence-too-long", "S0x"]);
    }

    #[test]
    fn unknown_directive_word() {
        let t = "<!-- itsm-disabel S002 -->\n";
        let d = parse(t);
        assert_eq!(d[0].action, None);
        assert_eq!(&t[d[0].word_span.clone()], "itsm-disabel");
    }
}
