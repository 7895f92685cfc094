use crate::lint::rule::{Document, declare_rule};
use crate::lint::rule::Context;

declare_rule! {
    /// ## 何を検出するか
    /// 抑制コメントの誤り: 存在しない規則（`<!-- itsm-disable S0002 -->`）、未知の指示
    /// （`<!-- itsm-disabel S002 -->`）、抑制コメントでは止められない X001・X002 の指定。
    /// 規則はコード（S002）でも名前（unexplained-abbreviation）でも書ける。
    ///
    /// ## なぜ問題か
    /// 綴りを誤った抑制コメントは何も抑制せず、書いた人は抑制したつもりでいる。
    /// 黙って無視すると、CI の結果と本人の認識が食い違う。
    ///
    /// ## 誤検知しないもの
    /// - 規則は名前（sentence-too-long）でも書ける。
    ///
    /// ## 例
    /// 誤: 「<!-- itsm-disable-next-line S0005 -->」
    /// 正: 「<!-- itsm-disable-next-line S005 -->」または「<!-- itsm-disable-next-line sentence-too-long -->」
    ///
    /// ## 設定
    /// - `rules: {X002: warning}` などで重大度を変えられる（抑制コメントでは止められない）。
    pub(crate) static INVALID_SUPPRESSION = {
        code: "X002",
        name: "invalid-suppression",
        summary: "抑制コメントの規則名・指示の誤り",
        severity: Error,
        scope: Both,
        check: check,
    };
}

/// Reported by [`crate::lint::suppress::apply`], which parses the comments once for both
/// suppression rules; the per-rule pass has nothing to do.
fn check(_doc: &Document<'_>, _ctx: &mut Context<'_>) {}
