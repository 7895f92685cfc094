use crate::lint::rule::{Document, declare_rule};
use crate::lint::rule::Context;

declare_rule! {
    /// ## 何を検出するか
    /// 何も抑制していない抑制コメント。`<!-- itsm-disable S002 -->` の範囲（または
    /// `<!-- itsm-disable-next-line S002 -->` の次の行）に S002 の指摘が無い場合や、対応する
    /// `itsm-disable` の無い `<!-- itsm-enable -->`。
    /// 設定（`itsm.yaml` の `rules`）で無効にした規則を指す抑制コメントは対象外。
    ///
    /// ## なぜ問題か
    /// 文章を直した後に残った抑制コメントは、同じ箇所に後から入った本物の誤りまで隠してしまう。
    /// 抑制は「ここは意図して書いている」という記録なので、理由が無くなったら消す。
    ///
    /// ## 誤検知しないもの
    /// - 設定（`itsm.yaml` の `rules`）で無効にした規則を指す抑制コメント。
    /// - 指摘を実際に抑制している抑制コメント。
    ///   正: 「<!-- itsm-disable-next-line S002 -->\nMTTRを短縮した。」
    ///
    /// ## 例
    /// 誤: 「<!-- itsm-disable-next-line S002 -->\nMTTR（平均復旧時間）を短縮した。」（すでに説明があり、S002 の指摘は出ない）
    /// 正: 「MTTR（平均復旧時間）を短縮した。」（抑制コメントを削除する）
    ///
    /// ## 設定
    /// - `rules: {X001: off}` で無効にできる（抑制コメントでは止められない）。
    pub(crate) static UNUSED_SUPPRESSION = {
        code: "X001",
        name: "unused-suppression",
        summary: "何も抑制していない抑制コメント",
        severity: Warning,
        scope: Both,
        check: check,
    };
}

/// Findings of this rule need every other rule's findings, so they are produced by
/// [`crate::lint::suppress::apply`] after all rules ran; the per-rule pass has nothing to do.
fn check(_doc: &Document<'_>, _ctx: &mut Context<'_>) {}
