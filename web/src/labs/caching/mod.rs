//! The caching lab's page: clients, a load balancer, servers whose caches are
//! drawn slot by slot (hits flash, new keys slide in, evicted keys fade out),
//! an optional shared cache tier and the database; requests fly between them
//! on a canvas; charts of the hit ratio and the database's load. The rest is
//! the shared [`LabPage`](crate::labs::page::LabPage).

mod bn;
mod en;
pub mod text;

use crate::components::{chart, choice, exact, input_number, num};
use crate::i18n::{LabWords, fill, label};
use crate::labs::host::WebLab;
use crate::labs::page::{LabPage, LabUi, Msg, Page, bar_fill, size};
use crate::render::canvas::{BLUE, GREY, VERMILLION};
use crate::render::geometry::Pt;
use crate::route::Lang;
use scalelab_core::input::Choice;
use scalelab_core::lab::Lab;
use scalelab_core::labs::caching::{
    CacheView, Caching, Command, Event as CachingEvent, Flight, Point, Routing, SAMPLE_WINDOW, Station, Tier,
    VIEW_KEYS,
};
use scalelab_core::numtext::Fixed;
use scalelab_core::{SimDuration, SimTime};
use text::Text;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, HtmlSelectElement};
use yew::html::Scope;
use yew::prelude::*;

/// How long (simulated) a hit, a new key or an eviction stays marked.
const MARK: SimDuration = SimDuration::from_ms(400);
/// Width of one cache slot, px (with its gap).
const SLOT: f64 = 26.0;

impl WebLab for Caching {
    fn describe(lang: Lang, event: &CachingEvent) -> Option<String> {
        text::describe(lang, event)
    }

    fn summarize(lang: Lang, second: &[Point]) -> Option<String> {
        let hits: u32 = second.iter().map(|p| p.hits).sum();
        let misses: u32 = second.iter().map(|p| p.misses).sum();
        let stale: u32 = second.iter().map(|p| p.stale).sum();
        // Slow runs are told request by request already.
        (hits + misses >= 20).then(|| fill(text::text(lang).second, &[&hits, &misses, &stale]))
    }
}

type Link = Scope<LabPage>;

/// Where things sit on one run's stage, in CSS pixels.
struct Stage {
    width: f64,
    height: f64,
    /// Per server: top of its card.
    rows: Vec<f64>,
    row_height: f64,
    clients: Pt,
    server_left: f64,
    server_right: f64,
    shared: Option<Pt>,
    /// The database box's left edge (where lanes end) and width.
    db: Pt,
    db_width: f64,
    /// A phone-sized stage: tiers get tighter boxes and smaller type.
    narrow: bool,
}

impl Stage {
    fn new(width: f64, servers: usize, slots: u32, shared: bool) -> Stage {
        let card = width * 0.44;
        let per_row = ((card - 16.0) / SLOT).floor().max(1.0);
        // Small caches are drawn slot by slot; big ones as a fill bar.
        let row_height = if slots as usize > VIEW_KEYS {
            78.0
        } else {
            44.0 + (f64::from(slots) / per_row).ceil().max(1.0) * SLOT
        };
        let height = (servers as f64 * row_height).max(150.0);
        let top = (height - servers as f64 * row_height) / 2.0;
        let mid = height / 2.0;
        // Narrow stages give the database a wider share so its name fits.
        let narrow = width < 420.0;
        let (db_x, db_width, shared_x) = if narrow { (0.80, 0.20, 0.735) } else { (0.84, 0.16, 0.75) };
        Stage {
            width,
            height,
            rows: (0..servers).map(|i| top + i as f64 * row_height).collect(),
            row_height,
            clients: Pt { x: width * 0.17, y: mid },
            server_left: width * 0.22,
            server_right: width * 0.66,
            shared: shared.then_some(Pt { x: width * shared_x, y: mid }),
            db: Pt { x: width * db_x, y: mid },
            db_width: width * db_width,
            narrow,
        }
    }

    fn server_y(&self, i: usize) -> f64 {
        self.rows.get(i).map_or(self.height / 2.0, |top| top + self.row_height / 2.0)
    }

