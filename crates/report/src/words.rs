//! Wording shared by the renderers for the parts of an analysis that the engine returns as
//! data: sensitivity effects, margins, the friction test and the timeline.

use crate::fmt::pct;
use softbalance_core::friction::{Assessment, Rule};
use softbalance_core::sensitivity::{Change, Effect};
use softbalance_core::Response;

/// "drop indicator I006", "move threat.weights.intentions 0.40 → 0.62".
pub fn change(c: &Change) -> String {
    match c {
        Change::DropIndicator(id) => format!("drop indicator {id}"),
        Change::DropAction(id) => format!("drop action {id}"),
        Change::DropSource { id, indicators, actions } => {
            format!("drop source {id} ({indicators} indicators, {actions} actions cite only it)")
        }
        Change::MoveParam { key, from, to: Some(to) } => format!("move {key} {} → {}", num(*from), num(*to)),
        Change::MoveParam { key, from, to: None } => format!("move {key} from {} anywhere in its range", num(*from)),
    }
}

fn num(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.3}").trim_end_matches('0').to_string()
    }
}

/// What the change does: "prediction soft → hard", "observed soft → mixed", or "no flip".
pub fn effect(e: &Effect, predicted: Response, observed: Response) -> String {
    let mut parts = Vec::new();
    if let Some(r) = e.prediction_to {
        parts.push(format!("prediction {} → {}", predicted.as_str(), r.as_str()));
    }
    if let Some(r) = e.observed_to {
        parts.push(format!("observed {} → {}", observed.as_str(), r.as_str()));
    }
    if parts.is_empty() {
        "no flip".into()
    } else {
        parts.join("; ")
    }
}

/// The top of the sensitivity table: every flip among the first `n`, and a count of the rest.
pub fn top(effects: &[Effect], n: usize) -> (Vec<&Effect>, usize) {
    let flips = effects.iter().filter(|e| e.flips()).count();
    (effects.iter().take(n.max(flips.min(n))).collect(), flips)
}

/// The friction rule in one phrase.
pub fn friction_rule(a: &Assessment) -> String {
    let base = match a.rule {
        Rule::NoFeatures => "no features recorded",
        Rule::Concession => "seeks a negotiable concession",
        Rule::JointWork => "joint work with the target",
        Rule::NeutralWithAlternative => "country-neutral, with an alternative explanation on record",
        Rule::NeutralOnly => "country-neutral, nothing ties it to the target",
        Rule::TargetedAndCorroborated => "aimed at the target and corroborated",
        Rule::TargetedUncorroborated => "aimed at the target but too little corroboration",
        Rule::Undetermined => "the record cannot tell whether it is aimed at the target",
    };
    if a.corroboration.is_empty() {
        base.to_string()
    } else {
        format!("{base} ({})", a.corroboration.join(", "))
    }
}

/// `soft 62%, hard 3%, …` for a share map.
pub fn shares(m: &std::collections::BTreeMap<String, f64>) -> String {
    m.iter().filter(|(_, v)| **v > 0.0).map(|(k, v)| format!("{k} {}", pct(*v))).collect::<Vec<_>>().join(", ")
}

use softbalance_core::case::Params;
use softbalance_core::decision::Rule as DecisionRule;
use softbalance_core::interests::{EconNote, InterestAssessment, InterestLevel};
use softbalance_core::observed::{Match, ObservedProfile, Verdict};
use softbalance_core::threat::{ComponentScore, LevelReason, Note, ThreatAssessment, ThreatLevel};

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// What a threat component's score rests on, in one line.
pub fn component(c: &ComponentScore) -> String {
    let mut head = String::new();
    let mut rest = Vec::new();
    for n in &c.notes {
        match n {
            Note::Missing => head = "missing: no evidence".into(),
            Note::CapabilityShare { metrics, share } => {
                head = format!("{metrics} capability measure{} put the target's share at {share:.2} of the pair (0.50 = parity)", plural(*metrics))
            }
            Note::ShareTrend { metric, first_year, first, last_year, latest } => {
                rest.push(format!("{metric}: target share {first:.2} ({first_year}) → {latest:.2} ({last_year})"))
            }
            Note::Growth { metric, rate } => rest.push(format!("{metric}: {:+.1}% a year", rate * 100.0)),
            Note::Programs { programs, development, fielded } => {
                head = format!("{programs} military program{s} or doctrine{s}: {development} at development or beyond, {fielded} fielded", s = plural(*programs))
            }
            Note::Statements { statements, concern, hostile, benign } => {
                head = format!("{statements} statement{} by the balancer: {concern} read concern or worse, {hostile} hostile intent, {benign} benign", plural(*statements))
            }
            Note::Distances { measures } => head = format!("{measures} distance measure{}", plural(*measures)),
        }
    }
    match (head.is_empty(), rest.is_empty()) {
        (false, false) => format!("{head}; {}", rest.join("; ")),
        (false, true) => head,
        (true, _) => rest.join("; "),
    }
}

