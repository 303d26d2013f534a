//! softbalance-coder: a transparent, deterministic text coder that maps a sentence about an
//! action in international politics to one of the nine strategy codes of docs/theory.md §3, in
//! English and in Chinese (Traditional and Simplified alike).
//!
//! Two parts, both documented in docs/coder.md:
//! - an editable **codebook** of cue phrases per code family (`crates/coder/codebook/*.toml`,
//!   one file per family, each with a header like a lint rule), compiled into one
//!   Aho–Corasick automaton; and
//! - a **statistical model** (multinomial logistic regression over hashed sparse features)
//!   trained on the bundled labeled corpus when the coder is first used (about 0.2 s on one
//!   core: eight averaged SGD runs, each item seen with its given and its detected dyad). Its
//!   features are n-grams with actor mentions replaced by their role in the dyad, the
//!   codebook's cues (code, kind of act, aim) and crosses of the kind of act with who the
//!   counterpart is: the structure that tells coordination with a third party
//!   (`offset.external`) from the same act with the target (`cooperation`).
//!
//! ```
//! use softbalance_coder::{Coder, Item};
//! let coder = Coder::bundled();
//! let coded = coder.code(&Item::new("1", "美國商務部將華為列入實體清單。"));
//! println!("{} {:.2} {:?}", coded.label, coded.confidence, coded.cues);
//! ```
//!
//! API: [`Coder::bundled`], [`Coder::train`], [`Coder::code`] → [`Coded`],
//! [`Coder::code_document`] → [`Document`], [`Coder::probabilities`]; [`Coder::shared`] for
//! a process-wide instance; [`metrics::Report`] and
//! [`metrics::cohen_kappa`]; [`eval::cross_validate`] and [`eval::score`]; the corpus readers
//! in [`corpus`]. No I/O happens at run time except in the explicit readers; no network ever.

pub mod actors;
pub mod agreement;
pub mod codebook;
pub mod corpus;
pub mod error;
pub mod eval;
pub mod extract;
pub mod features;
mod gaz;
pub mod metrics;
pub mod model;
pub mod sentences;
pub mod text;
pub mod training;

pub use codebook::Codebook;
pub use error::CoderError;
pub use model::TrainOptions;
pub use text::Lang;

use model::{Model, K};
use serde::Serialize;
use softbalance_core::strategy::StrategyCode;
use std::sync::OnceLock;

/// Text to code, with an optional dyad context.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Item {
    pub id: String,
    pub text: String,
    /// ISO3 or group code; when both `balancer` and `target` are given they are the dyad
    /// context, otherwise the missing ones are detected.
    pub balancer: Option<String>,
    pub target: Option<String>,
}

impl Item {
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Item {
        Item { id: id.into(), text: text.into(), balancer: None, target: None }
    }

    pub fn with_dyad(mut self, balancer: &str, target: &str) -> Item {
        self.balancer = Some(balancer.to_string());
        self.target = Some(target.to_string());
        self
    }
}

/// A hand-labeled item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LabeledItem {
    pub item: Item,
    /// One of the nine codes, or `None` for `none`: the text reports no act.
    pub label: Option<StrategyCode>,
    /// The contrast set the item belongs to (corpus bookkeeping; not used for folds).
    pub pair: Option<String>,
    /// The event the item reports: the English and Chinese versions of one event share it,
    /// and cross-validation keeps all items of an event in one fold (docs/coder.md).
    pub event: Option<String>,
    /// `case:action` (e.g. `us-china-ai:A004`) when the item reports the same event as an
    /// action of a built-in case; such items are left out of the committed model's training
    /// so that the agreement `analyze` reports is on unseen text.
    pub case_event: Option<String>,
    /// The language the file declares (the coder detects its own; this is for reporting).
    pub lang: Option<Lang>,
}

/// One cue that decided a coding: a substring of the input, in its own script.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Cue {
    pub text: String,
    /// Byte offsets into the coded text.
    pub start: usize,
    pub end: usize,
    /// What kind of evidence: `codebook` (a cue phrase), `actor` (a counterpart's role) or
    /// `ngram` (a learned word or character sequence).
    pub kind: &'static str,
}

