//! Text before it is a document: bytes decoded to text ([`decode`]), the matching view that
//! folds look-alike characters ([`normalize`]), byte offsets turned into lines and character
//! columns ([`lines`]), character-level scanning ([`scan`]), grapheme clusters ([`graphemes`]),
//! a fast hasher for text-keyed maps ([`hash`]),
//! "did you mean" suggestions ([`suggest`]) and control characters made visible for terminals
//! and logs ([`visible`]).
//! Nothing here knows about essays, rules or the library.

pub mod decode;
pub mod graphemes;
pub mod hash;
pub mod lines;
pub mod normalize;
pub mod scan;
pub mod suggest;
pub mod visible;

pub use suggest::{did_you_mean, unknown_theme, unknown_value};

/// A number with thousands separators: 1600 → 「1,600」 (as IPA writes limits and
/// figures). The one formatter for counts, limits, progress and findings.
pub fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
