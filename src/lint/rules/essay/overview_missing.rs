use crate::lint::rule::{Document, declare_rule};
use crate::document::essay as essay_util;
use crate::document::figures;
use crate::text::scan as util;
use crate::lint::rule::Context;

declare_rule! {
    /// ## 何を検出するか
    /// 設問アに ITサービスの概要が無いこと: サービスを表す語（サービス・システム・基盤・プラットフォーム…）と、
    /// 誰のためのサービスかを表す語（顧客・利用者・会員・店舗・〇社・部門…）の両方が無い、または規模を示す
    /// 数値（「約10万名」「5社」「99.9%」）が1つも無い場合に、設問アの見出しを指す。
    /// 本文の無い設問アは字数の規則に任せ、ここでは報告しない。
    ///
    /// ## なぜ問題か
    /// 設問アの「ITサービスの概要」は「絶対に記載する内容」である（事業形態、顧客数、利用者規模、
    /// サービス内容、筆者の責任範囲）。運用は利用者の違いに左右されるため、採点者は誰にどんな
    /// サービスを提供しているのかと、その規模・SLA を読んでから問題の重さを判断する。
    ///
    /// ## 誤検知しないもの
    /// - 規模の数値は書き方を問わず数える（「10万人以上」「約10カ所」「9時から18時」「数百万件」）。
    ///   正: 「A社は、10万人以上の会員に予約サービスを提供している。」
    ///   正: 「A社は、全国の約10カ所の拠点で利用者に窓口サービスを提供している。」
    ///   正: 「A社は、9時から18時まで利用者に受付サービスを提供している。」
    /// - 設問アの章・節の見出し（「1.1 ITサービスの概要」）は本文ではなく、その番号は規模の数値ではない。
    ///
    /// ## 例
    /// 前提: 設問ア
    /// 誤: 「私は運用を担当している。最近、障害が多いことが問題であった。」
    /// 正: 「A社は、金融商品取引業者5社を通じて約10万名の個人投資家に自動取引のSaaSを提供している。」
    ///
    /// ## 設定
    /// なし。
    pub(crate) static OVERVIEW_MISSING = {
        code: "E005",
        name: "overview-missing",
        summary: "設問アにITサービスの概要（組織・サービス・顧客や利用者）か規模の数値が無い",
        severity: Warning,
        scope: Essay,
        check: check,
    };
}

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    let Some(p) = essay_util::part(doc, 'ア') else {
        return;
    };
    if !essay_util::has_prose(doc, p) {
        return;
    }
    let text = essay_util::text(doc, p);
    let service = util::static_regex!(
        r"サービス|システム|基盤|プラットフォーム|SaaS|アプリ|サイト|ポータル|窓口"
    );
    let who = util::static_regex!(
        r"顧客|利用者|ユーザ|会員|店舗|社員|従業員|職員|取引先|お客|加盟|契約者|投資家|消費者|患者|学生|住民|[A-ZＡ-Ｚ]社|企業|会社|組織|部門|部署|拠点|事業者|団体|[0-9０-９]名"
    );
    let overview = service.is_match(&text) && who.is_match(&text);
    let figures = !figures::quantities(&text).is_empty();
    let message = match (overview, figures) {
        (true, true) => return,
        (false, true) => "設問アにITサービスの概要（誰に何を提供しているか）が書かれていません",
        (true, false) => "設問アに規模を示す数値（利用者数・顧客数・件数・稼働率など）がありません",
        (false, false) => "設問アにITサービスの概要と規模を示す数値がありません",
    };
    ctx.report(Some(p.heading.clone()), message)
        .label("ここにサービスの概要と規模を書く")
        .help("組織と事業形態、顧客と利用者の数、サービスの内容、SLA、自分の立場を数値とともに書く（例: 約10万名の利用者、稼働率99.9%）");
}
