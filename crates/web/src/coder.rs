//! The coder page (`/coder`, `POST /api/code`): pasted text, or an uploaded .txt, .md or .html
//! document, coded sentence by sentence into the nine strategy codes with confidence and the
//! cues that decided, as `softbalance code` does. This is the dashboard's only use of
//! softbalance-coder, and it uses the crate's top-level API alone (`Coder::shared`, `Item`,
//! `Coder::code_document`, `Document`, `Coded`, `Cue`); documents become plain text here first.

use crate::api;
use crate::html::{self, esc};
use crate::{App, COMPUTE_TIMEOUT, UPLOAD_LIMIT};
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};
use softbalance_coder::{Coder, Item};
use softbalance_core::StrategyCode;
use std::sync::Arc;

/// Most sentences one request may code (a 1 MiB document has a few thousand).
pub const MAX_SENTENCES: usize = 20_000;

/// The kinds of document the coder reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
}

impl Format {
    pub fn parse(s: &str) -> Option<Format> {
        match s.trim().to_ascii_lowercase().as_str() {
            "" | "txt" | "text" | "text/plain" => Some(Format::Text),
            "md" | "markdown" | "text/markdown" | "text/x-markdown" => Some(Format::Markdown),
            "html" | "htm" | "text/html" => Some(Format::Html),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Markdown => "md",
            Format::Html => "html",
        }
    }
}

/// What to code: the text, its format and an optional dyad (ISO3 or group codes).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Request {
    pub text: String,
    pub format: Option<String>,
    pub balancer: Option<String>,
    pub target: Option<String>,
}

/// The options of a raw upload (`POST /api/code?format=html&balancer=USA&target=CHN`).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct UploadQuery {
    pub format: Option<String>,
    pub balancer: Option<String>,
    pub target: Option<String>,
}

fn dyad_code(name: &str, v: &Option<String>) -> Result<Option<String>, String> {
    match v.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) if s.len() <= 12 && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') => Ok(Some(s.to_ascii_uppercase())),
        Some(s) => Err(format!("{name} {s:?}: give an ISO3 or group code such as USA, CHN or EU, or leave it empty to detect it")),
    }
}

/// The coding of one request: the plain text coded and the JSON answer.
pub fn code(req: &Request) -> Result<Value, String> {
    let format = match req.format.as_deref() {
        None => Format::Text,
        Some(f) => Format::parse(f).ok_or_else(|| format!("format {f:?}: expected txt, md or html"))?,
    };
    let balancer = dyad_code("balancer", &req.balancer)?;
    let target = dyad_code("target", &req.target)?;
    let text = match format {
        Format::Text => req.text.clone(),
        Format::Markdown => markdown_to_text(&req.text),
        Format::Html => html_to_text(&req.text),
    };
    if text.trim().is_empty() {
        return Err("nothing to code: the text is empty (paste a sentence such as \"The United States added Huawei to the Entity List.\")".into());
    }
    let mut item = Item::new("dashboard", text.clone());
    item.balancer = balancer.clone();
    item.target = target.clone();
    let doc = Coder::shared().code_document(&item);
    if doc.sentences.len() > MAX_SENTENCES {
        return Err(format!("{} sentences: at most {MAX_SENTENCES} in one request; split the document", doc.sentences.len()));
    }
    let sentences: Vec<Value> = doc
        .sentences
        .iter()
        .map(|(s, e, c)| {
            json!({
                "start": s,
                "end": e,
                "text": &text[*s..*e],
                "label": c.label.as_str(),
                "label_en": c.label.label_en(),
                "label_zh": c.label.label_zh(),
                "confidence": c.confidence,
                "runner_up": c.runner_up.as_str(),
                "runner_up_confidence": c.runner_up_confidence,
                "cues": c.cues.iter().map(|q| json!({ "text": q.text, "kind": q.kind, "start": q.start, "end": q.end })).collect::<Vec<_>>(),
                "lang": c.lang.as_str(),
                "balancer": c.balancer,
                "target": c.target,
                "partners": c.partners,
                "dyad": c.dyad,
            })
        })
        .collect();
    let counts: serde_json::Map<String, Value> =
        StrategyCode::ALL.iter().map(|code| (code.as_str().to_string(), Value::from(doc.counts[code.index()]))).collect();
    Ok(json!({
        "format": format.as_str(),
        "chars": text.chars().count(),
        "balancer": balancer,
        "target": target,
        "sentences": sentences,
        "counts": counts,
    }))
}

