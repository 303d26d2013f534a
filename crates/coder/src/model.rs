//! The statistical part: multinomial logistic regression over hashed sparse features,
//! trained by stochastic gradient descent with a deterministic shuffle.
//!
//! Why this model: with a few hundred labeled sentences, a linear model over sparse
//! features is the right capacity; logistic regression gives calibrated-enough probabilities
//! for `confidence` and the runner-up, its weights explain each decision (the `cues` of the
//! output are the features with the largest weight difference between the winner and the
//! runner-up), and training takes milliseconds, so the bundled model is trained when first
//! used instead of being shipped as an opaque blob (numbers in docs/coder.md).
//!
//! Loops index dense `[_; K]` arrays by class on purpose: the class index is the meaning.
#![allow(clippy::needless_range_loop)]

use softbalance_core::strategy::StrategyCode;

/// Number of classes (the nine codes, in `StrategyCode::ALL` order).
pub const K: usize = 9;
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

#[derive(Clone, Debug)]
pub struct Model {
    w: Vec<f32>,
    b: [f32; K],
}

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
        Model { w: vec![0.0; DIM * K], b: [0.0; K] }
    }

    /// Train on examples (features, class index): `bags` runs with different shuffles, their
    /// weights averaged. With a few hundred examples one SGD run lands wherever its last
    /// examples pushed it; averaging runs that saw the data in different orders removes that
    /// noise (+0.025 macro-F1 in cross-validation, docs/coder.md). Bootstrap resampling on
    /// top of it did not help.
    pub fn train(data: &[(Vec<(u32, f32)>, usize)], opts: &TrainOptions) -> Model {
        let bags = opts.bags.max(1);
        if bags == 1 {
            return Model::train_one(data, opts);
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
        sum
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

    pub fn logits(&self, x: &Sparse) -> [f32; K] {
        let mut z = self.b;
        for &(f, v) in x {
            let row = &self.w[f as usize * K..f as usize * K + K];
            for k in 0..K {
                z[k] += row[k] * v;
            }
        }
        z
    }

    pub fn probs(&self, x: &Sparse) -> [f32; K] {
        softmax(self.logits(x))
    }

    /// The weight of feature `f` for class `k`.
    pub fn weight(&self, f: u32, k: usize) -> f32 {
        self.w[f as usize * K + k]
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

/// Index of a code in the model's class order.
pub fn class(code: StrategyCode) -> usize {
    code.index()
}

pub fn code_of(class: usize) -> StrategyCode {
    StrategyCode::ALL[class]
}
