//! The page frame shared by every page (UTF-8, a CJK-capable font stack, the embedded CSS and
//! JavaScript, the case navigation) and small formatting helpers.

use crate::CaseEntry;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

/// Escape text for HTML element content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Percent-encode a query or path component.
pub fn url(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A share as a percentage that is never rounded to 0% or 100% unless it is exactly that.
pub fn pct(v: f64) -> String {
    let p = v * 100.0;
    if p > 0.0 && p < 1.0 {
        "<1%".into()
    } else if p < 100.0 && p > 99.0 {
        ">99%".into()
    } else {
        format!("{p:.0}%")
    }
}

/// A score with two decimals, `missing` for none.
pub fn score(v: Option<f64>) -> String {
    v.map(|v| format!("{v:.2}")).unwrap_or_else(|| "missing".into())
}

/// Reading the JSON report (`softbalance-report`'s stable schema), which the pages render from.
pub mod j {
    use serde_json::Value;
    /// A string at `ptr`, `""` when absent.
    pub fn s<'a>(v: &'a Value, ptr: &str) -> &'a str {
        v.pointer(ptr).and_then(Value::as_str).unwrap_or("")
    }
    /// A number at `ptr`, `None` when absent or null.
    pub fn f(v: &Value, ptr: &str) -> Option<f64> {
        v.pointer(ptr).and_then(Value::as_f64)
    }
    /// A count at `ptr`, 0 when absent.
    pub fn n(v: &Value, ptr: &str) -> usize {
        v.pointer(ptr).and_then(Value::as_u64).unwrap_or(0) as usize
    }
    /// The object at `ptr` as key/value pairs (empty when absent).
    pub fn obj<'a>(v: &'a Value, ptr: &str) -> Vec<(&'a String, &'a Value)> {
        v.pointer(ptr).and_then(Value::as_object).map(|m| m.iter().collect()).unwrap_or_default()
    }
    /// The strings of the array at `ptr`.
    pub fn strs<'a>(v: &'a Value, ptr: &str) -> Vec<&'a str> {
        v.pointer(ptr).and_then(Value::as_array).map(|a| a.iter().filter_map(Value::as_str).collect()).unwrap_or_default()
    }
}

/// An outcome by its report name (`soft`, `insufficient_evidence`, …).
pub fn outcome(name: &str) -> Option<softbalance_core::Response> {
    softbalance_core::Response::ALL.into_iter().find(|r| r.as_str() == name)
}

/// The English and Chinese labels of an outcome by its report name.
pub fn outcome_labels(name: &str) -> (&str, &'static str) {
    match outcome(name) {
        Some(r) => (r.label_en(), r.label_zh()),
        None => (name, ""),
    }
}

/// Which tab of a case is shown.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Overview,
    WhatIf,
    Evidence,
    Timeline,
}

/// A whole page: `title`, the case navigation when `nav` is given, and `body`.
pub fn page(title: &str, nav: Option<(&CaseEntry, Tab)>, body: &str) -> Html<String> {
    let mut s = String::with_capacity(body.len() + 2048);
    s.push_str("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
    s.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    s.push_str(&format!("<title>{} · softbalance</title>", esc(title)));
    s.push_str("<link rel=\"stylesheet\" href=\"/assets/app.css\"><script src=\"/assets/app.js\" defer></script></head><body>");
    s.push_str("<header><a class=\"brand\" href=\"/\">softbalance</a><nav class=\"site\"><a href=\"/\">Cases</a><a href=\"/compare\">Compare</a><a href=\"/coder\">Coder</a><a href=\"/validation\">Validation</a><a href=\"/events\">Events</a><a href=\"/api/openapi.json\">API</a></nav>");
    if let Some((c, tab)) = nav {
        let link = |t: Tab, href: String, label: &str| {
            format!("<a href=\"{href}\"{}>{label}</a>", if t == tab { " class=\"active\" aria-current=\"page\"" } else { "" })
        };
        let id = url(&c.id);
        s.push_str("<nav>");
        s.push_str(&format!("<span class=\"case\">{}</span>", esc(&c.id)));
        s.push_str(&link(Tab::Overview, format!("/case/{id}"), "Overview"));
        s.push_str(&link(Tab::WhatIf, format!("/case/{id}/whatif"), "What-if"));
        s.push_str(&link(Tab::Evidence, format!("/case/{id}/evidence"), "Evidence"));
        s.push_str(&link(Tab::Timeline, format!("/case/{id}/timeline"), "Timeline"));
        s.push_str("</nav>");
    }
    s.push_str("</header><main>");
    s.push_str(body);
    s.push_str("</main><footer>softbalance ");
    s.push_str(env!("CARGO_PKG_VERSION"));
    s.push_str(" · served locally; this page makes no request to any other site</footer></body></html>\n");
    Html(s)
}

/// A 404 page.
pub fn not_found(what: &str) -> Response {
    (StatusCode::NOT_FOUND, page("Not found", None, &format!("<h1>Not found</h1><p>{}. <a href=\"/\">All cases</a></p>", esc(what))))
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_and_urls() {
        assert_eq!(esc("<a href=\"x\">&'"), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
        assert_eq!(url("a b/中"), "a%20b%2F%E4%B8%AD");
        assert_eq!(pct(0.004), "<1%");
        assert_eq!(pct(0.995), ">99%");
        assert_eq!(pct(1.0), "100%");
        assert_eq!(pct(0.0), "0%");
        assert_eq!(score(None), "missing");
    }

    #[test]
    fn the_frame_declares_utf8_and_loads_only_embedded_assets() {
        let Html(s) = page("T <1>", None, "<p>x</p>");
        assert!(s.contains("<meta charset=\"utf-8\">"));
        assert!(s.contains("T &lt;1&gt;"));
        assert!(!s.contains("http://") && !s.contains("https://"), "no outside URL in the frame");
    }
}
