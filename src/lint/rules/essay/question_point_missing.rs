use crate::lint::rule::{Document, declare_rule};
use crate::document::essay as essay_util;
use crate::lint::rule::Context;
use crate::document::essay::Term;

declare_rule! {
    /// ## 何を検出するか
    /// 問題文（`itsm lint --question FILE`、または front matter の `question:` に書いたファイル）の各設問が
    /// 求めている事項（「〜について」「〜と〜」「〜を含めて」の各項目）と「〜の観点」の制約のうち、
    /// 答案の同じ設問に出てこないもの。事項ごとに、設問の見出しを指して事項の言葉を示す。
    /// 判定は語の一致による: 事項の中の2字以上の漢字・カタカナ・英字の連なり（「サービス」「管理」のような
    /// どの論文にも出てくる語は、ほかに語があれば除く）のうち、同じ設問の他の事項と共通しない語
    /// （「改善に当たって工夫したこと」なら「工夫」）が1つも出てこなければ報告する。
    /// 「評価」は「効果」「短縮」「達成」、「今後の改善点」は「課題」「今後」など、よくある答え方の言葉も一致とみなす。
    ///
    /// ## なぜ問題か
    /// 設問ア・イ・ウで問われたことに過不足なく答える（自己採点シートの②設問への適合）。設問文の制約（観点）を外した論文は、
    /// 内容が良くても「問題文の趣旨に沿っていない」として評価が下がる。設問への応答性を
    /// 外れると即 C・D 評価になる（IPA の評価ランクの定義）。問われた言葉をそのまま使って答えると、採点者が答えを見つけやすい。
    ///
    /// ## 誤検知しないもの
    /// - 問われた言葉そのものでなくても、よくある答え方の言葉（「評価」なら「効果」「短縮」「達成」）は一致とみなす。
    /// - 問題文が無いとき（`--question` も front matter の `question:` も無いとき）は何も報告しない。
    ///
    /// ## 例
    /// 問題文: 「設問イ　設問アで述べた問題の改善策と，改善に当たって工夫したことを，800字以上1,600字以内で具体的に述べよ。」
    /// 誤: 「私は、問題の改善策として監視の項目を見直し、警報の基準を改めると判断した。」
    /// 正: 「私は、問題の改善策として監視の項目を見直すと判断した。工夫した点は、警報の基準を過去1年間の障害記録から決めた点である。」
    ///
    /// ## 設定
    /// - `--question FILE`（front matter の `question:` より優先。front matter のパスは論文のファイルからの相対パス）
    pub(crate) static QUESTION_POINT_MISSING = {
        code: "E013",
        name: "question-point-missing",
        summary: "問題文の設問が求める事項・観点に答えていない（--question）",
        severity: Warning,
        scope: Essay,
        check: check,
    };
}

const STOP: &[&str] = &[
    "実施",
    "設問",
    "以内",
    "以上",
    "具体的",
    "具体",
    "内容",
    "IT",
    "事項",
    "必要",
    "経験",
];

/// Words of every ITSM essay: used only when a point or viewpoint has no other term.
const GENERIC: &[&str] = &["サービス", "システム", "運用", "管理", "業務", "対応"];

/// The terms of a requested point or viewpoint, generic words dropped when others remain.
fn point_terms(text: &str) -> Vec<Term> {
    let all = essay_util::terms(text, STOP);
    let specific: Vec<Term> = all
        .iter()
        .filter(|t| !GENERIC.contains(&t.text.as_str()))
        .cloned()
        .collect();
    if specific.is_empty() { all } else { specific }
}

fn overlaps(a: &str, b: &str) -> bool {
    a.contains(b) || b.contains(a)
}

fn shown(terms: &[Term]) -> String {
    terms
        .iter()
        .map(|t| t.text.as_str())
        .collect::<Vec<_>>()
        .join("・")
}

