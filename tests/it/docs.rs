//! The documentation agrees with the code: the README's rule table and code prefixes are the
//! registry's, every rule option is documented with its default, and no user-facing text cites
//! line numbers of the seed notes (which the user of the tool does not have).

use itsm::diagnostic::codes::CODES;
use itsm::lint::registry::{self, PREFIXES, RULES};
use std::path::Path;

fn read(rel: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)).unwrap()
}

/// The README's rule table, as the registry gives it.
fn rule_table() -> String {
    let mut t =
        String::from("| コード | 名前 | 既定の重大度 | 対象 | 内容 |\n|---|---|---|---|---|\n");
    for r in RULES {
        t.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            r.code,
            r.name,
            r.default_severity.as_str(),
            r.scope.as_str(),
            r.summary_text()
        ));
    }
    t
}

/// The README's table of codes that are not rules.
fn code_table() -> String {
    let mut t = String::from("| コード | 名前 | 重大度 | 対象 | 内容 |\n|---|---|---|---|---|\n");
    for c in CODES {
        t.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            c.code,
            c.name,
            c.severity.as_str(),
            c.target,
            c.summary
        ));
    }
    t
}

/// The README's list of code prefixes.
fn prefix_list() -> String {
    PREFIXES
        .iter()
        .map(|(p, what)| format!("- **{p}** — {what}\n"))
        .collect()
}

#[test]
fn readme_rule_table_is_the_registry() {
    let readme = read("README.md");
    for (what, expected) in [
        ("rule table", rule_table()),
        ("table of other codes", code_table()),
        ("code prefixes", prefix_list()),
    ] {
        assert!(
            readme.contains(&expected),
            "README.md's {what} is out of date with the registry; replace it with:\n\n{expected}"
        );
    }
}

#[test]
fn every_rule_option_is_documented_with_its_default() {
    for r in RULES {
        let doc = r.explanation_text();
        let settings = doc.split("## 設定").nth(1).unwrap_or("");
        for o in r.options {
            let entry = format!("`{}`（既定 {}", o.key, o.default);
            assert!(
                settings.contains(&entry),
                "{}: its explanation's ## 設定 lacks {entry}",
                r.code
            );
        }
    }
}

#[test]
fn explain_knows_every_code() {
    for e in registry::all() {
        assert!(registry::find_code(e.code()).is_some());
        assert!(!e.explanation().trim().is_empty(), "{}", e.code());
    }
    assert!(registry::find_code("io001").is_some());
    assert!(registry::find_code("invalid-config").is_some());
}

/// 「種 L7」「（種 L1406）」「L1381-1383」「seed L183」 and the like.
fn seed_citations(text: &str) -> Vec<String> {
    let re = regex::Regex::new(r"種\s*L\d|（L\d{1,4}|\bL\d{2,4}(-\d+)?[）、]|seed L\d").unwrap();
    text.lines()
        .filter(|l| re.is_match(l))
        .map(|l| l.trim().to_owned())
        .collect()
}

#[test]
fn no_user_facing_text_cites_seed_line_numbers() {
    let mut found = Vec::new();
    for e in registry::all() {
        for l in seed_citations(&e.explanation()) {
            found.push(format!("itsm explain {}: {l}", e.code()));
        }
        for l in seed_citations(&e.summary()) {
            found.push(format!("{} summary: {l}", e.code()));
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![root.join("README.md")];
    for dir in ["rubrics", "cases", "modules", "templates/init"] {
        for e in walk(&root.join(dir)) {
            files.push(e);
        }
    }
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        for l in seed_citations(&text) {
            found.push(format!("{}: {l}", f.display()));
        }
    }
    assert!(
        found.is_empty(),
        "cite the criterion, not the notes' lines:\n{}",
        found.join("\n")
    );
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn explain_prints_non_rule_codes_and_prefixes() {
    let out = assert_cmd::Command::cargo_bin("itsm")
        .unwrap()
        .args(["explain", "IO001"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("IO001 unreadable-file"), "{text}");
    assert!(text.contains("コードの接頭辞 IO:"), "{text}");
    let list = assert_cmd::Command::cargo_bin("itsm")
        .unwrap()
        .args(["list", "rules"])
        .output()
        .unwrap();
    let list = String::from_utf8(list.stdout).unwrap();
    for (p, _) in PREFIXES {
        assert!(
            list.contains(&format!("  {p:<3} ")),
            "{p} missing in list rules"
        );
    }
    assert!(list.contains("CF001  invalid-config"), "{list}");
}
