use crate::lint::rule::{Document, declare_rule};
use crate::document::thread::Thread;
use crate::lint::rule::Context;

declare_rule! {
    /// ## 何を検出するか
    /// 設問アで述べていない問題を、設問イや設問ウで初めて持ち出していること。「〜も問題であった」
    /// 「〜という課題もあった」のように問題を述べる文のうち、その文の具体的な語（「夜間」「スキル不足」など。
    /// 「障害」「対応」「運用」のようにどの論文にも出てくる語は除く）が設問アに1つも出てこないものを指す。
    /// 設問アの問題を言い換えて述べ直している文は、語の一部（漢字2字の語）や言い換えの語で一致とみなし、報告しない。
    ///
    /// ## なぜ問題か
    /// 設問イは「設問アで述べた問題」への方策を問う。イで新しい問題を持ち出して対策を足すと、設問間の
    /// 整合が崩れ、採点者には付け足した対策に見える。
    ///
    /// ## 例
    /// 誤: 設問イ「また，夜間の運用担当者のスキル不足も問題であった。そこで，手順書を整備した。」
    /// 正: 夜間の体制の問題も扱うなら、設問アの問題点でそれを述べておく
    ///
    /// ## 設定
    /// なし。
    pub(crate) static PROBLEM_RAISED_LATE = {
        code: "E014",
        name: "problem-raised-late",
        summary: "設問アで述べていない問題を設問イ・ウで初めて持ち出している",
        severity: Warning,
        scope: Essay,
        check: check,
    };
}

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    let th = Thread::of(doc);
    for (label, item) in &th.late_problems {
        let words: Vec<&str> = item.terms.iter().take(4).map(|t| t.text.as_str()).collect();
        ctx.report(
            Some(item.sentence.clone()),
            format!(
                "設問{label}で、設問アで述べていない問題（{}）を持ち出しています",
                words.join("・")
            ),
        )
        .label("設問アに無い問題")
        .help("設問アの問題点として述べておくか、設問アの問題に絞って施策を書く");
    }
}
