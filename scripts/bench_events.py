#!/usr/bin/env python3
"""Benchmark helper for scripts/bench-events.sh (not a test).

  bench_events.py generate OUT.CSV MB [SEED]   write GDELT 2.0-format events (61 columns)
  bench_events.py peer NAME INPUT OUT.csv      run the aggregation in duckdb|polars|pandas
  bench_events.py compare OURS.csv PEER.csv    check equal numbers

The generated rows follow GDELT's shape: ~30% of rows without a second actor, ~20% public
statements (010-019), cooperation codes (04x, 05x) most frequent, conflict codes rarer;
country frequencies skewed toward the USA, GBR, CHN, RUS, IND as in GDELT; actor codes
concatenated with sector codes (USAGOV, CHNMIL) and some IGOs (IGOUNO, IGOEUREEC).

The peers compute the *direct* part of our panel: per year, directed dyad of states
(Actor1CountryCode → Actor2CountryCode, both non-empty, different) and strategy (through
crates/events/mappings/cameo.csv), the event count and Goldstein sum. The comparison uses the
panel columns that contain no derived part: events, goldstein_sum, obstruct_passive,
obstruct_active, hard_internal, friction, cooperation.
"""
import csv
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
MAPPING = os.path.join(HERE, "..", "crates", "events", "mappings", "cameo.csv")

COUNTRIES = [
    ("USA", 30), ("GBR", 8), ("CHN", 7), ("RUS", 7), ("IND", 6), ("AUS", 4), ("CAN", 4),
    ("FRA", 4), ("DEU", 4), ("ISR", 4), ("PAK", 3), ("NGA", 3), ("IRN", 3), ("TUR", 3),
    ("SYR", 3), ("JPN", 3), ("PHL", 2), ("ZAF", 2), ("KOR", 2), ("PRK", 2), ("EGY", 2),
    ("UKR", 2), ("AFG", 2), ("IRQ", 2), ("SAU", 2), ("MEX", 2), ("BRA", 2), ("ITA", 2),
    ("ESP", 1), ("KEN", 1), ("IDN", 1), ("MYS", 1), ("VNM", 1), ("TWN", 1), ("POL", 1),
]
SECTORS = ["", "", "", "GOV", "MIL", "BUS", "CVL", "MED", "LEG", "JUD", "COP", "EDU"]
IGOS = ["IGOUNO", "IGOEUREEC", "IGONAT"]


def strategies():
    m = {}
    with open(MAPPING, newline="") as f:
        for r in csv.DictReader(f):
            m[r["cameo"]] = r["strategy"]
    return m


def code_weights(codes):
    w = []
    for c in codes:
        root = int(c[:2])
        base = {1: 20, 2: 6, 3: 6, 4: 18, 5: 8, 6: 3, 7: 3, 8: 2, 9: 1, 10: 2, 11: 6, 12: 2,
                13: 2, 14: 2, 15: 1, 16: 1, 17: 5, 18: 3, 19: 5, 20: 0.2}[root]
        w.append(base / (1 + 3 * (len(c) - 3 if len(c) > 3 else 0)))
    return w


def generate(out, mb, seed=1):
    rnd = random.Random(seed)
    codes = sorted(strategies())
    codes = [c for c in codes if len(c) >= 3]
    cw = code_weights(codes)
    names = [c for c, _ in COUNTRIES]
    nw = [w for _, w in COUNTRIES]
    target = int(mb * 1024 * 1024)
    written = 0
    gid = 1_000_000_000
    # Precompute draws in blocks for speed.
    with open(out, "w", newline="") as f:
        while written < target:
            block = []
            cs = rnd.choices(codes, cw, k=5000)
            a1s = rnd.choices(names, nw, k=5000)
            a2s = rnd.choices(names, nw, k=5000)
            for i in range(5000):
                gid += 1
                year = rnd.choice((2019, 2020, 2021, 2022, 2023))
                month = rnd.randint(1, 12)
                day = rnd.randint(1, 28)
                date = f"{year}{month:02d}{day:02d}"
                r = rnd.random()
                if r < 0.03:
                    a1code, a1c = rnd.choice(IGOS), ""
                else:
                    a1c = a1s[i]
                    a1code = a1c + rnd.choice(SECTORS)
                r = rnd.random()
                if r < 0.30:
                    a2code, a2c = "", ""
                elif r < 0.33:
                    a2code, a2c = rnd.choice(IGOS), ""
                else:
                    a2c = a2s[i]
                    a2code = a2c + rnd.choice(SECTORS)
                code = cs[i]
                gold = f"{rnd.choice((-10, -7.2, -5, -2, 0, 1, 1.9, 3, 3.4, 7)):.1f}"
                f61 = [str(gid), date, date[:6], date[:4], f"{year}.{month * 8:04d}",
                       a1code, a1code and "NAME", a1c, "", "", "", "", a1code[3:6], "", "",
                       a2code, a2code and "NAME", a2c, "", "", "", "", a2code[3:6], "", "",
                       "1", code, code[:3], code[:2], str(rnd.randint(1, 4)), gold,
                       "4", "1", "4", f"{rnd.uniform(-10, 5):.4f}"]
                for _ in range(3):
                    f61 += ["4", "Washington, District of Columbia, United States", "US",
                            "USDC", "USDC001", "38.8951", "-77.0364", "531871"]
                f61 += [date + "151500", f"https://news.example.org/{gid}.html"]
                block.append("\t".join(f61))
            s = "\n".join(block) + "\n"
            f.write(s)
            written += len(s)


