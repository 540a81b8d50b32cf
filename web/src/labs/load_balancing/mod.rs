//! The load-balancing lab's page: clients, a load balancer and servers on a
//! stage; requests flying on a canvas; rate, policy and server controls; the
//! latency and outcome charts. The rest of the page is the shared
//! [`LabPage`](crate::labs::page::LabPage).

mod bn;
mod en;
pub mod text;

use crate::components::{Icon, chart, choice, exact, icon, input_number, num};
use crate::i18n::{self, LabWords, fill, label};
use crate::labs::host::WebLab;
use crate::labs::page::{LabPage, LabUi, Msg, Page, RUN_TAGS, bar_fill, pos, size};
use crate::render::canvas::{self, BLUE, GREEN, VERMILLION};
use crate::render::geometry::Stage;
use crate::route::Lang;
use scalelab_core::input::Choice;
use scalelab_core::lab::{Lab, Settings};
use scalelab_core::labs::load_balancing::{
    Command, Event as LbEvent, Layout, LoadBalancing, Point, Policy, SAMPLE_WINDOW, ServerView,
};
use scalelab_core::node::Status;
use scalelab_core::numtext::Fixed;
use text::Text;
use web_sys::{HtmlCanvasElement, HtmlSelectElement};
use yew::html::Scope;
use yew::prelude::*;

impl WebLab for LoadBalancing {
    fn describe(lang: Lang, event: &LbEvent) -> Option<String> {
        text::describe(lang, event)
    }

    fn summarize(lang: Lang, second: &[Point]) -> Option<String> {
        let dropped: u32 = second.iter().map(|p| p.dropped).sum();
        let failed: u32 = second.iter().map(|p| p.failed).sum();
        (dropped + failed > 0).then(|| fill(i18n::shell(lang).last_second, &[&dropped, &failed]))
    }
}

/// The page's own state: which server the action bar acts on.
#[derive(Default)]
pub struct Selection {
    server: u32,
}

/// The page's own messages.
pub enum LbMsg {
    /// Select a server for the action bar.
    Select(u32),
}

type Link = Scope<LabPage>;

impl LabUi for LoadBalancing {
    const SHOWN: &'static [&'static str] = &[
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
    const LIVE: &'static [&'static str] = &["rate", "policy"];
    type Ui = Selection;
    type UiMsg = LbMsg;

    fn words(lang: Lang) -> &'static LabWords {
        &text::text(lang).words
    }

    fn choices(lang: Lang, setting: &str) -> Option<Vec<(&'static str, &'static str)>> {
        let t = text::text(lang);
        match setting {
            "layout" => Some(t.layouts.options()),
            "service-dist" => Some(t.dists.options()),
            _ => None,
        }
    }

    /// "A · Horizontal: 4 servers × 2 cores" or "B · policy = p2c": the
    /// letter ties a run to its chart lines (A p50, B p50).
    fn caption(page: &Page<Self>, run: usize) -> String {
        let t = text(page);
        let cfg = page.host.runs[run].session.config();
        let compared = page.host.options.vs.as_ref().map(|(name, _)| name.as_str());
        let words = match compared {
            Some(name) if name != "layout" => {
                format!("{} = {}", label(t.words.settings, name), cfg.get(name).unwrap_or_default())
            }
            _ => match cfg.layout {
                Layout::Horizontal => fill(t.horizontal_caption, &[&cfg.servers, &cfg.capacity]),
                Layout::Vertical => fill(t.vertical_caption, &[&cfg.total_cores()]),
            },
        };
        format!("{} · {words}", RUN_TAGS[run])
    }

    /// Draws every run's moving requests.
    fn draw(page: &Page<Self>) {
        for (i, lab) in page.labs().enumerate() {
            let Some(el) = page.canvases[i].cast::<HtmlCanvasElement>() else { continue };
            let stage = stage_of(page, lab);
            let Some(ctx) = canvas::prepare(&el, stage.width, stage.height) else { continue };
            let mut layer = page.flight_layer.borrow_mut();
            let servers = lab.server_views();
            canvas::draw_flights(
                &ctx,
                &mut layer,
                &stage,
                &servers,
                lab.now(),
                lab.flights(),
                page.reduced_motion,
            );
        }
    }

    fn body(page: &Page<Self>, link: &Link) -> Html {
        html! {
            <>
                { for (0..page.host.runs.len()).map(|i| view_stage(page, link, i)) }
                { view_controls(page, link) }
                { view_charts(page) }
            </>
        }
    }

    fn update_ui(page: &mut Page<Self>, msg: LbMsg) -> bool {
        match msg {
            LbMsg::Select(s) => page.ui.server = s,
        }
        true
    }
}