    /// Where a request is at `now`, from the leg the core says it is on.
    /// A server is entered and left on its client side, and on its far side
    /// toward the shared cache and the database.
    fn flight_at(&self, f: &Flight, server: usize, now: SimTime) -> Pt {
        let y = self.server_y(server);
        let (into, out) = (Pt { x: self.server_left, y }, Pt { x: self.server_right, y });
        let shared = self.shared.unwrap_or(self.db);
        let point = |s: Station, other: Station| match s {
            Station::Client => self.clients,
            Station::Server if matches!(other, Station::Client | Station::Server) => into,
            Station::Server => out,
            Station::Shared => shared,
            Station::Database => self.db,
        };
        let (a, b, t) = f.at(now);
        point(a, b).lerp(point(b, a), t)
    }
}

fn text(page: &Page<Caching>) -> &'static Text {
    text::text(page.lang())
}

fn routing_name(t: &Text, r: Routing) -> &'static str {
    t.routings.name(r)
}

fn stage_of(page: &Page<Caching>, lab: &Caching) -> Stage {
    let cfg = lab.config();
    Stage::new(page.stage_width, lab.view().servers.len(), cfg.cache_capacity, cfg.shared_cache > 0)
}

impl LabUi for Caching {
    const SHOWN: &'static [&'static str] = &[
        "requests",
        "hits",
        "misses",
        "hit_ratio",
        "hit_ratio_che",
        "hit_ratio_before_change",
        "hit_ratio_after_change",
        "client_hits",
        "shared_hits",
        "latency_ms_mean",
        "latency_ms_p50",
        "latency_ms_p99",
        "db_requests",
        "stampede",
        "coalesced",
        "stale_reads",
        "expired",
        "evictions",
        "keys_remapped",
    ];
    const LIVE: &'static [&'static str] = &["rate"];
    type Ui = ();
    type UiMsg = ();

    fn words(lang: Lang) -> &'static LabWords {
        &text::text(lang).words
    }

    fn choices(lang: Lang, setting: &str) -> Option<Vec<(&'static str, &'static str)>> {
        let t = text::text(lang);
        match setting {
            "routing" => Some(t.routings.options()),
            "cache-policy" => Some(t.policies.options()),
            "coalesce" => Some(t.coalesces.options()),
            _ => None,
        }
    }

    fn draw(page: &Page<Self>) {
        for (i, lab) in page.labs().enumerate() {
            let Some(el) = page.canvases[i].cast::<HtmlCanvasElement>() else { continue };
            let stage = stage_of(page, lab);
            let Some(ctx) = crate::render::canvas::prepare(&el, stage.width, stage.height) else { continue };
            draw_stage(&ctx, &stage, lab, page.reduced_motion);
        }
    }

    fn body(page: &Page<Self>, link: &Link) -> Html {
        html! {
            <>
                <div class={classes!("cache-runs", page.comparing().then_some("two"))}>
                    { for (0..page.host.runs.len()).map(|i| view_run(page, i)) }
                </div>
                { view_controls(page, link) }
                { view_note(page) }
                { view_charts(page) }
            </>
        }
    }

    fn update_ui(_page: &mut Page<Self>, _msg: ()) -> bool {
        false
    }
}

/// Lanes and requests in flight, in three batched paths (one per colour).
fn draw_stage(ctx: &CanvasRenderingContext2d, stage: &Stage, lab: &Caching, reduced_motion: bool) {
    let view = lab.view();
    ctx.set_stroke_style_str("#d9d5cc");
    ctx.set_line_width(1.0);
    ctx.begin_path();
    for i in 0..view.servers.len() {
        let y = stage.server_y(i);
        ctx.move_to(stage.clients.x, stage.clients.y);
        ctx.line_to(stage.server_left, y);
        let end = stage.shared.unwrap_or(stage.db);
        ctx.move_to(stage.server_right, y);
        ctx.line_to(end.x, end.y);
    }
    if let Some(sh) = stage.shared {
        ctx.move_to(sh.x, sh.y);
        ctx.line_to(stage.db.x, stage.db.y);
    }
    ctx.stroke();
    if reduced_motion {
        return;
    }
    let index = |id: u32| view.servers.iter().position(|s| s.id == id).unwrap_or(0);
    for (color, pick) in [(GREY, None), (BLUE, Some(true)), (VERMILLION, Some(false))] {
        ctx.set_fill_style_str(color);
        ctx.begin_path();
        for f in &view.flights {
            let hit = f.tier.map(|t| t != Tier::Database);
            if hit != pick {
                continue;
            }
            let p = stage.flight_at(f, index(f.server), view.now);
            ctx.move_to(p.x + 4.0, p.y);
            let _ = ctx.arc(p.x, p.y, 4.0, 0.0, std::f64::consts::TAU);
        }
        ctx.fill();
    }
}

