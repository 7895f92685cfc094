//! C009: the same sentence, or the same sentence tail, written twice in one text. A tail runs from
//! the sentence start or from just after a reading comma to the sentence end, so 「…した結果、X。」
//! and 「…したことで、X。」 share the tail X. Tails are compared after dropping white space and the
//! reading commas (、，,); words and figures must be the same. Only tails of at least [`MIN_CHARS`]
//! characters count: short formulaic endings (「目標を達成した。」) may recur.

use crate::lint::rule::Context;
use crate::lint::rule::{Document, declare_rule};
use crate::text::hash::EdgeMap;

declare_rule! {
    /// ## 何を検出するか
    /// 同じ文（25字以上）が、1つの論文またはモジュール段落の中に2回以上あること。文の前半が違っても、
    /// 読点（、）の後から文末までの後半（25字以上）が前の文の後半と同じなら、その後半を繰り返しとみなす。
    /// 読点と空白の違いは無視し、語と数値が同じなら同じとみなす。2回目（3回目以降も）を指し、最初に書いた
    /// 箇所を示す。
    ///
    /// ## なぜ問題か
    /// 採点者は、設問イの施策の結果を設問ウでそのまま繰り返した文や、続けて2回書いた文を「同じ文の繰り返し」
    /// として減点する。繰り返した分だけ字数を埋めたように読まれ、設問ウなら評価の中身（目標との比較、
    /// 施策ごとの評価、残った問題）が薄くなる。
    ///
    /// ## 誤検知しないもの
    /// - 24字以下の短い文や文末の繰り返し（「効果は大きかった。」「目標を達成した。」など）。
    /// - 同じ事実を別の言葉や別の数値で述べ直した文（要約や比較は繰り返しではない）。
    ///   正: 「## 設問イ\n翌月初の請求書約6,000通は1時間以内に送り終え、請求機能の停止は0分だった。\n## 設問ウ\n請求機能の停止は目標の30分以内に対して0分であり、目標を上回った。」
    ///
    /// ## 例
    /// 誤: 「## 設問イ\n月末の変更を止めた結果、翌月初の請求書約6,000通は1時間以内に送り終え、請求機能の停止は0分だった。\n## 設問ウ\n予算を守ったことで、翌月初の請求書約6,000通は1時間以内に送り終え、請求機能の停止は0分だった。」
    /// 正: 「## 設問イ\n月末の変更を止めた結果、翌月初の請求書約6,000通は1時間以内に送り終え、請求機能の停止は0分だった。\n## 設問ウ\n請求機能の停止は目標の30分以内に対して0分であり、目標を上回った。」
    ///
    /// ## 設定
    /// なし。
    pub(crate) static REPEATED_SENTENCE = {
        code: "C009",
        name: "repeated-sentence",
        summary: "同じ文、または読点の後から文末までの同じ後半（25字以上）を2回書いている",
        severity: Warning,
        scope: Both,
        check: check,
    };
}

/// The shortest sentence (in characters, after dropping white space and commas) that counts.
pub const MIN_CHARS: usize = 25;

/// Whether a character is left out of the compared form: white space and reading commas.
fn dropped(c: char) -> bool {
    match c {
        '、' | '，' | ',' => true,
        // Above U+3000 (the last white space character): kana, kanji, full-width forms.
        '\u{3001}'.. => false,
        _ => c.is_whitespace(),
    }
}

/// A sentence as compared (no white space, no reading commas) and its tails: where each may
/// start in the text (the sentence start and just after each 、 or ，), with the tail's compared
/// form as a suffix of the sentence's, so one pass over the sentence gives every tail.
struct Tails {
    key: String,
    /// `(byte offset in the text, byte offset in key, characters of key before it)`, longest
    /// tail first.
    starts: Vec<(usize, usize, usize)>,
    /// Characters in `key`.
    chars: usize,
}

