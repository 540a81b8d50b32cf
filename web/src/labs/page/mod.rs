//! The page every lab shares: transport bar, link errors, the lab's own
//! stage and controls, numbers, event log, worked examples, settings, share.
//!
//! [`LabPage`] is the one owner of a lab's simulation in the UI: it holds the
//! [`Page`] of the lab its route names (the [`Host`] plus the few things the
//! page draws with) and turns animation frames, clicks and keys into calls on
//! it. A lab adds only what is
//! its own through [`LabUi`]: its words, its stage, controls and charts, and
//! how it draws on its canvases.
//!
//! Four files: this one (the [`LabUi`] trait, the [`Page`] a lab draws from
//! and the [`Msg`]s it sends), `erased.rs` (a page without its lab's type,
//! which the one component holds), `component.rs` (that component: frames,
//! keys, resizes and their timing) and `css.rs` (inline-style helpers).

mod component;
mod css;
mod erased;

pub use component::LabPage;
pub use css::{bar_fill, pos, size};
pub(crate) use erased::AnyPage;

use crate::components::Line;
use crate::i18n::{self, LabWords, Shell};
use crate::labs::host::{Host, WebLab};
use crate::render::canvas::FlightLayer;
use crate::route::Lang;
use scalelab_core::SimTime;
use scalelab_core::lab::{LabCommand, Settings};
use std::any::Any;
use std::cell::RefCell;
use yew::html::Scope;
use yew::prelude::*;

/// Letters naming the main run and the comparison run.
pub const RUN_TAGS: [&str; 2] = ["A", "B"];

/// How many windows of a run's series a chart shows (30 s).
pub const CHART_WINDOWS: usize = 300;

/// What a lab adds to the shared page.
pub trait LabUi: WebLab + Sized {
    /// The metrics the panel lists, in order.
    const SHOWN: &'static [&'static str];
    /// Settings changed live with a command rather than by restarting; the
    /// settings panel leaves them to the lab's own controls.
    const LIVE: &'static [&'static str];
    /// The lab's own UI state (a selected server, say).
    type Ui: Default + 'static;
    /// Messages about that state.
    type UiMsg: 'static;

    /// Title, blurb, labels, worked examples.
    fn words(lang: Lang) -> &'static LabWords;
    /// The values a choice setting offers, worded; `None` for a text field.
    fn choices(lang: Lang, setting: &str) -> Option<Vec<(&'static str, &'static str)>>;
    /// What to call run `run` when two are compared: by default its tag,
    /// the compared setting's label and the run's value of it, worded as
    /// the lab's choice when it is one (see [`LabUi::choices`]).
    fn caption(page: &Page<Self>, run: usize) -> String {
        let name = page.host.options.vs.as_ref().map_or("", |(n, _)| n.as_str());
        let raw = page.host.runs[run].session.config().get(name).unwrap_or_default();
        let worded = Self::choices(page.lang(), name)
            .and_then(|options| options.into_iter().find(|(value, _)| *value == raw))
            .map(|(_, words)| words.to_owned());
        let value = worded.unwrap_or(raw);
        format!("{} · {} = {value}", RUN_TAGS[run], i18n::label(page.words().settings, name))
    }
    /// Draws the moving parts of every run on its canvas.
    fn draw(page: &Page<Self>);
    /// The stage(s), controls and charts.
    fn body(page: &Page<Self>, link: &Scope<LabPage>) -> Html;
    /// Handles a lab-specific message; returns whether to re-render.
    fn update_ui(page: &mut Page<Self>, msg: Self::UiMsg) -> bool;

    /// Whether something is still moving on the canvases while time stands
    /// still (an animation of the last change); the page keeps drawing then.
    fn animating(_page: &Page<Self>) -> bool {
        false
    }
}

