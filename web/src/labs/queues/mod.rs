//! The queues lab's page. Pizza shops: the clients and the notifier (its
//! heartbeats drawn as they go out), the shops as cards with the order each
//! is making and its list, and the database's table of orders with their
//! state and pizzas made (two for one order is a duplicate). The message
//! queue: the producers, the broker with its queue drawn as a line of
//! messages oldest first (ready, leased with the lease left, waiting for a
//! retry, poison) and its dead-letter queue, and the consumers as cards.
//! Messages on the wire go through the shared flight layer. The rest is the
//! shared [`LabPage`](crate::labs::page::LabPage).

mod bn;
mod en;
pub mod text;

use crate::components::{Icon, Line, chart, choice, icon};
use crate::i18n::{LabWords, fill, label};
use crate::labs::host::WebLab;
use crate::labs::page::{LabPage, LabUi, Msg, Page, bar_fill};
use crate::render::canvas::{BLUE, FlightLayer, GREEN, GREY, Mark, Shape, Style, VERMILLION};
use crate::render::geometry::Pt;
use crate::route::Lang;
use scalelab_core::SimTime;
use scalelab_core::input::Choice;
use scalelab_core::lab::Lab;
use scalelab_core::labs::queues::{
    Command, Doing, Event as QEvent, Flag, MessageView, Metrics, OrderView, Place, Point, Queues,
    Redistribute, Scenario, View, Work, WorkerView,
};
use scalelab_core::numtext::Fixed;
use scalelab_core::queue::Status;
use scalelab_core::time::SimDuration;
use text::Text;
use web_sys::{Element, HtmlCanvasElement, HtmlInputElement, HtmlSelectElement};
use yew::html::Scope;
use yew::prelude::*;

/// How long a heartbeat takes each way, to draw.
const BEAT: SimDuration = SimDuration::from_ms(400);

impl WebLab for Queues {
    fn describe(lang: Lang, event: &QEvent) -> Option<String> {
        text::describe(lang, event)
    }

    fn summarize(lang: Lang, second: &[Point]) -> Option<String> {
        let acked: u32 = second.iter().map(|p| p.acked).sum();
        let dups: u32 = second.iter().map(|p| p.duplicates).sum();
        let dead: u32 = second.iter().map(|p| p.dead).sum();
        (dups + dead > 0).then(|| fill(text::text(lang).second, &[&acked, &dups, &dead]))
    }
}

type Link = Scope<LabPage>;

fn text(page: &Page<Queues>) -> &'static Text {
    text::text(page.lang())
}

impl LabUi for Queues {
    const SHOWN: &'static [&'static str] = &[
        "enqueued",
        "acked",
        "redelivered",
        "duplicates_processed",
        "duplicates_skipped",
        "dead_lettered",
        "lost",
        "rejected",
        "depth",
        "in_flight",
        "oldest_age_ms_max",
        "latency_ms_mean",
        "latency_ms_p99",
        "confirm_ms_mean",
        "detect_ms",
        "orders_moved",
        "pizzas",
        "consumer_utilization",
    ];
    const LIVE: &'static [&'static str] = &[];
    type Ui = ();
    type UiMsg = ();

    fn words(lang: Lang) -> &'static LabWords {
        &text::text(lang).words
    }

    fn choices(lang: Lang, setting: &str) -> Option<Vec<(&'static str, &'static str)>> {
        let t = text::text(lang);
        match setting {
            "scenario" => Some(t.scenarios.options()),
            "redistribute" => Some(t.redistributes.options()),
            "persist" => Some(t.persists.options()),
            "confirm" => Some(t.confirms.options()),
            "service-dist" => Some(t.service_dists.options()),
            "jitter" => Some(t.jitters.options()),
            "order" => Some(t.orders_by.options()),
            "durable" => Some(t.durables.options()),
            "idempotency" => Some(t.idempotencies.options()),
            _ => None,
        }
    }

    fn draw(page: &Page<Self>) {
        for (i, lab) in page.labs().enumerate() {
            let Some(el) = page.canvases[i].cast::<HtmlCanvasElement>() else { continue };
            draw_stage(&el, &mut page.flight_layer.borrow_mut(), lab, page.reduced_motion);
        }
    }

    fn body(page: &Page<Self>, link: &Link) -> Html {
        html! {
            <>
                <div class={classes!("repl-runs", page.comparing().then_some("two"))}>
                    { for (0..page.host.runs.len()).map(|i| view_run(page, link, i)) }
                </div>
                { view_controls(page, link) }
                { view_charts(page) }
            </>
        }
    }

    fn update_ui(_page: &mut Page<Self>, _msg: ()) -> bool {
        false
    }

    fn animating(page: &Page<Self>) -> bool {
        page.host.playing
    }
}

