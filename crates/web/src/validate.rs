//! Validation of the case folders given on the command line (`/validation`,
//! `GET /api/validation`): each folder loaded and checked as `softbalance check` does
//! (`softbalance_case::load_dir` and `softbalance_case::warnings`); a valid one is served, an
//! invalid one is listed here with every problem's file, line and field instead of stopping
//! the server.

use crate::html::{self, esc, url};
use crate::App;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};
use softbalance_core::Case;
use std::path::PathBuf;
use std::sync::Arc;

/// One problem of an invalid folder, as `softbalance check` prints it.
#[derive(Clone, Debug)]
pub struct Problem {
    pub kind: &'static str,
    pub file: String,
    pub line: Option<u64>,
    pub field: Option<String>,
    pub message: String,
}

/// What the check of one folder found.
#[derive(Clone, Debug)]
pub struct Validation {
    /// The folder as given on the command line.
    pub origin: String,
    /// The id the case is served under when valid.
    pub case_id: Option<String>,
    /// Errors (the folder is not served); empty when valid.
    pub problems: Vec<Problem>,
    /// `softbalance check`'s exit code for the errors (3–7), 0 when valid.
    pub exit_code: u8,
    /// Warnings about a valid case (`file: message`).
    pub warnings: Vec<String>,
}

impl Validation {
    pub fn is_valid(&self) -> bool {
        self.problems.is_empty()
    }

    pub fn json(&self) -> Value {
        json!({
            "origin": self.origin,
            "valid": self.is_valid(),
            "case": self.case_id,
            "exit_code": self.exit_code,
            "problems": self.problems.iter().map(|p| json!({
                "kind": p.kind, "file": p.file, "line": p.line, "field": p.field, "message": p.message,
            })).collect::<Vec<_>>(),
            "warnings": self.warnings,
        })
    }
}

/// Load and check each folder: the valid cases (with their origin) and one validation per
/// folder, in the order given.
pub fn validate_dirs(dirs: &[PathBuf]) -> (Vec<(Case, String)>, Vec<Validation>) {
    let mut cases = Vec::new();
    let mut out = Vec::new();
    for dir in dirs {
        let origin = dir.display().to_string();
        match softbalance_case::load_dir(dir) {
            Ok(case) => {
                let warnings = softbalance_case::warnings(&case).iter().map(|w| w.to_string()).collect();
                out.push(Validation { origin: origin.clone(), case_id: None, problems: Vec::new(), exit_code: 0, warnings });
                cases.push((case, origin));
            }
            Err(e) => {
                let problems = e
                    .problems
                    .iter()
                    .map(|p| Problem { kind: p.kind.as_str(), file: p.file.clone(), line: p.line, field: p.field.clone(), message: p.message.clone() })
                    .collect();
                out.push(Validation { origin, case_id: None, problems, exit_code: e.exit_code(), warnings: Vec::new() });
            }
        }
    }
    (cases, out)
}

/// Fill in the ids the valid folders are served under (set once the cases are numbered).
pub fn link_ids(app: &mut App) {
    for v in app.validations.iter_mut().filter(|v| v.is_valid()) {
        v.case_id = app.cases.iter().find(|c| c.origin == v.origin).map(|c| c.id.clone());
    }
}

/// `GET /api/validation`.
pub async fn api(State(app): State<Arc<App>>) -> Json<Value> {
    let list: Vec<Value> = app.validations.iter().map(Validation::json).collect();
    Json(json!({
        "folders": list,
        "valid": app.validations.iter().filter(|v| v.is_valid()).count(),
        "invalid": app.validations.iter().filter(|v| !v.is_valid()).count(),
    }))
}

