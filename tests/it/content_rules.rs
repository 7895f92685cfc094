//! The content checks graders apply (issue 12): figures that contradict each other across
//! sentences and parts (N004–N006), targets and results (C004, E016, E018), the essay's thread of
//! problems and measures (E014, E015), question points (E017, E020), textbook generalities and
//! vague resolutions (C005, C006), the module's method (F011, F012) and its one example (F015). For each: a text that
//! must fire (exact code, exact span text, exact count) and the traps that must not.

use itsm::exam::question::Question;
use itsm::library::Library;
use itsm::lint::{self, Kind, Settings, Vocabulary};
use std::sync::OnceLock;

fn vocab() -> &'static Vocabulary {
    static V: OnceLock<Vocabulary> = OnceLock::new();
    V.get_or_init(|| Vocabulary::from_library(&Library::embedded().expect("library loads")))
}

/// Span texts of every finding of `code` (「<file>」 for a finding without a span).
fn spans_q(text: &str, kind: Kind, code: &str, question: Option<&str>) -> Vec<String> {
    let settings = Settings {
        kind: Some(kind),
        question: question.map(|q| Question::parse(q).expect("question parses")),
        ..Default::default()
    };
    lint::lint_text("test.md", text, vocab(), &settings)
        .diagnostics
        .iter()
        .filter(|d| d.code == code)
        .map(|d| {
            d.span
                .clone()
                .map_or("<file>".into(), |s| text[s].to_owned())
        })
        .collect()
}

fn spans(text: &str, kind: Kind, code: &str) -> Vec<String> {
    spans_q(text, kind, code, None)
}

const NONE: [&str; 0] = [];

fn essay(a: &str, i: &str, u: &str) -> String {
    format!("## 設問ア\n{a}\n\n## 設問イ\n{i}\n\n## 設問ウ\n{u}\n")
}

#[test]
fn n004_same_quantity_with_another_value() {
    let a = "A社の照会画面の表示に平均8秒掛かり、利用者の苦情が月40件あった。";
    let i = "私は、照会の索引を見直すと判断した。";
    let bad = essay(
        a,
        i,
        "見直し前は平均6秒かかっていた照会が平均2.1秒に短縮された。",
    );
    assert_eq!(spans(&bad, Kind::Essay, "N004"), ["平均6秒"]);
    let good = essay(
        a,
        i,
        "見直し前は平均8秒かかっていた照会が平均2.1秒に短縮された。",
    );
    assert_eq!(spans(&good, Kind::Essay, "N004"), NONE);
}

#[test]
fn n004_traps_different_quantities_sharing_a_unit() {
    // A figure qualifying a noun (訓練) and a window of another count (約40分間に約1,300件).
    let t = essay(
        "A社では障害の第一報の発信が障害の発生から55分後となった。",
        "私は、月1回、30分程度の訓練を行うことにした。",
        "見直し前の11月の障害では約40分間に約1,300件の問合せがあった。",
    );
    assert_eq!(spans(&t, Kind::Essay, "N004"), NONE);
    // A limit is not a measured value.
    let t = essay(
        "A社では請求書の送付が1時間以内に終わらないという問題が生じていた。",
        "私は、予定拡張を導入すると判断した。",
        "導入前は送付完了まで1時間50分かかっていたが、導入後は42分となった。",
    );
    assert_eq!(spans(&t, Kind::Essay, "N004"), NONE);
    // A change that ends at the earlier state; the nearest marker dates a figure.
    let t = essay(
        "災害後の事故受付の5秒以内処理率は71%であった。",
        "前年9月の台風の後、5秒以内の処理率は95%から71%に落ちた。導入前の3か月は月平均25件あった呼出しが導入後の3か月は月平均15件となった。",
        "呼出しは月平均25件から月平均15件となった。",
    );
    assert_eq!(spans(&t, Kind::Essay, "N004"), NONE);
}

#[test]
fn n005_period_that_does_not_match_its_claim() {
    let bad = "導入後3か月で、障害は年12件から年5件に減った。";
    assert_eq!(spans(bad, Kind::Essay, "N005"), ["5件"]);
    for good in [
        "導入前の3か月の3件に対し、導入後の3か月は1件であった。",
        "導入後の1年間で、障害は年12件から年5件に減った。",
    ] {
        assert_eq!(spans(good, Kind::Essay, "N005"), NONE, "{good}");
    }
}

#[test]
fn n006_per_meeting_count_that_cannot_fit_the_total() {
    let bad = "変更は月80件ある。CABは週1回開催し、毎回約50件の変更を審議する。";
    assert_eq!(spans(bad, Kind::Module, "N006"), ["約50件"]);
    for good in [
        "変更は月80件ある。CABは週1回開催し、毎回約20件の変更を審議する。",
        "変更は月80件ある。CABは週1回開催し、1回あたりの議題は約20件から約8件に減った。",
        "変更は月80件ある。CABは週1回開催し、そのうち高リスクの約5件だけを1件15分かけて審議する。",
    ] {
        assert_eq!(spans(good, Kind::Module, "N006"), NONE, "{good}");
    }
}

