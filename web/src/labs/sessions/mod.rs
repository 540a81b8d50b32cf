//! The sessions lab's page: the users as a crowd of dots coloured by the
//! server that answered them last, the load balancer, the app servers as
//! cards (sessions against their memory, connections) and the store nodes
//! (partition, primary or backup), with requests and store messages in the
//! shared flight layer; controls for where sessions live, how the balancer
//! routes and HTTP or TCP; a panel for one user, showing every copy of its
//! cart; charts of forced logins and latency. The rest is the shared
//! [`LabPage`](crate::labs::page::LabPage).

mod bn;
mod en;
pub mod text;

use crate::components::{Icon, Line, chart, choice, icon};
use crate::i18n::{LabWords, fill, label};
use crate::labs::host::WebLab;
use crate::labs::page::{LabPage, LabUi, Msg, Page, bar_fill};
use crate::render::canvas::{BLUE, FlightLayer, GREEN, GREY, Mark, Shape, Style, VERMILLION};
use crate::render::geometry::Pt;
use crate::render::ring::PALETTE;
use crate::route::Lang;
use scalelab_core::SimTime;
use scalelab_core::input::Choice;
use scalelab_core::lab::Lab;
use scalelab_core::labs::replication::Place;
use scalelab_core::labs::sessions::{
    Command, Connection, Event as SessEvent, Holder, Point, ServerView, Sessions, State, StoreNodeView,
};
use scalelab_core::numtext::Fixed;
use std::cell::RefCell;
use text::Text;
use web_sys::{Element, HtmlCanvasElement, HtmlInputElement, HtmlSelectElement};
use yew::html::Scope;
use yew::prelude::*;

/// Okabe–Ito reddish purple, for store messages.
const PURPLE: &str = "#CC79A7";
/// How long a user who lost its session or cart is marked, in the crowd.
const LOST_MARK: SimTime = SimTime::from_ms(1_000);

impl WebLab for Sessions {
    fn describe(lang: Lang, event: &SessEvent) -> Option<String> {
        text::describe(lang, event)
    }

    fn summarize(lang: Lang, second: &[Point]) -> Option<String> {
        let answered: u32 = second.iter().map(|p| p.answered).sum();
        let failed: u32 = second.iter().map(|p| p.failed).sum();
        let forced: u32 = second.iter().map(|p| p.forced_logins).sum();
        (failed + forced > 0).then(|| fill(text::text(lang).second, &[&answered, &failed, &forced]))
    }
}

/// What a crowd was drawn for: the tenth of a second, the losses so far,
/// the canvas's width and height.
type CrowdKey = (u64, u64, u32, u32);

/// The page's own state.
#[derive(Default)]
pub struct SessionsUi {
    /// The user the panel shows and acts for.
    user: u32,
    /// Per run, the canvas the crowd of users is drawn on.
    crowd: [NodeRef; 2],
    /// The crowd's pixels, and per run what they were last drawn for: the
    /// crowd changes only as answers come in, so it is drawn again only when
    /// time has moved on by a tenth of a second, a session or cart was lost, or the
    /// stage changed size, not on every frame.
    crowd_layer: RefCell<(FlightLayer, [Option<CrowdKey>; 2])>,
}

/// The page's own messages.
pub enum SessionsMsg {
    /// Show and act for this user.
    Pick(u32),
}

type Link = Scope<LabPage>;

fn text(page: &Page<Sessions>) -> &'static Text {
    text::text(page.lang())
}

