//! Content terms — runs of kanji, katakana or ASCII letters — the one extractor that follows a topic
//! from part to part (E009, the score's problem–measure links) and finds a question's requested
//! points in the answer (E013).
//!
//! Term matching is deliberately generous (a false positive is a bug): a kanji compound of three or
//! more characters also matches through its two-character words (「変更承認」 → 「変更」「承認」), and
//! a few question words match their usual answers (「評価」 ↔ 「効果」「短縮」…), and a term that
//! contains a word of such a family matches the whole family (「月間稼働率」 ↔ 「停止」).
//!
//! Cost: every essay's thread runs this over each sentence of its parts, so the lookups are
//! hashed, not scanned: repeats and stop words through hash sets, family members found in a run
//! by one Aho–Corasick pass instead of a substring search per member. A term's keys are shared
//! (`Arc`), and [`TermMemo`] builds each word's keys once for a caller that reads many texts of
//! one document (the thread reads a part, then its sentences again).

use crate::text::hash::{EdgeMap, EdgeSet};
use std::borrow::Cow;
use std::sync::{Arc, LazyLock};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Script {
    Kanji,
    Katakana,
    Latin,
}

fn script(c: char) -> Option<Script> {
    match c {
        // Hiragana first: about half of the characters of Japanese prose, and never in a run.
        '\u{3040}'..='\u{309F}' => None,
        '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '々'
        | '〆' => Some(Script::Kanji),
        '\u{30A1}'..='\u{30FA}' | 'ー' | '\u{FF66}'..='\u{FF9F}' => Some(Script::Katakana),
        'A'..='Z' | 'a'..='z' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => Some(Script::Latin),
        '0'..='9' | '０'..='９' => None,
        _ => None,
    }
}

/// Runs of two or more kanji, katakana or Latin letters, in order of appearance, without repeats.
pub fn content_runs(text: &str) -> Vec<String> {
    run_slices(text).into_iter().map(str::to_owned).collect()
}

/// [`content_runs`] as slices of `text`.
pub(crate) fn run_slices(text: &str) -> Vec<&str> {
    // Runs are slices of `text`. Repeats are looked up linearly while the list is short (a
    // clause) and in a set once it grows (a whole part): neither case is quadratic.
    const LINEAR: usize = 16;
    fn flush<'t>(run: &'t str, runs: &mut Vec<&'t str>, seen: &mut EdgeSet<&'t str>) {
        let t = run.trim_start_matches('ー');
        if run.chars().nth(1).is_none() || t.chars().nth(1).is_none() {
            return;
        }
        let repeat = if runs.len() < LINEAR {
            runs.contains(&t)
        } else {
            if seen.is_empty() {
                seen.extend(runs.iter().copied());
            }
            !seen.insert(t)
        };
        if !repeat {
            runs.push(t);
        }
    }
    let mut runs: Vec<&str> = Vec::new();
    let mut seen: EdgeSet<&str> = EdgeSet::default();
    let mut start = 0;
    let mut cur_script = None;
    for (i, c) in text.char_indices() {
        let s = script(c);
        // Latin runs may carry digits inside (「P95」「RTO2」) but not start with them.
        let latin_digit = cur_script == Some(Script::Latin) && c.is_ascii_digit();
        if s.is_some() && s == cur_script || latin_digit {
            continue;
        }
        if cur_script.is_some() {
            flush(&text[start..i], &mut runs, &mut seen);
        }
        cur_script = s;
        start = i;
    }
    if cur_script.is_some() {
        flush(&text[start..], &mut runs, &mut seen);
    }
    runs
}

/// Two-character words that say nothing about the topic; never used as sub-keys of a compound.
const GENERIC_WORDS: &[&str] = &[
    "管理", "運用", "業務", "対応", "必要", "場合", "発生", "実施", "利用", "提供", "担当", "時間",
    "全体", "結果", "状況", "以上", "以下", "可能", "内容", "方法", "対象", "今回", "一部",
];

