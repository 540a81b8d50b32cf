//! Where requests come from: the arrival processes every lab draws on.
//!
//! - [`Arrivals`] is an open loop: requests come at a rate whatever happens
//!   to earlier ones, either as a Poisson stream (exponential gaps, the usual
//!   model of many independent clients) or as a script (one every `1/rate`,
//!   the first at once: a typed trace replays exactly). The rate can change
//!   mid-run; the arrival already scheduled at the old rate is superseded.
//! - [`Users`] is a closed loop: a fixed number of users, each sending its
//!   next request only after the answer to the previous one plus a think time
//!   (exponential with a given mean). Throughput then follows from the users,
//!   not from a rate: `N / (R + Z)` by the interactive response time law.
//!
//! Both draw from the stream the lab hands them, so a lab that draws other
//! things from the same stream (which client, which key) keeps one order of
//! draws on every platform.

use crate::rng::SimRng;
use crate::time::{SimDuration, round_us};

/// How the gaps between open-loop arrivals are drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gaps {
    /// Exponential gaps: a Poisson stream.
    Poisson,
    /// Even gaps, the first at once: a script played at a rate.
    Even,
}

/// Which scheduled arrival is the live one: an arrival carries the ticket it
/// was scheduled with, and a rate change issues a new one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Generation(u32);

/// An open-loop arrival process at a rate that can change mid-run.
#[derive(Clone, Debug)]
pub struct Arrivals {
    gaps: Gaps,
    rate: f64,
    generation: Generation,
    arrived: u64,
}

impl Arrivals {
    /// Arrivals at `rate` per second with `gaps`.
    pub fn new(gaps: Gaps, rate: f64) -> Arrivals {
        Arrivals { gaps, rate: sane(rate), generation: Generation(0), arrived: 0 }
    }

    /// Arrivals per second now.
    pub fn rate(&self) -> f64 {
        self.rate
    }

    /// How many live arrivals have come.
    pub fn arrived(&self) -> u64 {
        self.arrived
    }

    /// Changes the rate. The arrival scheduled before is superseded: schedule
    /// the next one with [`Arrivals::next`].
    pub fn set_rate(&mut self, rate: f64) {
        self.rate = sane(rate);
        self.generation.0 = self.generation.0.wrapping_add(1);
    }

    /// When the next arrival comes, from now, and the generation it carries;
    /// `None` at rate zero (nothing comes until the rate changes).
    pub fn next(&self, rng: &mut SimRng) -> Option<(SimDuration, Generation)> {
        if self.rate <= 0.0 {
            return None;
        }
        let mean_us = 1_000_000.0 / self.rate;
        let gap_us = match self.gaps {
            Gaps::Poisson => rng.exp(mean_us),
            Gaps::Even if self.arrived == 0 => 0.0,
            Gaps::Even => mean_us,
        };
        Some((SimDuration(round_us(gap_us)), self.generation))
    }

    /// An arrival carrying `generation` came: whether it is the live one
    /// (it is counted then) or was superseded by a rate change.
    pub fn arrive(&mut self, generation: Generation) -> bool {
        let live = generation == self.generation;
        if live {
            self.arrived += 1;
        }
        live
    }
}

/// A rate that is a number and not negative.
fn sane(rate: f64) -> f64 {
    if rate.is_finite() { rate.max(0.0) } else { 0.0 }
}

/// A closed loop of users, each thinking between an answer and its next
/// request.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Users {
    /// How many users.
    pub count: u32,
    /// Mean think time.
    pub think: SimDuration,
}

impl Users {
    /// When a user sends its first request: spread uniformly over one mean
    /// think time, so users do not all start in the same microsecond.
    pub fn first(&self, rng: &mut SimRng) -> SimDuration {
        SimDuration(round_us(rng.uniform(0.0, self.think.0 as f64)))
    }

