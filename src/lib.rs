//! itsm — drafts, lints and scores essays for the IPA ITサービスマネージャ試験 (科目B-2).

pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod document;
pub mod draft;
pub mod exam;
pub mod library;
pub mod lint;
pub mod report;
pub mod score;
pub mod text;
