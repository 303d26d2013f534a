//! Code lookups: COW and GW by year, CAMEO codes, names, group membership.

use softbalance_gazetteer::{gazetteer, EntityKind};

#[track_caller]
fn cow(iso3: &str, year: i32, expected: Option<(u16, &str)>) {
    let g = gazetteer();
    let got = g.cow_code(iso3, year).map(|c| (c, g.cow_abb(iso3, year).unwrap()));
    assert_eq!(got, expected, "cow({iso3}, {year})");
}

#[track_caller]
fn gw(iso3: &str, year: i32, expected: Option<u16>) {
    assert_eq!(gazetteer().gw_code(iso3, year), expected, "gw({iso3}, {year})");
}

#[test]
fn germany() {
    cow("DEU", 1930, Some((255, "GMY")));
    cow("DEU", 1950, None);
    cow("DEU", 1980, Some((260, "GFR")));
    cow("DEU", 1990, Some((255, "GMY")));
    cow("DEU", 2000, Some((255, "GMY")));
    cow("DDR", 1980, Some((265, "GDR")));
    cow("DDR", 1991, None);
    gw("DEU", 1930, Some(255));
    gw("DEU", 1950, Some(260));
    gw("DEU", 1980, Some(260));
    gw("DEU", 2000, Some(260));
    gw("DDR", 1950, Some(265));
}

#[test]
fn russia_and_the_soviet_union() {
    cow("RUS", 1900, Some((365, "RUS")));
    cow("RUS", 1980, Some((365, "RUS")));
    cow("SUN", 1980, Some((365, "RUS")));
    cow("RUS", 2020, Some((365, "RUS")));
    cow("SUN", 1995, None);
    gw("RUS", 2020, Some(365));
    gw("SUN", 1980, Some(365));
    assert_eq!(gazetteer().from_cow(365, 1980).unwrap().code, "SUN");
    assert_eq!(gazetteer().from_cow(365, 2000).unwrap().code, "RUS");
}

#[test]
fn serbia_and_yugoslavia() {
    cow("SRB", 2010, Some((345, "YUG")));
    cow("YUG", 1980, Some((345, "YUG")));
    cow("YUG", 2010, None);
    gw("SRB", 2010, Some(340));
    gw("SRB", 2006, Some(340));
    gw("SRB", 2000, Some(345));
    gw("YUG", 1980, Some(345));
    gw("MNE", 2010, Some(341));
    cow("MNE", 2010, Some((341, "MNG")));
    assert_eq!(gazetteer().from_gw(340, 2010).unwrap().code, "SRB");
    assert_eq!(gazetteer().from_gw(345, 1990).unwrap().code, "YUG");
}

#[test]
fn vietnam() {
    cow("VNM", 1970, Some((816, "DRV")));
    cow("RVN", 1970, Some((817, "RVN")));
    cow("VNM", 1990, Some((816, "DRV")));
    cow("RVN", 1990, None);
    gw("VNM", 1970, Some(816));
    gw("RVN", 1970, Some(817));
}

#[test]
fn yemen() {
    cow("YEM", 1985, Some((678, "YAR")));
    cow("YMD", 1985, Some((680, "YPR")));
    cow("YEM", 1995, Some((679, "YEM")));
    cow("YMD", 1995, None);
    gw("YEM", 1985, Some(678));
    gw("YEM", 1995, Some(678));
    gw("YMD", 1985, Some(680));
}

#[test]
fn other_states() {
    cow("USA", 2020, Some((2, "USA")));
    cow("CHN", 2020, Some((710, "CHN")));
    cow("TWN", 2020, Some((713, "TAW")));
    cow("KOR", 2020, Some((732, "ROK")));
    cow("JPN", 1950, None);
    cow("CZE", 2000, Some((316, "CZR")));
    cow("CSK", 1980, Some((315, "CZE")));
    cow("PSE", 2020, None);
    cow("usa", 2020, Some((2, "USA")));
    assert_eq!(gazetteer().cow_code("EU", 2020), None);
    assert_eq!(gazetteer().cow_code("XXX", 2020), None);
}

#[track_caller]
fn cameo(code: &str, expected: Option<&str>) {
    assert_eq!(gazetteer().from_cameo(code).map(|e| e.code.as_str()), expected, "from_cameo({code})");
}

#[test]
fn cameo_codes() {
    cameo("USA", Some("USA"));
    cameo("CHN", Some("CHN"));
    cameo("USAGOV", Some("USA"));
    cameo("CHNMIL", Some("CHN"));
    cameo("usagov", Some("USA"));
    cameo("IGOEUREEC", Some("EU"));
    cameo("IGOUNO", Some("UN"));
    cameo("IGOUNOKID", Some("UN"));
    cameo("IGOUNOHLHWHO", Some("WHO"));
    cameo("IGOUNOIAE", Some("IAEA"));
    cameo("IGOWSTNAT", Some("NATO"));
    cameo("IGOSEAASN", Some("ASEAN"));
    cameo("IGOGOS", Some("G7"));
    cameo("IGOCASCIS", Some("CIS"));
    cameo("IGOCAS", Some("SCO"));
    cameo("ROM", Some("ROU"));
    cameo("ZAR", Some("COD"));
    cameo("KSV", Some("XKX"));
    cameo("SCG", Some("YUG"));
    cameo("GMW", Some("DEU"));
    cameo("GMWGOV", Some("DEU"));
    cameo("USRARM", Some("SUN"));
    cameo("GOV", None);
    cameo("MIL", None);
    cameo("BUS", None);
    cameo("IGO", None);
    cameo("MNCUSA", None);
    cameo("", None);
    cameo("US", None);
}

