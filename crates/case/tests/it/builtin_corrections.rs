//! The built-in case as corrected against the paper (issue 8 §1): each correction pinned to
//! the rows it changed, and the new columns `date_basis`, `status` and `url_alt` refused with
//! file, line, field and the allowed values when their values are unknown.

use softbalance_case::{builtin_files, load, CaseFiles, ProblemKind};
use softbalance_core::case::{Case, Component, DateBasis, Indicator, IndicatorKind, IndicatorStatus};
use softbalance_core::{threat, StrategyCode};

fn case() -> Case {
    softbalance_case::load_builtin().expect("the built-in case is valid")
}

fn action<'c>(c: &'c Case, id: &str) -> &'c softbalance_core::case::Action {
    c.actions.iter().find(|a| a.id == id).unwrap_or_else(|| panic!("no action {id}"))
}

/// An indicator whether it is an observation or a projection.
fn indicator<'c>(c: &'c Case, id: &str) -> &'c Indicator {
    c.indicators.iter().chain(&c.projections).find(|i| i.id == id).unwrap_or_else(|| panic!("no indicator {id}"))
}

#[test]
fn oecd_follow_up_adherents_are_not_a_us_action() {
    let c = case();
    // The paper names Egypt, Malta, Singapore and Ukraine as the states that followed (n. 159);
    // no US step is reported, so the row is folded into the US-backed Recommendation (A073).
    assert!(c.actions.iter().all(|a| a.id != "A074"), "A074 no longer claims a US action");
    let a = action(&c, "A073");
    assert_eq!((a.actor.as_str(), a.code), ("USA", StrategyCode::Institutional));
    for s in ["EGY", "MLT", "SGP", "UKR"] {
        assert!(a.partners.iter().any(|p| p == s), "{s} among A073's partners");
    }
    assert!(a.sources.iter().any(|s| s == "oecd2021") && a.locator.contains("n. 159"));
    assert!(a.friction.is_some(), "A073 keeps its friction-test features");
    assert!(!c.actions.iter().any(|a| a.summary_zh.contains("跟進簽署") && a.id != "A073"));
}

#[test]
fn the_trade_war_starts_in_2018_by_inference() {
    let c = case();
    let a = action(&c, "A078");
    assert_eq!(a.date.to_string(), "2018");
    assert_eq!(a.date_basis, Some(DateBasis::Inferred));
    assert!(a.summary_en.contains("2019-06-24"), "the commentary's date is kept visible");
}

#[test]
fn dates_taken_from_a_source_say_so() {
    let c = case();
    for id in ["A045", "A047"] {
        assert_eq!(action(&c, id).date_basis, Some(DateBasis::Publication), "{id}");
    }
    assert_eq!(action(&c, "A073").date_basis, Some(DateBasis::Event));
    // Every indicator and action of the built-in case states its date basis.
    assert!(c.actions.iter().all(|a| a.date_basis.is_some()));
    assert!(c.indicators.iter().chain(&c.projections).all(|i| i.date_basis.is_some()));
    assert!(softbalance_case::warnings(&c).iter().all(|w| !w.message.contains("date_basis")));
}

#[test]
fn the_2021_market_size_is_a_forecast_and_not_counted_in_aggregate_power() {
    let c = case();
    let i = indicator(&c, "I017");
    assert_eq!(i.status, IndicatorStatus::Projected);
    assert!(c.indicators.iter().all(|x| x.id != "I017" && x.id != "I018"), "projections are not observations");
    assert!(c.indicators_of(Component::AggregatePower, IndicatorKind::Growth).next().is_none());
    let t = threat::assess(&c, &c.params);
    let power = &t.components["aggregate_power"];
    assert!(!power.evidence.iter().any(|e| e == "I017" || e == "I018"), "{:?}", power.evidence);
    assert!(power.score.is_some(), "aggregate power still rests on the observed measures");
    // The forecasts are not reported as dated after the period either.
    assert!(softbalance_case::warnings(&c).iter().all(|w| !w.message.contains("I018")));
}

#[test]
fn the_authors_conclusion_is_attributed_to_the_author() {
    let c = case();
    let i = indicator(&c, "I054");
    assert_eq!(i.sources, ["chang2022"]);
    assert_eq!(i.status, IndicatorStatus::Assessment);
    assert!(i.locator.contains("n. 97") && i.locator.contains("參.一"), "{}", i.locator);
    assert_eq!(indicator(&c, "I009").status, IndicatorStatus::Assessment);
}

