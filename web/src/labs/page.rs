//! The page every lab shares: transport bar, link errors, the lab's own
//! stage and controls, numbers, event log, worked examples, settings, share.
//!
//! [`LabPage`] is the one owner of a lab's simulation in the UI: it holds the
//! [`Page`] of the lab its route names (the [`Host`] plus the few things the
//! page draws with) and turns animation frames, clicks and keys into calls on
//! it. A lab adds only what is
//! its own through [`LabUi`]: its words, its stage, controls and charts, and
//! how it draws on its canvases.

use crate::components::metrics_panel::Column;
use crate::components::transport::Clock;
use crate::components::{num, time_text};
use crate::i18n::{self, LabWords, Shell, fill};
use crate::labs::host::{Host, Note, WebLab};
use crate::labs::shell::{self, Field, ShellView};
use crate::platform;
use crate::render::canvas::FlightLayer;
use crate::route::{self, Lang, Route, ShellOptions};
use gloo_events::{EventListener, EventListenerOptions};
use gloo_render::{AnimationFrame, request_animation_frame};
use scalelab_core::SimTime;
use scalelab_core::input::{Choice, InputError};
use scalelab_core::lab::{Lab, LabCommand, Settings};
use scalelab_core::numtext::Fixed;
use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::KeyboardEvent;
use yew::html::Scope;
use yew::prelude::*;

/// How often the DOM is refreshed while playing (canvases draw every frame).
const DOM_REFRESH_MS: f64 = 50.0;

/// Letters naming the main run and the comparison run.
pub const RUN_TAGS: [&str; 2] = ["A", "B"];

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
    /// What to call run `run` when two are compared.
    fn caption(page: &Page<Self>, run: usize) -> String;
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

    /// The ref to put on run `run`'s stage (only the first is measured).
    pub fn stage_ref_for(&self, run: usize) -> NodeRef {
        if run == 0 { self.stage_ref.clone() } else { NodeRef::default() }
    }
}

/// Props of [`LabPage`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The hash that opened this page (it names the lab).
    pub route: Rc<Route>,
    /// The interface language.
    pub lang: Lang,
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

/// A message's effect on the page.
pub(crate) struct Handled {
    /// The DOM needs a refresh.
    render: bool,
    /// The run's link changed.
    url_changed: bool,
}

/// A lab's [`Page`] without its lab's type: what the one [`LabPage`]
/// component asks of it. Yew compiles a component's glue once per component
/// type, so one component for every lab keeps two copies of it (and of the
/// page's frame, key and resize handling) out of the download.
pub(crate) trait AnyPage {
    /// Handles a message about the runs or the page's state.
    fn handle(&mut self, msg: Msg) -> Handled;
    /// Moves time for one animation frame.
    fn frame(&mut self, timestamp_ms: f64);
    /// Whether time is moving.
    fn playing(&self) -> bool;
    /// Whether anything moves on the canvases (time, or an animation).
    fn moving(&self) -> bool;
    /// Draws the canvases.
    fn draw(&self);
    /// The hash of a link that reproduces the page.
    fn hash(&self) -> String;
    /// Switches the interface language.
    fn set_lang(&mut self, lang: Lang);
    /// The first stage (measured for its width) and its width.
    fn stage(&mut self) -> (&NodeRef, &mut f64);
    /// The page's markup.
    fn view(&self, link: &Scope<LabPage>) -> Html;
}

/// Opens the lab the route names (the first lab if it names none).
fn open(route: &Route, lang: Lang) -> Box<dyn AnyPage> {
    let first = crate::labs::PAGES[0];
    let page = |id| crate::labs::open(id, route, lang);
    // Every lab in core's registry has a page (a test holds the two lists
    // equal), so the first lab's page is always there.
    route.lab.and_then(page).or_else(|| page(first)).expect("the first lab has a page")
}

impl<L: LabUi> Page<L> {
    /// The page a route opens: its runs, playing unless the learner asked
    /// for less motion or the run is over.
    pub(crate) fn open(route: &Route, lang: Lang) -> Page<L> {
        let (options, errors) = ShellOptions::from_route(route);
        let mut host = Host::<L>::from_params(route.lab_params(), options, errors);
        host.options.lang = lang;
        let reduced_motion = platform::prefers_reduced_motion();
        host.set_playing(!reduced_motion);
        Page {
            host,
            ui: L::Ui::default(),
            canvases: [NodeRef::default(), NodeRef::default()],
            stage_ref: NodeRef::default(),
            stage_width: 720.0,
            reduced_motion,
            flight_layer: RefCell::default(),
            setting_error: None,
            show_errors: true,
            copied: None,
        }
    }

