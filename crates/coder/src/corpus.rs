//! Labeled data: the bundled corpus (embedded with `include_str!`, so the binary needs no
//! files at run time), the built-in case's hand-coded actions, and readers for any labeled
//! or unlabeled JSONL with errors that name the line.
//!
//! Bundled corpus lines that do not parse are skipped and counted (the corpus is curated by
//! hand and grows; one bad line must not take the coder down); user files are strict.

use crate::error::CoderError;
use crate::{Item, LabeledItem};
use softbalance_core::strategy::StrategyCode;
use std::str::FromStr;
use std::sync::OnceLock;

const CORPUS_EN: &str = include_str!(concat!(env!("OUT_DIR"), "/corpus_en.jsonl"));
const CORPUS_ZH: &str = include_str!(concat!(env!("OUT_DIR"), "/corpus_zh.jsonl"));
const CASE_ACTIONS: &str = include_str!(concat!(env!("OUT_DIR"), "/case_actions.csv"));

/// The bundled labeled data and what was skipped while reading it.
#[derive(Debug, Default)]
pub struct Bundled {
    /// Corpus items (en.jsonl then zh.jsonl), the ones cross-validation scores.
    pub corpus: Vec<LabeledItem>,
    /// Summaries of the built-in case's actions (English and Chinese separately): extra
    /// training data, never scored.
    pub case_actions: Vec<LabeledItem>,
    /// `file:line: problem` for every skipped line.
    pub skipped: Vec<String>,
}

/// The bundled data, parsed once.
pub fn bundled() -> &'static Bundled {
    static B: OnceLock<Bundled> = OnceLock::new();
    B.get_or_init(|| {
        let mut b = Bundled::default();
        for (name, text) in [("corpus/en.jsonl", CORPUS_EN), ("corpus/zh.jsonl", CORPUS_ZH)] {
            for (i, line) in text.lines().enumerate() {
                if line.trim().is_empty() {
                    continue;
                }
                match parse_labeled_line(name, i + 1, line) {
                    Ok(item) => b.corpus.push(item),
                    Err(e) => b.skipped.push(e.to_string()),
                }
            }
        }
        match parse_actions(CASE_ACTIONS) {
            Ok(items) => b.case_actions = items,
            Err(e) => b.skipped.push(e.to_string()),
        }
        b
    })
}

fn field_str(
    obj: &serde_json::Map<String, serde_json::Value>,
    key: &str,
    source: &str,
    line: usize,
    required: bool,
) -> Result<Option<String>, CoderError> {
    match obj.get(key) {
        None | Some(serde_json::Value::Null) if !required => Ok(None),
        None | Some(serde_json::Value::Null) => Err(CoderError::Field {
            source_name: source.into(),
            line,
            field: key.into(),
            message: "missing (required)".into(),
        }),
        Some(serde_json::Value::String(s)) => Ok(Some(s.clone())),
        Some(serde_json::Value::Number(n)) if key == "id" => Ok(Some(n.to_string())),
        Some(other) => Err(CoderError::Field {
            source_name: source.into(),
            line,
            field: key.into(),
            message: format!("expected a string, found {}", json_kind(other)),
        }),
    }
}

fn json_kind(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

fn parse_object(
    source: &str,
    line: usize,
    text: &str,
) -> Result<serde_json::Map<String, serde_json::Value>, CoderError> {
    let v: serde_json::Value = serde_json::from_str(text).map_err(|e| CoderError::Malformed {
        source_name: source.into(),
        line,
        format: "JSONL",
        message: e.to_string(),
    })?;
    match v {
        serde_json::Value::Object(o) => Ok(o),
        other => Err(CoderError::Malformed {
            source_name: source.into(),
            line,
            format: "JSONL",
            message: format!("expected a JSON object, found {}", json_kind(&other)),
        }),
    }
}

/// Dyad codes are upper-case ISO3 or group codes; normalize the case users type.
fn dyad_code(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_ascii_uppercase()).filter(|s| !s.is_empty())
}

/// Parse one unlabeled JSONL line: `text` required, `id` optional (defaults to the line
/// number), `balancer`/`target` optional.
pub fn parse_item_line(source: &str, line: usize, text: &str) -> Result<Item, CoderError> {
    let o = parse_object(source, line, text)?;
    let id = field_str(&o, "id", source, line, false)?.unwrap_or_else(|| line.to_string());
    let body = field_str(&o, "text", source, line, true)?.unwrap_or_default();
    Ok(Item {
        id,
        text: body,
        balancer: dyad_code(field_str(&o, "balancer", source, line, false)?),
        target: dyad_code(field_str(&o, "target", source, line, false)?),
    })
}