impl LabUi for Sessions {
    const SHOWN: &'static [&'static str] = &[
        "requests",
        "success_ratio",
        "forced_logins",
        "stale_carts",
        "carts_lost",
        "sessions_lost",
        "users_moved",
        "users_moved_fraction",
        "store_requests",
        "store_failures",
        "reconnects",
        "latency_ms_p50",
        "latency_ms_p99",
        "machines",
        "cost_per_hour",
        "users_active",
    ];
    const LIVE: &'static [&'static str] = &[];
    type Ui = SessionsUi;
    type UiMsg = SessionsMsg;

    fn words(lang: Lang) -> &'static LabWords {
        &text::text(lang).words
    }

    fn choices(lang: Lang, setting: &str) -> Option<Vec<(&'static str, &'static str)>> {
        let t = text::text(lang);
        match setting {
            "state" => Some(t.states.options()),
            "routing" => Some(t.routings.options()),
            "connection" => Some(t.connections.options()),
            "store-replication" => Some(t.replications.options()),
            "store-placement" => Some(t.placements.options()),
            _ => None,
        }
    }

    fn draw(page: &Page<Self>) {
        for (i, lab) in page.labs().enumerate() {
            let Some(el) = page.canvases[i].cast::<HtmlCanvasElement>() else { continue };
            draw_stage(&el, &mut page.flight_layer.borrow_mut(), lab, page.reduced_motion);
            if let Some(crowd) = page.ui.crowd[i].cast::<HtmlCanvasElement>() {
                let (layer, drawn) = &mut *page.ui.crowd_layer.borrow_mut();
                draw_crowd(&crowd, layer, &mut drawn[i], lab);
            }
        }
    }

    fn body(page: &Page<Self>, link: &Link) -> Html {
        html! {
            <>
                <div class={classes!("repl-runs", page.comparing().then_some("two"))}>
                    { for (0..page.host.runs.len()).map(|i| view_run(page, link, i)) }
                </div>
                { view_controls(page, link) }
                { view_user(page, link) }
                { view_charts(page) }
            </>
        }
    }

    fn update_ui(page: &mut Page<Self>, msg: SessionsMsg) -> bool {
        match msg {
            SessionsMsg::Pick(u) => page.ui.user = u.min(page.host.main().config().users.saturating_sub(1)),
        }
        true
    }

    fn animating(page: &Page<Self>) -> bool {
        page.host.playing
    }
}

/// The crowd's grid for `users` dots across `width` CSS pixels: the side of
/// one cell and how many cells a row holds.
fn crowd_grid(width: f64, users: u32) -> (f64, u32) {
    let area = width.max(60.0) * 120.0 / f64::from(users.max(1));
    let cell = area.sqrt().floor().clamp(3.0, 14.0);
    (cell, ((width.max(60.0) / cell).floor() as u32).max(1))
}

/// The crowd's height for `users` dots across `width`.
fn crowd_height(width: f64, users: u32) -> f64 {
    let (cell, cols) = crowd_grid(width, users);
    f64::from(users.div_ceil(cols)) * cell
}

fn view_run(page: &Page<Sessions>, link: &Link, run: usize) -> Html {
    let t = text(page);
    let lab = page.host.runs[run].session.lab();
    let view = lab.view();
    let cfg = lab.config();
    let now = lab.now();
    let (mut active, mut logged_in, mut lost) = (0, 0, 0);
    for u in lab.users() {
        active += u32::from(u.active);
        logged_in += u32::from(u.logged_in);
        lost += u32::from(u.lost_at.is_some_and(|at| now.since(at).0 < LOST_MARK.0));
    }
    let height = crowd_height(page.stage_width, cfg.users);
    html! {
        <figure class="repl-wrap" data-run={run.to_string()}>
            if page.comparing() {
                <figcaption>{ Sessions::caption(page, run) }</figcaption>
            }
            <div class="repl-stage sess-stage" ref={page.stage_ref_for(run)}>
                <canvas ref={page.canvases[run].clone()} class="flights" aria-hidden="true"></canvas>
                <div class="crowd" role="img" style={format!("height:{}px", Fixed(height, 0))}
                    aria-label={fill(t.crowd, &[&active, &logged_in, &lost])}>
                    <canvas ref={page.ui.crowd[run].clone()} aria-hidden="true"></canvas>
                </div>
                <p class="lb-pill">{ fill(t.balancer, &[&t.routings.name(cfg.routing)]) }</p>
                <div class="replicas sess-servers" aria-label={t.app_servers} role="group">
                    { for view.servers.iter().filter(|s| !s.removed).map(|s| view_server(page, link, s, run)) }
                </div>
                if !view.store.is_empty() {
                    <p class="muted small sess-store-title">{ t.store_title }</p>
                    <div class="replicas sess-store" aria-label={t.store_title} role="group">
                        { for view.store.iter().map(|d| view_store_node(page, link, d, view.replicas_per_partition > 1, run)) }
                    </div>
                }
            </div>
        </figure>
    }
}

