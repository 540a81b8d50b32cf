//! Message catalogs: every word the learner reads, in English and Bengali.
//!
//! Each language lists its texts in one block (`en.rs`, `bn.rs`), keyed by
//! the field, setting, metric, choice or link they belong to; the catalog
//! structs are read from it the first time the language is used (see
//! `words.rs` for why). A language with a text more or less than the other
//! does not compile, and a test reads the keys in the texts' place to check
//! that every text lands in its own field. Another checks that every metric
//! the lab reports and every setting it reads has a label.

mod bn;
mod en;
mod words;

use crate::route::Lang;
use scalelab_core::cache::Policy as CachePolicy;
use scalelab_core::input::{InputError, Problem};
use scalelab_core::lab::Settings;
use scalelab_core::labs::caching::Config as CachingConfig;
use scalelab_core::labs::caching::{Coalesce, Event as CachingEvent, Ignored as CachingIgnored, Routing};
use scalelab_core::labs::hashing::Config as HashingConfig;
use scalelab_core::labs::hashing::{Event as HashingEvent, Ignored as HashingIgnored, KeyHash, Strategy};
use scalelab_core::labs::load_balancing::Config as LbConfig;
use scalelab_core::labs::load_balancing::{Event, FailReason, Ignored, Layout, Policy, ServiceDist};
use std::sync::OnceLock;
pub use words::Choices;
use words::{Lines, Named, texts};

texts! {
    /// The shell's words, shared by every lab.
    pub struct Shell {
        ;
        /// The product's name.
        app_title,
        /// One line under the name.
        tagline,
        /// The labs menu.
        labs,
        /// The button that switches language, written in the other language.
        other_language,
        /// Transport controls.
        play,
        /// Transport controls.
        pause,
        /// Transport controls.
        step,
        /// Transport controls.
        speed,
        /// Transport controls.
        seed,
        /// Applies a typed seed.
        apply_seed,
        /// Restarts with the same settings and no commands.
        reset,
        /// The simulated clock.
        time,
        /// The timeline slider.
        timeline,
        /// Sharing.
        copy_link,
        /// Sharing.
        copy_embed,
        /// Sharing.
        copied,
        /// Sharing: label of the link field.
        link_label,
        /// Section titles.
        numbers,
        /// Section titles.
        what_happened,
        /// Section titles.
        settings,
        /// Under the settings title.
        settings_note,
        /// Above a list of unusable link parameters.
        bad_params,
        /// After each unusable parameter: `{}` is the default used.
        using_default,
        /// Keyboard help.
        keys_help,
        /// Embedded mode's link to the full page.
        open_full,
        /// Home page intro.
        home_intro,
        /// `{}` is the unknown lab name.
        unknown_lab,
        /// `{}` is the stop time.
        finished,
        /// Chart titles.
        chart_latency,
        /// Chart titles.
        chart_outcomes,
        /// Summary line every simulated second with losses: dropped, failed.
        last_second,
        /// Heading of the worked examples.
        try_these,
        /// Label of the comparison run.
        compare,
        /// Turns comparison off.
        compare_off,
        /// Milliseconds unit.
        ms,
        /// Seconds unit.
        s,
        /// Per second unit.
        per_s,
        /// Shown when the page itself fails.
        crashed,
    }
}

