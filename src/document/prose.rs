//! Sentence-level judgements graders make about the writing itself:
//! - [`subjective_claims`]: an evaluation that rests on praise or on the writer's own impression,
//!   with no measured value behind it (「好評であった」「対応はうまくいったと考える」);
//! - [`textbook_runs`]: textbook generalities — runs of general statements with no 私, no
//!   figure and no name of the case (「ITILでは…が定められている」「〜することが重要である」);
//! - [`vague_resolutions`]: future work with no owner, mechanism or figure
//!   (「今後も継続して取り組んでいきたい」);
//! - [`outline`]: an outline rather than prose (placeholders 〇〇/××/XX, notes to self
//!   「※…※」「要調整」「【メモ】」, lines that are headline fragments with no predicate). Shared with
//!   the placeholder lint rule of the precision work: call [`placeholders`] and [`notes_to_self`].

use super::figures;
use crate::document::Document;
use crate::document::{LineKind, Sentence};
use crate::text::scan::WordList;
use std::ops::Range;

/// Praise or gratitude used as evidence (never enough on its own).
static PRAISE: WordList = WordList::new(&[
    "好評",
    "感謝され",
    "感謝するとの",
    "感謝の言葉",
    "感謝の声",
    "満足しているとの",
    "満足している",
    "大変満足",
    "満足してもら",
    "満足していただ",
    "満足いただ",
    "喜ばれ",
    "喜んで",
    "高く評価され",
    "高い評価を",
    "評価をいただ",
    "お褒め",
    "感謝された",
]);

/// The writer's own impression as a verdict.
static IMPRESSION: WordList = WordList::new(&[
    "うまくいった",
    "うまく行った",
    "上手くいった",
    "大成功",
    "成功したと考える",
    "成功した",
    "成功だった",
    "成功であった",
    "有効であったと考える",
    "有効だったと考える",
    "効果があったと考える",
    "向上したと考える",
    "改善されたと考える",
    "減ったと思う",
    "減ったと考える",
    "よくなったと思う",
    "対応力が向上した",
    "意識も向上",
    "意識が向上",
    "意識が高まった",
    "理解することができた",
    "できるようになった",
    "仕組みを作ることができた",
    "良かったと考える",
    "良かった",
    // A verdict announced as an evaluation (「対策は有効であったと評価している」) or hedged
    // (「一定の効果」「大きな効果があった」): still the writer's impression without a figure.
    "効果があったと評価",
    "有効であったと評価",
    "有効だったと評価",
    "成功であったと評価",
    "効果があったと判断",
    "一定の効果",
    "一定の成果",
    "大きな効果があった",
    "大きな成果があった",
]);

/// A subjective evaluation in a sentence.
#[derive(Debug, Clone)]
pub struct Subjective {
    pub span: Range<usize>,
    pub word: String,
    /// Praise from others (vs the writer's own impression).
    pub praise: bool,
}

/// Any measured value (a bare score such as 「4.1」 counts; dates do not).
fn has_figure(t: &str) -> bool {
    !figures::measured(t).is_empty()
}

/// Subjective evaluations among `sentences`: praise without a measured value in the same (or the
/// next) sentence,
/// and the writer's impression without a figure in its paragraph up to that sentence.
pub fn subjective_claims(doc: &Document<'_>, sentences: &[&Sentence]) -> Vec<Subjective> {
    let mut out = Vec::new();
    for (i, s) in sentences.iter().enumerate() {
        let t = doc.sentence_text(s);
        if let Some((p, w)) = PRAISE.first_occurrences(t).into_iter().min()
            && !has_figure(t)
            && !sentences
                .get(i + 1)
                .is_some_and(|n| n.paragraph == s.paragraph && has_figure(doc.sentence_text(n)))
            && !t.contains("満足度")
        {
            out.push(Subjective {
                span: s.range.start + p..s.range.start + p + w.len(),
                word: w.to_owned(),
                praise: true,
            });
            continue;
        }
        // 「切り戻しに成功した」 reports an event, not a verdict.
        let Some((p, w)) = IMPRESSION
            .first_occurrences(t)
            .into_iter()
            .filter(|(p, w)| !(w.starts_with("成功") && t[..*p].ends_with('に')))
            .min()
        else {
            continue;
        };
        // 「…ことが分かった」「…理解することができた」 of a fact measured right there is not a verdict.
        // The paragraph so far: the sentences of the same line (essays indent each paragraph on
        // its own line without blank lines between them).
        let para_so_far = sentences[..=i]
            .iter()
            .rev()
            .take_while(|x| {
                x.paragraph == s.paragraph && !doc.text[x.range.start..s.range.start].contains('\n')
            })
            .any(|x| has_figure(doc.sentence_text(x)));
        if para_so_far {
            continue;
        }
        out.push(Subjective {
            span: s.range.start + p..s.range.start + p + w.len(),
            word: w.to_owned(),
            praise: false,
        });
    }
    out
}

