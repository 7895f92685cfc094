//! Capped reads of regular files (see the module notes in `fsio/mod.rs`).

use super::human_size;
use std::fs::{File, Metadata};
use std::hash::Hasher;
use std::io::{ErrorKind, Read};
use std::path::Path;
use std::time::SystemTime;

/// What kind of file system entry a path turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    File,
    Dir,
    Fifo,
    Socket,
    CharDevice,
    BlockDevice,
    Symlink,
    Other,
}

impl FileKind {
    pub fn of(meta: &Metadata) -> FileKind {
        let t = meta.file_type();
        if t.is_file() {
            return FileKind::File;
        }
        if t.is_dir() {
            return FileKind::Dir;
        }
        if t.is_symlink() {
            return FileKind::Symlink;
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            if t.is_fifo() {
                return FileKind::Fifo;
            }
            if t.is_socket() {
                return FileKind::Socket;
            }
            if t.is_char_device() {
                return FileKind::CharDevice;
            }
            if t.is_block_device() {
                return FileKind::BlockDevice;
            }
        }
        FileKind::Other
    }

    /// Japanese name ("フォルダ", "FIFO（名前付きパイプ）", …).
    pub fn name(self) -> &'static str {
        match self {
            FileKind::File => "通常のファイル",
            FileKind::Dir => "フォルダ",
            FileKind::Fifo => "FIFO（名前付きパイプ）",
            FileKind::Socket => "ソケット",
            FileKind::CharDevice => "キャラクタデバイス",
            FileKind::BlockDevice => "ブロックデバイス",
            FileKind::Symlink => "シンボリックリンク",
            FileKind::Other => "特殊なファイル",
        }
    }
}

/// Why a file could not be read. The messages are Japanese and do not name the path.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("ファイルが見つかりません")]
    NotFound,
    #[error("読み取る権限がありません")]
    PermissionDenied,
    #[error("{}のため読み込めません（通常のファイルだけを読みます）", .0.name())]
    NotRegular(FileKind),
    #[error("大きすぎるため読み込めません（上限 {}）", human_size(*.limit))]
    TooLarge { limit: u64 },
    #[error("読み込めません（{0}）")]
    Io(std::io::Error),
}

impl ReadError {
    /// The reason for an I/O error `e` met while opening or resolving a path.
    pub fn from_io(e: std::io::Error) -> ReadError {
        match e.kind() {
            ErrorKind::NotFound => ReadError::NotFound,
            ErrorKind::PermissionDenied => ReadError::PermissionDenied,
            ErrorKind::IsADirectory => ReadError::NotRegular(FileKind::Dir),
            _ => ReadError::Io(e),
        }
    }
}

/// What a file held when it was read: compared again before it is replaced
/// ([`super::Expect::Unchanged`]), and usable as a version tag (`Display`: hex).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint {
    /// Length in bytes.
    pub len: u64,
    /// Hash of the content (SipHash with fixed keys; not cryptographic — it detects edits, it
    /// does not authenticate).
    pub hash: u64,
    /// Modification time when read (informational: equal content counts as unchanged).
    pub modified: Option<SystemTime>,
}

impl Fingerprint {
    /// The fingerprint of `bytes` (modification time unknown).
    pub fn of_bytes(bytes: &[u8]) -> Fingerprint {
        // `DefaultHasher::new()` has fixed keys: the same bytes give the same hash in every run
        // of one build.
        let mut h = std::hash::DefaultHasher::new();
        h.write(bytes);
        Fingerprint {
            len: bytes.len() as u64,
            hash: h.finish(),
            modified: None,
        }
    }

    /// Whether both describe the same content.
    pub fn same_content(&self, other: &Fingerprint) -> bool {
        self.len == other.len && self.hash == other.hash
    }
}

impl std::fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:x}-{:016x}", self.len, self.hash)
    }
}

/// A file's bytes with the fingerprint of what was read.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub bytes: Vec<u8>,
    pub fingerprint: Fingerprint,
}

/// Open `path` for reading without blocking on a FIFO (and without making a terminal our
/// controlling terminal).
fn open(path: &Path) -> std::io::Result<File> {
    let mut o = std::fs::OpenOptions::new();
    o.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    o.open(path)
}

/// Read a regular file, at most `limit` bytes (see the module notes).
pub fn read(path: &Path, limit: u64) -> Result<Loaded, ReadError> {
    let file = match open(path) {
        Ok(f) => f,
        Err(e) => {
            // A socket cannot be opened at all (ENXIO): name what the path is.
            if let Ok(meta) = std::fs::metadata(path) {
                let kind = FileKind::of(&meta);
                if kind != FileKind::File {
                    return Err(ReadError::NotRegular(kind));
                }
            }
            return Err(ReadError::from_io(e));
        }
    };
    let meta = file.metadata().map_err(ReadError::from_io)?;
    let kind = FileKind::of(&meta);
    if kind != FileKind::File {
        return Err(ReadError::NotRegular(kind));
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge { limit });
    }
    let mut bytes = read_from(file, limit)?;
    bytes.shrink_to_fit();
    let mut fingerprint = Fingerprint::of_bytes(&bytes);
    fingerprint.modified = meta.modified().ok();
    Ok(Loaded { bytes, fingerprint })
}

/// Read at most `limit` bytes from any reader (stdin): more is [`ReadError::TooLarge`].
pub fn read_from(reader: impl Read, limit: u64) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::new();
    let mut taken = reader.take(limit.saturating_add(1));
    loop {
        match taken.read_to_end(&mut bytes) {
            Ok(_) => break,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            // A file opened non-blocking that has nothing yet (a FIFO slipped in after the
            // check cannot get here; a regular file never blocks).
            Err(e) => return Err(ReadError::from_io(e)),
        }
    }
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { limit });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_regular_files_and_caps_them() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.md");
        std::fs::write(&p, "あいう").unwrap();
        let l = read(&p, 9).unwrap();
        assert_eq!(l.bytes, "あいう".as_bytes());
        assert_eq!(l.fingerprint.len, 9);
        assert!(
            l.fingerprint
                .same_content(&Fingerprint::of_bytes("あいう".as_bytes()))
        );
        assert!(matches!(read(&p, 8), Err(ReadError::TooLarge { limit: 8 })));
        assert!(matches!(
            read(dir.path(), 8),
            Err(ReadError::NotRegular(FileKind::Dir))
        ));
        assert!(matches!(
            read(&dir.path().join("missing"), 8),
            Err(ReadError::NotFound)
        ));
        assert!(matches!(
            read_from(&b"12345"[..], 4),
            Err(ReadError::TooLarge { limit: 4 })
        ));
        assert_eq!(read_from(&b"1234"[..], 4).unwrap(), b"1234");
    }

    #[test]
    fn messages_name_the_kind_and_the_limit() {
        assert_eq!(
            ReadError::NotRegular(FileKind::Fifo).to_string(),
            "FIFO（名前付きパイプ）のため読み込めません（通常のファイルだけを読みます）"
        );
        assert_eq!(
            ReadError::TooLarge {
                limit: 64 * 1024 * 1024
            }
            .to_string(),
            "大きすぎるため読み込めません（上限 64 MiB）"
        );
    }
}