#[track_caller]
fn name(n: &str, expected: Option<&str>) {
    assert_eq!(gazetteer().from_name(n).map(|e| e.code.as_str()), expected, "from_name({n:?})");
}

#[test]
fn names() {
    name("United States", Some("USA"));
    name("united states", Some("USA"));
    name("Russian Federation", Some("RUS"));
    name("Occupied Palestinian Territory", Some("PSE"));
    name("China", Some("CHN"));
    name("Moldova, Republic of", Some("MDA"));
    name("the former Yugoslav Republic of Macedonia", Some("MKD"));
    name("Democratic Republic of Congo", Some("COD"));
    name("Congo", Some("COG"));
    name("Cote d'Ivoire", Some("CIV"));
    name("Swaziland", Some("SWZ"));
    name("Holy See", Some("VAT"));
    name("Hong Kong", Some("HKG"));
    name("美國", Some("USA"));
    name("美国", Some("USA"));
    name("華府", Some("USA"));
    name("  Japan ", Some("JPN"));
    name("EU", Some("EU"));
    name("Sao Tome & Principe", Some("STP"));
    name("São Tomé and Príncipe", Some("STP"));
    name("St. Lucia", Some("LCA"));
    name("St Kitts and Nevis", Some("KNA"));
    name("Trinidad & Tobago", Some("TTO"));
    name("Côte d’Ivoire", Some("CIV"));
    name("Türkiye", Some("TUR"));
    name("Korea, Rep.", Some("KOR"));
    name("Congo, Dem. Rep.", Some("COD"));
    name("USSR", Some("SUN"));
    name("Soviet Union", Some("SUN"));
    name("East Germany", Some("DDR"));
    name("West Germany", Some("DEU"));
    name("Serbia and Montenegro", Some("YUG"));
    name("Czechoslovakia", Some("CSK"));
    name("South Vietnam", Some("RVN"));
    name("North Yemen", Some("YEM"));
    name("South Yemen", Some("YMD"));
    name("Republic of China", Some("TWN"));
    name("中華民國", Some("TWN"));
    name("臺灣", Some("TWN"));
    name("台湾", Some("TWN"));
    name("北約", Some("NATO"));
    name("Korea", None);
    name("Atlantis", None);
}

#[test]
fn entities_and_groups() {
    let g = gazetteer();
    let usa = g.by_code("usa").unwrap();
    assert_eq!((usa.kind, usa.name_zh_hant.as_str(), usa.name_zh_hans.as_str()), (EntityKind::State, "美國", "美国"));
    assert_eq!(g.by_code("TWN").unwrap().kind, EntityKind::Territory);
    assert_eq!(g.by_code("nato").unwrap().kind, EntityKind::Igo);
    assert_eq!(g.by_code("Quad").unwrap().kind, EntityKind::Group);
    assert_eq!(g.by_code("QUAD").unwrap().members, ["USA", "JPN", "IND", "AUS"]);
    assert_eq!(g.by_code("AUKUS").unwrap().members, ["AUS", "GBR", "USA"]);
    assert_eq!(g.by_code("G7").unwrap().members.len(), 7);
    assert_eq!(g.by_code("EU").unwrap().members.len(), 27);
    assert_eq!(g.by_code("NATO").unwrap().members.len(), 32);
    assert_eq!(g.by_code("UN").unwrap().members.len(), 193);
    assert_eq!(g.by_code("OECD").unwrap().members.len(), 38);
    assert_eq!(g.by_code("G20").unwrap().members.len(), 19);
    assert_eq!(g.by_code("ASEAN").unwrap().members.len(), 11);
    assert_eq!(g.by_code("BRICS").unwrap().members.len(), 10);
    assert_eq!(g.by_code("SCO").unwrap().members.len(), 10);
    assert_eq!(g.members_in("G8", 2010).len(), 8);
    assert_eq!(g.members_in("G8", 2015).len(), 7);
    assert!(g.members_in("EU", 2015).contains(&"GBR"));
    assert!(!g.members_in("EU", 2021).contains(&"GBR"));
    assert_eq!(g.members_in("EU", 1960).len(), 6);
    assert!(!g.members_in("NATO", 2020).contains(&"FIN"));
    assert_eq!(g.iso2("USA"), Some("US"));
    assert_eq!(g.by_code("US"), None);
}

#[track_caller]
fn as_of(code: &str, year: i32, expected: &str) {
    assert_eq!(gazetteer().as_of(code, year).map(|e| e.code.as_str()), Some(expected), "as_of({code}, {year})");
}

#[test]
fn acting_entity_by_year() {
    as_of("RUS", 1963, "SUN");
    as_of("RUS", 1995, "RUS");
    as_of("RUS", 1900, "RUS");
    as_of("UKR", 1980, "SUN");
    as_of("EST", 1980, "SUN");
    as_of("SRB", 1990, "YUG");
    as_of("SRB", 2010, "SRB");
    as_of("HRV", 1990, "YUG");
    as_of("XKX", 2007, "SRB");
    as_of("CZE", 1920, "CSK");
    as_of("SVK", 2000, "SVK");
    as_of("USA", 1963, "USA");
    as_of("EU", 1963, "EU");
    assert_eq!(gazetteer().as_of("XXX", 2000), None);
}
