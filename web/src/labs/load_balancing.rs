//! The load-balancing lab's page: clients, a load balancer and servers on a
//! stage; requests flying on a canvas; the controls, numbers, charts and log.
//!
//! This component owns the page's [`Host`] (the one owner of the simulation
//! in the UI); the widgets below it get snapshots.

use crate::components::metrics_panel::Column;
use crate::components::{
    Chart, EventLog, Icon, Line, MetricsPanel, ParamErrors, Share, Transport, icon, num, time_text,
};
use crate::i18n::{self, LoadBalancingText, fill, label};
use crate::labs::host::{Host, Note, WebLab};
use crate::platform;
use crate::render::canvas::{self, BLUE, GREEN, VERMILLION};
use crate::render::geometry::{Pt, Stage};
use crate::route::{self, Lang, Route, ShellOptions};
use gloo_events::{EventListener, EventListenerOptions};
use gloo_render::{AnimationFrame, request_animation_frame};
use scalelab_core::SimTime;
use scalelab_core::input::Choice;
use scalelab_core::lab::{Lab, LabId, Settings};
use scalelab_core::labs::load_balancing::{
    Command, Config, Event as LbEvent, Layout, LoadBalancing, Point, Policy, SAMPLE_WINDOW, ServerView,
};
use scalelab_core::node::Status;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{HtmlCanvasElement, HtmlInputElement, HtmlSelectElement, KeyboardEvent};
use yew::prelude::*;

impl WebLab for LoadBalancing {
    fn describe(lang: Lang, event: &LbEvent) -> Option<String> {
        i18n::load_balancing_event(lang, event)
    }

    fn summarize(lang: Lang, second: &[Point]) -> Option<String> {
        let dropped: u32 = second.iter().map(|p| p.dropped).sum();
        let failed: u32 = second.iter().map(|p| p.failed).sum();
        (dropped + failed > 0).then(|| fill(i18n::shell(lang).last_second, &[&dropped, &failed]))
    }
}

/// The metrics the panel lists, in order.
const SHOWN: &[&str] = &[
    "completed",
    "dropped",
    "failed",
    "failed_crashed",
    "failed_refused",
    "failed_no_server",
    "failed_timed_out",
    "in_progress",
    "throughput_rps",
    "success_ratio",
    "latency_ms_mean",
    "latency_ms_p50",
    "latency_ms_p95",
    "latency_ms_p99",
    "per_server_completed",
    "servers_up",
    "cores",
    "offered_load",
    "cost_per_hour",
];

/// Settings changed live with a command (and kept in the log) rather than by
/// restarting the run.
const LIVE: &[&str] = &["rate", "policy"];

/// Letters naming the main run and the comparison run.
const RUN_TAGS: [&str; 2] = ["A", "B"];

/// How often the DOM is refreshed while playing (the canvas draws every frame).
const DOM_REFRESH_MS: f64 = 50.0;

/// Props of [`LoadBalancingPage`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The hash that opened this page.
    pub route: Rc<Route>,
    /// The interface language.
    pub lang: Lang,
}

/// What the page reacts to.
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
    /// A command for the lab.
    Command(Command),
    /// Select a server for the action bar.
    Select(u32),
    /// Change a setting (restarts the run).
    Setting(String, String),
    /// Compare with the other layout, or stop comparing.
    Compare(bool),
    /// A key pressed anywhere but in a form field.
    Key(String),
    /// The window was resized.
    Resize,
    /// Hide the link-parameter errors.
    DismissErrors,
}

/// The load-balancing lab page.
pub struct LoadBalancingPage {
    host: Host<LoadBalancing>,
    canvases: [NodeRef; 2],
    stage_ref: NodeRef,
    stage_width: f64,
    raf: Option<AnimationFrame>,
    last_dom_ms: f64,
    selected: u32,
    reduced_motion: bool,
    setting_error: Option<String>,
    show_errors: bool,
    _listeners: Vec<EventListener>,
}