/// Seconds with one decimal.
fn secs(d: SimDuration) -> Fixed {
    Fixed(d.0 as f64 / 1_000_000.0, 1)
}

fn view_run(page: &Page<Queues>, link: &Link, run: usize) -> Html {
    let t = text(page);
    let lab = page.host.runs[run].session.lab();
    let cfg = lab.config();
    let view = lab.view();
    let m = lab.metrics();
    let pizza = cfg.scenario == Scenario::Pizza;
    let notifier = pizza && !cfg.queued();
    let source = if pizza {
        t.clients.to_owned()
    } else {
        fill(t.producers, &[&cfg.producers, &scalelab_core::input::fmt_num(cfg.rate)])
    };
    let checked = view
        .notifier_checked
        .map_or(t.no_check.to_owned(), |at| fill(t.checked, &[&Fixed(at.as_secs_f64(), 0)]));
    let beating = view.notifier_checked.is_some_and(|at| view.now.since(at).0 < 2 * BEAT.0);
    html! {
        <figure class="repl-wrap" data-run={run.to_string()}>
            if page.comparing() {
                <figcaption>{ Queues::caption(page, run) }</figcaption>
            }
            <div class="repl-stage q-stage" ref={page.stage_ref_for(run)}>
                <canvas ref={page.canvases[run].clone()} class="flights" aria-hidden="true"></canvas>
                <div class="q-top">
                    <span class="lb-pill" data-place="producers">{ source }</span>
                    if notifier {
                        <span class={classes!("lb-pill", "q-notifier", beating.then_some("beat"))} data-place="notifier"
                            role="status">
                            { fill(t.notifier, &[&Fixed(cfg.notifier_ms / 1_000.0, 0)]) }
                            <small>{ " · " }{ checked }</small>
                        </span>
                    }
                </div>
                if cfg.queued() {
                    { view_broker(page, link, &view, &m, run) }
                }
                <p class="muted small q-title">{ if pizza { t.shops_title } else { t.consumers_title } }</p>
                <div class="replicas q-workers" role="group" aria-label={if pizza { t.shops_title } else { t.consumers_title }}>
                    { for view.workers.iter().enumerate().map(|(i, w)| view_worker(page, link, i as u32, w, view.now, run)) }
                </div>
                if pizza {
                    { view_orders(page, &view.orders, cfg.persist == scalelab_core::labs::queues::Persist::Database || cfg.queued()) }
                }
            </div>
        </figure>
    }
}

/// The broker: its state, its counts, the queue's oldest messages and the
/// dead-letter queue, from run `run`'s view and metrics.
fn view_broker(page: &Page<Queues>, link: &Link, view: &View, m: &Metrics, run: usize) -> Html {
    let t = text(page);
    let lab = page.host.runs[run].session.lab();
    let now = lab.now();
    let lease = SimDuration::from_ms_f64(lab.config().visibility_timeout_ms);
    let (queue, dead, up) = (&view.queue, &view.dead, view.broker_up);
    let toggle = if up { Command::CrashBroker } else { Command::RestartBroker };
    let toggle_label = fill(if up { t.crash } else { t.restart }, &[&t.broker]);
    let on_toggle = link.callback(move |_: MouseEvent| Msg::command(toggle.clone()));
    let shown = queue.len() as u32;
    let counts = fill(t.queue_counts, &[&m.depth, &m.in_flight, &secs(view.oldest)]);
    html! {
        <div class={classes!("replica", "q-broker", if up { "leader" } else { "down" })} data-place="broker"
            role="group" aria-label={format!("{}: {}, {counts}", t.broker, if up { t.up } else { t.down })}>
            <span class="replica-title">
                <span>{ t.broker }</span>
                <span class="badge">{ if up { t.up } else { t.down } }</span>
                if run == 0 {
                    <button class="replica-action" onclick={on_toggle} aria-label={toggle_label.clone()}
                        title={toggle_label} data-action={if up { "crash-broker" } else { "restart-broker" }}>
                        { icon(if up { Icon::Power } else { Icon::Restart }) }
                    </button>
                }
            </span>
            <span class="small" data-testid="queue-counts">{ counts }</span>
            <ol class="q-line" aria-hidden="true">
                { for queue.iter().map(|m| view_message(t, m, now, lease)) }
                if view.queue_len > shown {
                    <li class="q-more">{ fill(t.more, &[&(view.queue_len - shown)]) }</li>
                }
            </ol>
            <span class="small">{ fill(t.dead_title, &[&view.dead_len]) }</span>
            if !dead.is_empty() {
                <ol class="q-line q-dead" aria-hidden="true">
                    { for dead.iter().map(|w| html! { <li class="q-msg dead" title={w.to_string()}></li> }) }
                </ol>
            }
        </div>
    }
}

