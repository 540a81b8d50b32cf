//! A lab's [`Page`] without its lab's type: the one [`LabPage`] component
//! holds a `Box<dyn AnyPage>` and asks it to handle messages, move time, draw
//! and render.

use super::{LabPage, LabUi, Msg, Page};
use crate::components::event_log::{LOG_LINES, LogLine};
use crate::components::metrics_panel::{Cell, Column};
use crate::components::transport::Clock;
use crate::components::{num, time_text};
use crate::i18n::{self, fill};
use crate::labs::host::{Host, Note};
use crate::labs::shell::{self, Field, SeedRow, SeedsView, ShellView};
use crate::platform;
use crate::route::{self, Lang, Route, ShellOptions};
use scalelab_core::input::{Choice, InputError};
use scalelab_core::lab::{Lab, Settings};
use scalelab_core::metrics::Spread;
use std::cell::RefCell;
use yew::html::Scope;
use yew::prelude::*;

/// A message's effect on the page.
pub(crate) struct Handled {
    /// The DOM needs a refresh.
    pub(super) render: bool,
    /// The run's link changed.
    pub(super) url_changed: bool,
}

/// A lab's [`Page`] without its lab's type: what the one [`LabPage`]
/// component asks of it. Yew compiles a component's glue once per component
/// type, so one component for every lab keeps two copies of it (and of the
/// page's frame, key and resize handling) out of the download.
pub(crate) trait AnyPage {
    /// Handles a message about the runs or the page's state.
    fn handle(&mut self, msg: Msg) -> Handled;
    /// Moves time for one animation frame.
    fn frame(&mut self, timestamp_ms: f64);
    /// Whether time is moving.
    fn playing(&self) -> bool;
    /// Whether anything moves on the canvases (time, or an animation).
    fn moving(&self) -> bool;
    /// Draws the canvases.
    fn draw(&self);
    /// The hash of a link that reproduces the page.
    fn hash(&self) -> String;
    /// Switches the interface language.
    fn set_lang(&mut self, lang: Lang);
    /// The first stage (measured for its width) and its width.
    fn stage(&mut self) -> (&NodeRef, &mut f64);
    /// The page's markup.
    fn view(&self, link: &Scope<LabPage>) -> Html;
}

/// Opens the lab the route names (the first lab if it names none).
pub(super) fn open(route: &Route, lang: Lang) -> Box<dyn AnyPage> {
    let first = crate::labs::PAGES[0];
    let page = |id| crate::labs::open(id, route, lang);
    // Every lab in core's registry has a page (a test holds the two lists
    // equal), so the first lab's page is always there.
    route.lab.and_then(page).or_else(|| page(first)).expect("the first lab has a page")
}

impl<L: LabUi> Page<L> {
    /// The page a route opens: its runs, playing unless the learner asked
    /// for less motion or the run is over.
    pub(crate) fn open(route: &Route, lang: Lang) -> Page<L> {
        let (options, errors) = ShellOptions::from_route(route);
        let mut host = Host::<L>::from_params(route.lab_params(), options, errors);
        host.options.lang = lang;
        let reduced_motion = platform::prefers_reduced_motion();
        host.set_playing(!reduced_motion);
        Page {
            host,
            ui: L::Ui::default(),
            canvases: [NodeRef::default(), NodeRef::default()],
            stage_ref: NodeRef::default(),
            stage_width: 720.0,
            reduced_motion,
            flight_layer: RefCell::default(),
            setting_error: None,
            show_errors: true,
            copied: None,
        }
    }

    fn set_error(&mut self, result: Result<(), InputError>) {
        let lang = self.lang();
        self.setting_error = result.err().map(|e| i18n::input_error(lang, &e));
    }
}