impl LoadBalancingPage {
    fn text(&self) -> &'static LoadBalancingText {
        i18n::load_balancing(self.host.options.lang)
    }

    fn request_frame(&mut self, ctx: &Context<Self>) {
        if self.raf.is_none() && self.host.playing {
            let link = ctx.link().clone();
            self.raf = Some(request_animation_frame(move |ts| link.send_message(Msg::Frame(ts))));
        }
    }

    fn sync_url(&self) {
        let params = self.host.params();
        platform::replace_hash(&route::build(
            LabId::LoadBalancing,
            params.iter().map(|(k, v)| (*k, v.as_str())),
        ));
    }

    fn stage(&self, run: usize) -> Stage {
        let lab = self.host.runs[run].session.lab();
        let horizontal = lab.config().layout == Layout::Horizontal;
        Stage::new(self.stage_width, lab.server_views().len(), horizontal)
    }

    /// Draws every run's moving requests.
    fn draw(&self) {
        for (i, run) in self.host.runs.iter().enumerate() {
            let Some(el) = self.canvases[i].cast::<HtmlCanvasElement>() else { continue };
            let stage = self.stage(i);
            let Some(ctx) = canvas::prepare(&el, stage.width, stage.height) else { continue };
            let lab = run.session.lab();
            canvas::draw_lanes(&ctx, &stage, &lab.server_views());
            canvas::draw_flights(&ctx, &stage, lab.now(), lab.flights(), self.reduced_motion);
        }
    }

    fn measure(&mut self) -> bool {
        let width = self.stage_ref.cast::<web_sys::Element>().map_or(0.0, |el| platform::width_of(&el));
        let changed = width > 0.0 && (width - self.stage_width).abs() > 0.5;
        if changed {
            self.stage_width = width;
        }
        changed
    }

    fn other_layout(&self) -> Layout {
        match self.host.main().config().layout {
            Layout::Horizontal => Layout::Vertical,
            Layout::Vertical => Layout::Horizontal,
        }
    }
}

impl Component for LoadBalancingPage {
    type Message = Msg;
    type Properties = Props;

    fn create(ctx: &Context<Self>) -> Self {
        let route = &ctx.props().route;
        let (options, errors) = ShellOptions::from_route(route);
        let mut host = Host::<LoadBalancing>::from_params(route.lab_params(), options, errors);
        host.options.lang = ctx.props().lang;
        let reduced_motion = platform::prefers_reduced_motion();
        let mut listeners = Vec::new();
        if let Some(w) = web_sys::window() {
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
        }
        // Autoplay unless the learner asked for less motion or the run is over.
        host.set_playing(!reduced_motion);
        let mut page = LoadBalancingPage {
            host,
            canvases: [NodeRef::default(), NodeRef::default()],
            stage_ref: NodeRef::default(),
            stage_width: 720.0,
            raf: None,
            last_dom_ms: 0.0,
            selected: 0,
            reduced_motion,
            setting_error: None,
            show_errors: true,
            _listeners: listeners,
        };
        page.request_frame(ctx);
        page
    }

    fn changed(&mut self, ctx: &Context<Self>, _old: &Props) -> bool {
        // A new route mounts a new page (keyed by hash); only the language changes here.
        self.host.options.lang = ctx.props().lang;
        self.sync_url();
        true
    }

