use crate::lint::rule::{Document, declare_rule};
use crate::document::figures;
use crate::text::scan as util;
use crate::lint::rule::Context;
use std::collections::BTreeSet;

declare_rule! {
    /// ## 何を検出するか
    /// 英字の略語（MTTR、CAB、SRE、P95、Multi-AZ …）が、本文での初出時に説明されていないこと。
    /// 説明とみなす形: 「MTTR（平均復旧時間）」「平均復旧時間（MTTR）」「MTTR（Mean Time To Repair：平均復旧時間）」
    /// 「『MTTR』という指標」「MTTRと呼ばれる」。
    /// 括弧の中が値や例示の場合は説明ではない: 「RTO（48時間）」「SLO（5秒）」「（DNSや認証基盤など）」。
    /// 試験で説明なしに通じる略語（IT、SLA、KPI、FAQ、BCP、DB、OS …、`rubrics/glossary.yaml` の `common`）は対象外。
    /// 見出し行は初出の判定に含めない（本文での初出を見る）。
    ///
    /// ## なぜ問題か
    /// 論述の制約: 略語や IPA が定義していない専門用語は最小限にし、使う場合は初出で説明する。
    /// 採点者は ITSM の専門家だが、現場の略語を知っているとは限らない。
    ///
    /// ## 誤検知しないもの
    /// - 試験で説明なしに通じる語（`rubrics/glossary.yaml` の `common`: IT、ISP、SI、SQL、VPN、CATV、BtoB …）。
    ///   正: 「地域のISPとして、CATV回線の利用者に接続サービスを提供している。」
    /// - 大文字と小文字が混じった語（DevOps）は略語ではない（用語集の `glossary` にある IaC などを除く）。
    ///   正: 「開発と運用が協力するDevOpsの考え方を取り入れた。」
    /// - 伏せ字（「XX社」）は S014 が扱う。
    ///
    /// ## 例
    /// 誤: 「MTTRを60分から35分に短縮した。」
    /// 正: 「MTTR（平均復旧時間）を60分から35分に短縮した。」
    ///
    /// ## 設定
    /// - `abbreviations`: 略語と説明の組を追加する（`itsm.yaml`）。指摘の「初出を『XYZ（説明）』と書く」と
    ///   `--fix` に使う（初出は説明が必要なまま）。
    /// - `allowed-abbreviations`: 説明なしで使ってよい略語を追加する（`itsm.yaml`、語のリスト）。
    /// - `itsm lint --fix`: 説明が用語集にある略語は、初出の直後に「（説明）」を補う
    ///   （直後に括弧がある場合は直さない）。
    pub(crate) static UNEXPLAINED_ABBREVIATION = {
        code: "S002",
        name: "unexplained-abbreviation",
        summary: "略語が初出で説明されていない",
        severity: Warning,
        scope: Both,
        check: check,
    };
}

/// Is this token an abbreviation: at least two capitals and no lower-case letter (「MTTR」「CI」),
/// or a capital followed by digits (「P95」)? Mixed-case words (「DevOps」「BtoB」) are words, not
/// abbreviations; see [`is_mixed_case`].
pub(crate) fn looks_like_abbreviation(tok: &str) -> bool {
    let caps = tok.chars().filter(|c| c.is_ascii_uppercase()).count();
    let lower = tok.chars().any(|c| c.is_ascii_lowercase());
    let first_cap = tok.chars().next().is_some_and(|c| c.is_ascii_uppercase());
    let digits = tok.chars().any(|c| c.is_ascii_digit());
    (caps >= 2 && !lower) || (first_cap && digits && tok.len() <= 5)
}

/// A mixed-case word with at least two capitals (「DevOps」「FinOps」「IaC」): asked to be
/// explained only when the glossary lists it.
fn is_mixed_case(tok: &str) -> bool {
    tok.chars().filter(|c| c.is_ascii_uppercase()).count() >= 2
        && tok.chars().any(|c| c.is_ascii_lowercase())
}

