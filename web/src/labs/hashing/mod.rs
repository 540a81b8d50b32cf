//! The hashing lab's page: the ring with its nodes, keys and lookups; the
//! share of the key space as a pie and keys per node as bars; controls to add
//! and remove nodes and change strategy. The rest is the shared
//! [`LabPage`](crate::labs::page::LabPage).

mod bn;
mod en;
pub mod text;

use crate::components::{Bar, Slice, bars, chart, choice, exact, input_number, num, pie};
use crate::i18n::{LabWords, fill, label};
use crate::labs::host::WebLab;
use crate::labs::page::{LabPage, LabUi, Msg, Page, size};
use crate::render::canvas::{BLUE, VERMILLION};
use crate::render::ring::{self, RingGeom, RingScene, node_color};
use crate::route::Lang;
use scalelab_core::SimTime;
use scalelab_core::input::Choice;
use scalelab_core::lab::Lab;
use scalelab_core::labs::hashing::{Command, Event as HashingEvent, Hashing, Point, SAMPLE_WINDOW, Strategy};
use std::cell::Cell;
use text::Text;
use web_sys::{HtmlCanvasElement, HtmlSelectElement};
use yew::html::Scope;
use yew::prelude::*;

/// How long moved keys fly to their new owner, in real milliseconds.
const MOVE_MS: f64 = 1_200.0;
/// The most key dots drawn per ring (the numbers always count every key).
const KEYS_DRAWN: usize = 2_000;

impl WebLab for Hashing {
    fn describe(lang: Lang, event: &HashingEvent) -> Option<String> {
        text::describe(lang, event)
    }

    fn summarize(_lang: Lang, _second: &[Point]) -> Option<String> {
        // Lookups are steady; what matters (moves) is in the events.
        None
    }
}

/// The page's own state.
#[derive(Default)]
pub struct RingUi {
    /// The node the remove button acts on (none chosen: the newest).
    node: Option<u32>,
    /// Per run: the change being animated and when (real ms) it was first drawn.
    seen: [Cell<Option<(SimTime, f64)>>; 2],
}

/// The page's own messages.
pub enum HashingMsg {
    /// Pick the node to remove.
    Select(u32),
}

type Link = Scope<LabPage>;

fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

impl RingUi {
    /// How far run `run`'s moved keys have flown (1 when done, or with reduced motion).
    fn moving(&self, run: usize, changed_at: Option<SimTime>, reduced_motion: bool) -> f64 {
        let Some(at) = changed_at else { return 1.0 };
        if reduced_motion {
            return 1.0;
        }
        let cell = &self.seen[run];
        let started = match cell.get() {
            Some((t, started)) if t == at => started,
            _ => {
                let now = now_ms();
                cell.set(Some((at, now)));
                now
            }
        };
        ((now_ms() - started) / MOVE_MS).clamp(0.0, 1.0)
    }
}

