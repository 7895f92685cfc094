//! itsm — drafts, lints and scores essays for the IPA ITサービスマネージャ試験 (科目B-2).
//!
//! The folders follow the flow of a text through the tool (`docs/architecture.md` has the
//! details and how to add a rule):
//!
//! ```text
//!  bytes ─ text ─ document ─┬─ lint ──┬─ report ─ (human, json, sarif, github)
//!                  │        ├─ score ─┘
//!                 exam      └─ count (cli), with exam
//!  library (YAML, templates) ─┬─ lint (vocabulary), score (rubric)
//!                             └─ draft ─ module paragraphs and essays
//!  config (itsm.yaml) ─ resolve: the settings of every file, for every command
//!  serve: the practice page's HTTP API over lint, score and count
//!  cli: flags and I/O only
//! ```
//!
//! - [`diagnostic`]: the finding type ([`diagnostic::Diagnostic`] in a
//!   [`diagnostic::FileReport`]) and the codes that are not rules (IO, CF, L);
//! - [`text`]: decoding bytes, the matching view (NFD kana, half-width katakana), line and
//!   character positions, character-level scanning, "did you mean";
//! - [`document`]: a text parsed once — front matter, headings, paragraphs, sentences, 設問 parts,
//!   the module format's markers;
//! - [`exam`]: the exam's facts, each defined once — part limits in characters and rows, the
//!   counting modes, 原稿用紙 counting, question texts;
//! - [`library`]: the embedded (and overlaid) cases, modules, themes, glossary and templates;
//!   YAML and templates only, it knows neither rules nor the score;
//! - [`lint`]: the rules (one file each under `lint/rules/<group>/`), their registry with every
//!   user-visible code, inline suppression and safe fixes;
//! - [`score`]: the 100-point rubric applied with evidence;
//! - [`draft`]: module paragraphs and whole essays from the library;
//! - [`report`]: rendering findings as human text, JSON, SARIF and GitHub annotations;
//! - [`fsio`]: reading files (regular files only, size-capped, never blocking) and replacing
//!   them atomically (random `O_EXCL` temporary files, links and special files handled on
//!   purpose) — for every command and the server;
//! - [`config`]: `itsm.yaml` checked, and [`config::resolve`], the one place where the config
//!   and the flags become each file's settings;
//! - [`serve`]: `itsm serve`, the practice page and its JSON API over the same judgement;
//! - [`cli`]: argument parsing, files, the terminal and exit codes; nothing else sees a flag.
//!
//! No module imports one that depends on it (`tests/it/architecture.rs` checks the graph).

pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod document;
pub mod draft;
pub mod exam;
pub mod fsio;
pub mod library;
pub mod lint;
pub mod report;
pub mod score;
pub mod serve;
pub mod text;
