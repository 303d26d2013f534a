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
# The cooperation areas whose continuation counts as common interest (indicators of kind
# cooperation with these metrics). A case lists its own; none are assumed. Example:
# areas = ["climate", "nonproliferation", "public_health"]
areas = []

[interests.thresholds]
present = 0.40
strong = 0.70

# The method's constants (docs/methodology.md §6); uncomment to change one.
[method]
# power_level_weight = 0.7      # level against trend in aggregate power
# growth_reference = 0.20       # target growth a year at which the power trend saturates
# intent_saturation = 3.0       # statements at a perception level that make it half established
# program_saturation = 3.0      # programs at a development level that make it half established
# proximity_horizon_km = 10000  # distance at which proximity falls to 0
# much_stronger_share = 0.667   # target's capability share that counts as much stronger
# trend_reference = 0.10        # growth of a trade series at which its trend scores 1
# dependence_reference = 0.15   # flow over the balancer's trade or GDP that counts fully
# rank_cuts = [3, 10, 25]       # partner-rank steps ...
# rank_scores = [1.0, 0.6, 0.3, 0.1]  # ... and their scores
# min_coverage = 0.6            # share of the threat weight that must rest on evidence

# How the record of actions is read (docs/methodology.md §4).
[observed]
# min_actions = 5               # fewest actions by the balancer for any observed outcome
# min_years = 2                 # ... and distinct years
# min_balancing_share = 0.4     # balancing below this share of the record reads `none`
# mixed_hard_share = 0.333      # hard share of balancing from which the record is `mixed`
# hard_share = 0.667            # ... and `hard`
# friction_corroboration = 1    # corroborating features a targeted action needs (friction test)
# friction_corroboration_with_alternative = 2

# [observed.magnitude]          # default weight of one action per code (1 = ordinary)
# "obstruct.active" = 1.5
# "hard.internal" = 2.0
# "hard.external" = 3.0         # a formal alliance outweighs a speech

[robustness]
draws = 5000
seed = 1
weight_spread = 0.5
threshold_spread = 0.05
# method_spread = 0.2           # each method constant multiplied by U(1 - s, 1 + s)
# ordinal_step = 0.1            # probability a coded ordinal value moves one step
# bootstrap = true              # resample evidence units and actions in every draw
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
# One observed action per row, hand-coded into one of the nine codes of docs/theory.md §3. Examples:\n\
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
