//! What a rule is: its metadata ([`Rule`], declared with `declare_rule!` whose doc comment is
//! the text `itsm explain CODE` prints), where it applies ([`Scope`]), the options it declares
//! ([`RuleOption`]) and what it gets to work with ([`Context`]). The rules themselves live in
//! [`crate::lint::rules`], one file each.
//!
//! Rules see a parsed [`Document`], the vocabulary and the resolved [`Settings`]; they never see
//! command-line flags and never print.

use crate::diagnostic::{Diagnostic, Severity};
pub use crate::document::{Document, Kind};
use crate::lint::{Settings, Vocabulary};
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
    /// The numeric options the rule reads (set in `itsm.yaml` under `rules:`).
    pub options: &'static [&'static RuleOption],
    pub check: fn(&Document<'_>, &mut Context<'_>),
}

/// A numeric rule option, declared next to the rule that reads it
/// (`rules: {S005: {max-sentence-chars: 100}}` in `itsm.yaml`). Config validation and
/// `itsm config --dump` read the options from the registry; the rule reads its value with
/// [`Context::option`].
#[derive(Debug)]
pub struct RuleOption {
    /// The key in `itsm.yaml` (kebab-case).
    pub key: &'static str,
    pub default: usize,
    /// Smallest accepted value.
    pub min: usize,
    /// Largest accepted value.
    pub max: usize,
}

impl Rule {
    /// The one-line summary with the exam's facts written in (see [`crate::exam::expand`]).
    pub fn summary_text(&self) -> std::borrow::Cow<'static, str> {
        crate::exam::expand(self.summary)
    }

    /// The explanation with the exam's facts written in (see [`crate::exam::expand`]).
    pub fn explanation_text(&self) -> std::borrow::Cow<'static, str> {
        crate::exam::expand(self.explanation)
    }
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
            $(options: [$($option:path),* $(,)?],)?
            check: $check:path $(,)?
        };
    ) => {
        $(#[doc = $doc])*
        pub(crate) static $ident: $crate::lint::rule::Rule = $crate::lint::rule::Rule {
            code: $code,
            name: $name,
            summary: $summary,
            default_severity: $crate::diagnostic::Severity::$sev,
            scope: $crate::lint::rule::Scope::$scope,
            explanation: concat!($($doc, "\n"),*),
            options: &[$($(&$option),*)?],
            check: $check,
        };
    };
}
pub(crate) use declare_rule;

/// What a rule gets besides the document.
pub struct Context<'a> {
    pub settings: &'a Settings,
    pub vocab: &'a Vocabulary,
    rule: &'static Rule,
    pub(crate) out: Vec<Diagnostic>,
}

impl<'a> Context<'a> {
    pub(crate) fn new(settings: &'a Settings, vocab: &'a Vocabulary, rule: &'static Rule) -> Self {
        Context {
            settings,
            vocab,
            rule,
            out: Vec::new(),
        }
    }

    /// The value of one of the current rule's options under the settings.
    pub fn option(&self, option: &RuleOption) -> usize {
        self.settings.option(self.rule.code, option)
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
