use crate::lint::rule::{Document, declare_rule};
use crate::text::scan as util;
use crate::lint::rule::Context;

declare_rule! {
    /// ## 何を検出するか
    /// 曖昧な表現: 「と思われる」「と思う」「かもしれない」「であろう」「だろう」「気がする」「おそらく」「たぶん」。
    /// 推量の「と考えられる」「と推測される」「と言える」「と見られる」は、1ファイルに3回以上あるときだけ3回目以降を報告する。
    /// フォーマットそのものである「と考えたからである」「と判断した」と、「多分野」「多分に」は対象外。
    ///
    /// ## なぜ問題か
    /// 自分の経験を述べる論文で推量を多用すると、実体験の記述に見えず、判断の根拠も弱く見える
    /// （自己採点表 ⑧「曖昧表現が多すぎない」）。
    ///
    /// ## 誤検知しないもの
    /// - フォーマットの「と考えたからである」「と判断した」と、「多分野」「多分に」。
    ///   正: 「多分野の部署から要員を集めることが必要だと判断した。」
    ///
    /// ## 例
    /// 誤: 「この対策で障害は減ったと思われる。」
    /// 正: 「この対策で障害は月8件から3件に減った。」
    ///
    /// ## 設定
    /// なし。
    pub(crate) static AMBIGUOUS_EXPRESSION = {
        code: "S007",
        name: "ambiguous-expression",
        summary: "曖昧な表現（「と思われる」「かもしれない」など）",
        severity: Warning,
        scope: Both,
        check: check,
    };
}

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    let strong = util::static_regex!(
        r"と思われる|と思う|と思った|かもしれない|かもしれず|であろう|だろう|気がする|おそらく|たぶん|多分"
    );
    let mild = util::static_regex!(r"と考えられる|と推測される|と言える|といえる|と見られる");
    let mut mild_count = 0;
    for (r, p) in doc.prose() {
        for m in strong.find_iter(p) {
            // 「多分野」「多分に含む」 are not guesses.
            if m.as_str() == "多分" && p[m.end()..].starts_with(['野', 'に']) {
                continue;
            }
            let abs = r.start + m.start();
            ctx.report(
                Some(abs..abs + m.len()),
                format!("曖昧な表現「{}」があります", m.as_str()),
            )
            .label("推量")
            .help("事実や数値で言い切る（「〜した」「〜である」）");
        }
        for m in mild.find_iter(p) {
            mild_count += 1;
            if mild_count >= 3 {
                let abs = r.start + m.start();
                ctx.report(
                    Some(abs..abs + m.len()),
                    format!("推量の表現「{}」が{mild_count}回目です", m.as_str()),
                )
                .label("推量の多用")
                .help("根拠（数値・事実）を示して言い切る");
            }
        }
    }
}
