use crate::lint::rule::{Document, declare_rule};
use crate::document::essay as essay_util;
use crate::document::LineKind;
use crate::lint::rule::Context;

declare_rule! {
    /// ## 何を検出するか
    /// テーマが指定されている論文（front matter の `theme:`、または `itsm lint --theme ID`。ID のほか
    /// 「変更管理」のような日本語名も可）で、そのテーマのキーワード（`rubrics/themes.yaml` の `keywords`）が
    /// ほとんど出てこず、別のテーマのキーワードがはるかに多く出てくること。
    /// 各テーマの出現数は、キーワードごとの出現回数（1語あたり3回まで数える）の合計である。指定テーマが2回以下で、
    /// 最も多い別のテーマが8回以上かつ指定テーマの4倍以上のときに報告する。
    /// ライブラリがそのテーマに分類している手法（モジュール名）を使っている論文は報告しない。
    /// front matter の `theme:` が未知のテーマなら、その行を指して知らせる。
    ///
    /// ## なぜ問題か
    /// 自己採点表の最初の項目は「設問のテーマから逸脱しない」である（自己採点シートの①テーマ適合性）。テーマに答えていない論文は
    /// 「問題文の趣旨に沿っていない」と評価される。テーマは論述テーマの8分類と JIS Q 20000-2 の
    /// プロセスに対応づけてあり、どの領域・プロセスの話なのかを意識して書く。
    ///
    /// ## 誤検知しないもの
    /// - ライブラリがそのテーマに分類している手法（モジュール名）を使っていれば、他のテーマの語が多くても報告しない。
    ///   正: 「障害の切り分けと復旧を急ぐため、インシデントの初動とエスカレーションの基準を見直し、一次対応の暫定策も整えた。その判断の経路は動的承認ルーティングで変更の区分ごとに分けた。」
    ///
    /// ## 例
    /// 前提: `theme: change`（変更管理）の論文の設問イ（ほかの設問はどのテーマの語も含まない）
    /// 誤: 「障害の切り分けと復旧を急ぐため、インシデントの初動とエスカレーションの基準を見直し、一次対応の暫定策も整えた。」
    /// 正: 「私は、変更を標準変更・通常変更・緊急変更に分け、変更諮問委員会（CAB）での承認の手順を区分ごとに定めた。」
    ///
    /// ## 設定
    /// - `--theme ID`（front matter の `theme:` より優先）
    /// - テーマのキーワードはライブラリの `rubrics/themes.yaml` で追加・変更できる
    pub(crate) static THEME_DRIFT = {
        code: "E010",
        name: "theme-drift",
        summary: "指定したテーマの語がほとんど無く、別のテーマの語が多い",
        severity: Warning,
        scope: Essay,
        check: check,
    };
}

/// Keyword score of one theme: occurrences per keyword, at most 3 each.
fn score(folded: &str, keywords: &[String]) -> usize {
    keywords
        .iter()
        .map(|k| {
            let k = essay_util::fold(k);
            if k.is_empty() {
                0
            } else {
                folded.matches(k.as_str()).count().min(3)
            }
        })
        .sum()
}

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    let themes = &ctx.vocab.themes;
    if themes.is_empty() {
        return;
    }
    let from_front = ctx.settings.theme.is_none();
    let Some(given) = ctx.settings.theme.clone().or_else(|| {
        doc.front_matter.value("theme")
    }) else {
        return;
    };
    let span = if from_front {
        doc.front_matter.line_of("theme")
    } else {
        None
    };
    let Some(idx) = themes
        .iter()
        .position(|(id, name, _)| id.eq_ignore_ascii_case(&given) || *name == given)
    else {
        let ids: Vec<&str> = themes.iter().map(|(id, _, _)| id.as_str()).collect();
        let mut m = format!("未知のテーマ `{given}` です。");
        if let Some(s) = crate::text::did_you_mean(&given, ids.iter().copied()) {
            m.push_str(&format!("もしかして `{s}` ですか？"));
        }
        ctx.report(span, m)
            .help(format!("有効なテーマ: {}", ids.join(", ")));
        return;
    };
    let mut text = String::new();
    for l in &doc.lines {
        if matches!(l.kind, LineKind::Text | LineKind::Heading) {
            text.push_str(&doc.text[l.range.clone()]);
            text.push('\n');
        }
    }
    let folded = essay_util::fold(&text);
    // A technique the library files under the given theme is evidence enough.
    if ctx.vocab.techniques.iter().any(|(name, ids)| {
        ids.iter().any(|i| *i == themes[idx].0) && folded.contains(&essay_util::fold(name))
    }) {
        return;
    }
    let scores: Vec<usize> = themes.iter().map(|(_, _, k)| score(&folded, k)).collect();
    let own = scores[idx];
    let Some((best, &best_score)) = scores
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != idx)
        .max_by_key(|(i, s)| (**s, std::cmp::Reverse(*i)))
    else {
        return;
    };
    if own > 2 || best_score < 8 || best_score < 4 * own.max(1) {
        return;
    }
    let (_, own_name, own_kw) = &themes[idx];
    let (best_id, best_name, _) = &themes[best];
    let d = ctx.report(
        span,
        format!(
            "テーマ「{own_name}」の語がほとんど無く（{own}回）、「{best_name}」（{best_id}）の語が多く出てきます（{best_score}回）"
        ),
    );
    if d.span.is_some() {
        d.label("指定されたテーマ");
    }
    let examples: Vec<&str> = own_kw.iter().take(5).map(String::as_str).collect();
    d.help(format!(
        "「{own_name}」の論文として書くなら、{} などの観点で問題と施策を述べる。テーマが違うなら指定を直す",
        examples.join("・")
    ));
}