    fn update(&mut self, ctx: &Context<Self>, msg: Msg) -> bool {
        let mut changed_url = false;
        let render = match msg {
            Msg::Frame(ts) => {
                self.raf = None;
                self.host.frame(ts);
                self.draw();
                self.request_frame(ctx);
                let due = ts - self.last_dom_ms >= DOM_REFRESH_MS || !self.host.playing;
                if due {
                    self.last_dom_ms = ts;
                }
                due
            }
            Msg::Toggle => {
                self.host.set_playing(!self.host.playing);
                self.request_frame(ctx);
                true
            }
            Msg::Step => {
                self.host.step();
                true
            }
            Msg::Speed(s) => {
                self.host.options.speed = s;
                changed_url = true;
                true
            }
            Msg::Seed(text) => {
                match scalelab_core::input::parse_u64("seed", &text, 0, u64::MAX) {
                    Ok(seed) => {
                        self.host.reseed(seed);
                        self.setting_error = None;
                        changed_url = true;
                    }
                    Err(e) => self.setting_error = Some(i18n::input_error(self.host.options.lang, &e)),
                }
                true
            }
            Msg::Reset => {
                self.host.reset();
                changed_url = true;
                true
            }
            Msg::Rewind(t) => {
                self.host.rewind_to(t);
                true
            }
            Msg::Command(cmd) => {
                self.host.command(&cmd);
                changed_url = true;
                true
            }
            Msg::Select(s) => {
                self.selected = s;
                true
            }
            Msg::Setting(name, value) => {
                match self.host.set_setting(&name, &value) {
                    Ok(()) => {
                        self.setting_error = None;
                        changed_url = true;
                    }
                    Err(e) => self.setting_error = Some(i18n::input_error(self.host.options.lang, &e)),
                }
                true
            }
            Msg::Compare(on) => {
                let vs = on.then(|| ("layout".to_owned(), self.other_layout().name().to_owned()));
                self.host.compare(vs);
                changed_url = true;
                true
            }
            Msg::Key(key) => {
                match key.as_str() {
                    " " => return Component::update(self, ctx, Msg::Toggle),
                    "." => return Component::update(self, ctx, Msg::Step),
                    "+" | "=" => self.host.nudge_speed(true),
                    "-" => self.host.nudge_speed(false),
                    _ => return false,
                }
                changed_url = true;
                true
            }
            Msg::Resize => self.measure(),
            Msg::DismissErrors => {
                self.show_errors = false;
                true
            }
        };
        if changed_url {
            self.sync_url();
        }
        if !self.host.playing {
            self.draw();
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
    }

    fn destroy(&mut self, _ctx: &Context<Self>) {
        self.raf = None;
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        let lang = self.host.options.lang;
        let (t, s) = (self.text(), i18n::shell(lang));
        let link = ctx.link();
        let main = self.host.main();
        let page_url = platform::url_with_hash(&route::build(
            LabId::LoadBalancing,
            self.host.params().iter().filter(|(k, _)| *k != "embed").map(|(k, v)| (*k, v.as_str())),
        ));
        let error_lines: Vec<String> = if self.show_errors {
            self.host.errors.iter().map(|e| error_line(lang, e)).collect()
        } else {
            Vec::new()
        };
        html! {
            <div class="lab lab-load-balancing" data-lab="load-balancing">
                if self.host.options.embed {
                    <header class="embed-head">
                        <h1>{ t.title }</h1>
                        <a href={page_url.clone()} target="_blank" rel="noopener">{ s.open_full }</a>
                    </header>
                } else {
                    <header class="lab-head">
                        <h1>{ t.title }</h1>
                        <p class="blurb">{ t.blurb }</p>
                    </header>
                }
                <ParamErrors title={s.bad_params} lines={error_lines} on_dismiss={link.callback(|()| Msg::DismissErrors)}/>
                <Transport
                    text={s}
                    playing={self.host.playing}
                    speed={self.host.options.speed}
                    seed={main.seed()}
                    now={main.now()}
                    horizon={self.host.horizon}
                    stop_at={main.stop_at()}
                    on_toggle={link.callback(|()| Msg::Toggle)}
                    on_step={link.callback(|()| Msg::Step)}
                    on_speed={link.callback(Msg::Speed)}
                    on_seed={link.callback(Msg::Seed)}
                    on_reset={link.callback(|()| Msg::Reset)}
                    on_rewind={link.callback(Msg::Rewind)}
                />
                if let Some(e) = &self.setting_error {
                    <p class="inline-error" role="alert">{ e }</p>
                }
                if main.finished() {
                    <p class="notice" role="status">{ fill(s.finished, &[&time_text(main.now(), s.s, s.ms)]) }</p>
                }
                <div class="lab-body">
                    <div class="stage-col">
                        { for (0..self.host.runs.len()).map(|i| self.view_stage(ctx, i)) }
                        { self.view_controls(ctx) }
                        { self.view_charts() }
                    </div>
                    <aside class="side-col">
                        <MetricsPanel title={s.numbers} labels={t.metrics} shown={SHOWN} columns={self.columns()}/>
                        <EventLog title={s.what_happened} empty={s.nothing_yet} lines={self.log_lines()}/>
                        { self.view_presets() }
                    </aside>
                </div>
                { self.view_settings(ctx) }
                <Share text={s} url={page_url} title={format!("{} · {}", t.title, s.app_title)}/>
                <p class="keys muted">{ s.keys_help }</p>
            </div>
        }
    }
}

/// One unusable link parameter in words, with the default used instead.
fn error_line(lang: Lang, e: &scalelab_core::input::InputError) -> String {
    let default = match e.name.as_str() {
        "seed" => Some(scalelab_core::session::DEFAULT_SEED.to_string()),
        "speed" => Some(num(route::DEFAULT_SPEED, 2)),
        "lang" => Some("en".to_owned()),
        name => Config::default().get(name),
    };
    let text = i18n::input_error(lang, e);
    match default {
        Some(d) => format!("{text} — {}", fill(i18n::shell(lang).using_default, &[&d])),
        None => text,
    }
}

fn pos(p: Pt) -> String {
    format!("left:{:.1}px;top:{:.1}px", p.x, p.y)
}

fn policy_words(t: &LoadBalancingText, p: Policy) -> (&'static str, &'static str) {
    t.policies.iter().find(|(q, _, _)| *q == p).map_or(("", ""), |(_, name, hint)| (name, hint))
}

impl LoadBalancingPage {
    /// "A · Horizontal: 4 servers × 2 cores" or "B · policy = p2c": the
    /// letter ties a run to its chart lines (A p50, B p50).
    fn caption(&self, run: usize) -> String {
        let t = self.text();
        let cfg = self.host.runs[run].session.config();
        let compared = self.host.options.vs.as_ref().map(|(name, _)| name.as_str());
        let words = match compared {
            Some(name) if name != "layout" => {
                format!("{} = {}", label(t.settings, name), cfg.get(name).unwrap_or_default())
            }
            _ => match cfg.layout {
                Layout::Horizontal => fill(t.horizontal_caption, &[&cfg.servers, &cfg.capacity]),
                Layout::Vertical => fill(t.vertical_caption, &[&cfg.total_cores()]),
            },
        };
        format!("{} · {words}", RUN_TAGS[run])
    }