impl Tails {
    fn of(text: &str, range: &std::ops::Range<usize>) -> Tails {
        let sentence = &text[range.clone()];
        let mut key = String::with_capacity(sentence.len());
        let mut starts = vec![(range.start, 0, 0)];
        // The kept text is copied in slices between the dropped characters.
        let mut copied = 0;
        for (i, c) in sentence.char_indices() {
            if dropped(c) {
                key.push_str(&sentence[copied..i]);
                copied = i + c.len_utf8();
                if matches!(c, '、' | '，') {
                    starts.push((range.start + copied, key.len(), 0));
                }
            }
        }
        key.push_str(&sentence[copied..]);
        let (mut chars, mut counted_to) = (0, 0);
        for (_, from, before) in &mut starts {
            chars += key[counted_to..*from].chars().count();
            (*before, counted_to) = (chars, *from);
        }
        chars += key[counted_to..].chars().count();
        Tails { key, starts, chars }
    }

    /// The counted tails (at least [`MIN_CHARS`] characters), longest first: the compared form
    /// and the tail's start in the text.
    fn counted(&self) -> impl Iterator<Item = (&str, usize)> {
        self.starts
            .iter()
            .filter(|&&(_, _, before)| self.chars - before >= MIN_CHARS)
            .map(|&(at, from, _)| (&self.key[from..], at))
    }
}

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    let tails: Vec<Tails> = doc
        .sentences
        .iter()
        .map(|s| Tails::of(doc.text, &s.range))
        .collect();
    // Each counted tail of an earlier sentence, with the span where it was first written.
    let room = tails.iter().map(|t| t.starts.len()).sum();
    let mut seen: EdgeMap<&str, std::ops::Range<usize>> =
        EdgeMap::with_capacity_and_hasher(room, Default::default());
    for (s, t) in doc.sentences.iter().zip(&tails) {
        let end = s.range.end;
        // The longest tail already written (tails run from longest to shortest).
        if let Some((at, f)) = t
            .counted()
            .find_map(|(k, at)| seen.get(k).map(|f| (at, f.clone())))
        {
            let whole = at == s.range.start;
            ctx.report(
                Some(at..end),
                if whole {
                    "同じ文が前にもあります"
                } else {
                    "この文の後半は、前の文の後半と同じです"
                },
            )
            .label("繰り返した文")
            .related(f, "最初に書いた箇所")
            .help("繰り返した部分を消すか、ここで言うべきこと（目標との比較、評価、残った問題）に書き換える");
        }
        for (k, at) in t.counted() {
            seen.entry(k).or_insert(at..end);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sentence as first specified: no white space, no reading commas.
    fn key(s: &str) -> String {
        s.chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '、' | '，' | ','))
            .collect()
    }

    /// Counted tails as first specified: each start (sentence start, after each 、 or ，) keyed
    /// on its own.
    fn reference(text: &str, range: &std::ops::Range<usize>) -> Vec<(String, usize)> {
        let mut starts = vec![range.start];
        starts.extend(
            text[range.clone()]
                .char_indices()
                .filter(|(_, c)| matches!(c, '、' | '，'))
                .map(|(i, c)| range.start + i + c.len_utf8()),
        );
        starts
            .into_iter()
            .map(|b| (key(&text[b..range.end]), b))
            .filter(|(k, _)| k.chars().count() >= MIN_CHARS)
            .collect()
    }

    #[test]
    fn tails_match_keying_each_tail_alone() {
        for c in char::MIN..=char::MAX {
            let reference = c.is_whitespace() || matches!(c, '、' | '，' | ',');
            assert_eq!(dropped(c), reference, "{c:?}");
        }
        let texts = [
            "前置き。月末の変更を止めた結果、翌月初の請求書約6,000通は1時間以内に送り終え、請求機能の停止は0分だった。",
            "予算を守ったことで，翌月初の 請求書 約6,000通は1時間以内に送り終え、、請求機能の停止は0分だった。",
            "、、a b,c、ＡＢＣ\u{3000}改善の余地は残る、だが二つ目の施策では利用者からの問い合わせを半分に減らせた、",
            "短い文、短い。",
            "",
        ];
        for text in texts {
            for a in text.char_indices().map(|(i, _)| i).chain([text.len()]) {
                let range = a..text.len();
                let t = Tails::of(text, &range);
                let got: Vec<(String, usize)> =
                    t.counted().map(|(k, at)| (k.to_owned(), at)).collect();
                assert_eq!(got, reference(text, &range), "{text:?} from {a}");
                assert_eq!(t.key, key(&text[range]));
            }
        }
    }
}