/// What every lab page shows in words, whatever the lab.
#[derive(Debug)]
pub struct LabWords {
    /// Lab title.
    pub title: &'static str,
    /// What the lab teaches, one paragraph.
    pub blurb: &'static str,
    /// The event log before anything happened: what to try first.
    pub nothing_yet: &'static str,
    /// Label per setting name.
    pub settings: Vec<(&'static str, &'static str)>,
    /// Label per metric name (the CLI's JSON fields).
    pub metrics: Vec<(&'static str, &'static str)>,
    /// Worked examples: the link's parameters, a title, what to notice.
    pub presets: Vec<(&'static str, &'static str, &'static str)>,
}

impl LabWords {
    /// Reads a lab's words: its title, blurb and first hint, then a label per
    /// setting and per metric, then a title and a note per worked example.
    fn read(
        lines: &mut Lines,
        settings: &[&'static str],
        metrics: &[&'static str],
        links: &[&'static str],
    ) -> Self {
        let [title, blurb, nothing_yet] = *lines.take();
        let mut labels = |names: &[&'static str]| {
            names.iter().copied().zip(lines.slice(names.len()).iter().copied()).collect()
        };
        let (settings, metrics) = (labels(settings), labels(metrics));
        let notes = lines.slice(2 * links.len()).as_chunks::<2>().0;
        let presets = links.iter().zip(notes).map(|(&link, [title, note])| (link, *title, *note)).collect();
        LabWords { title, blurb, nothing_yet, settings, metrics, presets }
    }
}

texts! {
    /// The load-balancing lab's words.
    pub struct LoadBalancingText {
        /// Title, blurb, labels and worked examples.
        words: LabWords = |l: &mut Lines| LabWords::read(l, &LbConfig::names(), &LB_METRICS, &LB_LINKS),
        /// Per policy: name and one line on how it behaves.
        policies: Choices<Policy> = Choices::read,
        /// Per layout: name.
        layouts: Named<Layout> = Named::read,
        /// Per service distribution: name.
        dists: Named<ServiceDist> = Named::read,
        ;
        /// Stage labels.
        clients,
        /// Stage labels.
        balancer,
        /// Stage labels: the one machine of the vertical layout.
        machine,
        /// Card labels.
        busy,
        /// Card labels.
        queue,
        /// Card labels.
        done,
        /// Status words.
        up,
        /// Status words.
        down,
        /// Status words.
        cut_off,
        /// Status words.
        out_of_rotation,
        /// Status words.
        resizing,
        /// `{}` is the factor.
        slower,
        /// Actions; `{}` is the server.
        kill,
        /// Actions; `{}` is the server.
        restart,
        /// Actions; `{}` is the server.
        slow_down,
        /// Actions; `{}` is the server.
        speed_up,
        /// Actions; `{}` is the server.
        isolate,
        /// Actions; `{}` is the server.
        heal,
        /// Actions.
        add_server,
        /// Actions.
        bigger_machine,
        /// The selected server's action bar: `{}` is the server.
        selected,
        /// Arrival rate control.
        rate,
        /// Policy control.
        policy,
        /// Compare horizontal with vertical.
        compare_layouts,
        /// `{}` servers × `{}` cores.
        horizontal_caption,
        /// `{}` cores.
        vertical_caption,
    }
}

texts! {
    /// The hashing lab's words.
    pub struct HashingText {
        /// Title, blurb, labels and worked examples.
        words: LabWords = |l: &mut Lines| LabWords::read(l, &HashingConfig::names(), &HASHING_METRICS, &HASHING_LINKS),
        /// Per strategy: name and one line on how it behaves.
        strategies: Choices<Strategy> = Choices::read,
        /// Per key-hash choice: name.
        key_hashes: Named<KeyHash> = Named::read,
        ;
        /// Actions.
        add_node,
        /// Actions; `{}` is the node.
        remove_node,
        /// Lookup rate control.
        rate,
        /// Strategy control.
        strategy,
        /// Compare control: `{}` is the other strategy.
        compare_with,
        /// Chart titles.
        shares_title,
        /// Chart titles.
        keys_title,
        /// Under the ring.
        legend,
        /// Shown for strategies without a ring.
        no_ring,
        /// After a change: moved, keys, fraction, the least possible fraction.
        moved_note,
        /// Under modulo, why the seed's tally says 100%: the measured fraction.
        modulo_tally,
        /// Chart title for lookups.
        lookups_title,
    }
}

texts! {
    /// The caching lab's words.
    pub struct CachingText {
        /// Title, blurb, labels and worked examples.
        words: LabWords = |l: &mut Lines| LabWords::read(l, &CachingConfig::names(), &CACHING_METRICS, &CACHING_LINKS),
        /// Per routing: name and one line on what it does to caches.
        routings: Choices<Routing> = Choices::read,
        /// Per policy: name and one line on how it evicts.
        policies: Choices<CachePolicy> = Choices::read,
        /// Per coalescing choice: name and one line on what a miss does.
        coalesces: Choices<Coalesce> = Choices::read,
        ;
        /// Stage labels.
        clients,
        /// Stage labels.
        balancer,
        /// Stage labels.
        database,
        /// Stage labels.
        shared,
        /// Stage labels: client 0's own cache.
        client_cache,
        /// A cache too big to draw slot by slot: `{}` of `{}` keys.
        cached_of,
        /// A server card: `{}` is the hit ratio.
        hit_ratio_of,
        /// Actions.
        add_server,
        /// Actions; `{}` is the server.
        remove_server,
        /// Actions; `{}` is the key.
        write_key,
        /// Controls.
        routing,
        /// Controls.
        policy,
        /// Controls: what a miss for a key in flight does.
        coalesce,
        /// Controls.
        rate,
        /// Compare control: `{}` is the other routing.
        compare_with,
        /// Under the stage.
        legend,
        /// Chart titles.
        hit_title,
        /// Chart titles.
        db_title,
        /// After a change: before, after.
        change_note,
        /// A second's summary: hits, misses, stale reads.
        second,
    }
}

/// One language's catalogs.
#[derive(Debug)]
struct Catalog {
    shell: Shell,
    load_balancing: LoadBalancingText,
    hashing: HashingText,
    caching: CachingText,
}

impl Catalog {
    /// Reads the catalogs in the order the language files list them.
    fn read(lines: &mut Lines) -> Catalog {
        Catalog {
            shell: Shell::read(lines),
            load_balancing: LoadBalancingText::read(lines),
            hashing: HashingText::read(lines),
            caching: CachingText::read(lines),
        }
    }
}

/// The catalogs of `lang`, unpacked the first time the language is used.
fn catalog(lang: Lang) -> &'static Catalog {
    static EN: OnceLock<Catalog> = OnceLock::new();
    static BN: OnceLock<Catalog> = OnceLock::new();
    let (cell, packed) = match lang {
        Lang::En => (&EN, en::WORDS.packed),
        Lang::Bn => (&BN, bn::WORDS.packed),
    };
    cell.get_or_init(|| Catalog::read(&mut Lines::unpacked(packed)))
}

// Both languages have a text in every place: the same number of lines.
const _: () = assert!(words::count_lines(en::WORDS.packed) == words::count_lines(bn::WORDS.packed));

/// Load balancing: The metrics with a label, in catalog order.
const LB_METRICS: [&str; 23] = [
    "time_ms",
    "arrived",
    "completed",
    "dropped",
    "failed",
    "failed_crashed",
    "failed_refused",
    "failed_no_server",
    "failed_timed_out",
    "in_progress",
    "throughput_rps",
    "success_ratio",
    "latency_ms_mean",
    "latency_ms_p50",
    "latency_ms_p95",
    "latency_ms_p99",
    "latency_ms_max",
    "per_server_completed",
    "per_server_utilization",
    "servers_up",
    "cores",
    "offered_load",
    "cost_per_hour",
];

/// Load balancing: The worked examples' link parameters, in catalog order.
const LB_LINKS: [&str; 5] = [
    "vs=layout=vertical&log=3000:kill:0&speed=1",
    "vs=policy=least-connections&log=0:slow:0:5&speed=1",
    "log=2000:isolate:2&speed=1",
    "rate=600&speed=1",
    "layout=vertical&log=2000:add&speed=1",
];

/// Hashing: The metrics with a label, in catalog order.
const HASHING_METRICS: [&str; 17] = [
    "time_ms",
    "keys",
    "nodes_before",
    "nodes_after",
    "keys_moved",
    "keys_moved_fraction",
    "ideal_moved_fraction",
    "moved_to_changed_nodes_fraction",
    "last_change_keys_moved",
    "load_max_over_mean",
    "load_cv",
    "node_ids",
    "share",
    "keys_per_node",
    "lookups",
    "lookups_missed",
    "lookups_per_node",
];

/// Hashing: The worked examples' link parameters, in catalog order.
const HASHING_LINKS: [&str; 7] = [
    "log=800:add-at:3:90&speed=1",
    "strategy=modulo&nodes=4&key-hashes=10:3,20:15,35:12&log=800:add&speed=1",
    "ring-size=100&positions=S1:10,S2:11,S3:12,S4:90&keys=100",
    "ring-size=20&positions=S0:1,S1:10&keys=30",
    "strategy=modulo&nodes=10&keys=2000&key-hash=mix&ring-size=1000000&vnodes=100&vs=strategy=ring&log=800:add&speed=1",
    "nodes=10&vnodes=1&ring-size=1000000&keys=5000&key-hash=mix&vs=vnodes=200",
    "strategy=bounded&load-factor=1.25&ring-size=100&positions=S1:10,S2:11,S3:12,S4:90&keys=1000&key-hash=mix&vs=strategy=ring",
];

/// Caching: The metrics with a label, in catalog order.
const CACHING_METRICS: [&str; 27] = [
    "time_ms",
    "requests",
    "completed",
    "hits",
    "misses",
    "hit_ratio",
    "hit_ratio_before_change",
    "hit_ratio_after_change",
    "hit_ratio_che",
    "client_hits",
    "server_hits",
    "shared_hits",
    "latency_ms_mean",
    "latency_ms_p50",
    "latency_ms_p99",
    "db_requests",
    "stampede",
    "coalesced",
    "stale_reads",
    "expired",
    "evictions",
    "writes",
    "keys_remapped",
    "server_ids",
    "per_server_requests",
    "per_server_hit_ratio",
    "per_server_cached",
];

/// Caching: The worked examples' link parameters, in catalog order.
const CACHING_LINKS: [&str; 8] = [
    "speed=0.5",
    "sequence=1,2,3,4,1,2&vs=cache-policy=sieve&speed=0.5",
    "servers=4&cache-capacity=5000&keys=100000&zipf=0.8&requests=200000&rate=2000&add-server-at=100000&routing=modulo&vs=routing=ring&speed=2",
    "servers=2&keys=1000&zipf=1&cache-capacity=100&rate=200&client-cache=20&speed=1",
    "keys=100&zipf=1&cache-capacity=100&rate=200&write-rate=20&ttl-ms=30000&speed=2",
    "keys=100&zipf=1&cache-capacity=0&rate=200&write-rate=20&speed=2",
    "servers=1&keys=10000&zipf=0.8&cache-capacity=500&rate=2000&speed=5",
    "keys=1000&zipf=1&cache-capacity=100&rate=2000&db-ms=200&vs=coalesce=on&speed=1",
];

/// The caching lab's words in `lang`.
pub fn caching(lang: Lang) -> &'static CachingText {
    &catalog(lang).caching
}

/// An event of the caching lab in words: the first requests one by one (the
/// walk-through), then only what the learner did or what changed.
pub fn caching_event(lang: Lang, e: &CachingEvent) -> Option<String> {
    if let CachingEvent::Served { req, .. }
    | CachingEvent::Coalesced { req, .. }
    | CachingEvent::Stored { req, .. } = e
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
    &catalog(lang).hashing
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
    &catalog(lang).shell
}

/// The load-balancing lab's words in `lang`.
pub fn load_balancing(lang: Lang) -> &'static LoadBalancingText {
    &catalog(lang).load_balancing
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

/// Settings that make a model degenerate, in words.
pub fn warning(lang: Lang, w: &scalelab_core::input::Warning) -> String {
    match lang {
        Lang::En => en::warning(w),
        Lang::Bn => bn::warning(w),
    }
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
    use scalelab_core::input::Choice;
    use scalelab_core::lab::Lab;
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

    /// Each text's key as if it were the text: a catalog read from these
    /// has every field holding its own name.
    fn read_keys(words: words::Words) -> Catalog {
        let keys: String = words.keys.iter().map(|k| format!("{k}\n")).collect();
        let mut lines = Lines::new(Box::leak(keys.into_boxed_str()));
        let catalog = Catalog::read(&mut lines);
        assert!(lines.is_done(), "more texts than places for them");
        catalog
    }

    fn lab_keys_in_place(w: &LabWords) {
        assert_eq!((w.title, w.blurb, w.nothing_yet), ("title", "blurb", "nothing_yet"));
        for (name, key) in w.settings.iter().chain(&w.metrics) {
            assert_eq!(*key, format!("{name:?}"));
        }
        for (link, title, note) in &w.presets {
            assert_eq!((*title, *note), (format!("{link:?}").as_str(), format!("{link:?}").as_str()));
        }
    }

    fn choices_in_place<C: Choice>(choices: &Choices<C>) {
        assert_eq!(choices.iter().count(), C::ALL.len());
        for (c, name, hint) in choices.iter() {
            assert_eq!(
                (name, hint),
                (format!("{:?}", c.name()).as_str(), format!("{:?}", c.name()).as_str())
            );
        }
    }

    fn named_in_place<C: Choice>(choices: &Named<C>) {
        assert_eq!(choices.iter().count(), C::ALL.len());
        for (c, name) in choices.iter() {
            assert_eq!(name, format!("{:?}", c.name()));
        }
    }

    #[test]
    fn every_text_is_read_into_its_own_place() {
        for (lang, words) in [(Lang::En, en::WORDS), (Lang::Bn, bn::WORDS)] {
            assert_eq!(words.keys.len(), words::count_lines(words.packed), "{lang:?}");
            let c = read_keys(words);
            let fields = c.shell.fields().into_iter().chain(c.load_balancing.fields());
            for (field, key) in fields.chain(c.hashing.fields()).chain(c.caching.fields()) {
                assert_eq!(field, key, "{lang:?}");
            }
            for w in [&c.load_balancing.words, &c.hashing.words, &c.caching.words] {
                lab_keys_in_place(w);
            }
            choices_in_place(&c.load_balancing.policies);
            choices_in_place(&c.hashing.strategies);
            choices_in_place(&c.caching.routings);
            choices_in_place(&c.caching.policies);
            named_in_place(&c.load_balancing.layouts);
            named_in_place(&c.load_balancing.dists);
            named_in_place(&c.hashing.key_hashes);
        }
    }

    #[test]
    fn the_page_reads_every_text_and_no_text_is_empty() {
        for (lang, words) in [(Lang::En, en::WORDS), (Lang::Bn, bn::WORDS)] {
            let mut lines = Lines::unpacked(words.packed);
            Catalog::read(&mut lines);
            assert!(lines.is_done(), "{lang:?}");
            let texts = words::unpack(words.packed);
            assert!(texts.lines().all(|t| !t.is_empty()), "{lang:?}");
            assert_eq!(texts.lines().count(), words.keys.len(), "{lang:?}");
        }
        assert_eq!(shell(Lang::Bn).other_language, "English");
        assert_eq!(load_balancing(Lang::En).policies.iter().next().map(|p| p.1), Some("Round robin"));
        assert_eq!(hashing(Lang::Bn).words.title, "হ্যাশিং");
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
    fn warnings_have_words_in_both_languages_and_name_the_setting() {
        use scalelab_core::input::{Degenerate, Warning};
        let warnings = [
            Warning { name: "ring-size", problem: Degenerate::CrowdedRing { points: 1_600, positions: 256 } },
            Warning { name: "key-hash", problem: Degenerate::KeysPileUp { keys: 200_000, positions: 256 } },
        ];
        for w in warnings {
            let (en, bn) = (warning(Lang::En, &w), warning(Lang::Bn, &w));
            for text in [&en, &bn] {
                assert!(text.contains(w.name) && text.contains("256"), "{text}");
            }
            assert_ne!(en, bn);
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