fn view_server(page: &Page<Sessions>, link: &Link, s: &ServerView, run: usize) -> Html {
    let t = text(page);
    let cfg = page.host.runs[run].session.config();
    let id = s.id;
    let name = format!("S{id}");
    let (state, class) = match (s.up, s.draining) {
        (false, _) => (t.down, "down"),
        (true, true) => (t.draining, "candidate"),
        (true, false) => (t.up, "follower"),
    };
    let limit = cfg.server_memory_sessions;
    let sessions =
        if limit > 0 { fill(t.memory, &[&s.sessions, &limit]) } else { fill(t.sessions, &[&s.sessions]) };
    let full = if limit > 0 { (f64::from(s.sessions) / f64::from(limit)).min(1.0) } else { 0.0 };
    let cmd = |c: Command| {
        link.callback(move |e: MouseEvent| {
            e.stop_propagation();
            Msg::command(c.clone())
        })
    };
    let toggle = if s.up { Command::Crash(id) } else { Command::Restart(id) };
    let toggle_label = fill(if s.up { t.crash } else { t.restart }, &[&name]);
    html! {
        <div class={classes!("replica", class)} data-server={id.to_string()} role="group"
            aria-label={format!("{name}: {state}, {sessions}")}>
            <span class="replica-title" style={format!("--c:{}", PALETTE[id as usize % PALETTE.len()])}>
                <span class="swatch" aria-hidden="true"></span>
                <span>{ name.clone() }</span>
                <span class="badge">{ state }</span>
                if run == 0 {
                    <button class="replica-action" onclick={cmd(toggle)} aria-label={toggle_label.clone()}
                        title={toggle_label} data-action={if s.up { "crash" } else { "restart" }}>
                        { icon(if s.up { Icon::Power } else { Icon::Restart }) }
                    </button>
                }
            </span>
            if cfg.state == State::InMemory {
                <span class="small">{ sessions }</span>
                if limit > 0 {
                    <span class="memory" aria-hidden="true"><i style={bar_fill(full)}></i></span>
                }
            }
            if cfg.connection == Connection::Tcp {
                <span class="small">{ fill(t.connections_on, &[&s.connections]) }</span>
            }
            if run == 0 && s.up {
                <span class="sess-card-actions">
                    if !s.draining {
                        <button class="link" onclick={cmd(Command::Drain(id))} data-action="drain">{ fill(t.drain, &[&name]) }</button>
                    }
                    <button class="link" onclick={cmd(Command::Remove(id))} data-action="remove">{ fill(t.remove, &[&name]) }</button>
                </span>
            }
        </div>
    }
}

fn view_store_node(
    page: &Page<Sessions>,
    link: &Link,
    d: &StoreNodeView,
    replicated: bool,
    run: usize,
) -> Html {
    let t = text(page);
    let name = format!("D{}", d.id);
    let (role, class) = match (d.up, d.primary) {
        (false, _) => (t.down, "down"),
        (true, true) => (t.primary, "leader"),
        (true, false) => (t.backup, "follower"),
    };
    let toggle = if d.up { Command::CrashStore(d.id) } else { Command::RestartStore(d.id) };
    let toggle_label = fill(if d.up { t.crash } else { t.restart }, &[&name]);
    let on_toggle = link.callback(move |_: MouseEvent| Msg::command(toggle.clone()));
    html! {
        <div class={classes!("replica", class)} data-store={d.id.to_string()} role="group"
            aria-label={format!("{name}: {role}, {}", fill(t.partition, &[&d.partition]))}>
            <span class="replica-title">
                <span>{ name }</span>
                if replicated || !d.up {
                    <span class="badge">{ role }</span>
                }
                if run == 0 {
                    <button class="replica-action" onclick={on_toggle} aria-label={toggle_label.clone()}
                        title={toggle_label} data-action={if d.up { "crash-store" } else { "restart-store" }}>
                        { icon(if d.up { Icon::Power } else { Icon::Restart }) }
                    </button>
                }
            </span>
            <span class="muted small">{ fill(t.partition, &[&d.partition]) }</span>
            <span class="small">{ fill(t.entries, &[&d.entries]) }</span>
        </div>
    }
}