/// Why the threat has its level, in one sentence.
pub fn threat_reason(t: &ThreatAssessment, p: &Params) -> String {
    let th = &p.threat_thresholds;
    let mut s = match t.why {
        LevelReason::NoIntentEvidence => "insufficient evidence: no perception statement, and without perceived intent the threat cannot be assessed".into(),
        LevelReason::LowCoverage { coverage, min } => format!(
            "insufficient evidence: only {:.0}% of the threat weight rests on evidence (at least {:.0}% needed)",
            coverage * 100.0,
            min * 100.0
        ),
        LevelReason::BelowIntentFloor { intentions, floor } => format!(
            "perceived intent {intentions:.2} is below the floor {floor:.2}: without perceived hostile intent capabilities alone make no threat"
        ),
        LevelReason::Band { score } if score >= th.severe => format!("score {:.3} ≥ severe threshold {:.2}", score, th.severe),
        LevelReason::Band { score } if score >= th.limited => {
            format!("score {:.3} is between the limited ({:.2}) and severe ({:.2}) thresholds", score, th.limited, th.severe)
        }
        LevelReason::Band { score } if score >= th.latent => {
            format!("score {:.3} is between the latent ({:.2}) and limited ({:.2}) thresholds", score, th.latent, th.limited)
        }
        LevelReason::Band { score } => format!("score {:.3} is below the latent threshold {:.2}", score, th.latent),
    };
    if t.path_decided {
        if let Some(ic) = t.intent_capability {
            s.push_str(&format!(
                " (carried by intent backed by offensive capability, {:.3}, above the weighted mean {:.3})",
                ic, t.weighted_mean
            ));
        }
    }
    s
}

/// The common-interest evidence in one line.
pub fn interests(i: &InterestAssessment) -> String {
    let notes: Vec<String> = i
        .notes
        .iter()
        .map(|n| match n {
            EconNote::Series { metric, resilience, rate } => format!(
                "{metric}: {} of its peak kept{}",
                pct(*resilience),
                rate.map(|r| format!(", {:+.1}% a year", r * 100.0)).unwrap_or_default()
            ),
            EconNote::Rank { metric, rank } => format!("{metric}: rank {rank}"),
            EconNote::Share { metric, date, value } => format!("{metric} ({date}): {}", pct(*value)),
            EconNote::Dependence { metric, date, value } => format!("{metric} ({date}): {} of the balancer's economy", pct(*value)),
        })
        .collect();
    let econ = match i.economic {
        Some(v) => format!(
            "economic {:.2} ({}{})",
            v,
            notes.join("; "),
            if i.dependence.is_none() { "; not measured against the size of either economy" } else { "" }
        ),
        None => "economic: missing (no trade or investment evidence)".to_string(),
    };
    let coop = match i.cooperation {
        Some(_) => format!(
            "cooperation continues in {} of {} declared areas{}",
            i.areas_active.len(),
            i.declared_areas,
            if i.areas_active.is_empty() { String::new() } else { format!(" ({})", i.areas_active.join(", ")) }
        ),
        None if i.declared_areas == 0 => "cooperation: the case declares no cooperation areas".to_string(),
        None => "cooperation: missing (no row for any declared area)".to_string(),
    };
    format!("{econ}; {coop}")
}

/// The decision rule that fired, in words.
pub fn rule(rule: DecisionRule, threat: ThreatLevel, interests: InterestLevel) -> String {
    match rule {
        DecisionRule::InsufficientThreatEvidence => "The evidence is too thin to assess the threat, so the theory cannot predict a response: add perception statements and capability evidence (see the missing components).".into(),
        DecisionRule::InsufficientInterestEvidence => format!(
            "The threat is {} but the case has no evidence on common interests, and the target is not shown to be much stronger: the theory cannot tell soft from hard balancing without it.",
            threat.as_str()
        ),
        DecisionRule::NoThreat => "No threat is perceived, so the theory predicts no balancing: engagement, cooperation or bandwagoning.".into(),
        DecisionRule::SevereThreat => "The threat is severe and imminent: the theory predicts hard balancing (arms build-up, alliances) whatever the common interests.".into(),
        DecisionRule::LimitedWithInterests => format!(
            "The threat is {} and common interests are {}: to avoid escalation and protect those interests the balancer should constrain the target with soft means rather than arms races and alliances.",
            threat.as_str(), interests.as_str()
        ),
        DecisionRule::LimitedWithStrongerTarget => format!(
            "The threat is {} and, although common interests are only {}, the target is much stronger (at least twice the balancer's capability): confronting it directly is too costly, so soft balancing is predicted.",
            threat.as_str(), interests.as_str()
        ),
        DecisionRule::LimitedWithoutInterests => format!(
            "The threat is {} but common interests are {} and the target is not much stronger: the theory's conditions for soft balancing are missing, so hard balancing is more likely.",
            threat.as_str(), interests.as_str()
        ),
    }
}

