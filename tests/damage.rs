use itsm::draft;
use itsm::library::Library;
use itsm::lint::Document;
use std::collections::BTreeSet;

#[test]
fn explore() {
    let lib = Library::embedded().unwrap();
    let mut seen = BTreeSet::new();
    let mut texts = BTreeSet::new();
    let mut total = 0;
    for c in &lib.cases {
        for t in &lib.themes {
            for n in 1..=draft::candidates(&lib, &c.id, &t.id).len() {
                total += 1;
                let d = draft::draft(&lib, c, &t.id, None, n).unwrap();
                texts.insert(d.text.clone());
                if seen.insert((d.module.clone(), d.case.clone())) {
                    let doc = Document::parse(&d.text, None);
                    for s in &doc.sentences {
                        let st = doc.sentence_text(s);
                        if st.contains("私") { println!("{}/{}: {}", d.module, d.case, st); }
                    }
                }
            }
        }
    }
    println!("total {total} modcase {} texts {}", seen.len(), texts.len());
}
