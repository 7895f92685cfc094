//! Replacing a file in one step (see the module notes in `fsio/mod.rs` for the policy).

use super::read::{FileKind, Fingerprint, ReadError, read};
use crate::text::visible;
use std::fs::{File, Metadata};
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

/// What the caller expects to find at the path it writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// Nothing (no file, no link, not even a dangling one): `draft -o` without `--force`.
    /// Checked again by the rename itself (it never replaces an entry that appeared meanwhile).
    New,
    /// The file as it was read: refuse if its content changed since (`lint --fix`, a server
    /// save with the version the client edited).
    Unchanged(Fingerprint),
    /// Anything that may be replaced (`--force`): a missing file, a regular file, or a dangling
    /// link (the link itself is replaced).
    Any,
}

/// What was written.
#[derive(Debug, Clone)]
pub struct Written {
    /// The file that now holds the bytes: the link's target when the path was a link.
    pub path: PathBuf,
    /// The fingerprint of the new content (the version a later [`Expect::Unchanged`] expects).
    pub fingerprint: Fingerprint,
}

/// Why a file was not written; the target is untouched and no temporary file is left.
/// Messages are Japanese and name only paths other than the one written (a link's target).
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("既に存在します")]
    Exists,
    #[error("出力先のフォルダ {} がありません。先に作成してください", visible::path(.0))]
    NoParent(PathBuf),
    #[error("フォルダです。書き込むファイルの名前を指定してください")]
    IsDir,
    #[error("{}です。通常のファイル以外は置き換えません", .0.name())]
    NotRegular(FileKind),
    #[error("シンボリックリンクのリンク先 {} がありません（壊れたリンク）", visible::path(.0))]
    DanglingLink(PathBuf),
    #[error(
        "ハードリンクが {0} 個あるため書き換えません（置き換えるとリンクが分かれ、ほかの名前には元の内容が残るため）。cp などで1つのファイルにしてから実行してください"
    )]
    HardLinked(u64),
    #[error("読み取り専用のため書き換えません")]
    ReadOnly,
    #[error(
        "読み込んだ後に変更されたため書き換えませんでした（変更を失わないため）。もう一度実行してください"
    )]
    Changed,
    #[error("読み込んだ後に削除または移動されたため書き込みませんでした")]
    Vanished,
    #[error("フォルダ {} に一時ファイルを作れません（{}）", visible::path(.0), .1)]
    TempFile(PathBuf, std::io::Error),
    #[error("書き込めません（{0}）")]
    Io(std::io::Error),
}

/// The file to replace (after following a link) and its metadata, or `None` for a new file.
fn resolve(path: &Path, expect: Expect) -> Result<(PathBuf, Option<Metadata>), WriteError> {
    let entry = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == ErrorKind::NotFound => {
            return match expect {
                Expect::Unchanged(_) => Err(WriteError::Vanished),
                Expect::New | Expect::Any => Ok((path.to_path_buf(), None)),
            };
        }
        Err(e) => return Err(WriteError::Io(e)),
    };
    if expect == Expect::New {
        // What cannot be replaced even with `--force` is named as such.
        // (For a link, what it points at.)
        let kind = match FileKind::of(&entry) {
            FileKind::Symlink => std::fs::metadata(path)
                .map(|m| FileKind::of(&m))
                .unwrap_or(FileKind::Symlink),
            k => k,
        };
        return Err(match kind {
            FileKind::Dir => WriteError::IsDir,
            FileKind::File | FileKind::Symlink => WriteError::Exists,
            k => WriteError::NotRegular(k),
        });
    }
    if !entry.file_type().is_symlink() {
        return Ok((path.to_path_buf(), Some(entry)));
    }
    match std::fs::canonicalize(path) {
        Ok(target) => {
            let meta = std::fs::metadata(&target).map_err(WriteError::Io)?;
            Ok((target, Some(meta)))
        }
        Err(e) if e.kind() == ErrorKind::NotFound => match expect {
            // `--force` on a dangling link: the link itself is replaced; what it points at is
            // never created (it may be anywhere).
            Expect::Any => Ok((path.to_path_buf(), None)),
            _ => Err(WriteError::DanglingLink(
                std::fs::read_link(path).unwrap_or_default(),
            )),
        },
        Err(e) => Err(WriteError::Io(e)),
    }
}

fn check_original(meta: &Metadata) -> Result<(), WriteError> {
    match FileKind::of(meta) {
        FileKind::File => {}
        FileKind::Dir => return Err(WriteError::IsDir),
        k => return Err(WriteError::NotRegular(k)),
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if meta.nlink() > 1 {
            return Err(WriteError::HardLinked(meta.nlink()));
        }
    }
    if meta.permissions().readonly() {
        return Err(WriteError::ReadOnly);
    }
    Ok(())
}

/// Give the temporary file the original's owner and group where the OS allows it (root: both;
/// others: the group when they belong to it), then its permissions (after the owner, which
/// clears set-id bits).
fn copy_attributes(file: &File, meta: &Metadata) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, fchown};
        if fchown(file, Some(meta.uid()), Some(meta.gid())).is_err() {
            let _ = fchown(file, None, Some(meta.gid()));
        }
    }
    file.set_permissions(meta.permissions())
}

