use crate::lint::rule::{Document, declare_rule};
use crate::text::scan as util;
use crate::document::{LineKind, lists};
use crate::lint::rule::Context;

declare_rule! {
    /// ## 何を検出するか
    /// 箇条書きと列挙: 行頭の「・」「-」「*」「●」「■」「1.」「1)」「(1)」「①」「a.」で始まる行（続けて並んだ
    /// 行は一つの箇条書きとして1回だけ指摘する）と、文中の「(1)…(2)…」「①…②…」の列挙（最初の記号を
    /// 1回だけ指摘する）。
    ///
    /// ## なぜ問題か
    /// 論述の制約は「箇条書きや(1)などは使わず、文章形式で記述する」。論述式試験では
    /// 箇条書きは論述とみなされず、因果や判断の理由が書かれないため減点される。
    ///
    /// ## 誤検知しないもの
    /// - 見出し: 短く（40字以内）、句点が無く、本文の前に置いた行（■ITサービスの概要、◆特徴、【背景】、
    ///   1.課題を達成するための施策、2．システムテストの内容、1.1 ITサービスの概要、第1章、（1）移行方式の選択）。
    ///   同じ記号の行が2行以上続くと箇条書きとみなす。「・」「-」「①」「1)」「a.」で始まる行は見出しにならない。
    ///   正: 「■ITサービスの概要\nA社は取引サービスを提供している。\n◆特徴\n利用は平日の9時から18時に集中する。」
    ///   正: 「2.1 移行の計画\n（1）移行方式の選択\n私は一斉に切り替える方式を選んだ。\n（2）切戻しの基準\n判断の時刻を翌朝6時とした。」
    /// - 一つの番号を指す文中の括弧（手順(4)、表(2)、ステップ（3））。
    ///   正: 「担当者は手順(4)を飛ばして手順(5)の集計処理を実行した。」
    /// - 数値の括弧（（3件）、(30分)）、数値で始まる行（99.9%の稼働率…、1.5倍に…、-5%）、行頭の太字「**」。
    ///   正: 「障害は（3件）あり、99.9%の稼働率を保った。」
    ///
    /// ## 例
    /// 誤: 「・監視の強化\n・手順書の整備」
    /// 正: 「■監視の強化\nまず監視項目を見直し、次に切り分け手順を手順書にまとめた。」
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

/// The number an inline marker stands for (「(2)」「（２）」「②」).
fn marker_number(m: &str) -> u32 {
    m.chars()
        .filter_map(|c| match c {
            '0'..='9' => c.to_digit(10),
            '０'..='９' => Some(c as u32 - '０' as u32),
            _ => None,
        })
        .fold(None, |acc: Option<u32>, d| Some(acc.unwrap_or(0) * 10 + d))
        .or_else(|| m.chars().next().map(|c| c as u32 - '①' as u32 + 1))
        .unwrap_or(0)
}

/// A bracketed number that refers to one numbered thing (「手順(4)」「表(2)」「ステップ（3）」)
/// rather than enumerating.
fn is_reference(before: &str) -> bool {
    let words = [
        "手順", "項番", "ステップ", "表", "図", "別紙", "番号", "No.", "式", "資料", "付録", "問",
        "条", "欄", "工程", "フェーズ", "段階", "レベル", "設問", "第",
    ];
    let b = before.trim_end();
    words.iter().any(|w| b.ends_with(w))
}

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    let text = doc.text;
    // Line-start items: marked lines the parser did not take for headings, one finding per list
    // (consecutive items of one family, blank lines between them allowed).
    let content: Vec<_> = doc
        .lines
        .iter()
        .filter(|l| matches!(l.kind, LineKind::Text | LineKind::Heading))
        .collect();
    let item = |l: &crate::document::Line| {
        let raw = &text[l.range.clone()];
        let t = raw.trim_start();
        if l.kind != LineKind::Text || t.starts_with('#') {
            return None;
        }
        lists::line_mark(t).map(|m| (l.range.start + (raw.len() - t.len()), m))
    };
    let mut k = 0;
    while k < content.len() {
        let Some((start, mark)) = item(content[k]) else {
            k += 1;
            continue;
        };
        let mut last = k;
        while last + 1 < content.len()
            && item(content[last + 1]).is_some_and(|(_, m)| m.family == mark.family)
        {
            last += 1;
        }
        let end = content[last].range.start + text[content[last].range.clone()].trim_end().len();
        let symbol = &text[start..start + mark.len];
        let n = last - k + 1;
        let d = if n == 1 {
            ctx.report(
                Some(start..end),
                format!("箇条書き（「{symbol}」で始まる行）は使えません"),
            )
        } else {
            ctx.report(
                Some(start..end),
                format!("箇条書き（「{symbol}」で始まる{n}行）は使えません"),
            )
        };
        d.label("箇条書き")
            .help("論述は文章で書く。「まず〜、次に〜」「第一に〜」のように文でつなぐ（見出しなら短くし、句点を付けず、本文の前に置く）");
        k = last + 1;
    }
    // Inline enumerations inside prose: 「(1)…(2)…」「①…②…」, one finding per enumeration at
    // its first marker (a new enumeration starts when the numbers stop rising). A reference to one
    // numbered item (「手順(4)」) is not an enumeration.
    let inline = util::static_regex!(r"[（(][0-9０-９]{1,2}[)）]|[①-⑳]");
    for (r, p) in doc.prose() {
        // Whether the current line has text before the match, kept incrementally so that a long
        // line with many markers stays linear.
        let (mut scanned, mut line_has_text) = (0, false);
        // The number of the latest marker of the current enumeration.
        let mut prev: Option<u32> = None;
        for m in inline.find_iter(p) {
            for c in p[scanned..m.start()].chars() {
                if c == '\n' {
                    line_has_text = false;
                } else if !c.is_whitespace() {
                    line_has_text = true;
                }
            }
            scanned = m.start();
            // Line-start markers are the list items above.
            if !line_has_text || is_reference(&p[..m.start()]) {
                continue;
            }
            let num = marker_number(m.as_str());
            let continues = prev.is_some_and(|p| num > p);
            prev = Some(num);
            if continues {
                continue;
            }
            let abs = r.start + m.start();
            ctx.report(
                Some(abs..abs + m.len()),
                format!("文中の列挙（「{}」…）は使えません", m.as_str()),
            )
            .label("列挙記号")
            .help("「第一に」「次に」などの接続語を使って文章で書く");
        }
    }
}
