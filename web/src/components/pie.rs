//! A pie of shares (each node's part of the key space). Slices carry their
//! percentage as text too; the list beside the pie is what a screen reader gets.

use crate::components::num;
use crate::render::geometry::turn;
use scalelab_core::input::fmt_num;
use scalelab_core::numtext::Fixed;
use yew::prelude::*;

/// One slice.
#[derive(Clone, Debug, PartialEq)]
pub struct Slice {
    /// Label (a node's name).
    pub label: String,
    /// Fill colour.
    pub color: String,
    /// Fraction of the whole, 0 to 1.
    pub value: f64,
}

/// The SVG path of a slice from fraction `a` to `b` of a circle of radius `r` at (`r`, `r`).
pub fn slice_path(a: f64, b: f64, r: f64) -> String {
    if b - a >= 0.999_999 {
        let (r, d) = (fmt_num(r), fmt_num(2.0 * r));
        return format!("M {r} 0 A {r} {r} 0 1 1 {r} {d} A {r} {r} 0 1 1 {r} 0 Z");
    }
    let point = |f: f64| {
        let u = turn(f);
        (r + r * u.x, r + r * u.y)
    };
    let (x0, y0) = point(a);
    let (x1, y1) = point(b);
    let large = u8::from(b - a > 0.5);
    let (r, x0, y0, x1, y1) = (fmt_num(r), Fixed(x0, 2), Fixed(y0, 2), Fixed(x1, 2), Fixed(y1, 2));
    format!("M {r} {r} L {x0} {y0} A {r} {r} 0 {large} 1 {x1} {y1} Z")
}

/// A pie chart with a legend of percentages; `slices` go round the pie from
/// the top, clockwise.
pub fn pie(title: &str, slices: &[Slice]) -> Html {
    let r = 60.0;
    let mut at = 0.0;
    let paths: Vec<Html> = slices
        .iter()
        .map(|s| {
            let (a, b) = (at, at + s.value);
            at = b;
            html! { <path d={slice_path(a, b, r)} fill={s.color.clone()} stroke="#fff" stroke-width="1"/> }
        })
        .collect();
    html! {
        <figure class="pie">
            <figcaption>{ title }</figcaption>
            <div class="pie-body">
                <svg viewBox="0 0 120 120" width="120" height="120" role="img" aria-label={title.to_owned()}>{ for paths }</svg>
                <ul class="legend">
                    { for slices.iter().map(|s| html! {
                        <li>
                            <span class="swatch" style={format!("background:{}", s.color)}></span>
                            { format!("{} {}%", s.label, num(s.value * 100.0, 1)) }
                        </li>
                    }) }
                </ul>
            </div>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn slices_start_at_the_top_and_big_ones_use_the_large_arc() {
        let quarter = super::slice_path(0.0, 0.25, 10.0);
        assert!(quarter.starts_with("M 10 10 L 10.00 0.00"), "{quarter}");
        assert!(super::slice_path(0.0, 0.75, 10.0).contains(" 0 1 1 "));
        assert!(super::slice_path(0.0, 1.0, 10.0).contains("A 10 10 0 1 1 10 20"));
    }
}
