//! softbalance-report: turns a case and its `Analysis` into what analysts read — a terminal
//! summary, a Markdown report that follows the paper's structure, and a stable JSON document
//! for scripts. Rendering only: no file I/O, no computation beyond formatting.

pub mod json;
pub mod markdown;
pub mod text;
mod fmt;

pub use json::{json_report, Agreement, Disagreement};

use softbalance_core::{Analysis, Case};

/// The formats `analyze --format` accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Json,
}

/// Render `analysis` of `case` in `format`. `agreement` is the text coder's comparison with
/// the hand coding, when it was run.
pub fn render(case: &Case, analysis: &Analysis, agreement: Option<&Agreement>, format: Format) -> String {
    match format {
        Format::Text => text::render(case, analysis, agreement),
        Format::Markdown => markdown::render(case, analysis, agreement),
        Format::Json => {
            let mut s = serde_json::to_string_pretty(&json_report(case, analysis, agreement))
                .expect("the report is plain data and always serialises");
            s.push('\n');
            s
        }
    }
}
