//! Measurements: latency histograms and time series.
//!
//! Labs count what happened in plain integer fields; this module holds the two
//! measurements that need more than a counter:
//!
//! - [`LatencyHistogram`]: every latency of a run, in microseconds, with the
//!   exact mean and p50/p95/p99 from an HDR histogram (3 significant digits,
//!   so a percentile is within 0.1% of the true sample).
//! - [`TimeSeries`]: one point per fixed window of simulated time, bounded, for
//!   the charts. Windows are closed by engine events at exact boundaries, never
//!   by animation frames, so a chart is part of the deterministic run.

use crate::time::{SimDuration, SimTime};
use hdrhistogram::Histogram;
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;

/// The largest latency the histogram tells apart: one hour. Longer ones are
/// recorded as one hour (and still counted exactly in the mean).
const MAX_TRACKED_US: u64 = 3_600_000_000;

/// A distribution of latencies.
#[derive(Clone, Debug)]
pub struct LatencyHistogram {
    hist: Histogram<u64>,
    sum_us: u128,
    max_us: u64,
}

impl Default for LatencyHistogram {
    fn default() -> Self {
        LatencyHistogram::new()
    }
}

impl LatencyHistogram {
    /// An empty histogram.
    pub fn new() -> LatencyHistogram {
        // The bounds are constants that hdrhistogram accepts, so this cannot fail;
        // fall back to an auto-resizing histogram rather than panic if it ever did.
        let hist = Histogram::new_with_bounds(1, MAX_TRACKED_US, 3)
            .or_else(|_| Histogram::new(3))
            .unwrap_or_else(|_| unreachable!("3 significant digits is always valid"));
        LatencyHistogram { hist, sum_us: 0, max_us: 0 }
    }

    /// Records one latency.
    pub fn record(&mut self, latency: SimDuration) {
        let us = latency.0;
        self.hist.saturating_record(us.clamp(1, MAX_TRACKED_US));
        self.sum_us += u128::from(us);
        self.max_us = self.max_us.max(us);
    }

    /// How many latencies were recorded.
    pub fn count(&self) -> u64 {
        self.hist.len()
    }

    /// Forgets everything.
    pub fn clear(&mut self) {
        self.hist.reset();
        self.sum_us = 0;
        self.max_us = 0;
    }

    /// The exact mean in milliseconds (0 when empty).
    pub fn mean_ms(&self) -> f64 {
        match self.count() {
            0 => 0.0,
            n => self.sum_us as f64 / n as f64 / 1_000.0,
        }
    }

    /// The latency below which a fraction `q` of samples fall, in ms.
    pub fn quantile_ms(&self, q: f64) -> f64 {
        if self.count() == 0 {
            return 0.0;
        }
        // The highest value equivalent to the bucket, i.e. a conservative
        // percentile, as HdrHistogram reports it.
        self.hist.value_at_quantile(q) as f64 / 1_000.0
    }

    /// Count, mean and the usual percentiles.
    pub fn summary(&self) -> LatencySummary {
        LatencySummary {
            count: self.count(),
            mean_ms: self.mean_ms(),
            p50_ms: self.quantile_ms(0.50),
            p95_ms: self.quantile_ms(0.95),
            p99_ms: self.quantile_ms(0.99),
            max_ms: self.max_us as f64 / 1_000.0,
        }
    }
}

/// The usual figures of a latency distribution, in milliseconds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LatencySummary {
    /// How many samples.
    pub count: u64,
    /// Arithmetic mean.
    pub mean_ms: f64,
    /// Median.
    pub p50_ms: f64,
    /// 95th percentile.
    pub p95_ms: f64,
    /// 99th percentile.
    pub p99_ms: f64,
    /// Largest sample.
    pub max_ms: f64,
}

/// The nearest-rank quantile `q` of latencies in µs, in ms (0 when empty).
/// Sorts `values_us` (a second quantile of the same window finds it sorted).
/// A selection would be O(n) rather than O(n log n), but a window holds one
/// second of answers, and selecting is a second sorting routine in the page.
pub fn exact_quantile_ms(values_us: &mut [u64], q: f64) -> f64 {
    if values_us.is_empty() {
        return 0.0;
    }
    values_us.sort_unstable();
    let rank = (q.clamp(0.0, 1.0) * values_us.len() as f64).ceil() as usize;
    values_us[rank.clamp(1, values_us.len()) - 1] as f64 / 1_000.0
}

