//! The replication lab's page: the replicas as cards grouped by side of a
//! partition, each with its role, term, election timer and log (entries
//! coloured by term, committed ones filled); controls for the write and read
//! modes and for crashes and partitions; a client panel that adds to the
//! cart and reads it from a chosen replica; charts of availability and of
//! each replica's committed entries. The rest is the shared
//! [`LabPage`](crate::labs::page::LabPage).

mod bn;
mod en;
pub mod text;

use crate::components::{Icon, Line, chart, choice, icon};
use crate::i18n::{LabWords, fill, label};
use crate::labs::host::WebLab;
use crate::labs::page::{CHART_WINDOWS, LabPage, LabUi, Msg, Page};
use crate::render::canvas::{BLUE, FlightLayer, GREEN, GREY, Mark, Shape, Style, VERMILLION};
use crate::render::geometry::Pt;
use crate::render::ring::node_color;
use crate::route::Lang;
use scalelab_core::SimTime;
use scalelab_core::input::Choice;
use scalelab_core::lab::Lab;
use scalelab_core::labs::replication::{
    Command, Event as ReplEvent, MsgKind, Place, Point, ReplicaView, Replication, Role, WriteMode,
};
use scalelab_core::numtext::Fixed;
use text::Text;
use web_sys::{HtmlCanvasElement, HtmlSelectElement};
use yew::html::Scope;
use yew::prelude::*;

/// The key the client panel's cart is.
const CART: u32 = 0;
/// Okabe–Ito orange, for votes.
const ORANGE: &str = "#E69F00";
/// Okabe–Ito reddish purple, for client requests.
const PURPLE: &str = "#CC79A7";

impl WebLab for Replication {
    fn describe(lang: Lang, event: &ReplEvent) -> Option<String> {
        text::describe(lang, event)
    }

    fn summarize(lang: Lang, second: &[Point]) -> Option<String> {
        let answered: u32 = second.iter().map(|p| p.answered).sum();
        let failed: u32 = second.iter().map(|p| p.failed).sum();
        let stale: u32 = second.iter().map(|p| p.stale).sum();
        (failed + stale > 0).then(|| fill(text::text(lang).second, &[&answered, &failed, &stale]))
    }
}

/// The page's own state.
#[derive(Default)]
pub struct ReplicaUi {
    /// The replica the action bar and the client's reads aim at.
    selected: u32,
    /// The replicas drawn on the second side of the partition to make, a bit
    /// each (none chosen yet: the upper half).
    side_b: Option<u64>,
}

impl ReplicaUi {
    /// The second side of the partition to make, among `n` replicas.
    fn side_b(&self, n: u32) -> u64 {
        let all = (1u64 << n) - 1;
        self.side_b.map_or(all & !((1u64 << (n / 2).max(1)) - 1), |b| b & all)
    }
}

/// The page's own messages.
pub enum ReplicaMsg {
    /// Aim the actions at this replica.
    Select(u32),
    /// Move a replica to the other side of the partition being drawn.
    Toggle(u32),
}

type Link = Scope<LabPage>;

fn text(page: &Page<Replication>) -> &'static Text {
    text::text(page.lang())
}

