use crate::document::essay as essay_util;
use crate::document::terms::terms_except;
use crate::document::thread::{GENERIC, GENERIC_SET};
use crate::lint::rule::Context;
use crate::lint::rule::{Document, declare_rule};
use regex::Regex;
use std::sync::OnceLock;

declare_rule! {
    /// ## 何を検出するか
    /// 問題文が問うテーマとは別の話を書いた論文（準備した論文をそのまま書いた、など）。問題文
    /// （`--question` か front matter の `question:`）の設問イ・ウが問う事項の語（「費用の実績の分析」
    /// 「コスト削減策」なら「費用」「実績」「コスト」「削減」…。言い換えの語と漢字2字の語も一致とみなす）を使った文が、
    /// 答案の設問イの文の35%未満しかなく、しかもテーマ（front matter の `theme:` か `--theme`）の語よりも
    /// 別のテーマの語が設問イに2倍以上（6回以上）出てくるときに、設問イの見出しを指す。問題文もテーマも無い
    /// 論文、設問イが6文未満の論文は判定しない。
    ///
    /// ## なぜ問題か
    /// 問われたことに答えていない論文は、内容が良くても「設問で要求した事項について論述していない」として
    /// D 評価になる。採点講評が最も重く扱う欠点であり、準備した論文を問題に合わせずに書くと起きる。
    ///
    /// ## 誤検知しないもの
    /// - 問題文もテーマも無い論文、設問イが6文未満の論文。テーマの語が他のテーマの語と同じくらい出てくる論文
    ///   （費用の話の中で障害にも触れる、など）。
    /// - 設問アが問われた事項に結び付けた名前で語る設問イ。設問アの、問われた事項の語を含む文にある英字の名前
    ///   （「Ｐ社と保守契約を結んでいる」の「Ｐ社」、「顧客のＥ銀行」の「Ｅ銀行」）、「（以下、〜という）」の略称、
    ///   問われた語を修飾する語（「保守契約」の「保守」）は、問われた事項の語とみなす。
    ///   正: 設問ア「受付サーバの保守は、Ｐ社と保守契約を結んで任せている。」の後の設問イ「Ｐ社の障害の一次対応が遅いことを問題と判断した。」
    ///
    /// ## 例
    /// 問題文: 「設問イ　設問アで述べたサービスについて，あなたが行った費用の実績の分析と，実施したコスト削減策について，800字以上1,600字以内で具体的に述べよ。」
    /// 誤（論文）: 「---\ntheme: budget\n---\n## 設問ア\nA社は取引サービスを提供している。\n## 設問イ\n私は、障害の検知を早めるため、監視の項目を見直すと判断した。インシデントの記録から、検知の遅れた障害を洗い出した。障害の切り分け手順を手順書にまとめた。復旧の手順は月1回の訓練で確かめた。再発防止のため、問題管理で根本原因を分析した。障害の一次対応は夜間も運用担当者が行う。\n## 設問ウ\n平均復旧時間は60分から35分に短縮した。\n」
    /// 正（論文）: 「---\ntheme: budget\n---\n## 設問ア\nA社は取引サービスを提供している。\n## 設問イ\n私は、サービスの費用の実績を分析すると判断した。費用の内訳を月ごとに集計した。サーバの費用が全体の6割を占めていた。利用の少ない夜間はサーバを止めるというコスト削減策を採った。削減策がサービスレベルに響かないよう、応答時間を監視した。費用は月300万円から月220万円に減った。\n## 設問ウ\n費用は27%減った。\n」
    ///
    /// ## 設定
    /// - `--question FILE`、`--theme ID`（front matter の `question:`・`theme:` より優先）
    pub(crate) static OFF_QUESTION = {
        code: "E020",
        name: "off-question",
        summary: "問題文が問うテーマと別の話を書いている（--question とテーマ）",
        severity: Error,
        scope: Essay,
        check: check,
    };
}

/// Words of every question that say nothing about its theme.
const QUESTION_WORDS: &[&str] = &[
    "設問", "あなた", "携わった", "述べた", "述べよ", "具体的", "以内", "以上", "観点", "含め", "実施結果",
    "評価", "今後", "改善", "課題", "取組", "工夫", "工夫した", "内容", "方法", "結果", "点", "関係者",
    "協力", "実施", "実施した", "行った", "合意", "状況", "見直し", "計画", "立案", "重視",
];