impl LabUi for Hashing {
    const SHOWN: &'static [&'static str] = &[
        "keys",
        "nodes_before",
        "nodes_after",
        "keys_moved",
        "keys_moved_fraction",
        "ideal_moved_fraction",
        "moved_to_changed_nodes_fraction",
        "last_change_keys_moved",
        "load_max_over_mean",
        "load_cv",
        "share",
        "keys_per_node",
        "lookups",
        "lookups_missed",
    ];
    const LIVE: &'static [&'static str] = &["rate"];
    type Ui = RingUi;
    type UiMsg = HashingMsg;

    fn words(lang: Lang) -> &'static LabWords {
        &text::text(lang).words
    }

    fn choices(lang: Lang, setting: &str) -> Option<Vec<(&'static str, &'static str)>> {
        let t = text::text(lang);
        match setting {
            "strategy" => Some(t.strategies.options()),
            "key-hash" => Some(t.key_hashes.options()),
            _ => None,
        }
    }

    fn draw(page: &Page<Self>) {
        for (i, lab) in page.labs().enumerate() {
            let Some(el) = page.canvases[i].cast::<HtmlCanvasElement>() else { continue };
            let g = geom(page);
            let Some(ctx) = crate::render::canvas::prepare(&el, g.side, g.side) else { continue };
            let view = lab.view();
            let keys = lab.key_sample(KEYS_DRAWN);
            let scene = RingScene {
                ring_size: view.ring_size,
                nodes: &view.nodes,
                keys: &keys,
                moving: page.ui.moving(i, view.changed_at, page.reduced_motion),
                now: lab.now(),
            };
            ring::draw(&ctx, &g, &scene, lab.flights());
        }
    }

    fn body(page: &Page<Self>, link: &Link) -> Html {
        html! {
            <>
                <div class={classes!("rings", page.comparing().then_some("two"))}>
                    { for (0..page.host.runs.len()).map(|i| view_run(page, i)) }
                </div>
                { view_controls(page, link) }
                { view_notes(page) }
                { view_chart(page) }
            </>
        }
    }

    fn update_ui(page: &mut Page<Self>, msg: HashingMsg) -> bool {
        match msg {
            HashingMsg::Select(n) => page.ui.node = Some(n),
        }
        true
    }

    fn animating(page: &Page<Self>) -> bool {
        page.labs()
            .enumerate()
            .any(|(i, lab)| page.ui.moving(i, lab.view().changed_at, page.reduced_motion) < 1.0)
    }
}

fn text(page: &Page<Hashing>) -> &'static Text {
    text::text(page.lang())
}

fn strategy_name(t: &Text, s: Strategy) -> &'static str {
    t.strategies.name(s)
}

fn geom(page: &Page<Hashing>) -> RingGeom {
    // `stage_width` is one run's own box (each run has its own when two
    // are compared). Beside the pie and bars when there is room, alone on
    // narrow screens (`RingGeom` keeps it between 260 and 520 px).
    let w = page.stage_width;
    let width = if w >= 760.0 { w * 0.58 } else { w };
    RingGeom::new(width - 8.0)
}

fn view_run(page: &Page<Hashing>, run: usize) -> Html {
    let t = text(page);
    let lab = page.host.runs[run].session.lab();
    let view = lab.view();
    let g = geom(page);
    let slices: Vec<Slice> = view
        .nodes
        .iter()
        .map(|n| Slice { label: format!("S{}", n.id), color: node_color(n.id), value: n.share })
        .collect();
    let mean = view.nodes.iter().map(|n| n.keys as f64).sum::<f64>() / view.nodes.len().max(1) as f64;
    let bar_list: Vec<Bar> = view
        .nodes
        .iter()
        .map(|n| Bar {
            label: format!("S{}", n.id),
            color: node_color(n.id),
            value: n.keys as f64,
            text: n.keys.to_string(),
        })
        .collect();
    html! {
        <figure class="ring-wrap" data-run={run.to_string()}>
            if page.comparing() {
                <figcaption>{ Hashing::caption(page, run) }</figcaption>
            }
            <div class="ring-body" ref={page.stage_ref_for(run)}>
                <canvas ref={page.canvases[run].clone()} class="ring" role="img"
                    aria-label={format!("{}: {}", t.words.title, t.legend)}
                    style={size(g.side, g.side)}></canvas>
                <div class="ring-side">
                    { pie(t.shares_title, &slices) }
                    { bars(t.keys_title, &bar_list, Some(mean)) }
                </div>
            </div>
            if !view.strategy.uses_ring() {
                <p class="muted small">{ t.no_ring }</p>
            }
        </figure>
    }
}

