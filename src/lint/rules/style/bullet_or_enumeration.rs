use crate::lint::rule::{Document, Kind, declare_rule};
use crate::text::scan as util;
use crate::document::LineKind;
use crate::lint::rule::Context;

declare_rule! {
    /// ## 何を検出するか
    /// 箇条書きと列挙: 行頭の「・」「-」「*」「●」「1.」「1)」「(1)」「①」「a.」と、文中の「(1)」「①」。
    /// 論文の章・節見出し（「1.1 ITサービスの概要」のように句点が無く、番号が階層になっている行、
    /// または単独の「1. はじめに」）と、数値の括弧（「（3件）」「(30分)」）、
    /// 数値で始まる行（「99.9%の稼働率を…」「1.5倍に…」「-5%」）、行頭の太字「**」は対象外。
    ///
    /// ## なぜ問題か
    /// 論述の制約は「箇条書きや(1)などは使わず、文章形式で記述する」。論述式試験では
    /// 箇条書きは論述とみなされず、因果や判断の理由が書かれないため減点される。
    ///
    /// ## 例
    /// 誤: 「・監視の強化\n・手順書の整備」
    /// 正: 「まず監視項目を見直し、次に切り分け手順を手順書にまとめた。」
    ///
    /// ## 設定
    /// なし。
    pub(crate) static BULLET_OR_ENUMERATION = {
        code: "S001",
        name: "bullet-or-enumeration",
        summary: "箇条書き・「(1)」「①」などの列挙",
        severity: Error,
        scope: Both,
        check: check,
    };
}

fn line_marker(t: &str) -> Option<usize> {
    let re = util::static_regex!(
        r"^(?:[-*+・●○◆◇■□▶►]\s*|[0-9０-９]{1,2}[.．)）]\s*|[（(][0-9０-９]{1,2}[)）]\s*|[①-⑳]\s*|[a-zａ-ｚ][.)）]\s+)"
    );
    let m = re.find(t)?;
    let marker = m.as_str().trim_end();
    let next = t[marker.len()..].chars().next();
    let digit_next = next.is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
    // Not a marker: a decimal or a section number (「1.5倍」「99.9%」「1.1 概要」),
    // a signed value (「-5%」「+3件」) or Markdown bold (「**強調**」).
    let not_marker = match marker {
        "-" | "+" => digit_next,
        "*" => next == Some('*'),
        _ => marker.ends_with(['.', '．']) && digit_next,
    };
    (!not_marker).then(|| m.end())
}

/// A single-level section number such as 「1. はじめに」 (not 「1.1 概要」).
fn single_level_number(t: &str) -> bool {
    util::static_regex!(r"^[0-9０-９]{1,2}[.．](?:\s+\S|[^0-9０-９\s])").is_match(t)
}

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    let text = doc.text;
    let lines: Vec<_> = doc
        .lines
        .iter()
        .filter(|l| matches!(l.kind, LineKind::Text | LineKind::Heading))
        .collect();
    for (i, l) in lines.iter().enumerate() {
        let raw = &text[l.range.clone()];
        let t = raw.trim_start();
        if t.starts_with('#') {
            continue;
        }
        let indent = raw.len() - t.len();
        let Some(len) = line_marker(t) else { continue };
        if doc.kind == Kind::Essay && l.kind == LineKind::Heading {
            // A numbered section title is fine unless a neighbouring line is also a list item.
            let neighbour_is_item = |j: Option<&&crate::document::Line>| {
                j.is_some_and(|n| {
                    let nt = text[n.range.clone()].trim_start();
                    let adjacent = n.range.start.abs_diff(l.range.end) <= 2
                        || l.range.start.abs_diff(n.range.end) <= 2;
                    single_level_number(nt) && n.kind == LineKind::Heading && adjacent
                        || (line_marker(nt).is_some() && !single_level_number(nt))
                })
            };
            let prev = i.checked_sub(1).and_then(|p| lines.get(p));
            let next = lines.get(i + 1);
            if !single_level_number(t) || !(neighbour_is_item(prev) || neighbour_is_item(next)) {
                continue;
            }
        }
        let start = l.range.start + indent;
        let marker = text[start..start + len].trim_end();
        ctx.report(
            Some(start..start + marker.len()),
            format!("箇条書き・列挙（「{marker}」）は使えません"),
        )
        .label("行頭の列挙記号")
        .help("論述は文章で書く。「まず〜、次に〜」「第一に〜」のように文でつなぐ");
    }
    // Inline enumerations inside prose: 「(1)」「①」 not followed by a unit.
    let inline = util::static_regex!(r"[（(][0-9０-９]{1,2}[)）]|[①-⑳]");
    for (r, p) in doc.prose() {
        // Whether the current line has text before the match, kept incrementally so that a long
        // line with many markers stays linear.
        let (mut scanned, mut line_has_text) = (0, false);
        for m in inline.find_iter(p) {
            let abs = r.start + m.start();
            for c in p[scanned..m.start()].chars() {
                if c == '\n' {
                    line_has_text = false;
                } else if !c.is_whitespace() {
                    line_has_text = true;
                }
            }
            scanned = m.start();
            // Skip the line-start markers already reported.
            if !line_has_text {
                continue;
            }
            ctx.report(
                Some(abs..abs + m.len()),
                format!("文中の列挙（「{}」）は使えません", m.as_str()),
            )
            .label("列挙記号")
            .help("「第一に」「次に」などの接続語を使って文章で書く");
        }
    }
}
