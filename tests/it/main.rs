//! The integration tests, in one crate (one link step). Each module is one area; see the
//! module's own notes. Tests that need the project's shared reference folder (`../shared`) fail
//! with a message naming it, or are ignored with the reason.

mod architecture;
mod bad_input;
mod browser;
mod cli;
mod config_keys;
mod content_rules;
mod count;
mod damage;
mod docs;
mod drafts;
mod emit;
mod essay_rules;
mod essays;
mod fixtures;
mod graded;
mod hostile;
mod http;
mod judgement;
mod library;
mod patterns;
mod precision;
mod properties;
mod readme;
mod rule_examples;
mod rules;
mod scale;
mod score;
mod seed_verdicts;
mod serve;
mod study_repo;
#[cfg(unix)]
mod workflow;

/// The user's study notes in the project's shared reference folder, which the seed tests check
/// the library and the rules against.
pub const SEED_NOTES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/seeds/000_739eebdcb6c57f82.txt"
);

/// The seed notes' text. A missing file fails the test with a message saying what is missing
/// and how to proceed (these tests never pass silently without their input).
pub fn seed_notes() -> String {
    match std::fs::read_to_string(SEED_NOTES) {
        Ok(t) => t,
        Err(e) => panic!(
            "the seed notes {SEED_NOTES} cannot be read ({e}).\n\
             These tests check the library and the rules against the user's notes, which live in \
             the project's shared folder next to the repository (../shared). Run the tests from a \
             checkout next to that folder, or leave these tests out explicitly with \
             `cargo test -- --skip seed`."
        ),
    }
}