#[test]
fn c004_missed_target_written_as_met() {
    let bad = "約28％の削減となり、目標の30％にはわずかに届かなかったが、ほぼ目標どおりの効果が得られた。";
    assert_eq!(spans(bad, Kind::Essay, "C004"), ["約28％"]);
    // The closest result before the target is the one judged, wherever an earlier step lies.
    let bad =
        "月初の問い合わせは約495件に減ったが、翌月は約540件となって、500件以下の目標を達成した。";
    assert_eq!(spans(bad, Kind::Essay, "C004"), ["約540件"]);
    for good in [
        "約28％の削減にとどまり、目標の30％には届かなかった。提出画面の問合せが減らなかったためである。",
        // A target deliberately beaten.
        "目標の30％削減に対し、実績は36％の削減であり、目標を上回った。",
        // Two results in one sentence: the target is compared with the closest one before it (the
        // figure it refers to), not with the first step.
        "月初の問い合わせは約540件に減り、翌月は約495件となって、500件以下の目標を達成した。",
    ] {
        assert_eq!(spans(good, Kind::Essay, "C004"), NONE, "{good}");
    }
}

#[test]
fn c004_result_equal_to_its_target_in_the_sentence_before() {
    let bad = "訓練では、切替えの開始から組版の再開までに、ちょうど3時間を要した。合意した3時間以内という目標を達成した。";
    assert_eq!(spans(bad, Kind::Essay, "C004"), ["3時間"]);
    for good in [
        // Beaten: a margin is a result, not a target written to fit it.
        "訓練では、切替えの開始から組版の再開までに2時間40分を要した。合意した3時間以内という目標を達成した。",
        // Trap: across sentences only an equal value is judged — the sentence before may measure
        // something else of the same unit.
        "訓練の準備には25分を要した。再開までの5分以内という目標を達成した。",
        // Another paragraph is another statement.
        "切替えにはちょうど3時間を要した。\n\n合意した3時間以内という目標を達成した。",
    ] {
        assert_eq!(spans(good, Kind::Essay, "C004"), NONE, "{good}");
    }
}

#[test]
fn c004_a_bound_or_an_honest_shortfall_is_not_a_result_equal_to_its_target() {
    // Must fire: a point result equal to its target, reported as met.
    let bad =
        "大晦日の朝の応答時間の95パーセンタイル値は2秒で、全店で2秒以内とした目標を達成した。";
    assert_eq!(spans(bad, Kind::Essay, "C004"), ["2秒"]);
    let bad = "停止時間の合計は4時間であり、目標とした4時間以内を満たした。";
    assert_eq!(spans(bad, Kind::Module, "C004"), ["4時間"]);
    for good in [
        // 「2秒を超え」 is a bound, not a value; and the sentence says the target was missed.
        "朝7時から9時の応答時間の95パーセンタイル値は全200店のうち197店で1.8秒以下であったが、大型店3店では2秒を超え、全店で2秒以内とした目標は達成できなかった。",
        // The bound alone (no word of a miss) is still not a value equal to the target.
        "大型店3店では2秒を超え、2秒以内とした目標に対して対策を追加した。",
        "大型店3店では応答時間が2秒を上回り、2秒以内の目標を達成できなかった。",
        // An equal value with the miss stated is an honest shortfall, not a target written to fit.
        "停止時間の合計は4時間で、4時間未満とした目標は達成できなかった。",
        // Two quantities in one sentence: the target belongs to the figure next to it (最大3分), not
        // to the time to usable (1時間35分).
        "切替試験で、主系の地域の停止を想定して待機系を起動したところ、発注画面が使えるまでに1時間35分かかり、データ反映の遅延は最大3分と合意したRLO（目標復旧レベル）の5分以内に収まった。",
    ] {
        assert_eq!(spans(good, Kind::Essay, "C004"), NONE, "{good}");
        assert_eq!(spans(good, Kind::Module, "C004"), NONE, "{good}");
    }
}

#[test]
fn c005_textbook_generality() {
    let bad = "ITILでは、検知と記録、分類、初期診断、エスカレーション、解決、クローズというプロセスが定められている。重大なインシデントの場合は、別の手順で対応する必要がある。インシデント管理では迅速な復旧が重要である。";
    assert_eq!(spans(bad, Kind::Essay, "C005").len(), 1);
    let good = "ITILでは、既知の誤りを記録することが推奨されている。私はこれに倣い、回避策を記録すると判断した。";
    assert_eq!(spans(good, Kind::Essay, "C005"), NONE);
}

#[test]
fn c006_vague_resolution() {
    let bad = "情報セキュリティ対策に終わりはないため、今後も継続して取り組んでいきたい。";
    assert_eq!(spans(bad, Kind::Essay, "C006").len(), 1);
    assert_eq!(spans(bad, Kind::Module, "C006").len(), 1);
    for good in [
        "復旧に12時間かかったため、重要な3テーブルを先に戻す手順を次の訓練（10月）で検証する。",
        "今後は、夜間の一次対応をサービスデスクの2名に任せられるよう、手順書を10月までに整備する。",
    ] {
        assert_eq!(spans(good, Kind::Essay, "C006"), NONE, "{good}");
    }
}

const A_ISOLATION: &str = "A社は取引サービスを提供している。障害の切り分けに時間がかかり、平均復旧時間が60分に及ぶことが問題であった。";
const U_ISOLATION: &str = "平均復旧時間は60分から35分に短縮した。";