/// A cache's slots: keys in eviction order, the last hit flashing, the
/// newest sliding in, the last evicted fading out.
fn slots(cache: &CacheView, now: SimTime, t: &Text, shown: usize) -> Html {
    let recent =
        |m: Option<(u64, SimTime)>| m.filter(|(_, at)| now.0.saturating_sub(at.0) < MARK.0).map(|(k, _)| k);
    let hit = recent(cache.last_hit);
    let put = recent(cache.last_put);
    let evicted = recent(cache.last_evicted);
    if cache.capacity as usize > shown {
        let len = cache.len;
        let full = len as f64 / f64::from(cache.capacity.max(1));
        return html! {
            <div class="cache-fill">
                <div class="bar"><span style={bar_fill(full)}></span></div>
                <span class="small">{ fill(t.cached_of, &[&len, &cache.capacity]) }</span>
            </div>
        };
    }
    let empty = (cache.capacity as usize).saturating_sub(cache.keys.len());
    html! {
        <ol class="slots" aria-label={fill(t.cached_of, &[&cache.len, &cache.capacity])}>
            if let Some(k) = evicted {
                <li class="slot evicted" aria-hidden="true">{ k }</li>
            }
            { for cache.keys.iter().map(|&k| {
                let class = classes!("slot", (Some(k) == hit).then_some("hit"), (Some(k) == put).then_some("put"));
                html! { <li class={class} data-key={k.to_string()}>{ k }</li> }
            }) }
            { for (0..empty).map(|_| html! { <li class="slot free" aria-hidden="true"></li> }) }
        </ol>
    }
}

fn view_run(page: &Page<Caching>, run: usize) -> Html {
    let t = text(page);
    let lab = page.host.runs[run].session.lab();
    let view = lab.view();
    let stage = stage_of(page, lab);
    let shown = VIEW_KEYS;
    let box_at = |x: f64, w: f64| {
        format!("left:{}px;width:{}px;top:50%;transform:translateY(-50%)", Fixed(x, 0), Fixed(w, 0))
    };
    html! {
        <figure class="cache-run" data-run={run.to_string()}>
            if page.comparing() {
                <figcaption>{ Caching::caption(page, run) }</figcaption>
            }
            <div class="cache-stage" ref={page.stage_ref_for(run)} style={format!("height:{}px", Fixed(stage.height, 0))}>
                <canvas ref={page.canvases[run].clone()} class="lanes" aria-hidden="true"
                    style={size(stage.width, stage.height)}></canvas>
                <div class="tier clients" style={box_at(0.0, stage.width * 0.17)}>
                    <strong>{ t.clients }</strong>
                    if let Some(c) = &view.client {
                        <span class="small">{ t.client_cache }</span>
                        { slots(c, view.now, t, 12) }
                    }
                </div>
                { for view.servers.iter().enumerate().map(|(i, s)| {
                    let total = s.hits + s.misses;
                    let ratio = if total == 0 { "—".to_owned() } else { num(s.hits as f64 / total as f64, 3) };
                    html! {
                        <div class="cache-card" data-server={s.id.to_string()}
                            style={format!("left:{}px;width:{}px;top:{}px;height:{}px",
                                Fixed(stage.server_left, 0), Fixed(stage.server_right - stage.server_left, 0),
                                Fixed(stage.rows[i] + 3.0, 0), Fixed(stage.row_height - 6.0, 0))}>
                            <div class="head">
                                <strong>{ format!("S{}", s.id) }</strong>
                                <span class="small">{ fill(t.hit_ratio_of, &[&ratio]) }</span>
                            </div>
                            { slots(&s.cache, view.now, t, shown) }
                        </div>
                    }
                }) }
                if let (Some(sh), Some(p)) = (&view.shared, stage.shared) {
                    <div class="tier shared" style={box_at(p.x - stage.width * 0.055, stage.width * 0.11)}>
                        <strong>{ t.shared }</strong>
                        { slots(sh, view.now, t, 12) }
                    </div>
                }
                <div class={classes!("tier", "db", stage.narrow.then_some("tight"))}
                    style={box_at(stage.db.x, stage.db_width)}>
                    <strong>{ t.database }</strong>
                </div>
            </div>
        </figure>
    }
}

