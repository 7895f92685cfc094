use crate::document::LineKind;
use crate::lint::rule::Context;
use crate::lint::rule::{Document, declare_rule};
use crate::text::scan as util;

declare_rule! {
    /// ## 何を検出するか
    /// 書き上げる前の伏せ字・穴埋めが残っていること: 「〇〇件」「○○部」「××システム」「XX社」
    /// 「△△」のように、同じ記号を2つ以上並べたもの。
    ///
    /// ## なぜ問題か
    /// 伏せ字は骨子や下書きで後から埋めるための印であり、そのまま答案に残すと、その部分の
    /// 事実（件数・名称）が書かれていないことになる。採点者には書き上げていない答案に見える。
    ///
    /// ## 誤検知しないもの
    /// - 1文字の架空の名前（「X社」「Q社」）、漢数字の〇（「二〇二四年」）、「XXL」のような英単語の一部。
    ///   正: 「二〇二四年からX社とQ社の2社に保守を委託している。」
    ///
    /// ## 例
    /// 誤: 「同じ障害が毎月〇〇件発生していた。」
    /// 正: 「同じ障害が毎月5件から8件発生していた。」
    ///
    /// ## 設定
    /// なし。
    pub(crate) static PLACEHOLDER_LEFT = {
        code: "S014",
        name: "placeholder-left",
        summary: "伏せ字・穴埋め（〇〇件、××システム、XX社）が残っている",
        severity: Error,
        scope: Both,
        check: check,
    };
}

/// Is `tok` a placeholder such as 「XX」「ＸＸＸ」「xx」 (an alphanumeric run of only X)?
pub(crate) fn is_placeholder_token(tok: &str) -> bool {
    tok.chars().count() >= 2 && tok.chars().all(|c| matches!(c, 'X' | 'x' | 'Ｘ' | 'ｘ'))
}

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    let re = util::static_regex!(r"〇{2,}|○{2,}|◯{2,}|[×✕╳]{2,}|△{2,}|▲{2,}|[XxＸｘ]{2,}");
    let kanji_numeral = |c: Option<char>| {
        c.is_some_and(|c| "一二三四五六七八九十百千万億〇".contains(c))
    };
    let letter = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() && !util::is_japanese(c));
    for line in doc
        .lines
        .iter()
        .filter(|l| matches!(l.kind, LineKind::Text | LineKind::Heading))
    {
        let t = &doc.text[line.range.clone()];
        for m in re.find_iter(t) {
            let before = t[..m.start()].chars().next_back();
            let after = t[m.end()..].chars().next();
            let s = m.as_str();
            if s.starts_with('〇') && (kanji_numeral(before) || kanji_numeral(after)) {
                continue;
            }
            if is_placeholder_token(s) && (letter(before) || letter(after)) {
                continue;
            }
            let at = line.range.start + m.start();
            ctx.report(
                Some(at..at + s.len()),
                format!("伏せ字「{s}」が残っています"),
            )
            .label("伏せ字")
            .help("実際の件数・名称（架空の事例なら「A社」のような1文字の名前）を書く");
        }
    }
}