#[test]
fn statements_not_about_ai_intent_are_recoded() {
    let c = case();
    for id in ["I051", "I052", "I056"] {
        assert!(c.indicators.iter().all(|i| i.id != id), "{id} (trade or nuclear, not AI) is retired");
    }
    let i055 = indicator(&c, "I055");
    assert_eq!((i055.component, i055.kind, i055.metric.as_str()), (Component::Interests, IndicatorKind::Cooperation, "nonproliferation"));
    for id in ["I040", "I049"] {
        let i = indicator(&c, id);
        assert_eq!((i.component, i.value), (Component::Intentions, 0.0), "{id} names no hostile intent");
    }
    let perceptions = c.indicators_of(Component::Intentions, IndicatorKind::Perception).count();
    assert_eq!(perceptions, 24, "28 statements less I051, I052, I055, I056");
}

#[test]
fn a012_is_a_company_and_a019_keeps_both_dates() {
    let c = case();
    let a = action(&c, "A012");
    assert!(a.title_en.contains("Company") && !a.title_en.contains("Institute"), "{}", a.title_en);
    assert_eq!(a.summary_zh, "以損害國家安全與外交政策利益為由，將華北集成電路公司等 44 間中國機構與企業列入實體清單。", "表 3 text stays exact");
    let a = action(&c, "A019");
    assert_eq!(a.date.to_string(), "2020-06-24", "表 3's date");
    assert!(a.locator.contains("2020/6/24") && a.locator.contains("2020-06-12"), "{}", a.locator);
    let dod = c.source("dod2020-1237").unwrap();
    assert_eq!(dod.date.map(|d| d.to_string()).as_deref(), Some("2020-06-12"), "n. 150's date");
}

#[test]
fn sources_keep_both_urls_where_footnote_and_bibliography_differ() {
    let c = case();
    let s = c.source("mfa2022").unwrap();
    assert_eq!(s.url, "https://www.fmprc.gov.cn/wjbxw_new/202206/t20220619_10706065.shtml");
    assert_eq!(s.url_alt, ["https://www.fmprc.gov.cn/web/wjb_673085/zfxgk_674865/gknrlb/tywj/zcwj/202206/t20220619_10469511.shtml"]);
    let g7 = c.source("eucouncil2021-g7").unwrap();
    assert_eq!(g7.url_alt.len(), 2, "footnote and bibliography both misprint the address");
    for id in ["trump2020-eo13959", "nscai2021-gets", "wang2018-talent", "zhang2021-war", "blinken2021"] {
        let s = c.source(id).unwrap();
        assert_eq!(s.url_alt.len(), 1, "{id}");
        assert!(s.note.contains("url_alt"), "{id}: the note says which address is whose");
    }
}

#[test]
fn the_papers_tables_stay_exact() {
    let c = case();
    let in_table = |t: &str| c.actions.iter().filter(|a| a.section.replace(' ', "") == t).count();
    assert_eq!((in_table("表2"), in_table("表3")), (11, 22));
    let series = |m: &str| c.indicators.iter().filter(|i| i.metric == m && i.kind == IndicatorKind::Series).count();
    assert_eq!((series("goods_exports"), series("goods_imports")), (7, 7));
}

// ---- the new columns, refused strictly

fn edited(name: &'static str, f: impl Fn(&str) -> String) -> CaseFiles {
    let mut files = builtin_files();
    let text = String::from_utf8(files.files[name].clone().unwrap()).unwrap();
    files.files.insert(name, Some(f(&text).into_bytes()));
    files
}

/// The 1-based line of the first line containing `needle`.
fn line_of(files: &CaseFiles, name: &str, needle: &str) -> u64 {
    let text = String::from_utf8(files.files[name].clone().unwrap()).unwrap();
    text.lines().position(|l| l.contains(needle)).unwrap() as u64 + 1
}

