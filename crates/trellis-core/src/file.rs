//! Files that enter or leave the machine: size-checked reads (before any
//! parsing) and atomic writes (a half-written file never replaces a good one).

use std::io::{Read, Write};
use std::path::Path;

use crate::{Error, FileKind, Reason, Result};

/// Read a UTF-8 text file of at most `max_bytes`, of the kind `file` (what
/// a refusal names).
pub fn read_text(path: &Path, max_bytes: usize, file: FileKind) -> Result<String> {
    let f = std::fs::File::open(path).map_err(|e| {
        Error::io(
            crate::IoOp::Read,
            format!("cannot read {}", path.display()),
            e,
        )
    })?;
    let mut buf = Vec::new();
    f.take(max_bytes as u64 + 1)
        .read_to_end(&mut buf)
        .map_err(|e| {
            Error::io(
                crate::IoOp::Read,
                format!("cannot read {}", path.display()),
                e,
            )
        })?;
    if buf.len() > max_bytes {
        return Err(Error::Format {
            file,
            what: path.display().to_string(),
            reason: format!("file is larger than {} KiB", max_bytes / 1024),
        });
    }
    String::from_utf8(buf).map_err(|_| Error::Format {
        file,
        what: path.display().to_string(),
        reason: "file is not UTF-8 text".into(),
    })
}

/// Write `bytes` to `path`, readable by its owner only (0600 on Unix, for
/// every file Trellis writes, exports included: see `docs/privacy.md`).
///
/// The bytes go to a temporary file created exclusively under a random name
/// in the same folder (never one that someone else could have prepared, as
/// a predictable name could be), synced, renamed into place, and the folder
/// is synced so that the rename itself survives a crash. A half-written file
/// never replaces a good one.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write_private(path, bytes, true)
}

/// [`write_atomic`], with the flushes to disk only when `durable`: a file
/// whose loss in a crash costs nothing (the database's seal: without it the
/// next open checks in full) need not wait for the disk.
pub(crate) fn write_private(path: &Path, bytes: &[u8], durable: bool) -> Result<()> {
    let io = |e| {
        Error::io(
            crate::IoOp::Write,
            format!("cannot write {}", path.display()),
            e,
        )
    };
    if path.file_name().is_none() {
        return Err(Error::invalid(
            "file",
            Reason::NotAFileName {
                path: path.display().to_string(),
            },
        ));
    }
    let dir = folder_of(path);
    let mut tmp = private_temp(dir).map_err(io)?;
    tmp.write_all(bytes)
        .and_then(|()| match durable {
            true => tmp.as_file().sync_all(),
            false => Ok(()),
        })
        .map_err(io)?;
    // On failure the temporary file is removed when `tmp` is dropped.
    tmp.persist(path).map_err(|e| io(e.error))?;
    match durable {
        true => sync_dir(dir),
        false => Ok(()),
    }
}

/// A new empty file readable by its owner only, created exclusively under a
/// random name in `dir`; removed when dropped unless persisted.
pub(crate) fn private_temp(dir: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    // `tempfile` creates with O_EXCL and mode 0600 on Unix.
    tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)
}

/// Temporary files Trellis creates are named `.trellis-XXXXXX.tmp`, so that a
/// leftover one (a process that died) can be recognised.
pub(crate) const TEMP_PREFIX: &str = ".trellis-";
pub(crate) const TEMP_SUFFIX: &str = ".tmp";

/// The folder a file is in (`.` for a bare name).
pub(crate) fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Create a folder of Trellis's own (the data folder, its backups folder)
/// with its parents, and make it reachable by its owner only (0700), also
/// when an older Trellis or another tool left it open.
pub fn private_dir(dir: &Path) -> Result<()> {
    let io = |e| {
        Error::io(
            crate::IoOp::CreateFolder,
            format!("cannot create the folder {}", dir.display()),
            e,
        )
    };
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir).map_err(io)?;
    restrict(dir, 0o700).map_err(io)
}

/// Make an existing file readable by its owner only (0600); nothing when it
/// does not exist.
pub(crate) fn make_private(path: &Path) -> Result<()> {
    match restrict(path, 0o600) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        r => r.map_err(|e| {
            Error::io(
                crate::IoOp::Write,
                format!("cannot protect {}", path.display()),
                e,
            )
        }),
    }
}

#[cfg(unix)]
fn restrict(path: &Path, mode: u32) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let meta = std::fs::metadata(path)?;
    if meta.permissions().mode() & 0o777 != mode {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))?;
    }
    Ok(())
}

#[cfg(not(unix))]
fn restrict(path: &Path, _mode: u32) -> std::io::Result<()> {
    // Elsewhere the folder's inherited access rules apply.
    std::fs::metadata(path).map(|_| ())
}

/// Flush a file's contents to disk.
pub(crate) fn sync_file(p: &Path) -> Result<()> {
    std::fs::File::open(p)
        .and_then(|f| f.sync_all())
        .map_err(|e| {
            Error::io(
                crate::IoOp::Write,
                format!("cannot flush {} to disk", p.display()),
                e,
            )
        })
}

/// Flush a folder's entries (a rename into it) to disk. Directories can be
/// opened and synced on Unix; elsewhere the rename is as durable as the
/// platform makes it.
pub(crate) fn sync_dir(p: &Path) -> Result<()> {
    if cfg!(unix) {
        sync_file(p)?;
    }
    Ok(())
}

/// Copy `src` into a new private temporary file in `dir` (see
/// [`private_temp`]), synced; the caller renames it into place.
pub(crate) fn copy_private(src: &Path, dir: &Path) -> Result<tempfile::NamedTempFile> {
    let io = |e| {
        Error::io(
            crate::IoOp::Copy,
            format!("cannot copy {}", src.display()),
            e,
        )
    };
    let mut tmp = private_temp(dir).map_err(io)?;
    let mut from = std::fs::File::open(src).map_err(io)?;
    std::io::copy(&mut from, tmp.as_file_mut())
        .and_then(|_| tmp.as_file().sync_all())
        .map_err(io)?;
    Ok(tmp)
}

#[cfg(test)]
#[allow(
    clippy::disallowed_methods,
    reason = "tests write and open damaged files on purpose"
)]
mod tests {
    use super::*;

    #[test]
    fn oversized_files_are_refused_before_reading_them_whole() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("big.toml");
        std::fs::write(&p, vec![b'a'; 2048]).unwrap();
        assert!(read_text(&p, 1024, FileKind::Pack)
            .unwrap_err()
            .to_string()
            .contains("larger"));
        assert_eq!(read_text(&p, 4096, FileKind::Pack).unwrap().len(), 2048);
    }

    #[test]
    fn atomic_writes_leave_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.md");
        write_atomic(&p, b"hello").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"hello");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_file_prepared_at_the_old_temporary_name_is_not_written_through() {
        // Another account that can write to the folder once prepared the
        // predictable temporary name as a link to a file of the victim's.
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, b"keep me").unwrap();
        let p = dir.path().join("out.md");
        std::os::unix::fs::symlink(&victim, dir.path().join(".out.md.tmp-trellis")).unwrap();
        write_atomic(&p, b"hello").unwrap();
        assert_eq!(std::fs::read(&victim).unwrap(), b"keep me");
        assert_eq!(std::fs::read(&p).unwrap(), b"hello");
        let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
}
