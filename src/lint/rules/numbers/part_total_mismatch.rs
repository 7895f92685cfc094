use crate::lint::rule::{Document, declare_rule};
use crate::text::scan as util;
use crate::lint::rule::Context;

declare_rule! {
    /// ## 何を検出するか
    /// 内訳と合計・割合の不整合。同じ文の中で、
    /// 「80件のうち50件（60%）」のように合計・部分・割合がそろっていて割合が合わない場合（±1ポイント超）と、
    /// 「標準50件、迅速20件、通常10件の計90件」のように内訳の和が合計と違う場合を報告する。
    /// 文をまたぐ内訳も検算する: 合計を書いた文の次の文が「内訳は」「原因は」「そのうち」で始まり、同じ単位の
    /// 数値を「…が2回、…が2回」のように列挙しているとき、その和が合計と違う場合（「そのうち」は和が合計を
    /// 超える場合）を報告する。
    /// 列挙のあとの合計も検算する: 「一つ目は…約1,100万円」「二つ目は…約600万円」「三つ目は…約400万円」と
    /// 文頭の「一つ目」「二つ目」…（「第一に」…）で列挙した項目ごとの最初の同じ単位・同じ期間の数値の和が、
    /// 後の文の「合計で」「合わせて」の数値と合わない場合を報告する。
    ///
    /// ## なぜ問題か
    /// 数値の整合は「実務として違和感がない」（80点以上チェック）の前提である。50/80 を 60% と書いてしまう例は実際にある
    /// （正しくは 62.5%）。
    ///
    /// ## 誤検知しないもの
    /// - 割合の丸め（±1ポイント以内）は不整合としない。
    ///   正: 「80件のうち50件（約63%）が標準変更であった。」
    ///
    /// ## 例
    /// 誤: 「80件のうち50件（60%）が標準変更であった。」
    /// 正: 「80件のうち50件（62.5%）が標準変更であった。」
    ///
    /// ## 設定
    /// なし。
    pub(crate) static PART_TOTAL_MISMATCH = {
        code: "N002",
        name: "part-total-mismatch",
        summary: "内訳と合計・割合が合わない",
        severity: Warning,
        scope: Both,
        check: check,
    };
}

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    across_sentences(doc, ctx);
    let ratio = util::static_regex!(
        r"(?:全|合計|計)?([0-9０-９][0-9０-９,，]*)\s*(件|名|人|社|店舗|台|回|通)(?:のうち|中)、?[^。（(]{0,12}?([0-9０-９][0-9０-９,，]*)\s*(件|名|人|社|店舗|台|回|通)\s*[（(]\s*(?:約)?([0-9０-９]+(?:[.．][0-9０-９]+)?)\s*([%％])\s*[）)]"
    );
    let item = util::static_regex!(r"([0-9０-９][0-9０-９,，]*)\s*(件|名|人|社|店舗|台)");
    let total = util::static_regex!(
        r"(?:計|合計|総計)\s*([0-9０-９][0-9０-９,，]*)\s*(件|名|人|社|店舗|台)"
    );
    for s in &doc.sentences {
        let t = doc.sentence_text(s);
        for c in ratio.captures_iter(t) {
            let (Some(whole), Some(part), Some(pct)) = (
                util::parse_number(&c[1]),
                util::parse_number(&c[3]),
                util::parse_number(&c[5]),
            ) else {
                continue;
            };
            if whole <= 0.0 || c[2] != c[4] {
                continue;
            }
            let actual = part / whole * 100.0;
            if (actual - pct).abs() > 1.0 {
                let (m, sign) = (c.get(5).expect("group"), c.get(6).expect("group"));
                let abs = s.range.start + m.start();
                ctx.report(
                    Some(abs..s.range.start + sign.end()),
                    format!(
                        "{}{}のうち{}{}は{:.1}%です（本文は{}%）",
                        &c[1], &c[2], &c[3], &c[4], actual, &c[5]
                    ),
                )
                .label("割合が合わない")
                .help("割合 = 部分 ÷ 合計 × 100");
            }
        }
        if let Some(tc) = total.captures(t) {
            let tm = tc.get(0).expect("match");
            let unit = &tc[2];
            let Some(sum_stated) = util::parse_number(&tc[1]) else {
                continue;
            };
            // Items after the last 「のうち」 and within 40 characters before the total.
            let prefix = &t[..tm.start()];
            let from = prefix
                .rfind("のうち")
                .map(|i| i + "のうち".len())
                .unwrap_or(0);
            let from = prefix[from..]
                .char_indices()
                .rev()
                .nth(39)
                .map(|(i, _)| from + i)
                .unwrap_or(from);
            let items: Vec<f64> = item
                .captures_iter(&prefix[from..])
                .filter(|c| &c[2] == unit)
                .filter_map(|c| util::parse_number(&c[1]))
                .collect();
            // Only a clear breakdown: at least two items right before the total, and in one clause.
            let clause = &t[..tm.start()];
            let clause_start = clause.rfind('。').map(|i| i + '。'.len_utf8()).unwrap_or(0);
            if items.len() >= 2 && clause[clause_start..].matches('、').count() + 1 >= items.len()
            {
                let sum: f64 = items.iter().sum();
                if (sum - sum_stated).abs() > 0.5 && sum < sum_stated * 3.0 {
                    let abs = s.range.start + tm.start();
                    ctx.report(
                        Some(abs..abs + tm.len()),
                        format!("内訳の合計は{sum}{unit}ですが、本文は{}{unit}です", &tc[1]),
                    )
                    .label("合計が合わない")
                    .help("内訳の数値と合計をそろえる");
                }
            }
        }
    }
}

/// Breakdowns listed in the sentence after their total (the fact model's check).
fn across_sentences(doc: &Document<'_>, ctx: &mut Context<'_>) {
    use crate::document::{consistency, facts::Facts};
    let facts = Facts::of(doc);
    let sentences: Vec<&str> = doc.sentences.iter().map(|s| doc.sentence_text(s)).collect();
    for x in consistency::breakdown_mismatches(doc.text, facts, &sentences) {
        let at = &facts.facts[x.at];
        let d = ctx
            .report(Some(at.figure.span.clone()), x.message)
            .label("内訳の和が合計と合わない")
            .help("内訳の数値と合計をそろえる");
        if let Some(o) = x.other {
            d.related(facts.facts[o].figure.span.clone(), "合計");
        }
    }
    for x in consistency::enumerated_total_mismatches(doc.text, facts, &sentences) {
        let d = ctx
            .report(Some(facts.facts[x.at].figure.span.clone()), x.message)
            .label("列挙した数値の和と合わない合計")
            .help("列挙した数値を足し直し、合計か内訳のどちらかを正す");
        if let Some(o) = x.other {
            d.related(facts.facts[o].figure.span.clone(), "内訳の1つ目");
        }
    }
}
