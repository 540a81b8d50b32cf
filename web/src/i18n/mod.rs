//! Message catalogs: every word the learner reads, in English and Bengali.
//!
//! Catalogs are structs, so a text missing in one language does not compile.
//! Labels keyed by a metric or setting name are lists; a test checks that
//! every metric the lab reports and every setting it reads has one.

mod bn;
mod en;

use crate::route::Lang;
use scalelab_core::cache::Policy as CachePolicy;
use scalelab_core::input::{InputError, Problem};
use scalelab_core::labs::caching::{Event as CachingEvent, Ignored as CachingIgnored, Routing};
use scalelab_core::labs::hashing::{Event as HashingEvent, Ignored as HashingIgnored, KeyHash, Strategy};
use scalelab_core::labs::load_balancing::{Event, FailReason, Ignored, Layout, Policy, ServiceDist};

/// The shell's words, shared by every lab.
#[derive(Debug)]
pub struct Shell {
    /// The product's name.
    pub app_title: &'static str,
    /// One line under the name.
    pub tagline: &'static str,
    /// The labs menu.
    pub labs: &'static str,
    /// The button that switches language, written in the other language.
    pub other_language: &'static str,
    /// Transport controls.
    pub play: &'static str,
    /// Transport controls.
    pub pause: &'static str,
    /// Transport controls.
    pub step: &'static str,
    /// Transport controls.
    pub speed: &'static str,
    /// Transport controls.
    pub seed: &'static str,
    /// Applies a typed seed.
    pub apply_seed: &'static str,
    /// Restarts with the same settings and no commands.
    pub reset: &'static str,
    /// The simulated clock.
    pub time: &'static str,
    /// The timeline slider.
    pub timeline: &'static str,
    /// Sharing.
    pub copy_link: &'static str,
    /// Sharing.
    pub copy_embed: &'static str,
    /// Sharing.
    pub copied: &'static str,
    /// Sharing: label of the link field.
    pub link_label: &'static str,
    /// Section titles.
    pub numbers: &'static str,
    /// Section titles.
    pub what_happened: &'static str,
    /// Section titles.
    pub settings: &'static str,
    /// Under the settings title.
    pub settings_note: &'static str,
    /// Above a list of unusable link parameters.
    pub bad_params: &'static str,
    /// After each unusable parameter: `{}` is the default used.
    pub using_default: &'static str,
    /// Keyboard help.
    pub keys_help: &'static str,
    /// Embedded mode's link to the full page.
    pub open_full: &'static str,
    /// Home page intro.
    pub home_intro: &'static str,
    /// `{}` is the unknown lab name.
    pub unknown_lab: &'static str,
    /// `{}` is the stop time.
    pub finished: &'static str,
    /// Chart titles.
    pub chart_latency: &'static str,
    /// Chart titles.
    pub chart_outcomes: &'static str,
    /// Summary line every simulated second with losses: dropped, failed.
    pub last_second: &'static str,
    /// Heading of the worked examples.
    pub try_these: &'static str,
    /// Label of the comparison run.
    pub compare: &'static str,
    /// Turns comparison off.
    pub compare_off: &'static str,
    /// Milliseconds unit.
    pub ms: &'static str,
    /// Seconds unit.
    pub s: &'static str,
    /// Per second unit.
    pub per_s: &'static str,
    /// Shown when the page itself fails.
    pub crashed: &'static str,
}

/// What every lab page shows in words, whatever the lab.
#[derive(Debug)]
pub struct LabWords {
    /// Lab title.
    pub title: &'static str,
    /// What the lab teaches, one paragraph.
    pub blurb: &'static str,
    /// Label per setting name.
    pub settings: &'static [(&'static str, &'static str)],
    /// Label per metric name (the CLI's JSON fields).
    pub metrics: &'static [(&'static str, &'static str)],
    /// Worked examples: the link's parameters, a title, what to notice.
    pub presets: &'static [(&'static str, &'static str, &'static str)],
    /// The event log before anything happened: what to try first.
    pub nothing_yet: &'static str,
}

