//! A fast hasher for the text-keyed maps and sets of the analyses (words, sentence tails).
//!
//! The standard SipHash costs about a hundred instructions per short key and a pass over every
//! byte of a long one; the analyses hash several hundred thousand words and tails per 300
//! essays. [`EdgeHasher`] reads a key's length and at most its first and last [`EDGE`] bytes, in
//! FxHash's rotate–xor–multiply step. Maps still compare whole keys, so two keys with the same
//! edges only share a bucket. Not resistant to chosen collisions: the keys come from the user's
//! own files, and the worst case is a slower run, never a wrong result.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// Bytes hashed at each end of a key.
pub const EDGE: usize = 16;

/// See the module note.
#[derive(Default, Clone, Copy)]
pub struct EdgeHasher(u64);

impl EdgeHasher {
    fn mix(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for EdgeHasher {
    fn write(&mut self, bytes: &[u8]) {
        let n = bytes.len();
        if n < EDGE {
            bytes.iter().for_each(|&b| self.mix(u64::from(b)));
        } else {
            // The edges as 8-byte words.
            for edge in [&bytes[..EDGE], &bytes[n - EDGE..]] {
                for word in edge.chunks_exact(8) {
                    self.mix(u64::from_le_bytes(word.try_into().expect("8 bytes")));
                }
            }
        }
        self.mix(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// The builder of [`EdgeHasher`]s.
pub type EdgeBuild = BuildHasherDefault<EdgeHasher>;
/// A map hashed with [`EdgeHasher`].
pub type EdgeMap<K, V> = HashMap<K, V, EdgeBuild>;
/// A set hashed with [`EdgeHasher`].
pub type EdgeSet<K> = HashSet<K, EdgeBuild>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::BuildHasher;

    fn h(s: &str) -> u64 {
        EdgeBuild::default().hash_one(s)
    }

    #[test]
    fn reads_length_and_both_ends() {
        let long = "翌月初の請求書約6,000通は1時間以内に送り終え、請求機能の停止は0分だった。";
        assert_eq!(h(long), h(long));
        // Same edges and length, different middle: same hash (the map compares the keys).
        assert_eq!(
            h("aaaaaaaaaaaaaaaaXbbbbbbbbbbbbbbbb"),
            h("aaaaaaaaaaaaaaaaYbbbbbbbbbbbbbbbb")
        );
        assert_ne!(h(long), h(&long[3..]));
        assert_ne!(h("ab"), h("ba"));
        assert_ne!(h(""), h("a"));
        assert_ne!(h("0123456789abcdefX"), h("0123456789abcdefY"));
        assert_ne!(h("X0123456789abcdef"), h("Y0123456789abcdef"));
    }

    #[test]
    fn maps_compare_whole_keys() {
        let mut m: EdgeMap<&str, usize> = EdgeMap::default();
        m.insert("aaaaaaaaaaaaaaaaXbbbbbbbbbbbbbbbb", 1);
        m.insert("aaaaaaaaaaaaaaaaYbbbbbbbbbbbbbbbb", 2);
        assert_eq!(m.len(), 2);
        assert_eq!(m["aaaaaaaaaaaaaaaaYbbbbbbbbbbbbbbbb"], 2);
        let s: EdgeSet<&str> = ["変更", "承認"].into_iter().collect();
        assert!(s.contains("承認") && !s.contains("変更承認"));
    }
}