    /// A think time: how long after an answer the user sends again.
    pub fn think(&self, rng: &mut SimRng) -> SimDuration {
        SimDuration(round_us(rng.exp(self.think.0 as f64)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Engine;
    use crate::rng::Stream;
    use crate::time::SimTime;

    /// Arrival times over `[0, end)` with a rate change to `later` at `switch`.
    fn arrivals(gaps: Gaps, rate: f64, switch: SimTime, later: f64, end: SimTime, seed: u64) -> Vec<SimTime> {
        #[derive(Debug)]
        enum Ev {
            Arrive(Generation),
            Switch,
        }
        let mut rng = SimRng::new(seed, Stream::Workload);
        let mut engine = Engine::new();
        let mut a = Arrivals::new(gaps, rate);
        let mut times = Vec::new();
        if let Some((gap, g)) = a.next(&mut rng) {
            engine.schedule_in(gap, Ev::Arrive(g));
        }
        engine.schedule_at(switch, Ev::Switch);
        while let Some(ev) = engine.pop_until(end) {
            match ev {
                Ev::Arrive(g) => {
                    if !a.arrive(g) {
                        continue;
                    }
                    times.push(engine.now());
                }
                Ev::Switch => a.set_rate(later),
            }
            // After a live arrival or a switch, the next is drawn (at the
            // new rate after a switch, and the old one is then ignored).
            if let Some((gap, g)) = a.next(&mut rng) {
                engine.schedule_in(gap, Ev::Arrive(g));
            }
        }
        times
    }

    #[test]
    fn poisson_counts_match_the_rate_before_and_after_a_change() {
        // 20 s at 50/s, then 20 s at 400/s: each segment's count is
        // Poisson(λT), so it lies within 5 standard deviations of λT.
        let switch = SimTime::from_ms(20_000);
        let end = SimTime::from_ms(40_000);
        for seed in 0..20 {
            let times = arrivals(Gaps::Poisson, 50.0, switch, 400.0, end, seed);
            let before = times.iter().filter(|&&t| t < switch).count() as f64;
            let after = times.len() as f64 - before;
            for (n, mean) in [(before, 1_000.0), (after, 8_000.0)] {
                let z = (n - mean) / f64::sqrt(mean);
                assert!(z.abs() < 5.0, "seed {seed}: {n} arrivals where {mean} were expected (z = {z:.2})");
            }
        }
    }

    #[test]
    fn poisson_counts_per_window_have_the_variance_of_their_mean() {
        // A Poisson process's count in a window has variance equal to its
        // mean; even gaps would have none. 400 windows of 1 s at 30/s.
        let end = SimTime::from_ms(400_000);
        for seed in 0..5 {
            let times = arrivals(Gaps::Poisson, 30.0, end, 30.0, end, seed);
            let mut counts = vec![0.0f64; 400];
            for t in times.iter().filter(|&&t| t < end) {
                counts[(t.as_ms_f64() / 1_000.0) as usize] += 1.0;
            }
            let mean = counts.iter().sum::<f64>() / 400.0;
            let var = counts.iter().map(|c| (c - mean).powi(2)).sum::<f64>() / 399.0;
            // The dispersion index of 400 windows has sd about sqrt(2/399).
            let dispersion = var / mean;
            assert!((dispersion - 1.0).abs() < 5.0 * f64::sqrt(2.0 / 399.0), "seed {seed}: {dispersion:.3}");
        }
    }

    #[test]
    fn even_gaps_play_a_script_exactly_and_follow_a_rate_change() {
        let times = arrivals(Gaps::Even, 10.0, SimTime::from_ms(1_000), 20.0, SimTime::from_ms(2_000), 1);
        let ms: Vec<u64> = times.iter().map(|t| t.as_ms_f64() as u64).collect();
        // 0, 100, ..., 900 at 10/s; the arrival due at 1,000 is superseded
        // and the next comes 50 ms after the switch (the end is included).
        let mut expected: Vec<u64> = (0..10).map(|i| i * 100).collect();
        expected.extend((0..20).map(|i| 1_050 + i * 50).filter(|&t| t <= 2_000));
        assert_eq!(ms, expected);
    }

    #[test]
    fn no_arrivals_at_rate_zero_or_a_nonsense_rate() {
        let mut rng = SimRng::new(1, Stream::Workload);
        for rate in [0.0, -3.0, f64::NAN, f64::INFINITY] {
            assert!(Arrivals::new(Gaps::Poisson, rate).next(&mut rng).is_none(), "{rate}");
        }
        let mut a = Arrivals::new(Gaps::Poisson, 0.0);
        a.set_rate(5.0);
        assert!(a.next(&mut rng).is_some());
    }

    #[test]
    fn think_times_have_their_mean_and_first_sends_spread_over_one() {
        let users = Users { count: 1, think: SimDuration::from_ms(500) };
        for seed in 0..10 {
            let mut rng = SimRng::new(seed, Stream::Workload);
            let n = 20_000.0;
            let thinks: Vec<f64> = (0..20_000).map(|_| users.think(&mut rng).as_ms_f64()).collect();
            let mean = thinks.iter().sum::<f64>() / n;
            // Exponential: sd = mean, so the sample mean's sd is 500/sqrt(n).
            let z = (mean - 500.0) / (500.0 / f64::sqrt(n));
            assert!(z.abs() < 5.0, "seed {seed}: mean think {mean:.1} ms");
            let firsts: Vec<f64> = (0..20_000).map(|_| users.first(&mut rng).as_ms_f64()).collect();
            assert!(firsts.iter().all(|&f| (0.0..=500.0).contains(&f)), "seed {seed}");
            let mean = firsts.iter().sum::<f64>() / n;
            let z = (mean - 250.0) / (500.0 / f64::sqrt(12.0 * n));
            assert!(z.abs() < 5.0, "seed {seed}: mean first send {mean:.1} ms");
        }
    }

    #[test]
    fn a_closed_loop_follows_the_interactive_response_time_law() {
        // N users, each answered after a fixed R, thinking Z on average:
        // throughput X = N / (R + Z), whatever N is (no queue here).
        #[derive(Debug)]
        enum Ev {
            Send(u32),
            Answer(u32),
        }
        for (count, r_ms, z_ms) in [(10, 50, 200), (40, 300, 100), (3, 10, 1_000)] {
            let users = Users { count, think: SimDuration::from_ms(z_ms) };
            let mut rng = SimRng::new(u64::from(count), Stream::Workload);
            let mut engine = Engine::new();
            for u in 0..count {
                engine.schedule_in(users.first(&mut rng), Ev::Send(u));
            }
            let end = SimTime::from_ms(600_000);
            let mut answered = 0u64;
            while let Some(ev) = engine.pop_until(end) {
                match ev {
                    Ev::Send(u) => engine.schedule_in(SimDuration::from_ms(r_ms), Ev::Answer(u)),
                    Ev::Answer(u) => {
                        answered += 1;
                        engine.schedule_in(users.think(&mut rng), Ev::Send(u));
                    }
                }
            }
            let x = answered as f64 / 600.0;
            let law = f64::from(count) / ((r_ms + z_ms) as f64 / 1_000.0);
            assert!(
                (x - law).abs() / law < 0.03,
                "{count} users, R {r_ms} ms, Z {z_ms} ms: {x:.2}/s, law {law:.2}/s"
            );
        }
    }
}