    fn set_error(&mut self, result: Result<(), InputError>) {
        let lang = self.lang();
        self.setting_error = result.err().map(|e| i18n::input_error(lang, &e));
    }
}

impl<L: LabUi> AnyPage for Page<L> {
    fn handle(&mut self, msg: Msg) -> Handled {
        let host = &mut self.host;
        let mut url_changed = true;
        let render = match msg {
            Msg::Toggle => {
                host.set_playing(!host.playing);
                url_changed = false;
                true
            }
            Msg::Step => {
                host.step();
                url_changed = false;
                true
            }
            Msg::Speed(s) => {
                host.options.speed = s;
                true
            }
            Msg::Seed(text) => {
                let parsed = scalelab_core::input::parse_u64("seed", &text, 0, u64::MAX);
                if let Ok(seed) = parsed {
                    host.reseed(seed);
                }
                self.set_error(parsed.map(drop));
                true
            }
            Msg::Reset => {
                host.reset();
                true
            }
            Msg::Rewind(t) => {
                host.rewind_to(t);
                url_changed = false;
                true
            }
            Msg::Command(cmd) => match cmd.downcast::<L::Command>() {
                Ok(cmd) => {
                    host.command(&cmd);
                    true
                }
                Err(_) => {
                    debug_assert!(false, "a command for another lab");
                    url_changed = false;
                    false
                }
            },
            Msg::Setting(name, value) => {
                let result = host.set_setting(&name, &value);
                self.set_error(result);
                true
            }
            Msg::Compare(vs) => {
                host.compare(vs);
                true
            }
            Msg::Key(key) => {
                // The component turns Space and "." into Toggle and Step.
                host.nudge_speed(key != "-");
                true
            }
            Msg::DismissErrors => {
                self.show_errors = false;
                url_changed = false;
                true
            }
            Msg::Copied(which) => {
                self.copied = Some(which);
                url_changed = false;
                true
            }
            Msg::Ui(msg) => {
                url_changed = false;
                match msg.downcast::<L::UiMsg>() {
                    Ok(msg) => L::update_ui(self, *msg),
                    Err(_) => {
                        debug_assert!(false, "a UI message for another lab");
                        false
                    }
                }
            }
            // The component handles these itself.
            Msg::Frame(_) | Msg::Resize => {
                url_changed = false;
                false
            }
        };
        if url_changed {
            self.copied = None;
        }
        Handled { render, url_changed }
    }

    fn frame(&mut self, timestamp_ms: f64) {
        self.host.frame(timestamp_ms);
    }

    fn playing(&self) -> bool {
        self.host.playing
    }

    fn moving(&self) -> bool {
        self.host.playing || L::animating(self)
    }

    fn draw(&self) {
        L::draw(self);
    }

    fn hash(&self) -> String {
        let params = self.host.params();
        route::build(L::ID, params.iter().map(|(k, v)| (*k, v.as_str())))
    }

    fn set_lang(&mut self, lang: Lang) {
        self.host.options.lang = lang;
        // The link names the language: what was copied is not the link any more.
        self.copied = None;
    }

    fn stage(&mut self) -> (&NodeRef, &mut f64) {
        (&self.stage_ref, &mut self.stage_width)
    }