fn view_message(t: &Text, m: &MessageView, now: SimTime, lease: SimDuration) -> Html {
    let (class, state, left) = match m.status {
        Status::Ready => ("ready", t.ready.to_owned(), None),
        Status::Leased { until, .. } => {
            let left = until.since(now);
            ("leased", fill(t.leased, &[&secs(left)]), Some((left.0 as f64 / lease.0.max(1) as f64).min(1.0)))
        }
        Status::Retrying { at } => ("retrying", fill(t.retrying, &[&secs(at.since(now))]), None),
    };
    let title = format!(
        "{}: {state}, {}{}",
        m.work,
        fill(t.receives, &[&m.receives]),
        if m.poison { format!(", {}", t.poison) } else { String::new() }
    );
    html! {
        <li key={m.work.to_string()} class={classes!("q-msg", class, m.poison.then_some("poison"), m.urgent.then_some("urgent"))}
            title={title}>
            if let Some(left) = left {
                <i style={bar_fill(left)}></i>
            }
        </li>
    }
}

fn view_worker(page: &Page<Queues>, link: &Link, id: u32, w: &WorkerView, now: SimTime, run: usize) -> Html {
    let t = text(page);
    let cfg = page.host.runs[run].session.config();
    let name = w.worker.to_string();
    let (state, class) = match (w.up, w.noticed) {
        (true, _) => (t.up, "follower"),
        (false, true) => (t.found_dead, "down"),
        (false, false) => (t.down, "down"),
    };
    let (doing, done) = match w.doing {
        Doing::Idle => (t.idle.to_owned(), None),
        Doing::Waiting => (t.waiting.to_owned(), None),
        Doing::Busy { work, since, until } => {
            let words = if matches!(work, Work::Order(_)) { t.making } else { t.working };
            (fill(words, &[&work]), Some(now.progress(since, until)))
        }
    };
    let doing = if w.up { doing } else { String::new() };
    let cmd = |c: Command| {
        link.callback(move |e: MouseEvent| {
            e.stop_propagation();
            Msg::command(c.clone())
        })
    };
    let toggle = if w.up { Command::Crash(id) } else { Command::Restart(id) };
    let toggle_label = fill(if w.up { t.crash } else { t.restart }, &[&name]);
    let list: Vec<String> = w.list.iter().map(|o| format!("O{o}")).collect();
    let pizza = cfg.scenario == Scenario::Pizza;
    html! {
        <div class={classes!("replica", class)} data-worker={id.to_string()} role="group"
            aria-label={format!("{name}: {state}. {doing}")}>
            <span class="replica-title">
                <span>{ name.clone() }</span>
                <span class="badge">{ state }</span>
                if run == 0 {
                    <button class="replica-action" onclick={cmd(toggle)} aria-label={toggle_label.clone()}
                        title={toggle_label} data-action={if w.up { "crash" } else { "restart" }}>
                        { icon(if w.up { Icon::Power } else { Icon::Restart }) }
                    </button>
                }
            </span>
            if w.up {
                <span class="small" data-testid="doing">{ doing }</span>
                <span class="memory" aria-hidden="true"><i class="q-work" style={bar_fill(done.unwrap_or(0.0))}></i></span>
            }
            if pizza && !cfg.queued() {
                <span class="small muted">{ fill(t.next, &[&if list.is_empty() { "—".to_owned() } else { list.join(", ") }]) }</span>
            }
            if run == 0 && pizza && w.up {
                <span class="sess-card-actions">
                    <button class="link" onclick={cmd(Command::Order(id))} data-action="order">{ fill(t.order_here, &[&name]) }</button>
                </span>
            }
        </div>
    }
}