#[test]
fn e014_problem_first_raised_in_i() {
    let bad = essay(
        A_ISOLATION,
        "私は、切り分け手順を見直すと判断した。また、夜間の運用担当者のスキル不足も問題であった。そこで、手順書を整備した。",
        U_ISOLATION,
    );
    assert_eq!(spans(&bad, Kind::Essay, "E014").len(), 1);
    // The same problem set up in ア; the ア problem's cause analysed in イ.
    let good = essay(
        &format!("{A_ISOLATION}夜間の運用担当者のスキル不足も問題であった。"),
        "私は、切り分け手順を見直すと判断した。また、夜間の運用担当者のスキル不足に対して、手順書を整備した。",
        U_ISOLATION,
    );
    assert_eq!(spans(&good, Kind::Essay, "E014"), NONE);
    let good = essay(
        A_ISOLATION,
        "切り分けに時間がかかった要因は、手順が担当者ごとに違うことであった。私は、切り分け手順を統一すると判断した。",
        U_ISOLATION,
    );
    assert_eq!(spans(&good, Kind::Essay, "E014"), NONE);
}

#[test]
fn e014_problem_about_the_setting_but_new_to_a() {
    // 設問ア names the members and the app, not the elderly members' worries: two new words of
    // the sentence's six make the added problem new.
    let a = "A社はフィットネスクラブを運営し、会員は約1万2千名である。会員証のカードをアプリに置き換える計画があった。入館の受付に時間が掛かり、夕方には入口に行列ができていた。";
    let late = "ところで、会員の約2割は65歳以上であり、アプリの操作に不安を持つ会員も多いという問題もあった。";
    let bad = essay(
        a,
        &format!("私は、入館をアプリに切り替えると判断した。{late}"),
        U_ISOLATION,
    );
    assert_eq!(spans(&bad, Kind::Essay, "E014"), [late]);
    // Trap: the added sentence restates 設問ア's problem with one new word.
    let restated = "ところで、夕方の入口の行列も会員の不満という問題もあった。";
    let good = essay(
        a,
        &format!("私は、入館をアプリに切り替えると判断した。{restated}"),
        U_ISOLATION,
    );
    assert_eq!(spans(&good, Kind::Essay, "E014"), NONE);
}

#[test]
fn e015_measure_that_serves_another_problem() {
    let a = "A社は診療所向けの電子カルテサービスを提供している。ランサムウェアに感染すると記録が暗号化され、長期に停止するリスクがあった。";
    let u = "復旧訓練では4時間で記録を戻せた。";
    let bad = essay(
        a,
        "私は、バックアップを世代管理し、オフラインで保管すると判断した。さらに、無停電電源装置の容量を増やした。",
        u,
    );
    assert_eq!(spans(&bad, Kind::Essay, "E015").len(), 1);
    // A measure that serves the ア problem under another name.
    let good = essay(
        a,
        "私は、バックアップを世代管理し、オフラインで保管すると判断した。さらに、暗号化された場合に備えて復元手順を訓練した。",
        u,
    );
    assert_eq!(spans(&good, Kind::Essay, "E015"), NONE);
}

#[test]
fn e016_target_first_set_in_u() {
    let a = "F社は部品メーカーである。生産管理システムが月2回停止していた。";
    let u = "停止は1回であり、目標とした稼働率99.9％を達成した。";
    let bad = essay(a, "私は、サーバを冗長化すると判断した。", u);
    assert_eq!(spans(&bad, Kind::Essay, "E016"), ["99.9％"]);
    let good = essay(
        a,
        "私は、サーバを冗長化すると判断し、稼働率99.9％以上を目標とした。",
        u,
    );
    assert_eq!(spans(&good, Kind::Essay, "E016"), NONE);
    // The rate at which a target was met is a result.
    let good = essay(
        "F社は部品メーカーである。修理の完了を8時間以内とする目標を2社と定めている。",
        "私は、部品の在庫を拠点に置くと判断した。",
        "U社の目標の達成率は91％であり、まだ届いていない。",
    );
    assert_eq!(spans(&good, Kind::Essay, "E016"), NONE);
    // A design value set in イ, met in ウ.
    let good = essay(
        "F社は介護事業者である。",
        "本番系の記録は5分ごとに待機系へ複製することにし、災害時に失われる記録を最大でも5分間の入力分に抑えた。",
        "失われる記録を5分以内とする目標も満たした。",
    );
    assert_eq!(spans(&good, Kind::Essay, "E016"), NONE);
}

#[test]
fn e017_question_point_answered_in_one_sentence() {
    let q = "設問イ　設問アで述べた問題に対して，あなたが実施した対策を，利用者の視点と対応要員の視点を含めて，800字以上1,600字以内で具体的に述べよ。";
    let a = "A社は会員向けの通販サービスを提供している。問い合わせが月9,000件あり、応答率が60%に落ちていた。";
    let i = "私は、問い合わせの多い手続きについてFAQを整備すると判断した。利用者の視点では、検索しやすい言葉で質問を書き、画面ごとにFAQへの入口を置いた。FAQは月2回、問い合わせの記録から更新した。更新の前には、担当課長が内容を確かめた。FAQの閲覧は月3,000件に達した。";
    let u = "応答率は60%から85%に上がった。";
    let one = "なお、対応要員の視点では、FAQを応対の手引きとしても使うこととした。";
    let bad = essay(a, &format!("{i}{one}"), u);
    assert_eq!(spans_q(&bad, Kind::Essay, "E017", Some(q)), [one]);
    let good = essay(
        a,
        &format!(
            "{i}対応要員の視点では、FAQを応対の手引きとしても使うこととした。対応要員は回答の根拠としてFAQの番号を記録に残す。新人は最初の2週間、FAQに沿って応対する。"
        ),
        u,
    );
    assert_eq!(spans_q(&good, Kind::Essay, "E017", Some(q)), NONE);
    // Without the question, nothing to check.
    assert_eq!(spans(&bad, Kind::Essay, "E017"), NONE);
}