/// Endings of a general statement (a rule, a definition, an ideal).
const GENERAL_ENDINGS: &[&str] = &[
    "重要である",
    "大切である",
    "必要である",
    "必要がある",
    "求められる",
    "求められている",
    "定められている",
    "とされている",
    "ことができる",
    "ことである",
    "べきである",
    "が望ましい",
    "と言える",
    "といえる",
    "しやすい",
    "ものである",
    "である",
];

/// Marks of the writer's own case: the writer, a named party, a figure, a date.
fn is_case_specific(t: &str) -> bool {
    if t.contains('私') || has_figure(t) {
        return true;
    }
    let named = crate::text::scan::static_regex!(
        r"[A-ZＡ-Ｚ](?:社|病院|銀行|大学|市|鉄道|グループ|ホテル)|当社|弊社|当院|当行|我々|今回|当時|前年|昨年|今年|当日|翌日|初日|[0-9０-９]+月|した。$|った。$|ていた。$|であった。$|だった。$"
    );
    named.is_match(t)
}

/// A run of general statements (no 私, no figure, no name of the case, present tense) of at least
/// `min` sentences, or a sentence that explains a framework (「ITILでは」「〜に沿って」).
#[derive(Debug, Clone)]
pub struct Textbook {
    /// From the first to the last sentence of the run.
    pub span: Range<usize>,
    /// The first sentence (quoted).
    pub first: Range<usize>,
    pub sentences: usize,
}

pub fn textbook_runs(doc: &Document<'_>, sentences: &[&Sentence], min: usize) -> Vec<Textbook> {
    let mut out = Vec::new();
    let mut run: Vec<&Sentence> = Vec::new();
    let mut framework = false;
    let flush = |run: &mut Vec<&Sentence>, framework: &mut bool, out: &mut Vec<Textbook>| {
        if run.len() >= min || *framework && run.len() >= 2 {
            out.push(Textbook {
                span: run[0].range.start..run[run.len() - 1].range.end,
                first: run[0].range.clone(),
                sentences: run.len(),
            });
        }
        run.clear();
        *framework = false;
    };
    for s in sentences {
        let t = doc.sentence_text(s).trim_end();
        let body = t.trim_end_matches(['。', '．']);
        // The module format's own sentences are not generalities.
        let format = ["なぜならば", "工夫した点", "具体的には"]
            .iter()
            .any(|w| t.starts_with(w))
            || body.ends_with("からである");
        let general =
            !format && GENERAL_ENDINGS.iter().any(|e| body.ends_with(e)) && !is_case_specific(t);
        let same_para = run.last().is_none_or(|l| l.paragraph == s.paragraph);
        if general && same_para {
            if [
                "ITILでは",
                "ITILの",
                "に沿って",
                "ベストプラクティス",
                "一般に",
                "一般的に",
            ]
            .iter()
            .any(|w| t.contains(w))
            {
                framework = true;
            }
            run.push(s);
        } else {
            flush(&mut run, &mut framework, &mut out);
            if general {
                run.push(s);
            }
        }
    }
    flush(&mut run, &mut framework, &mut out);
    out
}

