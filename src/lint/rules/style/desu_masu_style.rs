use crate::lint::rule::{Document, declare_rule};
use crate::text::scan as util;
use crate::lint::rule::Context;

declare_rule! {
    /// ## 何を検出するか
    /// です・ます調の文（文末が「です」「ます」「でした」「ました」「ません」「でしょう」）。
    /// 「〜だ。」「〜である。」「〜した。」はだ・である調として数える。かぎ括弧の中の引用は対象外。
    ///
    /// ## なぜ問題か
    /// 論文はだ・である調で統一する。です・ます調が混ざると文章力（表現）の評価が下がり、
    /// 全体をです・ます調で書くと論文の体裁にならない。
    ///
    /// ## 誤検知しないもの
    /// - かぎ括弧の中の引用。
    ///   正: 「利用者からは「画面が見づらいです」という声が寄せられた。」
    ///
    /// ## 例
    /// 誤: 「この対応により、復旧時間が短縮されました。」
    /// 正: 「この対応により、復旧時間が短縮された。」
    ///
    /// ## 設定
    /// なし。
    pub(crate) static DESU_MASU_STYLE = {
        code: "S004",
        name: "desu-masu-style",
        summary: "です・ます調の文（論文はだ・である調）",
        severity: Error,
        scope: Both,
        check: check,
    };
}

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    let re = util::static_regex!(
        r"(です|ます|でした|ました|ません|でしょう|ましょう|ください)([。！？!?]?)\s*$"
    );
    for s in &doc.sentences {
        let t = doc.sentence_text(s);
        if let Some(m) = re.captures(t) {
            let w = m.get(1).expect("group 1");
            let abs = s.range.start + w.start();
            ctx.report(
                Some(abs..abs + w.len()),
                format!(
                    "です・ます調の文末（「{}」）です。論文はだ・である調で書きます",
                    w.as_str()
                ),
            )
            .label("です・ます調")
            .help("「〜である」「〜した」「〜だ」で結ぶ");
        }
    }
}