impl<L: LabUi> AnyPage for Page<L> {
    fn handle(&mut self, msg: Msg) -> Handled {
        let host = &mut self.host;
        let mut url_changed = true;
        let render = match msg {
            Msg::Toggle => {
                host.set_playing(!host.playing);
                url_changed = false;
                true
            }
            Msg::Step => {
                host.step();
                url_changed = false;
                true
            }
            Msg::Speed(s) => {
                host.options.speed = s;
                true
            }
            Msg::Seed(text) => {
                let parsed = scalelab_core::input::parse_u64("seed", &text, 0, u64::MAX);
                if let Ok(seed) = parsed {
                    host.reseed(seed);
                }
                self.set_error(parsed.map(drop));
                true
            }
            Msg::Reset => {
                host.reset();
                true
            }
            Msg::Rewind(t) => {
                host.rewind_to(t);
                url_changed = false;
                true
            }
            Msg::Command(cmd) => match cmd.downcast::<L::Command>() {
                Ok(cmd) => {
                    host.command(&cmd);
                    true
                }
                Err(_) => {
                    debug_assert!(false, "a command for another lab");
                    url_changed = false;
                    false
                }
            },
            Msg::Setting(name, value) => {
                let result = host.set_setting(&name, &value);
                self.set_error(result);
                true
            }
            Msg::Compare(vs) => {
                host.compare(vs);
                true
            }
            Msg::Key(key) => {
                // The component turns Space and "." into Toggle and Step.
                host.nudge_speed(key != "-");
                true
            }
            Msg::DismissErrors => {
                self.show_errors = false;
                url_changed = false;
                true
            }
            Msg::Copied(which) => {
                self.copied = Some(which);
                url_changed = false;
                true
            }
            Msg::RunSeeds => {
                host.run_seeds();
                url_changed = false;
                true
            }
            Msg::Ui(msg) => {
                url_changed = false;
                match msg.downcast::<L::UiMsg>() {
                    Ok(msg) => L::update_ui(self, *msg),
                    Err(_) => {
                        debug_assert!(false, "a UI message for another lab");
                        false
                    }
                }
            }
            // The component handles these itself.
            Msg::Frame(_) | Msg::Resize => {
                url_changed = false;
                false
            }
        };
        if url_changed {
            self.copied = None;
        }
        Handled { render, url_changed }
    }

    fn frame(&mut self, timestamp_ms: f64) {
        self.host.frame(timestamp_ms);
        // Seeds run in slices, at most about 6 ms of each frame.
        let began = platform::now_ms();
        self.host.work_seeds(|| platform::now_ms() - began < SEED_MS_PER_FRAME);
    }

    fn playing(&self) -> bool {
        self.host.playing
    }

    fn moving(&self) -> bool {
        self.host.playing || L::animating(self) || self.host.seeds_pending()
    }

    fn draw(&self) {
        L::draw(self);
    }

    fn hash(&self) -> String {
        let params = self.host.params();
        route::build(L::ID, params.iter().map(|(k, v)| (*k, v.as_str())))
    }

    fn set_lang(&mut self, lang: Lang) {
        self.host.options.lang = lang;
        // The link names the language: what was copied is not the link any more.
        self.copied = None;
    }

    fn stage(&mut self) -> (&NodeRef, &mut f64) {
        (&self.stage_ref, &mut self.stage_width)
    }

    fn view(&self, link: &Scope<LabPage>) -> Html {
        let main = self.host.main();
        let lang = self.lang();
        let cfg = main.config();
        let fields = <L as Lab>::Config::FIELDS
            .iter()
            .filter(|f| !L::LIVE.contains(&f.name))
            .map(|f| Field {
                name: f.name,
                describe: f.describe,
                value: cfg.get(f.name).unwrap_or_default(),
                choices: L::choices(lang, f.name),
            })
            .collect();
        shell::view(ShellView {
            lab: L::ID.name(),
            lang,
            s: self.shell(),
            w: self.words(),
            embed: self.host.options.embed,
            page_url: platform::url_with_hash(&route::build(
                L::ID,
                self.host.params().iter().filter(|(k, _)| *k != "embed").map(|(k, v)| (*k, v.as_str())),
            )),
            warnings: main.warnings().iter().map(|w| i18n::warning(lang, w)).collect(),
            error_lines: if self.show_errors {
                self.host.errors.iter().map(|e| error_line::<L>(lang, e)).collect()
            } else {
                Vec::new()
            },
            clock: Clock {
                playing: self.host.playing,
                speed: self.host.options.speed,
                seed: main.seed(),
                now: main.now(),
                horizon: self.host.horizon,
                stop_at: main.stop_at(),
            },
            setting_error: self.setting_error.clone(),
            finished: main.finished().then(|| main.now()),
            body: L::body(self, link),
            shown: L::SHOWN,
            columns: columns(self),
            log: log_lines(self),
            seeds: seeds_view(self),
            fields,
            copied: self.copied,
            link: link.clone(),
        })
    }
}

