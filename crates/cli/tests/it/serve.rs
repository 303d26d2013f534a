//! `softbalance serve`: the real binary on a free loopback port, its pages and API fetched over
//! HTTP, and the what-if endpoint checked against `softbalance analyze` with the same settings;
//! a bad case folder on the command line shown on the validation page, raw traversal attempts,
//! the start line, and a graceful stop on SIGINT (Ctrl-C).

/// Without the `dashboard` feature the command exists and says how to get it.
#[cfg(not(feature = "dashboard"))]
#[test]
fn serve_without_the_dashboard_feature_says_how_to_build_it() {
    let out = crate::harness::bin()
        .args(["serve", "--addr", "127.0.0.1:0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--features dashboard"));
}

#[cfg(feature = "dashboard")]
mod live {
    use crate::harness::{bin, builtin_dir, CaseCopy};
    use serde_json::Value;
    use std::io::{BufRead, BufReader, Read, Write};
    use std::net::{SocketAddr, TcpStream};
    use std::process::{Child, Command, Stdio};
    use std::time::Duration;

    /// A running `softbalance serve`, killed when dropped.
    struct Server {
        child: Child,
        addr: SocketAddr,
        /// The lines printed before the start line.
        before: Vec<String>,
    }

    impl Drop for Server {
        fn drop(&mut self) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }

