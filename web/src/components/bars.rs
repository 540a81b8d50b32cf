//! Horizontal bars with their values written out (keys per node, say).

use scalelab_core::numtext::Fixed;
use yew::prelude::*;

/// One bar.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    /// Label.
    pub label: String,
    /// Colour.
    pub color: String,
    /// Value.
    pub value: f64,
    /// The value as shown.
    pub text: String,
}

/// A bar chart as a list: each row a label, a bar and its value. `mark`
/// draws a reference line (the mean, say) in the bars' units.
pub fn bars(title: &str, bars: &[Bar], mark: Option<f64>) -> Html {
    let max = bars.iter().map(|b| b.value).chain(mark).fold(0.0, f64::max).max(f64::MIN_POSITIVE);
    html! {
        <figure class="bars">
            <figcaption>{ title }</figcaption>
            <ul>
                { for bars.iter().map(|b| html! {
                    <li>
                        <span class="bar-label">{ &b.label }</span>
                        <span class="bar-track">
                            <span class="bar-fill" style={format!("width:{}%;background:{}", Fixed(b.value / max * 100.0, 1), b.color)}></span>
                            if let Some(m) = mark {
                                <span class="bar-mark" style={format!("left:{}%", Fixed(m / max * 100.0, 1))}></span>
                            }
                        </span>
                        <span class="bar-value">{ &b.text }</span>
                    </li>
                }) }
            </ul>
        </figure>
    }
}
