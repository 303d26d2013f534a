//! softbalance-report: turns a case and its `Analysis` into what analysts read — a terminal
//! summary, a Markdown report that follows the paper's structure, and a stable JSON document
//! for scripts. Rendering only: no file I/O, no computation beyond formatting.

pub mod codes;
pub mod compare;
pub mod diff;
pub mod export;
pub mod html;
pub mod svg;
pub mod json;
pub mod markdown;
pub mod sources;
pub mod text;
mod fmt;
pub mod timeline;
pub mod words;

pub use json::{json_report, Agreement, Disagreement};

use softbalance_core::{Analysis, Case};

/// The formats `analyze --format` accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Json,
    Html,
}

pub use words::Lang;

/// Render `analysis` of `case` in `format`. `agreement` is the text coder's comparison with
/// the hand coding, when it was run; `adjustments` names the what-if changes applied to the
/// case (`--set`, `--drop`), shown in the report's header; `lang` the language of every
/// sentence and heading (JSON is language-neutral and ignores it).
pub fn render(case: &Case, analysis: &Analysis, agreement: Option<&Agreement>, adjustments: &[String], format: Format, lang: Lang) -> String {
    match format {
        Format::Text => text::render(case, analysis, agreement, adjustments, lang),
        Format::Markdown => markdown::render(case, analysis, agreement, adjustments, lang),
        Format::Html => html::render(case, analysis, agreement, adjustments, lang),
        Format::Json => {
            let mut s = serde_json::to_string_pretty(&json_report(case, analysis, agreement, adjustments))
                .expect("the report is plain data and always serialises");
            s.push('\n');
            s
        }
    }
}