/// Whether the dyad was given or detected.
#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum DyadSource {
    Given,
    Detected,
}

/// Why the coder answered `none`: the sentence reports no act.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct NonAction {
    /// The model's probability that no act is reported.
    pub confidence: f32,
    /// The kind of the non-action cue found in the sentence (`negation`, `hypothetical`,
    /// `deliberation`, `commentary`, `demand`, `denial`); `none` needs one.
    pub kind: String,
    /// The features that decided `none` against `label`, strongest first (as in `cues`).
    pub cues: Vec<Cue>,
}

/// The coding of one sentence.
///
/// When the coder judges that no act is reported, `non_action` is `Some` and the answer is
/// `none`; `label`, `confidence` and `cues` then describe the code the act would have had
/// (API note for callers such as `extract`: test [`Coded::is_action`], not `label`).
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Coded {
    pub label: StrategyCode,
    pub confidence: f32,
    pub runner_up: StrategyCode,
    pub runner_up_confidence: f32,
    pub cues: Vec<Cue>,
    pub lang: Lang,
    pub balancer: Option<String>,
    pub target: Option<String>,
    pub partners: Vec<String>,
    pub dyad: DyadSource,
    /// `Some` when the answer is `none` (no act), with the cue that decided it.
    pub non_action: Option<NonAction>,
}

impl Coded {
    /// Does the sentence report an act (the answer is one of the nine codes, not `none`)?
    pub fn is_action(&self) -> bool {
        self.non_action.is_none()
    }

    /// The answer as text: the code, or `none`.
    pub fn answer(&self) -> &'static str {
        if self.is_action() {
            self.label.as_str()
        } else {
            "none"
        }
    }
}

/// The coding of a document: one `Coded` per sentence with its byte offset, and the counts
/// per answer in `StrategyCode::ALL` order, then `none`.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Document {
    pub sentences: Vec<(usize, usize, Coded)>,
    pub counts: [usize; K],
}

/// Which model coded: its name (a hash of its training inputs), the corpus it was trained
/// on, and whether it is the committed model and still matches the current sources.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct ModelInfo {
    /// `sbc-` and the first 12 hex digits of the training-inputs hash.
    pub name: String,
    /// The full training-inputs hash (corpus, codebook, options, feature version).
    pub inputs_hash: String,
    /// For the bundled model: the hash of the embedded source files it was trained from
    /// (`training::bundled_sources_hash`), checked at load; empty for other trainings.
    pub sources_hash: String,
    /// `N items, E events, corpus <hash>` of the training set.
    pub corpus: String,
    /// `committed` (crates/coder/model/coder.sbm, embedded), `trained` (in this process).
    pub source: &'static str,
    /// A committed model whose inputs hash differs from the current sources' (retrain with
    /// `softbalance code --train-model`).
    pub stale: bool,
}

/// Softmax temperature: the averaged model's raw probabilities are overconfident (mean 0.96
/// at 0.87 accuracy in cross-validation); dividing the logits by 2.75 brings the mean
/// confidence to the accuracy and halves the log-loss (docs/coder.md, "Confidence").
pub const TEMPERATURE: f32 = 2.75;

/// The kinds of act (`act = …` in `codebook/non_action.toml`) that mark a sentence reporting
/// no act; the first one found is reported as the kind of a `none` answer.
pub const NON_ACTION_KINDS: [&str; 6] =
    ["negation", "hypothetical", "deliberation", "commentary", "demand", "denial"];

/// The committed model, written by `softbalance code --train-model` (see docs/coder.md).
const COMMITTED_MODEL: &[u8] = include_bytes!("../model/coder.sbm");

