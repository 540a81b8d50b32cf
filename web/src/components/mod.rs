//! Widgets every lab page shares. Each is a function from an immutable
//! snapshot to markup that reports what the learner did through callbacks;
//! none of them owns or changes a simulation, and none is a Yew component
//! (a component brings its own glue, and these have no state to keep).

pub mod bars;
pub mod chart;
pub mod choice;
pub mod event_log;
pub mod icon;
pub mod metrics_panel;
pub mod param_errors;
pub mod pie;
pub mod share;
pub mod transport;

use scalelab_core::numtext;

pub use bars::{Bar, bars};
pub use chart::{Line, chart};
pub use choice::choice;
pub use event_log::event_log;
pub use icon::{Icon, icon};
pub use metrics_panel::metrics_panel;
pub use param_errors::param_errors;
pub use pie::{Slice, pie};
pub use share::share;
pub use transport::transport;

/// The number in the range or number input an event came from, read by the
/// browser (`valueAsNumber`); `fallback` if it holds none.
pub fn input_number(e: &yew::Event, fallback: f64) -> f64 {
    use yew::TargetCast;
    let v = e.target_unchecked_into::<web_sys::HtmlInputElement>().value_as_number();
    if v.is_finite() { v } else { fallback }
}

/// `x` as the shortest text that reads back as the same float, for what
/// machines read (`data-value`, an input's `value`). In the browser
/// JavaScript writes it (`String(x)`, an exponent beyond 1e21 or below
/// 1e-6): Rust's own float printing would add ~5 KB gzipped to the page.
pub fn exact(x: f64) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Number::from(x).to_string_with_radix(10).map(String::from).unwrap_or_default()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        x.to_string()
    }
}

/// Formats a number for display: at most `decimals` decimals, no trailing zeros.
pub fn num(x: f64, decimals: u32) -> String {
    if !x.is_finite() {
        return "–".to_owned();
    }
    numtext::trim(numtext::fixed(x, decimals))
}

/// Formats simulated time: `1.234 s` or `123 ms`.
pub fn time_text(t: scalelab_core::SimTime, t_s: &str, t_ms: &str) -> String {
    let ms = t.as_ms_f64();
    if ms >= 1_000.0 { format!("{} {t_s}", num(ms / 1_000.0, 3)) } else { format!("{} {t_ms}", num(ms, 1)) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_drop_trailing_zeros() {
        assert_eq!(num(71.6790, 1), "71.7");
        assert_eq!(num(2.0, 3), "2");
        assert_eq!(num(0.0, 2), "0");
        assert_eq!(num(f64::NAN, 2), "–");
        assert_eq!(time_text(scalelab_core::SimTime::from_ms(1_500), "s", "ms"), "1.5 s");
        assert_eq!(time_text(scalelab_core::SimTime(12_300), "s", "ms"), "12.3 ms");
    }
}
