//! Drawing moving requests on a `<canvas>`.
//!
//! Thousands of requests can be in flight, so they are never DOM nodes: each
//! frame clears the canvas and draws every message as a dot, one path per
//! kind, so the browser fills each colour once however many dots there are.
//! Shapes differ as well as colours (the palette is Okabe–Ito, safe for
//! colour-blind readers): requests are dots, answers are rings, errors are
//! squares, lost messages fade out.

use super::geometry::{Pt, Stage};
use scalelab_core::SimTime;
use scalelab_core::labs::load_balancing::{Endpoint, Flight, FlightKind, ServerView};
use std::f64::consts::TAU;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// Okabe–Ito blue: requests.
pub const BLUE: &str = "#0072B2";
/// Okabe–Ito bluish green: answers.
pub const GREEN: &str = "#009E73";
/// Okabe–Ito vermillion: errors.
pub const VERMILLION: &str = "#D55E00";
/// Neutral grey: lanes and lost messages.
pub const GREY: &str = "#8a8a8a";

/// Fits the canvas's backing store to its CSS size at the screen's pixel
/// ratio and returns a context that draws in CSS pixels.
pub fn prepare(canvas: &HtmlCanvasElement, width: f64, height: f64) -> Option<CanvasRenderingContext2d> {
    let ratio = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio()).max(1.0);
    let (w, h) = ((width * ratio).round() as u32, (height * ratio).round() as u32);
    if canvas.width() != w {
        canvas.set_width(w);
    }
    if canvas.height() != h {
        canvas.set_height(h);
    }
    let ctx = canvas.get_context("2d").ok()??.dyn_into::<CanvasRenderingContext2d>().ok()?;
    ctx.set_transform(ratio, 0.0, 0.0, ratio, 0.0, 0.0).ok()?;
    ctx.clear_rect(0.0, 0.0, width, height);
    Some(ctx)
}

/// Where messages to and from an endpoint start and end.
fn anchor(stage: &Stage, e: Endpoint) -> Pt {
    match e {
        Endpoint::Clients => stage.clients,
        Endpoint::Balancer => stage.balancer.unwrap_or(stage.clients),
        Endpoint::Server(i) => stage.server_port(i as usize),
    }
}

fn line(ctx: &CanvasRenderingContext2d, a: Pt, b: Pt) {
    ctx.move_to(a.x, a.y);
    ctx.line_to(b.x, b.y);
}

/// Draws the lanes between clients, balancer and servers. A lane the
/// balancer no longer uses is dashed; a cut one is crossed out.
pub fn draw_lanes(ctx: &CanvasRenderingContext2d, stage: &Stage, servers: &[ServerView]) {
    ctx.set_line_width(1.5);
    ctx.set_stroke_style_str(GREY);
    let hub = stage.balancer.unwrap_or(stage.clients);
    ctx.begin_path();
    if stage.balancer.is_some() {
        line(ctx, stage.clients, hub);
    }
    for (i, s) in servers.iter().enumerate() {
        if s.in_rotation || stage.balancer.is_none() {
            line(ctx, hub, stage.server_port(i));
        }
    }
    ctx.stroke();
    let dashes = js_sys::Array::of2(&4.0.into(), &5.0.into());
    let _ = ctx.set_line_dash(&dashes);
    ctx.begin_path();
    for (i, s) in servers.iter().enumerate() {
        if !(s.in_rotation || stage.balancer.is_none()) {
            line(ctx, hub, stage.server_port(i));
        }
    }
    ctx.stroke();
    let _ = ctx.set_line_dash(&js_sys::Array::new());
    // A partition: a vermillion cross on the lane.
    ctx.set_stroke_style_str(VERMILLION);
    ctx.set_line_width(3.0);
    ctx.begin_path();
    for (i, s) in servers.iter().enumerate() {
        if s.isolated {
            let m = hub.lerp(stage.server_port(i), 0.6);
            line(ctx, Pt { x: m.x - 7.0, y: m.y - 7.0 }, Pt { x: m.x + 7.0, y: m.y + 7.0 });
            line(ctx, Pt { x: m.x - 7.0, y: m.y + 7.0 }, Pt { x: m.x + 7.0, y: m.y - 7.0 });
        }
    }
    ctx.stroke();
}

/// Draws every message in flight at its position at `now`.
pub fn draw_flights(
    ctx: &CanvasRenderingContext2d,
    stage: &Stage,
    now: SimTime,
    flights: impl Iterator<Item = Flight> + Clone,
    reduced_motion: bool,
) {
    if reduced_motion {
        return draw_lane_counts(ctx, stage, flights);
    }
    let position = |f: &Flight| anchor(stage, f.from).lerp(anchor(stage, f.to), f.progress(now));
    // One path of circles for every flight of a kind.
    let circles = |kind: FlightKind| {
        ctx.begin_path();
        for f in flights.clone().filter(|f| f.kind == kind) {
            let p = position(&f);
            ctx.move_to(p.x + 3.5, p.y);
            let _ = ctx.arc(p.x, p.y, 3.5, 0.0, TAU);
        }
    };
    // Requests: filled dots.
    ctx.set_fill_style_str(BLUE);
    circles(FlightKind::Request);
    ctx.fill();
    // Answers: rings.
    ctx.set_stroke_style_str(GREEN);
    ctx.set_line_width(2.0);
    circles(FlightKind::Answer);
    ctx.stroke();
    // Errors: squares.
    ctx.set_fill_style_str(VERMILLION);
    ctx.begin_path();
    for f in flights.clone().filter(|f| f.kind == FlightKind::Error) {
        let p = position(&f);
        ctx.rect(p.x - 4.0, p.y - 4.0, 8.0, 8.0);
    }
    ctx.fill();
    // Lost: grey rings that fade as they go.
    ctx.set_stroke_style_str(GREY);
    for f in flights.filter(|f| f.kind == FlightKind::Lost) {
        let t = f.progress(now);
        ctx.set_global_alpha(1.0 - t);
        let p = position(&f);
        ctx.begin_path();
        let _ = ctx.arc(p.x, p.y, 4.0, 0.0, TAU);
        ctx.stroke();
    }
    ctx.set_global_alpha(1.0);
}

/// With reduced motion, nothing moves: each lane shows how many messages are
/// on it instead.
fn draw_lane_counts(ctx: &CanvasRenderingContext2d, stage: &Stage, flights: impl Iterator<Item = Flight>) {
    let mut lanes: Vec<((Endpoint, Endpoint), u32)> = Vec::new();
    for f in flights {
        let key = if matches!(f.from, Endpoint::Server(_)) || f.to == Endpoint::Clients {
            (f.to, f.from)
        } else {
            (f.from, f.to)
        };
        match lanes.iter_mut().find(|(k, _)| *k == key) {
            Some((_, n)) => *n += 1,
            None => lanes.push((key, 1)),
        }
    }
    ctx.set_font("12px system-ui, sans-serif");
    ctx.set_text_align("center");
    ctx.set_text_baseline("middle");
    for ((a, b), n) in lanes {
        let m = anchor(stage, a).lerp(anchor(stage, b), 0.5);
        ctx.set_fill_style_str("#ffffff");
        ctx.fill_rect(m.x - 14.0, m.y - 9.0, 28.0, 18.0);
        ctx.set_fill_style_str("#1a1a1a");
        let _ = ctx.fill_text(&n.to_string(), m.x, m.y);
    }
}
