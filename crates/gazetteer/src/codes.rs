//! Year-aware lookups in the COW and Gleditsch–Ward membership periods. The tables keep at
//! most one period per entity, system and year (the year-end rule in `data/README.md`), so a
//! lookup is a scan of a handful of periods.

use crate::data::Period;
use crate::Extra;

/// The period covering `year`; if the table ever held two, the one that started later wins.
pub(crate) fn period_at(periods: &[Period], year: i32) -> Option<&Period> {
    periods.iter().filter(|p| p.covers(year)).max_by_key(|p| p.from)
}

/// The entity whose period for `code` covers `year`. Where two entities share a code in the
/// same year (365 for the Soviet Union and Russia, 345 for Yugoslavia and Serbia), prefer the
/// one whose period is shorter: the historical state is the more specific reading.
pub(crate) fn reverse(
    extra: &[Extra],
    periods: impl Fn(&Extra) -> &Vec<Period>,
    code: u16,
    year: i32,
) -> Option<usize> {
    extra
        .iter()
        .enumerate()
        .filter_map(|(i, x)| {
            let p = period_at(periods(x), year)?;
            (p.code == code).then(|| (i, p.to.unwrap_or(i32::MAX) - p.from))
        })
        .min_by_key(|&(_, span)| span)
        .map(|(i, _)| i)
}