/// Is the bracket content an explanation (contains Japanese, is not a value or an example list)?
pub(crate) fn is_explanation(inner: &str) -> bool {
    let t = inner.trim();
    !is_value(t) && !t.contains("など") && !t.contains("等") && t.chars().any(util::is_japanese)
}

/// A bracket that only holds a figure (「48時間」「99.95%以上」「約5秒」) is a value, not an explanation.
fn is_value(t: &str) -> bool {
    match figures::scan(t).first() {
        Some(f) if f.span.start == 0 => {
            let rest = t[f.span.end..].trim();
            rest.is_empty()
                || ["以上", "以下", "以内", "未満", "程度", "前後", "超"].contains(&rest)
        }
        _ => {
            t.chars().next().is_some_and(|c| c.is_ascii_digit())
                && !t.chars().any(util::is_japanese)
        }
    }
}

fn explained(para: &Para<'_>, start: usize, end: usize, tok: &str) -> bool {
    let p = para.text;
    let after = &p[end..];
    // ABBR（説明）, ABBR (説明), and ABBR（English expansion）と呼ばれる
    let spaced = after.trim_start_matches(' ');
    if let Some(rest) = spaced
        .strip_prefix('（')
        .or_else(|| spaced.strip_prefix('('))
        && let Some(close) = para
            .close_at_or_after(p.len() - rest.len())
            .map(|c| c - (p.len() - rest.len()))
    {
        if is_explanation(&rest[..close]) {
            return true;
        }
        let tail = rest[close..].trim_start_matches(['）', ')', '*', '」']);
        if tail.starts_with("と呼ばれる") || tail.starts_with("という") {
            return true;
        }
    }
    // 「ABBR」という… / ABBRと呼ばれる
    let a = after.trim_start_matches(['」', '』']);
    if a.starts_with("という") || a.starts_with("と呼ばれる") || a.starts_with("とは") {
        return true;
    }
    // 説明（ABBR） or 説明（ABBR、…）; not 「特定サービス（DNSや認証基盤など）」
    let before = &p[..start];
    let closes = after.starts_with(['）', ')', '、', ',', '，', '：', ':', ' ']);
    if closes && (before.ends_with('（') || before.ends_with('(')) {
        let open = before.len() - before.chars().next_back().map(char::len_utf8).unwrap_or(0);
        let prev = before[..open].chars().next_back();
        if prev.is_some_and(|c| util::is_japanese(c) || c.is_ascii_alphabetic()) {
            return true;
        }
    }
    let _ = tok;
    false
}

/// Is the token inside the expansion bracket of a preceding abbreviation
/// (「KEDB（Known Error DataBase）」, 「OIDC（OpenID Connect）」)?
fn inside_expansion(para: &Para<'_>, start: usize) -> bool {
    let Some(open) = para.last_open_before(start) else {
        return false;
    };
    if para.close_at_or_after(open).is_some_and(|c| c < start) {
        return false;
    }
    para.text[..open]
        .trim_end_matches(' ')
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_alphanumeric())
}

/// A paragraph with the byte offsets of its opening and closing round brackets, so that the
/// per-token bracket look-ups are binary searches instead of scans (linear in the paragraph).
struct Para<'a> {
    text: &'a str,
    /// Offset of the paragraph in the document.
    base: usize,
    opens: Vec<usize>,
    closes: Vec<usize>,
}

impl<'a> Para<'a> {
    fn new(p: &'a str, base: usize) -> Para<'a> {
        let (mut opens, mut closes) = (Vec::new(), Vec::new());
        for (i, c) in p.char_indices() {
            match c {
                '（' | '(' => opens.push(i),
                '）' | ')' => closes.push(i),
                _ => {}
            }
        }
        Para {
            text: p,
            base,
            opens,
            closes,
        }
    }

    /// The last opening bracket before byte `at`.
    fn last_open_before(&self, at: usize) -> Option<usize> {
        let k = self.opens.partition_point(|&o| o < at);
        k.checked_sub(1).map(|k| self.opens[k])
    }

    /// The first closing bracket at or after byte `at`.
    fn close_at_or_after(&self, at: usize) -> Option<usize> {
        let k = self.closes.partition_point(|&c| c < at);
        self.closes.get(k).copied()
    }
}

fn to_ascii(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'Ａ'..='Ｚ' | 'ａ'..='ｚ' | '０'..='９' | '＋' => {
                char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
            }
            _ => c,
        })
        .collect()
}

