use crate::lint::rule::{Document, Kind, declare_rule};
use crate::text::scan as util;
use crate::lint::rule::{Context, RuleOption};

declare_rule! {
    /// ## 何を検出するか
    /// 一文の読点（「、」「，」）が `max-commas`（既定 4個）を超えること。名詞の列挙の中の読点と、
    /// モジュールの第1文でフォーマットが求める読点（「〜と呼ばれる、」「〜手法を使用し、」）は数えない。
    ///
    /// ## なぜ問題か
    /// 節を読点で次々につないだ文は、要素を詰め込みすぎていて係り受けが読み取りにくい。
    ///
    /// ## 誤検知しないもの
    /// - 短い名詞を並べた列挙の読点（読点と読点の間が15字以内の名詞句で、助詞は「の」「と」だけ）。
    ///   正: 「中小の製造業向けに、会計、販売、在庫、生産管理などの業務機能を提供している。」
    ///   正: 「対象のシステムを、発災後24時間以内、72時間以内、1週間以内の3区分に分け、区分ごとに手順を定めた。」
    /// - モジュールの第1文の「〜と呼ばれる、」「〜手法を使用し、」（フォーマットの定型）。
    ///   正（モジュール）: 「受付の一元化と呼ばれる、電話、メール、チャット、来訪の窓口を一つにまとめ、記録を共通化するという特徴を持つ手法を使用し、問合せの対応を見直した。」
    ///
    /// ## 例
    /// 誤: 「障害が起き、担当者が確認し、原因が分からず、上長に連絡し、復旧を待ち、対応を終えた。」
    /// 正: 「会計、販売、購買、在庫、生産管理などの業務機能を一つのパッケージに統合した。」
    ///
    /// ## 設定
    /// - `max-commas`（既定 4）
    pub(crate) static TOO_MANY_COMMAS = {
        code: "S006",
        name: "too-many-commas",
        summary: "一文の読点が多すぎる（既定 5個以上。名詞の列挙の読点は数えない）",
        severity: Warning,
        scope: Both,
        options: [MAX_COMMAS],
        check: check,
    };
}

/// Most 読点 in one sentence.
pub(crate) static MAX_COMMAS: RuleOption = RuleOption {
    key: "max-commas",
    default: 4,
    min: 1,
    max: 100,
};

/// Is `seg` (the text between two 読点) one item of a noun list: short, a noun phrase joined
/// only by 「の」「と」「・」, ending in a noun (kanji, katakana, a figure or a closing bracket)?
fn is_list_item(seg: &str) -> bool {
    let t = seg.trim();
    let n = t.chars().count();
    if n == 0 || n > 15 {
        return false;
    }
    // Words that open a clause rather than name a thing (「その結果、」「一方、」「今回、」).
    const ADVERBIAL: &[&str] = &[
        "結果", "その結果", "一方", "その一方", "現在", "今回", "当時", "従来", "当初", "今後", "以前",
        "同時", "実際", "通常", "最終的", "例年", "毎月", "毎年", "毎日", "翌日", "翌月", "翌年",
    ];
    if ADVERBIAL.contains(&t) {
        return false;
    }
    let last = t.chars().next_back().unwrap_or(' ');
    let noun_end = util::is_japanese(last) && !('\u{3040}'..='\u{309F}').contains(&last)
        || last.is_alphanumeric()
        || matches!(last, '％' | '%' | '」' | '）' | ')' | 'ー');
    // Hiragana inside a noun phrase: only the joining 「の」「と」.
    let joined_only = t
        .chars()
        .filter(|c| ('\u{3040}'..='\u{309F}').contains(c))
        .all(|c| matches!(c, 'の' | 'と'));
    noun_end && joined_only
}

/// The 読点 of a sentence that count: all of them but those after a list item (see
/// [`is_list_item`]) and, in a module's first sentence, the format's own two.
fn counted_commas(sentence: &str, first_module_sentence: bool) -> (usize, usize) {
    let segments: Vec<&str> = sentence.split(['、', '，']).collect();
    let total = segments.len() - 1;
    // The segment before comma k is segments[k]; a list item is bounded by 読点 on both sides.
    let mut skipped = (1..total)
        .filter(|&k| is_list_item(segments[k]))
        .count();
    if first_module_sentence {
        skipped += segments[..total]
            .iter()
            .filter(|s| s.ends_with("と呼ばれる") || s.ends_with("を使用し"))
            .count();
    }
    (total.saturating_sub(skipped), total)
}

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    let max = ctx.option(&MAX_COMMAS);
    for (i, s) in doc.sentences.iter().enumerate() {
        let t = doc.sentence_text(s);
        // No more commas in all than the limit allows: nothing to count (most sentences).
        if t.matches(['、', '，']).count() <= max {
            continue;
        }
        let (n, total) = counted_commas(t, i == 0 && doc.kind == Kind::Module);
        if n > max {
            let message = if n == total {
                format!("一文に読点が{n}個あります（上限{max}個）")
            } else {
                format!(
                    "一文に読点が{n}個あります（上限{max}個。列挙とフォーマットの読点{}個は数えていない）",
                    total - n
                )
            };
            ctx.report(Some(s.range.clone()), message)
                .label("この文")
                .help("文を分けるか、並列する要素をまとめる");
        }
    }
}
