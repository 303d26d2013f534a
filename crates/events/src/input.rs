//! Finding and opening inputs: a file, a folder (every regular file below it, sorted, hidden
//! files skipped) or a glob; plain, gzip (`.gz`, multi-member) or zip (`.zip`, every entry in
//! order). Compressed bytes are counted as they are read so the progress bar can show them.

use crate::{Error, Result};
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// Expand the command line's INPUT arguments into a sorted, de-duplicated list of files.
pub fn expand(inputs: &[String]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for arg in inputs {
        let path = Path::new(arg);
        if path.is_dir() {
            walk(path, &mut out)?;
        } else if path.is_file() {
            out.push(path.to_path_buf());
        } else if arg.contains(['*', '?', '[']) {
            let paths = glob::glob(arg).map_err(|e| Error::Input(format!("bad glob {arg:?}: {e}")))?;
            let mut found = 0;
            for p in paths.flatten() {
                if p.is_file() {
                    out.push(p);
                    found += 1;
                }
            }
            if found == 0 {
                return Err(Error::Input(format!("glob {arg:?} matches no file")));
            }
        } else {
            return Err(Error::Input(format!("no such file or folder: {arg}")));
        }
    }
    out.sort();
    out.dedup();
    if out.is_empty() {
        return Err(Error::Input("no input files".into()));
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let io = |source| Error::Io { path: dir.to_path_buf(), source };
    let mut entries: Vec<_> = std::fs::read_dir(dir).map_err(io)?.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let p = e.path();
        if e.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        if p.is_dir() {
            walk(&p, out)?;
        } else if p.is_file() {
            out.push(p);
        }
    }
    Ok(())
}

/// Total size on disk of the inputs (the progress bar's length).
pub fn total_bytes(files: &[PathBuf]) -> u64 {
    files.iter().filter_map(|p| std::fs::metadata(p).ok()).map(|m| m.len()).sum()
}

/// A reader that adds the bytes it passes through to a shared counter.
struct Counting<R> {
    inner: R,
    counter: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.counter.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

const BUF: usize = 1 << 20;

/// Open `path` and call `each` once per logical stream in it: once for a plain or gzip file,
/// once per entry for a zip archive. `name` is the path, or `archive.zip:entry`.
pub fn for_each_stream(
    path: &Path,
    bytes: &Arc<AtomicU64>,
    mut each: impl FnMut(&str, &mut dyn BufRead) -> io::Result<()>,
) -> Result<()> {
    let io = |source| Error::Io { path: path.to_path_buf(), source };
    let file = File::open(path).map_err(io)?;
    let name = path.display().to_string();
    let ext = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase());
    match ext.as_deref() {
        Some("gz") | Some("gzip") => {
            let counted = Counting { inner: BufReader::with_capacity(BUF, file), counter: bytes.clone() };
            let mut r = BufReader::with_capacity(BUF, flate2::read::MultiGzDecoder::new(counted));
            each(&name, &mut r).map_err(io)
        }
        Some("zip") => {
            let mut archive = zip::ZipArchive::new(file)
                .map_err(|e| io(io::Error::new(io::ErrorKind::InvalidData, e.to_string())))?;
            for i in 0..archive.len() {
                let entry = archive
                    .by_index(i)
                    .map_err(|e| io(io::Error::new(io::ErrorKind::InvalidData, e.to_string())))?;
                if entry.is_dir() {
                    continue;
                }
                let entry_name = format!("{name}:{}", entry.name());
                let compressed = entry.compressed_size();
                let mut r = BufReader::with_capacity(BUF, entry);
                each(&entry_name, &mut r).map_err(io)?;
                bytes.fetch_add(compressed, Ordering::Relaxed);
            }
            Ok(())
        }
        _ => {
            let counted = Counting { inner: file, counter: bytes.clone() };
            let mut r = BufReader::with_capacity(BUF, counted);
            each(&name, &mut r).map_err(io)
        }
    }
}