fn view_controls(page: &Page<Caching>, link: &Link) -> Html {
    let t = text(page);
    let lab = page.host.main().lab();
    let cfg = lab.config();
    let servers: Vec<u32> = lab.view().servers.iter().map(|s| s.id).collect();
    let last = servers.last().copied().unwrap_or(0);
    let on_setting = |name: &'static str| {
        link.callback(move |e: Event| {
            Msg::Setting(name.into(), e.target_unchecked_into::<HtmlSelectElement>().value())
        })
    };
    let on_rate = link.callback(|e: Event| Msg::command(Command::SetRate(input_number(&e, 1.0))));
    let other = if cfg.routing == Routing::Ring { Routing::Modulo } else { Routing::Ring };
    let comparing = page.comparing();
    let on_compare = link.callback(move |_: Event| {
        Msg::Compare((!comparing).then(|| ("routing".to_owned(), other.name().to_owned())))
    });
    let hot = cfg.trace.first().copied().unwrap_or(0);
    let rate_max = if lab.rate() > 500.0 { 5_000 } else { 500 };
    html! {
        <div class="controls">
            { choice(t.routing, "routing", &t.routings, cfg.routing, on_setting("routing")) }
            { choice(t.policy, "cache-policy", &t.policies, cfg.cache_policy, on_setting("cache-policy")) }
            { choice(t.coalesce, "coalesce", &t.coalesces, cfg.coalesce, on_setting("coalesce")) }
            <div class="buttons">
                <button onclick={link.callback(|_| Msg::command(Command::AddServer))} data-action="add-server">{ t.add_server }</button>
                <button onclick={link.callback(move |_| Msg::command(Command::RemoveServer(last)))} data-action="remove-server"
                    disabled={servers.len() < 2}>{ fill(t.remove_server, &[&format!("S{last}")]) }</button>
                <button onclick={link.callback(move |_| Msg::command(Command::Write(hot)))} data-action="write">{ fill(t.write_key, &[&hot]) }</button>
                <label class="check">
                    <input type="checkbox" checked={comparing} onchange={on_compare} data-action="compare"/>
                    { fill(t.compare_with, &[&routing_name(t, other)]) }
                </label>
            </div>
            <label class="rate">
                <span>{ t.rate }</span>
                <input type="range" min="1" max={rate_max.to_string()} step="1" value={exact(lab.rate())} onchange={on_rate} data-action="rate"/>
                <output>{ num(lab.rate(), 1) }</output>
            </label>
            <p class="muted small">{ t.legend }</p>
        </div>
    }
}

/// After a membership change: the hit ratio just before and just after.
fn view_note(page: &Page<Caching>) -> Html {
    let t = text(page);
    let m = page.host.main().lab().metrics();
    let Some(after) = m.hit_ratio_after_change else { return html! {} };
    html! {
        <div class="notice" role="status" data-testid="change-note">
            <p>{ fill(t.change_note, &[&num(m.hit_ratio_before_change, 3), &num(after, 3)]) }</p>
        </div>
    }
}

fn view_charts(page: &Page<Caching>) -> Html {
    let t = text(page);
    let window_s = SAMPLE_WINDOW.as_secs_f64();
    let (mut hits, mut db) = (Vec::new(), Vec::new());
    for i in 0..page.host.runs.len() {
        let dash = ["", "4 3"][i];
        hits.push(page.series_line(i, label(t.words.metrics, "hit_ratio"), (BLUE, dash), |p| {
            (p.hits + p.misses > 0).then(|| f64::from(p.hits) / f64::from(p.hits + p.misses))
        }));
        db.push(page.series_line(i, label(t.words.metrics, "db_requests"), (VERMILLION, dash), |p| {
            Some(f64::from(p.db_reads) / window_s)
        }));
    }
    html! {
        <div class="charts">
            { chart(t.hit_title, &hits) }
            { chart(t.db_title, &db) }
        </div>
    }
}
