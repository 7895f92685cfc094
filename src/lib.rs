//! itsm — drafts, lints and scores essays for the IPA ITサービスマネージャ試験 (科目B-2).
//!
//! The crate is split so that the core never sees command-line flags:
//! - [`library`] loads the embedded (and optional user) cases, modules and rubrics;
//! - [`template`] is the only place that knows template syntax;
//! - [`draft`] turns a case and a module into paragraph text;
//! - [`source`], [`lint`], [`rules`] and [`diagnostic`] check text;
//! - [`emit`] renders diagnostics; [`cli`] maps flags onto all of the above.

pub mod cli;
pub mod decode;
pub mod diagnostic;
pub mod draft;
pub mod emit;
pub mod library;
pub mod lint;
pub mod normalize;
pub mod rules;
pub mod source;
pub mod template;
