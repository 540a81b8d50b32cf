//! Inline-style helpers for absolutely positioned stage nodes.

use scalelab_core::numtext::Fixed;

/// `left:…px;top:…px` for an absolutely positioned node centred at `p`.
pub fn pos(p: crate::render::geometry::Pt) -> String {
    format!("left:{}px;top:{}px", Fixed(p.x, 1), Fixed(p.y, 1))
}

/// `width:…px;height:…px`, in whole pixels.
pub fn size(width: f64, height: f64) -> String {
    format!("width:{}px;height:{}px", Fixed(width, 0), Fixed(height, 0))
}
