//! Drawing the hash ring: nodes and their virtual nodes as points on a
//! circle, keys as dots coloured by owner, lookups flying from the centre to
//! the point that owns their key, and — after a membership change — each moved
//! key flying from its old owner to its new one. Unmoved keys stay still.

use super::geometry::{Pt, turn};
use scalelab_core::SimTime;
use scalelab_core::labs::hashing::{KeyView, Lookup, NodeView};
use std::f64::consts::TAU;
use web_sys::CanvasRenderingContext2d;

/// Okabe–Ito, ordered so neighbouring node numbers differ most; past eight
/// nodes colours come from a golden-angle walk round the hue circle.
pub const PALETTE: [&str; 8] =
    ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#1a1a1a", "#F0E442"];

/// The colour of node `id`.
pub fn node_color(id: u32) -> String {
    match PALETTE.get(id as usize) {
        Some(c) => (*c).to_owned(),
        // The golden angle, 137.508°, apart, in whole degrees: integer
        // arithmetic keeps the hue exact.
        None => format!("hsl({}, 62%, 42%)", (u64::from(id) * 137_508 + 500) / 1000 % 360),
    }
}

/// The ring's place on its canvas.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RingGeom {
    /// Canvas width and height (square).
    pub side: f64,
    /// Centre.
    pub c: Pt,
    /// Radius of the ring line (node points).
    pub r: f64,
}

impl RingGeom {
    /// A ring that fits a column `width` pixels wide.
    pub fn new(width: f64) -> RingGeom {
        let side = width.clamp(260.0, 520.0);
        RingGeom { side, c: Pt { x: side / 2.0, y: side / 2.0 }, r: side / 2.0 - 34.0 }
    }

    /// The point at fraction `f` of the way round (0 at the top, clockwise)
    /// and `radius` from the centre.
    pub fn at(&self, f: f64, radius: f64) -> Pt {
        let u = turn(f);
        Pt { x: self.c.x + radius * u.x, y: self.c.y + radius * u.y }
    }

    /// Where keys sit: just inside the ring.
    pub fn key_radius(&self) -> f64 {
        self.r - 14.0
    }
}

/// Everything the ring drawing needs from a run.
pub struct RingScene<'a> {
    /// Positions are fractions of this.
    pub ring_size: u64,
    /// Nodes, ascending, with their points (empty without a ring).
    pub nodes: &'a [NodeView],
    /// The keys to draw.
    pub keys: &'a [KeyView],
    /// How far the moved keys' flight has got, 0 to 1 (1: done).
    pub moving: f64,
    /// Simulated time now, for lookups in flight.
    pub now: SimTime,
}

impl RingScene<'_> {
    fn frac(&self, pos: u64) -> f64 {
        pos as f64 / self.ring_size.max(1) as f64
    }

    /// Whether the nodes sit on a ring (a strategy without one gives no points).
    fn on_ring(&self) -> bool {
        self.nodes.iter().any(|n| !n.points.is_empty())
    }

    /// Where on the drawing a key owned by `node` is served: on a ring, the
    /// node's point that owns the key's position (its first point at or after
    /// the key, else its first); otherwise the node's marker.
    fn anchor(&self, g: &RingGeom, on_ring: bool, node: u32, position: u64) -> Option<Pt> {
        let i = self.nodes.iter().position(|n| n.id == node)?;
        if on_ring {
            let pts = &self.nodes[i].points;
            let at = pts.iter().find(|&&p| p >= position).or_else(|| pts.first())?;
            Some(g.at(self.frac(*at), g.r))
        } else {
            Some(g.at(i as f64 / self.nodes.len().max(1) as f64, g.r))
        }
    }
}