/// Code on a blocking thread, with the compute timeout.
async fn code_async(req: Request) -> Result<Value, (StatusCode, String)> {
    let task = tokio::task::spawn_blocking(move || code(&req));
    match tokio::time::timeout(COMPUTE_TIMEOUT, task).await {
        Err(_) => Err((StatusCode::SERVICE_UNAVAILABLE, "the coding took too long; send a shorter text".into())),
        Ok(Err(_)) => Err((StatusCode::INTERNAL_SERVER_ERROR, "the coding failed".into())),
        Ok(Ok(Err(msg))) => Err((StatusCode::BAD_REQUEST, msg)),
        Ok(Ok(Ok(v))) => Ok(v),
    }
}

/// The result table: one row per sentence with label, confidence and cues.
pub fn result_table(v: &Value) -> String {
    let sentences = v.get("sentences").and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[]);
    let mut s = format!(
        "<p id=\"coded\" data-sentences=\"{n}\">{n} sentence{} coded ({} characters of {} text).</p>",
        if sentences.len() == 1 { "" } else { "s" },
        v["chars"],
        esc(v["format"].as_str().unwrap_or("")),
        n = sentences.len()
    );
    s.push_str("<table class=\"coded\"><thead><tr><th>#</th><th>sentence</th><th>label</th><th>confidence</th><th>runner-up</th><th>cues</th><th>dyad</th></tr></thead><tbody>");
    for (i, x) in sentences.iter().enumerate() {
        let cues: Vec<String> = x["cues"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|q| format!("<mark class=\"cue {}\">{}</mark>", esc(q["kind"].as_str().unwrap_or("")), esc(q["text"].as_str().unwrap_or(""))))
            .collect();
        let dyad = match (x["balancer"].as_str(), x["target"].as_str()) {
            (Some(b), Some(t)) => format!("{} → {} ({})", esc(b), esc(t), esc(x["dyad"].as_str().unwrap_or(""))),
            (Some(b), None) => format!("{} →", esc(b)),
            _ => String::new(),
        };
        s.push_str(&format!(
            "<tr class=\"sentence\" data-label=\"{label}\"><td>{n}</td><td lang=\"{lang}\">{text}</td><td><code>{label}</code><br><small>{zh}</small></td><td class=\"n\" data-confidence=\"{conf:.3}\">{pc}</td><td><code>{ru}</code> {rpc}</td><td>{cues}</td><td>{dyad}</td></tr>",
            n = i + 1,
            label = esc(x["label"].as_str().unwrap_or("")),
            lang = esc(x["lang"].as_str().unwrap_or("")),
            text = esc(x["text"].as_str().unwrap_or("")),
            zh = esc(x["label_zh"].as_str().unwrap_or("")),
            conf = x["confidence"].as_f64().unwrap_or(0.0),
            pc = html::pct(x["confidence"].as_f64().unwrap_or(0.0)),
            ru = esc(x["runner_up"].as_str().unwrap_or("")),
            rpc = html::pct(x["runner_up_confidence"].as_f64().unwrap_or(0.0)),
            cues = cues.join(" "),
        ));
    }
    s.push_str("</tbody></table>");
    s
}

/// `POST /api/code`: a JSON body `{"text", "format", "balancer", "target"}`, or the document
/// itself with `Content-Type: text/plain`, `text/markdown` or `text/html` and the options in
/// the query string.
pub async fn api(headers: HeaderMap, q: Result<Query<UploadQuery>, axum::extract::rejection::QueryRejection>, body: Result<Bytes, BytesRejection>) -> Response {
    let body = match body {
        Ok(b) => b,
        Err(e) => return api::error(e.status(), format!("{} (the coder takes at most {} KiB)", e.body_text(), UPLOAD_LIMIT / 1024)),
    };
    let Query(q) = match q {
        Ok(q) => q,
        Err(e) => return api::error(StatusCode::BAD_REQUEST, e.body_text()),
    };
    let ty = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    let req = if ty == "application/json" {
        match serde_json::from_slice::<Request>(&body) {
            Ok(r) => r,
            Err(e) => return api::error(StatusCode::BAD_REQUEST, format!("the body must be JSON {{\"text\": \"…\", \"format\": \"txt|md|html\", \"balancer\": \"USA\", \"target\": \"CHN\"}}: {e}")),
        }
    } else if let Some(f) = Format::parse(&ty).filter(|_| !ty.is_empty()) {
        let Ok(text) = String::from_utf8(body.to_vec()) else {
            return api::error(StatusCode::BAD_REQUEST, "the document is not UTF-8; save it as UTF-8 and upload it again");
        };
        Request { text, format: Some(q.format.clone().unwrap_or_else(|| f.as_str().to_string())), balancer: q.balancer, target: q.target }
    } else {
        return api::error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            format!("Content-Type {ty:?}: send application/json, or a document as text/plain, text/markdown or text/html"),
        );
    };
    match code_async(req).await {
        Ok(mut v) => {
            v["html"] = Value::from(result_table(&v));
            Json(v).into_response()
        }
        Err((status, msg)) => api::error(status, msg),
    }
}