/// The verdict with its reason, in one sentence.
pub fn verdict(v: &Verdict, observed: &ObservedProfile) -> String {
    let s = observed.magnitude_shares;
    let record = format!(
        "{} actions in {} years; by magnitude {:.0}% soft, {:.0}% hard, {:.0}% friction, {:.0}% cooperation",
        observed.total,
        observed.years,
        s.soft * 100.0,
        s.hard * 100.0,
        s.friction * 100.0,
        s.cooperation * 100.0
    );
    match (v.agreement, v.predicted, v.observed) {
        (Match::CannotTell, Response::Insufficient, _) => format!("Cannot tell: the evidence is too thin for a prediction ({record})."),
        (Match::CannotTell, _, _) => format!(
            "Cannot tell: the record is too thin to read ({record}); the case's minimum is set in case.toml [observed]."
        ),
        (Match::Matches, _, Response::Soft) if observed.hard == 0 => {
            format!("Matches: the record is soft balancing with no hard balancing ({record}).")
        }
        (Match::Matches, _, Response::Soft) => format!(
            "Matches on balance ({record}), but {} hard-balancing actions show movement toward hard balancing.",
            observed.hard
        ),
        (Match::Matches, _, _) => format!("Matches ({record})."),
        (Match::PartlyMatches, p, _) => format!(
            "Partly matches: the theory predicts {} and the record mixes soft and hard balancing ({record}) — soft balancing hardening, or the threat under-estimated.",
            p.label_en()
        ),
        (_, Response::Soft, Response::Hard) => format!(
            "Does not match: the theory predicts soft balancing but the record is mostly hard ({record}); the balancer has escalated beyond what threat and interests suggest, or the threat is under-estimated."
        ),
        (_, Response::Hard, Response::Soft) => format!(
            "Does not match: the theory predicts hard balancing but the balancer kept to soft means ({record}); common interests or costs may weigh more than the evidence shows."
        ),
        (_, Response::None, _) => format!(
            "Does not match: the theory predicts no balancing but the record shows balancing ({record}); the evidence may under-state the perceived threat."
        ),
        (_, p, Response::None) => format!(
            "Does not match: the theory predicts {} but the record is mostly engagement and friction ({record}).",
            p.label_en()
        ),
        _ => format!("Does not match ({record})."),
    }
}

/// The study's own answer beside the engine's: one line per part the study states, with
/// `agrees` or the engine's answer and why.
pub fn reference(case: &softbalance_core::Case, a: &softbalance_core::Analysis) -> Option<(String, Vec<String>)> {
    let r = case.meta.reference.as_ref()?;
    let mut parts = Vec::new();
    let mut diffs = Vec::new();
    if let Some(t) = r.threat {
        parts.push(format!("threat {}", t.as_str()));
        if t != a.threat.level {
            diffs.push(format!("threat: the engine finds {} — {}", a.threat.level.as_str(), threat_reason(&a.threat, &case.params)));
        }
    }
    if let Some(i) = r.interests {
        parts.push(format!("interests {}", i.as_str()));
        if i != a.interests.level {
            diffs.push(format!("interests: the engine finds {} — {}", a.interests.level.as_str(), interests(&a.interests)));
        }
    }
    if let Some(p) = r.prediction {
        parts.push(format!("predicts {}", p.as_str()));
        if p != a.prediction.response {
            diffs.push(format!("prediction: the engine predicts {} — {}", a.prediction.response.as_str(), rule(a.prediction.rule, a.threat.level, a.interests.level)));
        }
    }
    if let Some(o) = r.observed {
        parts.push(format!("observed {}", o.as_str()));
        if o != a.observed.response {
            diffs.push(format!("observed: the engine reads {} — {}", a.observed.response.as_str(), verdict(&a.verdict, &a.observed)));
        }
    }
    let head = format!(
        "{} ({}{}){}",
        parts.join(" · "),
        r.source,
        if r.locator.is_empty() { String::new() } else { format!(", {}", r.locator) },
        if diffs.is_empty() { " — the engine agrees".to_string() } else { format!(" — the engine differs on {}", diffs.len()) }
    );
    Some((head, diffs))
}