    fn start(args: &[&str]) -> Server {
        let exe = assert_cmd::cargo::cargo_bin("softbalance");
        let mut child = Command::new(exe)
            .arg("serve")
            .args(["--addr", "127.0.0.1:0"])
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary starts");
        let mut err = BufReader::new(child.stderr.take().unwrap());
        let mut before = Vec::new();
        let mut line = String::new();
        // problems of invalid folders and the panel come first; then
        // "softbalance: serving N cases on http://127.0.0.1:PORT/ (Ctrl-C stops)"
        loop {
            line.clear();
            assert!(
                err.read_line(&mut line).unwrap() > 0,
                "the server stopped before its start line; it printed {before:?}"
            );
            if line.contains("serving") {
                break;
            }
            before.push(line.clone());
        }
        let addr = line
            .split("http://")
            .nth(1)
            .and_then(|s| s.split('/').next())
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("no address in the start line {line:?}"));
        let mut next = String::new();
        err.read_line(&mut next).unwrap();
        assert!(
            next.contains(&format!("open http://{addr}/ in a browser")),
            "the second line says where to point the browser: {next:?}"
        );
        // keep draining stderr so the server never blocks on a full pipe
        std::thread::spawn(move || {
            let _ = std::io::copy(&mut err, &mut std::io::sink());
        });
        Server {
            child,
            addr,
            before,
        }
    }

    /// One HTTP/1.0 request; status and body.
    fn request(
        addr: SocketAddr,
        method: &str,
        path: &str,
        body: Option<&str>,
    ) -> (u16, String, String) {
        let mut s = TcpStream::connect_timeout(&addr, Duration::from_secs(5)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        let body = body.unwrap_or("");
        write!(
        s,
        "{method} {path} HTTP/1.0\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).unwrap();
        let raw = String::from_utf8(raw).expect("UTF-8 responses");
        let (head, body) = raw.split_once("\r\n\r\n").expect("a complete response");
        let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
        (status, head.to_string(), body.to_string())
    }

    fn get(addr: SocketAddr, path: &str) -> (u16, String, String) {
        request(addr, "GET", path, None)
    }

    fn json(s: &str) -> Value {
        serde_json::from_str(s).unwrap_or_else(|e| panic!("not JSON ({e}): {s}"))
    }

    /// `analyze --no-coder --draws 1000 ARGS --format json`, parsed.
    fn analyze(args: &[&str]) -> Value {
        let out = bin()
            .args([
                "analyze",
                "--no-coder",
                "--draws",
                "1000",
                "--format",
                "json",
            ])
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        json(&String::from_utf8(out.stdout).unwrap())
    }

    #[test]
    fn serve_answers_pages_and_api_and_whatifs_equal_analyze() {
        let server = start(&[]);
        let a = server.addr;

        let (s, head, body) = get(a, "/");
        assert_eq!(s, 200);
        assert!(
            head.to_ascii_lowercase()
                .contains("content-security-policy: default-src 'none'"),
            "{head}"
        );
        for b in softbalance_case::BUILTINS {
            assert!(
                body.contains(&format!("/case/{}", b.id)),
                "the case list names {}",
                b.id
            );
        }
        let (s, _, body) = get(a, "/case/us-china-ai");
        assert_eq!(s, 200);
        assert!(body.contains("data-field=\"prediction\">soft balancing<"));
        assert!(body.contains("<svg class=\"chart"));
        let (s, _, body) = get(a, "/case/us-china-ai/whatif");
        assert_eq!(s, 200);
        assert!(body.contains("1,000 Monte Carlo draws"));
        let (s, _, body) = get(a, "/case/us-china-ai/evidence?q=%E6%88%98%E7%95%A5"); // 战略 (Simplified)
        assert_eq!(s, 200);
        assert!(
            body.contains("戰略"),
            "a Simplified query finds the Traditional text"
        );
        let (s, _, body) = get(a, "/case/us-china-ai/source/tortoise2020");
        assert_eq!(s, 200);
        assert!(body.contains("data-id=\"I001\""));
        let (s, _, body) = get(a, "/assets/app.js");
        assert_eq!(s, 200);
        assert!(body.contains("/api/") || body.contains("dataset.api"));

        let (s, _, body) = get(a, "/api/cases");
        assert_eq!(s, 200);
        let cases = json(&body);
        assert_eq!(
            cases["cases"].as_array().unwrap().len(),
            softbalance_case::BUILTINS.len()
        );
        let (s, _, body) = get(a, "/api/cases/us-china-ai/analysis");
        assert_eq!(s, 200);
        let full = json(&body);
        let as_is = bin()
            .args(["analyze", "--no-coder", "--format", "json"])
            .output()
            .unwrap();
        let as_is = json(&String::from_utf8(as_is.stdout).unwrap());
        assert_eq!(
            full["prediction"], as_is["prediction"],
            "the analysis endpoint is `analyze --format json`"
        );

        // The what-if endpoint equals `analyze --draws 1000 --set … --drop …`, for a change that flips
        // the prediction and for one with drops.
        for (body, args) in [
            (
                r#"{"sets":["threat.thresholds.severe=0.6"]}"#,
                vec!["--set", "threat.thresholds.severe=0.6"],
            ),
            (
                r#"{"sets":["interests.weights.economic=0.2","method.intent_saturation=6"],"drops":["I036,A012"],"drop_sources":["tortoise2020"]}"#,
                vec![
                    "--set",
                    "interests.weights.economic=0.2",
                    "--set",
                    "method.intent_saturation=6",
                    "--drop",
                    "I036,A012",
                    "--drop-source",
                    "tortoise2020",
                ],
            ),
        ] {
            let (s, _, text) = request(a, "POST", "/api/cases/us-china-ai/whatif", Some(body));
            assert_eq!(s, 200, "{text}");
            let web = json(&text);
            let cli = analyze(&args);
            assert_eq!(web["prediction"], cli["prediction"], "{body}");
            for key in ["threat", "interests", "observed", "verdict", "adjustments"] {
                assert_eq!(web["report"][key], cli[key], "{body}: {key}");
            }
            assert_eq!(web["prediction"]["robustness"]["draws"], 1000);
            let cmd: Vec<String> = web["command"]
                .as_str()
                .unwrap()
                .split(' ')
                .map(str::to_string)
                .collect();
            assert_eq!(
                &cmd[..4],
                ["softbalance", "analyze", "--case", "us-china-ai"]
            );
        }
        let (_, _, text) = request(
            a,
            "POST",
            "/api/cases/us-china-ai/whatif",
            Some(r#"{"sets":["threat.thresholds.severe=0.6"]}"#),
        );
        assert_eq!(json(&text)["prediction"]["response"], "hard");

        // errors: JSON 4xx on the API, HTML 404 elsewhere
        let (s, _, text) = request(
            a,
            "POST",
            "/api/cases/us-china-ai/whatif",
            Some(r#"{"sets":["no.such=1"]}"#),
        );
        assert_eq!(s, 400);
        assert!(json(&text)["error"]
            .as_str()
            .unwrap()
            .contains("no such parameter"));
        let (s, _, text) = get(a, "/api/nothing");
        assert_eq!(s, 404);
        assert!(json(&text)["error"].is_string());
        let (s, _, _) = get(a, "/case/nope");
        assert_eq!(s, 404);
        let (s, _, _) = get(a, "/assets/../Cargo.toml");
        assert_eq!(s, 404);
        let (s, _, _) = request(
            a,
            "POST",
            "/api/cases/us-china-ai/whatif",
            Some(&"x".repeat(100_000)),
        );
        assert_eq!(s, 413);
    }

    #[test]
    fn serve_takes_case_folders_and_shows_invalid_ones_on_the_validation_page() {
        let dir = builtin_dir();
        let server = start(&[dir.to_str().unwrap()]);
        let (s, _, body) = get(server.addr, "/api/cases");
        assert_eq!(s, 200);
        let v = json(&body);
        assert_eq!(v["cases"].as_array().unwrap().len(), 1);
        assert_eq!(v["cases"][0]["origin"], dir.display().to_string());
        drop(server);

        // a folder missing a file and one with a bad date: the server starts, serves the good
        // folder, prints the problems and lists them with file and line on /validation
        let missing = CaseCopy::new();
        std::fs::remove_file(missing.path("actions.csv")).unwrap();
        let bad_date = CaseCopy::new();
        let text = std::fs::read_to_string(bad_date.path("actions.csv")).unwrap();
        let mut lines: Vec<&str> = text.lines().collect();
        let broken = lines[3].replacen(',', ",2019-13-", 1);
        lines[3] = &broken;
        std::fs::write(bad_date.path("actions.csv"), lines.join("\n") + "\n").unwrap();
        let server = start(&[
            dir.to_str().unwrap(),
            missing.dir().to_str().unwrap(),
            bad_date.dir().to_str().unwrap(),
        ]);
        assert!(
            server.before.iter().any(|l| l.contains("is not served")),
            "the problems are printed: {:?}",
            server.before
        );
        let (s, _, body) = get(server.addr, "/api/cases");
        assert_eq!(s, 200);
        assert_eq!(
            json(&body)["cases"].as_array().unwrap().len(),
            1,
            "only the valid folder is served"
        );
        let (s, _, body) = get(server.addr, "/api/validation");
        assert_eq!(s, 200);
        let v = json(&body);
        assert_eq!(
            (v["valid"].as_u64(), v["invalid"].as_u64()),
            (Some(1), Some(2))
        );
        assert_eq!(v["folders"][1]["exit_code"], 3);
        assert!(v["folders"][1]["problems"][0]["file"]
            .as_str()
            .unwrap()
            .ends_with("actions.csv"));
        let p = &v["folders"][2]["problems"][0];
        assert_eq!(p["line"], 4, "{p}");
        assert_eq!(p["field"], "date", "{p}");
        let (s, _, page) = get(server.addr, "/validation");
        assert_eq!(s, 200);
        assert!(
            page.contains("data-invalid=\"2\"")
                && page.contains("<td>4</td>")
                && page.contains("actions.csv")
        );
        drop(server);

        let out = bin()
            .args(["serve", "--addr", "localhost"])
            .timeout(Duration::from_secs(60))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&out.stderr).contains("HOST:PORT"));
    }

    /// Raw request lines that a client library would refuse to send: dot segments, backslashes
    /// and encoded dots reach the server as written and never a file.
    #[test]
    fn serve_refuses_traversal_in_raw_request_lines() {
        let server = start(&[]);
        for path in [
            "/source/..%2f..%2fetc%2fpasswd",
            "/case/us-china-ai/source/..%2f..%2fetc%2fpasswd",
            "/case/us-china-ai/source/../../../../etc/passwd",
            "/case/us-china-ai/source/..\\..\\..\\etc\\passwd",
            "/case/us-china-ai/source/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
            "/assets/../../Cargo.toml",
            "/assets/..\\..\\Cargo.toml",
            "/api/cases/us-china-ai/sources/..%2f..%2f..%2fetc%2fpasswd",
            "/api/cases/..%5c..%5cetc/timeline",
            "/../../../etc/passwd",
        ] {
            let (s, head, body) = get(server.addr, path);
            assert!(s == 400 || s == 404, "{path}: {s}");
            assert!(
                !body.contains("root:") && !body.contains("[workspace]"),
                "{path} leaked a file"
            );
            if path.starts_with("/api/") && s == 404 {
                assert!(
                    head.to_ascii_lowercase()
                        .contains("content-type: application/json"),
                    "{path}: {head}"
                );
            }
        }
    }

    /// SIGINT (what Ctrl-C sends) stops the server with exit 0 after it has answered.
    #[cfg(unix)]
    #[test]
    fn serve_stops_gracefully_on_ctrl_c() {
        let mut server = start(&[]);
        assert_eq!(get(server.addr, "/api/params").0, 200);
        let pid = server.child.id().to_string();
        assert!(Command::new("kill")
            .args(["-INT", &pid])
            .status()
            .unwrap()
            .success());
        let deadline = std::time::Instant::now() + Duration::from_secs(20);
        let status = loop {
            if let Some(s) = server.child.try_wait().unwrap() {
                break s;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "the server did not stop within 20 s of SIGINT"
            );
            std::thread::sleep(Duration::from_millis(100));
        };
        assert_eq!(status.code(), Some(0), "a graceful stop exits 0");
        assert!(
            TcpStream::connect_timeout(&server.addr, Duration::from_secs(2)).is_err(),
            "the port is closed"
        );
    }
}
