//! Editing a copy of the built-in case changes the answer the way the theory says.

use crate::harness::{field, CaseCopy};

#[test]
fn a_severe_threat_predicts_hard_balancing() {
    let c = CaseCopy::new();
    // Every perception reads hostile intent, every program is fielded, and the target leads
    // on every coded capability: a grave and imminent threat.
    c.edit_csv("indicators.csv", |row| {
        let kind = field(row, "kind").clone();
        match kind.as_str() {
            "perception" => *field(row, "value") = "2".into(),
            "program" => *field(row, "value") = "3".into(),
            "standing" => *field(row, "value") = "2".into(),
            _ => {}
        }
        true
    });
    let j = c.analyze_json();
    assert_eq!(j["threat"]["level"], "severe", "{}", j["threat"]);
    assert_eq!(j["prediction"]["response"], "hard");
    assert_eq!(j["prediction"]["rule"], "severe_threat");
    // The observed record is still soft: the verdict must say so.
    assert_eq!(j["verdict"]["agreement"], "does_not_match");
}

#[test]
fn lowering_the_severe_threshold_also_tips_the_case_to_hard() {
    let c = CaseCopy::new();
    let toml = c.read("case.toml");
    let edited: String = toml
        .lines()
        .map(|l| if l.trim_start().starts_with("severe") { "severe = 0.50".to_string() } else { l.to_string() })
        .collect::<Vec<_>>()
        .join("\n");
    c.write("case.toml", &edited);
    let j = c.analyze_json();
    assert_eq!(j["threat"]["level"], "severe");
    assert_eq!(j["prediction"]["response"], "hard");
}

#[test]
fn without_perception_evidence_the_threat_cannot_be_assessed() {
    // No statement at all is not evidence of benign intent: the answer is insufficient
    // evidence, and the verdict cannot tell.
    let c = CaseCopy::new();
    c.edit_csv("indicators.csv", |row| field(row, "kind") != "perception");
    let j = c.analyze_json();
    assert_eq!(j["threat"]["level"], "insufficient_evidence");
    assert_eq!(j["threat"]["missing"], serde_json::json!(["intentions"]));
    assert_eq!(j["prediction"]["response"], "insufficient_evidence");
    assert_eq!(j["prediction"]["rule"], "insufficient_threat_evidence");
    assert_eq!(j["verdict"]["agreement"], "cannot_tell");
}

#[test]
fn benign_perceptions_also_remove_the_threat() {
    let c = CaseCopy::new();
    c.edit_csv("indicators.csv", |row| {
        if field(row, "kind") == "perception" {
            *field(row, "value") = "-1".into();
        }
        true
    });
    assert_eq!(c.analyze_json()["prediction"]["response"], "none");
}

#[test]
fn a_limited_threat_without_common_interests_is_not_soft() {
    let c = CaseCopy::new();
    c.edit_csv("indicators.csv", |row| field(row, "component") != "interests");
    let j = c.analyze_json();
    assert_eq!(j["threat"]["level"], "limited");
    assert_eq!(j["interests"]["level"], "insufficient_evidence", "no evidence is not weak interests");
    assert_eq!(j["prediction"]["response"], "insufficient_evidence");
    assert_eq!(j["prediction"]["rule"], "insufficient_interest_evidence");
}

#[test]
fn benign_statements_lower_intent_and_neutral_ones_change_nothing() {
    let base = CaseCopy::new().analyze_json();
    let intent = |j: &serde_json::Value| j["threat"]["components"]["intentions"]["score"].as_f64().unwrap();
    let c = CaseCopy::new();
    let mut rows = c.read("indicators.csv");
    for k in 0..10 {
        rows.push_str(&format!("X{k},intentions,perception,statement,USA,2021,0,code,neutral statement {k},,chang2022,test,test,,\n"));
    }
    c.write("indicators.csv", &rows);
    assert_eq!(intent(&c.analyze_json()), intent(&base), "neutral statements never lower intentions");
    let mut rows = c.read("indicators.csv");
    rows.push_str("Y1,intentions,perception,statement,USA,2021,-1,code,benign statement,,chang2022,test,test,,\n");
    c.write("indicators.csv", &rows);
    assert!(intent(&c.analyze_json()) < intent(&base));
}