    fn view(&self, link: &Scope<LabPage>) -> Html {
        let main = self.host.main();
        let lang = self.lang();
        let cfg = main.config();
        let fields = <L as Lab>::Config::FIELDS
            .iter()
            .filter(|f| !L::LIVE.contains(&f.name))
            .map(|f| Field {
                name: f.name,
                describe: f.describe,
                value: cfg.get(f.name).unwrap_or_default(),
                choices: L::choices(lang, f.name),
            })
            .collect();
        shell::view(ShellView {
            lab: L::ID.name(),
            lang,
            s: self.shell(),
            w: self.words(),
            embed: self.host.options.embed,
            page_url: platform::url_with_hash(&route::build(
                L::ID,
                self.host.params().iter().filter(|(k, _)| *k != "embed").map(|(k, v)| (*k, v.as_str())),
            )),
            warnings: main.warnings().iter().map(|w| i18n::warning(lang, w)).collect(),
            error_lines: if self.show_errors {
                self.host.errors.iter().map(|e| error_line::<L>(lang, e)).collect()
            } else {
                Vec::new()
            },
            clock: Clock {
                playing: self.host.playing,
                speed: self.host.options.speed,
                seed: main.seed(),
                now: main.now(),
                horizon: self.host.horizon,
                stop_at: main.stop_at(),
            },
            setting_error: self.setting_error.clone(),
            finished: main.finished().then(|| main.now()),
            body: L::body(self, link),
            shown: L::SHOWN,
            columns: columns(self),
            log: log_lines(self),
            fields,
            copied: self.copied,
            link: link.clone(),
        })
    }
}

/// A lab's page: one component for every lab (the route says which).
pub struct LabPage {
    page: Box<dyn AnyPage>,
    raf: Option<AnimationFrame>,
    last_dom_ms: f64,
    /// When the frame being handled began (page clock, ms), until its work —
    /// simulation, drawing and any DOM refresh — is done and recorded.
    frame_began: Option<f64>,
    /// The frame's simulation and drawing time so far (ms).
    frame_sim_ms: f64,
    frame_draw_ms: f64,
    drawn: bool,
    _listeners: Vec<EventListener>,
}

impl LabPage {
    /// Draws the canvases; the first time, marks the page's first drawn frame.
    fn draw(&mut self) {
        let began = platform::now_ms();
        self.page.draw();
        self.frame_draw_ms += platform::now_ms() - began;
        if !self.drawn {
            self.drawn = true;
            platform::mark_first_frame();
        }
    }

    /// Records the work of the frame being handled, if any.
    fn frame_done(&mut self) {
        if let Some(began) = self.frame_began.take() {
            platform::record_frame_work(platform::now_ms() - began, self.frame_sim_ms, self.frame_draw_ms);
        }
    }

    fn request_frame(&mut self, ctx: &Context<Self>) {
        if self.raf.is_none() && self.page.moving() {
            let link = ctx.link().clone();
            self.raf = Some(request_animation_frame(move |ts| link.send_message(Msg::Frame(ts))));
        }
    }

    fn sync_url(&self) {
        platform::replace_hash(&self.page.hash());
    }

    /// Hands a message to the page; keeps the link in step with the run.
    fn handle(&mut self, msg: Msg) -> bool {
        let handled = self.page.handle(msg);
        if handled.url_changed {
            self.sync_url();
        }
        handled.render
    }

    fn measure(&mut self) -> bool {
        let (stage, stage_width) = self.page.stage();
        let width = stage.cast::<web_sys::Element>().map_or(0.0, |el| platform::width_of(&el));
        let changed = width > 0.0 && (width - *stage_width).abs() > 0.5;
        if changed {
            *stage_width = width;
        }
        changed
    }

    fn listeners(ctx: &Context<Self>) -> Vec<EventListener> {
        let mut listeners = Vec::new();
        let Some(w) = web_sys::window() else { return listeners };
        let link = ctx.link().clone();
        listeners.push(EventListener::new(&w, "resize", move |_| link.send_message(Msg::Resize)));
        if let Some(doc) = w.document() {
            let link = ctx.link().clone();
            // Not passive: Space must not also scroll the page.
            let options = EventListenerOptions::enable_prevent_default();
            listeners.push(EventListener::new_with_options(&doc, "keydown", options, move |e| {
                let Some(e) = e.dyn_ref::<KeyboardEvent>() else { return };
                let in_field =
                    e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).is_some_and(|el| {
                        matches!(el.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA" | "BUTTON")
                    });
                if in_field || e.ctrl_key() || e.meta_key() || e.alt_key() {
                    return;
                }
                let key = e.key();
                if matches!(key.as_str(), " " | "." | "+" | "=" | "-") {
                    e.prevent_default();
                    link.send_message(Msg::Key(key));
                }
            }));
        }
        listeners
    }
}

impl Component for LabPage {
    type Message = Msg;
    type Properties = Props;

