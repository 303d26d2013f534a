//! The statistical part: multinomial logistic regression over hashed sparse features,
//! trained by stochastic gradient descent with a deterministic shuffle.
//!
//! Why this model: with a few hundred labeled sentences, a linear model over sparse
//! features is the right capacity; logistic regression gives calibrated-enough probabilities
//! for `confidence` and the runner-up, its weights explain each decision (the `cues` of the
//! output are the features with the largest weight difference between the winner and the
//! runner-up). The bundled model is trained once by `softbalance code --train-model` and
//! committed in a compact binary form (`to_bytes`/`from_bytes`, layout below), so `code`,
//! `eval --gold` and `analyze` all load the same weights instead of retraining.
//!
//! Loops index dense `[_; K]` arrays by class on purpose: the class index is the meaning.
#![allow(clippy::needless_range_loop)]

use softbalance_core::strategy::StrategyCode;

/// Number of classes: the nine codes in `StrategyCode::ALL` order, then `none` (no act).
pub const K: usize = 10;
/// The class index of `none`: the sentence reports no act (negated, hypothetical,
/// deliberation, commentary, a third party's demand, a denial).
pub const NONE: usize = 9;
/// The nine codes: the classes macro-F1 is computed over.
pub const CODES: usize = 9;
/// Hashed feature space: 2^18 buckets; at this corpus size collisions are negligible.
pub const DIM_BITS: u32 = 18;
pub const DIM: usize = 1 << DIM_BITS;

/// One sparse example: feature buckets with values.
pub type Sparse = [(u32, f32)];

/// Training hyper-parameters (defaults chosen by cross-validation, see docs/coder.md).
#[derive(Clone, Debug)]
pub struct TrainOptions {
    pub epochs: usize,
    pub learning_rate: f32,
    pub l2: f32,
    pub seed: u64,
    /// Independent SGD runs (different shuffles) whose weights are averaged.
    pub bags: usize,
    /// Add a copy of every item with a dyad, coded with the dyad detected instead.
    pub detected_copies: bool,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions { epochs: 8, learning_rate: 0.5, l2: 1e-4, seed: 20221, bags: 8, detected_copies: true }
    }
}

/// A linear model. Training works on a dense `DIM × K` array; a trained model is compacted:
/// `index[f]` is the row of bucket `f` in `rows` (`NO_ROW` when all its weights are 0), so a
/// loaded model costs 1 MB of index plus its rows instead of 10 MB of mostly zeros.
#[derive(Clone, Debug)]
pub struct Model {
    /// Dense weights while training (empty once compacted).
    w: Vec<f32>,
    index: Vec<u32>,
    rows: Vec<f32>,
    b: [f32; K],
}

const NO_ROW: u32 = u32::MAX;

/// A small deterministic generator (SplitMix64) for shuffles and folds: no dependency, the
/// same sequence on every platform.
#[derive(Clone, Debug)]
pub struct SplitMix(pub u64);

impl SplitMix {
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }
}

impl Model {
    pub fn empty() -> Model {
        Model { w: vec![0.0; DIM * K], index: Vec::new(), rows: Vec::new(), b: [0.0; K] }
    }

    /// The compact form of a dense model (see the type's doc).
    fn compacted(mut self) -> Model {
        if self.w.is_empty() {
            return self;
        }
        let mut index = vec![NO_ROW; DIM];
        let mut rows = Vec::new();
        for f in 0..DIM {
            let row = &self.w[f * K..f * K + K];
            if row.iter().any(|&x| x != 0.0) {
                index[f] = (rows.len() / K) as u32;
                rows.extend_from_slice(row);
            }
        }
        self.w = Vec::new();
        self.index = index;
        self.rows = rows;
        self
    }

    /// The weights of bucket `f` (zeros when it has none).
    #[inline]
    fn row(&self, f: usize) -> &[f32] {
        const ZERO: [f32; K] = [0.0; K];
        if self.w.is_empty() {
            match self.index.get(f) {
                Some(&r) if r != NO_ROW => &self.rows[r as usize * K..r as usize * K + K],
                _ => &ZERO,
            }
        } else {
            &self.w[f * K..f * K + K]
        }
    }

    /// Train on examples (features, class index): `bags` runs with different shuffles, their
    /// weights averaged. With a few hundred examples one SGD run lands wherever its last
    /// examples pushed it; averaging runs that saw the data in different orders removes that
    /// noise (+0.025 macro-F1 in cross-validation, docs/coder.md). Bootstrap resampling on
    /// top of it did not help.
    pub fn train(data: &[(Vec<(u32, f32)>, usize)], opts: &TrainOptions) -> Model {
        let bags = opts.bags.max(1);
        if bags == 1 {
            return Model::train_one(data, opts).compacted();
        }
        let mut sum = Model::empty();
        for b in 0..bags {
            let o = TrainOptions { seed: opts.seed.wrapping_add(b as u64 * 7919), ..opts.clone() };
            let m = Model::train_one(data, &o);
            for (a, x) in sum.w.iter_mut().zip(&m.w) {
                *a += x / bags as f32;
            }
            for k in 0..K {
                sum.b[k] += m.b[k] / bags as f32;
            }
        }
        sum.compacted()
    }