/// Resolutions about the future with nothing concrete: 「今後も継続して取り組んでいきたい」.
pub fn vague_resolutions(doc: &Document<'_>, sentences: &[&Sentence]) -> Vec<Range<usize>> {
    let endings = [
        "していきたい",
        "していきたいと思います",
        "努めたい",
        "努めていきたい",
        "取り組んでいきたい",
        "考えていきたい",
        "検討していきたい",
        "改善していきたい",
        "見直していきたい",
        "継続していきたい",
        "重要であると考える",
        "大切であると考える",
        "必要であると考える",
        "していきたいです",
        "考えていきたいです",
    ];
    let concrete = crate::text::scan::static_regex!(
        r"[A-ZＡ-Ｚ]社|[0-9０-９]|部と|課と|部門と|担当部署|契約|要綱|規程|予定|までに|次回|次期|四半期|毎月|月次|年1回|KPI|指標|しきい値|閾値|自動|システム化|チェックリスト|手順に加え|に加える|を追加|を導入"
    );
    let mut out = Vec::new();
    for s in sentences {
        let t = doc.sentence_text(s);
        let body = t.trim_end().trim_end_matches(['。', '．']);
        if endings.iter().any(|e| body.ends_with(e)) && !concrete.is_match(t) {
            out.push(s.range.clone());
        }
    }
    out
}

/// Placeholders left in the text: 〇〇, ○○, ××, XX, ＸＸ, △△, ＊＊ (two or more in a row).
pub fn placeholders(text: &str) -> Vec<Range<usize>> {
    let re = crate::text::scan::static_regex!(
        r"[〇○◯]{2,}|[×✕]{2,}|XX+|ＸＸ+|xx+|[△▲]{2,}|[＊*]{2,}[^*＊]{0,0}|[□■]{2,}"
    );
    re.find_iter(text)
        .filter(|m| {
            // 「**強調**」 is Markdown (S009), not a placeholder.
            !(m.as_str().starts_with('*') || m.as_str().starts_with('＊'))
        })
        .map(|m| m.range())
        .collect()
}

/// Notes to self: 「※要調整※」「要確認」「TODO」「【メモ】」「（あとで書く）」「ここに〜を追記」.
pub fn notes_to_self(text: &str) -> Vec<Range<usize>> {
    let re = crate::text::scan::static_regex!(
        r"※[^※\n]{1,40}※|要調整|要確認|要検討|TODO|ToDo|FIXME|【メモ】|【memo】|\(メモ\)|（メモ）|メモ：|メモ:|あとで書く|後で書く|後で追記|ここに[^。\n]{0,30}(追記|記入|書く)|（仮）|\(仮\)"
    );
    re.find_iter(text).map(|m| m.range()).collect()
}

/// How much of a text is an outline rather than prose.
#[derive(Debug, Clone, Default)]
pub struct Outline {
    pub placeholders: Vec<Range<usize>>,
    pub notes: Vec<Range<usize>>,
    /// Prose lines that are headline fragments (no sentence end, no predicate).
    pub fragments: Vec<Range<usize>>,
    /// Prose lines in all.
    pub lines: usize,
}

impl Outline {
    /// An unfinished draft: placeholders or notes to self left in, or most lines fragments.
    pub fn is_outline(&self) -> bool {
        self.placeholders.len() >= 2
            || !self.notes.is_empty()
            || self.lines >= 4 && self.fragments.len() * 2 >= self.lines
    }
}

