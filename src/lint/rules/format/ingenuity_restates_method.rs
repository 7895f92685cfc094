use crate::lint::rule::{Document, Kind, declare_rule};
use crate::document::terms::Term;
use crate::document::thread::{GENERIC, specific_terms};
use crate::lint::rule::Context;

declare_rule! {
    /// ## 何を検出するか
    /// モジュール段落の「工夫した点は、〜」が、手法の定義を言い直しているだけであること。次のどれかの場合に、
    /// 工夫の文を指す。
    /// - 工夫の文の具体的な語（4語以上あるとき）の6割以上が、手法の特徴（第1文の「〜と呼ばれる」から
    ///   「手法を」まで）にも出てくる。
    /// - 工夫の文が手法名（または「（以下、〜という）」の略称）をそのまま使い、対象・条件の絞り込み
    ///   （「〜だけ」「〜に限り」「〜ごとに」「〜別に」「条件」「例外」「〜ではなく」など）が無く、手法名と
    ///   特徴の語と一般的な手続きの語（プロセス、定義、ルール、役割…）のほかに具体的な語が3語以下しかない
    ///   （または手法名を2回以上使う）。「機能フラグで切り替え、不具合時は機能フラグを無効にした」は、
    ///   手法を使ったことを言い直しているだけである。
    /// - 工夫の文が、その手法の教科書どおりの手順の語（`rubrics/method-fit.yaml` の steps。パレート分析なら
    ///   分類・件数・多い順・上位…）を3つ以上並べ、ほかの具体的な語が2語以下しかない。
    ///
    /// ## なぜ問題か
    /// 工夫した点は、手法をその現場に合わせて変えたところである。手法の定義をなぞっただけの工夫は、
    /// 工夫が無いのと同じと読まれる。
    ///
    /// ## 誤検知しないもの
    /// - 工夫が手法の特徴と同じ語を一部使っていても、事例に固有の判断（対象、条件、順序）を加えているもの。
    /// - 手法名を使っていても、対象や条件を絞っているもの（「標準変更の対象を、失敗が0件だった7種類に
    ///   絞り」「P95を顧客の規模別と画面別に分けて集計し」）。
    ///
    /// ## 例
    /// 誤: 「優先度マトリクスと呼ばれる、影響度と緊急度をそれぞれ3段階で評価し、組合せから優先度を決めるという特徴を持つ手法を使用し、インシデントの優先度付けの導入をした。工夫した点は、影響度と緊急度の二つの軸で評価し、組合せで優先度を3段階に分けた点である。」
    /// 正: 「優先度マトリクスと呼ばれる、影響度と緊急度をそれぞれ3段階で評価し、組合せから優先度を決めるという特徴を持つ手法を使用し、インシデントの優先度付けの導入をした。工夫した点は、チェックインの時間帯に宿泊客の手続きが止まる事象は、受付件数に関係なく緊急度を最上位とした点である。」
    ///
    /// ## 設定
    /// なし。
    pub(crate) static INGENUITY_RESTATES_METHOD = {
        code: "F011",
        name: "ingenuity-restates-method",
        summary: "工夫した点が手法の特徴・手順の言い直しになっている（手法を使っただけ）",
        severity: Warning,
        scope: Module,
        check: check,
    };
}

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    if doc.kind != Kind::Module {
        return;
    }
    let m = crate::document::markers::markers(doc);
    let (Some(first), Some(name), Some(ing)) = (&m.first, &m.name, &m.ingenuity) else {
        return;
    };
    let feature_end = m.method.as_ref().map_or(first.end, |r| r.start);
    if feature_end <= name.end {
        return;
    }
    let feature = crate::document::terms::fold(&doc.text[name.end..feature_end]);
    let Some(s) = doc.sentences.iter().find(|s| s.range.contains(&ing.start)) else {
        return;
    };
    let body = &doc.text[ing.end..s.range.end];
    let terms: Vec<_> = specific_terms(body)
        .into_iter()
        .filter(|t| !GENERIC.contains(&t.text.as_str()))
        .collect();
    let in_feature = |t: &Term| {
        t.keys
            .iter()
            .any(|k| t.text.contains(k.as_ref()) && feature.contains(k.as_ref()))
    };
    let names = technique_names(&doc.text[first.start..name.start]);
    let by_name = |t: &Term| names.iter().any(|n| n.contains(t.text.as_str()));
    let own = terms
        .iter()
        .filter(|t| !in_feature(t) && !by_name(t) && !PROCEDURE.contains(&t.text.as_str()))
        .count();
    let fold = crate::document::terms::fold(body);
    let adapted = ADAPTATION.iter().any(|a| body.contains(a));
    let uses = names
        .iter()
        .map(|n| fold.matches(crate::document::terms::fold(n).as_str()).count())
        .max()
        .unwrap_or(0);
    if uses > 0 && !adapted && (own <= 3 || uses >= 2) {
        ctx.report(
            Some(s.range.clone()),
            "工夫した点が、手法をそのまま使ったことの言い直しです（手法名のほかに、対象や条件を絞る語がありません）"
                .to_owned(),
        )
        .label("手法を使っただけの工夫")
        .related(first.start..name.start, "手法名")
        .help("手法をこの現場に合わせてどう変えたか（対象の絞り方、基準の置き方、例外の扱い）を書く");
        return;
    }
    let technique = doc.text[first.start..name.start].to_owned();
    let steps = crate::lint::method_fit::builtin().technique_steps(&technique);
    let stepped = steps.iter().filter(|w| body.contains(*w)).count();
    let beyond = terms
        .iter()
        .filter(|t| !steps.iter().any(|w| t.text.contains(w) || w.contains(t.text.as_str())))
        .filter(|t| !in_feature(t) && !PROCEDURE.contains(&t.text.as_str()))
        .count();
    if stepped >= 3 && beyond <= 2 {
        ctx.report(
            Some(s.range.clone()),
            format!(
                "工夫した点が、この手法の教科書どおりの手順の言い直しです（手順の語{stepped}つのほかに具体的な語が{beyond}語だけです）"
            ),
        )
        .label("手法の手順をなぞった工夫")
        .related(first.start..name.start, "手法名")
        .help("手順のどこを、この現場の制約に合わせてどう変えたか（対象の絞り方、基準の置き方、例外の扱い）を書く");
        return;
    }
    if terms.len() < 4 {
        return;
    }
    let shared = terms.iter().filter(|t| in_feature(t)).count();
    if shared * 10 >= terms.len() * 6 {
        ctx.report(
            Some(s.range.clone()),
            format!(
                "工夫した点が手法の特徴の言い直しです（工夫の語{}語のうち{}語が特徴の部分にあります）",
                terms.len(),
                shared
            ),
        )
        .label("手法の定義をなぞった工夫")
        .related(name.end..feature_end, "手法の特徴")
        .help("その現場の制約に合わせて手法をどう変えたか（対象の絞り方、基準の置き方、例外の扱い）を書く");
    }
}

