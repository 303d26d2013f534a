//! The four source formats and their detection from a file's first lines: ICEWS and POLECAT
//! by their header names, GDELT by column count (57 or 58 → 1.0, 61 → 2.0). Detection is per
//! file, so a folder may mix historical and daily GDELT files; `--format` overrides it.

use std::fmt;
use std::str::FromStr;

/// A source format. GDELT 1.0 rows have 57 columns before 2013-04-01 (no SOURCEURL) and 58
/// after; GDELT 2.0 rows have 61 (an ADM2Code in each of the three geo blocks).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    Gdelt1,
    Gdelt2,
    Icews,
    Polecat,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Gdelt1 => "gdelt1",
            Format::Gdelt2 => "gdelt2",
            Format::Icews => "icews",
            Format::Polecat => "polecat",
        }
    }

    /// What a file in this format looks like, for messages ("expected …").
    pub fn expectation(self) -> &'static str {
        match self {
            Format::Gdelt1 => "GDELT 1.0 rows of 57 or 58 tab-separated columns",
            Format::Gdelt2 => "GDELT 2.0 rows of 61 tab-separated columns",
            Format::Icews => "an ICEWS tab-separated header (Event Date, Source Country, CAMEO Code, Target Country …) and rows of its width",
            Format::Polecat => "a POLECAT tab-separated header (Event Date, Event Type, Actor Country, Recipient Country …) and rows",
        }
    }

    /// What an input in any format looks like, for messages about unrecognised files.
    pub fn any_expectation() -> &'static str {
        "GDELT 1.0 (57 or 58 tab-separated columns), GDELT 2.0 (61 columns), or a tab-separated ICEWS or POLECAT file with its header line"
    }

    /// Whether the first line of a file in this format is a header.
    pub fn has_header(self) -> bool {
        matches!(self, Format::Icews | Format::Polecat)
    }

    /// Whether the source carries a Goldstein-scale value (ICEWS calls it Intensity).
    pub fn has_goldstein(self) -> bool {
        !matches!(self, Format::Polecat)
    }

    /// Guess the format of a file from one line: a header for ICEWS/POLECAT, a column count
    /// for GDELT. `None` when the line fits none (the caller tries the next lines).
    pub fn detect(line: &[u8]) -> Option<Format> {
        let text = String::from_utf8_lossy(line).to_ascii_lowercase();
        let has = |name: &str| text.split('\t').any(|f| f.trim() == name);
        if has("cameo code") && (has("source country") || has("source name")) {
            return Some(Format::Icews);
        }
        if (has("event type") || has("event_type"))
            && (has("recipient country") || has("recipient_country") || has("recipient name"))
        {
            return Some(Format::Polecat);
        }
        let columns = memchr::memchr_iter(b'\t', line).count() + 1;
        match columns {
            57 | 58 => Some(Format::Gdelt1),
            61 => Some(Format::Gdelt2),
            _ => None,
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "gdelt1" | "gdelt" => Ok(Format::Gdelt1),
            "gdelt2" => Ok(Format::Gdelt2),
            "icews" => Ok(Format::Icews),
            "polecat" => Ok(Format::Polecat),
            other => Err(format!(
                "unknown format {other:?}; expected auto, gdelt1, gdelt2, icews or polecat"
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_by_header_and_column_count() {
        let icews = b"Event ID\tEvent Date\tSource Name\tSource Sectors\tSource Country\tEvent Text\tCAMEO Code";
        assert_eq!(Format::detect(icews), Some(Format::Icews));
        let polecat = b"Event ID\tEvent Date\tEvent Type\tEvent Mode\tActor Country\tRecipient Country";
        assert_eq!(Format::detect(polecat), Some(Format::Polecat));
        assert_eq!(Format::detect(&[b'\t'; 56]), Some(Format::Gdelt1));
        assert_eq!(Format::detect(&[b'\t'; 57]), Some(Format::Gdelt1));
        assert_eq!(Format::detect(&[b'\t'; 60]), Some(Format::Gdelt2));
        assert_eq!(Format::detect(b"a\tb"), None);
    }
}