/// Word families: a key in one family matches every member of it.
const FAMILIES: &[&[&str]] = &[
    &["概要", "提供", "利用者", "顧客", "事業"],
    &[
        "評価", "効果", "成果", "達成", "実績", "短縮", "削減", "向上", "減少",
    ],
    &["今後", "課題", "引き続き", "残存", "残され", "改善の余地"],
    &["改善点", "課題", "今後", "改善の余地"],
    &["工夫", "配慮", "留意", "重視", "重点"],
    &[
        "対策",
        "施策",
        "方策",
        "取組",
        "取り組",
        "打ち手",
        "導入",
        "実施",
    ],
    &["影響", "損失", "停止", "支障", "被害"],
    &["理由", "根拠", "なぜならば", "ため"],
    &["問題", "課題", "不具合", "障害"],
    &["問題点", "課題", "不具合", "障害"],
    &[
        "関係者",
        "関係部門",
        "部門",
        "部署",
        "経営層",
        "顧客",
        "利用者",
    ],
    &["合意", "了承", "承認", "調整", "交渉", "協議"],
    &[
        "協力",
        "協議",
        "連携",
        "一緒に",
        "共同",
        "協働",
        "調整",
        "依頼",
        "巻き込",
        "編成",
        "参加",
    ],
    &[
        "関係者",
        "メンバ",
        "担当者",
        "部門",
        "部署",
        "部長",
        "課長",
        "チーム",
        "委託先",
        "社の",
    ],
    &["視点", "観点", "立場", "配慮", "考慮"],
    &["測定", "計測", "測る", "測り", "測っ"],
    &[
        "利用者",
        "顧客",
        "学生",
        "教員",
        "住民",
        "患者",
        "受講者",
        "会員",
        "利用部門",
        "お客",
        "ユーザ",
        "契約者",
        "荷主",
        "申請者",
        "加入者",
        "乗客",
        "宿泊客",
    ],
    &["予測", "見積", "試算", "想定", "見込"],
    &["備え", "準備", "対策", "予備", "待機"],
    &["変化", "変わ", "変更"],
    &["事態", "事象", "状態", "障害"],
    &["実施状況", "実施", "実績", "結果"],
    &["状況", "実績", "結果"],
    // Service measures and the words an evaluation of them usually uses.
    &["稼働率", "可用性", "停止", "ダウンタイム"],
    &[
        "応答時間",
        "処理時間",
        "遅延",
        "遅れ",
        "待ち",
        "レスポンス",
        "以内に処理",
    ],
    &["遅延", "遅れ", "待ち", "応答時間", "処理時間"],
    &["費用", "コスト", "投資", "予算", "経費", "万円", "億円"],
    &["障害", "インシデント", "停止", "復旧", "異常"],
    &["異常", "障害", "検知", "誤検知"],
    &["復旧", "再開", "起動", "切替", "切り替", "立ち上げ"],
    &["問い合わせ", "問合せ", "照会", "回答", "電話"],
    &["エラー", "失敗", "不具合", "誤り", "障害"],
    &["失敗", "エラー", "不具合", "障害"],
    &["苦情", "クレーム", "問い合わせ", "不満"],
    &[
        "委託先",
        "供給者",
        "ベンダー",
        "事業者",
        "協力会社",
        "契約",
        "外部委託",
    ],
];

/// A content term and the strings whose presence counts as mentioning it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub text: String,
    /// The keys in the order they were added, without repeats: the folded term, the members of
    /// its families (borrowed from the static family table), its two-character words.
    pub keys: Arc<[Cow<'static, str>]>,
}

/// Full-width ASCII to half-width, ASCII lower-cased: the form keys and texts are compared in.
pub fn fold(s: &str) -> String {
    // Copy the text in slices between the full-width characters (most Japanese text has none).
    let mut out = String::with_capacity(s.len());
    let mut copied = 0;
    for (i, c) in s.char_indices() {
        if let '\u{FF01}'..='\u{FF5E}' = c {
            out.push_str(&s[copied..i]);
            out.push(char::from_u32(c as u32 - 0xFEE0).unwrap_or(c));
            copied = i + c.len_utf8();
        }
    }
    out.push_str(&s[copied..]);
    out.make_ascii_lowercase();
    out
}

/// The family table in the shape the key builder reads: every distinct member once (one
/// automaton finds all the members a run contains), the families each member belongs to, and
/// each family as member numbers.
struct Families {
    ac: aho_corasick::AhoCorasick,
    words: Vec<&'static str>,
    /// For each word, the families it is a member of.
    member_of: Vec<Vec<usize>>,
    /// For each family of [`FAMILIES`], its members as indices into `words`.
    members: Vec<Vec<usize>>,
}

