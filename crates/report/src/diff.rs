//! `softbalance diff`: two JSON reports side by side — which scores, levels, responses and
//! verdicts changed between two runs (a what-if against the case as is, two versions of a case).

use serde_json::Value;
use crate::fmt::pad;
use crate::words::Lang;
use std::fmt::Write;

/// The fields compared, by JSON pointer, with a short label in English and Traditional Chinese.
const FIELDS: &[(&str, &str, &str)] = &[
    ("/case/id", "case", "案例"),
    ("/threat/score", "threat score", "威脅分數"),
    ("/threat/level", "threat level", "威脅等級"),
    ("/threat/coverage", "threat coverage", "威脅證據涵蓋"),
    ("/threat/components/aggregate_power/score", "aggregate power", "綜合實力"),
    ("/threat/components/offensive_capability/score", "offensive capability", "進攻實力"),
    ("/threat/components/proximity/score", "proximity", "地緣鄰近性"),
    ("/threat/components/intentions/score", "intentions", "意圖"),
    ("/interests/score", "interest score", "共同利益分數"),
    ("/interests/level", "interest level", "共同利益等級"),
    ("/interests/economic", "economic", "經濟"),
    ("/interests/cooperation", "cooperation", "合作"),
    ("/prediction/response", "prediction", "預測"),
    ("/prediction/rule", "rule", "規則"),
    ("/prediction/robustness/agreement", "prediction robustness", "預測穩健性"),
    ("/observed/response", "observed", "實際行為"),
    ("/observed/rule", "observed rule", "實際行為規則"),
    ("/observed/magnitude_shares/soft", "soft share", "柔性比例"),
    ("/observed/magnitude_shares/hard", "hard share", "硬性比例"),
    ("/observed/friction/pass_share", "friction pass share", "摩擦檢驗通過比例"),
    ("/verdict/agreement", "verdict", "判定"),
];

/// One compared field.
pub struct Row {
    /// The field's English label (the dashboard's JSON uses it as a key).
    pub label: &'static str,
    /// The same in Traditional Chinese.
    pub label_zh: &'static str,
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
        .map(|(ptr, label, label_zh)| {
            let (x, y) = (show(a.pointer(ptr)), show(b.pointer(ptr)));
            Row { label, label_zh, changed: x != y, a: x, b: y }
        })
        .collect())
}

pub fn text(rows: &[Row], a_name: &str, b_name: &str, a: &Value, b: &Value, lang: Lang) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "{} {} {}", pad("", 24), pad(a_name, 28), b_name);
    for r in rows {
        let label = lang.pick(r.label, r.label_zh);
        let _ = writeln!(o, "{}{} {} {}", if r.changed { "*" } else { " " }, pad(&label, 23), pad(&r.a, 28), r.b);
    }
    for (name, v) in [(a_name, a), (b_name, b)] {
        if let Some(adj) = v.get("adjustments").and_then(Value::as_array).filter(|x| !x.is_empty()) {
            let list: Vec<String> = adj.iter().map(|x| show(Some(x))).collect();
            let _ = writeln!(o, "{}", lang.pick(format!("what-if in {name}: {}", list.join("; ")), format!("{name} 的假設情境：{}", list.join("; "))));
        }
    }
    let n = rows.iter().filter(|r| r.changed).count();
    let _ = writeln!(o, "{}", lang.pick(format!("{n} of {} fields changed (marked *)", rows.len()), format!("{} 個欄位中有 {n} 個改變（標示 *）", rows.len())));
    o
}
