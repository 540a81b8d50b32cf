//! Drawing moving requests on a `<canvas>`.
//!
//! Thousands of requests can be in flight, so they are never DOM nodes, nor
//! even canvas paths: each frame stamps every message into a pixel buffer
//! ([`super::raster`]) and puts it on the canvas in one call, then draws the
//! few lanes behind. Shapes differ as well as colours (the palette is
//! Okabe–Ito, safe for colour-blind readers): requests are dots, answers are
//! rings, errors are squares, lost messages fade out.

use super::geometry::{Pt, Stage};
use super::raster::{Raster, Rgb, Sprite, rgb};
use scalelab_core::SimTime;
use scalelab_core::labs::load_balancing::{Endpoint, Flight, FlightKind, ServerView};
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};

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
fn draw_lanes(ctx: &CanvasRenderingContext2d, stage: &Stage, servers: &[ServerView]) {
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

/// The shapes messages are stamped with, made for one pixel ratio. Shapes
/// differ as well as colours: requests are dots, answers rings, errors
/// squares, lost messages grey rings that fade.
struct Shapes {
    ratio: f64,
    request: Sprite,
    answer: Sprite,
    error: Sprite,
    lost: Sprite,
    /// The palette as RGB: blue, green, vermillion, grey.
    colours: [Rgb; 4],
}

impl Shapes {
    fn new(ratio: f64) -> Shapes {
        Shapes {
            ratio,
            request: Sprite::disc(3.5 * ratio),
            answer: Sprite::ring(3.5 * ratio, 2.0 * ratio),
            error: Sprite::square(4.0 * ratio),
            lost: Sprite::ring(4.0 * ratio, 2.0 * ratio),
            colours: [rgb(BLUE), rgb(GREEN), rgb(VERMILLION), rgb(GREY)],
        }
    }
}

/// What a page keeps between frames to draw its messages: the pixel buffer,
/// the shapes, and the `ImageData` the pixels go to the canvas through with
/// a view of its pixels as words. Once sized, a frame allocates nothing.
#[derive(Default)]
pub struct FlightLayer {
    raster: Raster,
    shapes: Option<Shapes>,
    image: Option<(ImageData, js_sys::Uint32Array)>,
}

impl FlightLayer {
    /// Stamps every message in flight at its position at `now` and puts the
    /// pixels on the canvas, in one call across to the browser.
    fn paint(
        &mut self,
        ctx: &CanvasRenderingContext2d,
        stage: &Stage,
        now: SimTime,
        flights: impl Iterator<Item = Flight>,
    ) {
        let Some(canvas) = ctx.canvas() else { return };
        let (width, height) = (canvas.width(), canvas.height());
        if width == 0 || height == 0 {
            return;
        }
        let ratio = f64::from(width) / stage.width.max(1.0);
        if self.shapes.as_ref().is_none_or(|s| (s.ratio - ratio).abs() > 1e-9) {
            self.shapes = Some(Shapes::new(ratio));
        }
        let Some(shapes) = &self.shapes else { return };
        self.raster.reset(width as usize, height as usize);
        let [blue, green, vermillion, grey] = shapes.colours;
        for f in flights {
            let t = f.progress(now);
            let p = anchor(stage, f.from).lerp(anchor(stage, f.to), t);
            let (x, y) = (p.x * ratio, p.y * ratio);
            match f.kind {
                FlightKind::Request => self.raster.stamp_once(&shapes.request, x, y, blue, 0),
                FlightKind::Answer => self.raster.stamp_once(&shapes.answer, x, y, green, 1),
                FlightKind::Error => self.raster.stamp_once(&shapes.error, x, y, vermillion, 2),
                FlightKind::Lost => {
                    let opacity = ((1.0 - t) * 255.0).round().clamp(0.0, 255.0) as u8;
                    self.raster.stamp(&shapes.lost, x, y, grey, opacity);
                }
            }
        }
        let Some((x, y, w, h)) = self.raster.dirty() else { return };
        if self.image.as_ref().is_none_or(|(i, _)| i.width() != width || i.height() != height) {
            self.image = ImageData::new_with_sw(width, height).ok().and_then(|image| {
                let data = js_sys::Reflect::get(&image, &"data".into()).ok()?;
                let data = data.dyn_into::<js_sys::Uint8ClampedArray>().ok()?;
                let words = js_sys::Uint32Array::new_with_byte_offset_and_length(
                    &data.buffer(),
                    data.byte_offset(),
                    data.length() / 4,
                );
                Some((image, words))
            });
        }
        let Some((image, words)) = &self.image else { return };
        // Only the rows stamped in go across, and only the rectangle stamped
        // in is put on the canvas (which `prepare` cleared).
        let (from, to) = (y * width as usize, (y + h) * width as usize);
        words.subarray(from as u32, to as u32).copy_from(&self.raster.pixels()[from..to]);
        let _ = ctx.put_image_data_with_dirty_x_and_dirty_y_and_dirty_width_and_dirty_height(
            image, 0.0, 0.0, x as f64, y as f64, w as f64, h as f64,
        );
    }
}

/// Draws the lanes and every message in flight at its position at `now`:
/// the messages are stamped into `layer`'s pixels and the lanes drawn
/// behind them. With reduced motion, nothing moves: each lane shows how many
/// messages are on it instead.
pub fn draw_flights(
    ctx: &CanvasRenderingContext2d,
    layer: &mut FlightLayer,
    stage: &Stage,
    servers: &[ServerView],
    now: SimTime,
    flights: impl Iterator<Item = Flight>,
    reduced_motion: bool,
) {
    if reduced_motion {
        draw_lanes(ctx, stage, servers);
        return draw_lane_counts(ctx, stage, flights);
    }
    layer.paint(ctx, stage, now, flights);
    // `putImageData` replaces pixels, so the lanes go behind what it put.
    let _ = ctx.set_global_composite_operation("destination-over");
    draw_lanes(ctx, stage, servers);
    let _ = ctx.set_global_composite_operation("source-over");
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