#[test]
fn e018_requirement_never_evaluated() {
    let a = "F社は部品メーカーである。\n停止した場合でも2時間以内に回復することを求められていた。";
    let i = "私は、サーバを冗長化すると判断した。";
    let bad = essay(a, i, "停止は年5回から年1回に減った。");
    assert_eq!(spans(&bad, Kind::Essay, "E018"), ["2時間以内"]);
    let good = essay(
        a,
        i,
        "停止2回の回復時間はそれぞれ40分と1時間10分で、2時間以内の要求を満たした。",
    );
    assert_eq!(spans(&good, Kind::Essay, "E018"), NONE);
}

#[test]
fn e020_off_question_essay() {
    let q = "設問イ　設問アで述べたサービスについて，あなたが行った費用の実績の分析と，実施したコスト削減策について，800字以上1,600字以内で具体的に述べよ。";
    let off = "私は、障害の検知を早めるため、監視の項目を見直すと判断した。インシデントの記録から、検知の遅れた障害を洗い出した。障害の切り分け手順を手順書にまとめた。復旧の手順は月1回の訓練で確かめた。再発防止のため、問題管理で根本原因を分析した。障害の一次対応は夜間も運用担当者が行う。";
    let on = "私は、サービスの費用の実績を分析すると判断した。費用の内訳を月ごとに集計した。サーバの費用が全体の6割を占めていた。利用の少ない夜間はサーバを止めるというコスト削減策を採った。削減策がサービスレベルに響かないよう、応答時間を監視した。費用は月300万円から月220万円に減った。";
    let with = |i: &str| {
        format!(
            "---\ntheme: budget\n---\n{}",
            essay("A社は取引サービスを提供している。", i, U_ISOLATION)
        )
    };
    assert_eq!(
        spans_q(&with(off), Kind::Essay, "E020", Some(q)),
        ["## 設問イ"]
    );
    assert_eq!(spans_q(&with(on), Kind::Essay, "E020", Some(q)), NONE);
    // Neither a question nor a theme: not judged.
    let bare = essay("A社は取引サービスを提供している。", off, U_ISOLATION);
    assert_eq!(spans(&bare, Kind::Essay, "E020"), NONE);
}

#[test]
fn e020_counts_the_names_part_a_binds_to_the_question() {
    // The question asks about suppliers and contracts; 設問ア names the supplier (「Ｐ社」) and its
    // contract (「保守契約」), and 設問イ then speaks of 「Ｐ社」 and 「保守」 — on the question.
    let q = "設問イ　設問アで述べた供給者について，あなたが行った供給者の管理と契約の見直しについて，800字以上1,600字以内で具体的に述べよ。";
    let a = "Ｔ社は配送の受付サービスを提供している。受付サーバの保守は、Ｐ社と保守契約を結んで任せている。";
    let i = "私は、Ｐ社の障害の一次対応が遅いことを問題と判断した。Ｐ社の障害の報告の記録から、復旧までの時間を洗い出した。Ｐ社とは、障害の切り分けの手順を月1回の会議で見直した。Ｐ社の復旧の手順は訓練で確かめた。保守の範囲に夜間の一次対応を加えるよう、Ｐ社と交渉した。障害のエスカレーションの基準もＰ社と定めた。";
    let essay_with = |a: &str| format!("---\ntheme: supplier\n---\n{}", essay(a, i, U_ISOLATION));
    assert_eq!(spans_q(&essay_with(a), Kind::Essay, "E020", Some(q)), NONE);
    // The same 設問イ after a 設問ア that never ties Ｐ社 to a supplier or a contract is off-question.
    let unbound =
        "Ｔ社は配送の受付サービスを提供している。受付サーバはＰ社のデータセンターに置いている。";
    assert_eq!(
        spans_q(&essay_with(unbound), Kind::Essay, "E020", Some(q)),
        ["## 設問イ"]
    );
}

#[test]
fn n002_total_after_an_enumeration_across_sentences() {
    let items = "一つ目は、写真の解像度の縮小であり、年間約1,100万円の削減となる。二つ目は、映像の保存期間の短縮である。これにより、年間約600万円の削減となる。三つ目は、夜間のサーバの停止であり、年間約400万円の削減となる。";
    let i = |total: &str| format!("私は、費用の内訳を分析すると判断した。{items}{total}");
    let bad = essay(
        "A社の費用は予算を超過していた。",
        &i("これら三つの削減策によって、合計で年間約2,500万円の費用を削減できる。"),
        U_ISOLATION,
    );
    assert_eq!(spans(&bad, Kind::Essay, "N002"), ["約2,500万円"]);
    // The sum agrees (within 約).
    let good = essay(
        "A社の費用は予算を超過していた。",
        &i("これら三つの削減策によって、合計で年間約2,100万円の費用を削減できる。"),
        U_ISOLATION,
    );
    assert_eq!(spans(&good, Kind::Essay, "N002"), NONE);
    // Trap: a total of another period (a month) is another quantity.
    let month = essay(
        "A社の費用は予算を超過していた。",
        &i("合計で月約175万円の削減となる。"),
        U_ISOLATION,
    );
    assert_eq!(spans(&month, Kind::Essay, "N002"), NONE);
    // Trap: no ordinal enumeration before the total.
    let plain = essay(
        "A社の費用は予算を超過していた。",
        "私は、写真の縮小で年間約1,100万円、映像の保存期間の短縮で年間約600万円を削減すると判断した。夜間の停止も行った。合計で年間約2,500万円の費用を削減できる。",
        U_ISOLATION,
    );
    assert_eq!(spans(&plain, Kind::Essay, "N002"), NONE);
}

