//! `softbalance new`: the files of an empty but valid case, with commented example rows that
//! show each table's columns and each indicator kind. Comment lines start with `#`.

/// (file name, contents) for a new case.
pub fn new_case(id: &str, balancer: &str, target: &str, domain: &str, year: i32) -> Vec<(&'static str, String)> {
    let manifest = format!(
        r#"# softbalance case manifest. Every key below [case] is optional; the values shown are the
# defaults (docs/methodology.md explains each). Edit, then run: softbalance check .

[case]
id = "{id}"
title_en = "{balancer} and {target} in {domain}"
title_zh = ""
balancer = "{balancer}"
target = "{target}"
domain = "{domain}"
domain_zh = ""
period = [{y0}, {year}]

[threat.weights]          # relative importance of Walt's four components (normalised)
aggregate_power = 0.35
offensive_capability = 0.25
proximity = 0.0           # set above 0 for a domain where distance matters
intentions = 0.40

[threat.thresholds]       # on the threat score in [0, 1]
latent = 0.30
limited = 0.45
severe = 0.80
intent_floor = 0.15       # no perceived hostile intent -> no threat

[interests.weights]
economic = 0.6
cooperation = 0.4

[interests]
areas = ["nuclear", "nonproliferation", "counterterrorism", "climate", "law_enforcement"]

[interests.thresholds]
present = 0.40
strong = 0.70

[robustness]
draws = 5000
seed = 1
weight_spread = 0.5
threshold_spread = 0.05
"#,
        y0 = year - 5
    );
    let sources = "id,author,title,title_zh,publisher,date,url,note\n\
# Every indicator and action cites one of these ids. Example (remove the leading '# '):\n\
# S001,U.S. Census Bureau,Trade in Goods with China,,U.S. Census Bureau,2022-06-07,https://www.census.gov/foreign-trade/balance/c5700.html,\n"
        .to_string();
    let actors = format!(
        "id,kind,name_en,name_zh,country\n\
{balancer},state,{balancer},,\n\
{target},state,{target},,\n\
# Agencies, firms, organisations and third states used in actions. Examples:\n\
# {balancer}-GOV,agency,Government of {balancer},,{balancer}\n\
# OECD,igo,Organisation for Economic Co-operation and Development,經濟合作暨發展組織,\n"
    );
    let indicators = format!(
        "id,component,kind,metric,actor,date,value,unit,label_en,label_zh,source,locator\n\
# One measurement per row; docs/case-format.md lists the kinds. Examples:\n\
# I001,aggregate_power,capability,ai_firms,{target},{year},1454,count,AI firms,人工智慧企業數,S001,p. 9\n\
# I002,aggregate_power,capability,ai_firms,{balancer},{year},2257,count,AI firms,人工智慧企業數,S001,p. 9\n\
# I003,aggregate_power,standing,ai_papers,{target},{year},1,coded,Target publishes more papers,論文產量領先,S001,\n\
# I004,offensive_capability,program,unmanned_systems,{target},{year},2,coded,Unmanned systems in development,無人系統研發,S001,\n\
# I005,intentions,perception,official_statement,{balancer},{year},2,coded,Official calls the target a threat,官員稱其為威脅,S001,\n\
# I006,interests,series,goods_exports,{balancer},{year},151442.2,million USD,Goods exports to target,對其貨物出口,S001,表 1\n\
# I007,interests,rank,trade_partner_rank,{balancer},{year},3,rank,Target's rank among trade partners,貿易夥伴排名,S001,\n\
# I008,interests,cooperation,climate,{balancer},{year},1,coded,Joint climate statement,氣候合作聲明,S001,\n"
    );
    let actions = format!(
        "id,date,actor,target,code,title_en,title_zh,summary_en,summary_zh,partners,section,source,locator\n\
# One observed action per row, hand-coded into one of the nine codes of THEORY.md §3. Examples:\n\
# A001,{year}-05-15,{balancer},{target},obstruct.active,Entity List additions,列入實體清單,Adds the target's firms to an export blacklist,將對方企業列入出口管制清單,,,S001,\n\
# A002,{year}-09,{balancer},{target},offset.external,Joint statement with partners,與友邦聯合聲明,Coordinates positions on the target with third states,與第三國協調立場,JPN;AUS,,S001,\n"
    );
    vec![
        ("case.toml", manifest),
        ("sources.csv", sources),
        ("actors.csv", actors),
        ("indicators.csv", indicators),
        ("actions.csv", actions),
    ]
}