    fn create(ctx: &Context<Self>) -> Self {
        let mut me = LabPage {
            page: open(&ctx.props().route, ctx.props().lang),
            raf: None,
            last_dom_ms: 0.0,
            frame_began: None,
            frame_sim_ms: 0.0,
            frame_draw_ms: 0.0,
            drawn: false,
            _listeners: Self::listeners(ctx),
        };
        me.request_frame(ctx);
        me
    }

    fn changed(&mut self, ctx: &Context<Self>, _old: &Props) -> bool {
        // A new route mounts a new page (keyed by hash); only the language changes here.
        self.page.set_lang(ctx.props().lang);
        self.sync_url();
        true
    }

    fn update(&mut self, ctx: &Context<Self>, msg: Msg) -> bool {
        let render = match msg {
            Msg::Frame(ts) => {
                let began = platform::now_ms();
                self.frame_began = Some(began);
                self.raf = None;
                self.page.frame(ts);
                self.frame_sim_ms = platform::now_ms() - began;
                self.frame_draw_ms = 0.0;
                let due = ts - self.last_dom_ms >= DOM_REFRESH_MS || !self.page.playing();
                if due {
                    // `rendered` draws, after the DOM is refreshed.
                    self.last_dom_ms = ts;
                } else {
                    self.draw();
                    self.frame_done();
                }
                self.request_frame(ctx);
                due
            }
            Msg::Resize => self.measure(),
            Msg::Key(key) => match key.as_str() {
                " " => return Component::update(self, ctx, Msg::Toggle),
                "." => return Component::update(self, ctx, Msg::Step),
                "+" | "=" | "-" => self.handle(Msg::Key(key)),
                _ => return false,
            },
            msg => {
                let toggled = matches!(msg, Msg::Toggle);
                let render = self.handle(msg);
                if toggled {
                    self.request_frame(ctx);
                }
                render
            }
        };
        if !self.page.playing() {
            if !render {
                self.draw();
            }
            self.request_frame(ctx);
        }
        render
    }

    fn rendered(&mut self, ctx: &Context<Self>, first_render: bool) {
        if first_render {
            self.sync_url();
            if self.measure() {
                ctx.link().send_message(Msg::Resize);
            }
        }
        self.draw();
        self.frame_done();
    }

    fn destroy(&mut self, _ctx: &Context<Self>) {
        self.raf = None;
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        self.page.view(ctx.link())
    }
}

/// One unusable link parameter in words, with the default used instead.
fn error_line<L: LabUi>(lang: Lang, e: &InputError) -> String {
    let default = match e.name.as_str() {
        "seed" => Some(scalelab_core::session::DEFAULT_SEED.to_string()),
        "speed" => Some(num(route::DEFAULT_SPEED, 2)),
        "lang" => Some("en".to_owned()),
        name => <L as Lab>::Config::default().get(name),
    };
    let text = i18n::input_error(lang, e);
    match default {
        Some(d) if !d.is_empty() => format!("{text} — {}", fill(i18n::shell(lang).using_default, &[&d])),
        _ => text,
    }
}

fn columns<L: LabUi>(page: &Page<L>) -> Vec<Column> {
    let many = page.comparing();
    page.host
        .runs
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let caption = if many { L::caption(page, i) } else { String::new() };
            Column::of(caption, &r.session.lab().metrics())
        })
        .collect()
}

fn log_lines<L: LabUi>(page: &Page<L>) -> Vec<(String, String)> {
    let (lang, s) = (page.lang(), page.shell());
    page.host.runs[0]
        .notes
        .iter()
        .filter_map(|(at, note)| {
            let text = match note {
                Note::Event(e) => L::describe(lang, e)?,
                Note::Summary(text) => text.clone(),
            };
            Some((time_text(*at, s.s, s.ms), text))
        })
        .collect()
}

/// `left:…px;top:…px` for an absolutely positioned node centred at `p`.
pub fn pos(p: crate::render::geometry::Pt) -> String {
    format!("left:{}px;top:{}px", Fixed(p.x, 1), Fixed(p.y, 1))
}

/// `width:…px;height:…px`, in whole pixels.
pub fn size(width: f64, height: f64) -> String {
    format!("width:{}px;height:{}px", Fixed(width, 0), Fixed(height, 0))
}