/// The load-balancing lab's words.
#[derive(Debug)]
pub struct LoadBalancingText {
    /// Title, blurb, labels and worked examples.
    pub words: LabWords,
    /// Stage labels.
    pub clients: &'static str,
    /// Stage labels.
    pub balancer: &'static str,
    /// Stage labels: the one machine of the vertical layout.
    pub machine: &'static str,
    /// Card labels.
    pub busy: &'static str,
    /// Card labels.
    pub queue: &'static str,
    /// Card labels.
    pub done: &'static str,
    /// Status words.
    pub up: &'static str,
    /// Status words.
    pub down: &'static str,
    /// Status words.
    pub cut_off: &'static str,
    /// Status words.
    pub out_of_rotation: &'static str,
    /// Status words.
    pub resizing: &'static str,
    /// `{}` is the factor.
    pub slower: &'static str,
    /// Actions; `{}` is the server.
    pub kill: &'static str,
    /// Actions; `{}` is the server.
    pub restart: &'static str,
    /// Actions; `{}` is the server.
    pub slow_down: &'static str,
    /// Actions; `{}` is the server.
    pub speed_up: &'static str,
    /// Actions; `{}` is the server.
    pub isolate: &'static str,
    /// Actions; `{}` is the server.
    pub heal: &'static str,
    /// Actions.
    pub add_server: &'static str,
    /// Actions.
    pub bigger_machine: &'static str,
    /// The selected server's action bar: `{}` is the server.
    pub selected: &'static str,
    /// Arrival rate control.
    pub rate: &'static str,
    /// Policy control.
    pub policy: &'static str,
    /// Compare horizontal with vertical.
    pub compare_layouts: &'static str,
    /// `{}` servers × `{}` cores.
    pub horizontal_caption: &'static str,
    /// `{}` cores.
    pub vertical_caption: &'static str,
    /// Per policy: name and one line on how it behaves.
    pub policies: [(Policy, &'static str, &'static str); 5],
    /// Per layout: name.
    pub layouts: [(Layout, &'static str); 2],
    /// Per service distribution: name.
    pub dists: [(ServiceDist, &'static str); 2],
}

// Catalogs are statics: two are the same catalog exactly when they are the
// same static, which is all a component needs to know to skip a re-render.
impl PartialEq for Shell {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl PartialEq for LoadBalancingText {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

/// The hashing lab's words.
#[derive(Debug)]
pub struct HashingText {
    /// Title, blurb, labels and worked examples.
    pub words: LabWords,
    /// Per strategy: name and one line on how it behaves.
    pub strategies: [(Strategy, &'static str, &'static str); 6],
    /// Per key-hash choice: name.
    pub key_hashes: [(KeyHash, &'static str); 2],
    /// Actions.
    pub add_node: &'static str,
    /// Actions; `{}` is the node.
    pub remove_node: &'static str,
    /// Lookup rate control.
    pub rate: &'static str,
    /// Strategy control.
    pub strategy: &'static str,
    /// Compare control: `{}` is the other strategy.
    pub compare_with: &'static str,
    /// Chart titles.
    pub shares_title: &'static str,
    /// Chart titles.
    pub keys_title: &'static str,
    /// Under the ring.
    pub legend: &'static str,
    /// Shown for strategies without a ring.
    pub no_ring: &'static str,
    /// After a change: moved, keys, fraction, the least possible fraction.
    pub moved_note: &'static str,
    /// Under modulo, why the seed's tally says 100%: the measured fraction.
    pub modulo_tally: &'static str,
    /// Chart title for lookups.
    pub lookups_title: &'static str,
}

// Catalogs are compared by address (see `Shell`).
impl PartialEq for HashingText {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

/// The caching lab's words.
#[derive(Debug)]
pub struct CachingText {
    /// Title, blurb, labels and worked examples.
    pub words: LabWords,
    /// Per routing: name and one line on what it does to caches.
    pub routings: [(Routing, &'static str, &'static str); 2],
    /// Per policy: name and one line on how it evicts.
    pub policies: [(CachePolicy, &'static str, &'static str); 4],
    /// Stage labels.
    pub clients: &'static str,
    /// Stage labels.
    pub balancer: &'static str,
    /// Stage labels.
    pub database: &'static str,
    /// Stage labels.
    pub shared: &'static str,
    /// Stage labels: client 0's own cache.
    pub client_cache: &'static str,
    /// A cache too big to draw slot by slot: `{}` of `{}` keys.
    pub cached_of: &'static str,
    /// A server card: `{}` is the hit ratio.
    pub hit_ratio_of: &'static str,
    /// Actions.
    pub add_server: &'static str,
    /// Actions; `{}` is the server.
    pub remove_server: &'static str,
    /// Actions; `{}` is the key.
    pub write_key: &'static str,
    /// Controls.
    pub routing: &'static str,
    /// Controls.
    pub policy: &'static str,
    /// Controls.
    pub rate: &'static str,
    /// Compare control: `{}` is the other routing.
    pub compare_with: &'static str,
    /// Under the stage.
    pub legend: &'static str,
    /// Chart titles.
    pub hit_title: &'static str,
    /// Chart titles.
    pub db_title: &'static str,
    /// After a change: before, after.
    pub change_note: &'static str,
    /// A second's summary: hits, misses, stale reads.
    pub second: &'static str,
}

// Catalogs are compared by address (see `Shell`).
impl PartialEq for CachingText {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

/// The caching lab's words in `lang`.
pub fn caching(lang: Lang) -> &'static CachingText {
    match lang {
        Lang::En => &en::CACHING,
        Lang::Bn => &bn::CACHING,
    }
}

/// An event of the caching lab in words: the first requests one by one (the
/// walk-through), then only what the learner did or what changed.
pub fn caching_event(lang: Lang, e: &CachingEvent) -> Option<String> {
    if let CachingEvent::Served { req, .. } = e
        && *req > CACHING_REQUESTS_IN_WORDS
    {
        return None;
    }
    Some(match lang {
        Lang::En => en::caching_event(e),
        Lang::Bn => bn::caching_event(e),
    })
}

/// How many requests the caching lab's log tells one by one.
pub const CACHING_REQUESTS_IN_WORDS: u64 = 100;

/// An ignored caching command's reason, for events.
fn caching_ignored_key(i: CachingIgnored) -> usize {
    i as usize
}

/// The hashing lab's words in `lang`.
pub fn hashing(lang: Lang) -> &'static HashingText {
    match lang {
        Lang::En => &en::HASHING,
        Lang::Bn => &bn::HASHING,
    }
}

/// A system event of the hashing lab in words; `None` for single lookups.
pub fn hashing_event(lang: Lang, e: &HashingEvent) -> Option<String> {
    if e.is_per_request() {
        return None;
    }
    Some(match lang {
        Lang::En => en::hashing_event(e),
        Lang::Bn => bn::hashing_event(e),
    })
}

/// The shell's words in `lang`.
pub fn shell(lang: Lang) -> &'static Shell {
    match lang {
        Lang::En => &en::SHELL,
        Lang::Bn => &bn::SHELL,
    }
}

/// The load-balancing lab's words in `lang`.
pub fn load_balancing(lang: Lang) -> &'static LoadBalancingText {
    match lang {
        Lang::En => &en::LOAD_BALANCING,
        Lang::Bn => &bn::LOAD_BALANCING,
    }
}

/// Replaces each `{}` in `template` with the next argument.
pub fn fill(template: &str, args: &[&dyn std::fmt::Display]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut args = args.iter();
    let mut rest = template;
    while let Some(i) = rest.find("{}") {
        out.push_str(&rest[..i]);
        match args.next() {
            Some(a) => out.push_str(&a.to_string()),
            None => out.push_str("{}"),
        }
        rest = &rest[i + 2..];
    }
    out.push_str(rest);
    out
}

/// Looks a label up by name; the name itself if there is none.
pub fn label<'a>(pairs: &'a [(&'a str, &'a str)], name: &'a str) -> &'a str {
    pairs.iter().find(|(n, _)| *n == name).map_or(name, |(_, l)| l)
}

/// An unusable input, in words.
pub fn input_error(lang: Lang, e: &InputError) -> String {
    match lang {
        Lang::En => en::input_error(e),
        Lang::Bn => bn::input_error(e),
    }
}

/// A system event of the load-balancing lab in words; `None` for the
/// per-request events that would flood a log.
pub fn load_balancing_event(lang: Lang, e: &Event) -> Option<String> {
    if e.is_per_request() {
        return None;
    }
    Some(match lang {
        Lang::En => en::load_balancing_event(e),
        Lang::Bn => bn::load_balancing_event(e),
    })
}

/// The allowed values of a problem, for messages.
fn allowed(p: &Problem) -> String {
    InputError::new("", "", p.clone()).allowed()
}

/// A failure reason's name, for events.
fn reason_key(r: FailReason) -> usize {
    r as usize
}

/// An ignored command's reason, for events.
fn ignored_key(i: Ignored) -> usize {
    i as usize
}

/// An ignored hashing command's reason, for events.
fn hashing_ignored_key(i: HashingIgnored) -> usize {
    i as usize
}

#[cfg(test)]
mod tests {
    use super::*;
    use scalelab_core::lab::{Lab, Settings};
    use scalelab_core::labs::load_balancing::{Config, LoadBalancing};

    #[test]
    fn fill_replaces_in_order_and_tolerates_mismatch() {
        assert_eq!(fill("{} of {}", &[&1, &"two"]), "1 of two");
        assert_eq!(fill("{} and {}", &[&1]), "1 and {}");
        assert_eq!(fill("none", &[&1]), "none");
    }

    fn labels_cover<L: Lab>(lab: &L, words: &LabWords, lang: Lang) {
        let column = crate::components::metrics_panel::Column::of(String::new(), &lab.metrics());
        assert!(!column.metrics.is_empty());
        for (name, _) in &column.metrics {
            assert!(words.metrics.iter().any(|(n, _)| n == name), "{lang:?}: no label for metric {name}");
        }
        for name in L::Config::names() {
            assert!(words.settings.iter().any(|(n, _)| *n == name), "{lang:?}: no label for setting {name}");
        }
    }

    #[test]
    fn every_metric_and_setting_has_a_label_in_every_language() {
        let lb = LoadBalancing::new(Config::default(), 1).unwrap();
        let hashing_lab = scalelab_core::labs::hashing::Hashing::new(Default::default(), 1).unwrap();
        let caching_lab = scalelab_core::labs::caching::Caching::new(Default::default(), 1).unwrap();
        for lang in [Lang::En, Lang::Bn] {
            labels_cover(&caching_lab, &caching(lang).words, lang);
            labels_cover(&lb, &load_balancing(lang).words, lang);
            labels_cover(&hashing_lab, &hashing(lang).words, lang);
        }
    }

    #[test]
    fn events_and_errors_have_words_in_both_languages() {
        let events = [
            Event::ServerKilled { server: 1, lost: 3 },
            Event::MarkedDown { server: 1 },
            Event::CommandIgnored { command: "kill:9".into(), why: Ignored::NoSuchServer },
            Event::PolicySet { policy: Policy::Hash },
        ];
        for lang in [Lang::En, Lang::Bn] {
            for e in &events {
                let text = load_balancing_event(lang, e).unwrap();
                let lower = text.to_lowercase();
                assert!(["s1", "kill:9", "hash", "হ্যাশ"].iter().any(|w| lower.contains(w)), "{text}");
            }
            let err = scalelab_core::input::parse_f64("rate", "abc", 0.0, 10.0).unwrap_err();
            let text = input_error(lang, &err);
            assert!(text.contains("rate") && text.contains("abc") && text.contains("10"), "{text}");
        }
        assert_eq!(load_balancing_event(Lang::En, &Event::Arrived { req: 1, client: 2 }), None);
    }
}
