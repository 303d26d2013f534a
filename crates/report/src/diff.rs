//! `softbalance diff`: two JSON reports side by side — which scores, levels, responses and
//! verdicts changed between two runs (a what-if against the case as is, two versions of a case).

use serde_json::Value;
use std::fmt::Write;

/// The fields compared, by JSON pointer, with a short label.
const FIELDS: &[(&str, &str)] = &[
    ("/case/id", "case"),
    ("/threat/score", "threat score"),
    ("/threat/level", "threat level"),
    ("/threat/coverage", "threat coverage"),
    ("/threat/components/aggregate_power/score", "aggregate power"),
    ("/threat/components/offensive_capability/score", "offensive capability"),
    ("/threat/components/proximity/score", "proximity"),
    ("/threat/components/intentions/score", "intentions"),
    ("/interests/score", "interest score"),
    ("/interests/level", "interest level"),
    ("/interests/economic", "economic"),
    ("/interests/cooperation", "cooperation"),
    ("/prediction/response", "prediction"),
    ("/prediction/rule", "rule"),
    ("/prediction/robustness/agreement", "prediction robustness"),
    ("/observed/response", "observed"),
    ("/observed/rule", "observed rule"),
    ("/observed/magnitude_shares/soft", "soft share"),
    ("/observed/magnitude_shares/hard", "hard share"),
    ("/observed/friction/pass_share", "friction pass share"),
    ("/verdict/agreement", "verdict"),
];

/// One compared field.
pub struct Row {
    pub label: &'static str,
    pub a: String,
    pub b: String,
    pub changed: bool,
}

fn show(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => "–".into(),
        Some(Value::Number(n)) => n.as_f64().map(|x| format!("{x:.3}")).unwrap_or_else(|| n.to_string()),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

/// Compare two reports; `Err` names what is not a softbalance report.
pub fn compare(a: &Value, b: &Value) -> Result<Vec<Row>, String> {
    for (name, v) in [("first", a), ("second", b)] {
        match v.get("schema").and_then(Value::as_str) {
            Some(s) if s.starts_with("softbalance.report/") => {}
            _ => return Err(format!("the {name} file is not a softbalance JSON report (run `analyze --format json`)")),
        }
    }
    Ok(FIELDS
        .iter()
        .map(|(ptr, label)| {
            let (x, y) = (show(a.pointer(ptr)), show(b.pointer(ptr)));
            Row { label, changed: x != y, a: x, b: y }
        })
        .collect())
}

pub fn text(rows: &[Row], a_name: &str, b_name: &str, a: &Value, b: &Value) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "{:<24} {:<28} {:<28}", "", a_name, b_name);
    for r in rows {
        let _ = writeln!(o, "{}{:<23} {:<28} {:<28}", if r.changed { "*" } else { " " }, r.label, r.a, r.b);
    }
    for (name, v) in [(a_name, a), (b_name, b)] {
        if let Some(adj) = v.get("adjustments").and_then(Value::as_array).filter(|x| !x.is_empty()) {
            let list: Vec<String> = adj.iter().map(|x| show(Some(x))).collect();
            let _ = writeln!(o, "what-if in {name}: {}", list.join("; "));
        }
    }
    let n = rows.iter().filter(|r| r.changed).count();
    let _ = writeln!(o, "{n} of {} fields changed (marked *)", rows.len());
    o
}