impl LabUi for Replication {
    const SHOWN: &'static [&'static str] = &[
        "writes",
        "writes_acked",
        "writes_failed",
        "writes_lost",
        "reads",
        "reads_stale",
        "reads_failed",
        "availability",
        "leader",
        "elections",
        "split_votes",
        "terms",
        "leaders_per_term_max",
        "time_without_leader_ms",
        "election_ms_mean",
        "election_ms_max",
        "write_latency_ms_p50",
        "write_latency_ms_p99",
        "read_latency_ms_p50",
        "read_latency_ms_p99",
        "messages_in_flight",
    ];
    const LIVE: &'static [&'static str] = &[];
    type Ui = ReplicaUi;
    type UiMsg = ReplicaMsg;

    fn words(lang: Lang) -> &'static LabWords {
        &text::text(lang).words
    }

    fn choices(lang: Lang, setting: &str) -> Option<Vec<(&'static str, &'static str)>> {
        let t = text::text(lang);
        match setting {
            "write-mode" => Some(t.write_modes.options()),
            "read-from" => Some(t.read_froms.options()),
            "consistency" => Some(t.consistencies.options()),
            _ => None,
        }
    }

    fn draw(page: &Page<Self>) {
        for (i, lab) in page.labs().enumerate() {
            let Some(el) = page.canvases[i].cast::<HtmlCanvasElement>() else { continue };
            draw_flights(&el, &mut page.flight_layer.borrow_mut(), lab, page.reduced_motion);
        }
    }

    fn body(page: &Page<Self>, link: &Link) -> Html {
        html! {
            <>
                <div class={classes!("repl-runs", page.comparing().then_some("two"))}>
                    { for (0..page.host.runs.len()).map(|i| view_run(page, link, i)) }
                </div>
                { view_controls(page, link) }
                { view_client(page, link) }
                { view_charts(page) }
            </>
        }
    }

    fn update_ui(page: &mut Page<Self>, msg: ReplicaMsg) -> bool {
        match msg {
            ReplicaMsg::Select(n) => page.ui.selected = n,
            ReplicaMsg::Toggle(r) => {
                let n = page.host.main().config().replicas;
                page.ui.side_b = Some(page.ui.side_b(n) ^ (1 << r));
            }
        }
        true
    }

    fn animating(page: &Page<Self>) -> bool {
        // Election timers run down while time plays; nothing moves when paused.
        page.host.playing
    }
}

fn view_run(page: &Page<Replication>, link: &Link, run: usize) -> Html {
    let t = text(page);
    let lab = page.host.runs[run].session.lab();
    let view = lab.view();
    let mut sides: Vec<u32> = view.replicas.iter().map(|r| r.group).collect();
    sides.sort_unstable();
    sides.dedup();
    let split = sides.len() > 1;
    let leader = match view.leader {
        Some(l) => {
            let term = view.replicas.get(l as usize).map_or(0, |r| r.term);
            format!("{}: S{l} · {}", label(t.words.metrics, "leader"), fill(t.term, &[&term]))
        }
        None => t.no_leader.to_owned(),
    };
    html! {
        <figure class="repl-wrap" data-run={run.to_string()}>
            if page.comparing() {
                <figcaption>{ Replication::caption(page, run) }</figcaption>
            }
            <div class="repl-stage" ref={page.stage_ref_for(run)}>
            <canvas ref={page.canvases[run].clone()} class="flights" aria-hidden="true"></canvas>
            <span class="client-dot" aria-hidden="true">{ t.client }</span>
            <div class={classes!("replicas", split.then_some("split"))}>
                { for sides.iter().enumerate().map(|(k, &g)| html! {
                    <div class="side" data-side={g.to_string()}>
                        if split {
                            <span class="side-label">{ fill(t.side, &[&(k + 1)]) }</span>
                        }
                        { for view.replicas.iter().filter(|r| r.group == g).map(|r| view_replica(page, link, r, run)) }
                    </div>
                }) }
            </div>
            </div>
            <p class="repl-leader" data-testid="leader">{ leader }</p>
        </figure>
    }
}