fn view_orders(page: &Page<Queues>, orders: &[OrderView], database: bool) -> Html {
    let t = text(page);
    let row = |o: &OrderView| {
        let (state, class) = match (o.placed, o.lost, o.done) {
            (false, _, _) => (t.not_placed, "muted"),
            (_, true, _) => (t.lost, "q-lost"),
            (_, _, true) => (t.done, "q-done"),
            _ => (t.not_done, ""),
        };
        html! {
            <tr key={o.number.to_string()} data-order={o.number.to_string()} class={class}>
                <th scope="row">{ format!("O{}", o.number) }</th>
                <td>{ format!("PS{}", o.shop) }</td>
                <td>{ state }</td>
                <td class={classes!((o.pizzas > 1).then_some("q-dup"))} data-pizzas={o.pizzas.to_string()}>{ o.pizzas }</td>
            </tr>
        }
    };
    html! {
        <div class="q-orders">
            <table>
                <caption>{ if database { t.db_title } else { t.memory_title } }</caption>
                <thead><tr><th scope="col">{ t.col_order }</th><th scope="col">{ t.col_shop }</th><th scope="col">{ t.col_state }</th><th scope="col">{ t.col_pizzas }</th></tr></thead>
                <tbody>{ for orders.iter().map(row) }</tbody>
            </table>
        </div>
    }
}

/// The point of `el` to draw to: its top edge's middle.
fn top_of(el: &Element, frame: &web_sys::DomRect) -> Pt {
    let r = el.get_bounding_client_rect();
    Pt { x: r.left() - frame.left() + r.width() / 2.0, y: r.top() - frame.top() + 2.0 }
}

/// Draws messages on the wire and the notifier's heartbeats through the
/// shared flight layer. With reduced motion nothing moves.
fn draw_stage(canvas: &HtmlCanvasElement, layer: &mut FlightLayer, lab: &Queues, reduced_motion: bool) {
    let Some(stage) = canvas.parent_element() else { return };
    let frame = stage.get_bounding_client_rect();
    let Some(ctx) = crate::render::canvas::prepare(canvas, frame.width(), frame.height()) else { return };
    let find = |selector: &str| stage.query_selector(selector).ok().flatten().map(|el| top_of(&el, &frame));
    let n = lab.config().workers() as usize;
    let workers: Vec<Option<Pt>> = (0..n).map(|i| find(&format!("[data-worker=\"{i}\"]"))).collect();
    let producers = find("[data-place=\"producers\"]").map(|p| Pt { x: p.x, y: p.y + 12.0 });
    let broker = find("[data-place=\"broker\"]");
    let notifier = find("[data-place=\"notifier\"]").map(|p| Pt { x: p.x, y: p.y + 12.0 });
    let styles = [
        Style { shape: Shape::Disc(3.0), colour: BLUE },
        Style { shape: Shape::Ring(3.0, 1.8), colour: GREEN },
        Style { shape: Shape::Ring(3.5, 1.5), colour: GREY },
        Style { shape: Shape::Square(3.0), colour: VERMILLION },
    ];
    let (message, ack, beat, missed) = (0u8, 1, 2, 3);
    let now = lab.now();
    let motion = !reduced_motion;
    let at = |p: Place| match p {
        Place::Producer(_) => producers,
        Place::Broker => broker,
        Place::Worker(w) => workers.get(w as usize).copied().flatten(),
    };
    let flights = lab.flights().filter(move |_| motion).filter_map(|f| {
        let (a, b) = (at(f.from)?, at(f.to)?);
        Some(Mark {
            at: a.lerp(b, f.progress(now)),
            style: if f.reply { ack } else { message },
            opacity: 255,
        })
    });
    let mut beats = Vec::new();
    // Only a notifier's run has heartbeats (and only then is the view needed).
    let view = notifier.and_then(|_| motion.then(|| lab.view()));
    if let (Some(from), Some(view)) = (notifier, &view)
        && let Some(checked) = view.notifier_checked
    {
        let gone = now.since(checked);
        for (w, spot) in view.workers.iter().zip(&workers) {
            let Some(to) = *spot else { continue };
            if gone.0 < BEAT.0 {
                let p = gone.0 as f64 / BEAT.0 as f64;
                beats.push(Mark { at: from.lerp(to, p), style: beat, opacity: 255 });
            } else if gone.0 < 2 * BEAT.0 {
                let p = (gone.0 - BEAT.0) as f64 / BEAT.0 as f64;
                let style = if w.up { ack } else { missed };
                let place = if w.up { to.lerp(from, p) } else { to };
                beats.push(Mark { at: place, style, opacity: 255 });
            }
        }
    }
    layer.paint(&ctx, frame.width(), &styles, flights.chain(beats));
}

