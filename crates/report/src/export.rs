//! Tidy exports for R and pandas (`softbalance export`): one CSV per table, long format, keyed
//! by case, year and ISO3/COW codes, with a data dictionary. Rendering only: the CLI writes
//! the files.

use crate::json::Agreement;
use softbalance_core::observed::counts_for_balancer;
use softbalance_core::{Analysis, Case, StrategyCode};

/// (file name, columns with their meaning).
pub const DICTIONARY: &[(&str, &[(&str, &str)])] = &[
    ("actions.csv", &[
        ("case", "case id"), ("action", "action id in the case's actions.csv"), ("date", "as recorded: YYYY, YYYY-MM or YYYY-MM-DD"),
        ("year", "year of the date"), ("actor", "actor id"), ("balancer_iso3", "the case's balancer"), ("balancer_cow", "its Correlates of War code in that year (empty if none)"),
        ("target_iso3", "the case's target"), ("target_cow", "its COW code in that year"), ("code", "hand-coded strategy code"),
        ("family", "offsetting, obstruction, institutional, hard, non_balancing"), ("part", "soft, hard, friction or cooperation"),
        ("magnitude", "weight the action counts with"), ("counts", "true when the actor is the balancer or its agency"),
        ("friction_test", "balancing, friction, ambiguous or not_assessed"), ("friction_rule", "the rule that decided"),
        ("coder_label", "the text coder's code (empty when the coder did not run)"), ("title_en", "English title"), ("title_zh", "Chinese title"),
        ("sources", "source ids, ';'-separated"),
    ]),
    ("indicators.csv", &[
        ("case", "case id"), ("indicator", "indicator id"), ("component", "aggregate_power, offensive_capability, proximity, intentions, interests"),
        ("kind", "how the value is read (docs/case-format.md)"), ("metric", "what is measured"), ("actor", "whose measure"),
        ("actor_iso3", "the actor's state"), ("year", "year of the date"), ("date", "as recorded"), ("value", "the number"), ("unit", "unit"),
        ("component_score", "the component's score on all the evidence (empty = missing)"), ("component_weight", "its normalised weight (interests: empty)"),
        ("label_en", "what the row says"), ("label_zh", "the same in Chinese"), ("sources", "source ids"),
    ]),
    ("by_year.csv", &[
        ("case", "case id"), ("year", "year"), ("balancer_iso3", ""), ("balancer_cow", ""), ("target_iso3", ""), ("target_cow", ""),
        ("code", "strategy code"), ("actions", "the balancer's actions of this code in this year"), ("magnitude", "their summed magnitude"),
    ]),
    ("timeline.csv", &[
        ("case", "case id"), ("year", "year: the model on the evidence dated up to it"), ("threat_level", ""), ("threat_score", ""),
        ("missing", "components without evidence, ';'-separated"), ("interest_level", ""), ("interest_score", ""), ("prediction", ""),
        ("actions_in_year", ""), ("soft_share_cumulative", "by magnitude"), ("hard_share_cumulative", "by magnitude"),
        ("observed_cumulative", "the observed outcome on the actions up to this year"), ("shift", "toward_hard, toward_soft or empty"),
    ]),
    ("robustness.csv", &[
        ("case", "case id"), ("quantity", "predicted, observed or threat_level"), ("outcome", ""), ("share", "share of draws"),
        ("draws", "number of draws"), ("seed", "seed"),
    ]),
    ("sensitivity.csv", &[
        ("case", "case id"), ("rank", "1 = most influential"), ("change", "the single change tried"), ("kind", "drop_indicator, drop_action, drop_source, move_parameter"),
        ("id", "indicator, action, source id or parameter key"), ("to_value", "parameter value that flips (empty otherwise)"),
        ("prediction_to", "the prediction after the change, when it flips"), ("observed_to", "the observed outcome after, when it flips"), ("influence", ""),
    ]),
];

fn table(header: &[&str], rows: Vec<Vec<String>>) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(header).expect("in memory");
    for r in rows {
        w.write_record(&r).expect("in memory");
    }
    String::from_utf8(w.into_inner().expect("in memory")).expect("UTF-8 in, UTF-8 out")
}

fn header(file: &str) -> Vec<&'static str> {
    DICTIONARY.iter().find(|d| d.0 == file).map(|d| d.1.iter().map(|c| c.0).collect()).unwrap_or_default()
}

fn opt(v: Option<f64>) -> String {
    v.map(|x| format!("{x}")).unwrap_or_default()
}

