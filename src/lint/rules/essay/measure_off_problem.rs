use crate::lint::rule::{Document, declare_rule};
use crate::document::terms::{Term, terms_except};
use crate::document::thread::{GENERIC_SET, Thread};
use crate::lint::rule::Context;

declare_rule! {
    /// ## 何を検出するか
    /// 設問イの施策のうち、設問アの問題にも、設問イの要因分析にも、問題文の設問イが問う事項にもつながらない
    /// もの（別の問題のために付け足した施策）。施策は「まず」「さらに」「また」「第一に」「二つ目は」などで
    /// 始まり、実施したことを述べる文から段落の終わりまでとし、その具体的な語（「停電」「無停電電源装置」など。
    /// 「停止」「障害」「サーバ」のようにどの論文にも出てくる語は除く）がどれにも出てこない場合に、施策の最初の文を指す。
    /// 言い換え（「復旧に時間がかかる」と「切替えを短縮」など）や漢字2字の語の一致はつながりとみなす。
    ///
    /// ## なぜ問題か
    /// 設問イは設問アで述べた問題への方策を問う。別の問題のための施策を並べると、論点がずれて散漫になり、
    /// 採点者には題意から外れた記述と読まれる。
    ///
    /// ## 誤検知しないもの
    /// - 設問アの問題に別の言葉でつながる施策（暗号化のリスクに対する復元手順の訓練など）。
    ///   正（論文）: 「## 設問ア\nA社は診療所向けの電子カルテサービスを提供している。ランサムウェアに感染すると記録が暗号化され、長期に停止するリスクがあった。\n## 設問イ\n私は、バックアップを世代管理し、オフラインで保管すると判断した。さらに、暗号化された場合に備えて復元手順を訓練した。\n## 設問ウ\n復旧訓練では4時間で記録を戻せた。\n」
    ///
    /// ## 例
    /// 誤（論文）: 「## 設問ア\nA社は診療所向けの電子カルテサービスを提供している。ランサムウェアに感染すると記録が暗号化され、長期に停止するリスクがあった。\n## 設問イ\n私は、バックアップを世代管理し、オフラインで保管すると判断した。さらに、無停電電源装置の容量を増やした。\n## 設問ウ\n復旧訓練では4時間で記録を戻せた。\n」
    /// 正: 設問アのリスク（暗号化による長期停止、個人情報の漏えい）に対する施策に絞る
    ///
    /// ## 設定
    /// - `--question FILE` があれば、設問イが問う事項の語もつながりとみなす
    pub(crate) static MEASURE_OFF_PROBLEM = {
        code: "E015",
        name: "measure-off-problem",
        summary: "設問イの施策が設問アの問題につながらない（別の問題への施策の付け足し）",
        severity: Warning,
        scope: Essay,
        check: check,
    };
}

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    let th = Thread::of(doc);
    if th.problems.is_empty() {
        return;
    }
    let mut extra: Vec<Term> = Vec::new();
    if let Some(q) = &ctx.settings.question
        && let Some(p) = q.part('イ')
    {
        for pt in p.points.iter().chain(&p.viewpoints) {
            extra.extend(terms_except(pt, &GENERIC_SET));
        }
    }
    // Measures in paragraphs that raise a late problem are E014's.
    let late: Vec<std::ops::Range<usize>> = th
        .late_problems
        .iter()
        .map(|(_, i)| i.span.clone())
        .collect();
    for m in th.unlinked_measures(&extra) {
        if late.iter().any(|l| {
            doc.text[l.end..m.sentence.start].find('\n').is_none() && l.end <= m.sentence.start
        }) {
            continue;
        }
        let words: Vec<&str> = m.terms.iter().take(4).map(|t| t.text.as_str()).collect();
        ctx.report(
            Some(m.sentence.clone()),
            format!(
                "この施策（{}）は、設問アの問題にも要因の分析にもつながっていません",
                words.join("・")
            ),
        )
        .label("どの問題のための施策か分からない")
        .help("設問アで述べた問題のどれを解決する施策かを書くか、別の問題のための施策なら外す");
    }
}