const MATRIX: &str = "優先度マトリクスと呼ばれる、影響度と緊急度をそれぞれ3段階で評価し、組合せから優先度を決めるという特徴を持つ手法を使用し、インシデントの優先度付けの導入をした。";

#[test]
fn f011_ingenuity_that_restates_the_method() {
    let bad = format!(
        "{MATRIX}工夫した点は、影響度と緊急度の二つの軸で評価し、組合せで優先度を3段階に分けた点である。"
    );
    assert_eq!(spans(&bad, Kind::Module, "F011").len(), 1);
    let good = format!(
        "{MATRIX}工夫した点は、チェックインの時間帯に宿泊客の手続きが止まる事象は、受付件数に関係なく緊急度を最上位とした点である。"
    );
    assert_eq!(spans(&good, Kind::Module, "F011"), NONE);
}

const FLAG: &str = "機能フラグと呼ばれる、新しい機能のプログラムを本番環境に配置したまま、設定の切替えによって機能の有効と無効を変えられるという特徴を持つ手法を使用し、閲覧アプリのリリース方法の見直しをした。";

#[test]
fn f011_ingenuity_that_only_uses_the_technique_by_name() {
    // The technique applied by its own name, nothing of the case added.
    let bad_ing = "工夫した点は、新機能を機能フラグで切り替えられるようにし、不具合があった場合は機能フラグを無効にすることで切戻しを行うようにしたことである。";
    let bad = format!("{FLAG}{bad_ing}具体的には、しおりの同期機能に適用した。");
    assert_eq!(spans(&bad, Kind::Module, "F011"), [bad_ing]);
    // The abbreviation given in parentheses counts as the name.
    let cvss = "共通脆弱性評価システム（以下、CVSSという）と呼ばれる、脆弱性の深刻度を0から10の数値で評価し、対応の優先順位を決められるという特徴を持つ手法を使用し、脆弱性対応の見直しをした。";
    let ing = "工夫した点は、CVSSの値が7.0以上のものを優先して対応することにしたことである。";
    assert_eq!(spans(&format!("{cvss}{ing}"), Kind::Module, "F011"), [ing]);
    // Every form of definition the document layer reads (「」, と呼ぶ, とする) names it too.
    for defined in [
        "（以下「CVSS」という）",
        "（以下、CVSSと呼ぶ）",
        "（以下、CVSSとする）",
    ] {
        let head = cvss.replace("（以下、CVSSという）", defined);
        assert_eq!(
            spans(&format!("{head}{ing}"), Kind::Module, "F011"),
            [ing],
            "{defined}"
        );
    }
    // Trap: the name used, but the target narrowed (だけ / 絞り / 別に) — the writer's own use.
    for good in [
        "工夫した点は、機能フラグを、決済に関わる新機能だけに付け、無効にする判断は当番の課長が行うと決めたことである。",
        "工夫した点は、CVSSの値を、インターネットに公開された機器に限り1段階引き上げて扱ったことである。",
    ] {
        let text = format!("{}{good}", if good.contains("CVSS") { cvss } else { FLAG });
        assert_eq!(spans(&text, Kind::Module, "F011"), NONE, "{good}");
    }
    // Trap: the name used once with four specific words of the case and no restriction word.
    let own = "工夫した点は、機能フラグの切替えを、夜間の当番者が自宅からスマートフォンの管理画面で行えるようにしたことである。";
    assert_eq!(spans(&format!("{FLAG}{own}"), Kind::Module, "F011"), NONE);
}

#[test]
fn f011_ingenuity_that_is_the_textbook_procedure() {
    // Pareto analysis: classify, count, sort, act on the top — the definition, not an ingenuity;
    // even when the written feature describes something else.
    let head = "パレート分析と呼ばれる、問い合わせの原因に対して「なぜ」を繰り返して根本原因を明らかにするという特徴を持つ手法を使用し、修理受付の問い合わせの削減をした。";
    let ing = "工夫した点は、問い合わせの記録を内容別に分類し、件数の多い順に並べて上位の内容から対策したことである。";
    assert_eq!(spans(&format!("{head}{ing}"), Kind::Module, "F011"), [ing]);
    // Trap: the same words, with the case's own ordering (handling time × count) added.
    let good = "工夫した点は、問い合わせを件数の多い順に並べるのではなく、1件あたりの応対時間を掛けたオペレータの工数で並べ替え、上位の内容から対策したことである。";
    assert_eq!(spans(&format!("{head}{good}"), Kind::Module, "F011"), NONE);
}