#[test]
fn an_unknown_date_basis_is_refused_with_the_allowed_values() {
    let files = edited("actions.csv", |t| t.replacen(",inferred\n", ",guessed\n", 1));
    let line = line_of(&files, "actions.csv", ",guessed");
    let err = load(&files).unwrap_err();
    assert_eq!(err.problems.len(), 1, "{err}");
    let p = &err.problems[0];
    assert_eq!((p.kind, p.line, p.field.as_deref()), (ProblemKind::Value, Some(line), Some("date_basis")));
    assert_eq!(err.exit_code(), 6);
    let msg = p.to_string();
    assert!(msg.starts_with(&format!("builtin:us-china-ai/actions.csv:{line}: field date_basis:")), "{msg}");
    assert!(msg.contains("\"guessed\"") && msg.contains("event, publication, inferred"), "{msg}");
}

#[test]
fn an_unknown_status_is_refused_with_the_allowed_values() {
    let files = edited("indicators.csv", |t| t.replacen(",projected\n", ",forecast\n", 1));
    let line = line_of(&files, "indicators.csv", ",forecast");
    let err = load(&files).unwrap_err();
    assert_eq!(err.problems.len(), 1, "{err}");
    let p = &err.problems[0];
    assert_eq!((p.line, p.field.as_deref()), (Some(line), Some("status")));
    assert!(p.message.contains("observed, projected, assessment"), "{}", p.message);
}

#[test]
fn url_alt_must_be_web_addresses_beside_a_url() {
    let files = edited("sources.csv", |t| t.replacen("https://www.nsc.ai.gov/all-events/summit/", "www.nsc.ai.gov", 1));
    let err = load(&files).unwrap_err();
    let p = &err.problems[0];
    assert_eq!((p.field.as_deref(), p.line), (Some("url_alt"), Some(line_of(&files, "sources.csv", "nscai2021-gets"))));
    assert!(p.message.contains("http:// or https://"), "{}", p.message);
    // An alternative that repeats url, or one without a url at all.
    let files = edited("sources.csv", |t| {
        t.replacen("https://www.nsc.ai.gov/all-events/summit/", "https://www.nscai.gov/all-events/summit/", 1)
    });
    assert!(load(&files).unwrap_err().problems[0].message.contains("repeats url"));
    let files = edited("sources.csv", |t| t.replacen("https://www.nscai.gov/all-events/summit/,https://www.nsc", ",https://www.nsc", 1));
    assert!(load(&files).unwrap_err().problems[0].message.contains("url is empty"));
}

#[test]
fn folders_without_the_new_columns_load_unchanged() {
    // Drop the three columns from every table: the case loads, every row observed, no basis.
    let strip = |text: &str, cols: &[&str]| {
        let mut rdr = csv::ReaderBuilder::new().from_reader(text.as_bytes());
        let headers = rdr.headers().unwrap().clone();
        let keep: Vec<usize> = (0..headers.len()).filter(|i| !cols.contains(&&headers[*i])).collect();
        let mut out = csv::Writer::from_writer(Vec::new());
        out.write_record(keep.iter().map(|i| &headers[*i])).unwrap();
        for r in rdr.records() {
            let r = r.unwrap();
            out.write_record(keep.iter().map(|i| &r[*i])).unwrap();
        }
        String::from_utf8(out.into_inner().unwrap()).unwrap()
    };
    let mut files = builtin_files();
    for (name, cols) in [("indicators.csv", &["date_basis", "status"][..]), ("actions.csv", &["date_basis"]), ("sources.csv", &["url_alt"])] {
        let text = String::from_utf8(files.files[name].clone().unwrap()).unwrap();
        files.files.insert(name, Some(strip(&text, cols).into_bytes()));
    }
    let c = load(&files).expect("the old format still loads");
    assert!(c.projections.is_empty() && c.indicators.iter().all(|i| i.status == IndicatorStatus::Observed && i.date_basis.is_none()));
    assert!(c.sources.iter().all(|s| s.url_alt.is_empty()));
    assert!(softbalance_case::warnings(&c).iter().all(|w| !w.message.contains("date_basis")), "no new warning for old cases");
}

#[test]
fn a_table_that_uses_date_basis_names_its_rows_without_one() {
    let files = edited("actions.csv", |t| t.replacen(",event\n", ",\n", 1));
    let c = load(&files).unwrap();
    let w = softbalance_case::warnings(&c);
    let hit: Vec<_> = w.iter().filter(|w| w.message.contains("date_basis")).collect();
    assert_eq!(hit.len(), 1, "{w:?}");
    assert_eq!(hit[0].file, "actions.csv");
    assert!(hit[0].message.starts_with("A001 "), "{}", hit[0].message);
}