fn view_controls(page: &Page<Queues>, link: &Link) -> Html {
    let t = text(page);
    let cfg = page.host.main().config();
    let on_setting = |name: &'static str| {
        link.callback(move |e: Event| {
            Msg::Setting(name.into(), e.target_unchecked_into::<HtmlSelectElement>().value())
        })
    };
    let comparing = page.comparing();
    let pizza = cfg.scenario == Scenario::Pizza;
    let (vs_name, vs_value, vs_words) = if pizza {
        let other =
            if cfg.redistribute == Redistribute::Ring { Redistribute::All } else { Redistribute::Ring };
        ("redistribute", other.name(), t.redistributes.name(other))
    } else {
        let other = if cfg.idempotency.on() { Flag::No } else { Flag::Yes };
        ("idempotency", other.name(), t.idempotencies.name(other))
    };
    let on_compare = link.callback(move |_: Event| {
        Msg::Compare((!comparing).then(|| (vs_name.to_owned(), vs_value.to_owned())))
    });
    let rate = cfg.rate;
    let on_rate = link.callback(move |e: Event| {
        let v = e.target_unchecked_into::<HtmlInputElement>().value();
        let r =
            scalelab_core::input::decimal(v.trim()).filter(|r| (0.0..=100_000.0).contains(r)).unwrap_or(rate);
        Msg::command(Command::Rate(r))
    });
    let cmd = |c: Command| link.callback(move |_: MouseEvent| Msg::command(c.clone()));
    let compare_label = if pizza { t.redistribute } else { t.idempotency };
    html! {
        <div class="controls">
            { choice(t.scenario, "scenario", &t.scenarios, cfg.scenario, on_setting("scenario")) }
            if pizza {
                { choice(t.redistribute, "redistribute", &t.redistributes, cfg.redistribute, on_setting("redistribute")) }
                { choice(t.persist, "persist", &t.persists, cfg.persist, on_setting("persist")) }
            } else {
                { choice(t.durable, "durable", &t.durables, cfg.durable, on_setting("durable")) }
                { choice(t.idempotency, "idempotency", &t.idempotencies, cfg.idempotency, on_setting("idempotency")) }
                <label>
                    <span>{ t.rate }</span>
                    <input type="number" min="0" max="100000" step="any" value={scalelab_core::input::fmt_num(rate)}
                        onchange={on_rate} data-action="rate" class="sess-num"/>
                </label>
            }
            <div class="buttons">
                if !pizza {
                    <button onclick={cmd(Command::Poison)} data-action="poison">{ t.send_poison }</button>
                }
                <label class="check" title={compare_label}>
                    <input type="checkbox" checked={comparing} onchange={on_compare} data-action="compare"/>
                    { fill(t.compare_with, &[&vs_words]) }
                </label>
            </div>
            <p class="muted small">{ t.legend }</p>
        </div>
    }
}

fn view_charts(page: &Page<Queues>) -> Html {
    let t = text(page);
    let runs = 0..page.host.runs.len();
    let style = |i: usize| ([BLUE, VERMILLION][i], ["", "4 3"][i]);
    let depth: Vec<Line> = runs
        .clone()
        .map(|i| page.series_line(i, label(t.words.metrics, "depth"), style(i), |p| Some(f64::from(p.depth))))
        .collect();
    let latency: Vec<Line> = runs
        .map(|i| {
            page.series_line(i, t.latency_title, style(i), |p| {
                (p.acked > 0).then(|| p.latency_us as f64 / 1_000.0 / f64::from(p.acked))
            })
        })
        .collect();
    html! {
        <div class="charts">
            { chart(t.depth_title, &depth) }
            { chart(t.latency_title, &latency) }
        </div>
    }
}
