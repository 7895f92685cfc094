use crate::lint::rule::{Document, Kind, declare_rule};
use crate::lint::rule::{Context, RuleOption};

declare_rule! {
    /// ## 何を検出するか
    /// 一文の文字数が `max-sentence-chars`（既定 140字）を超えること。モジュールの第1文と理由の文では、
    /// フォーマットの定型句（「〜と呼ばれる、」「という〜特徴を持つ」「手法を使用し、」「なぜならば、」
    /// 「というサービス運用上の問題・課題が解決できると考えたからである。」）を除いた字数で判定する。
    ///
    /// ## なぜ問題か
    /// 長い一文は主語と述語の対応が崩れやすく、採点者が論旨を追えない（自己採点表 ⑧表現・文章力）。
    /// 既定値は一般的な目安（80〜100字）より緩い。
    ///
    /// ## 誤検知しないもの
    /// - モジュールの理由の文（「なぜならば、〜というサービス運用上の問題・課題が解決できると
    ///   考えたからである。」）: 約40字がフォーマットの定型で、書き手が短くできるのは問題の説明だけなので、
    ///   定型句を除いて数える。第1文の「と呼ばれる、」「という〜特徴を持つ手法を使用し、」も同じ。
    ///   正（モジュール）: 「なぜならば、夜間の一括処理が朝までに終わらない日が月に4日から6日あり、その日は店舗の開店準備が遅れ、担当者が手作業で在庫を確認して補正していたため、誤りが出やすく確認の手間も大きく、繁忙期には特に残業が増えていたというサービス運用上の問題・課題が解決できると考えたからである。」
    ///
    /// ## 例
    /// 誤: 「工夫した点は、切替え直後の30分間は旧環境を停止せずに残しておくことで新しい環境で想定外の異常が見つかった場合にも利用者の接続先を旧環境に戻すだけで数分以内に元の状態へ復旧できるようにし、しかもその切戻しの判断を夜間の当番の担当者が上長の承認を待たずに自分の判断で行えるよう事前に手順書で権限を与えておいたことである。」
    /// 正: 「工夫した点は、切替え直後の30分間は旧環境を停止せずに残し、異常があれば接続先を戻すだけで数分以内に元の状態へ復旧できるようにしたことである。」
    ///
    /// ## 設定
    /// - `max-sentence-chars`（既定 140）
    pub(crate) static SENTENCE_TOO_LONG = {
        code: "S005",
        name: "sentence-too-long",
        summary: "一文が長すぎる（既定 140字超）",
        severity: Warning,
        scope: Both,
        options: [MAX_SENTENCE_CHARS],
        check: check,
    };
}

/// Longest sentence in characters.
pub(crate) static MAX_SENTENCE_CHARS: RuleOption = RuleOption {
    key: "max-sentence-chars",
    default: 140,
    min: 10,
    max: 10_000,
};

/// The fixed wording of the module format in the first sentence and in the reason sentence.
const FIRST_FRAME: &[&str] = &["と呼ばれる、", "という", "特徴を持つ", "手法を使用し、"];
const REASON_FRAME: &[&str] = &[
    "なぜならば、",
    "というサービス運用上の問題・課題が解決できると考えたからである。",
];

/// Characters of the format's fixed wording in `sentence` (each phrase counted once).
fn frame_chars(sentence: &str, frame: &[&str]) -> usize {
    frame
        .iter()
        .filter(|f| sentence.contains(*f))
        .map(|f| f.chars().count())
        .sum()
}

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    let max = ctx.option(&MAX_SENTENCE_CHARS);
    for (i, s) in doc.sentences.iter().enumerate() {
        let t = doc.sentence_text(s);
        let n = t.chars().count();
        let frame = match doc.kind {
            Kind::Module if i == 0 => frame_chars(t, FIRST_FRAME),
            Kind::Module if t.starts_with("なぜならば") => frame_chars(t, REASON_FRAME),
            _ => 0,
        };
        let own = n - frame;
        if own > max {
            let message = if frame == 0 {
                format!("一文が{n}字あります（上限{max}字）")
            } else {
                format!("一文が{n}字あります（フォーマットの定型句{frame}字を除いて{own}字、上限{max}字）")
            };
            ctx.report(Some(s.range.clone()), message)
                .label("この文")
                .help("二文に分け、接続語で論理関係を示す");
        }
    }
}
