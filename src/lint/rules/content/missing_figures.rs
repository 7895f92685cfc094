use crate::lint::rule::{Document, Kind, declare_rule};
use crate::document::figures;
use crate::lint::rule::{Context, RuleOption};

declare_rule! {
    /// ## 何を検出するか
    /// 定量的な記述（数値＋単位: 「40日」「99.9%」「約1,000名」「5倍」「約3万件」「3割」）の不足。
    /// モジュールでは「具体的には」以降に数値が1つも無いこと、論文では全体で `min-essay-figures`（既定 3）か所
    /// 未満であること。数値は一つの数値検出器（`document::figures`）で数え、スコアの定量情報と同じ基準になる。
    ///
    /// ## なぜ問題か
    /// 80点以上チェックの第一項目は「定量情報が3か所以上ある」。規模・停止時間・影響範囲と
    /// 導入前後の変化を数値で示さないと、具体性が不足して B 評価になる。
    ///
    /// ## 誤検知しないもの
    /// - 数値は書き方を問わず数える: 万・千の位取り、以上・約などの限定、幅、割合、概数、全角の数字。
    ///   正: 「具体的には、料金改定の翌週には約1万2千件の問合せが見込まれた。」
    ///   正: 「具体的には、10万人以上の利用者に影響した。」
    ///   正: 「具体的には、数百万件の記録を移した。」
    ///   正: 「具体的には、約10ヶ所の拠点で先行して試した。」
    ///   正: 「具体的には、受付を9時から18時に広げ、電話の3割を予約に振り替えた。」
    /// - 章番号（「1.1」）、年や日付（「2024年」「11月20日」）、番号（「(1)」「第2段階」）は数値に数えない。
    ///
    /// ## 例
    /// 前提: モジュールの具体例（「具体的には」以降）
    /// 誤: 「具体的には、導入後は自動承認の変更が大きく増え、審議の時間も大幅に短くなった。」
    /// 正: 「具体的には、導入後は月80件の変更のうち50件が自動承認となり、審議の時間は1件あたり平均15分から4分に短くなった。」
    ///
    /// ## 設定
    /// - `min-essay-figures`（既定 3）
    pub(crate) static MISSING_FIGURES = {
        code: "C002",
        name: "missing-figures",
        summary: "定量情報（数値＋単位）が無い・足りない",
        severity: Warning,
        scope: Both,
        options: [MIN_ESSAY_FIGURES],
        check: check,
    };
}

/// Fewest figures in an essay.
pub(crate) static MIN_ESSAY_FIGURES: RuleOption = RuleOption {
    key: "min-essay-figures",
    default: 3,
    min: 0,
    max: 100,
};

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    if doc.sentences.is_empty() {
        return;
    }
    match doc.kind {
        Kind::Module => {
            let m = crate::document::markers::markers(doc);
            let (from, label) = match m.examples.first() {
                Some(r) => (r.start, "具体例"),
                None => (0, "本文"),
            };
            let n: usize = doc
                .prose()
                .filter(|(r, _)| r.end > from)
                .map(|(r, p)| {
                    let s = from.saturating_sub(r.start).min(p.len());
                    figures::quantities(&p[s..]).len()
                })
                .sum();
            if n == 0 {
                let span = m.examples.first().cloned();
                ctx.report(span, format!("{label}に数値（件数・時間・割合など）がありません"))
                    .label("ここから後に数値が無い")
                    .help("日時・件数・時間と、導入前→導入後の変化を数値で書く（例: 平均60分から35分に短縮）");
            }
        }
        Kind::Essay => {
            let n = crate::document::facts::count_quantities(doc);
            let min = ctx.option(&MIN_ESSAY_FIGURES);
            if n < min {
                ctx.report(
                    None,
                    format!("定量情報が{n}か所しかありません（{min}か所以上が目安）"),
                )
                .help("規模（利用者数・件数）、目標値と実績値、導入前後の変化を数値で書く");
            }
        }
    }
}