/// Parse one labeled JSONL line: `id`, `text`, `label` required; `balancer`, `target`,
/// `pair` optional; other fields ignored.
pub fn parse_labeled_line(source: &str, line: usize, text: &str) -> Result<LabeledItem, CoderError> {
    let o = parse_object(source, line, text)?;
    let id = field_str(&o, "id", source, line, true)?.unwrap_or_default();
    let body = field_str(&o, "text", source, line, true)?.unwrap_or_default();
    if body.trim().is_empty() {
        return Err(CoderError::Field {
            source_name: source.into(),
            line,
            field: "text".into(),
            message: "empty".into(),
        });
    }
    let label_s = field_str(&o, "label", source, line, true)?.unwrap_or_default();
    let label = StrategyCode::from_str(label_s.trim()).map_err(|e| CoderError::Field {
        source_name: source.into(),
        line,
        field: "label".into(),
        message: e.to_string(),
    })?;
    let pair = match o.get("pair") {
        Some(serde_json::Value::String(s)) => Some(s.clone()),
        Some(serde_json::Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let lang = o.get("lang").and_then(|v| v.as_str()).and_then(crate::text::Lang::parse);
    Ok(LabeledItem {
        item: Item {
            id,
            text: body,
            balancer: dyad_code(field_str(&o, "balancer", source, line, false)?),
            target: dyad_code(field_str(&o, "target", source, line, false)?),
        },
        label,
        pair,
        lang,
    })
}

/// Read a whole labeled JSONL file from bytes: strict, the first problem is an error naming
/// its line. Blank lines are skipped.
pub fn read_labeled(source: &str, bytes: &[u8]) -> Result<Vec<LabeledItem>, CoderError> {
    let mut out = Vec::new();
    for (i, line) in lines_utf8(source, bytes)?.into_iter().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        out.push(parse_labeled_line(source, i + 1, line)?);
    }
    Ok(out)
}

/// Split bytes into lines, failing on the first line that is not UTF-8.
pub fn lines_utf8<'a>(source: &str, bytes: &'a [u8]) -> Result<Vec<&'a str>, CoderError> {
    let mut out = Vec::new();
    let mut offset = 0;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    for (i, raw) in bytes.split(|&b| b == b'\n').enumerate() {
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        match std::str::from_utf8(raw) {
            Ok(s) => out.push(s),
            Err(e) => {
                return Err(CoderError::Utf8 {
                    source_name: source.into(),
                    line: i + 1,
                    offset: offset + e.valid_up_to(),
                })
            }
        }
        offset += raw.len() + 1;
    }
    if bytes.ends_with(b"\n") {
        out.pop();
    }
    Ok(out)
}

/// The case's actions.csv as labeled items: one per non-empty summary (English, Chinese).
fn parse_actions(text: &str) -> Result<Vec<LabeledItem>, CoderError> {
    let mut out = Vec::new();
    if text.trim().is_empty() {
        return Ok(out);
    }
    let mut rdr = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .flexible(true)
        .from_reader(text.as_bytes());
    let err = |m: String| CoderError::Malformed {
        source_name: "cases/us-china-ai/actions.csv".into(),
        line: 1,
        format: "CSV",
        message: m,
    };
    let headers = rdr.headers().map_err(|e| err(e.to_string()))?.clone();
    let col = |name: &str| headers.iter().position(|h| h.trim() == name);
    let (Some(c_id), Some(c_code)) = (col("id"), col("code")) else {
        return Err(err("no id or code column".into()));
    };
    let c_actor = col("actor");
    let c_target = col("target");
    for rec in rdr.records() {
        let Ok(rec) = rec else { continue };
        let get = |c: Option<usize>| c.and_then(|c| rec.get(c)).map(str::trim).unwrap_or("");
        let Ok(label) = StrategyCode::from_str(get(Some(c_code))) else { continue };
        let id = get(Some(c_id)).to_string();
        // Actors in a case may be agencies ("USA-DOC"); keep codes that look like states.
        let code3 = |s: &str| {
            let s = s.split(['-', '_']).next().unwrap_or("");
            (s.len() >= 2 && s.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()))
                .then(|| s.to_string())
        };
        for (suffix, col_name) in [("en", "summary_en"), ("zh", "summary_zh")] {
            let text = get(col(col_name));
            if text.is_empty() {
                continue;
            }
            out.push(LabeledItem {
                item: Item {
                    id: format!("case:{id}:{suffix}"),
                    text: text.to_string(),
                    balancer: code3(get(c_actor)),
                    target: code3(get(c_target)),
                },
                label,
                pair: Some(format!("case:{id}")),
                lang: None,
            });
        }
    }
    Ok(out)
}