fn text(page: &Page<LoadBalancing>) -> &'static Text {
    text::text(page.lang())
}

fn stage_of(page: &Page<LoadBalancing>, lab: &LoadBalancing) -> Stage {
    let horizontal = lab.config().layout == Layout::Horizontal;
    Stage::new(page.stage_width, lab.server_views().len(), horizontal)
}

fn other_layout(page: &Page<LoadBalancing>) -> Layout {
    match page.host.main().config().layout {
        Layout::Horizontal => Layout::Vertical,
        Layout::Vertical => Layout::Horizontal,
    }
}

fn policy_words(t: &Text, p: Policy) -> (&'static str, &'static str) {
    (t.policies.0)(p)
}

fn view_stage(page: &Page<LoadBalancing>, link: &Link, run: usize) -> Html {
    let t = text(page);
    let lab = page.host.runs[run].session.lab();
    let stage = stage_of(page, page.host.runs[run].session.lab());
    let servers = lab.server_views();
    let (policy_name, _) = policy_words(t, lab.policy());
    let compare = page.host.runs.len() > 1;
    html! {
        <figure class="stage-wrap" data-run={run.to_string()}>
            if compare {
                <figcaption>{ LoadBalancing::caption(page, run) }</figcaption>
            }
            <div class={classes!("stage", stage.narrow.then_some("narrow"))}
                 ref={page.stage_ref_for(run)}
                 style={format!("height:{}px", Fixed(stage.height, 0))}>
                <canvas ref={page.canvases[run].clone()} class="flights" aria-hidden="true"
                    style={size(stage.width, stage.height)}></canvas>
                <div class="node clients" style={pos(stage.clients)}>
                    <span class="node-title">{ t.clients }</span>
                    <small>{ format!("{} {}", num(lab.rate(), 1), page.shell().per_s) }</small>
                </div>
                if let Some(b) = stage.balancer {
                    <div class="node balancer" style={pos(b)}>
                        <span class="node-title">{ t.balancer }</span>
                        <small>{ policy_name }</small>
                    </div>
                }
                { for servers.iter().map(|sv| view_card(page, link, &stage, sv, run)) }
            </div>
        </figure>
    }
}