    fn view_presets(&self) -> Html {
        let t = self.text();
        let lang = self.host.options.lang;
        let suffix = if lang == Lang::En { String::new() } else { format!("&lang={}", lang.name()) };
        html! {
            <section class="presets" aria-labelledby="presets-title">
                <h2 id="presets-title">{ t.try_these }</h2>
                <ul>
                    { for t.presets.iter().map(|(params, title, notice)| html! {
                        <li>
                            <a href={format!("#/load-balancing?{params}{suffix}")} data-preset={*params}>{ *title }</a>
                            <span class="muted">{ *notice }</span>
                        </li>
                    }) }
                </ul>
            </section>
        }
    }

    fn columns(&self) -> Vec<Column> {
        let many = self.host.runs.len() > 1;
        self.host
            .runs
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let caption = if many { self.caption(i) } else { String::new() };
                Column::of(caption, &r.session.lab().metrics())
            })
            .collect()
    }

    fn log_lines(&self) -> Vec<(String, String)> {
        let lang = self.host.options.lang;
        let s = i18n::shell(lang);
        self.host.runs[0]
            .notes
            .iter()
            .filter_map(|(at, note)| {
                let text = match note {
                    Note::Event(e) => LoadBalancing::describe(lang, e)?,
                    Note::Summary(text) => text.clone(),
                };
                Some((time_text(*at, s.s, s.ms), text))
            })
            .collect()
    }

    fn view_stage(&self, ctx: &Context<Self>, run: usize) -> Html {
        let t = self.text();
        let lab = self.host.runs[run].session.lab();
        let stage = self.stage(run);
        let servers = lab.server_views();
        let (policy_name, _) = policy_words(t, lab.policy());
        let compare = self.host.runs.len() > 1;
        html! {
            <figure class="stage-wrap" data-run={run.to_string()}>
                if compare {
                    <figcaption>{ self.caption(run) }</figcaption>
                }
                <div class={classes!("stage", stage.narrow.then_some("narrow"))}
                     ref={if run == 0 { self.stage_ref.clone() } else { NodeRef::default() }}
                     style={format!("height:{:.0}px", stage.height)}>
                    <canvas ref={self.canvases[run].clone()} class="flights" aria-hidden="true"
                        style={format!("width:{:.0}px;height:{:.0}px", stage.width, stage.height)}></canvas>
                    <div class="node clients" style={pos(stage.clients)}>
                        <span class="node-title">{ t.clients }</span>
                        <small>{ format!("{} {}", num(lab.rate(), 1), i18n::shell(self.host.options.lang).per_s) }</small>
                    </div>
                    if let Some(b) = stage.balancer {
                        <div class="node balancer" style={pos(b)}>
                            <span class="node-title">{ t.balancer }</span>
                            <small>{ policy_name }</small>
                        </div>
                    }
                    { for servers.iter().map(|sv| self.view_card(ctx, &stage, sv, run)) }
                </div>
            </figure>
        }
    }

    fn view_card(&self, ctx: &Context<Self>, stage: &Stage, sv: &ServerView, run: usize) -> Html {
        let t = self.text();
        let horizontal = stage.balancer.is_some();
        let name = format!("S{}", sv.id);
        let down = sv.status == Status::Down;
        let (state, status_class) = if sv.resizing {
            (t.resizing, "resizing")
        } else if down {
            (t.down, "down")
        } else if sv.isolated {
            (t.cut_off, "cut-off")
        } else if horizontal && !sv.in_rotation {
            (t.out_of_rotation, "out")
        } else {
            (t.up, "up")
        };
        let busy_pct = f64::from(sv.busy) / f64::from(sv.cores.max(1)) * 100.0;
        let queue_pct = f64::from(sv.queued) / f64::from(sv.queue_limit.max(1)) * 100.0;
        let id = sv.id;
        let selected = self.selected == id && run == 0;
        let select = ctx.link().callback(move |_: MouseEvent| Msg::Select(id));
        let toggle_cmd = if down { Command::RestartServer(id) } else { Command::KillServer(id) };
        let toggle_label = fill(if down { t.restart } else { t.kill }, &[&name]);
        let toggle = ctx.link().callback(move |e: MouseEvent| {
            e.stop_propagation();
            Msg::Command(toggle_cmd.clone())
        });
        let p = stage.servers[sv.id as usize];
        let style = format!("{};width:{:.0}px;height:{:.0}px", pos(p), stage.card_w, stage.card_h);
        let title = if horizontal { name.clone() } else { format!("{name} · {}", t.machine) };
        html! {
            <div class={classes!("card", "server", status_class, stage.compact.then_some("compact"), selected.then_some("selected"))}
                 style={style} data-server={id.to_string()} data-status={status_class} onclick={select}
                 role="group" aria-label={format!("{name}: {state}")}>
                <div class="card-title">
                    <span>{ title }</span>
                    if !stage.compact {
                        <span class="badge">{ state }</span>
                    }
                </div>
                if stage.compact {
                    <div class="bar busy" title={format!("{} {}/{}", t.busy, sv.busy, sv.cores)}>
                        <span style={format!("width:{busy_pct:.0}%")}></span>
                    </div>
                    <div class="bar queue" title={format!("{} {}/{}", t.queue, sv.queued, sv.queue_limit)}>
                        <span style={format!("width:{queue_pct:.0}%")}></span>
                    </div>
                } else {
                    <div class="meter">
                        <span>{ t.busy }</span>
                        <div class="bar busy"><span style={format!("width:{busy_pct:.0}%")}></span></div>
                        <span class="v">{ format!("{}/{}", sv.busy, sv.cores) }</span>
                    </div>
                    <div class="meter">
                        <span>{ t.queue }</span>
                        <div class="bar queue"><span style={format!("width:{queue_pct:.0}%")}></span></div>
                        <span class="v">{ format!("{}/{}", sv.queued, sv.queue_limit) }</span>
                    </div>
                    <div class="card-foot">
                        { format!("{} {}", t.done, sv.completed) }
                        if sv.slow_factor > 1 {
                            <span class="slow">{ format!(" · {}", fill(t.slower, &[&sv.slow_factor])) }</span>
                        }
                    </div>
                }
                if run == 0 && !stage.compact {
                    <button class="card-action" onclick={toggle} aria-label={toggle_label.clone()} title={toggle_label}
                        data-action={if down { "restart" } else { "kill" }}>{ icon(if down { Icon::Restart } else { Icon::Power }) }</button>
                }
            </div>
        }
    }

    fn view_controls(&self, ctx: &Context<Self>) -> Html {
        let t = self.text();
        let link = ctx.link();
        let lab = self.host.main().lab();
        let servers = lab.server_views();
        let horizontal = lab.config().layout == Layout::Horizontal;
        let rate = lab.rate();
        let on_rate = link.callback(|e: Event| {
            let v: f64 = e.target_unchecked_into::<HtmlInputElement>().value().parse().unwrap_or(0.0);
            Msg::Command(Command::SetRate(v))
        });
        let on_policy = link.batch_callback(|e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            Policy::parse("policy", &v).ok().map(|p| Msg::Command(Command::SetPolicy(p)))
        });
        let on_select = link.callback(|e: Event| {
            Msg::Select(e.target_unchecked_into::<HtmlSelectElement>().value().parse().unwrap_or(0))
        });
        let comparing = self.host.runs.len() > 1;
        let on_compare = link.callback(move |_: Event| Msg::Compare(!comparing));
        let (_, hint) = policy_words(t, lab.policy());
        let sel = self.selected.min(servers.len().saturating_sub(1) as u32);
        let sv = servers.get(sel as usize);
        let name = format!("S{sel}");
        let cmd = |c: Command| link.callback(move |_: MouseEvent| Msg::Command(c.clone()));
        html! {
            <div class="controls">
                <label class="rate">
                    <span>{ t.rate }</span>
                    <input type="range" min="0" max={rate.max(2_000.0).to_string()} step="10" value={rate.to_string()}
                        onchange={on_rate} data-action="rate"/>
                    <output>{ num(rate, 1) }</output>
                </label>
                if horizontal {
                    <label class="policy">
                        <span>{ t.policy }</span>
                        <select onchange={on_policy} data-action="policy">
                            { for t.policies.iter().map(|(p, label, _)| html! {
                                <option value={p.name()} selected={*p == lab.policy()}>{ *label }</option>
                            }) }
                        </select>
                    </label>
                    <p class="hint">{ hint }</p>
                }
                <div class="buttons">
                    <button onclick={cmd(Command::AddServer)} data-action="add">
                        { if horizontal { t.add_server } else { t.bigger_machine } }
                    </button>
                    <label class="check">
                        <input type="checkbox" checked={comparing} onchange={on_compare} data-action="compare"/>
                        { t.compare_layouts }
                    </label>
                </div>
                if let Some(sv) = sv {
                    <div class="server-actions" role="group" aria-label={fill(t.selected, &[&name])}>
                        <label>
                            <span class="visually-hidden">{ fill(t.selected, &[&""]) }</span>
                            <select onchange={on_select} data-action="select-server">
                                { for servers.iter().map(|s| html! {
                                    <option value={s.id.to_string()} selected={s.id == sel}>{ format!("S{}", s.id) }</option>
                                }) }
                            </select>
                        </label>
                        if sv.status == Status::Down {
                            <button onclick={cmd(Command::RestartServer(sel))}>{ fill(t.restart, &[&name]) }</button>
                        } else {
                            <button onclick={cmd(Command::KillServer(sel))} data-action="kill-selected">{ fill(t.kill, &[&name]) }</button>
                        }
                        if sv.slow_factor > 1 {
                            <button onclick={cmd(Command::SlowServer { server: sel, factor: 1 })}>{ fill(t.speed_up, &[&name]) }</button>
                        } else {
                            <button onclick={cmd(Command::SlowServer { server: sel, factor: 5 })}>{ fill(t.slow_down, &[&name]) }</button>
                        }
                        if sv.isolated {
                            <button onclick={cmd(Command::HealServer(sel))}>{ fill(t.heal, &[&name]) }</button>
                        } else {
                            <button onclick={cmd(Command::IsolateServer(sel))}>{ fill(t.isolate, &[&name]) }</button>
                        }
                    </div>
                }
            </div>
        }
    }

    fn view_charts(&self) -> Html {
        let s = i18n::shell(self.host.options.lang);
        let window_s = SAMPLE_WINDOW.as_secs_f64();
        let mut latency = Vec::new();
        let mut outcomes = Vec::new();
        let dashes = [("", "6 3"), ("2 3", "1 4")];
        for (i, run) in self.host.runs.iter().enumerate() {
            let pts: Vec<(SimTime, Point)> =
                run.session.lab().series().points().rev().take(300).rev().cloned().collect();
            let line = |f: &dyn Fn(&Point) -> f64| {
                pts.iter().map(|(t, p)| (t.as_secs_f64(), f(p))).collect::<Vec<_>>()
            };
            let tag = if self.host.runs.len() > 1 { format!("{} ", RUN_TAGS[i]) } else { String::new() };
            let (solid, dashed) = dashes[i];
            latency.push(Line {
                label: format!("{tag}p50"),
                color: BLUE,
                dash: solid,
                points: line(&|p| p.latency_ms_p50),
            });
            latency.push(Line {
                label: format!("{tag}p99"),
                color: VERMILLION,
                dash: dashed,
                points: line(&|p| p.latency_ms_p99),
            });
            let t = self.text();
            outcomes.push(Line {
                label: format!("{tag}{}", label(t.metrics, "completed")),
                color: GREEN,
                dash: solid,
                points: line(&|p| f64::from(p.completed) / window_s),
            });
            outcomes.push(Line {
                label: format!("{tag}{}", label(t.metrics, "dropped")),
                color: "#E69F00",
                dash: dashed,
                points: line(&|p| f64::from(p.dropped) / window_s),
            });
            outcomes.push(Line {
                label: format!("{tag}{}", label(t.metrics, "failed")),
                color: VERMILLION,
                dash: "1 3",
                points: line(&|p| f64::from(p.failed) / window_s),
            });
        }
        html! {
            <div class="charts">
                <Chart title={s.chart_latency.to_owned()} lines={latency}/>
                <Chart title={s.chart_outcomes.to_owned()} lines={outcomes}/>
            </div>
        }
    }

    fn view_settings(&self, ctx: &Context<Self>) -> Html {
        let lang = self.host.options.lang;
        let (t, s) = (self.text(), i18n::shell(lang));
        let cfg = self.host.main().config();
        let field = |name: &'static str| {
            let value = cfg.get(name).unwrap_or_default();
            let on_change = ctx.link().callback(move |e: Event| {
                let el = e.target_unchecked_into::<web_sys::HtmlElement>();
                let v = el
                    .dyn_ref::<HtmlSelectElement>()
                    .map(HtmlSelectElement::value)
                    .or_else(|| el.dyn_ref::<HtmlInputElement>().map(HtmlInputElement::value))
                    .unwrap_or_default();
                Msg::Setting(name.to_owned(), v)
            });
            let input = match name {
                "layout" => choice_select(on_change, &value, t.layouts.iter().map(|(l, w)| (l.name(), *w))),
                "service-dist" => {
                    choice_select(on_change, &value, t.dists.iter().map(|(d, w)| (d.name(), *w)))
                }
                _ => html! {
                    <input type="text" inputmode="decimal" key={format!("{name}={value}")} value={value.clone()}
                        onchange={on_change} data-setting={name}/>
                },
            };
            html! {
                <label title={Config::describe(name)}>
                    <span>{ label(t.settings, name) }</span>
                    { input }
                </label>
            }
        };
        html! {
            <details class="settings-panel">
                <summary>{ s.settings }</summary>
                <p class="muted">{ s.settings_note }</p>
                <div class="settings-grid">
                    { for Config::NAMES.iter().filter(|n| !LIVE.contains(n)).map(|&n| field(n)) }
                </div>
            </details>
        }
    }
}

fn choice_select<'a>(
    on_change: Callback<Event>,
    value: &str,
    options: impl Iterator<Item = (&'static str, &'a str)>,
) -> Html {
    html! {
        <select onchange={on_change}>
            { for options.map(|(v, words)| html! { <option value={v} selected={v == value}>{ words }</option> }) }
        </select>
    }
}
