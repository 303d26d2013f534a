//! A POLECAT-style release (tab-separated with a header, Latin-1 text, a stray extra column
//! on some rows) through the whole panel: PLOVER type + mode + context mapping, country
//! codes and names, no Goldstein values (missing, not zero).

use super::*;
use softbalance_core::strategy::StrategyCode::*;

#[test]
fn polecat_release_goes_through_the_panel() {
    let dir = temp();
    let path = dir.path().join("ngec_coded_all_2023.txt");
    let mut b: Vec<u8> = Vec::new();
    b.extend_from_slice(b"Event ID\tEvent Date\tEvent Type\tEvent Mode\tEvent Intensity\tContexts\tActor Name\tActor Country\tRecipient Name\tRecipient Country\n");
    let rows: [&[u8]; 7] = [
        b"e1\t2023-01-05\tSANCTION\t\t-6\teconomic\tJoe Biden\tUSA\tXi Jinping\tCHN\n",
        b"e2\t2023-01-06\tSANCTION\tdiscontinue\t-4\teconomic\tJoe Biden\tUSA\tXi Jinping\tCHN\tstray\n",
        b"e3\t2023-02-01\tACCUSE\t\t-2\t\tS\xe3o Paulo official\tBRA\tXi Jinping\tChina\n",
        b"e4\t2023-02-02\tCONSULT\t\t1\tdiplomatic\tJoe Biden\tUSA\tFumio Kishida\tJPN\n",
        b"e5\t2023-02-03\tCOOPERATE\t\t3\tmilitary\tJoe Biden\tUSA\tFumio Kishida\tJPN\n",
        b"e6\t2023-02-04\tCOERCE\t\t-7\t\tFumio Kishida\tJPN\tXi Jinping\tCHN\n",
        b"e7\t2023-02-05\tDANCE\t\t0\t\tJoe Biden\tUSA\tXi Jinping\tCHN\n",
    ];
    for r in rows {
        b.extend_from_slice(r);
    }
    b.extend_from_slice(b"e8\t2023-13-01\tACCUSE\t\t-2\t\tx\tUSA\ty\tCHN\n");
    std::fs::write(&path, b).unwrap();
    // Row e3 is Latin-1: a counted reject by default, read with --latin1.
    let strict = panel(&[path_str(&path)], |_| {});
    let s = &strict.stats;
    assert_eq!((s.rows_read, s.used, s.unmapped, s.rejected), (8, 5, 1, 2), "{s:?}");
    assert_eq!(s.rejected_by_reason.get("bad encoding"), Some(&1));
    let p = panel(&[path_str(&path)], |o| o.latin1 = true);
    let s = &p.stats;
    assert_eq!((s.rows_read, s.used, s.unmapped, s.rejected), (8, 6, 1, 1), "{s:?}");
    assert_eq!(s.unmapped_codes.get("DANCE"), Some(&1));
    let r = cell(&p, "USA", "CHN", 2023);
    assert_eq!(r.count(ObstructActive), Some(1));
    assert_eq!(r.count(ObstructPassive), Some(1), "SANCTION/discontinue");
    // USA works with JPN, which coerces CHN: one diplomatic (offset) and one military tie.
    assert_eq!(r.count(OffsetExternal), Some(1));
    assert_eq!(r.count(HardExternal), Some(1));
    assert_eq!(r.goldstein_sum, None, "POLECAT has no Goldstein scale");
    assert_eq!(r.goldstein_mean, None);
    assert_eq!(cell(&p, "BRA", "CHN", 2023).count(ObstructActive), Some(1));
}
