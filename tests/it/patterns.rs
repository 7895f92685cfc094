//! `static_regex!` patterns answer exactly as their regex does. The macro's needles (literals one
//! of which every match contains, found when the crate compiles; `macros/src/needles.rs`) let a
//! [`Pattern`] say "no match" without compiling the regex; here every `static_regex!` literal in
//! `src/` is rebuilt with the same needles and compared with the plain regex on the library's
//! prose, the README and texts made around each needle.

use itsm::text::scan::Pattern;
use regex::Regex;
use std::path::Path;

#[allow(dead_code)]
#[path = "../../macros/src/needles.rs"]
mod needles;

/// Every `static_regex!(r"…")` / `static_regex!(r#"…"#)` literal under `src/`.
fn static_patterns() -> Vec<(String, String)> {
    fn walk(dir: &Path, out: &mut Vec<(String, String)>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .expect("src/ is readable")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&p).expect("source is readable");
                let mut rest = text.as_str();
                while let Some(i) = rest.find("static_regex!(") {
                    rest = rest[i + "static_regex!(".len()..].trim_start();
                    let hashes = rest
                        .strip_prefix('r')
                        .map(|r| r.len() - r.trim_start_matches('#').len());
                    let Some(h) = hashes else { continue };
                    let open = format!("r{}\"", "#".repeat(h));
                    let close = format!("\"{}", "#".repeat(h));
                    let Some(body) = rest.strip_prefix(&open) else {
                        continue;
                    };
                    let end = body.find(&close).expect("a closed raw string");
                    out.push((p.display().to_string(), body[..end].to_owned()));
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut out);
    out
}

/// Every line of the embedded library and the README, in pieces.
fn prose() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in ["cases", "modules", "rubrics"] {
        let mut files: Vec<_> = std::fs::read_dir(root.join(dir))
            .expect("library folder")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .collect();
        files.sort();
        for f in files {
            let text = std::fs::read_to_string(f).expect("library file");
            chunks(&text, &mut out);
        }
    }
    chunks(
        &std::fs::read_to_string(root.join("README.md")).expect("README"),
        &mut out,
    );
    out
}

/// Each needle alone and between other text.
fn around(needles: &[Vec<u8>]) -> Vec<String> {
    let mut out = Vec::new();
    for n in needles {
        let n = String::from_utf8_lossy(n);
        out.push(n.to_string());
        out.push(format!("私は、{n}。"));
        out.push(format!("**{n} 12件 ３０％（1）"));
        out.push(format!("{n}. 変更の 1) 審査"));
    }
    out.push(String::new());
    out
}

/// `text` in pieces of a few lines (the patterns see line starts, line ends and sentences).
fn chunks(text: &str, out: &mut Vec<String>) {
    let lines: Vec<&str> = text.lines().collect();
    out.extend(lines.chunks(20).map(|c| c.join("\n")));
}

fn ranges<'h>(ms: impl Iterator<Item = regex::Match<'h>>) -> Vec<std::ops::Range<usize>> {
    ms.map(|m| m.range()).collect()
}

fn groups(c: &regex::Captures<'_>) -> Vec<Option<std::ops::Range<usize>>> {
    c.iter().map(|m| m.map(|m| m.range())).collect()
}

#[test]
fn static_patterns_answer_as_their_regex_does() {
    let patterns = static_patterns();
    assert!(
        patterns.len() >= 30,
        "found only {} static_regex! literals in src/",
        patterns.len()
    );
    let prose = prose();
    let mut gated = 0;
    for (file, source) in patterns {
        let found = needles::needles(&source).expect("the macro parsed it");
        let (lits, exact, anchored) = found.clone().map_or((Vec::new(), false, false), |n| {
            (n.literals, n.exact, n.anchored)
        });
        gated += usize::from(!lits.is_empty());
        let leaked: Vec<&'static [u8]> = lits
            .iter()
            .map(|l| &*Box::leak(l.clone().into_boxed_slice()))
            .collect();
        let pattern = Pattern::new(
            Box::leak(source.clone().into_boxed_str()),
            Box::leak(leaked.into_boxed_slice()),
            exact,
            anchored,
        );
        let regex = Regex::new(&source).expect("valid regex");
        for hay in prose.iter().cloned().chain(around(&lits)) {
            let at = || format!("{file}: {source:?} on {hay:?}");
            assert_eq!(pattern.is_match(&hay), regex.is_match(&hay), "{}", at());
            assert_eq!(
                pattern.find(&hay).map(|m| m.range()),
                regex.find(&hay).map(|m| m.range()),
                "{}",
                at()
            );
            // Every method asks the same gate first; the others are compared where they have
            // something to find.
            if !regex.is_match(&hay) {
                continue;
            }
            assert_eq!(
                pattern.captures(&hay).map(|c| groups(&c)),
                regex.captures(&hay).map(|c| groups(&c)),
                "{}",
                at()
            );
            assert_eq!(
                ranges(pattern.find_iter(&hay)),
                ranges(regex.find_iter(&hay)),
                "{}",
                at()
            );
            assert_eq!(
                pattern
                    .captures_iter(&hay)
                    .map(|c| groups(&c))
                    .collect::<Vec<_>>(),
                regex
                    .captures_iter(&hay)
                    .map(|c| groups(&c))
                    .collect::<Vec<_>>(),
                "{}",
                at()
            );
            assert_eq!(
                pattern.replace_all(&hay, "<$0>"),
                regex.replace_all(&hay, "<$0>"),
                "{}",
                at()
            );
        }
    }
    assert!(gated >= 20, "only {gated} patterns have needles");
}

/// Regression guard for start-up: a pattern is compiled only when a text holds one of its
/// needles, and an exact pattern answers `is_match` without compiling at all.
#[test]
fn patterns_compile_only_for_texts_that_can_match() {
    static EXACT: Pattern = {
        let (n, e, a) = itsm_macros::needles!(r"今後|残課題|引き続き");
        Pattern::new(r"今後|残課題|引き続き", n, e, a)
    };
    static GATED: Pattern = {
        let (n, e, a) = itsm_macros::needles!(r"という[^。]{0,80}?特徴を(持つ|もつ|有する)");
        Pattern::new(r"という[^。]{0,80}?特徴を(持つ|もつ|有する)", n, e, a)
    };
    assert!(!EXACT.is_match("私は、SLAの見直しを担当した。"));
    assert!(EXACT.is_match("今後は監視を強化する。"));
    assert!(
        !EXACT.is_compiled(),
        "an exact pattern needs no regex for is_match"
    );

    assert!(GATED.find("私は、SLAの見直しを担当した。").is_none());
    assert!(
        GATED
            .captures_iter("稼働率は99.9%である。")
            .next()
            .is_none()
    );
    assert!(!GATED.is_compiled(), "no needle, no regex");
    let m = GATED.find("変更を3区分に分けるという特徴を持つ手法");
    assert_eq!(m.map(|m| m.as_str()), Some("という特徴を持つ"));
    assert!(GATED.is_compiled());
}
