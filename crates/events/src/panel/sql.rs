//! The two SQL stages. Stage 1 (`AGG_SQL`) sums the readers' partial aggregates by their
//! keys; stage 2 (`panel_sql()`) derives the panel's counts from that aggregate. Stage 2 is
//! generated from `StrategyCode::ALL` and the code families, so the nine codes are named in
//! one place (softbalance-core) and a count column is the code with `.` → `_`
//! (`count_column`), as in the panel file.

use softbalance_core::strategy::{Family, StrategyCode};
use std::sync::OnceLock;

/// Stage 1: the readers' partial aggregates of every coded event, summed in one streaming pass.
pub const AGG_SQL: &str = "SELECT period, a1, k1, a2, k2, strategy, military, capability, \
    SUM(n) AS n, SUM(gsum_c) AS gsum_c, SUM(gcount) AS gcount \
    FROM events GROUP BY period, a1, k1, a2, k2, strategy, military, capability";

/// The column of a code's count in stage 2 and in the panel: `offset.internal` →
/// `offset_internal`.
pub fn count_column(code: StrategyCode) -> &'static str {
    static NAMES: OnceLock<[String; 9]> = OnceLock::new();
    &NAMES.get_or_init(|| StrategyCode::ALL.map(|c| c.as_str().replace('.', "_")))[code.index()]
}

/// `'a', 'b'` for the codes that pass `keep`, in `StrategyCode::ALL` order.
fn codes_in(keep: impl Fn(StrategyCode) -> bool) -> String {
    StrategyCode::ALL.into_iter().filter(|&c| keep(c)).map(|c| format!("'{}'", c.as_str())).collect::<Vec<_>>().join(", ")
}

/// Stage 2: the panel's counts from the aggregate (see the module header and
/// docs/events.md): direct counts per code, triads (cooperation with a third state in
/// conflict — obstruction or hard balancing — with the target), shared IGOs (friction,
/// obstruction or institutional events toward an IGO the target is engaged with) and
/// domestic capability building.
pub fn panel_sql() -> &'static str {
    static SQL: OnceLock<String> = OnceLock::new();
    SQL.get_or_init(build_panel_sql)
}

fn build_panel_sql() -> String {
    let direct: String = StrategyCode::ALL
        .iter()
        .map(|&c| format!("    SUM(CASE WHEN strategy = '{}' THEN n ELSE 0 END) AS \"{}\",\n", c.as_str(), count_column(c)))
        .collect();
    let conflict = codes_in(|c| matches!(c.family(), Family::Obstruction | Family::Hard));
    let inst = codes_in(|c| c == StrategyCode::Friction || matches!(c.family(), Family::Obstruction | Family::Institutional));
    let coop = StrategyCode::Cooperation.as_str();
    let counts: String = StrategyCode::ALL.iter().map(|&c| format!("d.\"{}\", ", count_column(c))).collect();
    format!(
        r#"
WITH direct AS (
  SELECT period, a1 AS a, a2 AS b,
{direct}    SUM(n) AS events, SUM(gsum_c) AS gsum_c, SUM(gcount) AS gcount
  FROM agg WHERE k1 = 'S' AND k2 = 'S' AND a1 <> a2
  GROUP BY period, a1, a2
),
conflict AS (
  SELECT DISTINCT period, a1 AS x, a2 AS y FROM agg
  WHERE k1 = 'S' AND k2 = 'S' AND a1 <> a2
    AND strategy IN ({conflict})
  UNION
  SELECT DISTINCT period, a2 AS x, a1 AS y FROM agg
  WHERE k1 = 'S' AND k2 = 'S' AND a1 <> a2
    AND strategy IN ({conflict})
),
triad AS (
  SELECT e.period, e.a1 AS a, c.y AS b,
    SUM(CASE WHEN e.military THEN 0 ELSE e.n END) AS t_soft,
    SUM(CASE WHEN e.military THEN e.n ELSE 0 END) AS t_hard
  FROM agg e JOIN conflict c ON e.period = c.period AND e.a2 = c.x
  WHERE e.k1 = 'S' AND e.k2 = 'S' AND e.a1 <> e.a2 AND e.strategy = '{coop}' AND c.y <> e.a1
  GROUP BY e.period, e.a1, c.y
),
members AS (
  SELECT DISTINCT period, a1 AS s, a2 AS i FROM agg WHERE k1 = 'S' AND k2 = 'I'
  UNION
  SELECT DISTINCT period, a2 AS s, a1 AS i FROM agg WHERE k1 = 'I' AND k2 = 'S'
),
inst AS (
  SELECT e.period, e.a1 AS a, m.s AS b, SUM(e.n) AS i_n
  FROM agg e JOIN members m ON e.period = m.period AND e.a2 = m.i
  WHERE e.k1 = 'S' AND e.k2 = 'I' AND m.s <> e.a1
    AND e.strategy IN ({inst})
  GROUP BY e.period, e.a1, m.s
),
internal AS (
  SELECT period, a1 AS a, SUM(n) AS o_n FROM agg
  WHERE k1 = 'S' AND k2 = 'S' AND a1 = a2 AND capability
  GROUP BY period, a1
),
keys AS (
  SELECT period, a, b FROM direct
  UNION SELECT period, a, b FROM triad
  UNION SELECT period, a, b FROM inst
)
SELECT k.period, k.a, k.b,
  {counts}d.events, d.gsum_c, d.gcount,
  t.t_soft, t.t_hard, i.i_n, o.o_n
FROM keys k
LEFT JOIN direct d ON k.period = d.period AND k.a = d.a AND k.b = d.b
LEFT JOIN triad t ON k.period = t.period AND k.a = t.a AND k.b = t.b
LEFT JOIN inst i ON k.period = i.period AND k.a = i.a AND k.b = i.b
LEFT JOIN internal o ON k.period = o.period AND k.a = o.a
ORDER BY k.period, k.a, k.b
"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generated_sql_names_every_code_and_the_families() {
        let sql = panel_sql();
        for c in StrategyCode::ALL {
            assert!(sql.contains(&format!("strategy = '{}' THEN n ELSE 0 END) AS \"{}\"", c.as_str(), count_column(c))), "{c:?}");
        }
        assert_eq!(count_column(StrategyCode::OffsetInternal), "offset_internal");
        assert!(sql.contains("strategy IN ('obstruct.passive', 'obstruct.active', 'hard.internal', 'hard.external')"));
        assert!(sql.contains("strategy IN ('obstruct.passive', 'obstruct.active', 'institutional', 'friction')"));
        assert!(sql.contains("e.strategy = 'cooperation'"));
    }
}
