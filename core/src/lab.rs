//! What every lab is: typed settings, commands in, events out, a view to draw.
//!
//! A lab is driven only through [`Lab::apply_at`] and [`Lab::run_until`]. The
//! web shell, the CLI and the tests all go through the same two calls, which
//! is what makes a command log replayable: applying a command at `t` always
//! first runs every event due by `t`, whether the learner clicked at `t` after
//! many animation frames or a link replays it in one go.

use crate::input::{InputError, Problem, Warning, fmt_num, parse_f64, parse_u32, parse_u64};
use crate::metrics::TimeSeries;
use crate::run::Recorded;
use crate::time::{SimDuration, SimTime, parse_ms_exact, write_ms};
use crate::trace::Trace;
use serde::Serialize;
use std::fmt::Debug;

pub use crate::labs::LabId;

/// A lab's settings: named, parsed from text, checked as a whole.
///
/// Names are the URL parameters and the CLI's long flags, so a link and a
/// command line say the same thing the same way. Each setting is one row of
/// [`Settings::FIELDS`]: its name, what it is, and how its text is read and
/// written; reading, writing and describing are the same for every lab.
pub trait Settings: Clone + Default + PartialEq + Debug + Serialize + 'static {
    /// Every setting, in the order help and URLs list them.
    const FIELDS: &'static [Field<Self>];

    /// Checks the settings together (one may limit another).
    fn validate(&self) -> Result<(), InputError>;

    /// Settings that are valid but make the model degenerate, each naming
    /// the setting to change. None by default.
    fn warnings(&self) -> Vec<Warning> {
        Vec::new()
    }

    /// Every setting's name, in order.
    fn names() -> Vec<&'static str> {
        Self::FIELDS.iter().map(|f| f.name).collect()
    }

    /// The setting called `name`.
    fn field(name: &str) -> Option<&'static Field<Self>> {
        Self::FIELDS.iter().find(|f| f.name == name)
    }

    /// One line saying what a setting is and what it accepts (English: the
    /// CLI's `--help` and the settings panel's tooltips); empty for no setting.
    fn describe(name: &str) -> &'static str {
        Self::field(name).map_or("", |f| f.describe)
    }

    /// Sets one setting from text.
    fn set(&mut self, name: &str, value: &str) -> Result<(), InputError> {
        let Some(field) = Self::field(name) else {
            return Err(InputError::new(name, value, Problem::UnknownSetting(Self::names())));
        };
        match field.kind {
            Kind::U32 { set, min, max, .. } => set(self, parse_u32(name, value, min, max)?),
            Kind::U64 { set, min, max, .. } => set(self, parse_u64(name, value, min, max)?),
            Kind::F64 { set, min, max, .. } => set(self, parse_f64(name, value, min, max)?),
            Kind::Text { set, .. } => set(self, name, value)?,
        }
        Ok(())
    }

    /// One setting as text (what [`Settings::set`] reads back).
    fn get(&self, name: &str) -> Option<String> {
        Some(match Self::field(name)?.kind {
            Kind::U32 { get, .. } => get(self).to_string(),
            Kind::U64 { get, .. } => get(self).to_string(),
            Kind::F64 { get, .. } => fmt_num(get(self)),
            Kind::Text { get, .. } => get(self),
        })
    }

    /// The settings that differ from the defaults, as `(name, value)` pairs.
    fn changed(&self) -> Vec<(&'static str, String)> {
        let default = Self::default();
        Self::FIELDS
            .iter()
            .filter_map(|f| {
                let v = self.get(f.name)?;
                (default.get(f.name).as_ref() != Some(&v)).then_some((f.name, v))
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

/// The [`Kind`] of a setting that is a [`Choice`]: `choice!(policy: Policy)`
/// reads and writes the field `policy` by the choice's names.
macro_rules! choice {
    ($field:ident: $ty:ty) => {
        $crate::lab::Kind::Text {
            get: |c| c.$field.name().to_owned(),
            set: |c, name, v| {
                c.$field = <$ty>::parse(name, v)?;
                Ok(())
            },
        }
    };
}
pub(crate) use choice;

/// The [`Kind`] of a setting that is a plain number field:
/// `number!(U32 servers, 1, 64)` reads and writes the field `servers`, a
/// `u32` from 1 to 64 (the field is named once, so the reader and the writer
/// cannot disagree).
macro_rules! number {
    ($kind:ident $field:ident, $min:expr, $max:expr) => {
        $crate::lab::Kind::$kind { get: |c| c.$field, set: |c, v| c.$field = v, min: $min, max: $max }
    };
}
pub(crate) use number;

/// One setting of a lab's settings `C`.
pub struct Field<C> {
    /// Its name: the link parameter and the CLI's flag.
    pub name: &'static str,
    /// What it is and what it accepts, in one line of English.
    pub describe: &'static str,
    /// How its text is read and written.
    pub kind: Kind<C>,
}

/// How a setting's text becomes its value and back. Numbers are read by
/// [`parse_u32`], [`parse_u64`] and [`parse_f64`] (which explain a bad one)
/// and written back as they read; anything else reads and writes itself.
pub enum Kind<C> {
    /// A whole number from `min` to `max`.
    U32 {
        /// The value.
        get: fn(&C) -> u32,
        /// Stores a value that is in range.
        set: fn(&mut C, u32),
        /// The least allowed.
        min: u32,
        /// The most allowed.
        max: u32,
    },
    /// A whole number from `min` to `max`.
    U64 {
        /// The value.
        get: fn(&C) -> u64,
        /// Stores a value that is in range.
        set: fn(&mut C, u64),
        /// The least allowed.
        min: u64,
        /// The most allowed.
        max: u64,
    },
    /// A number from `min` to `max`.
    F64 {
        /// The value.
        get: fn(&C) -> f64,
        /// Stores a value that is in range.
        set: fn(&mut C, f64),
        /// The least allowed.
        min: f64,
        /// The most allowed.
        max: f64,
    },
    /// A choice or a list: its own text.
    Text {
        /// The value as text.
        get: fn(&C) -> String,
        /// Reads the text (`name`, `value`) into the settings, or says what is wrong.
        set: fn(&mut C, &str, &str) -> Result<(), InputError>,
    },
}

/// A command a learner (or a log) gives a lab, with a compact text form for
/// URLs and CLI flags: `kill:2`, `rate:500`, `add`.
pub trait LabCommand: Clone + Debug + PartialEq {
    /// The forms commands take, shown when one cannot be read.
    const FORMS: &'static [&'static str];
    /// A command log this lab carries out, for help texts
    /// (`time-ms:command,...`); a test holds it to that.
    const EXAMPLE_LOG: &'static str;
    /// A command that reads but that the lab's defaults cannot carry out
    /// (a server that does not exist): tests hold every lab to reporting it.
    const IMPOSSIBLE: &'static str;
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
    type Event: Clone + Debug + std::fmt::Display + Serialize;
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
    /// A `t` in the past only runs what is due now. A lab's is
    /// [`Run::until`](crate::run::Run::until) with its handler.
    fn run_until(&mut self, t: SimTime);

    /// The lab's [`Run`](crate::run::Run): its clock, trace and series.
    fn run(&self) -> &impl Recorded<Self::Event, Self::Point>;

    /// The current simulated time.
    fn now(&self) -> SimTime {
        self.run().now()
    }

    /// When the next event is due, if anything is scheduled.
    fn next_due(&self) -> Option<SimTime> {
        self.run().next_due()
    }

    /// A snapshot to draw.
    fn view(&self) -> Self::View;

    /// The numbers so far.
    fn metrics(&self) -> Self::Metrics;

    /// Every event so far (bounded), with the hash of all of them.
    fn trace(&self) -> &Trace<Self::Event> {
        self.run().trace()
    }

    /// The time series so far (bounded), one point per window.
    fn series(&self) -> &TimeSeries<Self::Point> {
        self.run().series()
    }

    /// Events the engine has handled since the run began (what the engine
    /// benchmarks and the heap test count).
    fn events_processed(&self) -> u64 {
        self.run().processed()
    }

    /// If `event` says a command was not carried out: the command's text
    /// and why, in English.
    fn refusal(event: &Self::Event) -> Option<(&str, &'static str)>;

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
                return Err(InputError::new(setting, item, Problem::BadCommand { expected }));
            };
            log.push(SimTime(us), cmd);
        }
        Ok(log)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What every lab's table of settings must hold to: distinct names, each
    /// described; a number's bounds read back as they are and the values just
    /// outside are refused, naming the range; an unknown name lists them all.
    fn table_holds<C: Settings>() {
        let names = C::names();
        for (i, name) in names.iter().enumerate() {
            assert!(!names[..i].contains(name), "{name} is listed twice");
            assert!(!C::describe(name).is_empty(), "{name} has no help");
        }
        for field in C::FIELDS {
            // Each bound as text, and the nearest values outside it.
            let (min, max, outside) = match field.kind {
                Kind::U32 { min, max, .. } => (
                    min.to_string(),
                    max.to_string(),
                    [min.checked_sub(1).map(|x| x.to_string()), Some((u64::from(max) + 1).to_string())],
                ),
                Kind::U64 { min, max, .. } => (
                    min.to_string(),
                    max.to_string(),
                    [min.checked_sub(1).map(|x| x.to_string()), max.checked_add(1).map(|x| x.to_string())],
                ),
                Kind::F64 { min, max, .. } => {
                    (fmt_num(min), fmt_num(max), [Some(fmt_num(min - 1.0)), Some(fmt_num(max + 1.0))])
                }
                Kind::Text { .. } => continue,
            };
            let mut c = C::default();
            for v in [&min, &max] {
                c.set(field.name, v).unwrap_or_else(|e| panic!("{}={v}: {e}", field.name));
                assert_eq!(c.get(field.name).as_ref(), Some(v), "{}", field.name);
            }
            for v in outside.into_iter().flatten() {
                let e = c.set(field.name, &v).expect_err(&format!("{}={v} is out of range", field.name));
                assert_eq!(e.allowed(), format!("{min} to {max}"), "{}={v}", field.name);
                assert_eq!(c.get(field.name).as_ref(), Some(&max), "a refused value changes nothing");
            }
        }
        let e = C::default().set("no-such-setting", "1").unwrap_err();
        assert!(matches!(e.problem, Problem::UnknownSetting(ref all) if *all == names));
    }

    #[test]
    fn every_labs_settings_table_is_sound() {
        struct Table;
        impl crate::labs::Visitor for Table {
            type Output = ();
            fn lab<L: Lab>(self) {
                table_holds::<L::Config>();
            }
        }
        for &id in <LabId as crate::input::Choice>::ALL {
            id.visit(Table);
        }
    }
}
