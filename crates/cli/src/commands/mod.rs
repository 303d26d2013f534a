//! One module per subcommand, each with its `Args` (clap) and `run`. `finish` turns a
//! command's result into the process exit code and prints the error chain on failure.

pub mod agreement;
pub mod analyze;
pub mod cases;
pub mod check;
pub mod codes;
pub mod compare;
pub mod new;
pub mod code;
pub mod diff;
pub mod eval;
pub mod extract;
pub mod serve;
pub mod export;
pub mod sources;
#[cfg(feature = "events")]
pub mod events;

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// An error that carries its documented exit code (see docs/case-format.md and README).
#[derive(Debug)]
pub struct Failure {
    pub code: u8,
    pub message: String,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Failure {}

impl Failure {
    /// An `anyhow::Error` carrying `code`: commands return it straight from `run`.
    #[allow(clippy::new_ret_no_self)]
    pub fn new(code: u8, message: impl Into<String>) -> anyhow::Error {
        anyhow::Error::new(Failure { code, message: message.into() })
    }
}

/// Print the error chain and pick the exit code: a `Failure` anywhere in the chain gives its
/// code, a broken pipe (output piped into `head`) exits 0, anything else exits 1.
pub fn finish(result: anyhow::Result<ExitCode>) -> ExitCode {
    match result {
        Ok(code) => code,
        Err(err) => {
            for cause in err.chain() {
                if let Some(io) = cause.downcast_ref::<io::Error>() {
                    if io.kind() == io::ErrorKind::BrokenPipe {
                        return ExitCode::SUCCESS;
                    }
                }
            }
            let code = err
                .chain()
                .find_map(|c| c.downcast_ref::<Failure>().map(|f| f.code))
                .unwrap_or(1);
            let mut stderr = io::stderr().lock();
            let _ = writeln!(stderr, "softbalance: error: {err}");
            for cause in err.chain().skip(1) {
                let _ = writeln!(stderr, "  caused by: {cause}");
            }
            ExitCode::from(code)
        }
    }
}

/// Which case a command works on: a folder, a built-in case by name, or the default built-in.
#[derive(clap::Args, Debug)]
pub struct CaseArgs {
    /// Case folder (see docs/case-format.md), or a built-in case's name when no such folder
    /// exists; the built-in case `us-china-ai` when omitted.
    #[arg(value_name = "CASE")]
    pub case_dir: Option<PathBuf>,
    /// A built-in case by name instead of a folder (`softbalance cases` lists them).
    #[arg(long = "case", value_name = "NAME")]
    pub case_name: Option<String>,
}

impl CaseArgs {
    pub fn load(&self) -> anyhow::Result<(softbalance_core::Case, String)> {
        load_case_named(self.case_dir.as_deref(), self.case_name.as_deref())
    }
    /// The case's files, which no output may replace.
    pub fn inputs(&self) -> Vec<PathBuf> {
        self.case_dir
            .iter()
            .flat_map(|d| softbalance_case::FILES.iter().chain(softbalance_case::load::OPTIONAL_FILES.iter()).map(move |f| d.join(f)))
            // A case that extends a folder reads that folder's files too (protected whole).
            .chain(self.case_dir.iter().flat_map(|d| softbalance_case::extend::base_dirs(d)))
            .collect()
    }
}

/// Load the case in `dir`, or the built-in case `name` (the default one when both are
/// `None`); a validation failure carries its exit code and lists every problem. Returns the case
/// and a name for it in messages.
pub fn load_case_named(dir: Option<&Path>, name: Option<&str>) -> anyhow::Result<(softbalance_core::Case, String)> {
    let (result, origin) = match (dir, name) {
        (Some(_), Some(_)) => return Err(Failure::new(2, "give a case folder or --case NAME, not both")),
        // A built-in case's name where no file or folder of that name exists; a folder wins.
        (Some(d), None) => match d.to_str().filter(|_| !d.exists()).and_then(|n| Some((softbalance_case::load_named(n)?, n))) {
            Some((r, n)) => (r, format!("builtin:{n}")),
            None => (softbalance_case::load_dir(d), d.display().to_string()),
        },
        (None, Some(n)) => match softbalance_case::load_named(n) {
            Some(r) => (r, format!("builtin:{n}")),
            None => {
                let ids: Vec<&str> = softbalance_case::BUILTINS.iter().map(|c| c.id).collect();
                return Err(Failure::new(2, format!("no built-in case {n:?}; the built-in cases are {} (`softbalance cases`)", ids.join(", "))));
            }
        },
        (None, None) => (softbalance_case::load_builtin(), format!("builtin:{}", softbalance_case::BUILTIN_ID)),
    };
    match result {
        Ok(case) => Ok((case, origin)),
        Err(e) => Err(Failure::new(e.exit_code(), e.to_string())),
    }
}


/// Write `bytes` to `path` atomically (a temporary file in the same folder, then a rename),
/// refusing to replace any of `inputs` (exit 8). "The same file" is decided by device and
/// inode, so a hard link, a symlink or another spelling of an input's path is refused too;
/// inputs that are folders (a case folder) protect every file directly inside them. The new
/// file gets the normal mode `0o666 & !umask` (a bare temporary file would be 0600).
pub fn write_output(path: &Path, bytes: &[u8], inputs: impl IntoIterator<Item = PathBuf>) -> anyhow::Result<()> {
    let parent = output_folder(path);
    std::fs::canonicalize(&parent)
        .map_err(|e| Failure::new(8, format!("cannot write {}: folder {}: {e}", path.display(), parent.display())))?;
    if let Some(input) = same_as_input(path, inputs) {
        return Err(Failure::new(
            8,
            format!("refusing to overwrite input file {} (it is {}); choose another --out", path.display(), input.display()),
        ));
    }
    let mut tmp = normal_mode_tempfile(&parent).map_err(|e| Failure::new(8, format!("cannot write {}: {e}", path.display())))?;
    tmp.write_all(bytes)
        .and_then(|_| tmp.as_file().sync_all())
        .map_err(|e| Failure::new(8, format!("cannot write {}: {e}", path.display())))?;
    tmp.persist(path).map_err(|e| Failure::new(8, format!("cannot write {}: {}", path.display(), e.error)))?;
    Ok(())
}

/// The folder a new file at `path` goes in (`.` for a bare file name).
fn output_folder(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Device and inode of an existing file (symlinks followed).
fn file_id(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

/// The input that `path` would overwrite: an input file that is the same file (device and
/// inode), or a file directly inside an input folder; compared by name as well, for inputs
/// that do not exist yet.
fn same_as_input(path: &Path, inputs: impl IntoIterator<Item = PathBuf>) -> Option<PathBuf> {
    let target = file_id(path);
    let by_name = std::fs::canonicalize(output_folder(path)).ok().map(|p| p.join(path.file_name().unwrap_or_default()));
    for input in inputs {
        if input.is_dir() {
            if let Some(t) = target {
                let inside = std::fs::read_dir(&input)
                    .map(|rd| rd.flatten().any(|e| file_id(&e.path()) == Some(t)))
                    .unwrap_or(false);
                if inside {
                    return Some(input);
                }
            }
            continue;
        }
        if target.is_some() && file_id(&input) == target {
            return Some(input);
        }
        if by_name.is_some() && std::fs::canonicalize(&input).ok() == by_name {
            return Some(input);
        }
    }
    None
}

/// A temporary file in `folder` created with mode 0o666 (the umask then applies, as for any
/// new file) instead of tempfile's 0600.
fn normal_mode_tempfile(folder: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    use std::os::unix::fs::PermissionsExt;
    tempfile::Builder::new()
        .prefix(".softbalance-")
        .suffix(".tmp")
        .permissions(std::fs::Permissions::from_mode(0o666))
        .tempfile_in(folder)
}
