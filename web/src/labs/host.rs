//! What every lab page does, whatever the lab: owns the runs, turns animation
//! frames into simulated time, plays, pauses, steps, rewinds, keeps the event
//! log in words, and says which URL reproduces the run.
//!
//! No simulation decision is made here: time and commands go into the core's
//! [`Session`], snapshots come out. Pure Rust, so it is tested natively.

use crate::route::{Lang, SPEEDS, ShellOptions};
use scalelab_core::input::InputError;
use scalelab_core::lab::{Lab, Settings};
use scalelab_core::session::Session;
use scalelab_core::{SimDuration, SimTime};
use std::collections::VecDeque;

/// The longest real time one frame may cover, in ms. A tab in the background
/// does not get frames; when it comes back the run continues from where it
/// was instead of jumping minutes ahead.
pub const MAX_FRAME_MS: f64 = 100.0;

/// How many notes the event log keeps.
const NOTES_KEPT: usize = 200;

/// What a lab adds to the host: its words for events and summaries.
pub trait WebLab: Lab + 'static {
    /// A system event in words, or `None` for per-request events.
    fn describe(lang: Lang, event: &Self::Event) -> Option<String>;
    /// A summary of the last simulated second (from the time series), if
    /// something in it is worth a line in the log.
    fn summarize(lang: Lang, second: &[Self::Point]) -> Option<String>;
}

/// One line of the event log.
#[derive(Clone, Debug, PartialEq)]
pub enum Note<E> {
    /// A system event.
    Event(E),
    /// A summary of the second that ended at this time.
    Summary(String),
}

/// One run on the page (two when comparing).
#[derive(Debug)]
pub struct Run<L: WebLab> {
    /// The run.
    pub session: Session<L>,
    /// The event log, newest last.
    pub notes: VecDeque<(SimTime, Note<L::Event>)>,
    /// Notes dropped from the front of `notes` since the run began, so
    /// that `notes[i]` is the run's note number `dropped + i`: the event
    /// log keys its lines by that number.
    pub dropped: u64,
    /// Trace entries already turned into notes.
    seen: u64,
    /// Simulated time of the last summarized second.
    last_summary: SimTime,
}

impl<L: WebLab> Run<L> {
    fn new(session: Session<L>) -> Run<L> {
        let mut run =
            Run { session, notes: VecDeque::new(), dropped: 0, seen: 0, last_summary: SimTime::ZERO };
        run.collect_notes(Lang::En);
        run
    }

    fn restart_notes(&mut self) {
        self.notes.clear();
        self.dropped = 0;
        self.seen = 0;
        self.last_summary = SimTime::ZERO;
    }

    /// Turns new system events and finished seconds into notes.
    fn collect_notes(&mut self, lang: Lang) {
        let lab = self.session.lab();
        let trace = lab.trace();
        for entry in trace.since(self.seen) {
            if L::describe(lang, &entry.event).is_some() {
                self.notes.push_back((entry.at, Note::Event(entry.event.clone())));
            }
        }
        self.seen = trace.total();
        // One summary per simulated second of series points.
        let series = lab.series();
        let per_second = (1_000_000 / series.window().0.max(1)).max(1) as usize;
        let points: Vec<_> = series.points().filter(|(t, _)| *t > self.last_summary).collect();
        for chunk in points.chunks_exact(per_second) {
            let second: Vec<L::Point> = chunk.iter().map(|(_, p)| p.clone()).collect();
            let end = chunk[chunk.len() - 1].0;
            self.last_summary = end;
            if let Some(text) = L::summarize(lang, &second) {
                self.notes.push_back((end, Note::Summary(text)));
            }
        }
        while self.notes.len() > NOTES_KEPT {
            self.notes.pop_front();
            self.dropped += 1;
        }
    }
}

/// How many seeds "run 20 seeds" runs.
pub const SEEDS: u64 = 20;

/// The main run's settings and commands over other seeds, run a slice at a
/// time between frames (so the page stays responsive), for the spread of
/// each number.
#[derive(Debug)]
pub struct SeedRuns<L: WebLab> {
    /// The first seed (the main run's); the others follow it.
    pub first: u64,
    /// How many seeds.
    pub count: u64,
    /// The simulated time each runs to: the main run's when asked.
    pub until: SimTime,
    /// Each finished seed's metrics, in seed order.
    pub done: Vec<L::Metrics>,
    running: Option<Session<L>>,
}

