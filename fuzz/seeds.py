#!/usr/bin/env python3
"""Seed corpora for the fuzz targets, built from the in-repo fixtures (scripts/fuzz.sh runs
this; the seeds land in fuzz/corpus/<target>/seed-*, which git ignores). Seeds are kept
small (a few KiB) so that libFuzzer's mutations stay fast; see src/lib.rs for the input
layouts (events: a control byte, then the stream; case: files split at NUL bytes)."""
import json, os, pathlib, sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "fuzz" / "corpus"


def head(path, n):
    with open(ROOT / path, "rb") as f:
        return b"".join(f.readline() for _ in range(n))


def put(target, name, data):
    d = OUT / target
    d.mkdir(parents=True, exist_ok=True)
    (d / f"seed-{name}").write_bytes(data)


def gdelt2_row(i, date, a1, a2, code, gold):
    f = [""] * 61
    f[0], f[1], f[2], f[3], f[4] = str(700000000 + i), date, date[:6], date[:4], date[:4] + ".5699"
    f[5], f[7], f[15], f[17] = a1, a1[:3], a2, a2[:3]
    f[25], f[26], f[27], f[28], f[29], f[30] = "1", code, code[:3], code[:2], "4", gold
    f[31], f[32], f[33], f[34] = "10", "2", "10", "-4.83"
    for s in (35, 43, 51):
        f[s : s + 8] = ["4", "Beijing, Beijing, China", "CH", "CH22", "12345", "39.9", "116.4", "-1898541"]
    f[59], f[60] = date + "120000", "https://example.com/a\"b"
    return "\t".join(f).encode()


def main():
    g1 = ROOT / "crates/events/tests/fixtures/gdelt1_reed9999_events_sample.tsv"
    lines = g1.read_bytes().split(b"\n")
    g1_small = b"\n".join(lines[:12]) + b"\n"
    g1_mid = b"\n".join(lines[300:340]) + b"\n"
    g2 = b"\n".join(
        gdelt2_row(i, d, a, b, c, g)
        for i, (d, a, b, c, g) in enumerate(
            [("20240105", "USAGOV", "CHN", "163", "-8.0"), ("20240106", "CHN", "USA", "1246", "-7"),
             ("20240107", "USA", "JPN", "057", "8.0"), ("20240108", "", "CHN", "042", "")]
        )
    ) + b"\n"
    icews = head("crates/events/tests/fixtures/icews_events.2018.sample.tab", 15)
    polecat = (
        b"Event ID\tEvent Date\tEvent Type\tEvent Mode\tEvent Intensity\tContexts\tActor Name\tActor Country\tRecipient Name\tRecipient Country\n"
        b"e1\t2023-01-05\tSANCTION\t\t-6\teconomic\tJoe Biden\tUSA\tXi Jinping\tCHN\n"
        b"e2\t2023-01-06\tSANCTION\tdiscontinue\t-4\teconomic\tJoe Biden\tUSA\tXi Jinping\tCHN\tstray\n"
        b"e3\t2023-02-01\tACCUSE\t\t-2\t\tS\xe3o Paulo official\tBRA\tXi Jinping\tChina\n"
        b"e5\t2023-02-03\tCOOPERATE\t\t3\tmilitary\tJoe Biden\tUSA\tFumio Kishida\tJPN\n"
    )
    streams = {"gdelt1": [g1_small, g1_mid], "gdelt2": [g2], "icews": [icews], "polecat": [polecat]}
    for fmt, seeds in streams.items():
        for i, s in enumerate(seeds):
            for control in (0x06, 0x1b, 0x62):
                put(f"events_{fmt}", f"{i}-{control:02x}", bytes([control]) + s)
                put("events_detect", f"{fmt}-{i}-{control:02x}", bytes([control]) + s)

    names = ["case.toml", "sources.csv", "actors.csv", "indicators.csv", "actions.csv", "friction.csv"]
    for label, folder, n in [("mini", "crates/report/tests/fixtures/mini", 1000), ("us-china-ai", "cases/us-china-ai", 6)]:
        parts = []
        for name in names:
            p = ROOT / folder / name
            if p.exists():
                parts.append(p.read_bytes() if name == "case.toml" else head(p.relative_to(ROOT), n))
        put("case_load", label, b"\0".join(parts))

    gold = (ROOT / "crates/coder/tests/fixtures/gold-fresh.jsonl").read_bytes().split(b"\n")
    put("coder_jsonl", "gold", b"\n".join(gold[:6]) + b"\n")
    for corpus in ("en", "zh"):
        rows = (ROOT / f"crates/coder/corpus/{corpus}.jsonl").read_bytes().split(b"\n")[:4]
        put("coder_jsonl", corpus, b"\n".join(rows) + b"\n")
        for i, r in enumerate(rows):
            if not r.strip():
                continue
            o = json.loads(r)
            text = o["text"].encode()
            put("coder_text", f"{corpus}-{i}", text)
            if o.get("balancer") and o.get("target"):
                put("coder_text", f"{corpus}-{i}-dyad", f"{o['balancer']}\t{o['target']}\t".encode() + text)
    for i, r in enumerate(gold[:6]):
        if r.strip():
            o = json.loads(r)
            put("coder_text", f"gold-{i}", " ".join([o["text"]] * 3).encode())


if __name__ == "__main__":
    main()