/// Every export file: (name, CSV text).
pub fn csv_files(case: &Case, a: &Analysis, agreement: Option<&Agreement>) -> Vec<(&'static str, String)> {
    let g = softbalance_gazetteer::gazetteer();
    let m = &case.meta;
    let cow = |iso: &str, y: i32| g.cow_code(iso, y).map(|c| c.to_string()).unwrap_or_default();
    let id = m.id.clone();
    let state_of = |actor: &str| case.actor(actor).and_then(|x| x.country.clone()).unwrap_or_else(|| actor.to_string());
    let part = |c: StrategyCode| if c.is_soft() { "soft" } else if c.is_hard() { "hard" } else if c == StrategyCode::Friction { "friction" } else { "cooperation" };
    let mut out = Vec::new();
    let rows = case
        .actions
        .iter()
        .map(|x| {
            let y = x.date.year;
            let f = a.observed.friction.per_action.iter().find(|(i, _)| i == &x.id);
            let coder = agreement.map(|ag| {
                ag.disagreements.iter().find(|d| d.id == x.id).map(|d| d.machine.clone()).unwrap_or_else(|| x.code.as_str().to_string())
            });
            vec![
                id.clone(), x.id.clone(), x.date.to_string(), y.to_string(), x.actor.clone(), m.balancer.clone(), cow(&m.balancer, y),
                m.target.clone(), cow(&m.target, y), x.code.as_str().into(), x.code.family().as_str().into(), part(x.code).into(),
                format!("{}", case.magnitude(x)), counts_for_balancer(case, x).to_string(),
                f.map(|f| f.1.outcome.as_str().to_string()).unwrap_or_else(|| "not_assessed".into()),
                f.map(|f| crate::words::friction_rule(&f.1)).unwrap_or_default(), coder.unwrap_or_default(),
                x.title_en.clone(), x.title_zh.clone(), x.sources.join(";"),
            ]
        })
        .collect();
    out.push(("actions.csv", table(&header("actions.csv"), rows)));
    let rows = case
        .indicators
        .iter()
        .map(|x| {
            let (score, weight) = match a.threat.components.get(x.component.as_str()) {
                Some(c) => (opt(c.score), format!("{}", c.weight)),
                None => (format!("{}", a.interests.score), String::new()),
            };
            vec![
                id.clone(), x.id.clone(), x.component.as_str().into(), x.kind.as_str().into(), x.metric.clone(), x.actor.clone(),
                state_of(&x.actor), x.date.year.to_string(), x.date.to_string(), format!("{}", x.value), x.unit.clone(), score, weight,
                x.label_en.clone(), x.label_zh.clone(), x.sources.join(";"),
            ]
        })
        .collect();
    out.push(("indicators.csv", table(&header("indicators.csv"), rows)));
    let mut rows = Vec::new();
    for (y, codes) in &a.observed.by_year {
        for c in StrategyCode::ALL {
            let n = codes.get(c.as_str()).copied().unwrap_or(0);
            let mag: f64 = case
                .actions
                .iter()
                .filter(|x| x.date.year == *y && x.code == c && counts_for_balancer(case, x))
                .map(|x| case.magnitude(x))
                .sum();
            rows.push(vec![
                id.clone(), y.to_string(), m.balancer.clone(), cow(&m.balancer, *y), m.target.clone(), cow(&m.target, *y),
                c.as_str().into(), n.to_string(), format!("{mag}"),
            ]);
        }
    }
    out.push(("by_year.csv", table(&header("by_year.csv"), rows)));
    let rows = softbalance_core::timeline::by_year(case)
        .into_iter()
        .map(|r| {
            let s = r.cumulative_mix.shares();
            vec![
                id.clone(), r.year.to_string(), r.threat_level.as_str().into(), format!("{}", r.threat_score), r.missing.join(";"),
                r.interest_level.as_str().into(), format!("{}", r.interest_score), r.prediction.as_str().into(), r.actions_in_year.to_string(),
                format!("{}", s.soft), format!("{}", s.hard), r.observed_cumulative.as_str().into(),
                r.shift.map(|s| if s.toward_hard { "toward_hard" } else { "toward_soft" }.to_string()).unwrap_or_default(),
            ]
        })
        .collect();
    out.push(("timeline.csv", table(&header("timeline.csv"), rows)));
    let r = &a.prediction.robustness;
    let mut rows = Vec::new();
    for (q, m) in [("predicted", &r.response_shares), ("observed", &r.observed_shares), ("threat_level", &r.threat_level_shares)] {
        for (k, v) in m {
            rows.push(vec![id.clone(), q.into(), k.clone(), format!("{v}"), r.draws.to_string(), r.seed.to_string()]);
        }
    }
    out.push(("robustness.csv", table(&header("robustness.csv"), rows)));
    let rows = crate::json::sensitivity_rows(a)
        .into_iter()
        .enumerate()
        .map(|(k, s)| {
            vec![
                id.clone(), (k + 1).to_string(), s.change, s.kind.into(), s.id, opt(s.to_value),
                s.prediction_to.unwrap_or_default().to_string(),
                s.observed_to.unwrap_or_default().to_string(), format!("{}", s.influence),
            ]
        })
        .collect();
    out.push(("sensitivity.csv", table(&header("sensitivity.csv"), rows)));
    let rows = DICTIONARY
        .iter()
        .flat_map(|(f, cols)| cols.iter().map(move |(c, d)| vec![f.to_string(), c.to_string(), d.to_string()]))
        .collect();
    out.push(("dictionary.csv", table(&["file", "column", "meaning"], rows)));
    out
}
