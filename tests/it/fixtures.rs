//! Texts several test modules share: a clean module paragraph in the fixed format, one sentence
//! per constant, so that a test can replace or drop one element.

// A module paragraph in the fixed format (the FX × change draft), one sentence per line here.
pub const S1: &str = "動的承認ルーティングと呼ばれる、変更の種類とリスクの大きさに応じて承認者と承認手順を自動で振り分け、高リスクの変更だけを委員会で深く審議するという特徴を持つ手法を使用し、変更を三つの区分に分け、区分ごとに承認経路を自動で切り替える仕組みの導入をした。";
pub const S2: &str = "なぜならば、5名の承認者が週1回のCAB（変更諮問委員会）で全件を承認しており、中身を確かめない承認が推定8割に達し、セキュリティパッチも5日待たされるというサービス運用上の問題・課題が解決できると考えたからである。";
pub const S3: &str = "CABは毎回約20件の議題を1件1分ほどで承認しており、外部との接続を変えるような本当に議論すべき変更にも時間を割けていなかった。";
pub const S4: &str = "私は、自動テストとセキュリティ検査に合格した技術的な変更は人の承認なしでリリースしてよいと判断し、その方針についてCABの他の承認者4名から合意を得た。";
pub const S5: &str = "工夫した点は、機能追加の承認者をプロダクトオーナーと私の2名に絞り、承認画面には技術的な説明ではなく月間の停止許容時間の残量と延期した場合の機会損失額を並べて示した点である。";
pub const S6: &str = "具体的には、導入後は月80件の変更のうち50件が自動承認の標準変更、20件がプロダクトオーナーと私が承認する迅速変更、10件がシステムオーナーも加わって承認する通常変更に振り分けられた。";
pub const S7: &str = "ある週には新しい取引ロジックの追加依頼について、停止許容時間の残量65%と月約500万円の機会損失を比べて翌日のリリースを承認した。";
pub const S8: &str = "セキュリティパッチの適用はテスト完了後すぐに行えるようになった。";
pub const S9: &str =
    "CABでは高リスクの5件だけを1件15分以上かけて審議し、変更起因の障害は年12件から年5件に減った。";

/// The clean module: the reason (S2) followed directly by the ingenuity (S5), the background (S3)
/// and the decision (S4) after 「具体的には」 (F014).
pub fn module() -> String {
    [S1, S2, S5, S6, S3, S4, S7, S8, S9].concat()
}

pub fn module_of(sentences: &[&str]) -> String {
    sentences.concat()
}

/// Library texts (a module id, or an essay as 「case × theme」) that a newly added rule flags and
/// whose fix in the library is still to come, with the rule's code. Empty when the library is
/// clean. Not a licence: an entry is removed in the commit that fixes its text (the library-clean
/// tests in drafts.rs and essays.rs fail on an entry that no longer fires).
pub const LIBRARY_PENDING: &[(&str, &str)] = &[];

/// Whether a LIBRARY_PENDING entry names an essay (「case × theme」) rather than a module.
pub fn is_essay_entry(key: &str) -> bool {
    key.contains(" × ")
}

/// Whether `code` on a text built from library module `module` is awaiting its library fix.
pub fn pending(module: &str, code: &str) -> bool {
    LIBRARY_PENDING.contains(&(module, code))
}
