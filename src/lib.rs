//! itsm — drafts, lints and scores essays for the IPA ITサービスマネージャ試験 (科目B-2).
//!
//! The crate is split so that the core never sees command-line flags:
//! - [`library`] loads the embedded (and optional user) cases, modules and rubrics;
//! - [`template`] is the only place that knows template syntax;
//! - [`draft`] turns a case and a module into paragraph text;
//! - [`essay_draft`] builds a whole 設問ア・イ・ウ essay from a case, a theme and its modules;
//! - [`source`], [`lint`], [`rules`] and [`diagnostic`] check text;
//! - [`count`] measures 設問 parts (CBT characters and 原稿用紙 rows) against their limits;
//! - [`config`] reads `itsm.yaml`; [`suppress`] honours inline suppression comments;
//!   [`fix`] applies the safe fixes rules attach to findings;
//! - [`question`] parses a pasted question text (設問ア・イ・ウ, requested points, limits);
//! - [`score`] applies the 100-point rubric with evidence;
//! - [`emit`] renders diagnostics; [`cli`] maps flags onto all of the above.

pub mod analysis;
pub mod cli;
pub mod config;
pub mod count;
pub mod decode;
pub mod diagnostic;
pub mod draft;
pub mod emit;
pub mod essay_draft;
pub mod fix;
pub mod library;
pub mod lint;
pub mod normalize;
pub mod question;
pub mod rules;
pub mod score;
pub mod source;
pub mod suppress;
pub mod template;