fn view_card(page: &Page<LoadBalancing>, link: &Link, stage: &Stage, sv: &ServerView, run: usize) -> Html {
    let t = text(page);
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
    let busy = f64::from(sv.busy) / f64::from(sv.cores.max(1));
    let queue = f64::from(sv.queued) / f64::from(sv.queue_limit.max(1));
    let id = sv.id;
    let selected = page.ui.server == id && run == 0;
    let select = link.callback(move |_: MouseEvent| Msg::ui(LbMsg::Select(id)));
    let toggle_cmd = if down { Command::RestartServer(id) } else { Command::KillServer(id) };
    let toggle_label = fill(if down { t.restart } else { t.kill }, &[&name]);
    let toggle = link.callback(move |e: MouseEvent| {
        e.stop_propagation();
        Msg::command(toggle_cmd.clone())
    });
    let p = stage.servers[sv.id as usize];
    let style = format!("{};{}", pos(p), size(stage.card_w, stage.card_h));
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
                    <span style={bar_fill(busy)}></span>
                </div>
                <div class="bar queue" title={format!("{} {}/{}", t.queue, sv.queued, sv.queue_limit)}>
                    <span style={bar_fill(queue)}></span>
                </div>
            } else {
                <div class="meter">
                    <span>{ t.busy }</span>
                    <div class="bar busy"><span style={bar_fill(busy)}></span></div>
                    <span class="v">{ format!("{}/{}", sv.busy, sv.cores) }</span>
                </div>
                <div class="meter">
                    <span>{ t.queue }</span>
                    <div class="bar queue"><span style={bar_fill(queue)}></span></div>
                    <span class="v">{ format!("{}/{}", sv.queued, sv.queue_limit) }</span>
                </div>
                <div class="card-foot">
                    { format!("{} {}", t.done, sv.completed) }
                    if sv.slow_factor > 1.0 {
                        <span class="slow">{ format!(" · {}", fill(t.slower, &[&num(sv.slow_factor, 2)])) }</span>
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

fn view_controls(page: &Page<LoadBalancing>, link: &Link) -> Html {
    let t = text(page);
    let lab = page.host.main().lab();
    let servers = lab.server_views();
    let horizontal = lab.config().layout == Layout::Horizontal;
    let rate = lab.rate();
    let on_rate = link.callback(|e: Event| Msg::command(Command::SetRate(input_number(&e, 0.0))));
    let on_policy = link.batch_callback(|e: Event| {
        let v = e.target_unchecked_into::<HtmlSelectElement>().value();
        Policy::parse("policy", &v).ok().map(|p| Msg::command(Command::SetPolicy(p)))
    });
    let on_select = link.callback(|e: Event| {
        Msg::ui(LbMsg::Select(e.target_unchecked_into::<HtmlSelectElement>().value().parse().unwrap_or(0)))
    });
    let comparing = page.comparing();
    let other = other_layout(page);
    let on_compare = link.callback(move |_: Event| {
        Msg::Compare((!comparing).then(|| ("layout".to_owned(), other.name().to_owned())))
    });
    let sel = page.ui.server.min(servers.len().saturating_sub(1) as u32);
    let sv = servers.get(sel as usize);
    let name = format!("S{sel}");
    let cmd = |c: Command| link.callback(move |_: MouseEvent| Msg::command(c.clone()));
    html! {
        <div class="controls">
            <label class="rate">
                <span>{ t.rate }</span>
                <input type="range" min="0" max={exact(rate.max(2_000.0))} step="10" value={exact(rate)}
                    onchange={on_rate} data-action="rate"/>
                <output>{ num(rate, 1) }</output>
            </label>
            if horizontal {
                { choice(t.policy, "policy", &t.policies, lab.policy(), on_policy) }
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
                    if sv.slow_factor > 1.0 {
                        <button onclick={cmd(Command::SlowServer { server: sel, factor: 1.0 })}>{ fill(t.speed_up, &[&name]) }</button>
                    } else {
                        <button onclick={cmd(Command::SlowServer { server: sel, factor: 5.0 })}>{ fill(t.slow_down, &[&name]) }</button>
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

fn view_charts(page: &Page<LoadBalancing>) -> Html {
    let s = page.shell();
    let t = text(page);
    let window_s = SAMPLE_WINDOW.as_secs_f64();
    let mut latency = Vec::new();
    let mut outcomes = Vec::new();
    let dashes = [("", "6 3"), ("2 3", "1 4")];
    for (i, (solid, dashed)) in dashes.into_iter().enumerate().take(page.host.runs.len()) {
        let rate = |n: u32| Some(f64::from(n) / window_s);
        latency.push(page.series_line(i, "p50", (BLUE, solid), |p| Some(p.latency_ms_p50)));
        latency.push(page.series_line(i, "p99", (VERMILLION, dashed), |p| Some(p.latency_ms_p99)));
        let name = |n| label(t.words.metrics, n);
        outcomes.push(page.series_line(i, name("completed"), (GREEN, solid), |p| rate(p.completed)));
        outcomes.push(page.series_line(i, name("dropped"), ("#E69F00", dashed), |p| rate(p.dropped)));
        outcomes.push(page.series_line(i, name("failed"), (VERMILLION, "1 3"), |p| rate(p.failed)));
    }
    html! {
        <div class="charts">
            { chart(s.chart_latency, &latency) }
            { chart(s.chart_outcomes, &outcomes) }
        </div>
    }
}
