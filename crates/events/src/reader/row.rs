//! One line → one row outcome, per format: GDELT (fixed positions, only the fields up to
//! GoldsteinScale split), ICEWS and POLECAT (positions from the header). Column counts,
//! field validation, dedupe, code mapping and actor resolution; the bins are counted by the
//! caller.

use super::fields::{decode, is_missing, parse_date, parse_goldstein, valid_cameo};
use super::header::Header;
use super::partials::{Coded, PartialBatch};
use super::split::{count_tabs, split_tabs};
use super::{format_slot, Reader, REASONS};
use crate::actors::Actor;
use crate::dedupe::EventKey;
use crate::format::Format;
use crate::mapping::Lookup;
use std::borrow::Cow;

/// The outcome of one row.
enum Row<'a> {
    Reject(String),
    Duplicate { period: i32 },
    Unmapped { period: i32, reason: &'static str, code: Cow<'a, str> },
    Used(Coded),
}

/// GDELT columns up to GoldsteinScale (index 30) are all the reader needs.
const GDELT_FIELDS_USED: usize = 31;

impl Reader {
    /// Split, check and code one line (without its line end), and count it in its bin.
    pub(super) fn line(
        &mut self,
        name: &str,
        line_no: u64,
        raw: &[u8],
        format: Format,
        header: Option<&Header>,
        emit: &mut dyn FnMut(PartialBatch) -> bool,
    ) -> bool {
        let mut fields = std::mem::take(&mut self.fields);
        fields.clear();
        let gdelt = matches!(format, Format::Gdelt1 | Format::Gdelt2);
        // GDELT: only the first 31 fields are used, so the rest of the line is only counted
        // (a plain byte count that the compiler vectorises), not split.
        let wanted = if gdelt { GDELT_FIELDS_USED } else { usize::MAX };
        let mut high = 0u32;
        let start = split_tabs(raw, wanted, &mut fields, &mut high);
        let extra_tabs = if fields.len() == wanted { count_tabs(&raw[start..], &mut high) } else { 0 };
        let end = if extra_tabs == 0 { raw.len() } else { start + memchr::memchr(b'\t', &raw[start..]).unwrap_or(raw.len() - start) };
        fields.push((start, end));
        let columns = fields.len() + extra_tabs;
        let row = if high != 0 && !self.cfg.latin1 && std::str::from_utf8(raw).is_err() {
            Row::Reject("bad encoding: not valid UTF-8 (--latin1 reads such files as Latin-1)".into())
        } else {
            match format {
                Format::Gdelt1 | Format::Gdelt2 => self.gdelt(raw, &fields, columns, format),
                Format::Icews | Format::Polecat => match header {
                    Some(h) => self.tabular(raw, &fields, format, h),
                    None => Row::Reject("no header line".into()),
                },
            }
        };
        let mut ok = true;
        match row {
            Row::Reject(reason) => self.reject(name, line_no, &reason, raw),
            Row::Duplicate { period } => {
                self.stats.rows_read += 1;
                self.stats.duplicates += 1;
                self.period_seen(period);
                self.format_rows[format_slot(format)] += 1;
                self.progress();
            }
            Row::Unmapped { period, reason, code } => {
                self.stats.rows_read += 1;
                self.stats.unmapped += 1;
                self.period_seen(period);
                self.reasons[REASONS.iter().position(|r| *r == reason).expect("listed")] += 1;
                if reason == "code" {
                    *self.stats.unmapped_codes.entry(code.into_owned()).or_default() += 1;
                }
                self.format_rows[format_slot(format)] += 1;
                self.progress();
            }
            Row::Used(c) => {
                self.stats.rows_read += 1;
                self.stats.used += 1;
                self.period_seen(c.period);
                self.format_rows[format_slot(format)] += 1;
                self.progress();
                self.partials.push(c);
                if self.partials.len() >= self.cfg.batch_rows {
                    let b = self.partials.finish();
                    ok = emit(b);
                }
            }
        }
        self.fields = fields;
        ok
    }

