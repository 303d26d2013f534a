//! Every file the event engine writes (the panel, the rejects file) goes through
//! [`AtomicFile`]: a temporary file in the target's folder, created with the normal mode
//! `0o666 & !umask` (not the 0600 of a bare temporary file), written as a stream and renamed
//! over the target only by [`AtomicFile::finish`]. Dropped without `finish` (an error, a
//! panic), the temporary file is removed and the target is untouched.
//!
//! [`refuse_inputs`] is the check that runs before any reading: an output that is the same
//! file as an input (same device and inode, so a hard link, a symlink or another spelling of
//! the path is caught too) is refused, as are two outputs that are the same file.

use crate::{Error, Result};
use std::fs::Permissions;
use std::io::{self, BufWriter, Write};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// Device and inode of an existing file (following symlinks), or None when it does not exist.
fn file_id(path: &Path) -> Option<(u64, u64)> {
    std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

/// Whether `a` and `b` name the same file: same device and inode when both exist, else the
/// same absolute path (neither exists yet, e.g. `--out x.csv --rejects ./x.csv`).
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (file_id(a), file_id(b)) {
        (Some(x), Some(y)) => x == y,
        (None, None) => absolute(a) == absolute(b),
        _ => false,
    }
}

/// `path` made absolute with its folder canonicalised (the file itself may not exist yet).
fn absolute(path: &Path) -> Option<PathBuf> {
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    Some(std::fs::canonicalize(parent).ok()?.join(path.file_name()?))
}

/// Refuse (`Error::Output`, exit 8) an output path that is the same file as one of `inputs`,
/// or as another of `outputs`. `outputs` are `(option name, path)`, e.g. `("--out", …)`.
pub fn refuse_inputs(outputs: &[(&str, &Path)], inputs: &[PathBuf]) -> Result<()> {
    for (i, (name, out)) in outputs.iter().enumerate() {
        if let Some(id) = file_id(out) {
            if let Some(input) = inputs.iter().find(|p| file_id(p) == Some(id)) {
                return Err(Error::Output(format!(
                    "refusing to write {name} {}: it is the input file {}; choose another path",
                    out.display(),
                    input.display()
                )));
            }
        }
        for (other, path) in &outputs[..i] {
            if same_file(out, path) {
                return Err(Error::Output(format!(
                    "{name} {} and {other} {} are the same file; choose two different paths",
                    out.display(),
                    path.display()
                )));
            }
        }
    }
    Ok(())
}

/// A file being written atomically: a buffered temporary file beside the target, renamed over
/// it by [`AtomicFile::finish`].
pub struct AtomicFile {
    writer: BufWriter<tempfile::NamedTempFile>,
    target: PathBuf,
}

impl AtomicFile {
    /// Start writing `target`. The folder must exist; the file is created with mode
    /// `0o666 & !umask`.
    pub fn create(target: &Path) -> Result<AtomicFile> {
        let folder = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let tmp = tempfile::Builder::new()
            .prefix(".softbalance-")
            .suffix(".tmp")
            // The open(2) mode: the process umask applies to it, as for any new file.
            .permissions(Permissions::from_mode(0o666))
            .tempfile_in(&folder)
            .map_err(|e| Error::Output(format!("cannot write {}: {e}", target.display())))?;
        Ok(AtomicFile { writer: BufWriter::with_capacity(1 << 16, tmp), target: target.to_path_buf() })
    }

    /// The path this file will have once finished.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Flush, sync and rename the temporary file over the target.
    pub fn finish(self) -> Result<()> {
        let target = self.target;
        let err = |e: &dyn std::fmt::Display| Error::Output(format!("cannot write {}: {e}", target.display()));
        let tmp = self.writer.into_inner().map_err(|e| err(&e.into_error()))?;
        tmp.as_file().sync_all().map_err(|e| err(&e))?;
        tmp.persist(&target).map_err(|e| err(&e.error))?;
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.writer.write(buf)
    }
    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.writer.write_all(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.writer.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_file_by_inode_and_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.csv");
        std::fs::write(&a, "x").unwrap();
        let link = dir.path().join("link.csv");
        std::fs::hard_link(&a, &link).unwrap();
        assert!(same_file(&a, &link));
        assert!(same_file(&dir.path().join("new.csv"), &dir.path().join("./new.csv")));
        assert!(!same_file(&a, &dir.path().join("new.csv")));
        let err = refuse_inputs(&[("--out", &link)], std::slice::from_ref(&a)).unwrap_err();
        assert!(err.to_string().contains("input file"), "{err}");
        let n = dir.path().join("n.csv");
        assert!(refuse_inputs(&[("--out", &n), ("--rejects", &n)], &[]).is_err());
        assert!(refuse_inputs(&[("--out", &n)], std::slice::from_ref(&a)).is_ok());
    }

    #[test]
    fn unfinished_file_leaves_the_target_alone() {
        let dir = tempfile::tempdir().unwrap();
        let t = dir.path().join("t.csv");
        std::fs::write(&t, "old").unwrap();
        {
            let mut f = AtomicFile::create(&t).unwrap();
            f.write_all(b"new").unwrap();
        }
        assert_eq!(std::fs::read_to_string(&t).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "temporary file removed");
        let mut f = AtomicFile::create(&t).unwrap();
        f.write_all(b"new").unwrap();
        f.finish().unwrap();
        assert_eq!(std::fs::read_to_string(&t).unwrap(), "new");
    }
}
