//! Labeled data: the bundled corpus (embedded with `include_str!`, so the binary needs no
//! files at run time), the training-set builder, and readers for any labeled or unlabeled
//! JSONL with errors that name the line.
//!
//! Bundled corpus lines that do not parse are skipped and counted (the corpus is curated by
//! hand and grows; one bad line must not take the coder down); user files are strict.

use crate::error::CoderError;
use crate::{Item, LabeledItem};
use std::sync::OnceLock;

const CORPUS_EN: &str = include_str!("../corpus/en.jsonl");
const CORPUS_ZH: &str = include_str!("../corpus/zh.jsonl");
/// Items written for the coder from general knowledge (non-actions, polarity pairs, more
/// Simplified Chinese, eras and dyads the other files lack): see docs/coder.md, "Corpus".
const CORPUS_WRITTEN: &str = include_str!("../corpus/written.jsonl");
/// The embedded corpus files, in reading order.
pub const BUNDLED_FILES: [&str; 3] = [CORPUS_EN, CORPUS_ZH, CORPUS_WRITTEN];

/// The bundled labeled data and what was skipped while reading it.
#[derive(Debug, Default)]
pub struct Bundled {
    /// Corpus items (en.jsonl then zh.jsonl), the ones cross-validation scores.
    pub corpus: Vec<LabeledItem>,
    /// `file:line: problem` for every skipped line.
    pub skipped: Vec<String>,
}

/// The bundled data, parsed once.
pub fn bundled() -> &'static Bundled {
    static B: OnceLock<Bundled> = OnceLock::new();
    B.get_or_init(|| {
        let mut b = Bundled::default();
        for (name, text) in
            [("corpus/en.jsonl", CORPUS_EN), ("corpus/zh.jsonl", CORPUS_ZH), ("corpus/written.jsonl", CORPUS_WRITTEN)]
        {
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
        b
    })
}

/// The committed model's training set: the bundled corpus without the items that report
/// the same event as an action of a built-in case (`case_event`), so that the agreement
/// with a case's hand coding is measured on events the model never saw.
pub fn training_set() -> Vec<LabeledItem> {
    bundled().corpus.iter().filter(|li| li.case_event.is_none()).cloned().collect()
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

/// Parse one labeled JSONL line: `id`, `text`, `label` (one of the nine codes or `none`)
/// required; `balancer`, `target`,
/// `pair`, `event`, `case_event` optional; other fields ignored.
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
    let label = crate::model::parse_label(&label_s).map_err(|message| CoderError::Field {
        source_name: source.into(),
        line,
        field: "label".into(),
        message,
    })?;
    let opt = |key: &str| match o.get(key) {
        Some(serde_json::Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Some(serde_json::Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let (pair, event, case_event) = (opt("pair"), opt("event"), opt("case_event"));
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
        event,
        case_event,
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