/// Report `tok` at `start..end` of paragraph `p` unless it is common, banned, already seen or
/// explained. `whole_end` is where the whole alphanumeric token ends: the glossary fix (an
/// explanation inserted after the token) is only offered when `tok` ends there and no bracket
/// follows (「RTO（48時間）」 gets no second bracket).
#[allow(clippy::too_many_arguments)]
fn report_if_unexplained(
    ctx: &mut Context<'_>,
    seen: &mut BTreeSet<String>,
    para: &Para<'_>,
    start: usize,
    end: usize,
    whole_end: usize,
    tok: &str,
) {
    let abbreviation = looks_like_abbreviation(tok)
        || (is_mixed_case(tok) && ctx.vocab.glossary.contains_key(tok));
    if !abbreviation
        || super::placeholder_left::is_placeholder_token(tok)
        || ctx.vocab.common.contains(tok)
        || ctx
            .vocab
            .banned
            .keys()
            .any(|b| b.split(' ').any(|w| w == tok))
        || inside_expansion(para, start)
        || !seen.insert(tok.to_owned())
    {
        return;
    }
    if explained(para, start, end, tok) {
        return;
    }
    let (p, base) = (para.text, para.base);
    let gloss = ctx.vocab.glossary.get(tok).cloned();
    let d = ctx.report(
        Some(base + start..base + end),
        format!("略語「{}」が初出で説明されていません", &p[start..end]),
    );
    d.label("初出");
    match gloss {
        Some(g) => {
            if end == whole_end && !p[end..].starts_with(['（', '(']) {
                d.fix(base + end..base + end, format!("（{g}）"));
            }
            d.help(format!("初出を「{tok}（{g}）」と書く"))
        }
        None => d.help(format!(
            "初出を「{tok}（日本語の説明）」と書くか、日本語に言い換える"
        )),
    };
}

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    let token = util::static_regex!(
        r"[A-Za-zＡ-Ｚａ-ｚ][A-Za-z0-9+Ａ-Ｚａ-ｚ０-９＋]*(?:[-/][A-Za-z0-9+Ａ-Ｚａ-ｚ０-９＋]+)*"
    );
    let mut seen: BTreeSet<String> = BTreeSet::new();
    for (r, p) in doc.prose() {
        let para = Para::new(p, r.start);
        for m in token.find_iter(p) {
            // Not part of a longer alphanumeric run (e.g. URL or word with digits before it).
            if p[..m.start()]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_alphanumeric() || c == '.')
            {
                continue;
            }
            let whole_norm = to_ascii(m.as_str());
            let whole = whole_norm.as_str();
            if whole.len() != m.as_str().len() {
                // Full-width letters: judge the whole token as one abbreviation.
                report_if_unexplained(ctx, &mut seen, &para, m.start(), m.end(), m.end(), whole);
                continue;
            }
            let mut parts: Vec<(usize, &str)> = vec![(m.start(), whole)];
            if !ctx.vocab.glossary.contains_key(whole) && !ctx.vocab.common.contains(whole) {
                parts = whole
                    .split(['-', '/'])
                    .scan(m.start(), |pos, s| {
                        let at = *pos;
                        *pos += s.len() + 1;
                        Some((at, s))
                    })
                    .collect();
            }
            let whole_explained = explained(&para, m.start(), m.end(), whole);
            for (at, tok) in parts {
                if whole_explained && looks_like_abbreviation(tok) {
                    seen.insert(tok.to_owned());
                    continue;
                }
                report_if_unexplained(ctx, &mut seen, &para, at, at + tok.len(), m.end(), tok);
            }
        }
    }
}