    fn gdelt<'a>(&mut self, raw: &'a [u8], fields: &[(usize, usize)], n: usize, format: Format) -> Row<'a> {
        // The format of this file (detected from its first rows, or forced), not any GDELT
        // width: a GDELT 1.0 file with a 61-column row has a broken row.
        let (ok, expected) = match format {
            Format::Gdelt2 => (n == 61, "61"),
            _ => (n == 57 || n == 58, "57 or 58"),
        };
        if !ok {
            return Row::Reject(format!("column count: expected {expected} columns for {format}, found {n}"));
        }
        let f = |i: usize| &raw[fields[i].0..fields[i].1];
        let Some((y, m, _)) = parse_date(f(1)) else {
            return Row::Reject("bad date: SQLDATE is not a date YYYYMMDD".into());
        };
        let code = f(26);
        if !valid_cameo(code) {
            return Row::Reject("bad event code: EventCode is not 2-4 digits".into());
        }
        let Ok(goldstein) = parse_goldstein(f(30)) else {
            return Row::Reject("bad Goldstein: GoldsteinScale is not a number in [-10, 10]".into());
        };
        let period = self.cfg.period.of(y, m);
        if let Some(d) = &self.cfg.dedupe {
            if EventKey::new(format, f(0), 0).is_some_and(|k| d.is_duplicate(k, self.stream)) {
                return Row::Duplicate { period };
            }
        }
        let code = Cow::Borrowed(std::str::from_utf8(code).expect("ASCII digits"));
        let lookup = self.cfg.mappings.cameo(&code);
        match lookup {
            Lookup::Unknown => return Row::Unmapped { period, reason: "code", code },
            Lookup::Neutral => return Row::Unmapped { period, reason: "neutral", code },
            Lookup::Coded(..) => {}
        }
        let a1 = self.resolver.cameo_at(f(5), y).or_else(|| self.resolver.cameo_at(f(7), y));
        let Some(a1) = a1 else { return Row::Unmapped { period, reason: "actor1", code } };
        let a2 = self.resolver.cameo_at(f(15), y).or_else(|| self.resolver.cameo_at(f(17), y));
        let Some(a2) = a2 else { return Row::Unmapped { period, reason: "actor2", code } };
        Row::Used(Coded { period, a1, a2, lookup, goldstein })
    }

    fn tabular<'a>(&mut self, raw: &'a [u8], fields: &[(usize, usize)], format: Format, h: &Header) -> Row<'a> {
        if let Some(m) = &h.missing {
            return Row::Reject(m.clone());
        }
        let n = fields.len();
        // ICEWS rows have exactly the header's width; POLECAT releases sometimes carry a stray
        // extra column after the last named one, which is ignored.
        let width_ok = match format {
            Format::Icews => n == h.width,
            _ => n >= h.width,
        };
        if !width_ok {
            return Row::Reject(format!("column count: expected {} columns, found {n}", h.width));
        }
        let f = |i: usize| &raw[fields[i].0..fields[i].1];
        let Some((y, m, d)) = parse_date(f(h.date)) else {
            return Row::Reject("bad date: not a date YYYY-MM-DD".into());
        };
        let period = self.cfg.period.of(y, m);
        let goldstein = match h.goldstein.map(|g| parse_goldstein(f(g))) {
            None => None,
            Some(Ok(v)) => v,
            Some(Err(())) => return Row::Reject("bad Goldstein: Intensity is not a number in [-10, 10]".into()),
        };
        if let (Some(dd), Some(i)) = (&self.cfg.dedupe, h.id) {
            let date = if format == Format::Icews { (y * 10000 + m * 100 + d) as u32 } else { 0 };
            if EventKey::new(format, f(i), date).is_some_and(|k| dd.is_duplicate(k, self.stream)) {
                return Row::Duplicate { period };
            }
        }
        let code_raw = f(h.code.expect("set when the header is complete"));
        let (lookup, code) = if format == Format::Icews {
            if !valid_cameo(code_raw) {
                return Row::Reject("bad event code: CAMEO Code is not 2-4 digits".into());
            }
            let code = std::str::from_utf8(code_raw).expect("ASCII digits");
            (self.cfg.mappings.cameo(code), Cow::Borrowed(code))
        } else {
            let t = decode(code_raw);
            if t.trim().is_empty() {
                return Row::Reject("bad event code: Event Type is empty".into());
            }
            let mode = h.mode.map(|i| decode(f(i))).unwrap_or_default();
            let ctx = h.context.map(|i| decode(f(i))).unwrap_or_default();
            let lookup = self.cfg.mappings.plover(&t, &mode, &ctx);
            let code = if mode.trim().is_empty() { t.trim().to_string() } else { format!("{}/{}", t.trim(), mode.trim()) };
            (lookup, Cow::Owned(code))
        };
        match lookup {
            Lookup::Unknown => return Row::Unmapped { period, reason: "code", code },
            Lookup::Neutral => return Row::Unmapped { period, reason: "neutral", code },
            Lookup::Coded(..) => {}
        }
        let a1 = self.tab_actor(raw, fields, h.c1, h.n1, h.s1, format);
        let Some(a1) = a1 else { return Row::Unmapped { period, reason: "actor1", code } };
        let a2 = self.tab_actor(raw, fields, h.c2, h.n2, h.s2, format);
        let Some(a2) = a2 else { return Row::Unmapped { period, reason: "actor2", code } };
        Row::Used(Coded { period, a1, a2, lookup, goldstein })
    }

    fn tab_actor(
        &mut self,
        raw: &[u8],
        fields: &[(usize, usize)],
        country: usize,
        name: Option<usize>,
        sectors: Option<usize>,
        format: Format,
    ) -> Option<Actor> {
        let f = |i: usize| &raw[fields[i].0..fields[i].1];
        let c = f(country);
        if !is_missing(c) {
            let by_code = (format == Format::Polecat && c.len() == 3).then(|| self.resolver.cameo(c)).flatten();
            if let Some(a) = by_code.or_else(|| self.resolver.name(&decode(c))) {
                return Some(a);
            }
        }
        let name = name.map(f)?;
        let igo = match (format, sectors) {
            (Format::Icews, Some(s)) => memchr::memmem::find(f(s), b"International Government Organization").is_some(),
            (Format::Icews, None) => false,
            _ => true,
        };
        if igo {
            return self.resolver.name(&decode(name));
        }
        None
    }
}
