use crate::lint::rule::{Document, declare_rule};
use crate::document::essay as essay_util;
use crate::text::scan as util;
use crate::lint::rule::Context;

declare_rule! {
    /// ## 何を検出するか
    /// 設問イの対策が、人の注意に頼るものだけであること。設問イの施策（「一つ目は」「まず」「さらに」などで
    /// 始まる段落）ごとに、人の注意に頼る語（「教育」「研修」「注意喚起」「周知」「意識」「掲示」「読み合わせ」
    /// 「朝会」「ダブルチェック」「二重チェック」「確認する手順」「チェックリストに署名」）と、人の注意に頼らない仕組みの語
    /// （自動化・システム化・フールプルーフ・入力チェック・検証機能・権限・ロック・遮断・ツール・監視・しきい値・
    /// KPI・ワークフロー…）を見て、どの施策も仕組みの語を持たず注意に頼る語を持つとき、最初の注意に頼る
    /// 語を指す。人手のダブルチェックや確認手順の追加は、人の注意に頼る対策として数える。施策の段落が2つ以上
    /// 読み取れない論文は、設問イ全体に仕組みの語が無いときだけ報告する。
    ///
    /// ## なぜ問題か
    /// 加点されるのは、人の意識（注意喚起・教育）に頼らない恒久策（ツール導入、自動化、物理的な遮断、
    /// 二重牽制のシステム化）である。ヒューマンエラーや再発防止の論文では、対策が
    /// 教育・訓練に留まらずフールプルーフや自動化に踏み込んでいることが A 評価の基準である。
    /// 精神論・一般論で終わる解決策は減点される（自己採点シートの⑤解決策）。
    /// 教育を指標で管理して定着させる仕組み（問い合わせ件数を KPI として毎月測るなど）は仕組みとみなす。
    ///
    /// ## 誤検知しないもの
    /// - 教育を指標で管理して定着させる仕組み（問い合わせ件数を KPI として毎月測るなど）は仕組みとみなす。
    ///   正: 「全作業者に研修を行い、誤操作の件数を指標として毎月測って手順の見直しにつなげた。」
    ///
    /// ## 例
    /// 前提: 設問イの対策
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
    let attention = util::static_regex!(
        r"教育|研修|注意喚起|周知|意識(の)?向上|意識(付け|づけ)|意識を|啓発|勉強会|講習|指導|徹底|注意を促|注意点|掲示|読み合わせ|朝会|朝礼|ダブルチェック|二重チェック|確認する手順|確認の手順|チェックリストに署名"
    );
    let mechanism = util::static_regex!(
        r"自動|システム化|システムで|システム上で|フールプルーフ|入力チェック|チェック機能|検証機能|検査機能|照合機能|権限|ロック|遮断|制御|ツール|機能を(追加|設け|改修)|改修|アラート|監視|しきい値|閾値|KPI|指標|ワークフロー|テンプレート|冗長|分離|取り込めない|登録できない|実行できない|押せない|止める仕組み|セルフサービス|チャットボット|FAQ|ナレッジ|認証|暗号|バックアップ|冗長化|切替|切り替え|予備|契約|増員|体制を|役割を|分担"
    );
    let th = crate::document::thread::Thread::of(doc);
    let text = essay_util::text(doc, p);
    // Every measure relies on attention (an attention word and no mechanism word); a measure of
    // another kind (a backup, a contract) is not attention-based.
    let attention_only = if th.measures.len() < 2 {
        !mechanism.is_match(&text)
    } else {
        th.measures.iter().all(|m| {
            let t = &doc.text[m.span.clone()];
            attention.is_match(t) && !mechanism.is_match(t)
        })
    };
    if !attention_only {
        return;
    }
    let Some((s, m)) = essay_util::sentences(doc, p).find_map(|s| {
        attention
            .find(doc.sentence_text(s))
            .map(|m| (s.range.start, m))
    }) else {
        return;
    };
    let mut words: Vec<&str> = Vec::new();
    for w in attention.find_iter(&text) {
        if !words.contains(&w.as_str()) {
            words.push(w.as_str());
        }
    }
    ctx.report(
        Some(s + m.start()..s + m.end()),
        format!(
            "設問イの対策が、人の注意に頼るもの（{}）だけで、仕組みによる対策がありません",
            words.join("・")
        ),
    )
    .label("人の注意に頼る対策")
    .help("誤りが起きない・起きても止まる仕組み（入力チェック、自動化、権限の制御、検証機能など）を対策の中心に置く");
}