    fn train_one(data: &[(Vec<(u32, f32)>, usize)], opts: &TrainOptions) -> Model {
        let mut m = Model::empty();
        if data.is_empty() {
            return m;
        }
        // Averaged SGD (Polyak averaging via the "sum of updates times remaining steps"
        // trick would need a second array; plain averaging of per-epoch snapshots over the
        // last half of the epochs is cheap enough and stabilizes the small-data fit).
        let mut order: Vec<usize> = (0..data.len()).collect();
        let mut rng = SplitMix(opts.seed);
        let mut avg_w: Vec<f32> = Vec::new();
        let mut avg_b = [0.0f32; K];
        let mut snapshots = 0usize;
        let mut touched: Vec<u32> = Vec::new();
        let mut seen = vec![false; DIM];
        for (x, _) in data {
            for &(f, _) in x {
                if !seen[f as usize] {
                    seen[f as usize] = true;
                    touched.push(f);
                }
            }
        }
        let total = opts.epochs.max(1);
        for epoch in 0..total {
            rng.shuffle(&mut order);
            let lr = opts.learning_rate / (1.0 + epoch as f32 * 0.2);
            for &i in &order {
                let (x, y) = &data[i];
                let p = m.probs(x);
                for k in 0..K {
                    let g = p[k] - if k == *y { 1.0 } else { 0.0 };
                    if g.abs() < 1e-6 {
                        continue;
                    }
                    m.b[k] -= lr * g * 0.1;
                    for &(f, v) in x.iter() {
                        m.w[f as usize * K + k] -= lr * g * v;
                    }
                }
            }
            let decay = 1.0 - lr * opts.l2 * data.len() as f32;
            if decay < 1.0 {
                for &f in &touched {
                    for k in 0..K {
                        m.w[f as usize * K + k] *= decay.max(0.0);
                    }
                }
            }
            if epoch >= total / 2 {
                if avg_w.is_empty() {
                    avg_w = vec![0.0; DIM * K];
                }
                for &f in &touched {
                    let base = f as usize * K;
                    for k in 0..K {
                        avg_w[base + k] += m.w[base + k];
                    }
                }
                for k in 0..K {
                    avg_b[k] += m.b[k];
                }
                snapshots += 1;
            }
        }
        if snapshots > 0 {
            let s = snapshots as f32;
            for &f in &touched {
                let base = f as usize * K;
                for k in 0..K {
                    m.w[base + k] = avg_w[base + k] / s;
                }
            }
            for k in 0..K {
                m.b[k] = avg_b[k] / s;
            }
        }
        m
    }

    /// The logits of sparse features `(bucket, value)`: a training example's vector or an
    /// analyzed sentence's features read in place.
    pub fn logits(&self, x: impl IntoIterator<Item = (u32, f32)>) -> [f32; K] {
        let mut z = self.b;
        for (f, v) in x {
            let row = self.row(f as usize);
            for k in 0..K {
                z[k] += row[k] * v;
            }
        }
        z
    }

    pub fn probs(&self, x: &Sparse) -> [f32; K] {
        softmax(self.logits(x.iter().copied()))
    }

    /// How much feature `f` favours class `a` over class `b` (one row lookup).
    pub fn margin(&self, f: u32, a: usize, b: usize) -> f32 {
        let row = self.row(f as usize);
        row[a] - row[b]
    }
}

/// Softmax of `z / t`.
pub fn softmax_t(mut z: [f32; K], t: f32) -> [f32; K] {
    for v in z.iter_mut() {
        *v /= t;
    }
    softmax(z)
}

pub fn softmax(mut z: [f32; K]) -> [f32; K] {
    let max = z.iter().cloned().fold(f32::NEG_INFINITY, f32::max);
    let mut sum = 0.0;
    for v in z.iter_mut() {
        *v = (*v - max).exp();
        sum += *v;
    }
    for v in z.iter_mut() {
        *v /= sum;
    }
    z
}

/// Index of a label in the model's class order (`None` is the `none` class).
pub fn class(label: Option<StrategyCode>) -> usize {
    label.map_or(NONE, StrategyCode::index)
}

/// The label of a class index: a code, or `None` for the `none` class.
pub fn code_of(class: usize) -> Option<StrategyCode> {
    StrategyCode::ALL.get(class).copied()
}

