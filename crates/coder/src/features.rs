//! Feature extraction: what the model sees of one sentence.
//!
//! Four blocks, all hashed into one sparse vector (`model::DIM` buckets):
//! 1. **n-grams** of the normalized text: word unigrams and bigrams for Latin script,
//!    character unigrams to trigrams for Chinese (no segmenter needed). Actor mentions are
//!    replaced by their *role* (`<bal>`, `<tgt>`, `<third>`, `<igo_t>`, `<grp_b>`, `<igo>`),
//!    so "sanctions on `<tgt>`" generalizes across dyads instead of memorizing country names.
//! 2. **codebook** cues: the rule, its code, the kind of act and the aim of every match.
//! 3. **dyad structure**: which roles appear, which are coordinated with the subject
//!    ("with Japan", 與日本) and which are marked as the object ("against China", 對中國).
//! 4. **crosses** of the kind of act with the counterpart's role and with the aim: the
//!    distinctions a bag of features cannot make (a joint statement
//!    with the target vs with a third party; a tariff aimed at a deficit vs at capability).
//!
//! Every feature keeps the normalized span it came from, so the coder can quote it.

use crate::actors::{self, ActorMention, Marker, Role};
use crate::codebook::{Codebook, Hit};
use crate::model::DIM;
use crate::text::{self, Lang, Normalized, Tok};


/// One active feature: bucket, value, and the normalized span it came from (if any).
#[derive(Clone, Copy, Debug)]
pub struct Feat {
    pub id: u32,
    pub val: f32,
    pub span: Option<(u32, u32)>,
}

#[inline]
fn mix(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(0x517C_C1B7_2722_0A95)
}

fn hash_bytes(mut h: u64, s: &[u8]) -> u64 {
    let mut chunks = s.chunks_exact(8);
    for c in &mut chunks {
        h = mix(h, u64::from_le_bytes(c.try_into().expect("8 bytes")));
    }
    let mut last = 0u64;
    for (i, &b) in chunks.remainder().iter().enumerate() {
        last |= (b as u64) << (8 * i);
    }
    mix(mix(h, last), s.len() as u64)
}

fn bucket(h: u64) -> u32 {
    // Fold the high bits in: the multiply leaves the low bits weakest.
    ((h ^ (h >> 29) ^ (h >> 47)) as usize & (DIM - 1)) as u32
}

/// A named feature: hash of a namespace and string parts.
pub fn named(parts: &[&str]) -> u32 {
    let mut h = 0xCBF2_9CE4_8422_2325u64;
    for p in parts {
        h = hash_bytes(h, p.as_bytes());
        h = mix(h, 0xFF);
    }
    bucket(h)
}

/// The analysis of one sentence that feeds both the model and the output.
pub struct Analysis {
    pub norm: Normalized,
    pub lang: Lang,
    pub hits: Vec<Hit>,
    pub mentions: Vec<ActorMention>,
    pub roles: Vec<Role>,
    pub markers: Vec<Marker>,
    pub balancer: Option<String>,
    pub target: Option<String>,
    pub partners: Vec<String>,
    pub dyad_given: bool,
    /// No dyad was given and the text does not say which named state is the target.
    pub dyad_unclear: bool,
    pub feats: Vec<Feat>,
}

fn tok_hash(t: Tok<'_>) -> u64 {
    match t {
        Tok::Word(w) => hash_bytes(0x11, w.as_bytes()),
        Tok::Cjk(c) => mix(0x22, c as u64),
        Tok::Role(r) => hash_bytes(0x33, r.as_bytes()),
    }
}

fn stem(w: &str) -> &str {
    if w.len() <= 4 {
        return w;
    }
    for suf in ["ing", "ed", "es", "s"] {
        if let Some(s) = w.strip_suffix(suf) {
            if s.len() >= 3 {
                return s;
            }
        }
    }
    w
}

/// Scale of the n-gram block after L2 normalization. Feature scale sets how fast SGD moves a
/// weight and how strongly L2 holds it back; 8 was best in 4-seed cross-validation among
/// 0.5–16 (docs/coder.md, "Tuning").
const W_NGRAM: f32 = 8.0;