/// The state of a lab page.
#[derive(Debug)]
pub struct Host<L: WebLab> {
    /// The run, and the comparison run if there is one.
    pub runs: Vec<Run<L>>,
    /// Whether time is moving.
    pub playing: bool,
    /// Shell options (speed, language, embed, comparison).
    pub options: ShellOptions,
    /// Link parameters that could not be used.
    pub errors: Vec<InputError>,
    /// The furthest simulated time reached (the timeline's end).
    pub horizon: SimTime,
    /// The same run over other seeds, when asked for.
    pub seeds: Option<SeedRuns<L>>,
    last_frame_ms: Option<f64>,
}

impl<L: WebLab> Host<L> {
    /// Builds the page's runs from link parameters.
    pub fn from_params<'a>(
        params: impl IntoIterator<Item = (&'a str, &'a str)>,
        options: ShellOptions,
        mut errors: Vec<InputError>,
    ) -> Host<L> {
        let parsed = Session::<L>::from_params(params);
        errors.extend(parsed.errors);
        let mut host = Host {
            runs: vec![Run::new(parsed.session)],
            playing: false,
            options,
            errors,
            horizon: SimTime::ZERO,
            seeds: None,
            last_frame_ms: None,
        };
        host.rebuild_comparison();
        host.collect_notes();
        host
    }

    /// The main run.
    pub fn main(&self) -> &Session<L> {
        &self.runs[0].session
    }

    /// Creates, replaces or drops the comparison run to match `options.vs`.
    /// A comparison setting that cannot be used is reported and dropped.
    pub fn rebuild_comparison(&mut self) {
        self.runs.truncate(1);
        let Some((name, value)) = self.options.vs.clone() else { return };
        let main = &self.runs[0].session;
        let mut config = main.config().clone();
        let built = config
            .set(&name, &value)
            .and_then(|()| config.validate())
            .and_then(|()| Session::<L>::new(config, main.seed(), main.log().clone(), main.stop_at()));
        match built {
            Ok(mut session) => {
                session.run_until(main.now());
                self.runs.push(Run::new(session));
            }
            Err(e) => {
                self.errors.push(InputError { name: "vs".into(), ..e });
                self.options.vs = None;
            }
        }
    }

    /// Starts or stops time.
    pub fn set_playing(&mut self, playing: bool) {
        self.playing = playing && !self.main().finished();
        self.last_frame_ms = None;
    }

    /// Changes the speed to the next or previous offered one.
    pub fn nudge_speed(&mut self, faster: bool) {
        let i = SPEEDS.iter().position(|&s| s >= self.options.speed).unwrap_or(0);
        let j = if faster { (i + 1).min(SPEEDS.len() - 1) } else { i.saturating_sub(1) };
        self.options.speed = SPEEDS[j];
    }

    /// One animation frame at `timestamp_ms` (the browser's frame clock).
    /// Advances every run by the real time since the last frame times the
    /// speed. Returns whether simulated time moved.
    pub fn frame(&mut self, timestamp_ms: f64) -> bool {
        let Some(last) = self.last_frame_ms.replace(timestamp_ms) else { return false };
        if !self.playing {
            return false;
        }
        let real_ms = (timestamp_ms - last).clamp(0.0, MAX_FRAME_MS);
        let dt = SimDuration::from_ms_f64(real_ms * self.options.speed);
        for run in &mut self.runs {
            run.session.advance(dt);
        }
        self.after_time_moved();
        true
    }

    /// Runs the next instant that has events (in the main run; the
    /// comparison follows to the same time).
    pub fn step(&mut self) {
        self.set_playing(false);
        if self.runs[0].session.step() {
            let now = self.runs[0].session.now();
            for run in &mut self.runs[1..] {
                run.session.run_until(now);
            }
        }
        self.after_time_moved();
    }

    /// Runs the main run's settings and commands over [`SEEDS`] seeds from
    /// its own, to its time now (or, at time zero, to its stop time or 10 s);
    /// [`Host::work_seeds`] does the work.
    pub fn run_seeds(&mut self) {
        let main = self.main();
        let until = if main.now() > SimTime::ZERO { main.now() } else { SimTime::from_ms(10_000) };
        let until = main.stop_at().map_or(until, |stop| until.min(stop));
        self.seeds =
            Some(SeedRuns { first: main.seed(), count: SEEDS, until, done: Vec::new(), running: None });
    }

    /// Whether seeds are still to run.
    pub fn seeds_pending(&self) -> bool {
        self.seeds.as_ref().is_some_and(|s| (s.done.len() as u64) < s.count)
    }

    /// Runs the seeds a slice (a twentieth of their time) at a time while
    /// `more` says there is time left in this frame. Returns whether it did
    /// any work.
    pub fn work_seeds(&mut self, mut more: impl FnMut() -> bool) -> bool {
        let main = &self.runs[0].session;
        let Some(seeds) = self.seeds.as_mut() else { return false };
        let mut worked = false;
        while (seeds.done.len() as u64) < seeds.count {
            let run = match seeds.running.as_mut() {
                Some(run) => run,
                None => {
                    let seed = seeds.first.wrapping_add(seeds.done.len() as u64);
                    match Session::<L>::new(main.config().clone(), seed, main.log().clone(), main.stop_at()) {
                        Ok(run) => seeds.running.insert(run),
                        // The main run's settings built a run; another seed cannot fail to.
                        Err(_) => {
                            seeds.count = seeds.done.len() as u64;
                            break;
                        }
                    }
                }
            };
            let slice = SimDuration(seeds.until.0 / 20 + 1);
            run.run_until((run.now() + slice).min(seeds.until));
            worked = true;
            if run.now() >= seeds.until {
                seeds.done.push(run.lab().metrics());
                seeds.running = None;
            }
            if !more() {
                break;
            }
        }
        worked
    }

    /// Gives a command to every run, now.
    pub fn command(&mut self, cmd: &L::Command) {
        self.seeds = None;
        for run in &mut self.runs {
            run.session.command(cmd);
        }
        self.collect_notes();
    }

    /// Starts again with a new seed (same settings and commands).
    pub fn reseed(&mut self, seed: u64) {
        self.replay_each(|s| s.reseed(seed));
        self.restarted();
    }

    /// Starts again from zero and forgets the commands.
    pub fn reset(&mut self) {
        self.replay_each(Session::clear_log);
        self.restarted();
    }

    /// Rewinds (or fast-forwards, up to the horizon) to `t`.
    pub fn rewind_to(&mut self, t: SimTime) {
        self.replay_each(|s| s.rewind_to(t));
        self.collect_notes();
    }

    /// Re-runs every run from zero through `replay`; their logs start afresh.
    fn replay_each(&mut self, replay: impl Fn(&mut Session<L>)) {
        self.seeds = None;
        for run in &mut self.runs {
            replay(&mut run.session);
            run.restart_notes();
        }
    }

    /// Changes one setting; the runs start again. On a bad value nothing
    /// changes and the error says why.
    pub fn set_setting(&mut self, name: &str, value: &str) -> Result<(), InputError> {
        let mut config = self.main().config().clone();
        config.set(name, value)?;
        config.validate()?;
        self.seeds = None;
        self.runs[0].session.reconfigure(config)?;
        self.runs[0].restart_notes();
        self.rebuild_comparison();
        self.restarted();
        Ok(())
    }

    /// Turns comparison with `name=value` on, or off with `None`.
    pub fn compare(&mut self, vs: Option<(String, String)>) {
        self.options.vs = vs;
        self.rebuild_comparison();
        self.collect_notes();
    }

    /// The parameters of a link that reproduces this page.
    pub fn params(&self) -> Vec<(&'static str, String)> {
        let mut p = self.main().to_params();
        p.extend(self.options.to_params());
        p
    }

    fn restarted(&mut self) {
        self.horizon = SimTime::ZERO;
        self.after_time_moved();
    }

    fn after_time_moved(&mut self) {
        self.horizon = self.horizon.max(self.main().now());
        if self.main().finished() {
            self.playing = false;
        }
        self.collect_notes();
    }

    fn collect_notes(&mut self) {
        let lang = self.options.lang;
        for run in &mut self.runs {
            run.collect_notes(lang);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::route::Route;
    use scalelab_core::labs::load_balancing::{Command, LoadBalancing};

    fn host(hash: &str) -> Host<LoadBalancing> {
        let route = Route::parse(hash);
        let (options, errors) = ShellOptions::from_route(&route);
        Host::from_params(route.lab_params(), options, errors)
    }

    #[test]
    fn frames_advance_by_real_time_times_speed_with_a_cap() {
        let mut h = host("#/load-balancing?speed=1");
        h.set_playing(true);
        assert!(!h.frame(1_000.0), "the first frame only starts the clock");
        assert!(h.frame(1_016.0));
        assert_eq!(h.main().now(), SimTime::from_ms(16));
        h.frame(60_000.0); // a minute in a background tab
        assert_eq!(h.main().now(), SimTime::from_ms(116), "at most 100 ms per frame");
    }

    #[test]
    fn a_link_with_a_stop_time_pauses_there() {
        let mut h = host("#/load-balancing?speed=100&duration-ms=500");
        h.set_playing(true);
        let mut t = 0.0;
        while h.playing {
            t += 16.0;
            h.frame(t);
        }
        assert_eq!(h.main().now(), SimTime::from_ms(500));
        h.set_playing(true);
        assert!(!h.playing, "a finished run does not play");
    }

    #[test]
    fn the_comparison_gets_the_same_commands_and_reports_bad_settings() {
        let mut h = host("#/load-balancing?vs=layout=vertical&speed=10");
        assert_eq!(h.runs.len(), 2);
        h.set_playing(true);
        h.frame(0.0);
        h.frame(50.0);
        h.command(&Command::KillServer(0));
        assert_eq!(h.runs[1].session.log().entries().len(), 1);
        assert_eq!(h.runs[0].session.now(), h.runs[1].session.now());
        let bad = host("#/load-balancing?vs=servers=999");
        assert_eq!(bad.runs.len(), 1);
        assert_eq!(bad.errors[0].name, "vs");
    }

    #[test]
    fn the_event_log_has_system_events_and_summaries_not_requests() {
        let mut h = host("#/load-balancing?rate=900&speed=10");
        h.command(&Command::KillServer(1));
        h.set_playing(true);
        for i in 0..40 {
            h.frame(f64::from(i) * 50.0);
        }
        let notes = &h.runs[0].notes;
        assert!(matches!(
            notes[0].1,
            Note::Event(scalelab_core::labs::load_balancing::Event::ServerKilled { .. })
        ));
        // The first frame starts the clock; 39 frames of 50 ms at 10x are 19.5
        // simulated seconds: 19 complete seconds, each with drops.
        let summaries = notes.iter().filter(|(_, n)| matches!(n, Note::Summary(_))).count();
        assert_eq!(summaries, 19, "one summary per overloaded second");
        let per_request =
            notes.iter().filter(|(_, n)| matches!(n, Note::Event(e) if e.is_per_request())).count();
        assert_eq!(per_request, 0, "no per-request lines");
    }

    #[test]
    fn a_note_keeps_its_number_when_older_notes_are_dropped() {
        // Overloaded: one summary line per simulated second, so 250 s make
        // more notes than are kept.
        let mut h = host("#/load-balancing?rate=900&speed=100");
        h.command(&Command::KillServer(1));
        h.set_playing(true);
        let numbered = |h: &Host<LoadBalancing>| -> Vec<(u64, SimTime)> {
            let run = &h.runs[0];
            run.notes.iter().enumerate().map(|(i, (at, _))| (run.dropped + i as u64, *at)).collect()
        };
        let mut t = 0.0;
        let mut before = Vec::new();
        while h.main().now() < SimTime::from_ms(250_000) {
            t += 100.0;
            h.frame(t);
            if before.is_empty() && h.runs[0].notes.len() > 150 {
                before = numbered(&h);
            }
        }
        let after = numbered(&h);
        assert!(h.runs[0].dropped > 0, "older notes were dropped");
        assert_eq!(after.len(), NOTES_KEPT);
        let common: Vec<_> = after.iter().filter(|n| before.contains(n)).collect();
        assert!(!common.is_empty(), "some notes are in both");
        for (number, at) in &after {
            if let Some((_, was)) = before.iter().find(|(n, _)| n == number) {
                assert_eq!(was, at, "note {number} is the same note");
            }
        }
    }

    #[test]
    fn a_bad_setting_changes_nothing() {
        let mut h = host("#/load-balancing");
        assert!(h.set_setting("servers", "zero").is_err());
        assert_eq!(h.main().config().servers, 4);
        h.set_setting("servers", "6").unwrap();
        assert_eq!(h.main().lab().view().servers.len(), 6);
        assert!(h.params().iter().any(|(k, v)| *k == "servers" && v == "6"));
    }

    /// Every worked example, in every language, opens with no errors and
    /// every command in its log applies (none is refused).
    struct ExamplesAreValid;

    use scalelab_core::input::Choice as _;

    impl crate::labs::PageVisitor for ExamplesAreValid {
        fn page<L: crate::labs::page::LabUi>(&mut self) {
            for lang in [Lang::En, Lang::Bn] {
                for p in L::words(lang).presets {
                    let route = Route::parse(&format!("#/{}?{}", L::ID.name(), p.link));
                    let (options, errors) = ShellOptions::from_route(&route);
                    let mut h = Host::<L>::from_params(route.lab_params(), options, errors);
                    assert!(h.errors.is_empty(), "{} {lang:?}, {}: {:?}", L::ID.name(), p.title, h.errors);
                    h.runs.iter_mut().for_each(|r| r.session.run_until(SimTime::from_ms(4_000)));
                    for run in &h.runs {
                        let refused = run.session.refused();
                        assert!(refused.is_empty(), "{}, {}: refused {refused:?}", L::ID.name(), p.title);
                    }
                }
            }
        }
    }

    #[test]
    fn every_worked_example_link_is_valid_and_does_something() {
        crate::labs::visit_pages(&mut ExamplesAreValid);
    }

    #[test]
    fn speed_nudges_through_the_offered_speeds() {
        let mut h = host("#/load-balancing");
        h.nudge_speed(true);
        assert_eq!(h.options.speed, 0.3);
        h.nudge_speed(false);
        h.nudge_speed(false);
        assert_eq!(h.options.speed, 0.03);
    }

    /// Run 20 seeds: each seed's numbers are the numbers that seed's own
    /// run gives at the same time, worked in slices whatever the frames; a
    /// command makes them stale.
    #[test]
    fn seeds_run_in_slices_to_the_main_runs_time_and_match_their_own_runs() {
        let mut h = host("#/load-balancing?seed=3&log=500:kill:0");
        h.set_playing(true);
        h.frame(0.0);
        for k in 1..=30 {
            h.frame(f64::from(k) * 100.0);
        }
        let until = h.main().now();
        assert!(until > SimTime::ZERO);
        h.run_seeds();
        let mut slices = 0;
        while h.seeds_pending() {
            assert!(h.work_seeds(|| false), "one slice at a time");
            slices += 1;
        }
        assert!(slices >= 20 * 20, "{slices} slices");
        let seeds = h.seeds.as_ref().unwrap();
        assert_eq!((seeds.first, seeds.done.len(), seeds.until), (3, 20, until));
        for (i, m) in seeds.done.iter().enumerate() {
            let mut own = Host::<LoadBalancing>::from_params(
                [("seed", (3 + i).to_string().as_str()), ("log", "500:kill:0")],
                h.options.clone(),
                Vec::new(),
            );
            own.runs[0].session.run_until(until);
            let theirs = own.main().lab().metrics();
            assert_eq!(
                (m.completed, m.failed, m.arrived),
                (theirs.completed, theirs.failed, theirs.arrived),
                "seed {}",
                3 + i
            );
        }
        assert_ne!(seeds.done[0].completed, seeds.done[1].completed, "the seeds differ");
        h.command(&Command::KillServer(1));
        assert!(h.seeds.is_none(), "a command makes the spread stale");
    }
}
