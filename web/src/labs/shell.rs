//! The part of every lab page that is the same for every lab, drawn by one
//! non-generic function.
//!
//! A lab's [`Page`](super::page::Page) is generic over its lab, so everything
//! it draws is compiled once per lab. It therefore only works out what is its
//! lab's own (numbers, words, callbacks, the stage) into a [`ShellView`] and
//! hands it to [`view`], which lays out the shared page once for all labs:
//! this keeps three copies of the shell's markup out of the download.

use crate::components::event_log::LogLine;
use crate::components::metrics_panel::Column;
use crate::components::share::ShareView;
use crate::components::transport::{Clock, TransportView};
use crate::components::{event_log, exact, metrics_panel, num, param_errors, share, time_text, transport};
use crate::i18n::{LabWords, Shell, fill, label};
use crate::labs::page::{LabPage, Msg};
use crate::route::Lang;
use scalelab_core::SimTime;
use scalelab_core::input::Choice;
use scalelab_core::metrics::Spread;
use scalelab_core::numtext::Fixed;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::html::Scope;
use yew::prelude::*;

/// One setting in the settings panel.
pub struct Field {
    /// Its name (the link parameter).
    pub name: &'static str,
    /// What the setting does (the label's tooltip).
    pub describe: &'static str,
    /// The value the run has.
    pub value: String,
    /// The values it offers, worded; `None` for a text field.
    pub choices: Option<Vec<(&'static str, &'static str)>>,
}

/// One metric over the seeds.
pub struct SeedRow {
    /// Its name (the CLI's JSON field).
    pub name: &'static str,
    /// Its spread.
    pub spread: Spread,
    /// Each seed's value, in seed order.
    pub values: Vec<f64>,
}

/// The main run over other seeds.
pub struct SeedsView {
    /// The first seed.
    pub first: u64,
    /// How many.
    pub count: u64,
    /// How many have finished.
    pub done: u64,
    /// The time they run to.
    pub until: SimTime,
    /// The shown metrics' spreads, once every seed has finished.
    pub rows: Vec<SeedRow>,
}

/// Everything the shared page shows.
pub struct ShellView {
    /// The lab's name (`load-balancing`, ...).
    pub lab: &'static str,
    /// The interface language.
    pub lang: Lang,
    /// The shell's words.
    pub s: &'static Shell,
    /// The lab's shared words.
    pub w: &'static LabWords,
    /// Drawn inside another page: a short header linking to the full lab.
    pub embed: bool,
    /// This run's link (without `embed`).
    pub page_url: String,
    /// Unusable link parameters in words.
    pub error_lines: Vec<String>,
    /// Settings that run but make the model degenerate, in words.
    pub warnings: Vec<String>,
    /// Where the main run is in time (the transport bar).
    pub clock: Clock,
    /// Why the last typed setting or seed was refused.
    pub setting_error: Option<String>,
    /// When the main run ended, if it has.
    pub finished: Option<SimTime>,
    /// The lab's stage(s), controls and charts.
    pub body: Html,
    /// The metrics the panel lists, in order.
    pub shown: &'static [&'static str],
    /// One column of numbers per run.
    pub columns: Vec<Column>,
    /// The event log's newest lines, oldest first.
    pub log: Vec<LogLine>,
    /// The run over 20 seeds, when asked for.
    pub seeds: Option<SeedsView>,
    /// The settings changed by restarting the run.
    pub fields: Vec<Field>,
    /// Which share field was copied last, if the link has not changed since.
    pub copied: Option<u8>,
    /// The page the shell's controls report to. The shell makes their
    /// callbacks itself: made in the lab's generic view, each would be
    /// compiled once per lab.
    pub link: Scope<LabPage>,
}