/// Where things are on the stage, in CSS pixels from its top left corner.
struct Spots {
    crowd_left: f64,
    frame_left: f64,
    frame_top: f64,
    crowd_top: f64,
    cell: f64,
    cols: u32,
}

impl Spots {
    fn user(&self, u: u32) -> Pt {
        let (row, col) = (u / self.cols, u % self.cols);
        Pt {
            x: self.crowd_left + (f64::from(col) + 0.5) * self.cell,
            y: self.crowd_top + (f64::from(row) + 0.5) * self.cell,
        }
    }

    /// The top edge's middle of `el`.
    fn top_of(&self, el: &Element) -> Pt {
        let r = el.get_bounding_client_rect();
        Pt { x: r.left() - self.frame_left + r.width() / 2.0, y: r.top() - self.frame_top + 2.0 }
    }
}

/// Draws the crowd of users, the hops between users and servers, and the
/// messages to and within the store, all through the shared flight layer.
/// With reduced motion the crowd is drawn and nothing moves.
fn draw_stage(canvas: &HtmlCanvasElement, layer: &mut FlightLayer, lab: &Sessions, reduced_motion: bool) {
    let Some(stage) = canvas.parent_element() else { return };
    let frame = stage.get_bounding_client_rect();
    let Some(ctx) = crate::render::canvas::prepare(canvas, frame.width(), frame.height()) else { return };
    let users = lab.config().users;
    let Some(crowd) = stage.query_selector(".crowd").ok().flatten() else { return };
    let crowd_rect = crowd.get_bounding_client_rect();
    let (cell, cols) = crowd_grid(crowd_rect.width(), users);
    let spots = Spots {
        crowd_left: crowd_rect.left() - frame.left(),
        frame_left: frame.left(),
        frame_top: frame.top(),
        crowd_top: crowd_rect.top() - frame.top(),
        cell,
        cols,
    };
    let cards = |selector: &str, n: usize| -> Vec<Option<Pt>> {
        (0..n)
            .map(|i| {
                let el = stage.query_selector(&format!("[{selector}=\"{i}\"]")).ok()??;
                Some(spots.top_of(&el))
            })
            .collect()
    };
    let view = lab.view();
    let servers = cards("data-server", view.servers.len());
    let store = cards("data-store", view.store.len());
    // Store messages leave from the middle of the servers' row's bottom edge.
    let app_tier = stage.query_selector(".sess-servers").ok().flatten().map_or(Pt { x: 0.0, y: 0.0 }, |el| {
        let r = el.get_bounding_client_rect();
        Pt { x: r.left() - frame.left() + r.width() / 2.0, y: r.bottom() - frame.top() }
    });
    let styles = [
        Style { shape: Shape::Disc(3.0), colour: BLUE },
        Style { shape: Shape::Ring(3.0, 1.8), colour: GREEN },
        Style { shape: Shape::Square(3.0), colour: VERMILLION },
        Style { shape: Shape::Disc(2.5), colour: PURPLE },
        Style { shape: Shape::Disc(2.0), colour: GREY },
    ];
    let (request, answer, error, store_msg, backup_msg) = (0u8, 1, 2, 3, 4);
    let now = lab.now();
    let motion = !reduced_motion;
    let hops = lab.hops().filter(move |_| motion).filter_map(|h| {
        let at_server = servers.get(h.server as usize).copied().flatten()?;
        let at_user = spots.user(h.user);
        let (a, b) = if h.to_server { (at_user, at_server) } else { (at_server, at_user) };
        let style = if h.to_server {
            request
        } else if h.error {
            error
        } else {
            answer
        };
        Some(Mark { at: a.lerp(b, h.progress(now)), style, opacity: 255 })
    });
    let r = view.replicas_per_partition;
    let store_marks = lab.store_flights().filter(move |_| motion).filter_map(|(p, f)| {
        let at = |place: Place| match place {
            Place::Client => Some(app_tier),
            Place::Replica(i) => store.get((p * r + i) as usize).copied().flatten(),
        };
        let (a, b) = (at(f.from)?, at(f.to)?);
        let style = if matches!(f.from, Place::Replica(_)) && matches!(f.to, Place::Replica(_)) {
            backup_msg
        } else {
            store_msg
        };
        Some(Mark { at: a.lerp(b, f.progress(now)), style, opacity: 255 })
    });
    layer.paint(&ctx, frame.width(), &styles, hops.chain(store_marks));
}

