use crate::lint::rule::{Document, declare_rule};
use crate::exam::{self, CountMode, Fit};
use crate::lint::rule::Context;

declare_rule! {
    /// ## 何を検出するか
    /// 設問ごとの字数が制限の範囲外であること。既定の制限は試験どおり、{exam-limits-long}。
    /// 数え方は `counting` で選ぶ。
    /// - `cbt`（既定）: 入力した文字数。見出し（「1.1 ITサービスの概要」）と空白は数え、改行、
    ///   Markdown の記号（「#」「**」）、コメント、front matter は数えない。設問の見出し行そのものも数えない。
    /// - `genkou`: 原稿用紙（25字×16行）に書いたときの行数×25字。段落の始めは1マス空け、見出しは
    ///   独立した行、句読点と括弧は1マス、行頭に来る「、。」」などは前の行の最後のマスに入れ、
    ///   半角数字と半角小文字は1マスに2文字、半角大文字は1マスに1文字として数える。
    ///
    /// 正確な数は `itsm count` で設問ごとに確かめられる。
    ///
    /// ## なぜ問題か
    /// 字数の指定は「解答にあたっての指示」であり、従わない答案は内容にかかわらず評価を下げられることが
    /// ある。設問ごとの制限は問題冊子の各設問に書かれており、IPA の評価ランクの定義は
    /// 「文字数が足りない」答案を D 評価とする。上限を超えた分は解答欄に書けない。
    ///
    /// ## 誤検知しないもの
    /// - 設問の見出し行そのもの（「## 設問イ」）、改行、Markdown の記号、コメント、front matter は数えない。
    /// - 問題文（`--question`）に字数が書かれていれば、その制限で数える（練習用の短い設問など）。
    ///
    /// ## 例
    /// 「設問イが752字です（800字以上1,600字以内）」: 施策の具体例、関係者との調整、工夫の根拠を足して
    /// 48字以上増やす。設問アが上限を超えるときは、問われていない一般論から削る。
    ///
    /// ## 設定
    /// - `counting`: `cbt`（既定）または `genkou`
    /// - 設問ごとの制限: 問題文（`--question FILE` または front matter の `question:`）に字数が
    ///   書かれていれば、その制限を使う（既定は上記の試験の制限）
    pub(crate) static PART_LENGTH = {
        code: "E004",
        name: "part-length",
        summary: "設問ごとの字数が制限の範囲外（{exam-limits}）",
        severity: Error,
        scope: Essay,
        check: check,
    };
}

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    let mode = ctx.settings.counting;
    for p in exam::count_parts(doc) {
        let limit = ctx.settings.limits.get(p.label);
        let fit = limit.fit(mode, &p.count);
        if fit.is_ok() {
            continue;
        }
        let name = format!("設問{}", p.label);
        let bounds = limit.describe();
        let (message, label) = match mode {
            CountMode::Cbt => (
                format!("{name}が{}字です（{bounds}）", exam::thousands(p.count.cbt)),
                match fit {
                    Fit::Short(n) => format!("あと{}字足りない", exam::thousands(n)),
                    Fit::Over(n) => format!("{}字超えている", exam::thousands(n)),
                    Fit::Within => unreachable!("checked above"),
                },
            ),
            CountMode::Genkou => (
                format!(
                    "{name}が原稿用紙で{}行（{}字分）です（{bounds}）",
                    p.count.genkou.rows,
                    exam::thousands(p.count.genkou.marked_chars())
                ),
                match fit {
                    Fit::Short(n) => format!("あと{n}行足りない"),
                    Fit::Over(n) => format!("{n}行超えている"),
                    Fit::Within => unreachable!("checked above"),
                },
            ),
        };
        let help = match fit {
            Fit::Short(_) => {
                "設問で問われている点ごとに、具体例・数値・関係者との調整・判断の理由を足す"
            }
            _ => {
                "設問で問われていない一般論や背景の繰り返しから削る（上限を超えた分は解答欄に書けない）"
            }
        };
        ctx.report(Some(p.heading.clone()), message)
            .label(label)
            .help(help);
    }
}
