//! Files that enter or leave the machine: size-checked reads (before any
//! parsing) and atomic writes (a half-written file never replaces a good one).

use std::io::{Read, Write};
use std::path::Path;

use crate::{Error, Result};

/// Read a UTF-8 text file of at most `max_bytes`.
pub fn read_text(path: &Path, max_bytes: usize) -> Result<String> {
    let f = std::fs::File::open(path)
        .map_err(|e| Error::io(format!("cannot read {}", path.display()), e))?;
    let mut buf = Vec::new();
    f.take(max_bytes as u64 + 1)
        .read_to_end(&mut buf)
        .map_err(|e| Error::io(format!("cannot read {}", path.display()), e))?;
    if buf.len() > max_bytes {
        return Err(Error::Format {
            what: path.display().to_string(),
            reason: format!("file is larger than {} KiB", max_bytes / 1024),
        });
    }
    String::from_utf8(buf).map_err(|_| Error::Format {
        what: path.display().to_string(),
        reason: "file is not UTF-8 text".into(),
    })
}

/// Write `bytes` to `path` through a temporary file in the same folder, synced
/// and renamed into place.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .ok_or_else(|| Error::invalid("file", format!("{} is not a file name", path.display())))?;
    let tmp = dir.join(format!(".{}.tmp-trellis", name.to_string_lossy()));
    let io = |e| Error::io(format!("cannot write {}", path.display()), e);
    let mut f = std::fs::File::create(&tmp).map_err(io)?;
    f.write_all(bytes).and_then(|_| f.sync_all()).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        io(e)
    })?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        io(e)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oversized_files_are_refused_before_reading_them_whole() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("big.toml");
        std::fs::write(&p, vec![b'a'; 2048]).unwrap();
        assert!(read_text(&p, 1024)
            .unwrap_err()
            .to_string()
            .contains("larger"));
        assert_eq!(read_text(&p, 4096).unwrap().len(), 2048);
    }

    #[test]
    fn atomic_writes_leave_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.md");
        write_atomic(&p, b"hello").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"hello");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
