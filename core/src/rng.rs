//! The run's randomness: one seed, named sub-streams, portable everywhere.
//!
//! Every random choice in a run comes from a [`SimRng`] derived from the run's
//! seed and a [`Stream`]. Workload, network, policy and fault decisions draw
//! from separate streams, so changing the load-balancing policy does not
//! change which requests arrive or how long they take: two runs that differ in
//! one setting differ only because of that setting.
//!
//! The generator is ChaCha8 (the `chacha20` crate's, which gives the stream
//! `rand_chacha` gave, bit for bit, and is faster in wasm32), whose output is
//! specified independently of the platform; a golden-value test pins its
//! first outputs and runs natively and in the browser. Floating-point
//! transforms use `libm`, a pure-Rust maths library, so `ln` gives the same
//! bits on x86_64 and wasm32.

use chacha20::ChaCha8Rng;
use rand_core::{Rng, SeedableRng};

/// A named, independent stream of random numbers within one run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stream {
    /// What the users do: arrivals, which client, how much work a request needs.
    Workload,
    /// What the network does: latency jitter, loss.
    Network,
    /// Choices made by a policy, e.g. random or power-of-two-choices routing.
    Policy,
    /// Injected failures.
    Faults,
    /// A lab-specific stream, numbered by the lab.
    Lab(u32),
}

impl Stream {
    /// The ChaCha stream number. Fixed forever: changing one changes every trace.
    fn number(self) -> u64 {
        match self {
            Stream::Workload => 1,
            Stream::Network => 2,
            Stream::Policy => 3,
            Stream::Faults => 4,
            Stream::Lab(n) => 0x1_0000_0000 | u64::from(n),
        }
    }
}

/// A seeded, portable random number generator for one stream of one run.
#[derive(Debug)]
pub struct SimRng {
    inner: ChaCha8Rng,
}

/// A copy that goes on from the same place in the same stream (the crate
/// leaves `Clone` out, as a cipher's key stream should not be copied by
/// accident; a simulation's is copied on purpose, by a rewind or a compare).
impl Clone for SimRng {
    fn clone(&self) -> SimRng {
        SimRng { inner: ChaCha8Rng::deserialize_state(&self.inner.serialize_state()) }
    }
}

impl SimRng {
    /// The generator for `stream` of the run seeded with `seed`.
    pub fn new(seed: u64, stream: Stream) -> SimRng {
        let mut inner = ChaCha8Rng::seed_from_u64(seed);
        inner.set_stream(stream.number());
        SimRng { inner }
    }

    /// 64 uniformly random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.inner.next_u64()
    }

    /// A uniform float in `[0, 1)` with 53 bits of precision.
    pub fn unit_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// A uniform integer in `0..n`, without modulo bias. `n == 0` gives 0.
    pub fn below(&mut self, n: u32) -> u32 {
        if n == 0 {
            return 0;
        }
        // Lemire's multiply-shift with rejection: exact and branch-light.
        let n64 = u64::from(n);
        let threshold = n.wrapping_neg() % n;
        loop {
            let m = (self.next_u64() >> 32) * n64;
            if (m as u32) >= threshold {
                return (m >> 32) as u32;
            }
        }
    }

    /// `true` with probability `p` (clamped to `[0, 1]`).
    pub fn chance(&mut self, p: f64) -> bool {
        p > 0.0 && self.unit_f64() < p
    }

    /// An exponentially distributed value with the given mean.
    pub fn exp(&mut self, mean: f64) -> f64 {
        // Inverse transform on (0, 1]: 1 - u never hits zero, so ln is finite.
        let u = 1.0 - self.unit_f64();
        -mean * libm::log(u)
    }

    /// A uniform float in `[lo, hi)`.
    pub fn uniform(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit_f64()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clone_goes_on_from_where_the_original_stood() {
        // 37 draws end inside the crate's buffer of blocks, at neither a
        // block's nor the buffer's edge.
        for drawn in [0, 1, 37, 64, 100] {
            let mut a = SimRng::new(9, Stream::Lab(3));
            (0..drawn).for_each(|_| {
                a.next_u64();
            });
            let mut b = a.clone();
            let xs: Vec<u64> = (0..200).map(|_| a.next_u64()).collect();
            let ys: Vec<u64> = (0..200).map(|_| b.next_u64()).collect();
            assert_eq!(xs, ys, "after {drawn} draws");
        }
    }

    #[test]
    fn streams_are_independent_of_each_other() {
        let mut a = SimRng::new(7, Stream::Workload);
        let mut b = SimRng::new(7, Stream::Network);
        let xs: Vec<u64> = (0..4).map(|_| a.next_u64()).collect();
        let ys: Vec<u64> = (0..4).map(|_| b.next_u64()).collect();
        assert_ne!(xs, ys);
    }

    #[test]
    fn below_stays_in_range_and_covers_it() {
        let mut r = SimRng::new(1, Stream::Policy);
        let mut seen = [0u32; 7];
        for _ in 0..7_000 {
            seen[r.below(7) as usize] += 1;
        }
        assert!(seen.iter().all(|&c| (800..1_200).contains(&c)), "{seen:?}");
        assert_eq!(r.below(0), 0);
    }

    #[test]
    fn exp_has_the_requested_mean() {
        let mut r = SimRng::new(3, Stream::Workload);
        let n = 200_000;
        let mean = (0..n).map(|_| r.exp(10.0)).sum::<f64>() / n as f64;
        assert!((mean - 10.0).abs() < 0.1, "mean {mean}");
    }
}
