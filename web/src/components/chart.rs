//! A small line chart in SVG: values over the last minute of simulated time.
//! Lines differ by dash pattern as well as colour, so the chart reads in
//! greyscale and for colour-blind readers; the latest values are in the legend
//! as text, which is what a screen reader gets.

use crate::components::num;
use scalelab_core::input::fmt_num;
use scalelab_core::numtext::Fixed;
use yew::prelude::*;

/// One line of a chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// Legend text.
    pub label: String,
    /// Stroke colour.
    pub color: &'static str,
    /// SVG dash pattern ("" for solid).
    pub dash: &'static str,
    /// `(x in seconds, y)` in time order.
    pub points: Vec<(f64, f64)>,
}

/// The plot's coordinate box; the SVG stretches it to the element's size,
/// so the text is HTML around it, not inside it.
const W: f64 = 300.0;
const H: f64 = 100.0;

/// The smallest "nice" number (1, 2 or 5 × 10ⁿ) at least `x`.
pub fn nice_ceiling(x: f64) -> f64 {
    if !(x.is_finite() && x > 0.0) {
        return 1.0;
    }
    let p = 10f64.powf(x.log10().floor());
    [1.0, 2.0, 5.0, 10.0].iter().map(|m| m * p).find(|&v| v >= x).unwrap_or(10.0 * p)
}

/// A line chart titled `title`.
pub fn chart(title: &str, lines: &[Line]) -> Html {
    let xs = lines.iter().flat_map(|l| l.points.iter().map(|pt| pt.0));
    let (x0, x1) = xs.fold((f64::MAX, f64::MIN), |(a, b), x| (a.min(x), b.max(x)));
    let (x0, x1) = if x0 < x1 { (x0, x1) } else { (0.0, 1.0) };
    let y_max = nice_ceiling(lines.iter().flat_map(|l| l.points.iter().map(|pt| pt.1)).fold(0.0, f64::max));
    let sx = |x: f64| (x - x0) / (x1 - x0) * W;
    let sy = |y: f64| H - y / y_max * H;
    // The half-way grid line's height.
    let mid = Fixed(sy(y_max / 2.0), 2).to_string();
    html! {
        <figure class="chart">
            <figcaption>{ title }</figcaption>
            <div class="plot">
                <svg viewBox={format!("0 0 {} {}", fmt_num(W), fmt_num(H))} role="img" aria-label={title.to_owned()} preserveAspectRatio="none">
                    <line class="grid" x1="0" y1={mid.clone()} x2={fmt_num(W)} y2={mid} vector-effect="non-scaling-stroke"/>
                    <line class="axis" x1="0" y1={fmt_num(H)} x2={fmt_num(W)} y2={fmt_num(H)} vector-effect="non-scaling-stroke"/>
                    { for lines.iter().map(|l| {
                        let pts: String = l.points.iter().map(|&(x, y)| format!("{},{} ", Fixed(sx(x), 2), Fixed(sy(y), 2))).collect();
                        html! { <polyline points={pts} fill="none" stroke={l.color} stroke-width="1.8" stroke-dasharray={l.dash} vector-effect="non-scaling-stroke"/> }
                    }) }
                </svg>
                <span class="y-tick" style="top:0%">{ num(y_max, 1) }</span>
                <span class="y-tick" style="top:50%">{ num(y_max / 2.0, 1) }</span>
                <span class="y-tick" style="top:100%">{ "0" }</span>
                <span class="x-tick" style="left:0">{ format!("{} s", num(x0, 1)) }</span>
                <span class="x-tick" style="right:0">{ format!("{} s", num(x1, 1)) }</span>
            </div>
            <ul class="legend">
                { for lines.iter().map(|l| html! {
                    <li>
                        <svg width="22" height="8" aria-hidden="true"><line x1="0" y1="4" x2="22" y2="4" stroke={l.color} stroke-width="2.5" stroke-dasharray={l.dash}/></svg>
                        { format!("{} {}", l.label, l.points.last().map(|pt| num(pt.1, 1)).unwrap_or_default()) }
                    </li>
                }) }
            </ul>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn nice_ceilings() {
        assert_eq!(super::nice_ceiling(0.0), 1.0);
        assert_eq!(super::nice_ceiling(7.0), 10.0);
        assert_eq!(super::nice_ceiling(157.0), 200.0);
        assert_eq!(super::nice_ceiling(2.0), 2.0);
        assert_eq!(super::nice_ceiling(0.03), 0.05);
    }
}