/// Draws the crowd of users on its own canvas, when it may have changed
/// since `drawn`: a square per user in the colour of the server that
/// answered it last, and a ring on those that just lost a session or cart.
fn draw_crowd(
    canvas: &HtmlCanvasElement,
    layer: &mut FlightLayer,
    drawn: &mut Option<CrowdKey>,
    lab: &Sessions,
) {
    let Some(crowd) = canvas.parent_element() else { return };
    let rect = crowd.get_bounding_client_rect();
    let now = lab.now();
    let key = (now.0 / 100_000, lab.losses(), rect.width() as u32, rect.height() as u32);
    if *drawn == Some(key) {
        return;
    }
    *drawn = Some(key);
    let Some(ctx) = crate::render::canvas::prepare(canvas, rect.width(), rect.height()) else { return };
    let (cell, cols) = crowd_grid(rect.width(), lab.config().users);
    let spots = Spots { crowd_left: 0.0, frame_left: 0.0, frame_top: 0.0, crowd_top: 0.0, cell, cols };
    let dot = (cell * 0.36).max(1.0);
    let mut styles: Vec<Style> =
        PALETTE.iter().map(|&colour| Style { shape: Shape::Square(dot), colour }).collect();
    styles.push(Style { shape: Shape::Square(dot), colour: "#c9c4b8" });
    styles.push(Style { shape: Shape::Ring(dot + 1.5, 1.5), colour: VERMILLION });
    let (grey, lost_ring) = (8u8, 9);
    let mut lost = Vec::new();
    let crowd_marks = lab.users().enumerate().map(|(u, v)| {
        let at = spots.user(u as u32);
        if v.lost_at.is_some_and(|t| now.since(t).0 < LOST_MARK.0) {
            lost.push(Mark { at, style: lost_ring, opacity: 254 });
        }
        let style = match v.last_server {
            Some(s) if v.active && v.logged_in => (s as usize % PALETTE.len()) as u8,
            _ => grey,
        };
        Mark { at, style, opacity: 254 }
    });
    let mut marks: Vec<Mark> = crowd_marks.collect();
    marks.append(&mut lost);
    layer.paint(&ctx, rect.width(), &styles, marks.into_iter());
}

fn view_controls(page: &Page<Sessions>, link: &Link) -> Html {
    let t = text(page);
    let cfg = page.host.main().config();
    let on_setting = |name: &'static str| {
        link.callback(move |e: Event| {
            Msg::Setting(name.into(), e.target_unchecked_into::<HtmlSelectElement>().value())
        })
    };
    let comparing = page.comparing();
    let other = if cfg.state == State::InMemory { State::Store } else { State::InMemory };
    let on_compare = link.callback(move |_: Event| {
        Msg::Compare((!comparing).then(|| ("state".to_owned(), other.name().to_owned())))
    });
    let cmd = |c: Command| link.callback(move |_: MouseEvent| Msg::command(c.clone()));
    let users = cfg.users;
    let on_users = link.callback(move |e: Event| {
        let v = e.target_unchecked_into::<HtmlInputElement>().value().parse::<u32>().unwrap_or(users);
        Msg::command(Command::Users(v.min(users)))
    });
    let active = page.host.main().lab().metrics().users_active;
    html! {
        <div class="controls">
            { choice(t.state, "state", &t.states, cfg.state, on_setting("state")) }
            { choice(t.routing, "routing", &t.routings, cfg.routing, on_setting("routing")) }
            { choice(t.connection, "connection", &t.connections, cfg.connection, on_setting("connection")) }
            <div class="buttons">
                <button onclick={cmd(Command::Add)} data-action="add-server">{ t.add_server }</button>
                if cfg.state == State::PartitionedStore {
                    <button onclick={cmd(Command::AddStore)} data-action="add-store">{ t.add_store }</button>
                }
                <label class="check">
                    <input type="checkbox" checked={comparing} onchange={on_compare} data-action="compare"/>
                    { fill(t.compare_with, &[&t.states.name(other)]) }
                </label>
            </div>
            <label>
                <span>{ t.active_users }</span>
                <input type="number" min="0" max={users.to_string()} value={active.to_string()}
                    onchange={on_users} data-action="users" class="sess-num"/>
            </label>
            <p class="muted small">{ t.legend }</p>
        </div>
    }
}

