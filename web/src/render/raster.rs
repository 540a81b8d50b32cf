//! A pixel buffer that moving messages are stamped into.
//!
//! Ten thousand requests in flight are ten thousand shapes a frame. Drawn as
//! canvas paths, each costs a call across the wasm–JS boundary and an
//! anti-aliased arc for the browser to rasterise, on the page's one thread.
//! Stamped here instead, each is a copy of a small, pre-computed coverage
//! mask (a [`Sprite`]) into an RGBA buffer that goes to the canvas in one
//! `putImageData`: the work is a few hundred bytes per message and the same
//! on every frame, with nothing allocated once the buffer has its size.
//!
//! Pure Rust with no browser in it, so it is tested natively.

/// A shape's coverage: how much of each pixel of a square it fills, 0–255,
/// sampled 4 × 4 times per pixel so edges are anti-aliased.
#[derive(Clone, Debug, PartialEq)]
pub struct Sprite {
    side: usize,
    coverage: Vec<u8>,
    /// Per row, the columns `[from, to)` outside which coverage is zero, so
    /// stamping skips the empty corners.
    spans: Vec<(usize, usize)>,
}

/// Samples per pixel along each axis when a sprite is made.
const SUBSAMPLES: usize = 4;

impl Sprite {
    /// The shape `inside` (given a point relative to the centre, in device
    /// pixels) covers, in a square just big enough for `reach` pixels around
    /// the centre.
    fn from_fn(reach: f64, inside: impl Fn(f64, f64) -> bool) -> Sprite {
        let side = (2.0 * reach).ceil().max(1.0) as usize + 1;
        let centre = side as f64 / 2.0;
        let step = 1.0 / SUBSAMPLES as f64;
        let mut coverage = Vec::with_capacity(side * side);
        for py in 0..side {
            for px in 0..side {
                let mut hits = 0u32;
                for sy in 0..SUBSAMPLES {
                    for sx in 0..SUBSAMPLES {
                        let x = px as f64 + (sx as f64 + 0.5) * step - centre;
                        let y = py as f64 + (sy as f64 + 0.5) * step - centre;
                        hits += u32::from(inside(x, y));
                    }
                }
                let full = (SUBSAMPLES * SUBSAMPLES) as u32;
                coverage.push(((hits * 255 + full / 2) / full) as u8);
            }
        }
        let spans = coverage
            .chunks(side)
            .map(|row| match row.iter().position(|&c| c > 0) {
                Some(from) => (from, side - row.iter().rev().position(|&c| c > 0).unwrap_or(0)),
                None => (0, 0),
            })
            .collect();
        Sprite { side, coverage, spans }
    }

    /// A filled disc of `radius` pixels.
    pub fn disc(radius: f64) -> Sprite {
        Sprite::from_fn(radius, |x, y| x * x + y * y <= radius * radius)
    }

    /// A ring: a circle of `radius` pixels stroked `width` pixels wide.
    pub fn ring(radius: f64, width: f64) -> Sprite {
        let (inner, outer) = (radius - width / 2.0, radius + width / 2.0);
        Sprite::from_fn(outer, |x, y| {
            let d2 = x * x + y * y;
            d2 >= inner * inner && d2 <= outer * outer
        })
    }

    /// A filled square `half` pixels from its centre to each side.
    pub fn square(half: f64) -> Sprite {
        Sprite::from_fn(half, |x, y| x.abs() <= half && y.abs() <= half)
    }

    /// The pixel its top-left corner lands on when it is centred on
    /// `(cx, cy)`, rounded to the nearest pixel: `floor(x + 0.5)`, not
    /// `round`, which is one wasm instruction, not a call.
    fn corner(&self, cx: f64, cy: f64) -> (f64, f64) {
        let half = self.side as f64 / 2.0;
        ((cx - half + 0.5).floor(), (cy - half + 0.5).floor())
    }

    /// The width and height of the sprite, in pixels.
    pub fn side(&self) -> usize {
        self.side
    }

    /// The coverage at column `x`, row `y`.
    pub fn coverage(&self, x: usize, y: usize) -> u8 {
        self.coverage[y * self.side + x]
    }
}

/// A colour (sRGB, 0–255 per channel).
pub type Rgb = [u8; 3];

/// Parses `#rrggbb`; anything else is black.
pub fn rgb(hex: &str) -> Rgb {
    let channel = |i: usize| hex.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok()).unwrap_or(0);
    if hex.len() == 7 && hex.starts_with('#') { [channel(1), channel(3), channel(5)] } else { [0, 0, 0] }
}

