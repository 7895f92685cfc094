use crate::lint::rule::{Document, declare_rule};
use crate::document::essay as essay_util;
use crate::lint::rule::Context;

declare_rule! {
    /// ## 何を検出するか
    /// 設問アで述べた問題が、設問イで扱われていない、または設問ウで測られていないこと。
    /// 設問アのうち「課題」「問題」を含む文から、問題を表す語（2字以上の漢字・カタカナ・英字の連なり。
    /// 「課題」「問題」「対応」「サービス」などの一般的な語は除く）を取り出し、そのどれもが設問イ
    /// （または設問ウ）に1回も出てこない場合に、その設問の見出しを指す。探した語はメッセージに示す。
    /// 誤検知を避けるため、語が2つ以上取り出せたときだけ判定し、漢字3字以上の複合語はその中の2字の語
    /// （「変更承認」→「変更」「承認」）でも、よく使われる言い換え（「稼働率」↔「停止」、「費用」↔「コスト」、
    /// 「エラー」↔「失敗」など）でも一致とみなす。その分、言い換えで話がずれている場合は見逃すことがある。
    ///
    /// ## なぜ問題か
    /// 設問間の整合は A 評価の絶対要件である。アで挙げた問題をイで解決し、ウでその解決の度合いを
    /// 検証する。不合格の典型は「アは時間不足、イは品質向上、ウはコスト低下」のように
    /// 話がずれる論文である（自己採点シートの⑥効果・評価: 効果と課題のつながり）。
    ///
    /// ## 誤検知しないもの
    /// - 複合語の中の語や、よく使われる言い換えでも一致とみなす（「変更承認」は「変更」「承認」を含む）。
    ///   正: 「私は、変更承認の手順を区分ごとに見直すと判断した。」
    ///
    /// ## 例
    /// 前提: 設問アで「変更の承認待ちが平均40日に及ぶことが課題であった。」と書き、設問ウで承認待ちの日数を評価した論文の設問イ
    /// 誤: 「監視項目を見直し、警報のしきい値を変えた。」
    /// 正: 「私は、変更を三つの区分に分け、区分ごとに承認の経路を変えると判断した。」
    ///
    /// ## 設定
    /// なし。
    pub(crate) static THREAD_BROKEN = {
        code: "E009",
        name: "thread-broken",
        summary: "設問アの問題が設問イで扱われていない・設問ウで測られていない",
        severity: Warning,
        scope: Essay,
        check: check,
    };
}

/// Words that appear in any essay's problem statement and say nothing about which problem it is.
const STOP: &[&str] = &[
    "課題",
    "問題",
    "問題点",
    "課題点",
    "解決",
    "改善",
    "対応",
    "発生",
    "必要",
    "状況",
    "場合",
    "今回",
    "当社",
    "自社",
    "本稿",
    "以下",
    "以上",
    "以降",
    "全体",
    "実施",
    "結果",
    "存在",
    "一方",
    "特定",
    "重要",
    "当時",
    "現在",
    "従来",
    "今後",
    "可能",
    "認識",
    "把握",
    "考慮",
    "検討",
    "私",
    "サービス",
    "システム",
    "運用",
    "管理",
    "業務",
    "設問",
    "具体的",
    "具体",
    "部分",
    "一部",
    "多数",
    "大幅",
    "非常",
    "十分",
    "不十分",
    "同様",
    "複数",
    "様々",
    "IT",
];

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    let Some(a) = essay_util::part(doc, 'ア') else {
        return;
    };
    let mut problem = String::new();
    for s in essay_util::sentences(doc, a) {
        let t = doc.sentence_text(s);
        if t.contains("課題") || t.contains("問題") {
            problem.push_str(t);
            problem.push('\n');
        }
    }
    let terms = essay_util::terms(&problem, STOP);
    if terms.len() < 2 {
        return;
    }
    let shown: Vec<&str> = terms.iter().take(8).map(|t| t.text.as_str()).collect();
    let shown = shown.join("・");
    for (label, verb, help) in [
        (
            'イ',
            "扱われていません",
            "設問イでは、設問アで挙げた問題を名指しし、それを解決するために何を判断し実施したかを書く",
        ),
        (
            'ウ',
            "評価されていません",
            "設問ウでは、設問アで挙げた問題がどれだけ解決したかを、同じ指標の導入前後の値で示す",
        ),
    ] {
        let Some(p) = essay_util::part(doc, label) else {
            continue;
        };
        if !essay_util::has_prose(doc, p) {
            continue;
        }
        let folded = essay_util::fold(&essay_util::text(doc, p));
        if terms.iter().any(|t| essay_util::mentions(&folded, t)) {
            continue;
        }
        ctx.report(
            Some(p.heading.clone()),
            format!("設問アの問題が{}で{verb}（探した語: {shown}）", p.name()),
        )
        .label("設問アの問題とのつながりが見えない")
        .related(a.heading.clone(), "問題を述べた設問")
        .help(help);
    }
}
