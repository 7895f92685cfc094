//! Reading and writing the study repository's files for `itsm serve`, through the crate's one
//! read/write module ([`crate::fsio`]): capped reads of regular files only (opened without
//! blocking, checked on the open handle), and atomic saves (a temp file with a random name created
//! with O_EXCL and mode 0600 in the target's folder, the original's permissions and owner, fsync,
//! rename; links, hard links and special files as `fsio` documents them).
//!
//! Boundaries: paths arrive already checked (inside DIR, symlinks resolved, see `repo.rs`); this
//! module only maps the server's vocabulary onto `fsio` and never decides what a conflict is
//! beyond what `fsio` checks: a replace names the content it expects to find
//! ([`Save::Replace`]), so an edit made outside the server between the read and the write is
//! never overwritten.

pub(crate) use crate::fsio::Fingerprint;
use crate::fsio::{self as core, Expect};
use std::path::Path;

/// The largest file the server reads (an essay or a question), in bytes.
pub(crate) const MAX_FILE: u64 = 16 * 1024 * 1024;

/// Why a file could not be read.
#[derive(Debug)]
pub(crate) enum ReadError {
    /// Not a regular file (a folder, a FIFO, a device …).
    NotRegular,
    /// Larger than [`MAX_FILE`].
    TooLarge,
    Io(std::io::Error),
}

/// The bytes of the regular file at `path`, at most [`MAX_FILE`] of them.
pub(crate) fn read_regular(path: &Path) -> Result<Vec<u8>, ReadError> {
    core::read(path, MAX_FILE)
        .map(|l| l.bytes)
        .map_err(|e| match e {
            core::ReadError::NotRegular(_) => ReadError::NotRegular,
            core::ReadError::TooLarge { .. } => ReadError::TooLarge,
            core::ReadError::NotFound => {
                ReadError::Io(std::io::Error::from(std::io::ErrorKind::NotFound))
            }
            core::ReadError::PermissionDenied => {
                ReadError::Io(std::io::Error::from(std::io::ErrorKind::PermissionDenied))
            }
            core::ReadError::Io(e) => ReadError::Io(e),
        })
}

/// How a save may treat the target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Save {
    /// Create a new file; fail with `AlreadyExists` if anything appeared there meanwhile.
    Create,
    /// Replace the existing regular file, keeping its permissions, if it still holds the content
    /// with this fingerprint (`AlreadyExists` when it changed meanwhile).
    Replace(Fingerprint),
}

/// Write `bytes` to `target` atomically through [`crate::fsio::write_atomic`]. A target that
/// appeared (create) or changed (replace) since it was read is `AlreadyExists`; the temp file is
/// removed on every error path.
pub(crate) fn write_atomic(target: &Path, bytes: &[u8], how: Save) -> std::io::Result<()> {
    let expect = match how {
        Save::Create => Expect::New,
        Save::Replace(before) => Expect::Unchanged(before),
    };
    match core::write_atomic(target, bytes, expect) {
        Ok(_) => Ok(()),
        Err(core::WriteError::Exists | core::WriteError::Changed | core::WriteError::Vanished) => {
            Err(std::io::Error::from(std::io::ErrorKind::AlreadyExists))
        }
        Err(core::WriteError::Io(e)) => Err(e),
        Err(e) => Err(std::io::Error::other(e.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saves_replace_keep_permissions_and_creates_do_not_clobber() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.md");
        write_atomic(&p, b"one", Save::Create).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"one");
        let e = write_atomic(&p, b"two", Save::Create).unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::AlreadyExists);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
                0o644
            );
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
        }
        // A replace that expects other content (an edit made outside the server) is refused.
        let e =
            write_atomic(&p, b"three", Save::Replace(Fingerprint::of_bytes(b"zero"))).unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::AlreadyExists);
        write_atomic(&p, b"three", Save::Replace(Fingerprint::of_bytes(b"one"))).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"three");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
                0o600
            );
        }
        // Nothing but the file is left in the folder.
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().collect();
        assert_eq!(names.len(), 1);
        assert!(matches!(
            read_regular(dir.path()),
            Err(ReadError::NotRegular)
        ));
    }
}
