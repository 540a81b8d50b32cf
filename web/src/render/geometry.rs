//! Where things sit on a lab's stage, in CSS pixels.
//!
//! The canvas (moving requests) and the HTML cards (servers, the balancer)
//! are laid over each other; both take positions from here, so a request
//! flies exactly into the card it is sent to. Wide stages flow left to right;
//! narrow ones (phones, 360 px) flow top to bottom.

/// A point on the stage, CSS pixels from its top-left corner.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Pt {
    /// Pixels from the left.
    pub x: f64,
    /// Pixels from the top.
    pub y: f64,
}

impl Pt {
    /// The point a fraction `t` of the way from `self` to `to`.
    pub fn lerp(self, to: Pt, t: f64) -> Pt {
        Pt { x: self.x + (to.x - self.x) * t, y: self.y + (to.y - self.y) * t }
    }
}

/// The point at fraction `f` of a turn round the unit circle, starting at
/// the top and going clockwise (the stage's y grows downwards).
pub fn turn(f: f64) -> Pt {
    let a = f * std::f64::consts::TAU - std::f64::consts::FRAC_PI_2;
    Pt { x: cos(a), y: sin(a) }
}

// In the browser, sine and cosine come from JavaScript's `Math`, which is
// there anyway: Rust's own would ship libm's range reduction and its tables
// for a drawing that only places dots on a circle.
#[cfg(target_arch = "wasm32")]
use js_sys::Math::{cos, sin};

#[cfg(not(target_arch = "wasm32"))]
fn cos(a: f64) -> f64 {
    a.cos()
}

#[cfg(not(target_arch = "wasm32"))]
fn sin(a: f64) -> f64 {
    a.sin()
}

/// Below this width the stage flows top to bottom.
pub const NARROW_PX: f64 = 560.0;

/// Positions of everything on a client → balancer → servers stage.
#[derive(Clone, Debug, PartialEq)]
pub struct Stage {
    /// Stage width.
    pub width: f64,
    /// Stage height (grows with the number of servers).
    pub height: f64,
    /// Whether it flows top to bottom.
    pub narrow: bool,
    /// Centre of the clients.
    pub clients: Pt,
    /// Centre of the load balancer (absent for one big machine).
    pub balancer: Option<Pt>,
    /// Centre of each server card.
    pub servers: Vec<Pt>,
    /// Server card size.
    pub card_w: f64,
    /// Server card size.
    pub card_h: f64,
    /// Cards too small for buttons and labels.
    pub compact: bool,
}

impl Stage {
    /// Lays out `n` servers (at least one) on a stage `width` pixels wide.
    pub fn new(width: f64, n: usize, with_balancer: bool) -> Stage {
        let width = width.max(240.0);
        let n = n.max(1);
        let narrow = width < NARROW_PX;
        if narrow { Stage::narrow(width, n, with_balancer) } else { Stage::wide(width, n, with_balancer) }
    }

    fn wide(width: f64, n: usize, with_balancer: bool) -> Stage {
        // Servers in columns on the right half: up to 8 per column, more per
        // column when the columns would reach into the left half.
        let compact = n > 8;
        let (card_w, card_h) = match (compact, with_balancer) {
            (true, _) => (86.0, 46.0),
            // The one big machine gets a bigger card.
            (false, false) => (200.0, 110.0),
            (false, true) => (150.0, 100.0),
        };
        let col_fit = ((width * 0.5) / (card_w + 10.0)).floor().max(1.0) as usize;
        let per_col = n.min(8).max(n.div_ceil(col_fit));
        let cols = n.div_ceil(per_col);
        let gap = if compact { 8.0 } else { 12.0 };
        let height = (per_col as f64 * (card_h + gap) + gap).max(300.0);
        let right = width - 12.0 - card_w / 2.0;
        let col_step = card_w + 10.0;
        let servers = (0..n)
            .map(|i| {
                let (col, row) = (i / per_col, i % per_col);
                let x = right - (cols - 1 - col) as f64 * col_step;
                let y = height * (row as f64 + 0.5) / per_col as f64;
                Pt { x, y }
            })
            .collect::<Vec<_>>();
        let mid = height / 2.0;
        let leftmost_server = right - (cols - 1) as f64 * col_step - card_w / 2.0;
        let balancer = with_balancer.then(|| Pt { x: (70.0 + leftmost_server) / 2.0, y: mid });
        Stage {
            width,
            height,
            narrow: false,
            clients: Pt { x: 44.0, y: mid },
            balancer,
            servers,
            card_w,
            card_h,
            compact,
        }
    }

