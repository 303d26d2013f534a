//! ICEWS and POLECAT header lines: which column holds what.

use super::fields::decode;
use crate::format::Format;

/// Column positions taken from an ICEWS or POLECAT header.
#[derive(Clone, Debug, Default)]
pub(crate) struct Header {
    pub(crate) width: usize,
    pub(crate) id: Option<usize>,
    pub(crate) date: usize,
    pub(crate) code: Option<usize>,
    pub(crate) mode: Option<usize>,
    pub(crate) context: Option<usize>,
    pub(crate) goldstein: Option<usize>,
    pub(crate) c1: usize,
    pub(crate) c2: usize,
    pub(crate) n1: Option<usize>,
    pub(crate) n2: Option<usize>,
    pub(crate) s1: Option<usize>,
    pub(crate) s2: Option<usize>,
    pub(crate) missing: Option<String>,
}

fn find(names: &[String], candidates: &[&str]) -> Option<usize> {
    candidates.iter().find_map(|c| names.iter().position(|n| n == c))
}

impl Header {
    pub(crate) fn parse(line: &[u8], format: Format) -> Header {
        let names: Vec<String> = decode(line)
            .split('\t')
            .map(|s| s.trim().trim_start_matches('\u{feff}').to_ascii_lowercase().replace('_', " "))
            .collect();
        let mut h = Header { width: names.len(), id: find(&names, &["event id", "id"]), ..Header::default() };
        let need = |cands: &[&str], h: &mut Header| -> usize {
            find(&names, cands).unwrap_or_else(|| {
                h.missing.get_or_insert_with(|| format!("header lacks column {:?}", cands[0]));
                0
            })
        };
        match format {
            Format::Icews => {
                h.date = need(&["event date"], &mut h);
                h.code = Some(need(&["cameo code"], &mut h));
                h.c1 = need(&["source country"], &mut h);
                h.c2 = need(&["target country"], &mut h);
                h.n1 = find(&names, &["source name"]);
                h.n2 = find(&names, &["target name"]);
                h.s1 = find(&names, &["source sectors"]);
                h.s2 = find(&names, &["target sectors"]);
                h.goldstein = find(&names, &["intensity"]);
            }
            Format::Polecat => {
                h.date = need(&["event date", "date", "story date"], &mut h);
                h.code = Some(need(&["event type"], &mut h));
                h.mode = find(&names, &["event mode", "mode"]);
                h.context = find(&names, &["contexts", "context", "event context"]);
                h.c1 = need(&["actor country", "actor country code"], &mut h);
                h.c2 = need(&["recipient country", "recipient country code"], &mut h);
                h.n1 = find(&names, &["actor name"]);
                h.n2 = find(&names, &["recipient name"]);
            }
            _ => {}
        }
        h
    }
}