/// At most `max` bytes of `s`, cut at a character boundary.
fn truncated(s: &str, max: usize) -> &str {
    let mut end = s.len().min(max);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// A new temporary file next to `target`: `.NAME.XXXXXXXXXXXX.itsm-tmp` with 12 random
/// characters, created with `O_CREAT | O_EXCL` (a planted file or link of that name makes the
/// creation fail and retry with another name; it is never followed). Mode 0600 when it will
/// replace a file (it gets the original's mode just before the rename); a new file's usual mode
/// (0666 less the umask) when nothing is replaced.
fn temp_file(dir: &Path, target: &Path, new: bool) -> std::io::Result<tempfile::NamedTempFile> {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let prefix = format!(".{}.", truncated(&name, 100));
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".itsm-tmp").rand_bytes(12);
    #[cfg(unix)]
    if new {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    #[cfg(not(unix))]
    let _ = new;
    builder.tempfile_in(dir)
}

/// Replace (or create) `path` with `bytes` in one step: a random-named `O_EXCL` temporary file
/// in the target's folder, renamed over it. See the module notes for links, hard links,
/// special files and [`Expect`].
pub fn write_atomic(path: &Path, bytes: &[u8], expect: Expect) -> Result<Written, WriteError> {
    let (target, original) = resolve(path, expect)?;
    if let Some(meta) = &original {
        check_original(meta)?;
    }
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        return Err(WriteError::NoParent(dir));
    }
    // From here on, dropping `tmp` (every early return) removes the temporary file.
    let mut tmp = temp_file(&dir, &target, original.is_none())
        .map_err(|e| WriteError::TempFile(dir.clone(), e))?;
    tmp.write_all(bytes).map_err(WriteError::Io)?;
    tmp.as_file().sync_all().map_err(WriteError::Io)?;
    if let Some(meta) = &original {
        copy_attributes(tmp.as_file(), meta).map_err(WriteError::Io)?;
    }
    let modified = tmp.as_file().metadata().and_then(|m| m.modified()).ok();
    if let Expect::Unchanged(before) = expect {
        match read(&target, before.len) {
            Ok(now) if now.fingerprint.same_content(&before) => {}
            Err(ReadError::NotFound) => return Err(WriteError::Vanished),
            _ => return Err(WriteError::Changed),
        }
    }
    let persisted = match expect {
        Expect::New => tmp.persist_noclobber(&target),
        Expect::Unchanged(_) | Expect::Any => tmp.persist(&target),
    };
    if let Err(e) = persisted {
        // `e.file` (the temporary file) is dropped, and so removed, here.
        return Err(match e.error.kind() {
            ErrorKind::AlreadyExists => WriteError::Exists,
            _ => WriteError::Io(e.error),
        });
    }
    #[cfg(unix)]
    if let Ok(d) = File::open(&dir) {
        // The rename is durable once the folder is on disk too (best effort).
        let _ = d.sync_all();
    }
    let mut fingerprint = Fingerprint::of_bytes(bytes);
    fingerprint.modified = modified;
    Ok(Written {
        path: target,
        fingerprint,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn new_any_and_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.md");
        let w = write_atomic(&p, b"one", Expect::New).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"one");
        assert!(matches!(
            write_atomic(&p, b"two", Expect::New),
            Err(WriteError::Exists)
        ));
        write_atomic(&p, b"two", Expect::Unchanged(w.fingerprint)).unwrap();
        // The fingerprint of "one" no longer matches.
        assert!(matches!(
            write_atomic(&p, b"three", Expect::Unchanged(w.fingerprint)),
            Err(WriteError::Changed)
        ));
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        write_atomic(&p, b"three", Expect::Any).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"three");
        assert_eq!(names(dir.path()), ["a.md"]);
    }

    #[cfg(unix)]
    #[test]
    fn modes_are_kept_and_new_files_follow_the_umask() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("secret.md");
        std::fs::write(&p, "x").unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
        let l = read(&p, 10).unwrap();
        write_atomic(&p, b"y", Expect::Unchanged(l.fingerprint)).unwrap();
        let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let q = dir.path().join("new.md");
        write_atomic(&q, b"z", Expect::New).unwrap();
        let mode = std::fs::metadata(&q).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode & 0o600, 0o600, "{mode:o}");
        assert_eq!(
            mode & 0o022,
            0,
            "the usual umask removes group/other write: {mode:o}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn the_temporary_copy_of_a_replaced_file_is_private_and_randomly_named() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a.md");
        let t1 = temp_file(dir.path(), &target, false).unwrap();
        let t2 = temp_file(dir.path(), &target, false).unwrap();
        let mode = t1.as_file().metadata().unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let n1 = t1
            .path()
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let n2 = t2
            .path()
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        assert!(
            n1.starts_with(".a.md.") && n1.ends_with(".itsm-tmp"),
            "{n1}"
        );
        assert_ne!(n1, n2);
        assert_eq!(n1.len(), ".a.md.".len() + 12 + ".itsm-tmp".len());
    }

    #[test]
    fn long_names_get_a_short_temporary_name() {
        let dir = tempfile::tempdir().unwrap();
        let name = format!("{}.md", "長".repeat(80)); // 242 bytes
        let p = dir.path().join(&name);
        write_atomic(&p, b"x", Expect::New).unwrap();
        assert_eq!(names(dir.path()), [name]);
    }
}