/// Outline signs in the prose of a document.
pub fn outline(doc: &Document<'_>) -> Outline {
    let mut o = Outline::default();
    for l in &doc.lines {
        if l.kind != LineKind::Text {
            continue;
        }
        let t = &doc.text[l.range.clone()];
        o.lines += 1;
        for r in placeholders(t) {
            o.placeholders
                .push(r.start + l.range.start..r.end + l.range.start);
        }
        for r in notes_to_self(t) {
            o.notes.push(r.start + l.range.start..r.end + l.range.start);
        }
        let body = t.trim();
        let ends = body.ends_with(['。', '．', '！', '？', '」', '）', ')']);
        let n = body.chars().count();
        if !ends && n <= 40 && n > 0 {
            o.fragments.push(l.range.clone());
        }
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Kind;

    fn doc(t: &str) -> Document<'_> {
        Document::parse(t, Some(Kind::Essay))
    }

    #[test]
    fn subjective() {
        let d = doc("苦情もなくなり、教員からも好評であった。利用者の満足度は向上したと考える。\n");
        let ss: Vec<&Sentence> = d.sentences.iter().collect();
        let s = subjective_claims(&d, &ss);
        assert_eq!(s.len(), 2, "{s:?}");
        // A verdict after measured values in its paragraph is not subjective.
        let d = doc("停止は2回で、稼働率は99.95％となった。対策は効果があったと考える。\n");
        let ss: Vec<&Sentence> = d.sentences.iter().collect();
        assert!(subjective_claims(&d, &ss).is_empty());
        let d = doc("満足度調査の平均は3.2点から4.1点に上がり、好評であった。\n");
        let ss: Vec<&Sentence> = d.sentences.iter().collect();
        assert!(subjective_claims(&d, &ss).is_empty());
    }

    #[test]
    fn textbook() {
        let d = doc(
            "インシデント管理の目的は、サービスを早く回復させることである。ITILでは、検知、記録、分類というプロセスが定められている。そのため、関係者を集めることが重要である。\n私は、優先度を最も高いものとした。\n",
        );
        let ss: Vec<&Sentence> = d.sentences.iter().collect();
        let t = textbook_runs(&d, &ss, 3);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].sentences, 3);
        let d = doc("救急外来では体重を測れない患者も多い。私はX社に改修を依頼した。\n");
        let ss: Vec<&Sentence> = d.sentences.iter().collect();
        assert!(textbook_runs(&d, &ss, 3).is_empty());
    }

    #[test]
    fn vague_and_outline() {
        let d = doc(
            "情報セキュリティ対策に終わりはないため、今後も継続して取り組んでいきたい。次回の契約更新でZ社と交渉する予定である。\n",
        );
        let ss: Vec<&Sentence> = d.sentences.iter().collect();
        assert_eq!(vague_resolutions(&d, &ss).len(), 1);
        let d = doc("## 設問ア\n利用者は約〇〇万人である。\n※要調整※ 台数を確認\nサーバ増強\n");
        let o = outline(&d);
        assert_eq!(o.placeholders.len(), 1);
        assert_eq!(o.notes.len(), 1);
        assert!(o.is_outline());
        assert!(placeholders("**強調**").is_empty());
        assert!(placeholders("XXX社").len() == 1);
    }
}

/// A sentence of one 設問 part repeated nearly word for word in another (graders: 「イの具体例をウで
/// そのまま繰り返している」「アの文章をイでそのまま繰り返している」 — characters spent twice).
#[derive(Debug, Clone)]
pub struct Repeat {
    /// The earlier sentence and its part.
    pub first: Range<usize>,
    pub first_part: char,
    /// The later sentence, in another part.
    pub again: Range<usize>,
}

/// Sentences of different 設問 parts (each of at least 25 characters) whose character trigrams
/// mostly coincide: at least 75% of the shorter sentence's trigrams are in the other. Ordinary
/// restatements — a baseline of 設問ア quoted again with its result in 設問ウ (「月12件に達していた」 →
/// 「月12件から月4件になり」) — share about half; a copied sentence shares nearly all.
pub fn repeated_sentences(doc: &Document<'_>) -> Vec<Repeat> {
    use std::collections::HashSet;
    const MIN_CHARS: usize = 25;
    const SHARE: f64 = 0.75;
    let part_of = |at: usize| {
        doc.parts
            .iter()
            .find(|p| p.body.contains(&at))
            .map(|p| p.label)
    };
    let grams = |t: &str| -> HashSet<(char, char, char)> {
        let cs: Vec<char> = t.chars().filter(|c| !c.is_whitespace()).collect();
        cs.windows(3).map(|w| (w[0], w[1], w[2])).collect()
    };
    type Trigrams = HashSet<(char, char, char)>;
    let sents: Vec<(char, Range<usize>, Trigrams)> = doc
        .sentences
        .iter()
        .filter_map(|s| {
            let t = doc.sentence_text(s);
            (t.chars().count() >= MIN_CHARS)
                .then(|| part_of(s.range.start).map(|p| (p, s.range.clone(), grams(t))))
                .flatten()
        })
        .collect();
    let mut out = Vec::new();
    for (j, (pj, rj, gj)) in sents.iter().enumerate() {
        let hit = sents[..j].iter().find(|(pi, _, gi)| {
            pi != pj && {
                let common = gi.intersection(gj).count() as f64;
                common >= SHARE * gi.len().min(gj.len()) as f64
            }
        });
        if let Some((pi, ri, _)) = hit {
            out.push(Repeat {
                first: ri.clone(),
                first_part: *pi,
                again: rj.clone(),
            });
        }
    }
    out
}
