//! `softbalance new`: the files of an empty but valid case, with commented example rows that
//! show each table's columns and each indicator kind. Comment lines start with `#`.

/// The new case's states: their names from the gazetteer (the code itself where it has none).
fn names(code: &str) -> (String, String) {
    match softbalance_gazetteer::gazetteer().by_code(code) {
        Some(e) => (e.name_en.clone(), e.name_zh_hant.clone()),
        None => (code.to_string(), String::new()),
    }
}

/// A CSV field: quoted when it holds a comma, a quote or a line break.
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Whether distance plausibly matters in a domain (Walt's proximity): military, security,
/// maritime and territorial domains, by the words of the domain's name (so "software" is not
/// "war" and "research" is not "sea"). Only a default with a comment; the analyst decides.
fn proximity_matters(domain: &str) -> bool {
    const STEMS: [&str; 9] = ["military", "secur", "defen", "maritime", "naval", "border", "territor", "nuclear", "missile"];
    const WORDS: [&str; 6] = ["war", "wars", "arms", "sea", "seas", "navy"];
    domain
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| WORDS.contains(&w) || STEMS.iter().any(|s| w.starts_with(s)))
}

/// (file name, contents) for a new case covering the years `from..=to`.
pub fn new_case(id: &str, balancer: &str, target: &str, domain: &str, from: i32, to: i32) -> Vec<(&'static str, String)> {
    let ((bal_en, bal_zh), (tgt_en, tgt_zh)) = (names(balancer), names(target));
    let (bal_csv, tgt_csv) = (csv_field(&bal_en), csv_field(&tgt_en));
    let title_en = format!("{bal_en} and {tgt_en}: {domain}").replace('"', "'");
    let title_zh = if bal_zh.is_empty() || tgt_zh.is_empty() { String::new() } else { format!("{bal_zh}與{tgt_zh}") };
    let proximity = if proximity_matters(domain) {
        format!("proximity = 0.15          # distance matters in a {domain} domain (Walt): reach, basing, borders; set 0 if it does not")
    } else {
        format!("proximity = 0.0           # distance matters little in a {domain} domain; set above 0 (e.g. 0.15) if reach or borders count")
    };
    let manifest = format!(
        r#"# softbalance case manifest. Every key below [case] is optional; the values shown are the
# defaults (docs/methodology.md explains each). Edit, then run: softbalance check .

[case]
id = "{id}"
title_en = "{title_en}"
title_zh = "{title_zh}"
balancer = "{balancer}"
target = "{target}"
domain = "{domain}"
domain_zh = ""
period = [{from}, {to}]

[threat.weights]          # relative importance of Walt's four components (normalised)
aggregate_power = 0.35
offensive_capability = 0.25
{proximity}
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
# The cooperation areas whose continuation counts as common interest: the fields in which the
# two states worked together before or at the start of the period (indicators of kind
# cooperation with these metrics). A case lists its own from its sources; none are assumed,
# and with none the interests rest on the economic indicators alone. Example:
# areas = ["climate", "public_health", "counterterrorism"]
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
"#
    );
    let sources = "id,author,title,title_zh,publisher,date,url,note\n\
# Every indicator and action cites one of these ids. Example (remove the leading '# '):\n\
# S001,World Bank,World Development Indicators: GDP (current US$),,World Bank,2024-07-01,https://data.worldbank.org/indicator/NY.GDP.MKTP.CD,\n\
# S002,IMF,Direction of Trade Statistics,,International Monetary Fund,2024-07-01,https://data.imf.org/,\n"
        .to_string();
    let actors = format!(
        "id,kind,name_en,name_zh,country\n\
{balancer},state,{bal_csv},{bal_zh},\n\
{target},state,{tgt_csv},{tgt_zh},\n\
# Agencies, firms, organisations and third states used in actions. Examples:\n\
# {balancer}-GOV,agency,Government of {bal_csv},,{balancer}\n\
# OECD,igo,Organisation for Economic Co-operation and Development,經濟合作暨發展組織,\n"
    );
    let indicators = format!(
        "id,component,kind,metric,actor,date,value,unit,label_en,label_zh,source,locator\n\
# One measurement per row; docs/case-format.md lists the kinds. Examples:\n\
# I001,aggregate_power,capability,gdp,{target},{to},1000,billion USD,GDP,國內生產毛額,S001,\n\
# I002,aggregate_power,capability,gdp,{balancer},{to},2000,billion USD,GDP,國內生產毛額,S001,\n\
# I003,aggregate_power,standing,domain_lead,{target},{to},1,coded,Target leads in the domain's key measure,對方在該領域關鍵指標領先,S001,\n\
# I004,offensive_capability,program,weapons_program,{target},{to},2,coded,A relevant weapons program in development,相關武器計畫研發中,S001,\n\
# I005,intentions,perception,official_statement,{balancer},{to},2,coded,Official calls the target a threat,官員稱其為威脅,S001,\n\
# I006,interests,series,goods_exports,{balancer},{to},50000,million USD,Goods exports to target,對其貨物出口,S002,\n\
# I007,interests,rank,trade_partner_rank,{balancer},{to},3,rank,Target's rank among trade partners,貿易夥伴排名,S002,\n\
# I008,interests,cooperation,climate,{balancer},{to},1,coded,Joint climate statement,氣候合作聲明,S001,\n"
    );
    let actions = format!(
        "id,date,actor,target,code,title_en,title_zh,summary_en,summary_zh,partners,section,source,locator\n\
# One observed action per row, hand-coded into one of the nine codes of docs/theory.md §3. Examples:\n\
# A001,{to}-05-15,{balancer},{target},obstruct.active,Export restrictions,出口限制,Restricts exports of key goods to the target,限制對方取得關鍵產品,,,S001,\n\
# A002,{to}-09,{balancer},{target},offset.external,Joint statement with partners,與友邦聯合聲明,Coordinates positions on the target with third states,與第三國協調立場,THIRD1;THIRD2,,S001,\n"
    );
    vec![
        ("case.toml", manifest),
        ("sources.csv", sources),
        ("actors.csv", actors),
        ("indicators.csv", indicators),
        ("actions.csv", actions),
    ]
}