/// A pixel as one word: R, G, B, A in memory order (little-endian, as wasm
/// and every browser's typed arrays are).
fn word([r, g, b]: Rgb, alpha: u32) -> u32 {
    u32::from(r) | u32::from(g) << 8 | u32::from(b) << 16 | alpha << 24
}

/// `x / 255`, rounded, for `x` up to 255 × 255, without dividing.
fn div255(x: u32) -> u32 {
    (x + 128 + ((x + 128) >> 8)) >> 8
}

/// An RGBA buffer (not premultiplied, as `ImageData` wants it), transparent
/// where nothing was stamped. It remembers the rectangle it stamped in, so
/// only that part need go to the canvas.
#[derive(Clone, Debug, Default)]
pub struct Raster {
    width: usize,
    height: usize,
    pixels: Vec<u32>,
    /// Per pixel, which kinds of shape (one bit each) have been stamped with
    /// their top-left corner there since the reset (see [`Raster::stamp_once`]).
    marks: Vec<u8>,
    /// Columns and rows stamped since the reset: `[x0, x1)` × `[y0, y1)`.
    dirty: (usize, usize, usize, usize),
}

impl Raster {
    /// Gives the buffer `width` × `height` pixels, all transparent. Memory is
    /// reused: this only allocates when the buffer grows.
    pub fn reset(&mut self, width: usize, height: usize) {
        if (width, height) == (self.width, self.height) {
            // Only the rows stamped in since the last reset need clearing.
            let (_, _, y0, y1) = self.dirty;
            if y0 < y1 {
                self.pixels[y0 * width..y1 * width].fill(0);
                self.marks[y0 * width..y1 * width].fill(0);
            }
        } else {
            self.width = width;
            self.height = height;
            self.pixels.clear();
            self.pixels.resize(width * height, 0);
            self.marks.clear();
            self.marks.resize(width * height, 0);
        }
        self.dirty = (width, 0, height, 0);
    }

    /// The pixels, row by row, one RGBA word each.
    pub fn pixels(&self) -> &[u32] {
        &self.pixels
    }

    /// The rectangle stamped in since the reset, as `(x, y, width, height)`;
    /// `None` if nothing was.
    pub fn dirty(&self) -> Option<(usize, usize, usize, usize)> {
        let (x0, x1, y0, y1) = self.dirty;
        (x0 < x1 && y0 < y1).then(|| (x0, y0, x1 - x0, y1 - y0))
    }

    /// The pixel at `(x, y)` as RGBA.
    pub fn pixel(&self, x: usize, y: usize) -> [u8; 4] {
        self.pixels[y * self.width + x].to_le_bytes()
    }

    /// Paints an opaque `sprite` of kind `kind` (0–7; one kind per sprite and
    /// colour) centred on `(cx, cy)`, unless a shape of that kind already
    /// landed on exactly the same pixels since the reset. Where thousands of
    /// messages crowd a lane most of them do, and stamping the same opaque
    /// shape again would change only how dark its soft edge is.
    pub fn stamp_once(&mut self, sprite: &Sprite, cx: f64, cy: f64, colour: Rgb, kind: u8) {
        let (left, top) = sprite.corner(cx, cy);
        // Only a corner on the buffer can be remembered; others just stamp.
        if left >= 0.0 && top >= 0.0 && left < self.width as f64 && top < self.height as f64 {
            let at = top as usize * self.width + left as usize;
            let bit = 1 << (kind & 7);
            if self.marks[at] & bit != 0 {
                return;
            }
            self.marks[at] |= bit;
        }
        self.stamp(sprite, cx, cy, colour, 255);
    }