/// Names 設問ア binds to what the question asks: in each sentence of 設問ア that mentions an asked
/// term, a letter name (「K社」「E銀行」「X部」), an alias (「（以下、保守契約という）」) and the word
/// that qualifies an asked term (「保守契約」 → 「保守」 when 「契約」 is asked). 設問イ may speak of
/// the supplier, the customer or the contract by these names alone. Folded, at least two characters.
fn bound_names(doc: &Document<'_>, asked: &[essay_util::Term]) -> Vec<String> {
    static LETTER: OnceLock<Regex> = OnceLock::new();
    let letter = LETTER.get_or_init(|| {
        Regex::new(r"[A-ZＡ-Ｚ][A-Za-zＡ-Ｚａ-ｚ]{0,2}(?:社|銀行|部|課|店|病院|大学|グループ)")
            .expect("valid regex")
    });
    let Some(a) = essay_util::part(doc, 'ア') else {
        return Vec::new();
    };
    let mut out: Vec<String> = Vec::new();
    let mut push = |w: &str| {
        let w = essay_util::fold(w);
        if w.chars().count() >= 2 && !GENERIC_SET.contains(w.as_str()) && !out.contains(&w) {
            out.push(w);
        }
    };
    for s in essay_util::sentences(doc, a) {
        let text = doc.sentence_text(s);
        let f = essay_util::fold(text);
        let binding: Vec<&essay_util::Term> =
            asked.iter().filter(|t| essay_util::mentions(&f, t)).collect();
        if binding.is_empty() {
            continue;
        }
        for m in letter.find_iter(text) {
            push(m.as_str());
        }
        for name in crate::document::aliases::defined_names(text) {
            push(name);
        }
        // 「保守契約」: the qualifier of an asked word written as one compound.
        let words: Vec<String> = binding.iter().map(|b| essay_util::fold(&b.text)).collect();
        for t in terms_except(text, &GENERIC_SET) {
            let tf = essay_util::fold(&t.text);
            for word in &words {
                if tf != *word
                    && let Some(head) = tf.strip_suffix(word.as_str())
                {
                    push(head);
                }
            }
        }
    }
    out
}

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    let Some(q) = ctx.settings.question.clone() else {
        return;
    };
    let Some(i) = essay_util::part(doc, 'イ') else {
        return;
    };
    let sentences: Vec<_> = essay_util::sentences(doc, i).collect();
    if sentences.len() < 6 {
        return;
    }
    let mut stop: Vec<&str> = GENERIC.to_vec();
    stop.extend_from_slice(QUESTION_WORDS);
    let mut asked = Vec::new();
    for p in q.parts.iter().filter(|p| p.label != 'ア') {
        for pt in p.points.iter().chain(p.viewpoints.iter()) {
            asked.extend(essay_util::terms(pt, &stop));
        }
    }
    asked.retain(|t| !stop.contains(&t.text.as_str()) && t.text.chars().count() >= 2);
    let mut seen = std::collections::HashSet::new();
    asked.retain(|t| seen.insert(t.text.clone()));
    if asked.is_empty() {
        return;
    }
    let bound = bound_names(doc, &asked);
    let hits = sentences
        .iter()
        .filter(|s| {
            let f = essay_util::fold(doc.sentence_text(s));
            asked.iter().any(|t| essay_util::mentions(&f, t))
                || bound.iter().any(|b| f.contains(b.as_str()))
        })
        .count();
    let coverage = hits as f32 / sentences.len() as f32;
    if coverage >= 0.35 {
        return;
    }
    // The theme's words against the others', in 設問イ.
    let themes = &ctx.vocab.themes;
    let given = ctx.settings.theme.clone().or_else(|| doc.front_matter.value("theme"));
    let Some(idx) = given.and_then(|g| {
        themes
            .iter()
            .position(|(id, name, _)| id.eq_ignore_ascii_case(&g) || *name == g)
    }) else {
        return;
    };
    let folded = essay_util::fold(&essay_util::text(doc, i));
    let score = |kw: &[String]| -> usize {
        kw.iter()
            .map(|k| folded.matches(essay_util::fold(k).as_str()).count())
            .sum()
    };
    // A name 設問ア gave to the theme's partner (「K社」 for the supplier) speaks of the theme too.
    let own = score(&themes[idx].2) + bound.iter().map(|b| folded.matches(b.as_str()).count()).sum::<usize>();
    let Some((best, best_score)) = themes
        .iter()
        .enumerate()
        .filter(|(k, _)| *k != idx)
        .map(|(k, t)| (k, score(&t.2)))
        .max_by_key(|(k, s)| (*s, std::cmp::Reverse(*k)))
    else {
        return;
    };
    if best_score < 6 || best_score < 2 * own.max(1) {
        return;
    }
    let shown: Vec<&str> = asked.iter().take(5).map(|t| t.text.as_str()).collect();
    ctx.report(
        Some(i.heading.clone()),
        format!(
            "設問イの{}文のうち、問題文が問う事項（{}）に触れる文は{}文だけで、「{}」より「{}」の話になっています",
            sentences.len(),
            shown.join("・"),
            hits,
            themes[idx].1,
            themes[best].1
        ),
    )
    .label("問われたテーマと別の話")
    .help("問題文の設問イが問う事項について、分析・施策・判断を設問イの中心に書き直す");
}