/// One unusable link parameter in words, with the default used instead.
fn error_line<L: LabUi>(lang: Lang, e: &InputError) -> String {
    let default = match e.name.as_str() {
        "seed" => Some(scalelab_core::session::DEFAULT_SEED.to_string()),
        "speed" => Some(num(route::DEFAULT_SPEED, 2)),
        "lang" => Some("en".to_owned()),
        name => <L as Lab>::Config::default().get(name),
    };
    let text = i18n::input_error(lang, e);
    match default {
        Some(d) if !d.is_empty() => format!("{text} — {}", fill(i18n::shell(lang).using_default, &[&d])),
        _ => text,
    }
}

/// How long the seeds may run in one frame, ms.
const SEED_MS_PER_FRAME: f64 = 6.0;

/// The run over 20 seeds: progress, then each shown metric's spread.
fn seeds_view<L: LabUi>(page: &Page<L>) -> Option<SeedsView> {
    let seeds = page.host.seeds.as_ref()?;
    let done = seeds.done.len() as u64;
    let mut rows = Vec::new();
    if done == seeds.count {
        let columns: Vec<Column> = seeds.done.iter().map(|m| Column::of(String::new(), m)).collect();
        for &name in L::SHOWN {
            let values: Vec<f64> = columns
                .iter()
                .filter_map(|c| match c.get(name) {
                    Some(Cell::Num(x)) => Some(*x),
                    _ => None,
                })
                .collect();
            if let Some(spread) = Spread::of(&values) {
                rows.push(SeedRow { name, spread, values });
            }
        }
    }
    Some(SeedsView { first: seeds.first, count: seeds.count, done, until: seeds.until, rows })
}

fn columns<L: LabUi>(page: &Page<L>) -> Vec<Column> {
    let many = page.comparing();
    page.host
        .runs
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let caption = if many { L::caption(page, i) } else { String::new() };
            Column::of(caption, &r.session.lab().metrics())
        })
        .collect()
}

/// The newest `LOG_LINES` notes of the main run in words, oldest first.
fn log_lines<L: LabUi>(page: &Page<L>) -> Vec<LogLine> {
    let (lang, s) = (page.lang(), page.shell());
    let run = &page.host.runs[0];
    let skip = run.notes.len().saturating_sub(LOG_LINES);
    let words = run.notes.iter().enumerate().skip(skip).filter_map(|(i, (at, note))| {
        let text = match note {
            Note::Event(e) => L::describe(lang, e)?,
            Note::Summary(text) => text.clone(),
        };
        Some(LogLine { number: run.dropped + i as u64, time: time_text(*at, s.s, s.ms), text })
    });
    words.collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use scalelab_core::labs::{hashing, load_balancing::LoadBalancing};

    fn page() -> Page<LoadBalancing> {
        Page::open(&Route::parse("#/load-balancing"), Lang::En)
    }

    #[test]
    #[should_panic(expected = "a command for another lab")]
    fn a_command_for_another_lab_is_an_error_not_a_silent_drop() {
        page().handle(Msg::command(hashing::Command::AddNode));
    }

    #[test]
    #[should_panic(expected = "a UI message for another lab")]
    fn a_ui_message_for_another_lab_is_an_error_not_a_silent_drop() {
        page().handle(Msg::ui("not the load-balancing page's message"));
    }

    #[test]
    fn a_command_for_this_lab_reaches_its_run_and_changes_the_link() {
        let mut page = page();
        let handled = page.handle(Msg::command(scalelab_core::labs::load_balancing::Command::AddServer));
        assert!(handled.render && handled.url_changed);
        assert!(page.hash().contains("log=0:add"), "{}", page.hash());
    }
}
