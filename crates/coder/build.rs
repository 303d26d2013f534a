//! Build script: copy the bundled labeled data into `OUT_DIR` so `include_str!` always has a
//! file to embed. The corpus files and the built-in case's `actions.csv` are written by other
//! people and may not exist yet in a fresh checkout of a work-in-progress branch; a missing
//! file is embedded as empty text instead of breaking the build. Cargo re-runs this script
//! whenever one of the files changes, so the binary always carries the current corpus.

use std::path::Path;

fn main() {
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let files = [
        ("corpus/en.jsonl", "corpus_en.jsonl"),
        ("corpus/zh.jsonl", "corpus_zh.jsonl"),
        ("../../cases/us-china-ai/actions.csv", "case_actions.csv"),
    ];
    for (src, dst) in files {
        println!("cargo:rerun-if-changed={src}");
        let text = std::fs::read_to_string(src).unwrap_or_default();
        std::fs::write(Path::new(&out).join(dst), text).expect("write to OUT_DIR");
    }
    // Directories too, so a file that appears later triggers a rebuild.
    println!("cargo:rerun-if-changed=corpus");
    println!("cargo:rerun-if-changed=../../cases/us-china-ai");
    println!("cargo:rerun-if-changed=codebook");
}