/// The shared page around a lab's stage.
pub fn view(v: ShellView) -> Html {
    let (s, w, link) = (v.s, v.w, &v.link);
    let on_setting =
        link.callback(|(name, value): (&'static str, String)| Msg::Setting(name.to_owned(), value));
    html! {
        <div class={classes!("lab", format!("lab-{}", v.lab))} data-lab={v.lab}>
            if v.embed {
                <header class="embed-head">
                    <h1>{ w.title }</h1>
                    <a href={v.page_url.clone()} target="_blank" rel="noopener">{ s.open_full }</a>
                </header>
            } else {
                <header class="lab-head">
                    <h1>{ w.title }</h1>
                    <p class="blurb">{ w.blurb }</p>
                </header>
            }
            { param_errors(s.bad_params, &v.error_lines, &link.callback(|()| Msg::DismissErrors)) }
            { for v.warnings.iter().map(|w| html! {
                <p class="notice warning" role="status" data-testid="setting-warning">{ w }</p>
            }) }
            { transport(TransportView {
                text: s,
                clock: v.clock,
                on_toggle: link.callback(|()| Msg::Toggle),
                on_step: link.callback(|()| Msg::Step),
                on_speed: link.callback(Msg::Speed),
                on_seed: link.callback(Msg::Seed),
                on_reset: link.callback(|()| Msg::Reset),
                on_rewind: link.callback(Msg::Rewind),
            }) }
            if let Some(e) = v.setting_error {
                <p class="inline-error" role="alert">{ e }</p>
            }
            if let Some(at) = v.finished {
                <p class="notice" role="status" data-testid="finished">{ fill(s.finished, &[&time_text(at, s.s, s.ms)]) }</p>
            }
            <div class="lab-body">
                <div class="stage-col">{ v.body }</div>
                <aside class="side-col">
                    { metrics_panel(s.numbers, w.metrics, v.shown, &v.columns) }
                    { seeds_panel(s, w, v.seeds.as_ref(), link) }
                    { event_log(s.what_happened, w.nothing_yet, &v.log) }
                    { presets(v.lab, v.lang, s, w) }
                </aside>
            </div>
            { settings_panel(s, w, v.fields, &on_setting) }
            { share(ShareView {
                text: s,
                title: format!("{} · {}", w.title, s.app_title),
                url: v.page_url,
                copied: v.copied,
                on_copy: link.callback(Msg::Copied),
            }) }
            <p class="keys muted">{ s.keys_help }</p>
        </div>
    }
}

/// The button that runs 20 seeds, and their spread once they have run.
fn seeds_panel(s: &Shell, w: &LabWords, v: Option<&SeedsView>, link: &Scope<LabPage>) -> Html {
    let button = html! {
        <button onclick={link.callback(|_: MouseEvent| Msg::RunSeeds)} data-action="run-seeds"
            disabled={v.is_some_and(|v| v.done < v.count)}>{ s.seeds_button }</button>
    };
    let Some(v) = v else { return html! { <section class="seeds">{ button }</section> } };
    let last = v.first.wrapping_add(v.count.saturating_sub(1));
    let title = fill(s.seeds_title, &[&v.count, &v.first, &last, &time_text(v.until, s.s, s.ms)]);
    html! {
        <section class="seeds" aria-labelledby="seeds-title">
            <h2 id="seeds-title">{ title }</h2>
            { button }
            if v.done < v.count {
                <p role="status" class="small">{ fill(s.seeds_working, &[&(v.done + 1), &v.count]) }</p>
                <progress max={v.count.to_string()} value={v.done.to_string()}></progress>
            } else {
                <table data-seeds-done={v.count.to_string()}>
                    <thead><tr><th></th><th scope="col">{ s.seeds_mean }</th><th scope="col">{ s.seeds_range }</th></tr></thead>
                    <tbody>
                    { for v.rows.iter().map(|r| seed_row(w, r)) }
                    </tbody>
                </table>
                <p class="muted small">{ s.seeds_note }</p>
            }
        </section>
    }
}

/// Digits for `x` given the interval's half-width: two significant digits
/// of it, at most six decimals; the panel's usual ones when it is nil.
fn spread_text(x: f64, half_width: f64) -> String {
    let noise = 1e-9 * x.abs().max(1e-300);
    if !(half_width > noise && half_width.is_finite()) {
        return num(x, 3);
    }
    let (mut decimals, mut scaled) = (0, half_width);
    while scaled < 10.0 && decimals < 6 {
        scaled *= 10.0;
        decimals += 1;
    }
    num(x, decimals)
}

fn seed_row(w: &LabWords, r: &SeedRow) -> Html {
    let m = &r.spread;
    let (lo, hi) = (m.min, m.max);
    let x = |v: f64| if hi > lo { 2.0 + (v - lo) / (hi - lo) * 76.0 } else { 40.0 };
    let range = format!("{} – {}", spread_text(lo, m.half_width), spread_text(hi, m.half_width));
    html! {
        <tr>
            <th scope="row">{ label(w.metrics, r.name) }</th>
            <td data-seeds-metric={r.name} data-mean={exact(m.mean)} data-half-width={exact(m.half_width)}>
                { format!("{} ± {}", spread_text(m.mean, m.half_width), spread_text(m.half_width, m.half_width)) }
            </td>
            <td>
                <svg class="seed-dots" viewBox="0 0 80 10" width="80" height="10" role="img" aria-label={range}>
                    { for r.values.iter().map(|&v| html! { <circle cx={Fixed(x(v), 1).to_string()} cy="5" r="1.8"></circle> }) }
                    <line x1={Fixed(x(m.mean), 1).to_string()} x2={Fixed(x(m.mean), 1).to_string()} y1="0" y2="10"></line>
                </svg>
            </td>
        </tr>
    }
}

/// Links to the lab's worked examples.
fn presets(lab: &str, lang: Lang, s: &Shell, w: &LabWords) -> Html {
    let suffix = if lang == Lang::En { String::new() } else { format!("&lang={}", lang.name()) };
    html! {
        <section class="presets" aria-labelledby="presets-title">
            <h2 id="presets-title">{ s.try_these }</h2>
            <ul>
                { for w.presets.iter().map(|p| html! {
                    <li>
                        <a href={format!("#/{lab}?{}{suffix}", p.link)} data-preset={p.link}>{ p.title }</a>
                        <span class="muted">{ p.note }</span>
                    </li>
                }) }
            </ul>
        </section>
    }
}

/// Every setting that restarts the run, as a field.
fn settings_panel(
    s: &Shell,
    w: &LabWords,
    fields: Vec<Field>,
    on_setting: &Callback<(&'static str, String)>,
) -> Html {
    let field = |f: Field| {
        let name = f.name;
        let on_change = on_setting.reform(move |e: Event| {
            let el = e.target_unchecked_into::<web_sys::HtmlElement>();
            let v = el
                .dyn_ref::<HtmlSelectElement>()
                .map(HtmlSelectElement::value)
                .or_else(|| el.dyn_ref::<HtmlInputElement>().map(HtmlInputElement::value))
                .unwrap_or_default();
            (name, v)
        });
        let input = match f.choices {
            Some(options) => html! {
                <select onchange={on_change} data-setting={name}>
                    { for options.into_iter().map(|(v, words)| html! {
                        <option value={v} selected={v == f.value}>{ words }</option>
                    }) }
                </select>
            },
            // Keyed by value: after a restart the field shows what the run has.
            None => html! {
                <input type="text" key={format!("{name}={}", f.value)} value={f.value.clone()}
                    onchange={on_change} data-setting={name}/>
            },
        };
        html! {
            <label title={f.describe}>
                <span>{ label(w.settings, name) }</span>
                { input }
            </label>
        }
    };
    html! {
        <details class="settings-panel">
            <summary>{ s.settings }</summary>
            <p class="muted">{ s.settings_note }</p>
            <div class="settings-grid">
                { for fields.into_iter().map(field) }
            </div>
        </details>
    }
}
