//! What-if changes to a loaded case from the command line: `--set KEY=VALUE` on any parameter
//! of case.toml, `--drop ID` (indicators or actions), `--drop-source ID` (the rows that cite no
//! other source). Every change is validated and named, so reports can show what was changed.

use softbalance_core::params::{spec_of, SetError, SPECS};
use softbalance_core::Case;

/// A change that cannot be applied, with what to write instead.
#[derive(Debug, Clone, PartialEq)]
pub struct WhatIfError(pub String);

impl std::fmt::Display for WhatIfError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for WhatIfError {}

fn nearest_key(key: &str) -> Option<&'static str> {
    SPECS
        .iter()
        .map(|s| (strsim::levenshtein(key, s.key), s.key))
        .min_by_key(|(d, _)| *d)
        .filter(|(d, _)| *d <= 6)
        .map(|(_, k)| k)
}

/// Apply `--set` assignments (`key=value`), then drops; returns one line per change.
pub fn apply(case: &mut Case, sets: &[String], drops: &[String], drop_sources: &[String]) -> Result<Vec<String>, WhatIfError> {
    let mut done = Vec::new();
    for s in sets {
        let Some((key, value)) = s.split_once('=') else {
            return Err(WhatIfError(format!("--set {s:?}: expected KEY=VALUE, e.g. --set threat.weights.intentions=0.6")));
        };
        let (key, value) = (key.trim(), value.trim());
        if key == "interests.areas" {
            let areas: Vec<String> = value.split(',').map(|a| a.trim().to_string()).filter(|a| !a.is_empty()).collect();
            done.push(format!("interests.areas = [{}] (was [{}])", areas.join(", "), case.params.areas.join(", ")));
            case.params.areas = areas;
            continue;
        }
        let v: f64 = match value {
            "true" if key == "robustness.bootstrap" => {
                case.params.robustness.bootstrap = true;
                done.push("robustness.bootstrap = true".into());
                continue;
            }
            "false" if key == "robustness.bootstrap" => {
                case.params.robustness.bootstrap = false;
                done.push("robustness.bootstrap = false".into());
                continue;
            }
            _ => value.parse().map_err(|_| {
                WhatIfError(format!("--set {key}={value}: {value:?} is not a number; write digits with '.' for decimals"))
            })?,
        };
        let before = case.params.get(key);
        match case.params.set(key, v) {
            Ok(()) => done.push(format!("{key} = {value} (was {})", before.map(|b| format!("{b}")).unwrap_or_default())),
            Err(SetError::UnknownKey) => {
                return Err(WhatIfError(format!(
                    "--set {key}: no such parameter{}; `softbalance help analyze` lists them",
                    nearest_key(key).map(|k| format!(" (did you mean {k}?)")).unwrap_or_default()
                )))
            }
            Err(SetError::OutOfRange(spec)) | Err(SetError::NotWhole(spec)) => {
                return Err(WhatIfError(format!(
                    "--set {key}={value}: expected {} from {} to {}",
                    if spec.integer { "a whole number" } else { "a number" },
                    spec.min,
                    spec.max
                )))
            }
        }
    }
    let th = case.params.threat_thresholds;
    if !(th.latent <= th.limited && th.limited <= th.severe) {
        return Err(WhatIfError("--set: the threat thresholds must keep latent <= limited <= severe".into()));
    }
    if case.params.interest_thresholds.present > case.params.interest_thresholds.strong {
        return Err(WhatIfError("--set: the interest thresholds must keep present <= strong".into()));
    }
    for id in drops.iter().flat_map(|d| d.split(',')).map(str::trim).filter(|d| !d.is_empty()) {
        let before = (case.indicators.len(), case.actions.len());
        case.indicators.retain(|i| i.id != id);
        case.actions.retain(|a| a.id != id);
        if (case.indicators.len(), case.actions.len()) == before {
            if case.projections.iter().any(|p| p.id == id) {
                return Err(WhatIfError(format!("--drop {id}: this row is a projection (status = projected), which no score uses; there is nothing to drop")));
            }
            return Err(WhatIfError(format!("--drop {id}: no indicator or action has this id (ids are case-sensitive)")));
        }
        done.push(format!("dropped {id}"));
    }
    for src in drop_sources.iter().flat_map(|d| d.split(',')).map(str::trim).filter(|d| !d.is_empty()) {
        if case.source(src).is_none() {
            return Err(WhatIfError(format!("--drop-source {src}: no source has this id in sources.csv")));
        }
        let keep = |srcs: &mut Vec<String>| {
            srcs.retain(|s| s != src);
            !srcs.is_empty()
        };
        let (ni, na) = (case.indicators.len(), case.actions.len());
        case.indicators.retain_mut(|i| keep(&mut i.sources));
        case.actions.retain_mut(|a| keep(&mut a.sources));
        done.push(format!(
            "dropped source {src} ({} indicators and {} actions that cite only it)",
            ni - case.indicators.len(),
            na - case.actions.len()
        ));
    }
    Ok(done)
}

/// Every key `--set` accepts, for help texts.
pub fn keys() -> Vec<&'static str> {
    let mut k: Vec<&'static str> = SPECS.iter().map(|s| s.key).collect();
    k.push("observed.magnitude.<code>");
    k.push("interests.areas");
    k.push("robustness.bootstrap");
    let _ = spec_of;
    k
}
