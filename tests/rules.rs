use itsm::library::Library;
use itsm::lint::{self, Kind, Settings, Vocabulary};

fn show(text: &str, kind: Kind) {
    let lib = Library::embedded().unwrap();
    let vocab = Vocabulary::from_library(&lib);
    let s = Settings { kind: Some(kind), ..Default::default() };
    let r = lint::lint_text("t", text, &vocab, &s);
    println!("---- {:?} {}", kind, text.replace('\n', "⏎"));
    for d in &r.diagnostics {
        println!("  {} {:?} 「{}」 {}", d.code, d.span, d.span.clone().map(|s| &text[s]).unwrap_or(""), d.message);
    }
}

#[test]
fn explore() {
    let e = Kind::Essay;
    for t in [
        "## 設問ア\n1. ITサービスの概要\n1.1 サービスの内容\n私は判断した。障害は月3件、10分、20名である。",
        "## 設問ア\n1.1 ITサービスの概要\n私は判断した。障害は月3件、10分、20名である。\n1.5倍に増えた。",
        "バッチを1回から4回に分けて待ち時間を短縮した。私は判断した。障害は月3件、10分、20名である。",
        "これを行いましょう。ご確認ください。私は判断した。障害は月3件、10分、20名である。",
        "- 監視\n-5%となった。\n+ 手順\n* 項目\n● 項目\n① 項目\n(1) 項目\n1) 項目\na. 項目\nａ．項目\n私は判断した。障害は月3件、10分、20名である。",
        ] {
        show(t, e);
    }
}
