use crate::lint::rule::{Document, declare_rule};
use crate::text::scan as util;
use crate::lint::rule::Context;

declare_rule! {
    /// ## 何を検出するか
    /// 「AからBに（へ）〜した」の増減の向きと動詞の不一致: 減ったのに「向上」「増加」「拡大」、
    /// 増えたのに「短縮」「削減」「減少」「低減」。単位が同じ組だけを見る。
    /// 「1回から4回に分けて待ち時間を短縮した」のように、数値と動詞の間に別の「〜を」「〜が」が入る場合は対象外。
    ///
    /// ## なぜ問題か
    /// 導入前後の比較は設問ウの評価の核心である。向きが逆だと、効果の記述がそのまま誤りになる。
    ///
    /// ## 誤検知しないもの
    /// - 数値と動詞の間に別の「〜を」「〜が」が入る場合（動詞が別の量について述べている）。
    ///   正: 「配信を1回から4回に分けて待ち時間を短縮した。」
    ///
    /// ## 例
    /// 誤: 「平均復旧時間を60分から35分に向上させた。」
    /// 正: 「平均復旧時間を60分から35分に短縮した。」
    ///
    /// ## 設定
    /// なし。
    pub(crate) static CHANGE_DIRECTION_MISMATCH = {
        code: "N003",
        name: "change-direction-mismatch",
        summary: "導入前後の数値の増減と「短縮」「向上」などの動詞が逆",
        severity: Warning,
        scope: Both,
        check: check,
    };
}

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    let re = util::static_regex!(
        r"(?:約|平均)?([0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?)\s*(%|％|件|分|時間|日|営業日|名|人|回|倍|秒|円|万円|億円)(?:程度)?から(?:約|平均)?([0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?)\s*(%|％|件|分|時間|日|営業日|名|人|回|倍|秒|円|万円|億円)(?:以内|以下|以上|未満|程度)?(?:に|へ|まで)と?[^。、をが]{0,10}?(短縮|削減|減少|低減|減ら|減っ|向上|増加|拡大|増や|増え|改善)"
    );
    for s in &doc.sentences {
        let t = doc.sentence_text(s);
        for c in re.captures_iter(t) {
            let percent = |u: &str| matches!(u, "%" | "％");
            if c[2] != c[4] && !(percent(&c[2]) && percent(&c[4])) {
                continue;
            }
            let (Some(a), Some(b)) = (util::parse_number(&c[1]), util::parse_number(&c[3])) else {
                continue;
            };
            let verb = &c[5];
            let down = matches!(verb, "短縮" | "削減" | "減少" | "低減" | "減ら" | "減っ");
            let up = matches!(verb, "増加" | "拡大" | "増や" | "増え");
            let up = up || verb == "向上";
            let wrong = (down && b > a) || (up && b < a);
            if wrong {
                let m = c.get(5).expect("verb");
                let abs = s.range.start + m.start();
                let dir = if b > a {
                    "増えている"
                } else {
                    "減っている"
                };
                ctx.report(
                    Some(abs..abs + m.len()),
                    format!(
                        "{}{}から{}{}へ{dir}のに「{verb}」と書かれています",
                        &c[1], &c[2], &c[3], &c[4]
                    ),
                )
                .label("増減の向きと動詞が逆")
                .related(
                    s.range.start + c.get(1).expect("a").start()
                        ..s.range.start + c.get(4).expect("b").end(),
                    "導入前→導入後",
                )
                .help("減った値には「短縮・削減・減少」、増えた値には「増加・拡大」を使う");
            }
        }
    }
}