    /// Paints `sprite` centred on `(cx, cy)` (device pixels) in `colour` at
    /// `opacity` (0–255), over what is there. The parts off the buffer are
    /// clipped; a position that is not a finite number draws nothing.
    pub fn stamp(&mut self, sprite: &Sprite, cx: f64, cy: f64, colour: Rgb, opacity: u8) {
        if !(cx.is_finite() && cy.is_finite()) || opacity == 0 {
            return;
        }
        let (left, top) = sprite.corner(cx, cy);
        let (left, top) = (left as i64, top as i64);
        let (w, h) = (self.width as i64, self.height as i64);
        let side = sprite.side as i64;
        let (x0, x1) = (left.max(0), left.saturating_add(side).min(w));
        let (y0, y1) = (top.max(0), top.saturating_add(side).min(h));
        if x0 >= x1 || y0 >= y1 {
            return;
        }
        let d = &mut self.dirty;
        *d = (d.0.min(x0 as usize), d.1.max(x1 as usize), d.2.min(y0 as usize), d.3.max(y1 as usize));
        let solid = word(colour, 255);
        for y in y0..y1 {
            let sy = (y - top) as usize;
            let (from, to) = sprite.spans[sy];
            // Columns of the sprite on the buffer, within the row's span.
            let (c0, c1) = (((x0 - left) as usize).max(from), ((x1 - left) as usize).min(to));
            if c0 >= c1 {
                continue;
            }
            let covers = &sprite.coverage[sy * sprite.side + c0..sy * sprite.side + c1];
            let start = (y * w + left + c0 as i64) as usize;
            let pixels = &mut self.pixels[start..start + (c1 - c0)];
            if opacity == 255 {
                for (px, &cover) in pixels.iter_mut().zip(covers) {
                    *px = match cover {
                        255 => solid,
                        0 => *px,
                        _ => blend(*px, colour, u32::from(cover)),
                    };
                }
            } else {
                let opacity = u32::from(opacity);
                for (px, &cover) in pixels.iter_mut().zip(covers) {
                    let alpha = div255(u32::from(cover) * opacity);
                    if alpha > 0 {
                        *px = blend(*px, colour, alpha);
                    }
                }
            }
        }
    }
}