/// The state a lab draws from.
pub struct Page<L: LabUi> {
    /// The runs and the clock.
    pub host: Host<L>,
    /// The lab's own UI state.
    pub ui: L::Ui,
    /// One canvas per run.
    pub canvases: [NodeRef; 2],
    /// The first stage, measured for its width.
    pub stage_ref: NodeRef,
    /// The stage's width in CSS pixels.
    pub stage_width: f64,
    /// The learner asked for less motion.
    pub reduced_motion: bool,
    /// The pixels moving messages are stamped into, kept between frames.
    pub flight_layer: RefCell<FlightLayer>,
    setting_error: Option<String>,
    show_errors: bool,
    /// Which share field was copied last; forgotten when the link changes.
    copied: Option<u8>,
}

impl<L: LabUi> Page<L> {
    /// The interface language.
    pub fn lang(&self) -> Lang {
        self.host.options.lang
    }

    /// The shell's words.
    pub fn shell(&self) -> &'static Shell {
        i18n::shell(self.lang())
    }

    /// The lab's shared words.
    pub fn words(&self) -> &'static LabWords {
        L::words(self.lang())
    }

    /// Each run's lab.
    pub fn labs(&self) -> impl Iterator<Item = &L> {
        self.host.runs.iter().map(|r| r.session.lab())
    }

    /// Whether a comparison run is shown.
    pub fn comparing(&self) -> bool {
        self.host.runs.len() > 1
    }

    /// A chart line of run `run`'s series over its last [`CHART_WINDOWS`]
    /// windows: `value` of each window (`None`: no point there), labelled
    /// `label`, with the run's letter in front when two runs are compared.
    pub fn series_line(
        &self,
        run: usize,
        label: &str,
        (color, dash): (&'static str, &'static str),
        value: impl Fn(&L::Point) -> Option<f64>,
    ) -> Line {
        let series = self.host.runs[run].session.lab().series();
        let skip = series.points().len().saturating_sub(CHART_WINDOWS);
        let tag = if self.comparing() { format!("{} ", RUN_TAGS[run]) } else { String::new() };
        Line {
            label: format!("{tag}{label}"),
            color,
            dash,
            points: series
                .points()
                .skip(skip)
                .filter_map(|(at, p)| Some((at.as_secs_f64(), value(p)?)))
                .collect(),
        }
    }

    /// The ref to put on run `run`'s stage (only the first is measured).
    pub fn stage_ref_for(&self, run: usize) -> NodeRef {
        if run == 0 { self.stage_ref.clone() } else { NodeRef::default() }
    }
}

/// What a lab page reacts to.
pub enum Msg {
    /// An animation frame at this timestamp (ms).
    Frame(f64),
    /// Play or pause.
    Toggle,
    /// One step.
    Step,
    /// A new speed.
    Speed(f64),
    /// A typed seed.
    Seed(String),
    /// Start again without commands.
    Reset,
    /// Rewind to a time.
    Rewind(SimTime),
    /// A command for the lab: its `Lab::Command`, boxed by [`Msg::command`].
    Command(Box<dyn Any>),
    /// Change a setting (restarts the run).
    Setting(String, String),
    /// Compare with a run where one setting differs, or stop comparing.
    Compare(Option<(String, String)>),
    /// A key pressed anywhere but in a form field.
    Key(String),
    /// The window was resized.
    Resize,
    /// Hide the link-parameter errors.
    DismissErrors,
    /// A share field (0 the link, 1 the embed code) was copied.
    Copied(u8),
    /// Run the same settings and commands over 20 seeds.
    RunSeeds,
    /// A message about the lab's own UI state: its `LabUi::UiMsg`, boxed by
    /// [`Msg::ui`].
    Ui(Box<dyn Any>),
}

impl Msg {
    /// A command for the page's lab.
    pub fn command<C: LabCommand + 'static>(cmd: C) -> Msg {
        Msg::Command(Box::new(cmd))
    }

    /// A message about the lab's own UI state.
    pub fn ui<M: 'static>(msg: M) -> Msg {
        Msg::Ui(Box::new(msg))
    }
}