/// One user: add to its cart or look at it, every copy of its cart, and
/// what it got last.
fn view_user(page: &Page<Sessions>, link: &Link) -> Html {
    let t = text(page);
    let lab = page.host.main().lab();
    let users = lab.config().users;
    let user = page.ui.user.min(users.saturating_sub(1));
    let add = link.callback(move |_: MouseEvent| Msg::command(Command::AddItem { user, server: None }));
    let view = link.callback(move |_: MouseEvent| Msg::command(Command::ViewCart { user, server: None }));
    let on_pick = link.callback(move |e: Event| {
        let v = e.target_unchecked_into::<HtmlInputElement>().value().parse::<u32>().unwrap_or(0);
        Msg::ui(SessionsMsg::Pick(v))
    });
    let copies = lab.copies(user);
    let last = lab.trace().recent().rev().find_map(|e| match e.event {
        SessEvent::Answered { user: u, server, items, expected, forced_login, .. } if u == user => {
            Some((server, items, expected, forced_login))
        }
        _ => None,
    });
    html! {
        <section class="client-panel" aria-labelledby="user-title">
            <h3 id="user-title">{ t.user_title }</h3>
            <div class="buttons">
                <label>
                    <span>{ t.user_label }</span>
                    <input type="number" min="0" max={users.saturating_sub(1).to_string()} value={user.to_string()}
                        onchange={on_pick} data-action="pick-user" class="sess-num"/>
                </label>
                <button onclick={add} data-action="add-item">{ t.add_item }</button>
                <button onclick={view} data-action="view-cart">{ t.view_cart }</button>
            </div>
            <p class="small" data-testid="copies">
                <strong>{ fill(t.copies, &[&user]) }</strong>{ ": " }
                if copies.is_empty() {
                    { t.no_copy }
                } else {
                    { copies.iter().map(|&(h, items)| {
                        let at = match h { Holder::Server(s) => format!("S{s}"), Holder::StoreNode(d) => format!("D{d}") };
                        fill(t.copy, &[&at, &items])
                    }).collect::<Vec<_>>().join(" · ") }
                }
            </p>
            if let Some((server, items, expected, forced)) = last {
                <p role="status" data-testid="last-answer" class={classes!((items < expected).then_some("stale"))}>
                    { fill(t.last_answer, &[&items, &format!("S{server}"), &expected]) }
                    if forced {
                        { " " }<strong>{ t.forced }</strong>
                    }
                    if items < expected {
                        { " " }<strong>{ t.stale }</strong>
                    }
                </p>
            }
        </section>
    }
}

fn view_charts(page: &Page<Sessions>) -> Html {
    let t = text(page);
    let runs = 0..page.host.runs.len();
    let dash = |i: usize| ["", "4 3"][i];
    let forced: Vec<Line> = runs
        .clone()
        .map(|i| {
            let style = ([VERMILLION, BLUE][i], dash(i));
            page.series_line(i, label(t.words.metrics, "forced_logins"), style, |p| {
                Some(f64::from(p.forced_logins))
            })
        })
        .collect();
    let latency: Vec<Line> = runs
        .map(|i| {
            page.series_line(i, t.latency_title, ([BLUE, VERMILLION][i], dash(i)), |p| {
                (p.answered > 0).then(|| p.latency_us as f64 / 1_000.0 / f64::from(p.answered))
            })
        })
        .collect();
    html! {
        <div class="charts">
            { chart(t.forced_title, &forced) }
            { chart(t.latency_title, &latency) }
        </div>
    }
}