#[test]
fn f012_method_that_does_not_fit_the_problem() {
    let load = "なぜならば、イベント開始直後にアクセスが集中し、更新待ちが多発して応答が遅くなるというサービス運用上の問題・課題が解決できると考えたからである。";
    let bad = format!(
        "ホットスタンバイと呼ばれる、待機系を常に稼働させておき障害時に即座に切り替えるという特徴を持つ手法を使用し、予約サーバの二重化をした。{load}"
    );
    assert_eq!(spans(&bad, Kind::Module, "F012").len(), 1);
    let good = format!(
        "流量制御と呼ばれる、受け付ける要求の量を上限で抑えて処理の能力を超えないようにするという特徴を持つ手法を使用し、予約の受付への流量制御の導入をした。{load}"
    );
    assert_eq!(spans(&good, Kind::Module, "F012"), NONE);
    // Backups answer ransomware too.
    let good = "世代管理バックアップと呼ばれる、日ごとの複製を複数の世代にわたって別の場所に保管するという特徴を持つ手法を使用し、会計データのバックアップの見直しをした。なぜならば、ランサムウェアに感染すると本番と同じ場所にある前日分のバックアップまで暗号化されるというサービス運用上の問題・課題が解決できると考えたからである。";
    assert_eq!(spans(good, Kind::Module, "F012"), NONE);
}

/// A clean module up to its example (method, reason, ingenuity), for F015.
const SD_HEAD: &str = "パレート分析と呼ばれる、問い合わせを内容別に件数の多い順に並べ、上位の少数の内容が全体の大半を占めることを示すという特徴を持つ手法を使用し、修理受付の問い合わせの削減をした。なぜならば、修理を申し込んだ顧客からの電話が月約6,000件あり、オペレータ25名では応答しきれないというサービス運用上の問題・課題が解決できると考えたからである。工夫した点は、件数ではなく1件あたりの応対時間を掛けた工数で並べ替えたことである。具体的には、2024年9月の記録では上位3項目で工数の約7割を占めたため、修理の進み具合をWebサイトで確認できるようにした。";

#[test]
fn f015_example_that_adds_another_measure() {
    let added = "また、オペレータの応対の品質を高めるための研修も実施した。";
    let more = "さらに、古いデータは安いストレージに移した。";
    let result = "その結果、電話は翌月に月約6,000件から約4,100件に減った。";
    let bad = format!("{SD_HEAD}{added}{more}{result}");
    assert_eq!(spans(&bad, Kind::Module, "F015"), [added, more]);
    // Traps: a result or an observation opened by また; a decision by 私 added to the example;
    // the same sentence before 「具体的には」 (background, not the example); an essay.
    for good in [
        "また、苦情は月18件から7件に減った。",
        "また、翌週の点検でも同じ誤りが無いことを確認した。",
        "また、私は要点検の機器の部品を事前に手配するよう指示し、部品を待たずに修理できるようにした。",
    ] {
        let text = format!("{SD_HEAD}{good}{result}");
        assert_eq!(spans(&text, Kind::Module, "F015"), NONE, "{good}");
    }
    let before = SD_HEAD.replace("具体的には、", &format!("{added}具体的には、"));
    assert_eq!(
        spans(&format!("{before}{result}"), Kind::Module, "F015"),
        NONE
    );
    let essay = format!("## 設問ア\n{SD_HEAD}\n\n## 設問イ\n{added}\n\n## 設問ウ\n{result}\n");
    assert_eq!(spans(&essay, Kind::Essay, "F015"), NONE);
}

#[test]
fn c007_module_that_closes_on_a_claim_without_a_figure() {
    let vague = "その結果、問い合わせは減り、顧客満足度の向上にもつながった。";
    assert_eq!(
        spans(&format!("{SD_HEAD}{vague}"), Kind::Module, "C007"),
        [vague]
    );
    // Traps: a measured closing; a closing that claims nothing (an event, a decision); a resolution
    // (C006's); the same claim earlier in the example, followed by a measured result; an essay.
    for good in [
        "その結果、電話は翌月に月約6,000件から約4,100件に減り、満足度も向上した。",
        "私は、この並べ方を翌月から全拠点に広げることを決めた。",
        "今後も継続的に改善を行い、サービスの品質向上に努めていきたい。",
        "顧客満足度の向上にもつながった。その結果、電話は翌月に月約6,000件から約4,100件に減った。",
    ] {
        assert_eq!(
            spans(&format!("{SD_HEAD}{good}"), Kind::Module, "C007"),
            NONE,
            "{good}"
        );
    }
    let essay = format!("## 設問ア\n{SD_HEAD}\n\n## 設問イ\n工夫した。\n\n## 設問ウ\n{vague}\n");
    assert_eq!(spans(&essay, Kind::Essay, "C007"), NONE);
}

