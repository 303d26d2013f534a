//! Stage-2 rows → the panel grid: dyad and year selection, zeros inside the input's
//! coverage and missing outside it, the derived columns added to the direct counts.

use super::*;

/// Stage-2 output, column by column, cast to the types the assembly expects.
pub(super) struct Cols {
    i32s: HashMap<&'static str, Int32Array>,
    i64s: HashMap<&'static str, Int64Array>,
    strs: HashMap<&'static str, StringArray>,
}

pub(super) fn columns(b: &RecordBatch) -> Result<Cols> {
    let get = |name: &str, t: &DataType| -> Result<ArrayRef> {
        let c = b.column_by_name(name).ok_or_else(|| Error::Engine(df_err(format!("stage 2 lacks column {name}"))))?;
        cast(c, t).map_err(|e| Error::Engine(e.into()))
    };
    let mut cols = Cols { i32s: HashMap::new(), i64s: HashMap::new(), strs: HashMap::new() };
    cols.i32s.insert("period", get("period", &DataType::Int32)?.as_any().downcast_ref::<Int32Array>().expect("cast").clone());
    for n in ["a", "b"] {
        cols.strs.insert(n, get(n, &DataType::Utf8)?.as_any().downcast_ref::<StringArray>().expect("cast").clone());
    }
    let counts = StrategyCode::ALL.map(count_column);
    for n in counts.into_iter().chain(["events", "gsum_c", "gcount", "t_soft", "t_hard", "i_n", "o_n"]) {
        cols.i64s.insert(n, get(n, &DataType::Int64)?.as_any().downcast_ref::<Int64Array>().expect("cast").clone());
    }
    Ok(cols)
}

/// Per-period values of one dyad from stage 2.
#[derive(Clone, Default)]
pub(super) struct Cell {
    counts: [i64; 9],
    events: i64,
    gsum_c: i64,
    gcount: i64,
    triad: i64,
    igo: i64,
    domestic: i64,
}

pub(super) fn assemble(batches: &[RecordBatch], stats: &Stats, opts: &PanelOptions) -> Result<Vec<PanelRow>> {
    let period = opts.period;
    let in_years = |p: i32| {
        let y = period.year_of(p);
        opts.from.is_none_or(|f| y >= f) && opts.to.is_none_or(|t| y <= t)
    };
    let wanted: Option<Vec<(String, String)>> = opts.dyads.clone();
    let mut cells: BTreeMap<(String, String, i32), Cell> = BTreeMap::new();
    for b in batches {
        let c = columns(b)?;
        let v = |n: &str, i: usize| {
            let a = &c.i64s[n];
            if a.is_null(i) { 0 } else { a.value(i) }
        };
        for i in 0..b.num_rows() {
            let p = c.i32s["period"].value(i);
            if !in_years(p) {
                continue;
            }
            let (a, bb) = (c.strs["a"].value(i).to_string(), c.strs["b"].value(i).to_string());
            if let Some(w) = &wanted {
                if !w.iter().any(|(x, y)| *x == a && *y == bb) {
                    continue;
                }
            }
            let mut cell = Cell::default();
            for (slot, code) in cell.counts.iter_mut().zip(StrategyCode::ALL) {
                *slot = v(count_column(code), i);
            }
            cell.events = v("events", i);
            cell.gsum_c = v("gsum_c", i);
            cell.gcount = v("gcount", i);
            let (ts, th, inn, on) = (v("t_soft", i), v("t_hard", i), v("i_n", i), v("o_n", i));
            cell.counts[StrategyCode::OffsetExternal.index()] += ts;
            cell.counts[StrategyCode::HardExternal.index()] += th;
            cell.counts[StrategyCode::Institutional.index()] += inn;
            cell.counts[StrategyCode::OffsetInternal.index()] += on;
            cell.triad = ts + th;
            cell.igo = inn;
            cell.domestic = on;
            cells.insert((a, bb, p), cell);
        }
    }
    let has_goldstein = stats.rows_by_format.keys().any(|f| f != "polecat");
    let covered = |p: i32| stats.periods.contains(&p);
    let make = |a: &str, b: &str, p: i32, cell: Option<&Cell>| -> PanelRow {
        let year = period.year_of(p);
        let month = (period == Period::Month).then_some(p % 100);
        let in_cov = covered(p) || cell.is_some();
        let zero = Cell::default();
        let cell = if in_cov { Some(cell.unwrap_or(&zero)) } else { None };
        PanelRow {
            iso3_1: a.to_string(),
            iso3_2: b.to_string(),
            ccode1: actors::cow_code(a, year),
            ccode2: actors::cow_code(b, year),
            gwcode1: actors::gw_code(a, year),
            gwcode2: actors::gw_code(b, year),
            year,
            month,
            counts: cell.map(|c| c.counts),
            events: cell.map(|c| c.events),
            triad_events: cell.map(|c| c.triad),
            igo_events: cell.map(|c| c.igo),
            domestic_events: cell.map(|c| c.domestic),
            goldstein_sum: cell.filter(|c| c.gcount > 0 || has_goldstein).map(|c| c.gsum_c as f64 / 100.0),
            goldstein_mean: cell.filter(|c| c.gcount > 0).map(|c| c.gsum_c as f64 / 100.0 / c.gcount as f64),
        }
    };
    let mut rows = Vec::new();
    match &wanted {
        None => {
            for ((a, b, p), cell) in &cells {
                rows.push(make(a, b, *p, Some(cell)));
            }
            rows.sort_by(|x, y| (x.year, x.month, &x.iso3_1, &x.iso3_2).cmp(&(y.year, y.month, &y.iso3_1, &y.iso3_2)));
        }
        Some(dyads) => {
            let grid = grid_periods(period, opts.from, opts.to, stats);
            for (a, b) in dyads {
                for &p in &grid {
                    rows.push(make(a, b, p, cells.get(&(a.clone(), b.clone(), p))));
                }
            }
        }
    }
    Ok(rows)
}

/// The periods of a `--dyads` grid: `--from`..`--to` when given, else the input's coverage span.
pub(super) fn grid_periods(period: Period, from: Option<i32>, to: Option<i32>, stats: &Stats) -> Vec<i32> {
    let first = stats.periods.iter().next().map(|p| period.year_of(*p));
    let last = stats.periods.iter().next_back().map(|p| period.year_of(*p));
    let (Some(f), Some(t)) = (from.or(first), to.or(last)) else { return Vec::new() };
    let mut out = Vec::new();
    for y in f..=t {
        match period {
            Period::Year => out.push(y),
            Period::Month => out.extend((1..=12).map(|m| y * 100 + m)),
        }
    }
    out
}

