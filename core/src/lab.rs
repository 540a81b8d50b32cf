//! What every lab is: typed settings, commands in, events out, a view to draw.
//!
//! A lab is driven only through [`Lab::apply_at`] and [`Lab::run_until`]. The
//! web shell, the CLI and the tests all go through the same two calls, which
//! is what makes a command log replayable: applying a command at `t` always
//! first runs every event due by `t`, whether the learner clicked at `t` after
//! many animation frames or a link replays it in one go.

use crate::input::{Choice, InputError};
use crate::metrics::TimeSeries;
use crate::time::{SimDuration, SimTime, parse_ms_exact, write_ms};
use crate::trace::Trace;
use serde::Serialize;
use std::fmt::Debug;

/// The labs of Scale Lab, in the order the picker shows them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LabId {
    /// Load balancing: policies, queues, vertical vs horizontal scaling.
    LoadBalancing,
    /// Hashing: modulo vs consistent hashing, virtual nodes, what moves.
    Hashing,
    /// Caching: caches behind a load balancer, policies, staleness.
    Caching,
}

impl Choice for LabId {
    const ALL: &'static [LabId] = &[LabId::LoadBalancing, LabId::Hashing, LabId::Caching];
    fn name(self) -> &'static str {
        match self {
            LabId::LoadBalancing => "load-balancing",
            LabId::Hashing => "hashing",
            LabId::Caching => "caching",
        }
    }
}

/// A lab's settings: named, parsed from text, checked as a whole.
///
/// Names are the URL parameters and the CLI's long flags, so a link and a
/// command line say the same thing the same way.
pub trait Settings: Clone + Default + PartialEq + Debug + Serialize {
    /// Every setting's name, in the order help and URLs list them.
    const NAMES: &'static [&'static str];

    /// One line saying what a setting is and what it accepts (English, for
    /// `--help`; the web shell has its own catalogs).
    fn describe(name: &str) -> &'static str;

    /// Sets one setting from text.
    fn set(&mut self, name: &str, value: &str) -> Result<(), InputError>;

    /// One setting as text (what [`Settings::set`] reads back).
    fn get(&self, name: &str) -> Option<String>;

    /// Checks the settings together (one may limit another).
    fn validate(&self) -> Result<(), InputError>;

    /// The settings that differ from the defaults, as `(name, value)` pairs.
    fn changed(&self) -> Vec<(&'static str, String)> {
        let default = Self::default();
        Self::NAMES
            .iter()
            .filter_map(|&n| {
                let v = self.get(n)?;
                (default.get(n).as_ref() != Some(&v)).then_some((n, v))
            })
            .collect()
    }

    /// Copies one setting's default value over the current one.
    fn reset(&mut self, name: &str) {
        if let Some(v) = Self::default().get(name) {
            // The default always parses: it is what `get` wrote.
            let _ = self.set(name, &v);
        }
    }
}

/// A command a learner (or a log) gives a lab, with a compact text form for
/// URLs and CLI flags: `kill:2`, `rate:500`, `add`.
pub trait LabCommand: Clone + Debug + PartialEq {
    /// The forms commands take, shown when one cannot be read.
    const FORMS: &'static [&'static str];
    /// The text form.
    fn encode(&self) -> String;
    /// Reads the text form.
    fn decode(text: &str) -> Option<Self>;
}

/// A simulation model of one lab.
pub trait Lab: Sized {
    /// Typed settings; the default is the seed's worked example.
    type Config: Settings;
    /// What the learner can do.
    type Command: LabCommand;
    /// What happened, in the past tense (`Display` is terse English).
    type Event: Clone + Debug + std::fmt::Display;
    /// The numbers shown beside the animation and printed by the CLI.
    type Metrics: Clone + Debug + Serialize;
    /// One window of the time series the charts draw.
    type Point: Clone + Debug + Serialize;
    /// A snapshot to draw.
    type View;

    /// Which lab this is.
    const ID: LabId;

    /// A new run. Fails if the settings do not hold together.
    fn new(config: Self::Config, seed: u64) -> Result<Self, InputError>;

