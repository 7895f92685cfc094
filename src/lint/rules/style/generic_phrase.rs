use crate::lint::rule::{Document, declare_rule};
use crate::text::scan as util;
use crate::lint::rule::Context;

declare_rule! {
    /// ## 何を検出するか
    /// 一般論の定型句: 「ITILに沿って」「ガイドラインに従って」「ベストプラクティスに基づき」「適切に対応した」
    /// 「適切に管理」「徹底した」「周知徹底」「注意喚起」「万全を期す」「しっかりと」。
    ///
    /// ## なぜ問題か
    /// 採点講評が繰り返し指摘する減点要因。「ITILに沿って管理した」では、自社の状況に
    /// 合わせて何を判断し、どう工夫したのかが書かれていない。精神論（周知徹底・注意喚起）は、
    /// 仕組みで防ぐ恒久策にならない。
    ///
    /// ## 誤検知しないもの
    /// - 「徹底するだけでなく、〜した」のように、続けて具体的な仕組みを書いている場合。
    ///   正: 「手順の説明を徹底するだけでなく、確認者の名前を入力しないと実行できないよう画面を改修した。」
    ///
    /// ## 例
    /// 誤: 「ITILに沿って適切に対応した。」
    /// 正: 「重大度レベル3以上は30分以内に運用課長へ報告する、という基準を定めた。」
    ///
    /// ## 設定
    /// なし。
    pub(crate) static GENERIC_PHRASE = {
        code: "S008",
        name: "generic-phrase",
        summary: "一般論の定型句（「ITILに沿って」「適切に対応」「周知徹底」など）",
        severity: Warning,
        scope: Both,
        check: check,
    };
}

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    let re = util::static_regex!(
        r"(ITIL|ガイドライン|ベストプラクティス|フレームワーク|標準)に(沿って|沿い|従って|従い|基づいて|基づき)|適切に(対応|管理|実施|運用|処理|行)|徹底(した|する|させ|を図)|周知徹底|注意喚起|万全を期|しっかりと"
    );
    for (r, p) in doc.prose() {
        for m in re.find_iter(p) {
            // 「…を徹底するだけでなく、〜を改修した」: the writer goes on to the mechanism.
            if m.as_str().starts_with("徹底") || m.as_str() == "周知徹底" {
                let after = p[m.end()..].trim_start_matches(['し', 'す', 'る', 'た']);
                if after.starts_with("だけでなく")
                    || after.starts_with("だけではなく")
                    || after.starts_with("のみならず")
                    || after.starts_with("ことに加えて")
                {
                    continue;
                }
            }
            let abs = r.start + m.start();
            ctx.report(
                Some(abs..abs + m.len()),
                format!("一般論の定型句「{}」です", m.as_str()),
            )
            .label("何をどうしたかが書かれていない")
            .help("自社の状況・数値・判断を具体的に書く（誰が、何を基準に、何をしたか）");
        }
    }
}