/// At least the number of distinct family members (checked when the table is built).
const MAX_MEMBERS: usize = 256;

static MEMBERS: LazyLock<Families> = LazyLock::new(|| {
    let mut words: Vec<&'static str> = Vec::new();
    let mut member_of: Vec<Vec<usize>> = Vec::new();
    let mut members: Vec<Vec<usize>> = Vec::new();
    for (f, fam) in FAMILIES.iter().enumerate() {
        let mut ids = Vec::with_capacity(fam.len());
        for m in *fam {
            let i = match words.iter().position(|w| w == m) {
                Some(i) => i,
                None => {
                    words.push(m);
                    member_of.push(Vec::new());
                    words.len() - 1
                }
            };
            member_of[i].push(f);
            ids.push(i);
        }
        members.push(ids);
    }
    assert!(words.len() <= MAX_MEMBERS, "raise MAX_MEMBERS");
    let ac = aho_corasick::AhoCorasick::new(&words).expect("family words build an automaton");
    Families {
        ac,
        words,
        member_of,
        members,
    }
});

/// The content terms of `text`, minus `stop` words, with their match keys.
pub fn terms(text: &str, stop: &[&str]) -> Vec<Term> {
    let stop: EdgeSet<&str> = stop.iter().copied().collect();
    terms_except(text, &stop)
}

/// [`terms`] with the stop words as a set (for callers that keep one).
pub fn terms_except(text: &str, stop: &EdgeSet<&str>) -> Vec<Term> {
    run_slices(text)
        .into_iter()
        .filter(|run| !stop.contains(run))
        .map(|run| term(run, stop))
        .collect()
}

/// [`terms_except`] over several texts with one stop set, each word's keys built once: a word
/// met again is a clone of its first term (the keys are shared). The texts outlive the memo
/// (`'t`), so the words are looked up by slice, never copied for the lookup.
pub struct TermMemo<'s, 't> {
    stop: &'s EdgeSet<&'s str>,
    built: EdgeMap<&'t str, Term>,
}

impl<'s, 't> TermMemo<'s, 't> {
    pub fn new(stop: &'s EdgeSet<&'s str>) -> Self {
        // An essay has a few hundred distinct words: room for them from the start, so the map
        // is not rehashed as it grows.
        TermMemo {
            stop,
            built: EdgeMap::with_capacity_and_hasher(256, Default::default()),
        }
    }

    /// The same terms as [`terms_except`]`(text, stop)`.
    pub fn terms(&mut self, text: &'t str) -> Vec<Term> {
        let stop = self.stop;
        run_slices(text)
            .into_iter()
            .filter(|run| !stop.contains(run))
            .map(|run| {
                self.built
                    .entry(run)
                    .or_insert_with(|| term(run, stop))
                    .clone()
            })
            .collect()
    }
}

/// The term of one content run (not a stop word) with its match keys.
fn term(run: &str, stop: &EdgeSet<&str>) -> Term {
    static GENERIC_SET: LazyLock<EdgeSet<&str>> =
        LazyLock::new(|| GENERIC_WORDS.iter().copied().collect());
    let fams = &*MEMBERS;
    let mut keys: Vec<Cow<'static, str>> = Vec::with_capacity(16);
    keys.push(Cow::Owned(fold(run)));
    // Every family that has a member inside the run (「月間稼働率」 contains 「稼働率」), in the
    // order of FAMILIES, each member once (members are already folded: see the test).
    let mut hit = [false; FAMILIES.len()];
    for m in fams.ac.find_overlapping_iter(run) {
        for &f in &fams.member_of[m.pattern().as_usize()] {
            hit[f] = true;
        }
    }
    let mut added = [false; MAX_MEMBERS];
    for (ids, _) in fams.members.iter().zip(hit).filter(|(_, h)| *h) {
        for &i in ids {
            if !std::mem::replace(&mut added[i], true) && fams.words[i] != keys[0] {
                keys.push(Cow::Borrowed(fams.words[i]));
            }
        }
    }
    // A kanji compound of three or more characters: its two-character words (slices of the
    // run, which fold leaves as they are).
    if run.chars().nth(2).is_some() && run.chars().all(|c| script(c) == Some(Script::Kanji)) {
        let mut ends = run.char_indices().map(|(i, _)| i).chain([run.len()]);
        let (mut a, mut b) = (ends.next().unwrap_or(0), ends.next().unwrap_or(0));
        for c in ends {
            let bi = &run[a..c];
            if !GENERIC_SET.contains(bi) && !stop.contains(bi) && !keys.iter().any(|k| k == bi) {
                keys.push(Cow::Owned(bi.to_owned()));
            }
            (a, b) = (b, c);
        }
    }
    Term {
        text: run.to_owned(),
        keys: keys.into(),
    }
}

