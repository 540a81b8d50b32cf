//! A run as the learner knows it: settings, seed, command log, and the lab.
//!
//! The web shell and the CLI both own one [`Session`]. It turns "play for 16 ms",
//! "kill server 2 now" and "rewind to 3 s" into calls on the lab, and keeps the
//! command log that a link or a `--log` flag carries, so the same session can
//! be rebuilt anywhere from `(settings, seed, log)`.

use crate::input::{InputError, Problem, parse_u64};
use crate::lab::{CommandLog, Lab, Settings};
use crate::time::{SimDuration, SimTime};

/// The seed used when none is given.
pub const DEFAULT_SEED: u64 = 1;

/// Names of the parameters every lab has besides its own settings.
pub const COMMON_PARAMS: &[&str] = &["seed", "log", "duration-ms"];

/// The longest run a parameter may ask for: one simulated day.
pub const MAX_DURATION_MS: u64 = 86_400_000;

/// One run of one lab, with its command log.
#[derive(Debug)]
pub struct Session<L: Lab> {
    config: L::Config,
    seed: u64,
    log: CommandLog<L::Command>,
    /// How many log entries have been applied.
    applied: usize,
    stop_at: Option<SimTime>,
    lab: L,
    refused: Vec<Refused>,
}

/// A command the lab could not carry out.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Refused {
    /// When it was given, ms.
    pub at_ms: u64,
    /// The command, in its text form.
    pub command: String,
    /// Why, in English.
    pub why: &'static str,
}

/// What [`Session::from_params`] read: the session, and every parameter it
/// could not use (each fell back to its default).
#[derive(Debug)]
pub struct FromParams<L: Lab> {
    /// The session, with every good parameter applied.
    pub session: Session<L>,
    /// The parameters that were not used, and why.
    pub errors: Vec<InputError>,
}

impl<L: Lab> Session<L> {
    /// A new session. Fails if the settings do not hold together.
    pub fn new(
        config: L::Config,
        seed: u64,
        log: CommandLog<L::Command>,
        stop_at: Option<SimTime>,
    ) -> Result<Session<L>, InputError> {
        let lab = L::new(config.clone(), seed)?;
        let mut s = Session { config, seed, log, applied: 0, stop_at, lab, refused: Vec::new() };
        s.apply_due(SimTime::ZERO);
        Ok(s)
    }

    /// Builds a session from `name=value` pairs (URL parameters or CLI flags).
    /// A bad value is reported and that setting keeps its default; nothing
    /// about one bad parameter stops the others from applying.
    pub fn from_params<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> FromParams<L> {
        let mut config = L::Config::default();
        let mut seed = DEFAULT_SEED;
        let mut log = CommandLog::default();
        let mut stop_at = None;
        let mut errors = Vec::new();
        for (name, value) in pairs {
            let result = match name {
                "seed" => parse_u64(name, value, 0, u64::MAX).map(|s| seed = s),
                "log" => CommandLog::parse(name, value).map(|l| log = l),
                "duration-ms" => {
                    parse_u64(name, value, 1, MAX_DURATION_MS).map(|ms| stop_at = Some(SimTime::from_ms(ms)))
                }
                _ if L::Config::field(name).is_some() => config.set(name, value),
                _ => Err(InputError::new(name, value, Problem::UnknownSetting(Self::param_names()))),
            };
            errors.extend(result.err());
        }
        // Settings that are fine one by one may clash; undo the one named.
        for _ in 0..L::Config::FIELDS.len() {
            match config.validate() {
                Ok(()) => break,
                Err(e) => {
                    config.reset(&e.name);
                    errors.push(e);
                }
            }
        }
        let session = Session::new(config, seed, log, stop_at).unwrap_or_else(|e| {
            errors.push(e);
            Session::fresh_default(seed)
        });
        FromParams { session, errors }
    }