fn form(req: &Request) -> String {
    let fmt = req.format.as_deref().and_then(Format::parse).unwrap_or(Format::Text);
    let opt = |f: Format, label: &str| format!("<option value=\"{}\"{}>{label}</option>", f.as_str(), if f == fmt { " selected" } else { "" });
    format!(
        "<form id=\"coder\" method=\"post\" action=\"/coder\" data-limit=\"{limit}\">\
         <p><label>Text (English, 繁體 or 简体; one or more sentences)<br><textarea name=\"text\" rows=\"8\" cols=\"100\" placeholder=\"美國商務部將華為列入實體清單。The United States and Japan agreed to coordinate export controls.\">{text}</textarea></label></p>\
         <p><label>or a document (.txt, .md, .html, at most {kib} KiB) <input type=\"file\" id=\"upload\" accept=\".txt,.md,.markdown,.html,.htm,text/plain,text/markdown,text/html\"></label> <span id=\"upload-status\" role=\"status\"></span></p>\
         <p><label>format <select name=\"format\">{o1}{o2}{o3}</select></label> \
         <label>balancer <input name=\"balancer\" size=\"6\" value=\"{bal}\" placeholder=\"USA\"></label> \
         <label>target <input name=\"target\" size=\"6\" value=\"{tgt}\" placeholder=\"CHN\"></label> \
         <button type=\"submit\">Code</button></p></form>",
        limit = UPLOAD_LIMIT,
        kib = UPLOAD_LIMIT / 1024,
        text = esc(&req.text),
        o1 = opt(Format::Text, "plain text"),
        o2 = opt(Format::Markdown, "Markdown"),
        o3 = opt(Format::Html, "HTML"),
        bal = esc(req.balancer.as_deref().unwrap_or("")),
        tgt = esc(req.target.as_deref().unwrap_or("")),
    )
}

const INTRO: &str = "<h1>Code text</h1><p class=\"note\">Each sentence is coded into one of the nine strategy codes by the bundled coder (the one <code>softbalance code</code> uses): the label, the model's confidence (calibrated; see docs/coder.md), the runner-up and the cues that decided. The dyad is detected from the text unless you give it. Nothing is stored.</p>";

/// `GET /coder`.
pub async fn page(State(_app): State<Arc<App>>) -> Response {
    html::page("Coder", None, &format!("{INTRO}{}", form(&Request::default()))).into_response()
}

/// `POST /coder` (the page's form): the page again with the results under it.
pub async fn submit(State(_app): State<Arc<App>>, f: Result<axum::Form<Request>, axum::extract::rejection::FormRejection>) -> Response {
    let req = match f {
        Ok(axum::Form(r)) => r,
        Err(e) => {
            let status = e.status();
            let b = format!("{INTRO}<p class=\"error\" role=\"alert\">{}</p>{}", esc(&e.body_text()), form(&Request::default()));
            return (status, html::page("Coder", None, &b)).into_response();
        }
    };
    let (status, result) = match code_async(req.clone()).await {
        Ok(v) => (StatusCode::OK, result_table(&v)),
        Err((status, msg)) => (status, format!("<p class=\"error\" role=\"alert\">{}</p>", esc(&msg))),
    };
    (status, html::page("Coder", None, &format!("{INTRO}{}<div id=\"coder-result\">{result}</div>", form(&req)))).into_response()
}

