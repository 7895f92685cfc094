use crate::lint::rule::{Document, declare_rule};
use crate::text::scan as util;
use crate::lint::rule::Context;

declare_rule! {
    /// ## 何を検出するか
    /// 原因を述べる文（「原因は」「〜に起因する」「〜が原因で」「〜のため発生した」「〜により発生した」）の中で、
    /// 原因を個人に求める語（「不注意」「うっかり」「気の緩み」「油断」「担当者のミス」「意識の低さ」
    /// 「担当者の確認不足」…）。語ごとに指す。
    /// 原因を述べていない出来事の描写（「担当者のミスで設定が消えた」）、否定している文
    /// （「原因は担当者の不注意ではなく、手入力に頼る手順にあった」「個人の不注意と片付けず」）、
    /// 同じ文か次の文で根本原因に掘り下げている文（「直接の原因は担当者の思い込みであったが、
    /// 根本原因は手順書の不備にあった」）は対象外。
    ///
    /// ## なぜ問題か
    /// ヒューマンエラーの論文の A 評価の基準は、原因を個人の資質に求めず、環境・仕組み・プロセスに
    /// 求めることである。加点されるのは根本原因（プロセス、体制、契約の欠陥）まで掘り下げた
    /// 分析であり、個人の注意力のせいにした原因分析は精神論の対策（教育・注意喚起）に
    /// つながって減点される（採点講評の減点要因）。どのテーマの論文でも同じである。
    ///
    /// ## 誤検知しないもの
    /// - 原因を述べていない出来事の描写、個人の責任を否定している文、同じ文か次の文で根本原因に掘り下げている文。
    ///   正: 「作業中に担当者のミスで設定が消えたため、バックアップから戻した。」
    ///   正: 「原因は担当者の不注意ではなく、手入力に頼る手順にあった。」
    ///   正: 「直接の原因は担当者の思い込みであったが、根本原因は手順書の不備にあった。」
    ///
    /// ## 例
    /// 誤: 「障害の原因は、担当者の不注意による設定の誤りであった。」
    /// 正: 「障害の原因は、本番と検証の設定を同じ画面で手入力する手順にあった。」
    ///
    /// ## 設定
    /// なし。
    pub(crate) static PERSONAL_BLAME = {
        code: "E011",
        name: "personal-blame",
        summary: "原因を個人の不注意・ミス・意識に求めている",
        severity: Warning,
        scope: Essay,
        check: check,
    };
}

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    let cause = util::static_regex!(
        r"原因は|原因が|原因で|原因と(な|し|考え)|が原因|起因|のため発生|ために発生|により発生|によって発生|で発生した|から発生した|によるものであ|によるものだ"
    );
    let blame = util::static_regex!(
        r"不注意|うっかり|気の緩み|気のゆるみ|油断|怠慢|慢心|意識の低さ|意識が低|注意力の(不足|欠如|低下)|(担当者|作業者|オペレータ|オペレーター|操作者|社員|要員|本人|個人|新人|メンバー|作業員|従業員)の(ミス|確認不足|確認漏れ|思い込み|勘違い|不慣れ)"
    );
    let negated = util::static_regex!(
        r"^[^。]{0,12}?(ではな|でなく|じゃな|に求めず|に帰さず|とせず|にせず|と片付けず|と片づけず|としない|に求めない|のせいにせず|のせいにしない)"
    );
    // 「直接の原因は担当者の思い込みだったが、根本原因は手順の不備にあった」: the analysis goes on to
    // the process, in the same or the next sentence.
    let deeper =
        util::static_regex!(r"根本原因|根本的な原因|真因|真の原因|本当の原因|背景には|背後には");
    for (i, s) in doc.sentences.iter().enumerate() {
        let t = doc.sentence_text(s);
        if !cause.is_match(t) {
            continue;
        }
        let next = doc
            .sentences
            .get(i + 1)
            .map(|n| doc.sentence_text(n))
            .unwrap_or("");
        if deeper.is_match(t) || deeper.is_match(next) {
            continue;
        }
        for m in blame.find_iter(t) {
            if negated.is_match(&t[m.end()..]) {
                continue;
            }
            let start = s.range.start + m.start();
            ctx.report(
                Some(start..start + m.len()),
                format!("原因を個人（「{}」）に求めています", m.as_str()),
            )
            .label("個人の責任にした原因")
            .help("なぜその誤りが起きえたのかを、手順・画面・体制・チェックの仕組みの側から書く（例: 原因は、本番と検証を同じ画面で手入力する手順にあった）");
        }
    }
}
