//! Play, pause, step, speed, seed, reset and the timeline.

use crate::components::{Icon, exact, icon, input_number, num, time_text};
use crate::i18n::Shell;
use crate::route::SPEEDS;
use scalelab_core::SimTime;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};
use yew::prelude::*;

/// Where the main run is in time.
pub struct Clock {
    /// Whether time is moving.
    pub playing: bool,
    /// Simulated seconds per real second.
    pub speed: f64,
    /// The run's seed.
    pub seed: u64,
    /// Simulated time now.
    pub now: SimTime,
    /// The furthest time reached (the timeline's end).
    pub horizon: SimTime,
    /// The stop time, if the run has one.
    pub stop_at: Option<SimTime>,
}

/// What the transport bar shows and reports.
pub struct TransportView {
    /// Words.
    pub text: &'static Shell,
    /// Where the run is in time.
    pub clock: Clock,
    /// Play or pause.
    pub on_toggle: Callback<()>,
    /// One step.
    pub on_step: Callback<()>,
    /// A new speed.
    pub on_speed: Callback<f64>,
    /// A new seed (as typed; the page validates it).
    pub on_seed: Callback<String>,
    /// Start again.
    pub on_reset: Callback<()>,
    /// Rewind to a time.
    pub on_rewind: Callback<SimTime>,
}

/// The transport bar at the top of every lab.
pub fn transport(p: TransportView) -> Html {
    let t = p.text;
    let toggle = p.on_toggle.reform(|_: MouseEvent| ());
    let step = p.on_step.reform(|_: MouseEvent| ());
    let reset = p.on_reset.reform(|_: MouseEvent| ());
    let on_speed = p.on_speed.reform(|e: Event| {
        let v = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
        scalelab_core::input::decimal(&v).unwrap_or(crate::route::DEFAULT_SPEED)
    });
    let on_seed = p.on_seed.reform(|e: SubmitEvent| {
        e.prevent_default();
        // The form's one text field.
        let form = e.target_unchecked_into::<Element>();
        let input =
            form.query_selector("input").ok().flatten().and_then(|el| el.dyn_into::<HtmlInputElement>().ok());
        input.map(|i| i.value()).unwrap_or_default()
    });
    let on_rewind = p.on_rewind.reform(|e: InputEvent| SimTime((input_number(&e, 0.0) * 1_000.0) as u64));
    let end = p.clock.stop_at.unwrap_or(p.clock.horizon).max(p.clock.horizon);
    html! {
        <div class="transport" role="toolbar" aria-label={t.play}>
            <button class="primary" onclick={toggle} aria-pressed={p.clock.playing.to_string()} data-action="play">
                if p.clock.playing { { icon(Icon::Pause) }{ t.pause } } else { { icon(Icon::Play) }{ t.play } }
            </button>
            <button onclick={step} data-action="step">{ icon(Icon::Step) }{ t.step }</button>
            <label class="speed">
                { t.speed }
                <select onchange={on_speed} data-action="speed">
                    { for speeds(p.clock.speed).into_iter().map(|s| html! {
                        <option value={exact(s)} selected={s == p.clock.speed}>{ format!("{}×", num(s, 2)) }</option>
                    }) }
                </select>
            </label>
            <form class="seed" onsubmit={on_seed}>
                <label>
                    { t.seed }
                    <input type="text" inputmode="numeric" size="8" value={p.clock.seed.to_string()} data-action="seed"/>
                </label>
                <button type="submit">{ t.apply_seed }</button>
            </form>
            <button onclick={reset} data-action="reset">{ icon(Icon::Reset) }{ t.reset }</button>
            <span class="clock" aria-live="off" data-metric="time_ms" data-value={exact(p.clock.now.as_ms_f64())}>
                { format!("{} {}", t.time, time_text(p.clock.now, t.s, t.ms)) }
            </span>
            <label class="timeline">
                <span class="visually-hidden">{ t.timeline }</span>
                <input type="range" min="0" max={exact(end.as_ms_f64())} step="1"
                    value={exact(p.clock.now.as_ms_f64())} oninput={on_rewind} title={t.timeline} data-action="timeline"/>
            </label>
        </div>
    }
}

/// The speeds offered: the usual ones, plus the current one if a link asked
/// for another (the select must show what the run really uses).
fn speeds(current: f64) -> Vec<f64> {
    let mut all = SPEEDS.to_vec();
    if !all.contains(&current) {
        // SPEEDS is ascending; an insertion keeps it so without a sort.
        all.insert(all.partition_point(|&s| s < current), current);
    }
    all
}

#[cfg(test)]
mod tests {
    use super::speeds;

    #[test]
    fn a_speed_from_a_link_is_offered_in_order_and_the_usual_ones_are_not_doubled() {
        let with_five = speeds(5.0);
        assert!(with_five.windows(2).all(|w| w[0] < w[1]), "{with_five:?}");
        assert!(with_five.contains(&5.0));
        assert_eq!(speeds(1.0), crate::route::SPEEDS);
    }
}
