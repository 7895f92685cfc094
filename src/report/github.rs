//! GitHub Actions workflow commands (`::error file=…,line=…,col=…::…`), with the escaping the
//! score's output shares.

use super::position;
use crate::diagnostic::{FileReport, Severity};
use crate::text::lines::LineIndex;

/// Escape a workflow-command message.
pub(crate) fn gh_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a workflow-command property value.
pub(crate) fn gh_prop(s: &str) -> String {
    gh_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// GitHub Actions workflow commands, one per diagnostic.
pub fn github(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for r in reports {
        let idx = LineIndex::new(&r.source);
        for d in &r.diagnostics {
            let cmd = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let mut props = vec![format!("file={}", gh_prop(&r.path))];
            if let Some((l1, c1, l2, c2)) = position(&idx, d) {
                props.push(format!("line={l1}"));
                props.push(format!("endLine={l2}"));
                if l1 == l2 {
                    props.push(format!("col={c1}"));
                    props.push(format!("endColumn={c2}"));
                }
            }
            props.push(format!(
                "title={}",
                gh_prop(&format!("itsm {} ({})", d.code, d.name))
            ));
            let msg = match &d.help {
                Some(h) => format!("{}\n{}", d.message, h),
                None => d.message.clone(),
            };
            out.push_str(&format!("::{cmd} {}::{}\n", props.join(","), gh_data(&msg)));
        }
    }
    out
}