/// The coder: a codebook and a model trained with it.
#[derive(Clone, Debug)]
pub struct Coder {
    codebook: Codebook,
    model: Model,
    info: ModelInfo,
    /// Apply the dyad rule after the model (see `dyad_rule`).
    pub dyad_rule: bool,
    /// Softmax temperature for `confidence`: it rescales, never reorders (docs/coder.md,
    /// "Confidence").
    pub temperature: f32,
}

impl Coder {
    /// The bundled codebook trained on the bundled corpus (without the items about built-in
    /// cases' actions, see [`corpus::training_set`]).
    pub fn bundled() -> Coder {
        Coder::shared().clone()
    }

    /// A process-wide bundled coder: the committed model (loaded once). If the embedded
    /// model cannot be read (a development build whose model format changed), the coder
    /// is trained here instead and `model_info().source` says so.
    pub fn shared() -> &'static Coder {
        static C: OnceLock<Coder> = OnceLock::new();
        C.get_or_init(|| match Coder::committed() {
            Ok(c) => c,
            Err(_) => Coder::train_bundled(),
        })
    }

    /// The committed model (`crates/coder/model/coder.sbm`, embedded in the binary) with the
    /// bundled codebook. `stale` is set when it was trained from other inputs than the
    /// current corpus, codebook and options.
    pub fn committed() -> Result<Coder, model::ModelFormatError> {
        let (model, meta) = Model::from_bytes(COMMITTED_MODEL)?;
        let meta: serde_json::Value = serde_json::from_str(&meta)
            .map_err(|e| model::ModelFormatError(format!("model metadata: {e}")))?;
        let field = |k: &str| meta.get(k).and_then(|v| v.as_str()).unwrap_or("").to_string();
        let codebook = Codebook::bundled();
        let sources = field("sources_hash");
        let info = ModelInfo {
            name: field("name"),
            stale: sources != training::bundled_sources_hash(&TrainOptions::default()),
            sources_hash: sources,
            inputs_hash: field("inputs_hash"),
            corpus: field("corpus"),
            source: "committed",
        };
        Ok(Coder { codebook, model, info, dyad_rule: true, temperature: TEMPERATURE })
    }

    /// The serialized model with its metadata (what `softbalance code --train-model` writes).
    pub fn model_bytes(&self) -> Vec<u8> {
        let meta = serde_json::json!({
            "name": self.info.name,
            "inputs_hash": self.info.inputs_hash,
            "sources_hash": self.info.sources_hash,
            "corpus": self.info.corpus,
            "format": "softbalance coder model: see crates/coder/src/model.rs `to_bytes`",
        });
        self.model.to_bytes(&meta.to_string())
    }

    /// Which model this is.
    pub fn model_info(&self) -> &ModelInfo {
        &self.info
    }

    /// The bundled model as `softbalance code --train-model` trains it: the bundled codebook
    /// and default options on `corpus::training_set()`, with the sources hash recorded.
    pub fn train_bundled() -> Coder {
        let mut c = Coder::train(&corpus::training_set());
        c.info.sources_hash = training::bundled_sources_hash(&TrainOptions::default());
        c
    }

    /// Train with the bundled codebook and default options.
    pub fn train(items: &[LabeledItem]) -> Coder {
        Coder::train_with(Codebook::bundled(), items, &TrainOptions::default())
    }

    /// Train with a given codebook and options.
    pub fn train_with(codebook: Codebook, items: &[LabeledItem], opts: &TrainOptions) -> Coder {
        let hash = training::inputs_hash(&codebook, items, opts);
        let info = ModelInfo {
            name: format!("sbc-{}", &hash[..12]),
            corpus: training::corpus_version(items),
            inputs_hash: hash,
            sources_hash: String::new(),
            source: "trained",
            stale: false,
        };
        let mut data: Vec<(Vec<(u32, f32)>, usize)> = Vec::with_capacity(items.len() * 2);
        for li in items {
            let a = features::analyze(
                &codebook,
                &li.item.text,
                li.item.balancer.as_deref(),
                li.item.target.as_deref(),
            );
            data.push((a.sparse(), model::class(li.label)));
            // Also learn from the sentence as the coder sees raw text, with the dyad it
            // detects itself, so coding without a given dyad is not out of distribution.
            if opts.detected_copies && (li.item.balancer.is_some() || li.item.target.is_some()) {
                let a = features::analyze(&codebook, &li.item.text, None, None);
                data.push((a.sparse(), model::class(li.label)));
            }
        }
        let model = Model::train(&data, opts);
        Coder { codebook, model, info, dyad_rule: true, temperature: TEMPERATURE }
    }

    pub fn codebook(&self) -> &Codebook {
        &self.codebook
    }

    /// The model's probability for each code (in `StrategyCode::ALL` order, then `none`),
    /// before the dyad rule.
    pub fn probabilities(&self, item: &Item) -> [f32; K] {
        let a = features::analyze(
            &self.codebook,
            &item.text,
            item.balancer.as_deref(),
            item.target.as_deref(),
        );
        model::softmax_t(self.model.logits(a.feats.iter().map(|f| (f.id, f.val))), self.temperature)
    }

    /// Code one item as a single sentence (no splitting).
    pub fn code(&self, item: &Item) -> Coded {
        self.code_text(&item.text, item.balancer.as_deref(), item.target.as_deref())
    }

    /// Code a text with an optional dyad.
    pub fn code_text(&self, text: &str, balancer: Option<&str>, target: Option<&str>) -> Coded {
        let a = features::analyze(&self.codebook, text, balancer, target);
        let probs = model::softmax_t(self.model.logits(a.feats.iter().map(|f| (f.id, f.val))), self.temperature);
        // The best two of the nine codes; `none` is decided against the best code.
        let mut order: Vec<usize> = (0..model::CODES).collect();
        order.sort_by(|&x, &y| probs[y].total_cmp(&probs[x]).then(x.cmp(&y)));
        let (mut best, mut second) = (order[0], order[1]);
        if self.dyad_rule {
            if let Some(b) = dyad_rule(&a, best, second).filter(|&b| b != best) {
                if b == second {
                    std::mem::swap(&mut best, &mut second);
                } else {
                    second = best;
                    best = b;
                }
            }
        }
        // `none` needs a non-action cue in the sentence (negation, hypothetical, deliberation,
        // commentary, a demand, a denial) and the model's preference: a plain report of an
        // act is never `none` because of its topic alone.
        let kind = a
            .hits
            .iter()
            .filter_map(|h| self.codebook.rules[h.rule].act.as_deref())
            .find(|act| NON_ACTION_KINDS.contains(act));
        let non_action = kind.filter(|_| probs[model::NONE] > probs[best]).map(|kind| {
            let cues = self.cues(text, &a, model::NONE, best);
            NonAction { confidence: probs[model::NONE], kind: kind.to_string(), cues }
        });
        let cues = self.cues(text, &a, best, second);
        let mut target = a.target.clone();
        let mut partners = a.partners.clone();
        // With no target found, the partner is it, unless the act is coordination or an
        // alliance with that partner (against someone unnamed).
        let label = StrategyCode::ALL[best];
        if target.is_none()
            && !a.dyad_given
            && !a.dyad_unclear
            && !matches!(label, StrategyCode::OffsetExternal | StrategyCode::HardExternal)
            && !partners.is_empty()
        {
            target = Some(partners.remove(0));
        }
        Coded {
            label,
            confidence: probs[best],
            runner_up: StrategyCode::ALL[second],
            runner_up_confidence: probs[second],
            cues,
            lang: a.lang,
            balancer: a.balancer.clone(),
            target,
            partners,
            dyad: if a.dyad_given { DyadSource::Given } else { DyadSource::Detected },
            non_action,
        }
    }

    /// Code a document: split into sentences, code each (a sentence with no actor mention
    /// inherits the previous sentence's detected dyad), count per code.
    pub fn code_document(&self, item: &Item) -> Document {
        let mut sentences = Vec::new();
        let mut counts = [0usize; K];
        let mut last: (Option<String>, Option<String>) = (None, None);
        for (s, e) in sentences::split(&item.text) {
            let text = &item.text[s..e];
            let bal = item.balancer.clone().or(last.0.clone());
            let tgt = item.target.clone().or(last.1.clone());
            let mut coded = self.code_text(text, item.balancer.as_deref(), item.target.as_deref());
            if coded.balancer.is_none() && bal.is_some() {
                coded = self.code_text(text, bal.as_deref(), tgt.as_deref());
                coded.dyad = if item.balancer.is_some() && item.target.is_some() {
                    DyadSource::Given
                } else {
                    DyadSource::Detected
                };
            }
            for c in &mut coded.cues {
                c.start += s;
                c.end += s;
            }
            if coded.balancer.is_some() {
                last = (coded.balancer.clone(), coded.target.clone().or(last.1));
            }
            counts[if coded.is_action() { coded.label.index() } else { model::NONE }] += 1;
            sentences.push((s, e, coded));
        }
        Document { sentences, counts }
    }

    /// The features that decided between `best` and `second`, as substrings of the input.
    fn cues(&self, original: &str, a: &features::Analysis, best: usize, second: usize) -> Vec<Cue> {
        let mut scored: Vec<(f32, u32, u32, &'static str)> = Vec::new();
        let rule_spans: Vec<(usize, usize)> = a.hits.iter().map(|h| (h.start, h.end)).collect();
        let actor_spans: Vec<(usize, usize)> = a.mentions.iter().map(|m| (m.start, m.end)).collect();
        for f in &a.feats {
            let Some((s, e)) = f.span else { continue };
            let w = f.val * self.model.margin(f.id, best, second);
            if w <= 0.0 {
                continue;
            }
            let kind = if rule_spans.contains(&(s as usize, e as usize)) {
                "codebook"
            } else if actor_spans.contains(&(s as usize, e as usize)) {
                "actor"
            } else {
                "ngram"
            };
            scored.push((w, s, e, kind));
        }
        // Keep the features that pulled clearly toward the winner, merge overlapping spans
        // into phrases (the character n-grams 實體, 體清, 清單 become 實體清單), strongest
        // phrase first.
        let max = scored.iter().map(|x| x.0).fold(0.0f32, f32::max);
        scored.retain(|x| x.0 >= 0.15 * max);
        scored.sort_by_key(|x| (x.1, x.2));
        let rank = |k: &str| match k {
            "codebook" => 2,
            "actor" => 1,
            _ => 0,
        };
        let mut merged: Vec<(f32, u32, u32, &'static str)> = Vec::new();
        for s in scored {
            match merged.last_mut() {
                Some(m) if s.1 < m.2 => {
                    m.0 += s.0;
                    m.2 = m.2.max(s.2);
                    if rank(s.3) > rank(m.3) {
                        m.3 = s.3;
                    }
                }
                _ => merged.push(s),
            }
        }
        let merged = cjk_whole_words(&a.norm.text, merged, &rule_spans, &actor_spans);
        let mut merged = merged;
        merged.sort_by(|x, y| y.0.total_cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
        let mut out: Vec<Cue> = Vec::new();
        for (_, s, e, kind) in merged {
            let (os, oe) = a.norm.original_range(s as usize, e as usize);
            let text = original[os..oe].trim();
            if text.chars().count() < 2 && !text.chars().any(text::is_cjk) {
                continue;
            }
            let os = os + original[os..oe].find(text).unwrap_or(0);
            out.push(Cue { text: text.to_string(), start: os, end: os + text.len(), kind });
        }
        // A lone Chinese character says little to a reader: keep such cues only when there
        // are not two longer ones.
        if out.iter().filter(|c| c.text.chars().count() > 1).count() >= 2 {
            out.retain(|c| c.text.chars().count() > 1);
        }
        out.truncate(5);
        out
    }
}

/// Chinese cue phrases are quoted as whole words (issue 10 §3: not 進晶 out of 先進晶片).
/// The words the coder knows are the codebook phrases and the actor mentions: a phrase is
/// widened to every known word it cuts into, and a learned (`ngram`) phrase is quoted only
/// when both its ends are word boundaries: the text's edge, a non-Chinese character, or the
/// edge of a known word. Latin phrases are made of whole tokens already.
fn cjk_whole_words(
    norm: &str,
    merged: Vec<(f32, u32, u32, &'static str)>,
    rules: &[(usize, usize)],
    actors: &[(usize, usize)],
) -> Vec<(f32, u32, u32, &'static str)> {
    let words: Vec<(usize, usize)> = rules.iter().chain(actors).copied().collect();
    let cjk_before = |i: usize| norm[..i].chars().next_back().is_some_and(text::is_cjk);
    let cjk_after = |i: usize| norm[i..].chars().next().is_some_and(text::is_cjk);
    let edge = |i: usize| words.iter().any(|&(s, e)| s == i || e == i);
    let mut out = Vec::with_capacity(merged.len());
    for (w, s0, e0, kind) in merged {
        let (mut s, mut e) = (s0 as usize, e0 as usize);
        if !(cjk_after(s) || cjk_before(e)) {
            out.push((w, s0, e0, kind));
            continue;
        }
        // Widen to the known words the phrase cuts into, until stable.
        loop {
            let (ps, pe) = (s, e);
            for &(ws, we) in &words {
                if ws < s && s < we {
                    s = ws;
                }
                if ws < e && e < we {
                    e = we;
                }
            }
            if (s, e) == (ps, pe) {
                break;
            }
        }
        let whole = |i: usize, at_start: bool| {
            edge(i) || if at_start { !cjk_before(i) } else { !cjk_after(i) }
        };
        if kind == "ngram" && !(whole(s, true) && whole(e, false)) {
            continue;
        }
        out.push((w, s as u32, e as u32, kind));
    }
    // Widening can make phrases overlap: keep the stronger one.
    out.sort_by(|x, y| y.0.total_cmp(&x.0));
    let mut kept: Vec<(f32, u32, u32, &'static str)> = Vec::with_capacity(out.len());
    for x in out {
        if !kept.iter().any(|k| x.1 < k.2 && k.1 < x.2) {
            kept.push(x);
        }
    }
    kept
}

/// The dyad rule of issue #3: coordination with a third party against the target is
/// `offset.external`; the same joint act with the target itself is `cooperation`. Applied
/// when the model hesitates between the two (they are its top two), or picks one of them
/// against the structure: a coordinated or joint act whose only counterpart is the target
/// is cooperation; one whose counterparts are third states or groups of the balancer's
/// without the target is offset.external.
fn dyad_rule(a: &features::Analysis, best: usize, second: usize) -> Option<usize> {
    use actors::{Marker, Role};
    let ext = StrategyCode::OffsetExternal.index();
    let coop = StrategyCode::Cooperation.index();
    if best != ext && best != coop {
        return None;
    }
    let _ = second;
    let counterparts: Vec<(Role, Marker)> = a
        .roles
        .iter()
        .zip(&a.markers)
        .filter(|(r, _)| **r != Role::Bal)
        .map(|(r, m)| (*r, *m))
        .collect();
    if counterparts.is_empty() || a.target.is_none() {
        return None;
    }
    let with_target = counterparts.iter().all(|(r, _)| *r == Role::Tgt)
        && counterparts.iter().any(|(_, m)| *m == Marker::Coord)
        || counterparts.iter().any(|(r, m)| *r == Role::Tgt && *m == Marker::Coord)
            && !counterparts.iter().any(|(r, _)| matches!(r, Role::Third | Role::GroupBal));
    let with_third = counterparts
        .iter()
        .any(|(r, m)| matches!(r, Role::Third | Role::GroupBal) && *m == Marker::Coord)
        && !counterparts.iter().any(|(r, m)| *r == Role::Tgt && *m == Marker::Coord);
    if with_target {
        Some(coop)
    } else if with_third {
        Some(ext)
    } else {
        None
    }
}
