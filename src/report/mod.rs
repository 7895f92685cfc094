//! Rendering findings for people and machines, the last step of the flow: human
//! ([`human`], annotate-snippets), [`json`], SARIF 2.1.0 ([`sarif`]) and GitHub workflow
//! commands ([`github`]). Emitters only format; they never decide exit codes.
//!
//! [`count`] renders `itsm count`. The score's reports (`crate::score::render`) use the same SARIF envelope and locations and
//! the same GitHub escaping from here, so lint and score output agree in every format.

pub mod count;
mod github;
mod human;
mod json;
mod sarif;

pub use github::{
    command as github_command, gh_data, gh_prop, github, verbatim as github_verbatim,
};
pub use human::{human, human_file, human_one, human_summary};
pub use json::{json, json_value};
pub use sarif::sarif;
pub(crate) use sarif::{sarif_location, sarif_log};

use crate::diagnostic::{Diagnostic, FileReport, Severity};
use crate::text::lines::LineIndex;

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    Sarif,
    Github,
}

/// Counts by severity across reports.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Summary {
    pub fn of(reports: &[FileReport]) -> Summary {
        let mut s = Summary {
            files: reports.len(),
            ..Summary::default()
        };
        for d in reports.iter().flat_map(|r| &r.diagnostics) {
            match d.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => s.infos += 1,
            }
        }
        s
    }
}

pub(crate) fn position(
    idx: &LineIndex<'_>,
    d: &Diagnostic,
) -> Option<(usize, usize, usize, usize)> {
    d.span.as_ref().map(|r| {
        let (l1, c1) = idx.position(r.start);
        let (l2, c2) = idx.position(r.end);
        (l1, c1, l2, c2)
    })
}

/// Render in the chosen format.
pub fn render(format: Format, reports: &[FileReport], color: bool) -> String {
    match format {
        Format::Human => human(reports, color),
        Format::Json => json(reports),
        Format::Sarif => sarif(reports),
        Format::Github => github(reports),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_escaping() {
        assert_eq!(gh_data("a%b\nc"), "a%25b%0Ac");
        assert_eq!(gh_prop("x:y,z"), "x%3Ay%2Cz");
    }
}