    fn narrow(width: f64, n: usize, with_balancer: bool) -> Stage {
        // Clients on top, the balancer below, servers in a grid at the bottom.
        let compact = n > 4;
        let (card_w, card_h) = if compact { (74.0, 46.0) } else { (width / 2.0 - 18.0, 100.0) };
        let per_row = ((width - 12.0) / (card_w + 8.0)).floor().max(1.0) as usize;
        let rows = n.div_ceil(per_row);
        let top = if with_balancer { 170.0 } else { 110.0 };
        let height = top + rows as f64 * (card_h + 10.0) + 10.0;
        let servers = (0..n)
            .map(|i| {
                let (row, col) = (i / per_row, i % per_row);
                let in_row = (n - row * per_row).min(per_row);
                let x = width * (col as f64 + 0.5) / in_row as f64;
                let y = top + row as f64 * (card_h + 10.0) + card_h / 2.0;
                Pt { x, y }
            })
            .collect();
        let balancer = with_balancer.then(|| Pt { x: width / 2.0, y: 110.0 });
        Stage {
            width,
            height,
            narrow: true,
            clients: Pt { x: width / 2.0, y: 30.0 },
            balancer,
            servers,
            card_w,
            card_h,
            compact,
        }
    }

    /// Where a request leaves or enters a server card: the card's edge facing
    /// the balancer.
    pub fn server_port(&self, i: usize) -> Pt {
        let c = self.servers.get(i).copied().unwrap_or_default();
        if self.narrow {
            Pt { x: c.x, y: c.y - self.card_h / 2.0 }
        } else {
            Pt { x: c.x - self.card_w / 2.0, y: c.y }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn overlaps(s: &Stage) -> bool {
        s.servers.iter().enumerate().any(|(i, a)| {
            s.servers[i + 1..].iter().any(|b| (a.x - b.x).abs() < s.card_w && (a.y - b.y).abs() < s.card_h)
        })
    }

    #[test]
    fn a_turn_starts_at_the_top_and_goes_clockwise() {
        let near = |p: Pt, x: f64, y: f64| (p.x - x).abs() < 1e-12 && (p.y - y).abs() < 1e-12;
        assert!(near(turn(0.0), 0.0, -1.0));
        assert!(near(turn(0.25), 1.0, 0.0), "clockwise on a y-down stage: right after the top");
        assert!(near(turn(0.5), 0.0, 1.0));
        assert!(near(turn(1.0 / 12.0), 0.5, -(3f64.sqrt() / 2.0)));
    }

    #[test]
    fn cards_never_overlap_and_stay_on_the_stage() {
        for width in [360.0, 400.0, 800.0, 1280.0] {
            for n in [1, 2, 4, 5, 8, 9, 16, 64] {
                let s = Stage::new(width, n, true);
                assert!(!overlaps(&s), "{width}px, {n} servers");
                for p in &s.servers {
                    assert!(
                        p.x - s.card_w / 2.0 >= -0.5 && p.x + s.card_w / 2.0 <= width + 0.5,
                        "{width}px {n}: {p:?}"
                    );
                    assert!(
                        p.y - s.card_h / 2.0 >= 0.0 && p.y + s.card_h / 2.0 <= s.height,
                        "{width}px {n}: {p:?}"
                    );
                }
                let b = s.balancer.unwrap();
                if !s.narrow {
                    let leftmost = s.servers.iter().map(|p| p.x).fold(f64::MAX, f64::min) - s.card_w / 2.0;
                    assert!(b.x + 40.0 < leftmost, "{width}px {n}: the balancer clears the servers");
                    assert!(s.clients.x + 30.0 < b.x, "{width}px {n}: the clients clear the balancer");
                }
            }
        }
    }

    #[test]
    fn narrow_stages_flow_downwards() {
        let s = Stage::new(360.0, 4, true);
        assert!(s.narrow);
        assert!(s.clients.y < s.balancer.unwrap().y && s.balancer.unwrap().y < s.servers[0].y);
        let w = Stage::new(1000.0, 4, false);
        assert!(!w.narrow && w.balancer.is_none());
        assert!(w.clients.x < w.servers[0].x);
    }
}