/// Source-over blending of `colour` at `alpha` (1–255) onto one pixel.
fn blend(below: u32, colour: Rgb, alpha: u32) -> u32 {
    let below_alpha = below >> 24;
    if below_alpha == 0 {
        return word(colour, alpha);
    }
    let channel = |i: u32| (below >> (8 * i)) & 0xff;
    if below_alpha == 255 {
        // Over an opaque pixel: a mix of the two, still opaque.
        let mix = |i: u32| div255(u32::from(colour[i as usize]) * alpha + channel(i) * (255 - alpha));
        return mix(0) | mix(1) << 8 | mix(2) << 16 | 255 << 24;
    }
    // Both translucent: alpha out = a + b (1 - a), colours weighted by what
    // each contributes (all scaled by 255²).
    let below_weight = below_alpha * (255 - alpha);
    let out = alpha * 255 + below_weight;
    let mix =
        |i: u32| (u32::from(colour[i as usize]) * alpha * 255 + channel(i) * below_weight + out / 2) / out;
    mix(0) | mix(1) << 8 | mix(2) << 16 | div255(out) << 24
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_disc_is_solid_inside_clear_outside_and_soft_at_the_edge() {
        let s = Sprite::disc(3.5);
        let c = s.side() / 2;
        assert_eq!(s.coverage(c, c), 255);
        assert_eq!(s.coverage(0, 0), 0, "corners are outside the circle");
        let edge = s.coverage(c, 0);
        assert!(edge > 0 && edge < 255, "anti-aliased edge: {edge}");
        // Symmetric under mirroring.
        for y in 0..s.side() {
            for x in 0..s.side() {
                assert_eq!(s.coverage(x, y), s.coverage(s.side() - 1 - x, y));
                assert_eq!(s.coverage(x, y), s.coverage(y, x));
            }
        }
        // Its area is about π r².
        let area: f64 = s.coverage.iter().map(|&a| f64::from(a) / 255.0).sum();
        assert!((area - std::f64::consts::PI * 3.5 * 3.5).abs() < 1.0, "{area}");
    }

    #[test]
    fn a_ring_is_hollow() {
        let s = Sprite::ring(3.5, 2.0);
        let c = s.side() / 2;
        assert_eq!(s.coverage(c, c), 0);
        assert!((0..s.side()).any(|x| s.coverage(x, c) == 255));
    }

    #[test]
    fn stamping_blends_over_what_is_there() {
        let mut r = Raster::default();
        r.reset(20, 10);
        assert!(r.pixels().iter().all(|&b| b == 0));
        let dot = Sprite::square(2.0);
        r.stamp(&dot, 5.0, 5.0, [0, 0, 255], 255);
        assert_eq!(r.pixel(5, 5), [0, 0, 255, 255]);
        assert_eq!(r.pixel(15, 5), [0, 0, 0, 0], "untouched elsewhere");
        // Half-transparent red over opaque blue: half and half, still opaque.
        r.stamp(&dot, 5.0, 5.0, [255, 0, 0], 128);
        let [red, green, blue, alpha] = r.pixel(5, 5);
        assert!(
            (127..=129).contains(&red) && green == 0 && (126..=128).contains(&blue),
            "{:?}",
            r.pixel(5, 5)
        );
        assert_eq!(alpha, 255);
        // Half-transparent over nothing keeps its colour and its alpha.
        r.stamp(&dot, 15.0, 5.0, [255, 0, 0], 128);
        assert_eq!(r.pixel(15, 5), [255, 0, 0, 128]);
        // Half over half: three quarters opaque, more of the newer colour.
        r.stamp(&dot, 15.0, 5.0, [0, 0, 255], 128);
        let [red, _, blue, alpha] = r.pixel(15, 5);
        assert!(
            (191..=193).contains(&alpha) && (84..=86).contains(&red) && (169..=171).contains(&blue),
            "{:?}",
            r.pixel(15, 5)
        );
        assert_eq!(r.dirty(), Some((3, 3, 15, 5)));
    }

    #[test]
    fn a_shape_stamped_again_on_the_same_pixels_is_skipped() {
        let (mut once, mut twice) = (Raster::default(), Raster::default());
        once.reset(12, 12);
        twice.reset(12, 12);
        let dot = Sprite::disc(2.5);
        once.stamp_once(&dot, 5.0, 5.0, [0, 0, 255], 0);
        twice.stamp(&dot, 5.0, 5.0, [0, 0, 255], 255);
        twice.stamp(&dot, 5.0, 5.0, [0, 0, 255], 255);
        // A soft edge pixel of the dot (its corner lands on (2, 2)).
        let (sx, sy) = (0..dot.side())
            .flat_map(|y| (0..dot.side()).map(move |x| (x, y)))
            .find(|&(x, y)| (1..255).contains(&dot.coverage(x, y)))
            .expect("an anti-aliased edge");
        let edge = |r: &Raster| r.pixel(2 + sx, 2 + sy)[3];
        assert_eq!(edge(&once), dot.coverage(sx, sy));
        assert!(edge(&twice) > edge(&once), "stamped twice, the soft edge darkens");
        // The same pixels again (a hair away rounds to the same corner): skipped.
        once.stamp_once(&dot, 5.2, 4.9, [0, 0, 255], 0);
        assert_eq!(edge(&once), dot.coverage(sx, sy), "skipped");
        // Another kind, or a pixel further, is drawn.
        once.stamp_once(&dot, 5.0, 5.0, [255, 0, 0], 1);
        assert_eq!(once.pixel(5, 5), [255, 0, 0, 255]);
        once.stamp_once(&dot, 6.0, 5.0, [0, 0, 255], 0);
        assert_eq!(once.pixel(6, 5), [0, 0, 255, 255]);
        // A reset forgets.
        once.reset(12, 12);
        once.stamp_once(&dot, 5.0, 5.0, [0, 0, 255], 0);
        assert_eq!(once.pixel(5, 5), [0, 0, 255, 255]);
    }

    #[test]
    fn dividing_by_255_without_dividing_is_exact() {
        for x in 0..=(255 * 255) {
            assert_eq!(div255(x), (x + 127) / 255, "{x}");
        }
    }

    #[test]
    fn off_the_edge_is_clipped_and_nonsense_is_ignored() {
        let mut r = Raster::default();
        r.reset(8, 8);
        let dot = Sprite::disc(3.5);
        for (x, y) in
            [(1.0, 1.0), (9.0, 4.0), (4.0, 1e300), (-1e300, 0.0), (f64::NAN, 3.0), (3.0, f64::INFINITY)]
        {
            r.stamp(&dot, x, y, [1, 2, 3], 255);
        }
        assert_eq!(r.pixel(0, 0), [1, 2, 3, 255], "the corner of a clipped dot");
        assert_eq!(r.pixel(4, 7), [0, 0, 0, 0]);
        assert_eq!(r.dirty(), Some((0, 0, 8, 8)), "what was stamped, clipped to the buffer");
        r.reset(8, 8);
        assert!(r.pixels().iter().all(|&b| b == 0), "reset clears");
        assert_eq!(r.dirty(), None);
        r.stamp(&dot, 4.0, 4.0, [1, 2, 3], 255);
        r.reset(8, 8);
        assert!(r.pixels().iter().all(|&b| b == 0), "reset clears again");
        r.reset(2, 2);
        assert_eq!(r.pixels().len(), 4);
        assert!(r.pixels().iter().all(|&b| b == 0), "reset clears");
        assert_eq!(r.dirty(), None);
    }

    #[test]
    fn colours_parse() {
        assert_eq!(rgb("#0072B2"), [0x00, 0x72, 0xB2]);
        assert_eq!(rgb("blue"), [0, 0, 0]);
    }
}
