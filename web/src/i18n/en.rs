//! The shell's words and input messages in English.

use super::{Shell, allowed};
use scalelab_core::input::{Degenerate, InputError, Problem, Warning};

pub static SHELL: Shell = Shell {
    app_title: "Scale Lab",
    tagline: "Learn how systems scale and fail — by doing it.",
    labs: "Labs",
    other_language: "বাংলা",
    play: "Play",
    pause: "Pause",
    step: "Step",
    speed: "Speed",
    seed: "Seed",
    apply_seed: "Use seed",
    reset: "Reset",
    time: "Time",
    timeline: "Timeline (drag to rewind)",
    copy_link: "Copy link",
    copy_embed: "Copy embed code",
    copied: "Copied",
    link_label: "Link to this exact run",
    numbers: "Numbers",
    what_happened: "What happened",
    settings: "Settings",
    settings_note: "Changing one of these starts the run again from zero, with the same seed.",
    bad_params: "Some settings in this link could not be used:",
    using_default: "using the default, {}.",
    keys_help: "Keys: Space play/pause · . step · + and − speed",
    seeds_button: "Run 20 seeds",
    seeds_title: "Over {} seeds ({} to {}), at {}",
    seeds_working: "Running seed {} of {}…",
    seeds_mean: "mean ± 95%",
    seeds_range: "each seed",
    seeds_note: "The same settings and commands with other seeds. ± is the 95% confidence interval of the mean (Student's t); the dots are the seeds, from the lowest to the highest.",
    open_full: "Open in Scale Lab",
    home_intro: "Each lab is a small, exact simulation. Press play, break something, and watch the numbers. Every run is seeded: the link in the address bar replays it for anyone.",
    unknown_lab: "There is no lab called “{}”. Pick one below.",
    finished: "The run stopped at {} as the link asks (duration-ms). Reset or rewind to play again.",
    chart_latency: "Latency of answered requests (ms)",
    chart_outcomes: "Requests per second",
    last_second: "In the last second: {} dropped, {} failed.",
    try_these: "Try these",
    compare: "Compare",
    compare_off: "Stop comparing",
    ms: "ms",
    s: "s",
    per_s: "/s",
    crashed: "Something went wrong inside Scale Lab. Reload the page; your link keeps the run.",
};

pub fn input_error(e: &InputError) -> String {
    let (name, value) = (&e.name, &e.value);
    match &e.problem {
        Problem::NotANumber(_) => {
            format!("“{name}” = “{value}” is not a number; allowed: {}", allowed(&e.problem))
        }
        Problem::NotAWholeNumber(_) => {
            format!("“{name}” = “{value}” is not a whole number; allowed: {}", allowed(&e.problem))
        }
        Problem::OutOfRange(_) => {
            format!("“{name}” = {value} is out of range; allowed: {}", allowed(&e.problem))
        }
        Problem::NotOneOf(_) => {
            format!("“{name}” = “{value}” is not allowed; allowed: {}", allowed(&e.problem))
        }
        Problem::UnknownSetting(_) => {
            format!("“{name}” is not a setting of this lab; settings are: {}", allowed(&e.problem))
        }
        Problem::BadCommand { .. } => {
            format!("“{name}”: cannot read the command “{value}”; commands look like {}", allowed(&e.problem))
        }
        Problem::Conflict(why) => format!("“{name}” = {value}: {why}"),
    }
}

pub fn warning(w: &Warning) -> String {
    let name = w.name;
    match w.problem {
        Degenerate::CrowdedRing { points, positions } => format!(
            "“{name}”: {points} ring points on {positions} positions, so many share one and the busiest node holds far more than its share. Raise “{name}” (for example to 4294967296)."
        ),
        Degenerate::KeysPileUp { keys, positions } => format!(
            "“{name}”: {keys} keys hashed by identity onto {positions} positions, so key k and k + {positions} always land together. Use “{name}” = mix, or a larger ring."
        ),
    }
}