#[test]
fn f016_example_that_opens_with_background() {
    // SD_HEAD's example opens with an event in the past: clean.
    assert_eq!(spans(SD_HEAD, Kind::Module, "F016"), NONE);
    let (head, _) = SD_HEAD.split_once("具体的には、").expect("example");
    let result = "その結果、電話は翌月に月約6,000件から約4,100件に減った。";
    for background in [
        "具体的には、修理受付は全国の約3,000名の顧客が使い、月曜の午前に電話が集中する。",
        "具体的には、B社は夜間の受付を外部の委託先に任せているが、委託先は定型の回答しかできない。",
        "具体的には、修理の申込みは翌営業日までに受け付けの連絡を返す必要がある。",
        "具体的には、受付の記録は応対の終了時にオペレータが入力する決まりである。",
    ] {
        let text = format!("{head}{background}{result}");
        assert_eq!(spans(&text, Kind::Module, "F016"), [background]);
    }
    // Traps: an event, a measured baseline and a decision in the past (〜た, 〜んだ); background
    // before 「具体的には」 (in the reason); an essay.
    for good in [
        "具体的には、2024年9月の記録では上位3項目で工数の約7割を占めていた。",
        "具体的には、導入前の半年は月平均30件の呼び出しのうち18件が私に集中していた。",
        "具体的には、私は工数の大きい上位3項目から着手することを選んだ。",
        "具体的には、私は工数の大きい上位3項目から取り組んだ。",
        "具体的には、9月の第1週には進み具合を尋ねる電話が前週の2倍に増えたと思われる。",
    ] {
        let text = format!("{head}{good}{result}");
        assert_eq!(spans(&text, Kind::Module, "F016"), NONE, "{good}");
    }
    let essay = format!(
        "## 設問ア\n{head}\n\n## 設問イ\n具体的には、修理受付は約3,000名の顧客が使う。\n\n## 設問ウ\n{result}\n"
    );
    assert_eq!(spans(&essay, Kind::Essay, "F016"), NONE);
}

#[test]
fn c008_cost_approval_without_an_amount() {
    let bad = "私は、当番手当の予算について情報システム部長の承認を得た。";
    let other = "私は、契約変更の費用について経営層の承認を得た。";
    let text = format!("{SD_HEAD}{bad}その結果、電話は月約6,000件から約4,100件に減った。");
    assert_eq!(spans(&text, Kind::Module, "C008"), [bad]);
    let essay = format!(
        "## 設問ア\nA社は修理受付を運営している。\n\n## 設問イ\n私は、3社の作業範囲を見直すと判断した。{other}\n\n## 設問ウ\n電話は月約6,000件から約4,100件に減った。\n"
    );
    assert_eq!(spans(&essay, Kind::Essay, "C008"), [other]);
    // Traps: the amount in the sentence, in one of the two before it, or as a share; an approval
    // that is not of a cost; a cost that is only mentioned.
    for good in [
        "私は、当番手当の予算（年約120万円）について情報システム部長の承認を得た。",
        "当番手当は年約120万円と見積もった。私は、5名の当番表を作った。私は、この予算について情報システム部長の承認を得た。",
        "私は、本番の約10%で済む同期方式を選び、年間予算の承認を得た。",
        "私は、変更管理方針の改定案をまとめ、情報システム部長の承認を得た。",
        "私は、機能別の費用を毎月開示する場を設けることについて部長の承認を得た。",
    ] {
        let text = format!("{SD_HEAD}{good}");
        assert_eq!(spans(&text, Kind::Module, "C008"), NONE, "{good}");
    }
    // The amount three sentences back no longer counts.
    let far = format!(
        "{SD_HEAD}当番手当は年約120万円である。当番は5名で回す。当番表は月ごとに作る。{bad}"
    );
    assert_eq!(spans(&far, Kind::Module, "C008"), [bad]);
}

/// C007 reads figures as the figure layer does (as C002 and the score): 漢数字 and 全角 digits are
/// figures, a date is not.
#[test]
fn c007_figures_are_the_figure_layers() {
    for good in [
        "その結果、重大な障害は年三件から一件に減り、信頼性が向上した。",
        "その結果、適用までの日数は平均４０日から６日に短縮し、安全性が向上した。",
        "その結果、満足度の平均は3.2から4.1に向上した。",
    ] {
        assert_eq!(
            spans(&format!("{SD_HEAD}{good}"), Kind::Module, "C007"),
            NONE,
            "{good}"
        );
    }
    let dated = "その結果、2024年4月からサービスの安全性が向上した。";
    assert_eq!(
        spans(&format!("{SD_HEAD}{dated}"), Kind::Module, "C007"),
        [dated]
    );
}

// ---------------------------------------------------------------- C010 restated-cost

#[test]
fn c010_the_same_cost_secured_in_two_sentences_in_a_row() {
    let first = "私は、監視ツールの追加費用の年約180万円についてデジタル統括部長の承認を得た。";
    let again = "開発チームの1名を3週間充て、監視ツールの追加費用年約180万円を予算に組み込んだ。";
    let text = format!("{first}{again}");
    assert_eq!(spans(&text, Kind::Essay, "C010"), [again]);
    let module = format!("{SD_HEAD}{first}{again}");
    assert_eq!(spans(&module, Kind::Module, "C010"), [again]);
    // The same amount written as 万円 once and in yen the other time is the same amount.
    let yen = "購入費として800,000円を確保した。";
    let text = format!("外付けストレージの購入費約80万円について部長の承認を得た。{yen}");
    assert_eq!(spans(&text, Kind::Essay, "C010"), [yen]);
    // Traps: two different amounts; a sentence in between; another paragraph; head counts of two
    // teams; the same amount in a comparison that secures nothing.
    for good in [
        format!("{first}開発チームの1名を3週間充て、保守費用年約60万円を予算に組み込んだ。"),
        format!("{first}開発チームの1名を3週間充てた。監視ツールの追加費用年約180万円を予算に組み込んだ。"),
        format!("{first}\n\n{again}"),
        "調査には運用担当2名を2週間充てた。恒久対策には開発チームの2名を1か月間充てた。".to_owned(),
        "エッジサーバは保守を加えても年約200万円である。前年度の損失約300万円に対し、年約200万円は効果の範囲に収まる。".to_owned(),
    ] {
        assert_eq!(spans(&good, Kind::Essay, "C010"), NONE, "{good}");
    }
}