/// Exact latencies as counts per distinct value: compact when latencies take
/// few values (fixed hops, no jitter), as in the caching lab, where a miss
/// must read 220 ms, not 220.031. The counts are a sorted Vec, so a new
/// distinct value costs a shift of those above it: made for a handful of
/// values, not for latencies that vary (those go to a histogram).
#[derive(Clone, Debug, Default)]
pub struct ExactCounts {
    counts: litemap::LiteMap<u64, u64>,
    n: u64,
    sum_us: u128,
}

impl ExactCounts {
    /// Records one latency.
    pub fn record(&mut self, latency: SimDuration) {
        *self.counts.entry(latency.0).or_default() += 1;
        self.n += 1;
        self.sum_us += u128::from(latency.0);
    }

    /// Mean, ms (0 when empty).
    pub fn mean_ms(&self) -> f64 {
        if self.n == 0 { 0.0 } else { self.sum_us as f64 / self.n as f64 / 1_000.0 }
    }

    /// The nearest-rank quantile `q`, ms (0 when empty), as
    /// [`exact_quantile_ms`] computes it.
    pub fn quantile_ms(&self, q: f64) -> f64 {
        if self.n == 0 {
            return 0.0;
        }
        let rank = ((q.clamp(0.0, 1.0) * self.n as f64).ceil() as u64).clamp(1, self.n);
        let mut seen = 0;
        for (&v, &c) in &self.counts {
            seen += c;
            if seen >= rank {
                return v as f64 / 1_000.0;
            }
        }
        0.0
    }
}

/// A bounded series of points, one per window of simulated time.
#[derive(Clone, Debug)]
pub struct TimeSeries<P> {
    window: SimDuration,
    points: VecDeque<(SimTime, P)>,
    capacity: usize,
}

impl<P> TimeSeries<P> {
    /// A series with windows of `window` that keeps the last `capacity` points.
    pub fn new(window: SimDuration, capacity: usize) -> TimeSeries<P> {
        TimeSeries { window, points: VecDeque::new(), capacity: capacity.max(1) }
    }

    /// The width of one window.
    pub fn window(&self) -> SimDuration {
        self.window
    }

    /// Adds the point for the window that ended at `end`.
    pub fn push(&mut self, end: SimTime, point: P) {
        if self.points.len() == self.capacity {
            self.points.pop_front();
        }
        self.points.push_back((end, point));
    }

    /// The kept points, oldest first, each with the end of its window.
    pub fn points(&self) -> impl DoubleEndedIterator<Item = &(SimTime, P)> + ExactSizeIterator {
        self.points.iter()
    }

    /// The most recent point.
    pub fn last(&self) -> Option<&(SimTime, P)> {
        self.points.back()
    }
}

/// A metric over many runs (one per seed): its mean, sample standard
/// deviation, the half-width of the 95% confidence interval of the mean
/// (Student's t), and its range.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spread {
    /// How many values.
    pub n: usize,
    /// Their mean.
    pub mean: f64,
    /// Their sample standard deviation (0 for one value).
    pub sd: f64,
    /// Half the 95% confidence interval of the mean (0 for one value).
    pub half_width: f64,
    /// The smallest.
    pub min: f64,
    /// The largest.
    pub max: f64,
}

impl Spread {
    /// The spread of `xs`, if there is at least one.
    pub fn of(xs: &[f64]) -> Option<Spread> {
        if xs.is_empty() {
            return None;
        }
        let n = xs.len() as f64;
        let mean = xs.iter().sum::<f64>() / n;
        let (sd, half_width) = if xs.len() > 1 {
            let sd = (xs.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / (n - 1.0)).sqrt();
            (sd, t975(xs.len() as u64 - 1) * sd / n.sqrt())
        } else {
            (0.0, 0.0)
        };
        let (min, max) =
            xs.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &x| (a.min(x), b.max(x)));
        Some(Spread { n: xs.len(), mean, sd, half_width, min, max })
    }

    /// The 95% interval's ends.
    pub fn interval(&self) -> (f64, f64) {
        (self.mean - self.half_width, self.mean + self.half_width)
    }
}

