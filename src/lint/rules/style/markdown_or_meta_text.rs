use crate::lint::rule::{Document, Kind, declare_rule};
use crate::text::scan as util;
use crate::document::LineKind;
use crate::lint::rule::Context;

declare_rule! {
    /// ## 何を検出するか
    /// 清書に残った Markdown の記法やメモ: 「**強調**」「__強調__」、行頭の「>」、数式の「$…$」、
    /// 「【適用事例】」のようなタグ、「モジュール名：」「設問イ用」「（論文用）」のようなメタ記述、
    /// 自分へのメモ（「※要確認※」「（要調整）」「(メモ: 人数は再確認)」「TODO」「TBD」）。
    /// モジュール（1段落）では段落の途中・後にある「#」見出しも対象（段落の上のタイトル行は対象外）。
    /// 論文の「## 設問ア」「1.1 …」の見出しは対象外。
    ///
    /// ## なぜ問題か
    /// 試験の解答は文章のみで、強調や記号は書けない（CBT でも入力はプレーンテキスト）。
    /// メモが残った文章は、そのままでは解答として使えない。
    ///
    /// ## 誤検知しないもの
    /// - 論文の「## 設問ア」「1.1 …」の見出しと、文の中の「要確認の項目」「（仮称）」。
    ///   正: 「## 設問ア\n1.1 ITサービスの概要\nA社は取引サービスを提供している。」
    ///   正: 「要確認の項目を一覧にし、新システム（仮称）の導入の可否を決めた。」
    ///
    /// ## 例
    /// 誤: 「…という**サービス運用上の問題・課題**が…」
    /// 正: 「…というサービス運用上の問題・課題が…」
    ///
    /// ## 設定
    /// なし。
    pub(crate) static MARKDOWN_OR_META_TEXT = {
        code: "S009",
        name: "markdown-or-meta-text",
        summary: "Markdown の強調・タグ・メモ（「**」「【適用事例】」「モジュール名：」）",
        severity: Warning,
        scope: Both,
        check: check,
    };
}

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    let re = util::static_regex!(
        r"(?m)\*\*|__|^[ \t　]*>|\$[^$\n]{1,40}\$|【[^】]{0,20}(事例|モジュール|メモ|論文|設問|ポイント|注|要確認|要調整|要検討)[^】]{0,20}】|モジュール名[：:]|設問[アイウ]用|（論文用）|\(論文用\)|※[^※\n]{1,30}※|※\s*(?:要確認|要調整|要検討|要修正|メモ)|[（(]\s*(?:要確認|要再確認|要調整|要検討|要修正|確認中|未確定|あとで|後で書く|TODO|TBD|FIXME)[^（()）\n]{0,30}[)）]|[（(]\s*(?:メモ|memo|MEMO|Memo)\s*[:：][^（()）\n]{0,60}[)）]|TODO|TBD|FIXME"
    );
    // Prose, plus tag lines (「【適用事例】」) that the parser set aside as headings.
    let tag_lines = doc
        .lines
        .iter()
        .filter(|l| l.kind == LineKind::Heading && doc.text[l.range.clone()].contains('【'))
        .map(|l| (l.range.clone(), &doc.text[l.range.clone()]));
    let mut last_line_reported = usize::MAX;
    for (r, p) in doc.prose().chain(tag_lines) {
        for m in re.find_iter(p) {
            let abs = r.start + m.start() + (m.len() - m.as_str().trim_start().len());
            let s = m.as_str().trim_start();
            // 「TODO」 and the like only as words of their own (not inside 「TBDX」).
            let ascii_word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
            if matches!(s, "TODO" | "TBD" | "FIXME")
                && (ascii_word(p[..m.start()].chars().next_back())
                    || ascii_word(p[m.end()..].chars().next()))
            {
                continue;
            }
            // One report per line and kind of leftover is enough (a bold-heavy line is one problem).
            let line = doc.lines.partition_point(|l| l.range.start <= abs);
            if s == "**" || s == "__" {
                if last_line_reported == line {
                    continue;
                }
                last_line_reported = line;
            }
            ctx.report(
                Some(abs..abs + s.len()),
                format!("清書に残った記法・メモ「{s}」があります"),
            )
            .label("記法・メモ")
            .help("記号やメモを取り除き、文章だけにする");
        }
    }
    if doc.kind == Kind::Module {
        // A title line above the paragraph is file organisation, not prose; headings inside are not.
        let prose_start = doc
            .paragraphs
            .first()
            .map(|p| p.start)
            .unwrap_or(usize::MAX);
        for l in doc
            .lines
            .iter()
            .filter(|l| l.kind == LineKind::Heading && l.range.start > prose_start)
        {
            let t = &doc.text[l.range.clone()];
            if t.trim_start().starts_with('#') {
                let start = l.range.start + (t.len() - t.trim_start().len());
                let hashes = t.trim_start().chars().take_while(|c| *c == '#').count();
                ctx.report(
                    Some(start..start + hashes),
                    "モジュール段落に見出しがあります",
                )
                .label("見出し")
                .help("モジュールは見出しの無い1段落で書く（タイトルはファイル名などで管理する）");
            }
        }
    }
}