/// A label as text: the code, or `none`.
pub fn label_str(label: Option<StrategyCode>) -> &'static str {
    label.map_or("none", StrategyCode::as_str)
}

/// Parse a label: one of the nine codes or `none`.
pub fn parse_label(s: &str) -> Result<Option<StrategyCode>, String> {
    let s = s.trim();
    if s == "none" {
        return Ok(None);
    }
    s.parse::<StrategyCode>().map(Some).map_err(|e| format!("{e} (or `none` when the text reports no act)"))
}

/// Magic bytes and format version of a serialized model.
const MAGIC: &[u8; 8] = b"SBCODER1";

/// Why a model file cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelFormatError(pub String);

impl std::fmt::Display for ModelFormatError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl Model {
    /// Serialize: `SBCODER1`, then little-endian u32 `DIM_BITS`, u32 `K`, u32 length and the
    /// UTF-8 bytes of `meta` (a JSON object naming the training inputs), `K` f32 biases, u32
    /// row count, then per non-zero feature row its u32 bucket and `K` f32 weights, in
    /// bucket order. Exact f32 bits, so a loaded model predicts exactly as the trained one.
    pub fn to_bytes(&self, meta: &str) -> Vec<u8> {
        let rows: Vec<usize> = (0..DIM).filter(|&f| self.row(f).iter().any(|&x| x != 0.0)).collect();
        let mut out = Vec::with_capacity(64 + meta.len() + rows.len() * (4 + 4 * K));
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&DIM_BITS.to_le_bytes());
        out.extend_from_slice(&(K as u32).to_le_bytes());
        out.extend_from_slice(&(meta.len() as u32).to_le_bytes());
        out.extend_from_slice(meta.as_bytes());
        for b in self.b {
            out.extend_from_slice(&b.to_le_bytes());
        }
        out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
        for f in rows {
            out.extend_from_slice(&(f as u32).to_le_bytes());
            for x in self.row(f) {
                out.extend_from_slice(&x.to_le_bytes());
            }
        }
        out
    }

    /// Read a model written by `to_bytes`; returns it with its `meta` text.
    pub fn from_bytes(bytes: &[u8]) -> Result<(Model, String), ModelFormatError> {
        let err = |m: &str| ModelFormatError(m.to_string());
        let mut r = Reader { b: bytes, at: 0 };
        if r.take(8).ok_or_else(|| err("shorter than the header"))? != MAGIC {
            return Err(err("not a softbalance coder model (bad magic bytes; expected SBCODER1)"));
        }
        let bits = r.u32().ok_or_else(|| err("truncated header"))?;
        let k = r.u32().ok_or_else(|| err("truncated header"))? as usize;
        if bits != DIM_BITS || k != K {
            return Err(ModelFormatError(format!(
                "model has 2^{bits} buckets and {k} classes; this coder needs 2^{DIM_BITS} and {K}: retrain with `softbalance code --train-model`"
            )));
        }
        let n = r.u32().ok_or_else(|| err("truncated header"))? as usize;
        let meta = std::str::from_utf8(r.take(n).ok_or_else(|| err("truncated metadata"))?)
            .map_err(|_| err("metadata is not UTF-8"))?
            .to_string();
        let mut m = Model { w: Vec::new(), index: vec![NO_ROW; DIM], rows: Vec::new(), b: [0.0; K] };
        for k in 0..K {
            m.b[k] = r.f32().ok_or_else(|| err("truncated biases"))?;
        }
        let rows = r.u32().ok_or_else(|| err("truncated row count"))? as usize;
        m.rows.reserve(rows.min(DIM) * K);
        for i in 0..rows {
            let f = r.u32().ok_or_else(|| ModelFormatError(format!("truncated at row {i}")))? as usize;
            if f >= DIM || m.index[f] != NO_ROW {
                return Err(ModelFormatError(format!("row {i}: bucket {f} out of range or repeated")));
            }
            m.index[f] = (m.rows.len() / K) as u32;
            for _ in 0..K {
                let x = r.f32().ok_or_else(|| ModelFormatError(format!("truncated at row {i}")))?;
                m.rows.push(x);
            }
        }
        if r.at != bytes.len() {
            return Err(err("trailing bytes after the last row"));
        }
        Ok((m, meta))
    }

    /// Number of feature rows with a non-zero weight.
    pub fn rows(&self) -> usize {
        (0..DIM).filter(|&f| self.row(f).iter().any(|&x| x != 0.0)).count()
    }
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let s = self.b.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(s)
    }
    fn u32(&mut self) -> Option<u32> {
        self.take(4).map(|s| u32::from_le_bytes(s.try_into().expect("4 bytes")))
    }
    fn f32(&mut self) -> Option<f32> {
        self.u32().map(f32::from_bits)
    }
}
