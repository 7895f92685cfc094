//! The shipped library: it loads, covers every seed technique and theme, is written in
//! its own words (no 25-character run shared with the seed notes, in cases/, modules/ and the
//! essay layout rubrics/essay.j2), and names no real product.

use itsm::library::Library;
use std::collections::HashSet;
use std::path::Path;

fn library_texts() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in ["cases", "modules"] {
        for e in std::fs::read_dir(root.join(dir)).unwrap() {
            let p = e.unwrap().path();
            out.push((
                p.display().to_string(),
                std::fs::read_to_string(&p).unwrap(),
            ));
        }
    }
    // The essay layout writes sentences of its own too.
    let layout = root.join("rubrics/essay.j2");
    out.push((
        layout.display().to_string(),
        std::fs::read_to_string(&layout).unwrap(),
    ));
    out.sort();
    out
}

fn normalise(s: &str) -> Vec<char> {
    s.replace("**", "")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

#[test]
fn embedded_library_loads_and_covers_the_seed() {
    let lib = Library::embedded().expect("library loads");
    let ids: Vec<&str> = lib.cases.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["fx", "insurer", "ses", "supermarket"]);
    let seeds: HashSet<&str> = lib
        .modules
        .iter()
        .flat_map(|m| m.seed.iter().map(String::as_str))
        .collect();
    let mut expected: Vec<String> = (1..=31).map(|i| format!("M{i:02}")).collect();
    expected.extend(
        [
            "CA1", "CA2", "CBA", "CBB", "CBC", "CBD", "CBE", "CBF", "CD1", "CD2",
        ]
        .map(String::from),
    );
    let missing: Vec<&String> = expected
        .iter()
        .filter(|e| !seeds.contains(e.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "seed techniques without a module: {missing:?}"
    );
    for t in &lib.themes {
        let n = lib
            .modules
            .iter()
            .filter(|m| m.themes.contains(&t.id))
            .count();
        assert!(n >= 2, "theme {} has {n} modules", t.id);
    }
    for m in &lib.modules {
        assert!(!m.variants.is_empty(), "{}", m.id);
    }
}

#[test]
fn availability_facts_match_arithmetic() {
    let lib = Library::embedded().unwrap();
    for c in &lib.cases {
        let a: f64 = c.facts["availability"]
            .trim_end_matches('%')
            .parse()
            .unwrap();
        let stated: f64 = c.facts["downtime_year"]
            .trim_start_matches('約')
            .trim_end_matches("時間")
            .parse()
            .unwrap();
        let expected = (100.0 - a) / 100.0 * 8760.0;
        assert!(
            (stated - expected).abs() / expected < 0.01,
            "{}: {stated} vs {expected}",
            c.id
        );
    }
}

#[test]
fn no_sentence_is_copied_from_the_seed_notes() {
    let seed = crate::seed_notes();
    const N: usize = 25;
    let s = normalise(&seed);
    let grams: HashSet<String> = s.windows(N).map(|w| w.iter().collect()).collect();
    let mut copied = Vec::new();
    for (path, text) in library_texts() {
        for line in text.lines() {
            let t = normalise(line);
            if let Some(w) = t
                .windows(N)
                .find(|w| grams.contains(&w.iter().collect::<String>()))
            {
                copied.push(format!("{path}: {}", w.iter().collect::<String>()));
            }
        }
    }
    assert!(
        copied.is_empty(),
        "copied from the seed notes:\n{}",
        copied.join("\n")
    );
}

#[test]
fn no_real_names_in_the_library() {
    let lib = Library::embedded().unwrap();
    let mut hits = Vec::new();
    for (path, text) in library_texts() {
        for name in lib.glossary.banned.keys() {
            let ascii = name.is_ascii();
            for (i, _) in text.match_indices(name.as_str()) {
                let before = text[..i].chars().next_back();
                let after = text[i + name.len()..].chars().next();
                if ascii
                    && (before.is_some_and(|c| c.is_ascii_alphanumeric())
                        || after.is_some_and(|c| c.is_ascii_alphanumeric()))
                {
                    continue;
                }
                hits.push(format!("{path}: {name}"));
            }
        }
    }
    hits.dedup();
    assert!(hits.is_empty(), "real names: {hits:?}");
}