/// How the answer part treats one requested point or viewpoint of the question.
pub(crate) struct Answer {
    /// The part the point belongs to (its heading is where findings point).
    pub part: crate::document::Part,
    pub part_name: String,
    pub point: String,
    pub viewpoint: bool,
    /// The terms searched for.
    pub keys: Vec<Term>,
    /// Whether any key (or a near synonym) occurs in the part.
    pub mentioned: bool,
    /// Sentences of the part that use the point's words or their near synonyms.
    pub sentences: Vec<std::ops::Range<usize>>,
}

/// Every requested point and viewpoint of the question with its answer in the essay.
pub(crate) fn answers(doc: &Document<'_>, q: &crate::exam::question::Question) -> Vec<Answer> {
    let mut out = Vec::new();
    for qp in &q.parts {
        let Some(p) = essay_util::part(doc, qp.label) else {
            continue;
        };
        if !essay_util::has_prose(doc, p) {
            continue;
        }
        let folded = essay_util::fold(&essay_util::text(doc, p));
        let per_point: Vec<Vec<Term>> = qp.points.iter().map(|pt| point_terms(pt)).collect();
        let mut items: Vec<(String, bool, Vec<Term>)> = Vec::new();
        for (i, (point, terms)) in qp.points.iter().zip(&per_point).enumerate() {
            if terms.is_empty() {
                continue;
            }
            let distinctive: Vec<Term> = terms
                .iter()
                .filter(|t| {
                    !per_point
                        .iter()
                        .enumerate()
                        .any(|(j, o)| j != i && o.iter().any(|u| overlaps(&t.text, &u.text)))
                })
                .cloned()
                .collect();
            let keys = if distinctive.is_empty() {
                terms.clone()
            } else {
                distinctive
            };
            items.push((point.to_string(), false, keys));
        }
        for v in &qp.viewpoints {
            let terms = point_terms(v);
            // 「自動化した処理の異常時の対応の観点」 asked next to 「自動化の内容」: the words the
            // points share (自動化) run through the whole answer; the viewpoint is what it adds.
            let own: Vec<Term> = terms
                .iter()
                .filter(|t| {
                    !per_point
                        .iter()
                        .any(|o| o.iter().any(|u| overlaps(&t.text, &u.text)))
                })
                .cloned()
                .collect();
            let keys = if own.is_empty() { terms } else { own };
            if !keys.is_empty() {
                items.push((v.to_string(), true, keys));
            }
        }
        for (point, viewpoint, keys) in items {
            let mentioned = keys.iter().any(|t| essay_util::mentions(&folded, t));
            let sentences = essay_util::sentences(doc, p)
                .filter(|s| {
                    let f = essay_util::fold(doc.sentence_text(s));
                    keys.iter().any(|t| essay_util::mentions(&f, t))
                })
                .map(|s| s.range.clone())
                .collect();
            out.push(Answer {
                part: p.clone(),
                part_name: qp.name(),
                point,
                viewpoint,
                keys,
                mentioned,
                sentences,
            });
        }
    }
    out
}

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    let Some(q) = ctx.settings.question.clone() else {
        return;
    };
    for a in answers(doc, &q) {
        if a.mentioned {
            continue;
        }
        let (point, name) = (&a.point, &a.part_name);
        if a.viewpoint {
            ctx.report(
                Some(a.part.heading.clone()),
                format!(
                    "{name}で求められている「{point}」の観点が書かれていません（探した語: {}）",
                    shown(&a.keys)
                ),
            )
            .label(format!("「{point}」の観点が無い"))
            .help(format!(
                "「{point}」の観点から判断・実施したことを、その言葉を使って{name}に書く"
            ));
        } else {
            ctx.report(
                Some(a.part.heading.clone()),
                format!(
                    "{name}で問われている「{point}」が書かれていません（探した語: {}）",
                    shown(&a.keys)
                ),
            )
            .label(format!("「{point}」に答える文が無い"))
            .help(format!(
                "問題文の言葉（{}）を使って、{name}の中でこの問いに答える",
                shown(&a.keys)
            ));
        }
    }
}
