//! The import graph between the crate's top-level modules has no circles, and the lower layers
//! do not reach up (`docs/architecture.md`). The graph is read from the sources: every
//! `crate::module` path (in `use` lines and in code, `use crate::{a, b}` groups included) in
//! `src/<module>/**.rs` is an edge from `<module>` to `module`. Comments are ignored.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The code of a Rust file without `//` comments (doc comments included). String literals that
/// contain `//` (URLs) are kept whole.
fn strip_comments(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let mut in_str = false;
        let mut prev = '\0';
        let mut cut = line.len();
        for (i, c) in line.char_indices() {
            if c == '"' && prev != '\\' {
                in_str = !in_str;
            }
            if !in_str && c == '/' && prev == '/' {
                cut = i - 1;
                break;
            }
            prev = c;
        }
        out.push_str(&line[..cut]);
        out.push('\n');
    }
    out
}

/// The top-level modules a file's code names through `crate::`.
fn referenced_modules(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // `crate::{a::x, b}`: the first identifier of each top-level item.
            let mut depth = 0;
            let mut item_start = true;
            for (j, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => item_start = true,
                    c if item_start && (c.is_ascii_alphabetic() || c == '_') => {
                        out.insert(ident(&group[j..]));
                        item_start = false;
                    }
                    _ => {}
                }
            }
        } else {
            let m = ident(rest);
            if !m.is_empty() {
                out.insert(m);
            }
        }
    }
    out
}

/// Edges `from → to` between top-level modules.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in files {
        let rel = f.strip_prefix(&src).unwrap();
        let first = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        let from = first.trim_end_matches(".rs").to_owned();
        if from == "lib" || from == "main" {
            continue;
        }
        let code = strip_comments(&std::fs::read_to_string(&f).unwrap());
        let entry = g.entry(from.clone()).or_default();
        for to in referenced_modules(&code) {
            if to != from && to != "self" && to != "super" {
                entry.insert(to);
            }
        }
    }
    g
}

/// A cycle in `g`, as the list of modules around it, if there is one.
fn find_cycle(g: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        New,
        Open,
        Done,
    }
    fn visit(
        n: &str,
        g: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, State>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        state.insert(n.to_owned(), State::Open);
        stack.push(n.to_owned());
        for m in g.get(n).into_iter().flatten() {
            match state.get(m.as_str()).copied().unwrap_or(State::New) {
                State::Open => {
                    let at = stack.iter().position(|x| x == m).unwrap();
                    let mut cycle = stack[at..].to_vec();
                    cycle.push(m.clone());
                    return Some(cycle);
                }
                State::New => {
                    if let Some(c) = visit(m, g, state, stack) {
                        return Some(c);
                    }
                }
                State::Done => {}
            }
        }
        stack.pop();
        state.insert(n.to_owned(), State::Done);
        None
    }
    let mut state = BTreeMap::new();
    for n in g.keys() {
        if state.get(n.as_str()).copied().unwrap_or(State::New) == State::New
            && let Some(c) = visit(n, g, &mut state, &mut Vec::new())
        {
            return Some(c);
        }
    }
    None
}

#[test]
fn the_module_graph_has_no_cycles() {
    let g = graph();
    assert!(g.len() >= 10, "the graph was not read: {g:?}");
    if let Some(c) = find_cycle(&g) {
        panic!(
            "import cycle between top-level modules: {}\nthe whole graph:\n{}",
            c.join(" → "),
            g.iter()
                .map(|(k, v)| format!(
                    "  {k} → {}",
                    v.iter().cloned().collect::<Vec<_>>().join(", ")
                ))
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
}

#[test]
fn lower_layers_do_not_reach_up() {
    // What each module may not name (docs/architecture.md): the flow text → document → exam →
    // lint / score / draft → report, with the library below the rules and the score.
    let forbidden: &[(&str, &[&str])] = &[
        (
            "diagnostic",
            &[
                "text", "fsio", "document", "exam", "library", "lint", "score", "draft", "report",
                "config", "serve", "cli",
            ],
        ),
        (
            "text",
            &[
                "diagnostic",
                "fsio",
                "document",
                "exam",
                "library",
                "lint",
                "score",
                "draft",
                "report",
                "config",
                "serve",
                "cli",
            ],
        ),
        (
            "fsio",
            &[
                "diagnostic",
                "document",
                "exam",
                "library",
                "lint",
                "score",
                "draft",
                "report",
                "config",
                "serve",
                "cli",
            ],
        ),
        (
            "document",
            &[
                "fsio", "exam", "library", "lint", "score", "draft", "report", "config", "serve",
                "cli",
            ],
        ),
        (
            "exam",
            &[
                "library", "lint", "score", "draft", "report", "config", "serve", "cli",
            ],
        ),
        (
            "library",
            &[
                "document", "exam", "lint", "score", "draft", "report", "config", "serve", "cli",
            ],
        ),
        (
            "lint",
            &["score", "draft", "report", "config", "serve", "cli"],
        ),
        ("report", &["score", "draft", "config", "serve", "cli"]),
        ("score", &["draft", "config", "serve", "cli"]),
        (
            "draft",
            &["lint", "score", "report", "config", "serve", "cli"],
        ),
        ("config", &["score", "draft", "report", "serve", "cli"]),
        // The server calls the core as the CLI does, never the CLI itself.
        ("serve", &["draft", "cli"]),
    ];
    let g = graph();
    let mut wrong = Vec::new();
    for (from, not) in forbidden {
        for to in g.get(*from).into_iter().flatten() {
            if not.contains(&to.as_str()) {
                wrong.push(format!("{from} → {to}"));
            }
        }
    }
    assert!(wrong.is_empty(), "imports against the layering: {wrong:?}");
}

#[test]
fn the_cycle_finder_finds_cycles() {
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    g.entry("a".into()).or_default().insert("b".into());
    g.entry("b".into()).or_default().insert("c".into());
    assert_eq!(find_cycle(&g), None);
    g.entry("c".into()).or_default().insert("a".into());
    assert_eq!(find_cycle(&g).unwrap(), ["a", "b", "c", "a"]);
    let code = "use crate::{lint::{self, Rule}, text::scan};\n// crate::cli in a comment\nlet x = crate::exam::thousands(1);";
    let m = referenced_modules(&strip_comments(code));
    assert_eq!(m.into_iter().collect::<Vec<_>>(), ["exam", "lint", "text"]);
}
