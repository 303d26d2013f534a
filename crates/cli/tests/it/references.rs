//! The repository is self-contained: no file points outside it, every repository path named in
//! code, docs and help texts exists, and every "docs/theory.md §N" names a section that exists.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

fn text_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        if p.is_dir() {
            if !["target", ".git", "snapshots", "fixtures", "corpus", "eval", "data", "mappings"].contains(&name.as_str()) {
                text_files(&p, out);
            }
        } else if ["rs", "md", "toml", "sh", "py"].iter().any(|x| name.ends_with(&format!(".{x}"))) || name == "run" {
            out.push(p);
        }
    }
}

#[test]
fn every_file_reference_resolves_inside_the_repository() {
    let root = root();
    let mut files = Vec::new();
    text_files(&root, &mut files);
    assert!(files.len() > 50, "scanned {} files", files.len());
    let outside = format!("{}/{}", "..", "shared");
    let sections: Vec<String> = std::fs::read_to_string(root.join("docs/theory.md"))
        .unwrap()
        .lines()
        .filter(|l| l.starts_with("## ") || l.starts_with("### "))
        .filter_map(|l| l.split_whitespace().nth(1).map(|n| n.trim_end_matches('.').to_string()))
        .collect();
    let mut bad = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap_or_default();
        let rel = f.strip_prefix(&root).unwrap().display().to_string();
        if text.contains(&outside) && !rel.ends_with("references.rs") {
            bad.push(format!("{rel}: refers to a folder outside the repository"));
        }
        for (i, line) in text.lines().enumerate() {
            for (start, _) in line.match_indices("theory.md §") {
                let n: String = line[start + "theory.md §".len()..].chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
                let n = n.trim_end_matches('.');
                if !n.is_empty() && !sections.iter().any(|s| s == n) {
                    bad.push(format!("{rel}:{}: theory.md §{n} is not a section", i + 1));
                }
            }
            for prefix in ["docs/", "cases/", "scripts/", "crates/"] {
                for (start, _) in line.match_indices(prefix) {
                    if start > 0 && line.as_bytes()[start - 1].is_ascii_alphanumeric() {
                        continue;
                    }
                    let path: String = line[start..]
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || "/._-".contains(*c))
                        .collect();
                    let path = path.trim_end_matches(['.', '/']);
                    let has_ext = [".md", ".csv", ".toml", ".rs", ".sh", ".py", ".jsonl"].iter().any(|e| path.ends_with(e));
                    if has_ext && !path.contains("..") && !root.join(path).exists() && !path.contains("my-case") {
                        bad.push(format!("{rel}:{}: {path} does not exist", i + 1));
                    }
                }
            }
        }
    }
    assert!(bad.is_empty(), "{} broken references:\n{}", bad.len(), bad.join("\n"));
}