/// `GET /validation`.
pub async fn page(State(app): State<Arc<App>>) -> Response {
    let mut b = String::from("<h1>Validation of the case folders</h1>");
    if app.validations.is_empty() {
        b.push_str("<p>No case folder was given on the command line; the built-in cases are served (they are checked by the test suite). Give folders with <code>softbalance serve DIR…</code> to see their problems here, as <code>softbalance check DIR</code> prints them.</p>");
        return html::page("Validation", None, &b).into_response();
    }
    let bad = app.validations.iter().filter(|v| !v.is_valid()).count();
    b.push_str(&format!(
        "<p id=\"count\" data-invalid=\"{bad}\">{} folder{} given, {bad} invalid. An invalid folder is not served; fix the problems below and restart, or run <code>softbalance check DIR</code>.</p>",
        app.validations.len(),
        if app.validations.len() == 1 { "" } else { "s" }
    ));
    for v in &app.validations {
        b.push_str(&format!("<section class=\"validation {}\" data-origin=\"{}\"><h2><code>{}</code>: ", if v.is_valid() { "ok" } else { "bad" }, esc(&v.origin), esc(&v.origin)));
        if v.is_valid() {
            let link = v.case_id.as_deref().map(|id| format!(" — <a href=\"/case/{}\">served as {}</a>", url(id), esc(id))).unwrap_or_default();
            b.push_str(&format!("valid{link}</h2>"));
        } else {
            b.push_str(&format!("{} problem{} (exit code {})</h2>", v.problems.len(), if v.problems.len() == 1 { "" } else { "s" }, v.exit_code));
            b.push_str("<table class=\"problems\"><thead><tr><th>file</th><th>line</th><th>field</th><th>kind</th><th>problem</th></tr></thead><tbody>");
            for p in &v.problems {
                b.push_str(&format!(
                    "<tr class=\"problem\"><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    esc(&p.file),
                    p.line.map(|l| l.to_string()).unwrap_or_default(),
                    esc(p.field.as_deref().unwrap_or("")),
                    p.kind,
                    esc(&p.message)
                ));
            }
            b.push_str("</tbody></table>");
        }
        if !v.warnings.is_empty() {
            b.push_str("<ul class=\"warnings\">");
            for w in &v.warnings {
                b.push_str(&format!("<li>warning: {}</li>", esc(w)));
            }
            b.push_str("</ul>");
        }
        b.push_str("</section>");
    }
    html::page("Validation", None, &b).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::get_from;
    use axum::http::StatusCode;

    /// The built-in case written to a folder, with `edit` applied to one of its files.
    fn case_dir(edit: impl FnOnce(&std::path::Path)) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (name, bytes) in &softbalance_case::builtin_files().files {
            if let Some(b) = bytes {
                std::fs::write(dir.path().join(name), b).unwrap();
            }
        }
        edit(dir.path());
        dir
    }

    #[tokio::test]
    async fn a_bad_folder_is_listed_with_file_and_line_and_the_good_one_is_served() {
        let good = case_dir(|_| {});
        let bad = case_dir(|d| {
            let p = d.join("actions.csv");
            let text = std::fs::read_to_string(&p).unwrap();
            let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
            lines[2] = lines[2].replacen(",", ",not-a-date-", 1);
            std::fs::write(&p, lines.join("\n") + "\n").unwrap();
        });
        let missing = PathBuf::from("/nonexistent/softbalance-case");
        let app = Arc::new(App::from_dirs(&[good.path().to_path_buf(), bad.path().to_path_buf(), missing]));
        assert_eq!(app.cases.len(), 1, "only the valid folder is served");
        assert!(app.validations[0].is_valid() && app.validations[0].case_id.is_some());
        assert!(!app.validations[1].is_valid());
        let p = &app.validations[1].problems[0];
        assert!(p.file.ends_with("actions.csv"), "{p:?}");
        assert_eq!(p.line, Some(3), "{p:?}");
        assert_eq!(app.validations[2].exit_code, 3);

        let (s, _, body) = get_from(app.clone(), "/validation").await;
        assert_eq!(s, StatusCode::OK);
        assert!(body.contains("data-invalid=\"2\""));
        assert!(body.contains("actions.csv") && body.contains("<td>3</td>"), "file and line shown");
        assert!(body.contains("no such case folder"));
        let (s, _, json) = get_from(app.clone(), "/api/validation").await;
        assert_eq!(s, StatusCode::OK);
        let v: Value = serde_json::from_str(&json).unwrap();
        assert_eq!((v["valid"].as_u64(), v["invalid"].as_u64()), (Some(1), Some(2)));
        assert_eq!(v["folders"][1]["problems"][0]["line"], 3);
        let (s, _, _) = get_from(app, "/").await;
        assert_eq!(s, StatusCode::OK, "the server runs with the bad folders");
    }
}
