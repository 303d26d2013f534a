//! The draft tables `extract` writes: `actions.csv` in the case format (docs/case-format.md),
//! with the review columns the loader keeps and ignores (`x_file`, `x_start`, `x_end`,
//! `x_confidence`, `x_runner_up`, `x_cue`, `x_date_from`, `x_date_evidence`), and
//! `sources.csv` with one row per document (`url` = `file:NAME`).

use super::{Extraction, Row};
use crate::text::is_cjk;

/// The actions table. `date_basis_column` is the header the date's basis (in the case
/// format's words: `event`, `publication`, `inferred` for a date from the context, empty when
/// undated) is written under: `date_basis` where the case loader knows that column, else an
/// own column (`x_date_basis`) so that `softbalance check` accepts the file either way.
/// `x_date_from` says where the date came from: `event` (the sentence), `context` (the nearest
/// dated sentence before it), `publication` (the document's date) or `unknown`.
pub fn actions_csv(x: &Extraction, date_basis_column: &str) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let header = [
        "id",
        "date",
        date_basis_column,
        "actor",
        "target",
        "code",
        "title_en",
        "title_zh",
        "summary_en",
        "summary_zh",
        "source",
        "locator",
        "x_file",
        "x_start",
        "x_end",
        "x_confidence",
        "x_runner_up",
        "x_cue",
        "x_date_from",
        "x_date_evidence",
    ];
    w.write_record(header).expect("writing to memory");
    for r in &x.rows {
        let (title, summary) = (title_of(&r.sentence), r.sentence.clone());
        let zh = r.lang.is_zh();
        let pick = |s: &str, want_zh: bool| if zh == want_zh { s.to_string() } else { String::new() };
        w.write_record([
            r.id.clone(),
            r.date.map(|d| d.to_string()).unwrap_or_default(),
            r.date_basis.case_value().to_string(),
            r.actor.clone(),
            r.target.clone(),
            r.code.as_str().to_string(),
            pick(&title, false),
            pick(&title, true),
            pick(&summary, false),
            pick(&summary, true),
            r.source.clone(),
            locator(r),
            r.file.clone(),
            r.start.to_string(),
            r.end.to_string(),
            format!("{:.3}", r.confidence),
            r.runner_up.as_str().to_string(),
            r.cue.clone(),
            r.date_basis.as_str().to_string(),
            r.date_evidence.clone(),
        ])
        .expect("writing to memory");
    }
    String::from_utf8(w.into_inner().expect("writing to memory")).expect("CSV of UTF-8 fields")
}

/// `file:NAME bytes START-END`: where the row's sentence is, for a reader of the table.
fn locator(r: &Row) -> String {
    format!("file:{} bytes {}-{}", r.file, r.start, r.end)
}

/// A short name for the action: the sentence up to 120 characters, cut at a word boundary
/// (anywhere in Chinese), with an ellipsis when cut.
pub fn title_of(sentence: &str) -> String {
    const MAX: usize = 120;
    if sentence.chars().count() <= MAX {
        return sentence.to_string();
    }
    let cut = sentence.char_indices().nth(MAX).map_or(sentence.len(), |(i, _)| i);
    let head = &sentence[..cut];
    let cjk = head.chars().any(is_cjk);
    let at = if cjk { cut } else { head.rfind(' ').filter(|&i| i > MAX / 2).unwrap_or(cut) };
    format!("{}…", sentence[..at].trim_end())
}

/// The sources table: one row per document, titled from the document, dated by it, located
/// by `file:NAME` in `url`; `note` says how it was read and where its date came from.
pub fn sources_csv(x: &Extraction) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["id", "title", "title_zh", "date", "url", "note"]).expect("writing to memory");
    for d in &x.documents {
        let doc = &d.document;
        let title = doc.title.clone().unwrap_or_else(|| doc.name.clone());
        let title_zh = if title.chars().any(is_cjk) { title.clone() } else { String::new() };
        let date_note = match &doc.date {
            Some(dd) => match &dd.origin {
                super::documents::DateOrigin::Metadata(m) => format!("date from {m}"),
                super::documents::DateOrigin::Dateline { start, end } => {
                    format!("date from the dateline {:?} (bytes {start}-{end})", &doc.text[*start..*end])
                }
            },
            None => "no date found; add it".into(),
        };
        let note = format!(
            "drafted by softbalance extract from {} ({}); {} sentences, {} rows; {date_note}",
            doc.name,
            doc.format.as_str(),
            d.counts.sentences,
            d.counts.rows
        );
        w.write_record([
            d.source.clone(),
            title,
            title_zh,
            doc.date.as_ref().map(|dd| dd.date.to_string()).unwrap_or_default(),
            format!("file:{}", doc.name),
            note,
        ])
        .expect("writing to memory");
    }
    String::from_utf8(w.into_inner().expect("writing to memory")).expect("CSV of UTF-8 fields")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_cut_at_words() {
        let long = "word ".repeat(40);
        let t = title_of(long.trim());
        assert!(t.ends_with("word…") && t.chars().count() <= 121, "{t}");
        assert_eq!(title_of("Short."), "Short.");
        let zh = "中".repeat(130);
        assert_eq!(title_of(&zh).chars().count(), 121);
    }
}
