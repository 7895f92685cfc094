use crate::lint::rule::{Document, declare_rule};
use crate::document::essay as essay_util;
use crate::text::scan as util;
use crate::lint::rule::Context;

declare_rule! {
    /// ## 何を検出するか
    /// 設問イの対策が教育・注意喚起だけであること: 「教育」「研修」「注意喚起」「周知」「意識向上」「啓発」
    /// 「勉強会」「指導」「徹底」があり、仕組みによる対策（自動化・システム化・フールプルーフ・チェックリスト・
    /// 権限の制御・手順の標準化・ツール・画面・監視・指標による管理…）を表す語が1つも無い場合に、
    /// 最初の教育・注意喚起の語を指す。
    ///
    /// ## なぜ問題か
    /// 加点されるのは、人の意識（注意喚起・教育）に頼らない恒久策（ツール導入、自動化、物理的な遮断、
    /// 二重牽制のシステム化）である。ヒューマンエラーや再発防止の論文では、対策が
    /// 教育・訓練に留まらずフールプルーフや自動化に踏み込んでいることが A 評価の基準である。
    /// 精神論・一般論で終わる解決策は減点される（自己採点シートの⑤解決策）。
    /// 教育を指標で管理して定着させる仕組み（問い合わせ件数を KPI として毎月測るなど）は仕組みとみなす。
    ///
    /// ## 例
    /// 誤: 「全作業者に研修を行い、朝礼で注意喚起を徹底した。」
    /// 正: 「本番環境への操作は、チェックリストの全項目を入力するまで実行ボタンが押せない仕組みにした。」
    ///
    /// ## 設定
    /// なし。
    pub(crate) static EDUCATION_ONLY = {
        code: "E012",
        name: "education-only",
        summary: "設問イの対策が教育・注意喚起だけで、仕組みによる対策が無い",
        severity: Warning,
        scope: Essay,
        check: check,
    };
}

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    let Some(p) = essay_util::part(doc, 'イ') else {
        return;
    };
    let education = util::static_regex!(
        r"教育|研修|注意喚起|周知|意識(の)?向上|意識(付け|づけ)|啓発|勉強会|講習|指導|徹底|注意を促"
    );
    let mechanism = util::static_regex!(
        r"自動|システム化|仕組み|フールプルーフ|チェックリスト|権限|制御|標準化|手順書|手順を(見直|改訂|整備|定め|統一|変更)|標準手順|ツール|機能|監視|アラート|ロック|承認|ワークフロー|テンプレート|入力チェック|二重|ダブルチェック|定型|ルール|KPI|指標|しきい値|閾値|可視化|見える化|モニタリング|集計|FAQ|画面|設定|改修|判定|検知|遮断|分離|冗長|体制|役割|契約|予算|要員を|増員"
    );
    let text = essay_util::text(doc, p);
    if mechanism.is_match(&text) {
        return;
    }
    let Some((s, m)) = essay_util::sentences(doc, p).find_map(|s| {
        education
            .find(doc.sentence_text(s))
            .map(|m| (s.range.start, m))
    }) else {
        return;
    };
    let mut words: Vec<&str> = Vec::new();
    for w in education.find_iter(&text) {
        if !words.contains(&w.as_str()) {
            words.push(w.as_str());
        }
    }
    ctx.report(
        Some(s + m.start()..s + m.end()),
        format!(
            "設問イの対策が教育・注意喚起（{}）だけで、仕組みによる対策がありません",
            words.join("・")
        ),
    )
    .label("人の意識に頼る対策")
    .help("誤りが起きない・起きても止まる仕組み（入力チェック、自動化、権限の制御、手順の標準化とチェックリストのシステム化など）を対策の中心に置く");
}
