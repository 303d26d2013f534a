//! The training set and what identifies a trained model: the set the committed model is
//! trained on (the bundled corpus without the items about built-in cases' events, see
//! `corpus::training_set`), a hash of every training input (so a test can tell whether the
//! committed model is still the one the current sources produce) and a readable corpus version.

use crate::{Codebook, LabeledItem, TrainOptions};

/// Bump when feature extraction changes in a way the inputs hash cannot see (new feature
/// blocks, new hashing), so an old committed model reads as stale.
pub const FEATURE_VERSION: &str = "features-2026-12-02b";

/// FNV-1a, 64 bits: small, stable across platforms and releases.
#[derive(Clone, Copy)]
struct Fnv(u64);

impl Fnv {
    fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
    fn bytes(&mut self, b: &[u8]) {
        for &x in b {
            self.0 ^= x as u64;
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
        // A separator, so ("ab", "c") and ("a", "bc") differ.
        self.0 ^= 0xff;
        self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
    }
    fn str(&mut self, s: &str) {
        self.bytes(s.as_bytes());
    }
}

/// Two differently seeded FNV passes give 128 bits as 32 hex digits.
fn hash_with(f: impl Fn(&mut dyn FnMut(&str))) -> String {
    let mut a = Fnv::new();
    let mut b = Fnv(0x84222325cbf29ce4);
    f(&mut |s: &str| {
        a.str(s);
        b.str(s);
    });
    format!("{:016x}{:016x}", a.0, b.0)
}

/// The hash of everything training reads: the feature version, the options, the codebook
/// sources as compiled, and every item (id, text, label, dyad) in order.
pub fn inputs_hash(codebook: &Codebook, items: &[LabeledItem], opts: &TrainOptions) -> String {
    hash_with(|h| {
        h(FEATURE_VERSION);
        h(&format!("{opts:?}"));
        h(&format!("{}", crate::TEMPERATURE));
        for src in codebook.sources() {
            h(src);
        }
        for li in items {
            h(&li.item.id);
            h(&li.item.text);
            h(crate::model::label_str(li.label));
            h(li.item.balancer.as_deref().unwrap_or("-"));
            h(li.item.target.as_deref().unwrap_or("-"));
        }
    })
}

/// `N items, E events, corpus <hash of the texts and labels>`.
pub fn corpus_version(items: &[LabeledItem]) -> String {
    let hash = hash_with(|h| {
        for li in items {
            h(&li.item.id);
            h(&li.item.text);
            h(crate::model::label_str(li.label));
        }
    });
    format!("{} items, {} events, corpus {}", items.len(), crate::eval::event_count(items), &hash[..12])
}

/// The hash of the bundled sources as embedded (the raw corpus files, the codebook files, the
/// options and the feature version): cheap enough to check at every start (no parsing), so a
/// committed model trained from other sources is reported stale.
pub fn bundled_sources_hash(opts: &TrainOptions) -> String {
    hash_with(|h| {
        h(FEATURE_VERSION);
        h(&format!("{opts:?}"));
        h(&format!("{}", crate::TEMPERATURE));
        for (name, text) in crate::codebook::BUNDLED {
            h(name);
            h(text);
        }
        for text in crate::corpus::BUNDLED_FILES {
            h(text);
        }
    })
}
