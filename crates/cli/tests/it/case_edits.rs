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
    assert_eq!(j["verdict"]["matches"], false);
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
fn no_perceived_intent_means_no_threat_and_no_balancing() {
    let c = CaseCopy::new();
    c.edit_csv("indicators.csv", |row| field(row, "kind") != "perception");
    let j = c.analyze_json();
    assert_eq!(j["threat"]["level"], "none");
    assert_eq!(j["prediction"]["response"], "none");
    assert_eq!(j["prediction"]["rule"], "no_threat");
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
    assert_eq!(j["interests"]["level"], "none");
    assert_ne!(j["prediction"]["response"], "soft");
    assert_eq!(j["prediction"]["rule"], "limited_without_interests");
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
    assert_eq!(j["verdict"]["matches"], false);
}
