//! The OpenAPI 3 description of the JSON API (`docs/openapi.json`, embedded in the binary and
//! served at `GET /api/openapi.json`). Tests check it against the router both ways: every API
//! route is documented, and every documented route is served.

use axum::http::header;
use axum::response::{IntoResponse, Response};

/// `docs/openapi.json`, embedded.
pub const OPENAPI: &str = include_str!("../../../docs/openapi.json");

/// `GET /api/openapi.json`.
pub async fn api() -> Response {
    ([(header::CONTENT_TYPE, "application/json"), (header::CACHE_CONTROL, "no-cache")], OPENAPI).into_response()
}

#[cfg(test)]
mod tests {
    use super::OPENAPI;
    use crate::testutil::*;
    use axum::body::Body;
    use axum::http::{header, Request, StatusCode};
    use serde_json::Value;
    use std::collections::BTreeSet;

    fn documented() -> BTreeSet<(String, String)> {
        let v: Value = serde_json::from_str(OPENAPI).expect("docs/openapi.json is JSON");
        assert!(v["openapi"].as_str().unwrap().starts_with("3."));
        let mut out = BTreeSet::new();
        for (path, item) in v["paths"].as_object().unwrap() {
            for (method, op) in item.as_object().unwrap() {
                assert!(op["responses"]["200"].is_object(), "{method} {path} documents its answer");
                out.insert((method.clone(), path.clone()));
            }
        }
        out
    }

    #[test]
    fn every_api_route_is_documented_and_every_documented_route_is_routed() {
        let routed: BTreeSet<(String, String)> = crate::api_routes().into_iter().map(|(m, p, _)| (m.to_string(), p.to_string())).collect();
        let documented = documented();
        let undocumented: Vec<_> = routed.difference(&documented).collect();
        let unrouted: Vec<_> = documented.difference(&routed).collect();
        assert!(undocumented.is_empty(), "routes missing from docs/openapi.json: {undocumented:?}");
        assert!(unrouted.is_empty(), "docs/openapi.json documents routes the server lacks: {unrouted:?}");
        assert!(routed.len() >= 12);
    }

    /// Each documented route, with its documented example parameters, answers as documented
    /// (not 404 or 405): the router really serves what the file lists.
    #[tokio::test]
    async fn every_documented_route_answers_with_json() {
        let v: Value = serde_json::from_str(OPENAPI).unwrap();
        for (method, path) in documented() {
            let op = &v["paths"][&path][&method];
            let mut uri = path.clone();
            let mut query = Vec::new();
            for p in op["parameters"].as_array().into_iter().flatten() {
                let (name, ex) = (p["name"].as_str().unwrap(), p["example"].as_str());
                match (p["in"].as_str().unwrap(), ex) {
                    ("path", Some(ex)) => uri = uri.replace(&format!("{{{name}}}"), ex),
                    ("path", None) => panic!("{method} {path}: path parameter {name} has no example"),
                    ("query", Some(ex)) if path != "/api/events" => query.push(format!("{name}={}", crate::html::url(ex))),
                    _ => {}
                }
            }
            if !query.is_empty() {
                uri = format!("{uri}?{}", query.join("&"));
            }
            let req = if method == "post" {
                let body = op["requestBody"]["content"]["application/json"]["example"].to_string();
                Request::post(&uri).header(header::CONTENT_TYPE, "application/json").body(Body::from(body)).unwrap()
            } else {
                Request::get(&uri).body(Body::empty()).unwrap()
            };
            let (s, ty, body, _) = send(req).await;
            let expected = if path == "/api/events" { StatusCode::NOT_FOUND } else { StatusCode::OK };
            assert_eq!(s, expected, "{method} {uri}: {body}");
            assert!(ty.starts_with("application/json"), "{method} {uri}: {ty}");
            let v: Value = serde_json::from_str(&body).unwrap();
            if s == StatusCode::OK {
                for key in op["responses"]["200"]["content"]["application/json"]["schema"]["required"].as_array().into_iter().flatten() {
                    assert!(v.get(key.as_str().unwrap()).is_some(), "{method} {uri} lacks {key}");
                }
            }
        }
    }
}
