use crate::lint::rule::{Document, declare_rule};
use crate::text::scan as util;
use crate::lint::rule::Context;

declare_rule! {
    /// ## 何を検出するか
    /// 稼働率（可用性）と停止時間の組が算術的に合わないこと。同じ文の中で「99.9%」のような稼働率の
    /// すぐ後（30字以内）に「年間約8.76時間」「月間約43分」のような停止時間があれば、
    /// 年間 = (1 − 稼働率) × 8,760時間、月間 = (1 − 稼働率) × 730時間 で検算し、6%を超えてずれていれば報告する。
    ///
    /// ## なぜ問題か
    /// 80点以上チェックの「実務として違和感がない」。99.9% を「年間87時間」と書くような
    /// 桁違いは、採点者に実務経験を疑わせる。
    ///
    /// ## 誤検知しないもの
    /// - 月間の稼働率は月間の停止時間（730時間が基準）と、年間は年間と検算する。
    ///   正: 「月間稼働率99.9%（月間の停止は約43分まで）を目標とした。」
    ///
    /// ## 例
    /// 誤: 「稼働率99.9%（年間停止許容87時間）」
    /// 正: 「稼働率99.9%（年間停止許容 約8.76時間）」
    ///
    /// ## 設定
    /// なし。
    pub(crate) static AVAILABILITY_DOWNTIME_MISMATCH = {
        code: "N001",
        name: "availability-downtime-mismatch",
        summary: "稼働率と停止時間の換算が合わない",
        severity: Error,
        scope: Both,
        check: check,
    };
}

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    let pct = util::static_regex!(r"([9９][0-9０-９](?:[.．][0-9０-９]+)?)\s*[%％]");
    let dur = util::static_regex!(
        r"(年間|年|1年|月間|月|1か月|1ヶ月|1カ月)(?:の)?(?:停止(?:許容)?(?:時間)?|許容停止時間|ダウンタイム)?(?:は|が|で|に)?\s*(?:約|およそ|最大)?\s*([0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?)\s*(時間|分)"
    );
    for s in &doc.sentences {
        let t = doc.sentence_text(s);
        // A finding needs a duration after the rate: a sentence that cannot hold one is skipped
        // before the rate pattern is compiled or run.
        if !dur.may_match(t) {
            continue;
        }
        for p in pct.captures_iter(t) {
            let whole = p.get(0).expect("match");
            let Some(avail) = util::parse_number(&p[1]) else {
                continue;
            };
            let window_end = t[whole.end()..]
                .char_indices()
                .nth(30)
                .map(|(i, _)| whole.end() + i)
                .unwrap_or(t.len());
            let Some(d) = dur.captures(&t[whole.end()..window_end]) else {
                continue;
            };
            // The percentage must be about availability, not e.g. a reduction rate.
            let ctx_before = &t[..whole.start()];
            let tail: String = ctx_before
                .chars()
                .rev()
                .take(15)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            if !(tail.contains("稼働率")
                || tail.contains("可用性")
                || tail.contains("SLA")
                || tail.contains("SLO"))
            {
                continue;
            }
            let Some(value) = util::parse_number(&d[2]) else {
                continue;
            };
            let hours = if &d[3] == "分" { value / 60.0 } else { value };
            let period = if d[1].contains('年') { 8760.0 } else { 730.0 };
            let expected = (100.0 - avail) / 100.0 * period;
            if expected <= 0.0 {
                continue;
            }
            let diff = (hours - expected).abs() / expected;
            if diff > 0.06 {
                let m = d.get(0).expect("match");
                let abs = s.range.start + whole.end() + m.start();
                let exp_text = if expected < 1.0 {
                    format!("約{:.1}分", expected * 60.0)
                } else {
                    format!("約{expected:.2}時間")
                };
                ctx.report(
                    Some(abs..abs + m.len()),
                    format!(
                        "稼働率{}%の{}停止時間は{exp_text}です（本文は{}{}）",
                        &p[1], &d[1], &d[2], &d[3]
                    ),
                )
                .label("換算が合わない")
                .related(
                    s.range.start + whole.start()..s.range.start + whole.end(),
                    "稼働率",
                )
                .help("年間停止時間 = (1 − 稼働率) × 8,760時間、月間 = (1 − 稼働率) × 730時間");
            }
        }
    }
}