fn view_controls(page: &Page<Hashing>, link: &Link) -> Html {
    let t = text(page);
    let lab = page.host.main().lab();
    let cfg = lab.config();
    let nodes: Vec<u32> = lab.view().nodes.iter().map(|n| n.id).collect();
    let newest = nodes.last().copied().unwrap_or(0);
    let selected = page.ui.node.filter(|n| nodes.contains(n)).unwrap_or(newest);
    let on_strategy = link.callback(|e: Event| {
        Msg::Setting("strategy".into(), e.target_unchecked_into::<HtmlSelectElement>().value())
    });
    let on_rate = link.callback(|e: Event| Msg::command(Command::SetRate(input_number(&e, 0.0))));
    let on_select = link.callback(|e: Event| {
        Msg::ui(HashingMsg::Select(
            e.target_unchecked_into::<HtmlSelectElement>().value().parse().unwrap_or(0),
        ))
    });
    let other = if cfg.strategy == Strategy::Ring { Strategy::Modulo } else { Strategy::Ring };
    let comparing = page.comparing();
    let on_compare = link.callback(move |_: Event| {
        Msg::Compare((!comparing).then(|| ("strategy".to_owned(), other.name().to_owned())))
    });
    let name = format!("S{selected}");
    html! {
        <div class="controls">
            { choice(t.strategy, "strategy", &t.strategies, cfg.strategy, on_strategy) }
            <div class="buttons">
                <button onclick={link.callback(|_| Msg::command(Command::AddNode))} data-action="add-node">{ t.add_node }</button>
                <select onchange={on_select} aria-label={fill(t.remove_node, &[&""])} data-action="pick-node">
                    { for nodes.iter().map(|&n| html! { <option value={n.to_string()} selected={n == selected}>{ format!("S{n}") }</option> }) }
                </select>
                <button onclick={link.callback(move |_| Msg::command(Command::RemoveNode(selected)))} data-action="remove-node"
                    disabled={nodes.len() < 2}>{ fill(t.remove_node, &[&name]) }</button>
                <label class="check">
                    <input type="checkbox" checked={comparing} onchange={on_compare} data-action="compare"/>
                    { fill(t.compare_with, &[&strategy_name(t, other)]) }
                </label>
            </div>
            <label class="rate">
                <span>{ t.rate }</span>
                <input type="range" min="0" max="500" step="5" value={exact(lab.rate())} onchange={on_rate} data-action="rate"/>
                <output>{ num(lab.rate(), 1) }</output>
            </label>
            <p class="muted small">{ t.legend }</p>
        </div>
    }
}

/// What moved, in words: and under modulo, why the seed's tally says 100%.
fn view_notes(page: &Page<Hashing>) -> Html {
    let t = text(page);
    let lab = page.host.main().lab();
    let m = lab.metrics();
    if m.keys_moved == 0 {
        return html! {};
    }
    let pct = |x: f64| format!("{}%", num(x * 100.0, 1));
    html! {
        <div class="notice" role="status" data-testid="moved-note">
            <p>{ fill(t.moved_note, &[&m.keys_moved, &m.keys, &pct(m.keys_moved_fraction), &pct(m.ideal_moved_fraction)]) }</p>
            if lab.config().strategy == Strategy::Modulo {
                <p>{ fill(t.modulo_tally, &[&pct(m.keys_moved_fraction)]) }</p>
            }
        </div>
    }
}

fn view_chart(page: &Page<Hashing>) -> Html {
    let t = text(page);
    let window_s = SAMPLE_WINDOW.as_secs_f64();
    let mut lines = Vec::new();
    for i in 0..page.host.runs.len() {
        let dash = ["", "4 3"][i];
        lines.push(page.series_line(i, label(t.words.metrics, "lookups"), (BLUE, dash), |p| {
            Some(f64::from(p.lookups) / window_s)
        }));
        lines.push(page.series_line(i, label(t.words.metrics, "lookups_missed"), (VERMILLION, "1 3"), |p| {
            Some(f64::from(p.missed) / window_s)
        }));
    }
    html! { <div class="charts">{ chart(t.lookups_title, &lines) }</div> }
}
