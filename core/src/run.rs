//! What every lab's run is made of, written once: the engine and its clock,
//! the trace of what happened and the time series the charts draw.
//!
//! A lab holds one [`Run`] and its own handlers. [`Lab`](crate::lab::Lab)'s
//! `now`, `next_due`, `trace` and `series` read it through [`Recorded`], and
//! [`Run::until`] is the loop every lab's `run_until` is:
//!
//! ```text
//! fn run_until(&mut self, t: SimTime) {
//!     Run::until(self, t, |lab| &mut lab.run, Self::handle);
//! }
//! ```

use crate::engine::Engine;
use crate::metrics::TimeSeries;
use crate::time::{SimDuration, SimTime};
use crate::trace::Trace;
use serde::Serialize;

/// The width of one time-series window.
pub const SAMPLE_WINDOW: SimDuration = SimDuration::from_ms(100);
/// How many windows the series keeps (one minute).
pub const SERIES_POINTS: usize = 600;
/// How many recent events the trace keeps (all of them are hashed).
pub const TRACE_EVENTS: usize = 4_096;

/// One run's engine (with the lab's own events `Ev`), its trace of events
/// `E` and its series of points `P`.
#[derive(Debug)]
pub struct Run<Ev, E, P> {
    /// The clock and the future-event queue.
    pub engine: Engine<Ev>,
    /// What happened.
    pub trace: Trace<E>,
    /// One point per [`SAMPLE_WINDOW`].
    pub series: TimeSeries<P>,
}

impl<Ev, E: Serialize, P> Default for Run<Ev, E, P> {
    fn default() -> Self {
        Run {
            engine: Engine::new(),
            trace: Trace::new(TRACE_EVENTS),
            series: TimeSeries::new(SAMPLE_WINDOW, SERIES_POINTS),
        }
    }
}

impl<Ev, E: Serialize, P> Run<Ev, E, P> {
    /// A run at time zero with nothing scheduled.
    pub fn new() -> Self {
        Self::default()
    }

    /// The current simulated time.
    pub fn now(&self) -> SimTime {
        self.engine.now()
    }

    /// Records `event` as happening now.
    pub fn record(&mut self, event: E) {
        self.trace.record(self.engine.now(), event);
    }

    /// Schedules the first sample one window from now: `sample` is the lab's
    /// event that calls [`Run::sample`].
    pub fn start_sampling(&mut self, sample: Ev) {
        self.engine.schedule_in(self.series.window(), sample);
    }

    /// Adds the window that ends now and schedules the next `sample`.
    pub fn sample(&mut self, point: P, sample: Ev) {
        self.series.push(self.engine.now(), point);
        self.engine.schedule_in(self.series.window(), sample);
    }

    /// Runs `lab`'s events due at or before `t` through `handle`, then sets
    /// the clock to `t`: the body of every lab's `run_until`.
    pub fn until<L>(lab: &mut L, t: SimTime, run: fn(&mut L) -> &mut Self, handle: fn(&mut L, Ev)) {
        while let Some(ev) = run(lab).engine.pop_until(t) {
            handle(lab, ev);
        }
        run(lab).engine.finish_at(t);
    }
}

/// What [`Lab`](crate::lab::Lab)'s shared methods read of a run, whatever
/// its engine's events are.
pub trait Recorded<E, P> {
    /// The current simulated time.
    fn now(&self) -> SimTime;
    /// When the next event is due, if anything is scheduled.
    fn next_due(&self) -> Option<SimTime>;
    /// Every event so far (bounded), with the hash of all of them.
    fn trace(&self) -> &Trace<E>;
    /// The time series so far.
    fn series(&self) -> &TimeSeries<P>;
    /// How many engine events have run since the start.
    fn processed(&self) -> u64;
}

impl<Ev, E, P> Recorded<E, P> for Run<Ev, E, P> {
    fn now(&self) -> SimTime {
        self.engine.now()
    }

    fn next_due(&self) -> Option<SimTime> {
        self.engine.next_due()
    }

    fn trace(&self) -> &Trace<E> {
        &self.trace
    }

    fn series(&self) -> &TimeSeries<P> {
        &self.series
    }

    fn processed(&self) -> u64 {
        self.engine.processed()
    }
}

/// A count as `u32`, saturating: a lab's metrics count servers and nodes in
/// `u32`, and no run holds four billion of them.
pub fn len_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Ticker {
        run: Run<u32, u32, u32>,
        handled: Vec<(u64, u32)>,
        window: u32,
    }

    impl Ticker {
        fn handle(&mut self, ev: u32) {
            self.handled.push((self.run.now().as_ms_f64() as u64, ev));
            if ev == 0 {
                self.run.sample(std::mem::take(&mut self.window), 0);
            } else {
                self.window += 1;
                self.run.record(ev);
            }
        }
    }

    #[test]
    fn until_runs_what_is_due_in_order_and_sets_the_clock() {
        let mut t = Ticker { run: Run::new(), handled: Vec::new(), window: 0 };
        t.run.start_sampling(0);
        for (ms, ev) in [(50, 1), (150, 2), (150, 3), (320, 4)] {
            t.run.engine.schedule_at(SimTime::from_ms(ms), ev);
        }
        Run::until(&mut t, SimTime::from_ms(250), |t| &mut t.run, Ticker::handle);
        assert_eq!(t.handled, [(50, 1), (100, 0), (150, 2), (150, 3), (200, 0)]);
        assert_eq!(t.run.now(), SimTime::from_ms(250));
        assert_eq!(t.run.next_due(), Some(SimTime::from_ms(300)));
        let points: Vec<u32> = t.run.series().points().map(|(_, p)| *p).collect();
        assert_eq!(points, [1, 2]);
        assert_eq!(t.run.trace().total(), 3);
    }

    #[test]
    fn len_u32_saturates() {
        assert_eq!(len_u32(7), 7);
        assert_eq!(len_u32(usize::MAX), u32::MAX);
    }
}