/// Analyze one sentence. `balancer`/`target` are the given dyad; missing parts are detected.
pub fn analyze(
    codebook: &Codebook,
    original: &str,
    balancer: Option<&str>,
    target: Option<&str>,
) -> Analysis {
    let norm = Normalized::new(original);
    let lang = norm.lang();
    let mentions = actors::mentions(original, &norm);
    let hits = cjk_word_hits(&norm.text, codebook.matches(&norm.text), &mentions);
    let markers: Vec<Marker> = actors::markers(&norm.text, &mentions);
    let dyad_given = balancer.is_some() && target.is_some();
    let detected = actors::detect(&norm.text, &mentions);
    let bal = balancer.map(str::to_string).or(detected.balancer.clone());
    let tgt = target.map(str::to_string).or_else(|| {
        detected.target.clone().filter(|t| Some(t.as_str()) != bal.as_deref())
    });
    let partners: Vec<String> = detected
        .partners
        .iter()
        .filter(|p| Some(p.as_str()) != bal.as_deref() && Some(p.as_str()) != tgt.as_deref())
        .cloned()
        .collect();
    let roles: Vec<Role> =
        mentions.iter().map(|m| actors::role(m, bal.as_deref(), tgt.as_deref())).collect();

    let mut feats: Vec<Feat> = Vec::with_capacity(256);
    let sp = |s: usize, e: usize| Some((s as u32, e as u32));

    // 1. n-grams with role placeholders.
    let role_spans: Vec<(usize, usize, &'static str)> =
        mentions.iter().zip(&roles).map(|(m, r)| (m.start, m.end, r.token())).collect();
    let toks = text::tokenize(&norm.text, &role_spans);
    let hs: Vec<u64> = toks.iter().map(|t| tok_hash(t.tok)).collect();
    let start_ngrams = feats.len();
    for i in 0..toks.len() {
        let t = &toks[i];
        feats.push(Feat { id: bucket(mix(hs[i], 1)), val: 1.0, span: sp(t.start, t.end) });
        if let Tok::Word(w) = t.tok {
            let s = stem(w);
            if s.len() != w.len() {
                feats.push(Feat {
                    id: bucket(hash_bytes(0x44, s.as_bytes())),
                    val: 1.0,
                    span: sp(t.start, t.end),
                });
            }
        }
        if i + 1 < toks.len() {
            let u = &toks[i + 1];
            feats.push(Feat {
                id: bucket(mix(mix(hs[i], hs[i + 1]), 2)),
                val: 1.0,
                span: sp(t.start, u.end),
            });
            if i + 2 < toks.len() {
                let v = &toks[i + 2];
                let cjkish = |t: Tok<'_>| matches!(t, Tok::Cjk(_) | Tok::Role(_));
                if cjkish(t.tok) && cjkish(u.tok) && cjkish(v.tok) {
                    feats.push(Feat {
                        id: bucket(mix(mix(mix(hs[i], hs[i + 1]), hs[i + 2]), 3)),
                        val: 1.0,
                        span: sp(t.start, v.end),
                    });
                }
            }
        }
    }
    let n = (feats.len() - start_ngrams).max(1) as f32;
    let scale = 1.0 / n.sqrt();
    for f in &mut feats[start_ngrams..] {
        f.val = scale * W_NGRAM;
    }

    // 2. Codebook cues (each rule once, at its first match).
    let mut seen_rules: Vec<usize> = Vec::new();
    let mut acts: Vec<(&str, (usize, usize))> = Vec::new();
    let mut aims: Vec<(&str, (usize, usize))> = Vec::new();
    let mut codes: Vec<(&str, (usize, usize))> = Vec::new();
    for h in &hits {
        if seen_rules.contains(&h.rule) {
            continue;
        }
        seen_rules.push(h.rule);
        let r = &codebook.rules[h.rule];
        let w = r.weight;
        // Rule buckets mix the rule's index into a fixed hash: no string is built per match.
        let rule_id = bucket(mix(0x5255_4C45, h.rule as u64));
        feats.push(Feat { id: rule_id, val: w, span: sp(h.start, h.end) });
        if let Some(c) = r.code {
            feats.push(Feat { id: named(&["code", c.as_str()]), val: w * 0.7, span: sp(h.start, h.end) });
            codes.push((c.as_str(), (h.start, h.end)));
        }
        if let Some(a) = &r.act {
            if !acts.iter().any(|x| x.0 == a) {
                acts.push((a.as_str(), (h.start, h.end)));
            }
        }
        if let Some(a) = &r.aim {
            if !aims.iter().any(|x| x.0 == a) {
                aims.push((a.as_str(), (h.start, h.end)));
            }
        }
    }
    for (a, (s, e)) in &acts {
        feats.push(Feat { id: named(&["act", a]), val: 0.7, span: sp(*s, *e) });
    }
    for (a, (s, e)) in &aims {
        feats.push(Feat { id: named(&["aim", a]), val: 0.5, span: sp(*s, *e) });
    }

    // 3. Dyad structure.
    let mut cp: Vec<(&'static str, (usize, usize))> = Vec::new();
    let mut coord: Vec<(&'static str, (usize, usize))> = Vec::new();
    let mut obj: Vec<(&'static str, (usize, usize))> = Vec::new();
    for ((m, r), k) in mentions.iter().zip(&roles).zip(&markers) {
        if *r == Role::Bal {
            continue;
        }
        let tok = r.token();
        if !cp.iter().any(|x| x.0 == tok) {
            cp.push((tok, (m.start, m.end)));
        }
        match k {
            Marker::Coord if !coord.iter().any(|x| x.0 == tok) => coord.push((tok, (m.start, m.end))),
            Marker::Target if !obj.iter().any(|x| x.0 == tok) => obj.push((tok, (m.start, m.end))),
            _ => {}
        }
    }
    if cp.is_empty() {
        cp.push(("none", (0, 0)));
    }
    let tgt_mentioned = roles.contains(&Role::Tgt);
    feats.push(Feat {
        id: named(&["tgt_mentioned", if tgt_mentioned { "y" } else { "n" }]),
        val: 0.5,
        span: None,
    });
    let span_of = |(s, e): (usize, usize)| if e > s { sp(s, e) } else { None };
    for (r, s) in &cp {
        feats.push(Feat { id: named(&["cp", r]), val: 0.7, span: span_of(*s) });
    }
    for (r, s) in &coord {
        feats.push(Feat { id: named(&["coord", r]), val: 1.0, span: span_of(*s) });
    }
    for (r, s) in &obj {
        feats.push(Feat { id: named(&["obj", r]), val: 0.7, span: span_of(*s) });
    }

    // 4. Crosses: the kind of act with the counterpart and with the aim.
    let none = [("none", (0usize, 0usize))];
    let coord_or_none: &[(&str, (usize, usize))] = if coord.is_empty() { &none } else { &coord };
    for (a, s) in &acts {
        for (r, _) in &cp {
            feats.push(Feat { id: named(&["act×cp", a, r]), val: 0.7, span: span_of(*s) });
        }
        for (r, _) in coord_or_none {
            feats.push(Feat { id: named(&["act×coord", a, r]), val: 0.7, span: span_of(*s) });
        }
        for (m, _) in &aims {
            feats.push(Feat { id: named(&["act×aim", a, m]), val: 0.5, span: span_of(*s) });
        }
    }
    for (c, s) in &codes {
        for (r, _) in coord_or_none {
            feats.push(Feat { id: named(&["code×coord", c, r]), val: 0.5, span: span_of(*s) });
        }
    }
    feats.push(Feat { id: named(&["bias-lang", if lang.is_zh() { "zh" } else { "en" }]), val: 0.3, span: None });

    let dyad_unclear = !dyad_given && tgt.is_none() && detected.unclear;
    Analysis {
        norm,
        lang,
        hits,
        mentions,
        roles,
        markers,
        balancer: bal,
        target: tgt,
        partners,
        dyad_given,
        dyad_unclear,
        feats,
    }
}

/// The word-boundary rule for Chinese cues (Chinese has no spaces): a cue match that starts
/// or ends inside another word is not that cue. The words the coder knows are the actor
/// mentions and the longer codebook phrases, so a match that *crosses* one of them (overlaps
/// it without containing it or lying inside it) is dropped: 國防 in 美國防長 crosses 美國;
/// 出口 in 進出口管制 crosses 進出口 when that is a phrase. Latin cues are whole words already
/// (`Codebook::matches`).
pub fn cjk_word_hits(norm: &str, hits: Vec<Hit>, mentions: &[ActorMention]) -> Vec<Hit> {
    let is_cjk_at = |i: usize| norm[i..].chars().next().is_some_and(text::is_cjk);
    let cross = |a: (usize, usize), b: (usize, usize)| {
        a.0 < b.1 && b.0 < a.1 && !(a.0 <= b.0 && b.1 <= a.1) && !(b.0 <= a.0 && a.1 <= b.1)
    };
    let spans: Vec<(usize, usize)> = hits
        .iter()
        .filter(|h| is_cjk_at(h.start))
        .map(|h| (h.start, h.end))
        .chain(mentions.iter().map(|m| (m.start, m.end)))
        .collect();
    hits.into_iter()
        .filter(|h| {
            if !is_cjk_at(h.start) {
                return true;
            }
            let me = (h.start, h.end);
            // Crossing a mention drops the cue; crossing another cue drops the shorter one.
            !mentions.iter().any(|m| cross(me, (m.start, m.end)))
                && !spans.iter().any(|&o| cross(me, o) && o.1 - o.0 > me.1 - me.0)
        })
        .collect()
}

impl Analysis {
    pub fn sparse(&self) -> Vec<(u32, f32)> {
        self.feats.iter().map(|f| (f.id, f.val)).collect()
    }
}
