//! Arbitrary bytes through the whole `itsm lint` path: decode, lint (as detected, as a module
//! and as an essay), and every output format. Panics, hangs and unsound spans are bugs.
#![no_main]

use itsm::diagnostic::FileReport;
use itsm::library::Library;
use itsm::lint::{self, Kind, Settings, Vocabulary};
use itsm::text::lines::LineIndex;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn vocab() -> &'static Vocabulary {
    static V: OnceLock<Vocabulary> = OnceLock::new();
    V.get_or_init(|| Vocabulary::from_library(&Library::embedded().expect("library loads")))
}

fn check(text: &str, report: &FileReport) {
    let idx = LineIndex::new(text);
    for d in &report.diagnostics {
        for s in d.span.iter().chain(d.related.iter().map(|(r, _)| r)) {
            assert!(s.start <= s.end && s.end <= text.len(), "{} {s:?}", d.code);
            assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end), "{} {s:?}", d.code);
            let (line, col) = idx.position(s.start);
            let before = &text[..s.start];
            assert_eq!(line, before.matches('\n').count() + 1);
            let line_start = before.rfind('\n').map_or(0, |i| i + 1);
            assert_eq!(col, text[line_start..s.start].chars().count() + 1);
        }
    }
    let reports = std::slice::from_ref(report);
    let _ = itsm::report::human(reports, false);
    let _ = itsm::report::json(reports);
    let _ = itsm::report::sarif(reports);
    let _ = itsm::report::github(reports);
}

fuzz_target!(|data: &[u8]| {
    let Ok(decoded) = itsm::text::decode::decode(data) else {
        return;
    };
    let text = decoded.text;
    for kind in [None, Some(Kind::Module), Some(Kind::Essay)] {
        let settings = Settings {
            kind,
            ..Default::default()
        };
        let report = lint::lint_text("fuzz.md", &text, vocab(), &settings);
        check(&text, &report);
    }
});
