//! The codebook: editable cue phrases per code in English and Chinese, one TOML file per code
//! family under `crates/coder/codebook/` (embedded at build time; `Codebook::from_dir` reads
//! an edited copy at run time). Each file opens with a header that says what it codes, the
//! theoretical basis, an example and known ambiguities, so the files read like lint rules.
//!
//! A *rule* is a list of phrases with what a match means: a strategy `code`, the kind of `act`
//! (sanction, export control, tariff, joint statement, refusal, buildup, …), and/or an `aim`
//! (security, economic, hostile, common, passive). Phrases are normalized like the input
//! (Traditional → Simplified, lowercase), so a cue written in either script matches both.
//! All phrases go into one Aho–Corasick automaton: matching costs one pass over the text.
//! Latin phrases match at word starts and may take an inflectional ending (`sanction` matches
//! `sanctioned`); Chinese phrases match anywhere, since Chinese has no spaces.

use crate::error::CoderError;
use crate::text;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Deserialize;
use softbalance_core::strategy::StrategyCode;
use std::str::FromStr;

/// The bundled codebook files, in the order they are read.
pub const BUNDLED: [(&str, &str); 7] = [
    ("offsetting.toml", include_str!("../codebook/offsetting.toml")),
    ("obstruction.toml", include_str!("../codebook/obstruction.toml")),
    ("institutional.toml", include_str!("../codebook/institutional.toml")),
    ("hard.toml", include_str!("../codebook/hard.toml")),
    ("non_balancing.toml", include_str!("../codebook/non_balancing.toml")),
    ("modifiers.toml", include_str!("../codebook/modifiers.toml")),
    ("non_action.toml", include_str!("../codebook/non_action.toml")),
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileDoc {
    family: FamilyDoc,
    #[serde(default)]
    cue: Vec<CueDoc>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FamilyDoc {
    name: String,
    #[serde(default)]
    codes: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CueDoc {
    code: Option<String>,
    act: Option<String>,
    aim: Option<String>,
    weight: Option<f32>,
    #[serde(default)]
    en: Vec<String>,
    #[serde(default)]
    zh: Vec<String>,
}

/// One rule of the codebook: what a match of any of its phrases means.
#[derive(Debug, Clone)]
pub struct Rule {
    pub file: String,
    pub family: String,
    pub code: Option<StrategyCode>,
    pub act: Option<String>,
    pub aim: Option<String>,
    pub weight: f32,
}

#[derive(Debug, Clone)]
struct Pattern {
    rule: usize,
    latin: bool,
    /// The phrase's last word is short (four letters or fewer): it takes only inflectional
    /// endings (`ban` → `bans`, `banned`, not `banal`).
    short_tail: bool,
}

/// One cue phrase found in a text, as a byte range of the *normalized* text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub rule: usize,
    pub start: usize,
    pub end: usize,
}

/// The compiled codebook.
#[derive(Debug, Clone)]
pub struct Codebook {
    pub rules: Vec<Rule>,
    /// The source texts as read, in order (for the model's inputs hash).
    sources: Vec<String>,
    patterns: Vec<Pattern>,
    phrases: Vec<String>,
    ac: AhoCorasick,
}

impl Codebook {
    /// The codebook compiled into the binary.
    pub fn bundled() -> Codebook {
        Codebook::from_sources(BUNDLED.iter().map(|(n, t)| (n.to_string(), t.to_string())))
            .expect("the bundled codebook is valid (checked by tests)")
    }

    /// Read every `*.toml` file of a directory (sorted by name).
    pub fn from_dir(dir: &std::path::Path) -> Result<Codebook, CoderError> {
        let err = |m: String| CoderError::Codebook { file: dir.display().to_string(), message: m };
        let mut names: Vec<_> = std::fs::read_dir(dir)
            .map_err(|e| err(e.to_string()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        names.sort();
        let mut sources = Vec::new();
        for p in names {
            let t = std::fs::read_to_string(&p).map_err(|e| CoderError::Codebook {
                file: p.display().to_string(),
                message: e.to_string(),
            })?;
            sources.push((p.display().to_string(), t));
        }
        if sources.is_empty() {
            return Err(err("no .toml files".into()));
        }
        Codebook::from_sources(sources)
    }

    /// Compile codebook files given as `(name, text)` pairs.
    pub fn from_sources(
        sources: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Codebook, CoderError> {
        let mut rules = Vec::new();
        let mut patterns = Vec::new();
        let mut phrases: Vec<String> = Vec::new();
        let mut texts = Vec::new();
        for (file, text) in sources {
            texts.push(format!("{file}\n{text}"));
            let err = |m: String| CoderError::Codebook { file: file.clone(), message: m };
            let doc: FileDoc = toml::from_str(&text).map_err(|e| err(e.to_string()))?;
            for c in &doc.family.codes {
                StrategyCode::from_str(c).map_err(|e| err(e.to_string()))?;
            }
            for cue in doc.cue {
                let code = match &cue.code {
                    Some(c) => Some(StrategyCode::from_str(c).map_err(|e| err(e.to_string()))?),
                    None => None,
                };
                if code.is_none() && cue.act.is_none() && cue.aim.is_none() {
                    return Err(err("a cue needs at least one of code, act, aim".into()));
                }
                let rule = rules.len();
                rules.push(Rule {
                    file: file.clone(),
                    family: doc.family.name.clone(),
                    code,
                    act: cue.act,
                    aim: cue.aim,
                    weight: cue.weight.unwrap_or(1.0),
                });
                for phrase in cue.en.iter().chain(cue.zh.iter()) {
                    let norm = text::Normalized::new(phrase.trim()).text;
                    if norm.is_empty() {
                        return Err(err(format!("empty phrase in a cue of rule {rule}")));
                    }
                    let latin = norm.as_bytes()[0].is_ascii_alphanumeric();
                    let tail = norm.rsplit(|c: char| !c.is_ascii_alphanumeric()).next().unwrap_or("");
                    patterns.push(Pattern { rule, latin, short_tail: tail.len() <= 4 });
                    phrases.push(norm);
                }
            }
        }
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(&phrases)
            .map_err(|e| CoderError::Codebook { file: "(all)".into(), message: e.to_string() })?;
        Ok(Codebook { rules, sources: texts, patterns, phrases, ac })
    }

    /// The source texts the codebook was compiled from (`name\ntext` each), in order.
    pub fn sources(&self) -> &[String] {
        &self.sources
    }

    /// Number of phrases across all rules.
    pub fn phrase_count(&self) -> usize {
        self.phrases.len()
    }

    /// All cue matches in a normalized text, in order of start; overlapping matches of
    /// different rules are all kept (a phrase can mark both an act and an aim).
    pub fn matches(&self, norm: &str) -> Vec<Hit> {
        let mut hits = Vec::new();
        for m in self.ac.find_overlapping_iter(norm) {
            let p = &self.patterns[m.pattern().as_usize()];
            let (start, mut end) = (m.start(), m.end());
            if p.latin {
                if !text::boundary_before(norm, start) {
                    continue;
                }
                match text::word_end(norm, end, p.short_tail) {
                    Some(e) => end = e,
                    None => continue,
                }
            }
            hits.push(Hit { rule: p.rule, start, end });
        }
        hits.sort_by_key(|h| (h.start, h.end, h.rule));
        hits.dedup();
        hits
    }
}
