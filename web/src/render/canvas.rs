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

/// The shape a kind of message is stamped with, in CSS pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Shape {
    /// A filled disc of this radius.
    Disc(f64),
    /// A circle of this radius stroked this wide.
    Ring(f64, f64),
    /// A filled square this far from its centre to each side.
    Square(f64),
}

/// How one kind of message is drawn. Shapes should differ as well as
/// colours, for readers who cannot tell the colours apart.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Style {
    /// Its shape.
    pub shape: Shape,
    /// Its colour, `#rrggbb`.
    pub colour: &'static str,
}

/// One message to stamp: where it is now (CSS pixels), the index of its
/// [`Style`] in the page's list (at most eight), and how opaque it is (255
/// for most; less for a message fading out). An opaque mark is stamped once
/// where another of its style already landed on the same pixel; a mark of
/// opacity 254 is always stamped (a crowd of dots that never overlap).
#[derive(Clone, Copy, Debug)]
pub struct Mark {
    /// Where it is.
    pub at: Pt,
    /// Its style.
    pub style: u8,
    /// Its opacity, 0–255.
    pub opacity: u8,
}

/// The sprites of a list of styles, made for one pixel ratio.
struct Sprites {
    ratio: f64,
    styles: Vec<Style>,
    stamps: Vec<(Sprite, Rgb)>,
}

impl Sprites {
    fn new(ratio: f64, styles: &[Style]) -> Sprites {
        let stamps = styles
            .iter()
            .map(|s| {
                let sprite = match s.shape {
                    Shape::Disc(r) => Sprite::disc(r * ratio),
                    Shape::Ring(r, w) => Sprite::ring(r * ratio, w * ratio),
                    Shape::Square(h) => Sprite::square(h * ratio),
                };
                (sprite, rgb(s.colour))
            })
            .collect();
        Sprites { ratio, styles: styles.to_vec(), stamps }
    }
}

/// How the load-balancing stage's messages look: requests are blue dots,
/// answers green rings, errors vermillion squares, lost messages grey rings
/// that fade.
const FLIGHT_STYLES: &[Style] = &[
    Style { shape: Shape::Disc(3.5), colour: BLUE },
    Style { shape: Shape::Ring(3.5, 2.0), colour: GREEN },
    Style { shape: Shape::Square(4.0), colour: VERMILLION },
    Style { shape: Shape::Ring(4.0, 2.0), colour: GREY },
];

/// Up to this many marks are drawn as canvas paths, one path per style:
/// a few hundred calls cost less than putting a stage-sized rectangle of
/// pixels on the canvas. More are stamped into the raster, whose cost does
/// not grow with their number.
const PATH_MARKS: usize = 400;

/// What a page keeps between frames to draw its messages: the pixel buffer,
/// the shapes, and the `ImageData` the pixels go to the canvas through with
/// a view of its pixels as words. Once sized, a frame allocates nothing.
/// Every lab that draws messages in flight draws them through it.
#[derive(Default)]
pub struct FlightLayer {
    /// This frame's marks, kept to choose how to draw them.
    marks: Vec<Mark>,
    raster: Raster,
    sprites: Option<Sprites>,
    image: Option<(ImageData, js_sys::Uint32Array)>,
}

impl FlightLayer {
    /// Stamps every mark in its style (from `styles`, at most eight of them
    /// opaque, and any number at opacity 254) and puts the pixels on
    /// the canvas, in one call across to the browser. `width` is the
    /// canvas's width in CSS pixels. The canvas is expected to be clear
    /// where the marks go (see [`prepare`]); what is drawn after goes over
    /// them, and what should go behind is drawn with `destination-over`.
    pub fn paint(
        &mut self,
        ctx: &CanvasRenderingContext2d,
        width: f64,
        styles: &[Style],
        marks: impl Iterator<Item = Mark>,
    ) {
        let Some(canvas) = ctx.canvas() else { return };
        let (device_width, device_height) = (canvas.width(), canvas.height());
        if device_width == 0 || device_height == 0 {
            return;
        }
        let ratio = f64::from(device_width) / width.max(1.0);
        let stale = |s: &Sprites| (s.ratio - ratio).abs() > 1e-9 || s.styles != styles;
        if self.sprites.as_ref().is_none_or(stale) {
            self.sprites = Some(Sprites::new(ratio, styles));
        }
        self.marks.clear();
        self.marks.extend(marks);
        if self.marks.len() <= PATH_MARKS {
            return self.draw_paths(ctx, styles);
        }
        let Some(sprites) = &self.sprites else { return };
        self.raster.reset(device_width as usize, device_height as usize);
        for &m in &self.marks {
            let Some((sprite, colour)) = sprites.stamps.get(usize::from(m.style)) else { continue };
            let (x, y) = (m.at.x * ratio, m.at.y * ratio);
            if m.opacity == 255 {
                self.raster.stamp_once(sprite, x, y, *colour, m.style);
            } else {
                self.raster.stamp(sprite, x, y, *colour, m.opacity);
            }
        }
        let Some((x, y, w, h)) = self.raster.dirty() else { return };
        let (width, height) = (device_width, device_height);
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

    /// Draws this frame's few marks as paths: the opaque ones of each style
    /// in one path, a fading one on its own at its opacity.
    fn draw_paths(&self, ctx: &CanvasRenderingContext2d, styles: &[Style]) {
        let shape = |ctx: &CanvasRenderingContext2d, s: &Style, at: Pt| match s.shape {
            Shape::Disc(r) | Shape::Ring(r, _) => {
                ctx.move_to(at.x + r, at.y);
                let _ = ctx.arc(at.x, at.y, r, 0.0, std::f64::consts::TAU);
            }
            Shape::Square(h) => ctx.rect(at.x - h, at.y - h, 2.0 * h, 2.0 * h),
        };
        let finish = |ctx: &CanvasRenderingContext2d, s: &Style| match s.shape {
            Shape::Ring(_, w) => {
                ctx.set_line_width(w);
                ctx.set_stroke_style_str(s.colour);
                ctx.stroke();
            }
            _ => {
                ctx.set_fill_style_str(s.colour);
                ctx.fill();
            }
        };
        for (i, s) in styles.iter().enumerate() {
            let mine = self.marks.iter().filter(|m| usize::from(m.style) == i);
            ctx.begin_path();
            let mut any = false;
            for m in mine.clone().filter(|m| m.opacity >= 254) {
                shape(ctx, s, m.at);
                any = true;
            }
            if any {
                finish(ctx, s);
            }
            for m in mine.filter(|m| m.opacity < 254) {
                ctx.set_global_alpha(f64::from(m.opacity) / 255.0);
                ctx.begin_path();
                shape(ctx, s, m.at);
                finish(ctx, s);
            }
            ctx.set_global_alpha(1.0);
        }
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
    let marks = flights.map(|f| {
        let t = f.progress(now);
        let at = anchor(stage, f.from).lerp(anchor(stage, f.to), t);
        let (style, opacity) = match f.kind {
            FlightKind::Request => (0, 255),
            FlightKind::Answer => (1, 255),
            FlightKind::Error => (2, 255),
            // Stamped every time, fading: at 255 it would be stamped once.
            FlightKind::Lost => (3, ((1.0 - t) * 255.0).round().clamp(0.0, 254.0) as u8),
        };
        Mark { at, style, opacity }
    });
    layer.paint(ctx, stage.width, FLIGHT_STYLES, marks);
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
