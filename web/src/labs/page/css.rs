//! Inline-style helpers for absolutely positioned stage nodes.

use scalelab_core::numtext::Fixed;

/// `left:…px;top:…px` for an absolutely positioned node centred at `p`.
pub fn pos(p: crate::render::geometry::Pt) -> String {
    format!("left:{}px;top:{}px", Fixed(p.x, 1), Fixed(p.y, 1))
}

/// How full a bar is, as `transform:scaleX(…)` of a fill that is as wide as
/// its track (`fraction` from 0 to 1, to two decimals). A transform, not a
/// width, because the page refreshes its bars 20 times a second: a changed
/// width lays the whole stage out again (about 2.5 ms a refresh with the
/// queues lab's 64 consumers, in headless Chromium), a changed transform
/// only repaints the bar.
pub fn bar_fill(fraction: f64) -> String {
    format!("transform:scaleX({})", Fixed(fraction.clamp(0.0, 1.0), 2))
}

/// `width:…px;height:…px`, in whole pixels.
pub fn size(width: f64, height: f64) -> String {
    format!("width:{}px;height:{}px", Fixed(width, 0), Fixed(height, 0))
}
