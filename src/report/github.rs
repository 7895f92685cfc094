//! GitHub Actions workflow commands (`::error file=…,line=…,col=…::…`). Every line itsm prints
//! in the GitHub format — findings on stdout, notes and errors on stderr, the score's
//! annotations — is built by [`command`] (or escaped by [`gh_data`] / [`gh_prop`]), and text
//! that must not be read as commands at all (a `--fix --diff`) is wrapped by [`verbatim`].
//!
//! The runner reads a command from any line that starts with `::` after leading white space, so
//! escaping is what keeps a file name or a quoted sentence from becoming a command: data escapes
//! `%`, CR and LF; properties also `:` and `,`; every other control character is shown as its
//! picture ([`crate::text::visible`]).

use super::position;
use crate::diagnostic::{FileReport, Severity};
use crate::text::lines::LineIndex;
use crate::text::visible::visible_lines;

/// Escape a workflow-command message.
pub fn gh_data(s: &str) -> String {
    visible_lines(s)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a workflow-command property value.
pub fn gh_prop(s: &str) -> String {
    gh_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// One workflow command line, newline included: `::cmd k=v,…::data`, every property value and
/// the data escaped.
pub fn command(cmd: &str, props: &[(&str, String)], data: &str) -> String {
    let props: Vec<String> = props
        .iter()
        .map(|(k, v)| format!("{k}={}", gh_prop(v)))
        .collect();
    let sep = if props.is_empty() { "" } else { " " };
    format!("::{cmd}{sep}{}::{}\n", props.join(","), gh_data(data))
}

/// `text` between `::stop-commands::TOKEN` and `::TOKEN::`, so the runner reads none of its
/// lines as a command (a diff's context lines start with a space and then the file's text).
/// The token is random and checked not to occur in `text`.
pub fn verbatim(text: &str) -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut seed = 0u64;
    let token = loop {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u64(seed);
        h.write_usize(text.len());
        let t = format!("itsm-{:016x}", h.finish());
        if !text.contains(&t) {
            break t;
        }
        seed += 1;
    };
    let mut out = format!("::stop-commands::{token}\n{text}");
    if !text.is_empty() && !text.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(&format!("::{token}::\n"));
    out
}

/// The command of a severity.
fn level(sev: Severity) -> &'static str {
    match sev {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// GitHub Actions workflow commands, one per diagnostic.
pub fn github(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for r in reports {
        let idx = LineIndex::new(&r.source);
        for d in &r.diagnostics {
            let mut props = vec![("file", r.path.clone())];
            if let Some((l1, c1, l2, c2)) = position(&idx, d) {
                props.push(("line", l1.to_string()));
                props.push(("endLine", l2.to_string()));
                if l1 == l2 {
                    props.push(("col", c1.to_string()));
                    props.push(("endColumn", c2.to_string()));
                }
            }
            props.push(("title", format!("itsm {} ({})", d.code, d.name)));
            let msg = match &d.help {
                Some(h) => format!("{}\n{}", d.message, h),
                None => d.message.clone(),
            };
            out.push_str(&command(level(d.severity), &props, &msg));
        }
    }
    out
}
