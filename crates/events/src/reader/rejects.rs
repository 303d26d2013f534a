//! The rejects sink: rejected rows with file, line, reason and the raw bytes.

use std::io::{self, Write};
use std::sync::{Arc, Mutex};

/// Where rejected rows go: a TSV of `file, line, reason, raw` (raw with `\t`, `\n` and `\\`
/// escaped so each reject stays on one line), shared by the reader threads. The first write
/// error is kept and returned by `flush` (an output failure, exit 8), never dropped.
#[derive(Clone, Default)]
pub struct RejectSink(Option<Arc<Mutex<SinkState>>>);

struct SinkState {
    w: Box<dyn Write + Send>,
    error: Option<io::Error>,
}

impl RejectSink {
    pub fn none() -> Self {
        RejectSink(None)
    }
    pub fn new(w: Box<dyn Write + Send>) -> io::Result<Self> {
        let mut w = w;
        writeln!(w, "file\tline\treason\traw")?;
        Ok(RejectSink(Some(Arc::new(Mutex::new(SinkState { w, error: None })))))
    }
    pub(crate) fn write(&self, file: &str, line: u64, reason: &str, raw: &[u8]) {
        if let Some(w) = &self.0 {
            let mut esc = String::with_capacity(raw.len() + 8);
            for ch in String::from_utf8_lossy(raw).chars() {
                match ch {
                    '\t' => esc.push_str("\\t"),
                    '\n' => esc.push_str("\\n"),
                    '\r' => esc.push_str("\\r"),
                    '\\' => esc.push_str("\\\\"),
                    c => esc.push(c),
                }
            }
            let mut st = w.lock().unwrap_or_else(|p| p.into_inner());
            if st.error.is_none() {
                if let Err(e) = writeln!(st.w, "{file}\t{line}\t{reason}\t{esc}") {
                    st.error = Some(e);
                }
            }
        }
    }
    /// Flush the writer; the first error of any write so far, if one failed.
    pub fn flush(&self) -> io::Result<()> {
        if let Some(w) = &self.0 {
            let mut st = w.lock().unwrap_or_else(|p| p.into_inner());
            if let Some(e) = st.error.take() {
                return Err(e);
            }
            st.w.flush()?;
        }
        Ok(())
    }
}
