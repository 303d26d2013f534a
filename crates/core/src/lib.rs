//! softbalance-core: the domain model of soft balancing theory and its engine, with no I/O.
//!
//! A [`case::Case`] (balancer, target, domain, period, parameters and cited evidence) goes in;
//! an [`Analysis`] comes out: threat and common interests scored from the indicators, the
//! decision rule of docs/theory.md §2.3, the observed strategy profile, the verdict and a Monte
//! Carlo robustness check. Every number in the result names the indicator or action ids
//! behind it, so reports can trace it to a source.

pub mod case;
pub mod date;
pub mod decision;
pub mod evidence;
pub mod friction;
pub mod interests;
pub mod observed;
pub mod parallel;
pub mod params;
pub mod robustness;
pub mod sensitivity;
pub mod strategy;
pub mod threat;
pub mod timeline;

pub use case::Case;
pub use decision::Response;
pub use strategy::StrategyCode;

/// The prediction with the rule that fired and its robustness. Wording is the report's.
#[derive(Clone, Debug)]
pub struct Prediction {
    pub response: Response,
    pub rule: decision::Rule,
    pub robustness: robustness::Robustness,
}

/// Everything the model says about one case.
#[derive(Clone, Debug)]
pub struct Analysis {
    pub threat: threat::ThreatAssessment,
    pub interests: interests::InterestAssessment,
    pub prediction: Prediction,
    pub observed: observed::ObservedProfile,
    pub verdict: observed::Verdict,
    /// Which single changes flip the answer, ranked (`sensitivity::table`).
    pub sensitivity: Vec<sensitivity::Effect>,
}

/// Run the whole model on a case. Never fails: missing evidence is named, and too little of it
/// gives `insufficient evidence` rather than an error.
pub fn analyze(case: &Case) -> Analysis {
    let params = &case.params;
    let threat = threat::assess(case, params);
    let interests = interests::assess(case, params);
    let (response, rule) =
        decision::decide(threat.level, interests.level, threat.target_power_share, params.method.much_stronger_share);
    let observed = observed::profile(case);
    let robustness = robustness::monte_carlo(case, response, observed.response);
    let verdict = observed::verdict(response, &observed);
    Analysis {
        threat,
        interests,
        prediction: Prediction { response, rule, robustness },
        observed,
        verdict,
        sensitivity: sensitivity::table(case),
    }
}
