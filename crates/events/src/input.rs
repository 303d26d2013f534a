//! Finding and opening inputs: a file, a folder (every regular file below it, sorted, hidden
//! files skipped) or a glob; plain, gzip (`.gz`, multi-member) or zip (`.zip`, every entry in
//! order). Compressed bytes are counted as they are read so the progress bar can show them.

use crate::format::Format;
use crate::reader::StreamStart;
use crate::{Error, Result};
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom};
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

/// A unit of reading work: a whole file, or a byte range of a large plain headerless (GDELT)
/// file, so that several threads can share one big file. Ranges start just after a newline;
/// `start.first_line` keeps reject line numbers exact.
#[derive(Clone, Debug)]
pub struct Chunk {
    pub path: PathBuf,
    pub range: Option<(u64, u64)>,
    pub start: StreamStart,
}

impl Chunk {
    /// Bytes in the chunk.
    pub fn size(&self) -> u64 {
        match self.range {
            Some((a, b)) => b - a,
            None => std::fs::metadata(&self.path).map(|m| m.len()).unwrap_or(0),
        }
    }
}

/// Plain files at least this large are split between threads.
pub const SPLIT_BYTES: u64 = 32 << 20;

fn is_plain(path: &Path) -> bool {
    let ext = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase());
    !matches!(ext.as_deref(), Some("gz" | "gzip" | "zip"))
}

/// Cut the inputs into chunks for `parts` threads. Only plain GDELT files of at least
/// `split_bytes` (detected from the
/// first line, or forced with `--format`) of at least `SPLIT_BYTES` are split: their rows
/// have no header and no quoting, so any newline is a row boundary. Line numbers of the cut
/// points are counted in a quick pass (memchr) over the file.
pub fn plan_chunks(files: &[PathBuf], parts: usize, forced: Option<Format>, split_bytes: u64) -> Result<Vec<Chunk>> {
    let mut out = Vec::new();
    for path in files {
        let whole = Chunk { path: path.clone(), range: None, start: StreamStart::default() };
        let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        if parts < 2 || size < split_bytes.max(1) || !is_plain(path) {
            out.push(whole);
            continue;
        }
        let io = |source| Error::Io { path: path.clone(), source };
        let mut r = BufReader::with_capacity(BUF, File::open(path).map_err(io)?);
        let mut first = Vec::new();
        (&mut r).take(1 << 16).read_until(b'\n', &mut first).map_err(io)?;
        let format = forced.or_else(|| Format::detect(first.trim_ascii_end()));
        if !matches!(format, Some(Format::Gdelt1 | Format::Gdelt2)) || first.starts_with(b"GLOBALEVENTID") {
            out.push(whole);
            continue;
        }
        // Cut points just after the first newline at or past size*i/parts.
        let targets: Vec<u64> = (1..parts as u64).map(|i| size * i / parts as u64).collect();
        let mut cuts: Vec<(u64, u64)> = Vec::new(); // (byte offset, lines before it)
        let mut file = File::open(path).map_err(io)?;
        let mut buf = vec![0u8; BUF];
        let (mut pos, mut lines, mut next) = (0u64, 0u64, 0usize);
        loop {
            let n = file.read(&mut buf).map_err(io)?;
            if n == 0 || next == targets.len() {
                break;
            }
            for i in memchr::memchr_iter(b'\n', &buf[..n]) {
                lines += 1;
                let after = pos + i as u64 + 1;
                while next < targets.len() && after > targets[next] {
                    if cuts.last().is_none_or(|c| c.0 < after) && after < size {
                        cuts.push((after, lines));
                    }
                    next += 1;
                }
            }
            pos += n as u64;
        }
        let mut start = (0u64, 0u64);
        for cut in cuts.into_iter().chain(std::iter::once((size, 0))) {
            out.push(Chunk {
                path: path.clone(),
                range: Some((start.0, cut.0)),
                start: StreamStart { format: if start.0 == 0 { forced } else { format }, first_line: start.1 + 1 },
            });
            start = cut;
        }
    }
    Ok(out)
}

/// Read one chunk: a byte range of a plain file, or the whole file through `for_each_stream`.
pub fn for_each_chunk_stream(
    chunk: &Chunk,
    bytes: &Arc<AtomicU64>,
    mut each: impl FnMut(&str, &mut dyn BufRead, StreamStart) -> io::Result<()>,
) -> Result<()> {
    match chunk.range {
        None => for_each_stream(&chunk.path, bytes, |name, r| each(name, r, chunk.start)),
        Some((a, b)) => {
            let io = |source| Error::Io { path: chunk.path.clone(), source };
            let mut f = File::open(&chunk.path).map_err(io)?;
            f.seek(SeekFrom::Start(a)).map_err(io)?;
            let counted = Counting { inner: f.take(b - a), counter: bytes.clone() };
            let mut r = BufReader::with_capacity(BUF, counted);
            each(&chunk.path.display().to_string(), &mut r, chunk.start).map_err(io)
        }
    }
}
