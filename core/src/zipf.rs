//! Keys drawn from a Zipf distribution: key `k` (0-based) with probability
//! proportional to `1 / (k + 1)^s`. `s = 0` is uniform; around 1 is what
//! web caches see. Sampling is a binary search in a precomputed CDF, with
//! powers from `libm`, so the same seed draws the same keys everywhere.

use crate::rng::SimRng;

/// A Zipf distribution over keys `0..n`.
#[derive(Clone, Debug)]
pub struct Zipf {
    cdf: Vec<f64>,
    skew: f64,
}

impl Zipf {
    /// Keys `0..n` (at least one) with skew `s` (0 or more).
    pub fn new(n: u32, s: f64) -> Zipf {
        let mut cdf = Vec::with_capacity(n.max(1) as usize);
        let mut acc = 0.0;
        for k in 0..n.max(1) {
            acc += Zipf::weight(k, s);
            cdf.push(acc);
        }
        let total = acc;
        cdf.iter_mut().for_each(|c| *c /= total);
        Zipf { cdf, skew: s }
    }

    fn weight(k: u32, s: f64) -> f64 {
        1.0 / libm::pow(f64::from(k) + 1.0, s)
    }

    /// How many keys.
    pub fn len(&self) -> usize {
        self.cdf.len()
    }

    /// Whether there are no keys (never: there is at least one).
    pub fn is_empty(&self) -> bool {
        self.cdf.is_empty()
    }

    /// The probability of key `k`.
    pub fn probability(&self, k: usize) -> f64 {
        match k {
            0 => self.cdf.first().copied().unwrap_or(0.0),
            _ if k < self.cdf.len() => self.cdf[k] - self.cdf[k - 1],
            _ => 0.0,
        }
    }

    /// Every key's probability, key 0 first.
    pub fn probabilities(&self) -> Vec<f64> {
        (0..self.cdf.len()).map(|k| self.probability(k)).collect()
    }

    /// The skew `s`.
    pub fn skew(&self) -> f64 {
        self.skew
    }

    /// Draws a key.
    pub fn sample(&self, rng: &mut SimRng) -> u64 {
        let u = rng.unit_f64();
        let i = self.cdf.partition_point(|&c| c <= u);
        i.min(self.cdf.len() - 1) as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::Stream;

    #[test]
    fn draws_follow_the_weights() {
        let z = Zipf::new(100, 1.0);
        let mut rng = SimRng::new(3, Stream::Workload);
        let mut counts = [0u32; 100];
        for _ in 0..200_000 {
            counts[z.sample(&mut rng) as usize] += 1;
        }
        // p(0) = 1/H(100) ≈ 0.1928; p(1) = half of that.
        let p0 = f64::from(counts[0]) / 200_000.0;
        assert!((p0 - z.probability(0)).abs() < 0.005, "{p0}");
        assert!((z.probability(0) - 0.1928).abs() < 0.001);
        assert!((z.probability(1) * 2.0 - z.probability(0)).abs() < 1e-12);
        assert!((z.probabilities().iter().sum::<f64>() - 1.0).abs() < 1e-9);
        let uniform = Zipf::new(4, 0.0);
        assert!((uniform.probability(3) - 0.25).abs() < 1e-12);
    }
}