fn view_replica(page: &Page<Replication>, link: &Link, r: &ReplicaView, run: usize) -> Html {
    let t = text(page);
    let (role, class) = match (r.up, r.role) {
        (false, _) => (t.down, "down"),
        (true, Role::Leader) => (t.leader, "leader"),
        (true, Role::Candidate) => (t.candidate, "candidate"),
        (true, Role::Follower) => (t.follower, "follower"),
    };
    let id = r.id;
    let selected = run == 0 && page.ui.selected == id;
    let select = link.callback(move |_: MouseEvent| Msg::ui(ReplicaMsg::Select(id)));
    let name = format!("S{id}");
    let toggle_cmd = if r.up { Command::Crash(id) } else { Command::Restart(id) };
    let toggle_label = fill(if r.up { t.crash } else { t.restart }, &[&name]);
    let toggle = link.callback(move |e: MouseEvent| {
        e.stop_propagation();
        Msg::command(toggle_cmd.clone())
    });
    let first = r.log_len - r.recent_terms.len() as u64;
    let committed = fill(t.committed, &[&r.commit.min(r.log_len), &r.log_len]);
    let term = fill(t.term, &[&r.term]);
    html! {
        <div class={classes!("replica", class, selected.then_some("selected"))} onclick={select}
            data-replica={id.to_string()} data-role={class} role="group"
            aria-label={format!("{name}: {role}, {term}, {committed}")}>
            <span class="replica-title">
                <span>{ name.clone() }</span>
                <span class="badge">{ role }</span>
                if let Some(left) = r.timer_left {
                    <span class="timer" role="img" aria-label={t.timer} title={t.timer}
                        style={format!("--left:{}%", Fixed(left * 100.0, 0))}></span>
                }
                if run == 0 {
                    <button class="replica-action" onclick={toggle} aria-label={toggle_label.clone()} title={toggle_label}
                        data-action={if r.up { "crash" } else { "restart" }}>{ icon(if r.up { Icon::Power } else { Icon::Restart }) }</button>
                }
            </span>
            <span class="muted small">{ term }</span>
            <span class="log" aria-hidden="true">
                { for r.recent_terms.iter().enumerate().map(|(k, &term)| {
                    let index = first + k as u64 + 1;
                    let open = index > r.commit;
                    html! { <i class={classes!("e", open.then_some("open"))} style={format!("--c:{}", node_color(term as u32))}></i> }
                }) }
            </span>
            <span class="small">{ committed }</span>
        </div>
    }
}

/// How the messages look: appends blue dots, heartbeats small grey dots,
/// acks and votes green dots, vote requests orange squares, client requests
/// purple dots and their answers green rings (the legend's words).
const STYLES: &[Style] = &[
    Style { shape: Shape::Disc(2.5), colour: GREY },
    Style { shape: Shape::Disc(3.5), colour: BLUE },
    Style { shape: Shape::Disc(3.5), colour: GREEN },
    Style { shape: Shape::Square(3.5), colour: ORANGE },
    Style { shape: Shape::Disc(3.5), colour: PURPLE },
    Style { shape: Shape::Ring(3.5, 2.0), colour: GREEN },
];

fn style(kind: MsgKind) -> u8 {
    match kind {
        MsgKind::Heartbeat => 0,
        MsgKind::Append => 1,
        MsgKind::Ack | MsgKind::VoteReply => 2,
        MsgKind::Vote => 3,
        MsgKind::Request => 4,
        MsgKind::Answer => 5,
    }
}

/// Draws the messages on their way between the cards (and the client at the
/// top), each where it is now, arcing over the row of cards, through the
/// shared flight layer. With reduced motion nothing moves, so nothing is
/// drawn: the cards' logs and numbers say what the messages did.
fn draw_flights(
    canvas: &HtmlCanvasElement,
    layer: &mut FlightLayer,
    lab: &Replication,
    reduced_motion: bool,
) {
    let Some(stage) = canvas.parent_element() else { return };
    let frame = stage.get_bounding_client_rect();
    let Some(ctx) = crate::render::canvas::prepare(canvas, frame.width(), frame.height()) else { return };
    if reduced_motion {
        return;
    }
    let n = lab.config().replicas as usize;
    let centres: Vec<Option<Pt>> = (0..n)
        .map(|i| {
            let card = stage.query_selector(&format!("[data-replica=\"{i}\"]")).ok()??;
            let r = card.get_bounding_client_rect();
            // The top edge's middle: messages arc above the row of cards.
            Some(Pt { x: r.left() - frame.left() + r.width() / 2.0, y: r.top() - frame.top() + 2.0 })
        })
        .collect();
    let client = Pt { x: frame.width() / 2.0, y: 6.0 };
    let at = |p: Place| match p {
        Place::Client => Some(client),
        Place::Replica(r) => centres.get(r as usize).copied().flatten(),
    };
    let now = lab.now();
    let marks = lab.flights().filter_map(|f| {
        let (a, b) = (at(f.from)?, at(f.to)?);
        let t = f.progress(now);
        let lift = (a.x - b.x).abs().min(160.0) * 0.25 * (std::f64::consts::PI * t).sin();
        let p = a.lerp(b, t);
        Some(Mark { at: Pt { x: p.x, y: (p.y - lift).max(4.0) }, style: style(f.kind), opacity: 255 })
    });
    layer.paint(&ctx, frame.width(), STYLES, marks);
}