    /// Every parameter name this lab reads: its settings, then the common ones.
    pub fn param_names() -> Vec<&'static str> {
        let mut names = L::Config::names();
        names.extend(COMMON_PARAMS);
        names
    }

    fn fresh_default(seed: u64) -> Session<L> {
        match Session::new(L::Config::default(), seed, CommandLog::default(), None) {
            Ok(s) => s,
            // The defaults are the seed's worked example and are tested to be
            // valid; reaching this is a bug in the lab, not bad input.
            Err(e) => panic!("default settings of {:?} are invalid: {e}", L::ID),
        }
    }

    /// The parameters that rebuild this session: changed settings, seed, log,
    /// and the stop time if there is one.
    pub fn to_params(&self) -> Vec<(&'static str, String)> {
        let mut out = self.config.changed();
        out.push(("seed", self.seed.to_string()));
        if !self.log.is_empty() {
            out.push(("log", self.log.encode()));
        }
        if let Some(stop) = self.stop_at {
            out.push(("duration-ms", (stop.0 / 1_000).to_string()));
        }
        out
    }

    /// The lab, to read its view, metrics and trace.
    pub fn lab(&self) -> &L {
        &self.lab
    }

    /// The settings.
    pub fn config(&self) -> &L::Config {
        &self.config
    }

    /// The seed.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// The command log.
    pub fn log(&self) -> &CommandLog<L::Command> {
        &self.log
    }

    /// When the run stops by itself, if it does.
    pub fn stop_at(&self) -> Option<SimTime> {
        self.stop_at
    }

    /// The current simulated time.
    pub fn now(&self) -> SimTime {
        self.lab.now()
    }

    /// Whether the run has reached its stop time.
    pub fn finished(&self) -> bool {
        self.stop_at.is_some_and(|s| self.lab.now() >= s)
    }

    /// Runs for `dt` more (up to the stop time), applying logged commands as
    /// their time comes.
    pub fn advance(&mut self, dt: SimDuration) {
        self.run_until(self.lab.now() + dt);
    }

    /// Runs until `t` (up to the stop time).
    pub fn run_until(&mut self, t: SimTime) {
        let t = self.stop_at.map_or(t, |s| t.min(s));
        self.apply_due(t);
        self.lab.run_until(t);
    }

    /// Runs to the stop time, or for `default` if there is none.
    pub fn run_to_end(&mut self, default: SimDuration) {
        let end = self.stop_at.unwrap_or(SimTime::ZERO + default);
        self.run_until(end);
    }

    /// Runs the next instant that has events (Step). Returns `false` if the
    /// run is finished or nothing is scheduled.
    pub fn step(&mut self) -> bool {
        let next_cmd = self.log.entries().get(self.applied).map(|e| e.at);
        let next = match (self.lab.next_due(), next_cmd) {
            (Some(a), Some(b)) => a.min(b),
            (a, b) => match a.or(b) {
                Some(t) => t,
                None => return false,
            },
        };
        if self.stop_at.is_some_and(|s| next > s) {
            return false;
        }
        self.run_until(next);
        true
    }

    /// Gives a command now and records it in the log.
    pub fn command(&mut self, cmd: &L::Command) {
        let now = self.lab.now();
        self.log.push(now, cmd.clone());
        self.applied += 1;
        self.apply_at(now, cmd);
    }

    /// The settings' warnings: valid, but the model will say little.
    pub fn warnings(&self) -> Vec<crate::input::Warning> {
        self.config.warnings()
    }

    /// The commands so far that the lab could not carry out, in order.
    pub fn refused(&self) -> &[Refused] {
        &self.refused
    }

    /// Applies one command and notes it if the lab refused it.
    fn apply_at(&mut self, at: SimTime, cmd: &L::Command) {
        let before = self.lab.trace().total();
        self.lab.apply_at(at, cmd);
        for e in self.lab.trace().since(before) {
            if let Some((command, why)) = L::refusal(&e.event) {
                self.refused.push(Refused { at_ms: at.0 / 1_000, command: command.to_owned(), why });
            }
        }
    }

    /// Starts again from time zero with the same settings, seed and log.
    pub fn replay(&mut self) {
        self.rebuild(self.config.clone(), self.seed);
    }

    /// Starts again from time zero with a new seed, same settings and log.
    pub fn reseed(&mut self, seed: u64) {
        self.rebuild(self.config.clone(), seed);
    }

    /// Starts again with new settings, keeping seed and log.
    pub fn reconfigure(&mut self, config: L::Config) -> Result<(), InputError> {
        config.validate()?;
        let lab = L::new(config.clone(), self.seed)?;
        self.config = config;
        self.restart_with(lab);
        Ok(())
    }

    /// Starts again and forgets the command log.
    pub fn clear_log(&mut self) {
        self.log = CommandLog::default();
        self.replay();
    }

    /// Rewinds to `t`: replays the run from zero to `t`. Commands logged after
    /// `t` stay in the log and apply again as the run passes them.
    pub fn rewind_to(&mut self, t: SimTime) {
        self.replay();
        self.run_until(t);
    }

    /// Changes when the run stops (`None`: never).
    pub fn set_stop_at(&mut self, stop_at: Option<SimTime>) {
        self.stop_at = stop_at;
    }

    fn rebuild(&mut self, config: L::Config, seed: u64) {
        // The config was valid when this session was made, so this only fails
        // if the lab rejects its own settings: keep the current run then.
        if let Ok(lab) = L::new(config, seed) {
            self.seed = seed;
            self.restart_with(lab);
        }
    }

    fn restart_with(&mut self, lab: L) {
        self.lab = lab;
        self.applied = 0;
        self.refused.clear();
        self.apply_due(SimTime::ZERO);
    }

    /// Applies every logged command due by `t`, in order.
    fn apply_due(&mut self, t: SimTime) {
        while let Some(e) = self.log.entries().get(self.applied) {
            if e.at > t {
                break;
            }
            let (at, cmd) = (e.at, e.cmd.clone());
            self.apply_at(at, &cmd);
            self.applied += 1;
        }
    }
}