#[test]
fn the_omitted_evidence_is_present_and_cited() {
    let c = case();
    let cited = |i: &Indicator| {
        assert!(!i.locator.is_empty() && !i.label_en.is_empty() && !i.label_zh.is_empty(), "{}", i.id);
        assert!(i.sources.iter().all(|s| c.source(s).is_some()), "{}", i.id);
        assert!(i.date_basis.is_some(), "{}", i.id);
    };
    for n in 105..=119 {
        cited(indicator(&c, &format!("I{n}")));
    }
    let sources_of = |id: &str| indicator(&c, id).sources.clone();
    // China's stated ambitions (參.一.(一), n. 73-74): the 2030 goal is a goal, not an observation.
    assert_eq!(indicator(&c, "I105").status, IndicatorStatus::Projected);
    for (id, src) in [("I106", "prc-sc2017-aidp"), ("I107", "prc-sc2015-mic2025"), ("I108", "prc-gov2016-internetplus"), ("I109", "xi2017-bri"), ("I110", "people2019-cyberpower")] {
        assert!(sources_of(id).iter().any(|s| s == src), "{id} cites {src}");
    }
    // Closing gaps: majors, talent, pilot zones.
    for (id, src) in [("I111", "cna2021"), ("I112", "cyranoski2018"), ("I113", "people2021-pilotzones")] {
        assert!(sources_of(id).iter().any(|s| s == src), "{id} cites {src}");
    }
    // NSCAI: compete without cutting off exchanges (interest-preserving).
    let i116 = indicator(&c, "I116");
    assert_eq!((i116.component, i116.actor.as_str()), (Component::Interests, "USA-NSCAI"));
    // China's responses and the outlook in 伍.
    for id in ["I114", "I115", "I117", "I118", "I119"] {
        assert!(indicator(&c, id).locator.starts_with('伍'), "{id}");
    }
    assert_eq!(indicator(&c, "I119").status, IndicatorStatus::Projected, "the arms-race outlook is a projection");
    // The sanctioned AI champions are actors, placed in the listings' friction features.
    for firm in ["CHN-IFLYTEK", "CHN-CLOUDWALK", "CHN-MEGVII", "CHN-YITU", "CHN-SENSETIME"] {
        let a = c.actor(firm).unwrap_or_else(|| panic!("{firm}"));
        assert_eq!(a.country.as_deref(), Some("CHN"));
        assert!(!a.name_zh.is_empty());
    }
    let f = action(&c, "A016").friction.as_ref().unwrap();
    assert!(f.sources.iter().any(|s| s == "fpa2021") && f.locator.contains("n. 153"));
}

#[test]
fn the_corrected_case_still_reads_limited_strong_soft() {
    use softbalance_core::{decision, interests, observed, Response};
    let c = case();
    let t = threat::assess(&c, &c.params);
    assert_eq!(t.level, threat::ThreatLevel::Limited);
    assert!((t.score - 0.691).abs() < 0.0005, "threat {}", t.score);
    let i = interests::assess(&c, &c.params);
    assert_eq!(i.level, interests::InterestLevel::Strong);
    assert!((i.score - 0.940).abs() < 0.0005, "interests {}", i.score);
    let (predicted, _) = decision::decide(t.level, i.level, t.target_power_share, c.params.method.much_stronger_share);
    assert_eq!(predicted, Response::Soft);
    let o = observed::profile(&c);
    assert_eq!((o.response, o.total), (Response::Soft, 83));
    assert_eq!((o.friction.passed, o.friction.balancing_actions), (37, 76));
}

#[test]
fn a_long_list_of_rows_without_date_basis_is_shortened() {
    let files = edited("indicators.csv", |t| t.replace(",publication,", ",,"));
    let c = load(&files).unwrap();
    let w = softbalance_case::warnings(&c);
    let hit = w.iter().find(|w| w.message.contains("date_basis")).expect("a warning");
    assert_eq!(hit.file, "indicators.csv");
    assert!(hit.message.contains("and 31 more rows"), "{}", hit.message);
}
