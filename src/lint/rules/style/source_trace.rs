use crate::lint::rule::{Document, declare_rule};
use crate::text::scan as util;
use crate::lint::rule::Context;

declare_rule! {
    /// ## 何を検出するか
    /// 実在の事例や資料を写した痕跡: 「公式HPによれば」「公式サイトでは」「プレスリリースによると」「出典：」、URL、
    /// 「[1]」のような参照番号。
    ///
    /// ## なぜ問題か
    /// 論述は自分の経験として書く架空の事例である。実在企業の発表を参照した書き方が残ると、
    /// 経験の論述ではなく調べ物の要約に見え、実在の組織の特定にもつながる。
    ///
    /// ## 誤検知しないもの
    /// - 「公式」「リリース」を含む普通の語（「公式の手順書」「リリースの手順」）。
    ///   正: 「リリースの手順を社内の公式の手順書にまとめた。」
    ///
    /// ## 例
    /// 誤: 「公式HPによれば、改善前はリリースが2週間に1回であった。」
    /// 正: 「改善前は、リリースが2週間に1回にとどまっていた。」
    ///
    /// ## 設定
    /// なし。
    pub(crate) static SOURCE_TRACE = {
        code: "S011",
        name: "source-trace",
        summary: "実在の資料を写した痕跡（「公式HPによれば」、URL、参照番号）",
        severity: Warning,
        scope: Both,
        check: check,
    };
}

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    let re = util::static_regex!(
        r"(公式(HP|ホームページ|サイト|ページ|ブログ)|プレスリリース|ニュースリリース|導入事例ページ)(によれば|によると|では|に(掲載|記載))|出典[：:]|https?://[^\s　）)」]+|\[[0-9]{1,3}\]"
    );
    for (r, p) in doc.prose() {
        for m in re.find_iter(p) {
            let abs = r.start + m.start();
            ctx.report(
                Some(abs..abs + m.len()),
                format!("実在の資料を参照した痕跡「{}」があります", m.as_str()),
            )
            .label("出典の痕跡")
            .help("自分の経験（架空の事例）として書き、出典や実在の組織を示す語を取り除く");
        }
    }
}
