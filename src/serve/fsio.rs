//! Reading and writing the study repository's files for `itsm serve`: capped reads of regular
//! files only, and atomic saves (a temp file with a random name created with O_EXCL and mode
//! 0600 in the target's folder, the original's permissions, fsync, rename).
//!
//! Boundaries: paths arrive already checked (inside DIR, symlinks resolved, see `repo.rs`); this
//! module only does the I/O and never decides what a conflict is. It is the small interface the
//! server writes against until the crate's one safe read/write module (issue 11) lands; then
//! these functions become calls into it.

use std::io::{Read, Write};
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

/// The bytes of the regular file at `path`, at most [`MAX_FILE`] of them. The file is checked
/// before it is opened (so a FIFO is never opened) and again through the open handle.
pub(crate) fn read_regular(path: &Path) -> Result<Vec<u8>, ReadError> {
    let meta = std::fs::metadata(path).map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular);
    }
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    let meta = file.metadata().map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular);
    }
    if meta.len() > MAX_FILE {
        return Err(ReadError::TooLarge);
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_FILE + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > MAX_FILE {
        return Err(ReadError::TooLarge);
    }
    Ok(bytes)
}

/// How a save may treat the target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Save {
    /// Create a new file; fail with `AlreadyExists` if anything appeared there meanwhile.
    Create,
    /// Replace the existing regular file, keeping its permissions.
    Replace,
}

/// Write `bytes` to `target` atomically: a temp file in the same folder (random name, O_EXCL,
/// 0600 while it is written), the final permissions (the original's, or 0644 for a new file),
/// fsync, then rename over the target (or link it in without replacing, for [`Save::Create`]).
/// The temp file is removed on every error path (it is deleted when dropped unpersisted).
pub(crate) fn write_atomic(target: &Path, bytes: &[u8], how: Save) -> std::io::Result<()> {
    let dir = target
        .parent()
        .ok_or_else(|| std::io::Error::other("no parent folder"))?;
    let permissions = match how {
        Save::Replace => Some(std::fs::metadata(target)?.permissions()),
        Save::Create => None,
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".itsm-save-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    match permissions {
        Some(p) => tmp.as_file().set_permissions(p)?,
        None => set_new_file_mode(tmp.as_file())?,
    }
    tmp.as_file().sync_all()?;
    match how {
        Save::Replace => {
            tmp.persist(target).map_err(|e| e.error)?;
        }
        Save::Create => {
            tmp.persist_noclobber(target).map_err(|e| e.error)?;
        }
    }
    sync_dir(dir);
    Ok(())
}

#[cfg(unix)]
fn set_new_file_mode(f: &std::fs::File) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    f.set_permissions(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn set_new_file_mode(_: &std::fs::File) -> std::io::Result<()> {
    Ok(())
}

/// Make the rename durable (best effort: not every platform can open a folder).
fn sync_dir(dir: &Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
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
        write_atomic(&p, b"three", Save::Replace).unwrap();
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
