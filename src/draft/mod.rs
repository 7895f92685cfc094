//! Drafting from the library: a module paragraph in the fixed format ([`module`]) and a whole
//! 設問ア・イ・ウ practice essay ([`essay`]). Templates are rendered through
//! [`crate::library::template`]; the length limits come from [`crate::exam`].
//!
//! No CLI flags and no printing here: the caller shows notes and errors.

pub mod essay;
pub mod module;

pub use module::{
    Candidate, Draft, DraftError, Filled, candidates, draft, fill, introduce_actors, nearby_themes,
    quantity_texts, render_paragraph, select,
};
