//! Whether a module's technique fits the problem it claims to solve, from the data in
//! `rubrics/method-fit.yaml` (problem kinds with their words, techniques with the kinds they fix,
//! and library themes mapped onto kinds for the library's own techniques).
//!
//! A mismatch is reported only when the problem is clearly of some kinds (two or more of a kind's
//! words), the technique is known, and the problem has not a single word of a kind the technique
//! fixes: a technique that is not in the table is never judged.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MethodFit {
    pub problems: Vec<ProblemKind>,
    pub techniques: Vec<Technique>,
    /// Library theme id → problem kinds its techniques fix.
    pub themes: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProblemKind {
    pub id: String,
    pub name: String,
    pub words: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Technique {
    pub names: Vec<String>,
    pub fixes: Vec<String>,
    /// The technique's textbook procedure in words (F011: an ingenuity made of them restates the
    /// method).
    #[serde(default)]
    pub steps: Vec<String>,
}

/// The built-in table (`rubrics/method-fit.yaml`).
pub fn builtin() -> &'static MethodFit {
    static T: OnceLock<MethodFit> = OnceLock::new();
    T.get_or_init(|| {
        serde_saphyr::from_str(include_str!("../../rubrics/method-fit.yaml"))
            .expect("rubrics/method-fit.yaml is valid (checked by a test)")
    })
}

/// A technique that does not fit its problem.
#[derive(Debug, Clone)]
pub struct Mismatch {
    /// Names of the problem kinds the problem is about.
    pub problem: Vec<String>,
    /// Names of the kinds the technique fixes.
    pub fixes: Vec<String>,
}

impl MethodFit {
    /// Problem kinds of a problem statement: those with two or more of their words in it.
    pub fn problem_kinds(&self, problem: &str) -> Vec<&ProblemKind> {
        self.problems
            .iter()
            .filter(|k| {
                k.words
                    .iter()
                    .filter(|w| problem.contains(w.as_str()))
                    .count()
                    >= 2
            })
            .collect()
    }

    /// The textbook procedure words of a technique (empty when unknown).
    pub fn technique_steps(&self, name: &str) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for t in &self.techniques {
            if t.names.iter().any(|n| name.contains(n.as_str())) {
                out.extend(t.steps.iter().map(String::as_str));
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Kinds a technique fixes: from the table, else from the library themes of a module of that
    /// name (`library` is (module name, theme ids)). None when the technique is unknown.
    pub fn technique_fixes(
        &self,
        name: &str,
        library: &[(String, Vec<String>)],
    ) -> Option<Vec<String>> {
        let mut out: Vec<String> = Vec::new();
        for t in &self.techniques {
            if t.names.iter().any(|n| name.contains(n.as_str())) {
                out.extend(t.fixes.iter().cloned());
            }
        }
        for (m, themes) in library {
            if !m.is_empty()
                && (name.contains(m.as_str()) || m.contains(name) && name.chars().count() >= 4)
            {
                for th in themes {
                    if let Some(k) = self.themes.get(th) {
                        out.extend(k.iter().cloned());
                    }
                }
            }
        }
        out.sort();
        out.dedup();
        (!out.is_empty()).then_some(out)
    }

    /// The mismatch between a technique and a problem statement, if any.
    pub fn mismatch(
        &self,
        technique: &str,
        problem: &str,
        library: &[(String, Vec<String>)],
    ) -> Option<Mismatch> {
        let kinds = self.problem_kinds(problem);
        if kinds.is_empty() {
            return None;
        }
        let fixes = self.technique_fixes(technique, library)?;
        // Any word of a kind the technique fixes, even once, is enough for a fit.
        let touched = self
            .problems
            .iter()
            .filter(|k| k.words.iter().any(|w| problem.contains(w.as_str())));
        if touched.into_iter().any(|k| fixes.contains(&k.id)) {
            return None;
        }
        let name = |id: &str| {
            self.problems
                .iter()
                .find(|k| k.id == id)
                .map_or(id.to_owned(), |k| k.name.clone())
        };
        Some(Mismatch {
            problem: kinds.iter().map(|k| k.name.clone()).collect(),
            fixes: fixes.iter().map(|f| name(f)).collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_consistent() {
        let t = builtin();
        let ids: Vec<&str> = t.problems.iter().map(|k| k.id.as_str()).collect();
        for x in &t.techniques {
            for f in &x.fixes {
                assert!(ids.contains(&f.as_str()), "unknown kind {f}");
            }
        }
        for ks in t.themes.values() {
            for f in ks {
                assert!(ids.contains(&f.as_str()), "unknown kind {f}");
            }
        }
    }

    #[test]
    fn failover_does_not_fix_load() {
        let t = builtin();
        let p = "イベントの開始直後にアクセスが集中し、データベースの更新待ちが多発して、ログインが15分以上できなくなる";
        assert!(t.mismatch("ホットスタンバイ", p, &[]).is_some());
        assert!(t.mismatch("オートスケール", p, &[]).is_none());
        // Unknown techniques are never judged.
        assert!(t.mismatch("謎の手法", p, &[]).is_none());
    }
}
