//! Files in, files out — the one place that opens files for reading and replaces them, so every
//! command (and the practice server) gets the same policy. The folders a study repo lives in
//! may be shared with other users, and the files named in it (front matter `question:`, the
//! config's `library:`) may come from someone else; the policy assumes both.
//!
//! Reading ([`read`], [`read_from`]):
//! - the file is opened without blocking (a FIFO never hangs) and checked on the open handle:
//!   only a regular file is read — a folder, FIFO, socket or device (`/dev/zero`) is an error
//!   naming what it is;
//! - at most `limit + 1` bytes are read, so an endless or huge file costs at most the limit
//!   ([`limits`]: 64 MiB for an essay, 1 MiB for a config or a question, 4 MiB for a library file);
//! - the result carries a [`Fingerprint`] of what was read, for [`Expect::Unchanged`].
//!
//! Writing ([`write_atomic`]):
//! - a temporary file is created in the target's own folder with a random name, `O_EXCL` and mode
//!   0600 (`tempfile`), written, flushed to disk, given the original's permissions and (where the
//!   OS allows) owner and group, then renamed over the target in one step. On every error the
//!   temporary file is removed and the target is untouched;
//! - symbolic links are followed (as typos and ruff do): the file the link points at is
//!   replaced and the link stays a link. A dangling link is refused unless the caller allows
//!   replacing (`--force`, [`Expect::Any`]); then the link itself is replaced by a regular file —
//!   the place it points at is never created;
//! - a file with several hard links is refused: replacing it would silently split the links
//!   (the other names would keep the old text), and writing in place is not atomic;
//! - only a regular file is ever replaced: folders, FIFOs, sockets and devices are refused even
//!   with `--force`; a read-only file is refused;
//! - [`Expect::Unchanged`] re-reads the target right before the rename and refuses when its
//!   content differs from what was read (an edit made while `--fix` ran is never lost).
//!   What remains is the time one rename takes.
//!
//! Boundaries: no knowledge of essays, configs or flags; messages are Japanese and never name
//! the path (the caller does, with control characters made visible).

mod read;
mod write;

pub use read::{FileKind, Fingerprint, Loaded, ReadError, read, read_from};
pub use write::{Expect, WriteError, Written, write_atomic};

/// Size limits for everything itsm reads, in bytes.
pub mod limits {
    /// An essay or module paragraph (`lint`, `score`, `count`, stdin). An exam essay is about
    /// 12 KB; the limit leaves room for whole collections pasted into one file.
    pub const INPUT: u64 = 64 * 1024 * 1024;
    /// `itsm.yaml` / `.itsm.yaml` / `--config`.
    pub const CONFIG: u64 = 1024 * 1024;
    /// A question file (`--question`, front matter `question:`).
    pub const QUESTION: u64 = 1024 * 1024;
    /// One file of a library overlay (`cases/*.yaml`, `modules/*.yaml`, `rubrics/*`).
    pub const LIBRARY_FILE: u64 = 4 * 1024 * 1024;
}

/// "64 MiB", "1 MiB", "512 KiB" for messages.
pub fn human_size(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else if bytes >= 1024 && bytes.is_multiple_of(1024) {
        format!("{} KiB", bytes / 1024)
    } else {
        format!("{bytes} バイト")
    }
}