fn view_controls(page: &Page<Replication>, link: &Link) -> Html {
    let t = text(page);
    let lab = page.host.main().lab();
    let cfg = lab.config();
    let n = cfg.replicas;
    let on_setting = |name: &'static str| {
        link.callback(move |e: Event| {
            Msg::Setting(name.into(), e.target_unchecked_into::<HtmlSelectElement>().value())
        })
    };
    let selected = page.ui.selected.min(n.saturating_sub(1));
    let down = lab.view().replicas.get(selected as usize).is_some_and(|r| !r.up);
    let name = format!("S{selected}");
    let toggle = if down { Command::Restart(selected) } else { Command::Crash(selected) };
    let toggle_label = fill(if down { t.restart } else { t.crash }, &[&name]);
    let rest: Vec<u32> = (0..n).filter(|&r| r != selected).collect();
    let cut = Command::Partition(vec![vec![selected], rest]);
    let side_b = page.ui.side_b(n);
    let (a, b): (Vec<u32>, Vec<u32>) = (0..n).partition(|&r| side_b & (1 << r) == 0);
    let can_split = !a.is_empty() && !b.is_empty();
    let split_label =
        fill(t.split, &[&text::groups(std::slice::from_ref(&a)), &text::groups(std::slice::from_ref(&b))]);
    let split = Command::Partition(vec![a, b]);
    let comparing = page.comparing();
    let other = if cfg.write_mode == WriteMode::Async { WriteMode::Sync } else { WriteMode::Async };
    let on_compare = link.callback(move |_: Event| {
        Msg::Compare((!comparing).then(|| ("write-mode".to_owned(), other.name().to_owned())))
    });
    let cmd = |c: Command| link.callback(move |_: MouseEvent| Msg::command(c.clone()));
    let on_pick = link.callback(|e: Event| {
        Msg::ui(ReplicaMsg::Select(
            e.target_unchecked_into::<HtmlSelectElement>().value().parse().unwrap_or(0),
        ))
    });
    html! {
        <div class="controls">
            { choice(t.write_mode, "write-mode", &t.write_modes, cfg.write_mode, on_setting("write-mode")) }
            { choice(t.read_from, "read-from", &t.read_froms, cfg.read_from, on_setting("read-from")) }
            { choice(t.consistency, "consistency", &t.consistencies, cfg.consistency, on_setting("consistency")) }
            <div class="buttons">
                <button onclick={cmd(Command::CrashLeader)} data-action="crash-leader">{ t.crash_leader }</button>
                <button onclick={cmd(Command::RestartAll)} data-action="restart-all">{ t.restart_all }</button>
                <button onclick={cmd(Command::Heal)} data-action="heal">{ t.heal }</button>
                <label class="check">
                    <input type="checkbox" checked={comparing} onchange={on_compare} data-action="compare"/>
                    { fill(t.compare_with, &[&t.write_modes.name(other)]) }
                </label>
            </div>
            <div class="buttons selected-bar" role="group" aria-label={fill(t.selected, &[&name])}>
                <select onchange={on_pick} aria-label={fill(t.selected, &[&""])} data-action="pick-replica">
                    { for (0..n).map(|r| html! { <option value={r.to_string()} selected={r == selected}>{ format!("S{r}") }</option> }) }
                </select>
                <button onclick={cmd(toggle)} data-action={if down { "restart" } else { "crash" }}>{ toggle_label }</button>
                if n > 1 {
                    <button onclick={cmd(cut)} data-action="cut-off">{ fill(t.cut_off, &[&name]) }</button>
                }
            </div>
            if n > 1 {
                <div class="buttons partition-builder" role="group" aria-label={t.draw_partition}>
                    <span>{ t.draw_partition }</span>
                    { for (0..n).map(|r| {
                        let on_b = side_b & (1 << r) != 0;
                        let toggle = link.callback(move |_: MouseEvent| Msg::ui(ReplicaMsg::Toggle(r)));
                        html! {
                            <button class={classes!("side-toggle", on_b.then_some("b"))} aria-pressed={on_b.to_string()}
                                onclick={toggle} data-action="side-toggle" data-replica-side={r.to_string()}>
                                { format!("S{r} {}", if on_b { "B" } else { "A" }) }
                            </button>
                        }
                    }) }
                    <button onclick={cmd(split)} data-action="split" disabled={!can_split}>{ split_label }</button>
                </div>
            }
            <p class="muted small">{ t.legend }</p>
        </div>
    }
}