def peer(name, inp, out):
    m = strategies()
    cols = ["gid", "date", "a1c", "a2c", "code", "gold"]
    idx = [0, 1, 7, 17, 26, 30]
    if name == "duckdb":
        import duckdb
        con = duckdb.connect()
        con.execute("SET threads=2")
        con.execute(f"CREATE TABLE map AS SELECT cameo::VARCHAR AS cameo, strategy::VARCHAR AS strategy FROM read_csv('{MAPPING}', header=true, all_varchar=true)")
        sel = ", ".join(f"column{i:02d}" for i in idx)
        con.execute(f"""
            COPY (
            SELECT CAST(substr(e.column01, 1, 4) AS INTEGER) AS year, e.column07 AS iso3_1, e.column17 AS iso3_2,
                   m.strategy, COUNT(*) AS n, SUM(CAST(e.column30 AS DOUBLE)) AS gsum
            FROM read_csv('{inp}', delim='\t', header=false, quote='', escape='', all_varchar=true,
                          columns={{{", ".join(f"'column{i:02d}': 'VARCHAR'" for i in range(61))}}}) e
            JOIN map m ON e.column26 = m.cameo
            WHERE m.strategy <> '' AND e.column07 <> '' AND e.column17 <> '' AND e.column07 <> e.column17
              AND e.column07 IS NOT NULL AND e.column17 IS NOT NULL
            GROUP BY ALL ORDER BY ALL) TO '{out}' (HEADER, DELIMITER ',')""")
    elif name == "polars":
        import polars as pl
        df = pl.scan_csv(inp, separator="\t", has_header=False, quote_char=None,
                         infer_schema=False, new_columns=[f"c{i}" for i in range(61)])
        mp = pl.DataFrame({"code": list(m), "strategy": list(m.values())})
        r = (df.select([pl.col("c1").str.slice(0, 4).cast(pl.Int32).alias("year"),
                        pl.col("c7").alias("iso3_1"), pl.col("c17").alias("iso3_2"),
                        pl.col("c26").alias("code"), pl.col("c30").cast(pl.Float64).alias("g")])
             .filter(pl.col("iso3_1").is_not_null() & pl.col("iso3_2").is_not_null()
                     & (pl.col("iso3_1") != pl.col("iso3_2")))
             .join(mp.lazy(), on="code")
             .filter(pl.col("strategy") != "")
             .group_by(["year", "iso3_1", "iso3_2", "strategy"])
             .agg([pl.len().alias("n"), pl.col("g").sum().alias("gsum")])
             .sort(["year", "iso3_1", "iso3_2", "strategy"])
             .collect(engine="streaming"))
        r.write_csv(out)
    elif name == "pandas":
        import pandas as pd
        parts = []
        for chunk in pd.read_csv(inp, sep="\t", header=None, usecols=idx, names=None, dtype=str,
                                 quoting=3, keep_default_na=False, chunksize=500_000):
            chunk.columns = cols
            c = chunk[(chunk.a1c != "") & (chunk.a2c != "") & (chunk.a1c != chunk.a2c)].copy()
            c["strategy"] = c.code.map(m)
            c = c[c.strategy.notna() & (c.strategy != "")]
            c["year"] = c.date.str[:4].astype(int)
            c["g"] = c.gold.astype(float)
            parts.append(c.groupby(["year", "a1c", "a2c", "strategy"]).agg(n=("g", "size"), gsum=("g", "sum")))
        r = pd.concat(parts).groupby(level=[0, 1, 2, 3]).sum().reset_index()
        r.columns = ["year", "iso3_1", "iso3_2", "strategy", "n", "gsum"]
        r.sort_values(["year", "iso3_1", "iso3_2", "strategy"]).to_csv(out, index=False)
    else:
        raise SystemExit(f"unknown peer {name}")


def compare(ours, theirs):
    direct = {"obstruct.passive": "obstruct_passive", "obstruct.active": "obstruct_active",
              "hard.internal": "hard_internal", "friction": "friction", "cooperation": "cooperation"}
    peer_cells, peer_events, peer_gold = {}, {}, {}
    with open(theirs, newline="") as f:
        for r in csv.DictReader(f):
            k = (int(r["year"]), r["iso3_1"], r["iso3_2"])
            n = int(r["n"])
            peer_events[k] = peer_events.get(k, 0) + n
            peer_gold[k] = peer_gold.get(k, 0.0) + float(r["gsum"])
            if r["strategy"] in direct:
                peer_cells[(k, direct[r["strategy"]])] = n
    bad = 0
    seen = set()
    with open(ours, newline="") as f:
        for r in csv.DictReader(f):
            k = (int(r["year"]), r["iso3_1"], r["iso3_2"])
            ev = int(r["events"] or 0)
            if ev == 0:
                continue
            seen.add(k)
            if peer_events.get(k) != ev or abs(peer_gold.get(k, 0) - float(r["goldstein_sum"])) > 1e-6 * max(1, abs(float(r["goldstein_sum"]))):
                bad += 1
            for col in direct.values():
                if int(r[col] or 0) != peer_cells.get((k, col), 0):
                    bad += 1
    missing = len(set(peer_events) - seen)
    print(f"compared {len(seen)} dyad-years: {bad} mismatching cells, {missing} dyad-years only in the peer")
    return bad == 0 and missing == 0


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "generate":
        generate(sys.argv[2], float(sys.argv[3]), int(sys.argv[4]) if len(sys.argv) > 4 else 1)
    elif cmd == "peer":
        peer(sys.argv[2], sys.argv[3], sys.argv[4])
    elif cmd == "compare":
        sys.exit(0 if compare(sys.argv[2], sys.argv[3]) else 1)