/// The 97.5th percentile of Student's t with `df` degrees of freedom (the
/// 95% two-sided quantile): the table to 30, then the Cornish–Fisher
/// expansion about the normal's 1.96.
pub fn t975(df: u64) -> f64 {
    const TABLE: [f64; 30] = [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145,
        2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048,
        2.045, 2.042,
    ];
    match df {
        0 => f64::INFINITY,
        1..=30 => TABLE[df as usize - 1],
        _ => {
            let (z, n) = (1.959_964_f64, df as f64);
            let (z3, z5) = (z * z * z, z * z * z * z * z);
            z + (z3 + z) / (4.0 * n) + (5.0 * z5 + 16.0 * z3 + 3.0 * z) / (96.0 * n * n)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_counts_agree_with_sorting() {
        let samples = [220_000u64, 200_000, 220_000, 0, 200_000, 220_000, 202_000];
        let mut c = ExactCounts::default();
        samples.iter().for_each(|&us| c.record(SimDuration(us)));
        for q in [0.0, 0.1, 0.5, 0.9, 0.99, 1.0] {
            assert_eq!(c.quantile_ms(q), exact_quantile_ms(&mut samples.to_vec(), q), "q = {q}");
        }
        assert!((c.mean_ms() - 1_262.0 / 7.0).abs() < 1e-9);
    }

    #[test]
    fn summary_of_a_known_distribution() {
        let mut h = LatencyHistogram::new();
        for ms in 1..=100u64 {
            h.record(SimDuration::from_ms(ms));
        }
        let s = h.summary();
        assert_eq!(s.count, 100);
        assert!((s.mean_ms - 50.5).abs() < 1e-9, "the mean is exact");
        assert!((s.p50_ms - 50.0).abs() <= 0.05, "{s:?}");
        assert!((s.p95_ms - 95.0).abs() <= 0.1, "{s:?}");
        assert!((s.p99_ms - 99.0).abs() <= 0.1, "{s:?}");
        assert_eq!(s.max_ms, 100.0);
    }

    #[test]
    fn empty_histogram_reports_zeros() {
        assert_eq!(LatencyHistogram::new().summary(), LatencySummary::default());
    }

    #[test]
    fn exact_quantiles_use_nearest_rank() {
        let mut v: Vec<u64> = (1..=100).rev().map(|ms| ms * 1_000).collect();
        assert_eq!(exact_quantile_ms(&mut v, 0.5), 50.0);
        assert_eq!(exact_quantile_ms(&mut v, 0.99), 99.0);
        assert_eq!(exact_quantile_ms(&mut v, 1.0), 100.0);
        assert_eq!(exact_quantile_ms(&mut v, 0.0), 1.0);
        assert_eq!(exact_quantile_ms(&mut [], 0.5), 0.0);
    }

    #[test]
    fn series_keeps_only_the_last_points() {
        let mut s = TimeSeries::new(SimDuration::from_ms(100), 2);
        for i in 1..=3u64 {
            s.push(SimTime::from_ms(i * 100), i);
        }
        let kept: Vec<u64> = s.points().map(|&(_, p)| p).collect();
        assert_eq!(kept, [2, 3]);
        assert_eq!(s.last(), Some(&(SimTime::from_ms(300), 3)));
    }

    #[test]
    fn a_spread_is_the_mean_sd_and_students_t_interval() {
        let s = Spread::of(&[2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0]).unwrap();
        assert_eq!((s.n, s.mean, s.min, s.max), (8, 5.0, 2.0, 9.0));
        assert!((s.sd - (32.0f64 / 7.0).sqrt()).abs() < 1e-12);
        assert!((s.half_width - 2.365 * s.sd / 8f64.sqrt()).abs() < 1e-12);
        assert_eq!(Spread::of(&[3.0]).map(|s| (s.sd, s.half_width)), Some((0.0, 0.0)));
        assert_eq!(Spread::of(&[]), None);
        assert_eq!((t975(1), t975(30)), (12.706, 2.042));
        // Published: t(0.975; 40) = 2.021, t(0.975; 120) = 1.980.
        assert!((t975(40) - 2.021).abs() < 0.001 && (t975(120) - 1.980).abs() < 0.001);
        assert!((t975(1_000_000) - 1.95996).abs() < 1e-4);
    }
}