/// The client: add to the cart, read it from the selected replica, and what
/// the last read of the cart got.
fn view_client(page: &Page<Replication>, link: &Link) -> Html {
    let t = text(page);
    let lab = page.host.main().lab();
    let selected = page.ui.selected.min(lab.config().replicas.saturating_sub(1));
    let write = link.callback(|_: MouseEvent| Msg::command(Command::Write { key: CART, via: None }));
    let read =
        link.callback(move |_: MouseEvent| Msg::command(Command::Read { key: CART, from: Some(selected) }));
    let last = lab.trace().recent().rev().find_map(|e| match e.event {
        ReplEvent::Read { key: CART, version, newest, from, .. } => Some((from, version, newest)),
        _ => None,
    });
    html! {
        <section class="client-panel" aria-labelledby="client-title">
            <h3 id="client-title">{ t.client }</h3>
            <div class="buttons">
                <button onclick={write} data-action="add-item">{ t.add_item }</button>
                <button onclick={read} data-action="read-cart">{ fill(t.read_from_replica, &[&format!("S{selected}")]) }</button>
            </div>
            if let Some((from, version, newest)) = last {
                <p role="status" data-testid="last-read" class={classes!((version < newest).then_some("stale"))}>
                    { fill(t.last_read, &[&format!("S{from}"), &version, &newest]) }
                    if version < newest {
                        { " " }<strong>{ t.stale }</strong>
                    }
                </p>
            }
        </section>
    }
}

fn view_charts(page: &Page<Replication>) -> Html {
    let t = text(page);
    let mut availability = Vec::new();
    let mut commits = Vec::new();
    let dashes = ["", "4 3", "1 3", "6 2 1 2", "2 2", "8 3", "3 1", "5 5", "1 1"];
    for (i, lab) in page.labs().enumerate() {
        let style = ([BLUE, VERMILLION][i], ["", "4 3"][i]);
        availability.push(page.series_line(i, label(t.words.metrics, "availability"), style, |p| {
            (p.answered + p.failed > 0).then(|| f64::from(p.answered) / f64::from(p.answered + p.failed))
        }));
        let pts: Vec<(SimTime, Point)> =
            lab.series().points().rev().take(CHART_WINDOWS).rev().cloned().collect();
        if i == 0 {
            let n = pts.last().map_or(0, |(_, p)| p.commits.len());
            for r in 0..n {
                commits.push(Line {
                    label: format!("S{r}"),
                    color: crate::render::ring::PALETTE[r % crate::render::ring::PALETTE.len()],
                    dash: dashes[r % dashes.len()],
                    points: pts
                        .iter()
                        .map(|(at, p)| (at.as_secs_f64(), p.commits.get(r).copied().unwrap_or(0) as f64))
                        .collect(),
                });
            }
        }
    }
    html! {
        <div class="charts">
            { chart(t.availability_title, &availability) }
            { chart(t.commits_title, &commits) }
        </div>
    }
}