// ---------------------------------------------------------------- C009 repeated-sentence

#[test]
fn c009_the_same_sentence_or_sentence_tail_written_twice() {
    let tail = "翌月初の請求書約6,000通は1時間以内に送り終え、請求機能の停止は0分だった。";
    // The tail of a sentence in ウ repeats the tail of a sentence in イ: the second tail is reported.
    let text = essay(
        "A社は請求サービスを提供している。",
        &format!("私は、月末の変更を止めると判断した。変更を止めた結果、{tail}"),
        &format!("予算を守ったことで、{tail}今後の課題は、予算の配分である。"),
    );
    assert_eq!(spans(&text, Kind::Essay, "C009"), [tail]);
    // The whole sentence twice in a row, with a comma less the second time.
    let whole = "私は、夜間の障害の一次対応を運用チームから当番制の技術担当に移すと判断した。";
    let again = "私は夜間の障害の一次対応を運用チームから当番制の技術担当に移すと判断した。";
    let module = format!("{SD_HEAD}{whole}{again}");
    assert_eq!(spans(&module, Kind::Module, "C009"), [again]);
    // Traps: a short repeated ending, the same fact restated in other words, the same opening with
    // a different ending, one figure different.
    for (first, second) in [
        (
            "障害は月5件から2件に減った。",
            "障害は月5件から2件に減った。",
        ),
        (
            &format!("変更を止めた結果、{tail}") as &str,
            "請求機能の停止は目標の30分以内に対して0分であり、目標を上回った。",
        ),
        (
            "翌月初の請求書約6,000通は1時間以内に送り終え、請求機能の停止は0分だった。",
            "翌月初の請求書約6,000通は1時間以内に送り終え、遅延の問合せは0件だった。",
        ),
        (
            "翌月初の請求書約6,000通は1時間以内に送り終え、請求機能の停止は0分だった。",
            "翌々月初の請求書約6,200通は1時間以内に送り終え、請求機能の停止は0分だった。",
        ),
    ] {
        let text = essay("A社は請求サービスを提供している。", first, second);
        assert_eq!(
            spans(&text, Kind::Essay, "C009"),
            NONE,
            "{first} / {second}"
        );
    }
}

#[test]
fn f017_technique_named_after_the_activity() {
    use crate::fixtures::{S1, S2, S3, S4, S5, S6, S7, S8, S9};
    let (_, rest) = S1.split_once("と呼ばれる").expect("name");
    let with_name = |name: &str| format!("{name}と呼ばれる{rest}{S2}{S5}{S6}{S3}{S4}{S7}{S8}{S9}");
    for (name, span) in [
        (
            "優先度別の解決目標時間の設定",
            "優先度別の解決目標時間の設定",
        ),
        (
            "CMDB（構成管理データベース）登録連絡先の定期確認",
            "CMDB（構成管理データベース）登録連絡先の定期確認",
        ),
        (
            "ヘルプデスクの応対品質の継続的な強化",
            "ヘルプデスクの応対品質の継続的な強化",
        ),
        // The name after a lead-in clause: only the name is pointed at.
        ("運用課では、夜間の監視項目の実施", "夜間の監視項目の実施"),
    ] {
        assert_eq!(
            spans(&with_name(name), Kind::Module, "F017"),
            [span],
            "{name}"
        );
    }
    // Traps: a recognised name (its feature may hold 「の設定」), the activity written after
    // 「手法を使用し」, a name whose 「の」 is followed by no activity word, an activity word not
    // after 「の」 or inside the parentheses, and an essay.
    for name in [
        "動的承認ルーティング",
        "サービスレベル合意の階層化",
        "既知の誤りの記録",
        "需要予測に基づく容量計画",
        "バッチ遅延監視のしきい値の棚卸し",
        "障害重要度レベルの定義",
        "IT部門におけるBCP対策本部の設置",
        "SLAの責任分界の明確化",
        "構成設定",
        "優先度マトリクス（以下、優先度の設定という）",
        "承認基準の設定者",
    ] {
        assert_eq!(
            spans(&with_name(name), Kind::Module, "F017"),
            NONE,
            "{name}"
        );
    }
    let activity_after = "優先度マトリクスと呼ばれる、影響度と緊急度をそれぞれ3段階で評価し、組合せから優先度を決めるという特徴を持つ手法を使用し、優先度別の解決目標時間の設定をした。";
    let text = format!("{activity_after}{S2}{S5}{S6}{S3}{S4}{S7}{S8}{S9}");
    assert_eq!(spans(&text, Kind::Module, "F017"), NONE);
    let essay = format!(
        "## 設問ア\n{S3}\n\n## 設問イ\n優先度別の解決目標時間の設定と呼ばれる{rest}{S5}\n\n## 設問ウ\n{S9}\n"
    );
    assert_eq!(spans(&essay, Kind::Essay, "F017"), NONE);
}
