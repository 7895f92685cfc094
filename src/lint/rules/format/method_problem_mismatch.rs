use crate::lint::rule::{Document, Kind, declare_rule};
use crate::lint::rule::Context;

declare_rule! {
    /// ## 何を検出するか
    /// モジュール段落の手法が、理由の文（「なぜならば〜」）に書いた問題を解決する種類の手法でないこと。
    /// 手法名（第1文の「〜と呼ばれる」の前）を `rubrics/method-fit.yaml` の手法の表（またはライブラリの
    /// モジュール名とそのテーマ）で分類し、問題の文をその語で分類して（ある種類の語が2語以上あればその種類）、
    /// 手法が解決する種類と問題の種類が1つも重ならないとき、理由の文を指す。表に無い手法や、種類が
    /// はっきりしない問題は判定しない。
    ///
    /// ## なぜ問題か
    /// 手法は問題を解決するために選ぶ。アクセス集中によるデータベースの更新待ち（負荷の問題）に、故障に
    /// 備えるホットスタンバイを当てても問題は解決しない。採点者は問題と手法の対応を最初に見る。
    ///
    /// ## 誤検知しないもの
    /// - 手法が複数の種類の問題に効くもの（バックアップは故障にも、ランサムウェアや誤削除にも効く）、表にも
    ///   ライブラリにも無い手法、問題の種類が読み取れない理由の文。
    ///   正: 「世代管理バックアップと呼ばれる、日ごとの複製を複数の世代にわたって別の場所に保管するという特徴を持つ手法を使用し、会計データのバックアップの見直しをした。なぜならば、ランサムウェアに感染すると本番と同じ場所にある前日分のバックアップまで暗号化されるというサービス運用上の問題・課題が解決できると考えたからである。」
    ///
    /// ## 例
    /// 誤: 「ホットスタンバイと呼ばれる、待機系を常に稼働させておき障害時に即座に切り替えるという特徴を持つ手法を使用し、予約サーバの二重化をした。なぜならば、イベント開始直後にアクセスが集中し、更新待ちが多発して応答が遅くなるというサービス運用上の問題・課題が解決できると考えたからである。」
    /// 正: 「流量制御と呼ばれる、受け付ける要求の量を上限で抑えて処理の能力を超えないようにするという特徴を持つ手法を使用し、予約の受付への流量制御の導入をした。なぜならば、イベント開始直後にアクセスが集中し、更新待ちが多発して応答が遅くなるというサービス運用上の問題・課題が解決できると考えたからである。」
    ///
    /// ## 設定
    /// 手法と問題の分類は `rubrics/method-fit.yaml`。
    pub(crate) static METHOD_PROBLEM_MISMATCH = {
        code: "F012",
        name: "method-problem-mismatch",
        summary: "手法が、理由の文に書いた問題を解決する種類の手法でない",
        severity: Warning,
        scope: Module,
        check: check,
    };
}

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    if doc.kind != Kind::Module {
        return;
    }
    let m = crate::document::markers::markers(doc);
    let (Some(first), Some(name), Some(reason)) = (&m.first, &m.name, &m.reason_sentence) else {
        return;
    };
    let technique =
        doc.text[first.start..name.start].trim_matches(|c: char| c == '*' || c.is_whitespace());
    let problem = doc.text[reason.clone()].to_owned();
    let fit = crate::lint::method_fit::builtin();
    if let Some(x) = fit.mismatch(technique, &problem, &ctx.vocab.techniques) {
        ctx.report(
            Some(reason.clone()),
            format!(
                "「{technique}」は{}のための手法ですが、この問題は{}です",
                x.fixes.join("・"),
                x.problem.join("・")
            ),
        )
        .label("手法が解決しない種類の問題")
        .related(name.clone(), "手法")
        .help("問題を解決できる種類の手法を選ぶか、その手法が解決する問題を理由の文に書く");
    }
}
