//! Text analysis shared by the lint rules and the score: the number detector and the per-document
//! fact model, outline detection, the problems and measures of an essay, targets and results.
//! Nothing here reports findings; rules and score detectors build on these views.

pub mod consistency;
pub mod facts;
pub mod figures;
pub mod method_fit;
pub mod prose;
pub mod targets;
pub mod terms;
pub mod thread;

/// Build a `&'static Regex` once: `static_regex!(r"...")`.
macro_rules! static_regex {
    ($re:literal) => {{
        static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
        RE.get_or_init(|| regex::Regex::new($re).expect("valid regex"))
    }};
}
pub(crate) use static_regex;