    /// Applies a command now. Commands are total: one that makes no sense in
    /// the current state (killing a dead server) is recorded as an event.
    fn apply(&mut self, cmd: &Self::Command);

    /// Runs every event due at or before `t`, then sets the clock to `t`.
    /// A `t` in the past only runs what is due now.
    fn run_until(&mut self, t: SimTime);

    /// The current simulated time.
    fn now(&self) -> SimTime;

    /// When the next event is due, if anything is scheduled.
    fn next_due(&self) -> Option<SimTime>;

    /// A snapshot to draw.
    fn view(&self) -> Self::View;

    /// The numbers so far.
    fn metrics(&self) -> Self::Metrics;

    /// Every event so far (bounded), with the hash of all of them.
    fn trace(&self) -> &Trace<Self::Event>;

    /// The time series so far (bounded), one point per window.
    fn series(&self) -> &TimeSeries<Self::Point>;

    /// Whether the workload ends by itself (a fixed number of requests).
    fn finite(&self) -> bool {
        false
    }

    /// Whether a finite workload has ended and nothing is in flight.
    fn done(&self) -> bool {
        false
    }

    /// Runs for `dt` more.
    fn advance(&mut self, dt: SimDuration) {
        self.run_until(self.now() + dt);
    }

    /// Runs the next instant that has events (the shell's Step). Returns
    /// `false` if nothing is scheduled.
    fn step(&mut self) -> bool {
        match self.next_due() {
            Some(t) => {
                self.run_until(t);
                true
            }
            None => false,
        }
    }

    /// Applies `cmd` at `at`: first runs every event due by `at`. The only way
    /// commands enter a lab, live or replayed.
    fn apply_at(&mut self, at: SimTime, cmd: &Self::Command) {
        self.run_until(at);
        self.apply(cmd);
    }
}

/// A command and when it was given.
#[derive(Clone, Debug, PartialEq)]
pub struct Timed<C> {
    /// When.
    pub at: SimTime,
    /// What.
    pub cmd: C,
}

/// The commands of one run, in time order. Text form:
/// `1500:kill:2,3000:restart:2` (milliseconds, up to three decimals).
#[derive(Clone, Debug, PartialEq)]
pub struct CommandLog<C> {
    entries: Vec<Timed<C>>,
}

impl<C> Default for CommandLog<C> {
    fn default() -> Self {
        CommandLog { entries: Vec::new() }
    }
}

impl<C: LabCommand> CommandLog<C> {
    /// The commands, oldest first.
    pub fn entries(&self) -> &[Timed<C>] {
        &self.entries
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Adds a command; keeps time order (a command at the same time as an
    /// earlier one goes after it).
    pub fn push(&mut self, at: SimTime, cmd: C) {
        let pos = self.entries.partition_point(|e| e.at <= at);
        self.entries.insert(pos, Timed { at, cmd });
    }

    /// Forgets every command after `t` (rewinding the timeline).
    pub fn truncate_after(&mut self, t: SimTime) {
        self.entries.retain(|e| e.at <= t);
    }

    /// The text form.
    pub fn encode(&self) -> String {
        let mut out = String::new();
        for (i, e) in self.entries.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            let _ = write_ms(&mut out, e.at.0);
            out.push(':');
            out.push_str(&e.cmd.encode());
        }
        out
    }

    /// Reads the text form; `setting` names the parameter in errors.
    pub fn parse(setting: &str, text: &str) -> Result<CommandLog<C>, InputError> {
        let mut log = CommandLog::default();
        for item in text.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let parsed =
                item.split_once(':').and_then(|(ms, cmd)| Some((parse_ms_exact(ms)?, C::decode(cmd)?)));
            let Some((us, cmd)) = parsed else {
                let expected = C::FORMS.to_vec();
                return Err(InputError::new(setting, item, crate::input::Problem::BadCommand { expected }));
            };
            log.push(SimTime(us), cmd);
        }
        Ok(log)
    }
}