/// Words that restrict or adapt a technique to the case: an ingenuity with one of them is the
/// writer's own use of the technique, even when it names it.
const ADAPTATION: &[&str] = &[
    "だけ",
    "のみ",
    "絞",
    "に限",
    "限定",
    "ごとに",
    "ごとの",
    "別に",
    "別と",
    "条件",
    "除い",
    "除外",
    "以外",
    "例外",
    "ではなく",
    "代わりに",
];

/// Procedure words of any process description: they add nothing of the case to an ingenuity.
const PROCEDURE: &[&str] = &[
    "ITIL",
    "ベストプラクティス",
    "プロセス",
    "定義",
    "役割",
    "明確",
    "ルール",
    "仕組み",
    "流れ",
    "手順",
    "体制",
    "標準",
    "導入",
    "適用",
    "利用",
    "活用",
];

/// The technique's names in the text before 「と呼ばれる」: the name itself (from the last 「、」
/// outside parentheses) and what its parentheses give: the name they define
/// ([`crate::document::aliases`]: 「（以下、CVSSという）」 → CVSS), else their content (「（FAQ）」 →
/// FAQ). Names shorter than two characters are dropped.
fn technique_names(before: &str) -> Vec<String> {
    let start = crate::document::markers::name_start(before);
    let seg = before[start..].trim_matches(['#', '*', ' ', '\n']).trim();
    let mut base = String::new();
    let mut inner: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut depth = 0i32;
    for c in seg.chars() {
        match c {
            '（' | '(' => {
                depth += 1;
                cur.clear();
            }
            '）' | ')' => {
                depth -= 1;
                inner.push(std::mem::take(&mut cur));
            }
            _ if depth > 0 => cur.push(c),
            _ => base.push(c),
        }
    }
    let mut out = vec![base];
    for i in inner {
        // 「（以下、CVSSという）」 defines the short name; 「（FAQ）」 is one as it stands.
        let name = crate::document::aliases::defined_names(&i)
            .next()
            .map(str::to_owned);
        out.push(name.unwrap_or(i));
    }
    out.retain(|n| n.chars().count() >= 2);
    out
}