/// Does `folded` (a text passed through [`fold`]) mention the term?
pub fn mentions(folded: &str, t: &Term) -> bool {
    t.keys.iter().any(|k| folded.contains(k.as_ref()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_and_keys() {
        assert_eq!(
            content_runs("変更承認の待ち時間がP95で3秒、SLAのレビュー"),
            ["変更承認", "時間", "P95", "SLA", "レビュー"]
        );
        let t = terms("変更承認", &[]);
        assert_eq!(t[0].keys[0], "変更承認");
        for k in ["変更", "承認", "変化", "合意"] {
            assert!(t[0].keys.iter().any(|x| x == k), "{k} in {:?}", t[0].keys);
        }
        assert!(mentions(&fold("承認者を2名に絞った"), &t[0]));
        let t = terms("月間稼働率", &[]);
        assert!(mentions(&fold("計画外の停止は減った"), &t[0]));
        assert!(!mentions(&fold("更承"), &terms("障害", &[])[0]));
        assert!(mentions(&fold("ＳＬＡ"), &terms("SLA", &[])[0]));
    }

    /// The keys as first specified: the folded run, then every member of every family with a
    /// member inside the run (in family order), then the two-character words of a kanji compound
    /// of three or more characters (not generic, not stop words), each key once.
    fn reference_keys(run: &str, stop: &EdgeSet<&str>) -> Vec<String> {
        let mut keys: Vec<String> = vec![fold(run)];
        let mut push = |k: &str| {
            if !keys.iter().any(|x| x == k) {
                keys.push(k.to_owned());
            }
        };
        for fam in FAMILIES {
            if fam.iter().any(|m| run.contains(m)) {
                fam.iter().for_each(|m| push(m));
            }
        }
        let chars: Vec<char> = run.chars().collect();
        if chars.len() >= 3 && chars.iter().all(|c| script(*c) == Some(Script::Kanji)) {
            for w in chars.windows(2) {
                let bi: String = w.iter().collect();
                if !GENERIC_WORDS.contains(&bi.as_str()) && !stop.contains(bi.as_str()) {
                    push(&bi);
                }
            }
        }
        keys
    }

    #[test]
    fn keys_match_the_reference() {
        let stop: EdgeSet<&str> = ["承認", "障害"].into_iter().collect();
        let mut runs: Vec<String> = FAMILIES
            .iter()
            .flat_map(|f| f.iter().map(|m| m.to_string()))
            .collect();
        runs.extend(
            [
                "変更承認",
                "月間稼働率",
                "障害対応時間",
                "問題管理",
                "復旧手順書",
                "ＳＬＡ",
                "SLA",
                "Sla違反",
                "インシデント管理",
                "利用者満足度",
                "々々々",
                "課題課題課題",
                "評価効果",
                "変更変更",
            ]
            .map(String::from),
        );
        for run in &runs {
            for stop in [&stop, &EdgeSet::default()] {
                let t = term(run, stop);
                let got: Vec<&str> = t.keys.iter().map(|k| k.as_ref()).collect();
                assert_eq!(got, reference_keys(run, stop), "{run}");
                assert_eq!(t.text, *run);
            }
        }
    }

    #[test]
    fn memo_gives_the_same_terms() {
        let stop: EdgeSet<&str> = ["対応"].into_iter().collect();
        let texts = [
            "変更承認の待ち時間が長く、障害対応が遅れた。",
            "障害対応の手順を見直し、変更承認を簡素化した。SLAも守れた。",
        ];
        let mut memo = TermMemo::new(&stop);
        for t in texts {
            assert_eq!(memo.terms(t), terms_except(t, &stop));
        }
    }

    #[test]
    fn family_members_are_already_folded() {
        // term() borrows them as keys without folding.
        for m in FAMILIES.iter().flat_map(|f| f.iter()) {
            assert_eq!(fold(m), *m);
        }
    }
}
