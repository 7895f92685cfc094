//! Lint rules: one file per rule, each declared with [`declare_rule!`] whose
//! doc comment is the text `itsm explain CODE` prints. The single list of
//! rules is [`registry::RULES`].
//!
//! Rules see a parsed [`Document`], the vocabulary and the resolved
//! [`Settings`]; they never see command-line flags and never print.

pub mod registry;

mod abbreviation;
mod ambiguous;
mod availability_math;
mod bullet;
mod change_direction;
mod comma_count;
mod example_count;
mod figure_contradiction;
mod format_feature;
mod format_ingenuity;
mod format_method;
mod format_name;
mod format_order;
mod format_problem;
mod format_reason;
mod format_reason_ending;
mod fullwidth_ascii;
mod generic_phrase;
mod halfwidth_katakana;
mod invalid_suppression;
mod jargon;
mod manager_view;
mod markdown_leftover;
mod module_length;
mod no_figures;
mod no_result;
mod part_length;
mod part_total;
mod period_mismatch;
mod product_name;
mod rate_total_mismatch;
mod sentence_length;
mod source_trace;
mod style_mix;
mod unused_suppression;

mod education_only;
mod evaluation_quantitative;
mod ingenuity_restates_method;
mod measure_off_problem;
mod method_problem_mismatch;
mod overview_missing;
mod part_duplicated;
mod part_missing;
mod part_order;
mod personal_blame;
mod problem_raised_late;
mod question_point;
mod question_point_thin;
mod remaining_issues;
mod requirement_unevaluated;
mod subjective_evaluation;
mod target_late;
mod target_result_mismatch;
mod textbook_generality;
mod theme_drift;
mod thread_broken;
mod vague_resolution;

pub(crate) mod essay_util;
pub(crate) mod util;
pub(crate) use manager_view::is_decision;

use crate::diagnostic::{Diagnostic, Severity};
use crate::lint::Settings;
pub use crate::lint::document::{Document, Kind};
use std::ops::Range;

/// Which texts a rule applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Module,
    Essay,
    Both,
}

impl Scope {
    pub fn applies(self, kind: Kind) -> bool {
        matches!(
            (self, kind),
            (Scope::Both, _) | (Scope::Module, Kind::Module) | (Scope::Essay, Kind::Essay)
        )
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Module => "module",
            Scope::Essay => "essay",
            Scope::Both => "module, essay",
        }
    }
}

/// A rule: metadata plus a check function.
pub struct Rule {
    pub code: &'static str,
    pub name: &'static str,
    /// One-line Japanese summary for `itsm list rules`.
    pub summary: &'static str,
    pub default_severity: Severity,
    pub scope: Scope,
    /// The rule's documentation (its doc comment), shown by `itsm explain`.
    pub explanation: &'static str,
    pub check: fn(&Document<'_>, &mut Context<'_>),
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Rule({} {})", self.code, self.name)
    }
}

/// Declare a rule; its doc comment becomes its explanation.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        pub(crate) static $ident:ident = {
            code: $code:literal,
            name: $name:literal,
            summary: $summary:literal,
            severity: $sev:ident,
            scope: $scope:ident,
            check: $check:path $(,)?
        };
    ) => {
        $(#[doc = $doc])*
        pub(crate) static $ident: $crate::rules::Rule = $crate::rules::Rule {
            code: $code,
            name: $name,
            summary: $summary,
            default_severity: $crate::diagnostic::Severity::$sev,
            scope: $crate::rules::Scope::$scope,
            explanation: concat!($($doc, "\n"),*),
            check: $check,
        };
    };
}
pub(crate) use declare_rule;

/// What a rule gets besides the document.
pub struct Context<'a> {
    pub settings: &'a Settings,
    pub vocab: &'a crate::lint::Vocabulary,
    rule: &'static Rule,
    pub(crate) out: Vec<Diagnostic>,
}

impl<'a> Context<'a> {
    pub(crate) fn new(
        settings: &'a Settings,
        vocab: &'a crate::lint::Vocabulary,
        rule: &'static Rule,
    ) -> Self {
        Context {
            settings,
            vocab,
            rule,
            out: Vec::new(),
        }
    }

    /// Report a finding of the current rule at `span` (None = whole file).
    pub fn report(
        &mut self,
        span: Option<Range<usize>>,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        let mut d = Diagnostic::new(
            self.rule.code,
            self.rule.name,
            self.rule.default_severity,
            message,
        );
        d.span = span;
        self.out.push(d);
        self.out.last_mut().expect("just pushed")
    }
}