#[test]
fn adding_hard_actions_moves_the_observed_profile() {
    let c = CaseCopy::new();
    let mut n = 0;
    c.edit_csv("actions.csv", |row| {
        n += 1;
        *field(row, "code") = "hard.external".into();
        true
    });
    let j = c.analyze_json();
    assert_eq!(j["observed"]["by_strategy"]["hard.external"], n);
    assert_eq!(j["observed"]["response"], "hard");
    assert_eq!(j["observed"]["rule"], "mostly_hard");
    assert_eq!(j["verdict"]["agreement"], "does_not_match");
}

#[test]
fn half_hard_records_are_mixed_and_partly_match_a_soft_prediction() {
    let c = CaseCopy::new();
    let mut k = 0;
    c.edit_csv("actions.csv", |row| {
        let code = field(row, "code").clone();
        if code != "friction" && code != "cooperation" {
            k += 1;
            // Every other balancing action hard; magnitude 1 so that heads and weights agree.
            if k % 2 == 0 {
                *field(row, "code") = "hard.internal".into();
            }
        }
        true
    });
    c.write("case.toml", &(c.read("case.toml") + "\n[observed.magnitude]\n\"hard.internal\" = 1.0\n\"obstruct.active\" = 1.0\n"));
    let j = c.analyze_json();
    assert_eq!(j["observed"]["response"], "mixed", "{}", j["observed"]);
    assert_eq!(j["verdict"]["agreement"], "partly_matches");
}

#[test]
fn a_record_of_cooperation_and_bargaining_only_is_observed_none() {
    let c = CaseCopy::new();
    let mut k = 0;
    c.edit_csv("actions.csv", |row| {
        k += 1;
        *field(row, "code") = if k % 2 == 0 { "cooperation".into() } else { "friction".into() };
        true
    });
    let j = c.analyze_json();
    assert_eq!(j["observed"]["response"], "none");
    assert_eq!(j["observed"]["rule"], "mostly_engagement");
    assert_eq!(j["verdict"]["agreement"], "does_not_match");
}

#[test]
fn removing_the_only_balancing_action_changes_the_observed_outcome() {
    // Six actions: four cooperation or bargaining, two soft. Soft is 2/6 = 33% of the record,
    // below the 40% minimum: none. Give one soft action magnitude 3 and the record is soft;
    // drop that action and it is none again.
    let c = CaseCopy::new();
    let mut k = 0;
    c.edit_csv("actions.csv", |row| {
        k += 1;
        match k {
            1..=2 => *field(row, "code") = "cooperation".into(),
            3..=4 => *field(row, "code") = "friction".into(),
            5..=6 => *field(row, "code") = "offset.internal".into(),
            _ => return false,
        }
        *field(row, "date") = format!("{}", 2015 + k);
        true
    });
    c.write("friction.csv", "action,target_specificity,aim,security_framing,aligned_states,excludes_target,cost_accepted,persistence,target_reading,alternative,source,locator\n");
    let j = c.analyze_json();
    assert_eq!(j["observed"]["total"], 6);
    assert_eq!(j["observed"]["response"], "none", "{}", j["observed"]);
    let ids: Vec<String> = {
        let text = c.read("actions.csv");
        text.lines().skip(1).map(|l| l.split(',').next().unwrap().to_string()).collect()
    };
    let heavy = &ids[5];
    let text = c.read("actions.csv");
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    lines[0].push_str(",magnitude");
    for l in lines.iter_mut().skip(1) {
        l.push_str(if l.starts_with(heavy.as_str()) { ",3" } else { "," });
    }
    c.write("actions.csv", &(lines.join("\n") + "\n"));
    assert_eq!(c.analyze_json()["observed"]["response"], "soft");
    let out = crate::harness::bin().args(["analyze", "--no-coder", "--format", "json", "--drop", heavy]).arg(c.dir()).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(j["observed"]["response"], "none");
    assert_eq!(j["adjustments"][0], format!("dropped {heavy}"));
}