/// Plain text of an HTML document: tags dropped (block-level ones end a line), `script`,
/// `style`, `template` and comments skipped, character references decoded.
pub fn html_to_text(s: &str) -> String {
    const BLOCK: [&str; 22] = [
        "p", "br", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "table", "section", "article", "header",
        "footer", "blockquote", "title",
    ];
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('<') {
        out.push_str(&decode_entities(&rest[..i]));
        rest = &rest[i..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map(|j| &after[j + 3..]).unwrap_or("");
            continue;
        }
        let end = rest.find('>').map(|j| j + 1).unwrap_or(rest.len());
        let tag = &rest[1..end.saturating_sub(1).max(1)];
        let name: String = tag.trim_start_matches('/').chars().take_while(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_lowercase();
        rest = &rest[end..];
        if !tag.starts_with('/') && ["script", "style", "template", "noscript"].contains(&name.as_str()) {
            let close = format!("</{name}");
            let lower = rest.to_ascii_lowercase();
            rest = match lower.find(&close) {
                Some(j) => &rest[j..],
                None => "",
            };
            continue;
        }
        if BLOCK.contains(&name.as_str()) {
            out.push('\n');
        } else if !name.is_empty() {
            out.push(' ');
        }
    }
    out.push_str(&decode_entities(rest));
    out
}

fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        // a reference is at most 12 bytes (`&#x10FFFF;`); look no further, on a char boundary
        let window = rest.char_indices().take_while(|(k, _)| *k <= 12).last().map(|(k, c)| k + c.len_utf8()).unwrap_or(0);
        let semi = rest[..window].find(';');
        let decoded = semi.and_then(|j| {
            let name = &rest[1..j];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" | "#39" => Some('\''),
                "nbsp" => Some(' '),
                n if n.starts_with("#x") || n.starts_with("#X") => u32::from_str_radix(&n[2..], 16).ok().and_then(char::from_u32),
                n if n.starts_with('#') => n[1..].parse().ok().and_then(char::from_u32),
                _ => None,
            }?;
            Some((c, j + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Plain text of a Markdown document: headings, quotes and list markers, emphasis and code
/// marks dropped, links and images replaced by their text, fenced code blocks skipped.
pub fn markdown_to_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut fenced = false;
    for line in s.lines() {
        let t = line.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            fenced = !fenced;
            out.push('\n');
            continue;
        }
        if fenced {
            out.push('\n');
            continue;
        }
        let mut t = t.trim_start_matches('#').trim_start_matches('>').trim_start();
        for marker in ["- ", "* ", "+ "] {
            if let Some(x) = t.strip_prefix(marker) {
                t = x;
            }
        }
        let digits = t.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && t[digits..].starts_with(". ") {
            t = &t[digits + 2..];
        }
        out.push_str(&links_to_text(t).replace("**", "").replace("__", "").replace('`', ""));
        out.push('\n');
    }
    out
}

/// `[text](url)` and `![alt](url)` → `text`, `alt`.
fn links_to_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('[') {
        let Some(close) = rest[i..].find("](").map(|j| i + j) else { break };
        let Some(paren) = rest[close..].find(')').map(|j| close + j) else { break };
        let before = &rest[..i];
        out.push_str(before.strip_suffix('!').unwrap_or(before));
        out.push_str(&rest[i + 1..close]);
        rest = &rest[paren + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::*;
    use axum::body::Body;

    #[test]
    fn documents_become_plain_text() {
        let h = html_to_text("<html><head><title>T</title><style>p{x}</style><script>var a='<p>';</script></head><body><p>The U.S. &amp; Japan agreed.</p><!-- <p>hidden</p> --><p>美國&#x5546;務部</p></body></html>");
        assert!(h.contains("The U.S. & Japan agreed."), "{h:?}");
        assert!(h.contains("美國商務部"));
        assert!(!h.contains("var a") && !h.contains("hidden") && !h.contains("p{x}"), "{h:?}");
        let m = markdown_to_text("# Title\n\n- **The United States** added [Huawei](https://x.example) to the list.\n```\ncode here\n```\n1. Second item.");
        assert!(m.contains("The United States added Huawei to the list."), "{m:?}");
        assert!(m.contains("Second item.") && !m.contains("code here") && !m.contains("https"));
        assert_eq!(decode_entities("a &bogus; b &lt;"), "a &bogus; b <");
        assert_eq!(decode_entities("&部部部部部;&#12345678901;&"), "&部部部部部;&#12345678901;&", "no panic inside a character, unknown kept");
    }

    #[test]
    fn each_sentence_gets_a_label_a_confidence_and_cues() {
        let req = Request { text: "美國商務部將華為列入實體清單。The United States and Japan agreed to coordinate export controls against China.".into(), ..Default::default() };
        let v = code(&req).unwrap();
        let s = v["sentences"].as_array().unwrap();
        assert_eq!(s.len(), 2);
        for x in s {
            assert!(x["label"].as_str().unwrap().parse::<StrategyCode>().is_ok());
            let c = x["confidence"].as_f64().unwrap();
            assert!(c > 0.0 && c <= 1.0);
        }
        assert_eq!(s[0]["lang"], "zh-Hant");
        assert!(!s[0]["cues"].as_array().unwrap().is_empty(), "{}", s[0]);
        let total: u64 = v["counts"].as_object().unwrap().values().map(|n| n.as_u64().unwrap()).sum();
        assert_eq!(total, 2);
        assert!(code(&Request { text: "  ".into(), ..Default::default() }).unwrap_err().contains("empty"));
        assert!(code(&Request { text: "x".into(), balancer: Some("<script>".into()), ..Default::default() }).unwrap_err().contains("ISO3"));
        assert!(code(&Request { text: "x".into(), format: Some("pdf".into()), ..Default::default() }).unwrap_err().contains("txt, md or html"));
    }

    #[tokio::test]
    async fn the_api_takes_json_and_raw_documents_within_the_upload_limit() {
        let (s, body) = post_json("/api/code", r#"{"text":"The United States added Huawei to the Entity List.","balancer":"USA","target":"CHN"}"#).await;
        assert_eq!(s, StatusCode::OK, "{body}");
        let v: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(v["sentences"][0]["dyad"], "given");
        assert!(v["html"].as_str().unwrap().contains("data-label="));

        let doc = "<p>The United States added Huawei to the Entity List.</p><p>美国商务部将华为列入实体清单。</p>";
        let req = axum::http::Request::post("/api/code?balancer=USA").header(header::CONTENT_TYPE, "text/html; charset=utf-8").body(Body::from(doc)).unwrap();
        let (s, _, body, _) = send(req).await;
        assert_eq!(s, StatusCode::OK, "{body}");
        let v: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(v["format"], "html");
        assert_eq!(v["sentences"].as_array().unwrap().len(), 2);
        assert_eq!(v["sentences"][1]["lang"], "zh-Hans");

        let big = "a".repeat(UPLOAD_LIMIT + 1);
        let req = axum::http::Request::post("/api/code").header(header::CONTENT_TYPE, "text/plain").body(Body::from(big)).unwrap();
        let (s, ty, body, _) = send(req).await;
        assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE);
        assert!(ty.starts_with("application/json") && body.contains("KiB"), "{body}");
        let req = axum::http::Request::post("/api/code").header(header::CONTENT_TYPE, "application/pdf").body(Body::from("%PDF")).unwrap();
        let (s, ty, _, _) = send(req).await;
        assert_eq!((s, ty.starts_with("application/json")), (StatusCode::UNSUPPORTED_MEDIA_TYPE, true));
        let req = axum::http::Request::post("/api/code").header(header::CONTENT_TYPE, "text/plain").body(Body::from(vec![0xff, 0xfe, 0x41])).unwrap();
        let (s, _, body, _) = send(req).await;
        assert_eq!(s, StatusCode::BAD_REQUEST);
        assert!(body.contains("UTF-8"));
    }

    #[tokio::test]
    async fn the_page_form_codes_and_shows_labels() {
        let (s, _, body) = get("/coder").await;
        assert_eq!(s, StatusCode::OK);
        assert!(body.contains("<textarea name=\"text\"") && body.contains("type=\"file\""));
        let form = format!("text={}&format=txt&balancer=&target=", html::url("美國商務部將華為列入實體清單。"));
        let req = axum::http::Request::post("/coder").header(header::CONTENT_TYPE, "application/x-www-form-urlencoded").body(Body::from(form)).unwrap();
        let (s, _, body, _) = send(req).await;
        assert_eq!(s, StatusCode::OK);
        assert!(body.contains("data-sentences=\"1\""));
        assert_eq!(body.matches("<tr class=\"sentence\" data-label=").count(), 1);
        assert!(body.contains("美國商務部將華為列入實體清單。"), "the text is kept in the form");
    }
}
