//! Warnings about a valid case: things that load but that an analyst should see before
//! trusting an answer — too little evidence for a prediction or an observed outcome, actions
//! that do not count toward the balancer's record, dates outside the period, and dated rows
//! without a date basis in a table that gives one elsewhere.

use softbalance_core::{observed, threat, Case};

/// One warning: where, and what to do about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    pub file: &'static str,
    pub message: String,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.file, self.message)
    }
}

pub fn warnings(case: &Case) -> Vec<Warning> {
    let mut out = Vec::new();
    let t = threat::assess(case, &case.params);
    if !t.missing.is_empty() {
        out.push(Warning {
            file: "indicators.csv",
            message: format!(
                "no evidence for {} (weighted components): the threat rests on {:.0}% of its weight{}",
                t.missing.join(", "),
                t.coverage * 100.0,
                if t.level == threat::ThreatLevel::Insufficient { ", so the prediction is `insufficient evidence`" } else { "" }
            ),
        });
    }
    let i = softbalance_core::interests::assess(case, &case.params);
    if i.economic.is_none() && i.cooperation.is_none() {
        out.push(Warning {
            file: "indicators.csv",
            message: "no evidence on common interests (trade series, ranks, shares, dependence or cooperation areas): soft and hard balancing cannot be told apart unless the target is much stronger".into(),
        });
    }
    let o = observed::profile(case);
    let r = &case.params.observed;
    if o.total < r.min_actions || o.years < r.min_years {
        out.push(Warning {
            file: "actions.csv",
            message: format!(
                "{} actions by the balancer in {} distinct years; the observed outcome needs at least {} in {} years ([observed] min_actions, min_years), so it is `insufficient evidence`",
                o.total, o.years, r.min_actions, r.min_years
            ),
        });
    }
    if !o.foreign_actor_actions.is_empty() {
        out.push(Warning {
            file: "actions.csv",
            message: format!(
                "{} not counted toward the balancer's record: the actor is neither {} nor one of its agencies (actors.csv country); fix the actor or move the row to another case",
                o.foreign_actor_actions.join(", "),
                case.meta.balancer
            ),
        });
    }
    let (y0, y1) = case.meta.period;
    let outside: Vec<&str> =
        case.actions.iter().filter(|a| a.date.year < y0 || a.date.year > y1).map(|a| a.id.as_str()).collect();
    if !outside.is_empty() {
        out.push(Warning {
            file: "actions.csv",
            message: format!("{} dated outside the period {y0}–{y1}; they still count — widen the period or remove them", outside.join(", ")),
        });
    }
    let late: Vec<&str> = case.indicators.iter().filter(|i| i.date.year > y1).map(|i| i.id.as_str()).collect();
    if !late.is_empty() {
        out.push(Warning {
            file: "indicators.csv",
            message: format!("{} dated after the period's last year {y1} (background before the period is fine)", late.join(", ")),
        });
    }
    // A table that gives a date basis on some rows opts in: its rows without one are named.
    // Cases that never use the column stay quiet.
    let indicators = case.indicators.iter().chain(&case.projections).map(|i| (i.id.as_str(), i.date_basis.is_some()));
    let actions = case.actions.iter().map(|a| (a.id.as_str(), a.date_basis.is_some()));
    for (file, rows) in [("indicators.csv", indicators.collect::<Vec<_>>()), ("actions.csv", actions.collect())] {
        let without: Vec<&str> = rows.iter().filter(|(_, has)| !has).map(|(id, _)| *id).collect();
        if !without.is_empty() && without.len() < rows.len() {
            let named = match without.len() {
                n if n > 10 => format!("{} and {} more rows", without[..10].join(", "), n - 10),
                _ => without.join(", "),
            };
            out.push(Warning {
                file,
                message: format!(
                    "{named} give no date_basis although other rows of the file do: say whether each date is the event's, the source's publication date, or inferred"
                ),
            });
        }
    }
    out
}