/// Draws one run's ring.
pub fn draw(
    ctx: &CanvasRenderingContext2d,
    g: &RingGeom,
    scene: &RingScene<'_>,
    lookups: impl Iterator<Item = Lookup>,
) {
    let on_ring = scene.on_ring();
    // The ring.
    ctx.set_stroke_style_str("#b9b5ad");
    ctx.set_line_width(2.0);
    ctx.begin_path();
    let _ = ctx.arc(g.c.x, g.c.y, g.r, 0.0, TAU);
    ctx.stroke();
    // Position 0 at the top.
    ctx.set_fill_style_str("#5a5a5a");
    ctx.set_font("11px system-ui, sans-serif");
    ctx.set_text_align("center");
    let top = g.at(0.0, g.r + 14.0);
    let _ = ctx.fill_text("0", top.x, top.y + 4.0);

    // Keys: unmoved dots still; moved ones fly from the old owner to the new.
    for k in scene.keys {
        let Some(owner) = k.owner else { continue };
        let rest = g.at(scene.frac(k.position), g.key_radius());
        ctx.set_fill_style_str(&node_color(owner));
        let moved = k.previous != k.owner;
        let p = if moved && scene.moving < 1.0 {
            let from = k.previous.and_then(|n| scene.anchor(g, on_ring, n, k.position)).unwrap_or(rest);
            let to = scene.anchor(g, on_ring, owner, k.position).unwrap_or(rest);
            // Out to the new owner, then back to the key's place.
            if scene.moving < 0.6 {
                from.lerp(to, scene.moving / 0.6)
            } else {
                to.lerp(rest, (scene.moving - 0.6) / 0.4)
            }
        } else {
            rest
        };
        ctx.begin_path();
        let _ = ctx.arc(p.x, p.y, 3.0, 0.0, TAU);
        ctx.fill();
        if moved {
            ctx.set_stroke_style_str(&node_color(owner));
            ctx.set_line_width(1.5);
            ctx.begin_path();
            let _ = ctx.arc(p.x, p.y, 6.0, 0.0, TAU);
            ctx.stroke();
        }
    }

    // Nodes: a big labelled marker at each node's home point, small ticks at
    // its other points (virtual nodes).
    ctx.set_font("bold 12px system-ui, sans-serif");
    for (i, n) in scene.nodes.iter().enumerate() {
        let color = node_color(n.id);
        ctx.set_fill_style_str(&color);
        for &p in &n.points {
            let q = g.at(scene.frac(p), g.r);
            ctx.begin_path();
            let _ = ctx.arc(q.x, q.y, 3.5, 0.0, TAU);
            ctx.fill();
        }
        let marker = match n.home {
            Some(home) => scene.frac(home),
            None => i as f64 / scene.nodes.len().max(1) as f64,
        };
        let m = g.at(marker, g.r);
        ctx.begin_path();
        let _ = ctx.arc(m.x, m.y, 8.0, 0.0, TAU);
        ctx.fill();
        ctx.set_stroke_style_str("#ffffff");
        ctx.set_line_width(2.0);
        ctx.stroke();
        let label = g.at(marker, g.r + 20.0);
        ctx.set_fill_style_str("#1a1a1a");
        let _ = ctx.fill_text(&format!("S{}", n.id), label.x, label.y + 4.0);
    }

    // Lookups: from the centre (the clients) to the point that owns the key.
    ctx.set_fill_style_str(super::canvas::BLUE);
    ctx.begin_path();
    for l in lookups {
        let Some(to) = scene.anchor(g, on_ring, l.node, l.position) else { continue };
        let span = l.arrives.0.saturating_sub(l.sent.0).max(1) as f64;
        let t = (scene.now.0.saturating_sub(l.sent.0) as f64 / span).clamp(0.0, 1.0);
        let p = g.c.lerp(to, t);
        ctx.move_to(p.x + 3.5, p.y);
        let _ = ctx.arc(p.x, p.y, 3.5, 0.0, TAU);
    }
    ctx.fill();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_go_clockwise_from_the_top() {
        let g = RingGeom::new(400.0);
        let top = g.at(0.0, g.r);
        let right = g.at(0.25, g.r);
        assert!((top.x - g.c.x).abs() < 1e-9 && top.y < g.c.y);
        assert!(right.x > g.c.x && (right.y - g.c.y).abs() < 1e-9);
    }

    #[test]
    fn colours_are_distinct_for_many_nodes() {
        let colours: std::collections::BTreeSet<String> = (0..40).map(node_color).collect();
        assert_eq!(colours.len(), 40);
    }

    #[test]
    fn a_key_is_served_by_the_owning_point_of_its_node() {
        let nodes = [
            NodeView { id: 0, points: vec![20, 150], home: Some(20), keys: 0, share: 0.5, lookups: 0 },
            NodeView { id: 1, points: vec![80], home: Some(80), keys: 0, share: 0.5, lookups: 0 },
        ];
        let scene = RingScene { ring_size: 256, nodes: &nodes, keys: &[], moving: 1.0, now: SimTime::ZERO };
        let g = RingGeom::new(400.0);
        let on_ring = scene.on_ring();
        // Key 100 belongs to S0's point at 150, not its point at 20.
        assert_eq!(scene.anchor(&g, on_ring, 0, 100), Some(g.at(150.0 / 256.0, g.r)));
        // Key 200 wraps round to S0's point at 20.
        assert_eq!(scene.anchor(&g, on_ring, 0, 200), Some(g.at(20.0 / 256.0, g.r)));
        // Without a ring (jump, rendezvous...) a node's marker stands for it.
        let markers = [nodes[0].clone(), nodes[1].clone()].map(|n| NodeView { points: vec![], ..n });
        let scene = RingScene { nodes: &markers, ..scene };
        assert!(!scene.on_ring());
        assert_eq!(scene.anchor(&g, false, 1, 100), Some(g.at(0.5, g.r)));
        assert_eq!(scene.anchor(&g, false, 7, 100), None, "not a node");
    }
}
