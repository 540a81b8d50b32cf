//! The caching lab's words: the fields both languages fill in (`en.rs`, `bn.rs`). Every
//! text is a named field, so a language missing one does not compile; the
//! labels per setting and metric are checked by a test that names the lab
//! and the name.

use crate::i18n::{Choices, LabWords};
use crate::route::Lang;
use scalelab_core::cache::Policy as CachePolicy;
use scalelab_core::labs::caching::{Coalesce, Event, Routing};

/// The caching lab's words: every field in both languages, so a missing text does not compile.
#[derive(Debug)]
pub struct Text {
    /// Title, blurb, labels and worked examples.
    pub words: LabWords,
    /// Per routing: name and one line on what it does to caches.
    pub routings: Choices<Routing>,
    /// Per policy: name and one line on how it evicts.
    pub policies: Choices<CachePolicy>,
    /// Per coalescing choice: name and one line on what a miss does.
    pub coalesces: Choices<Coalesce>,
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
    /// Controls: what a miss for a key in flight does.
    pub coalesce: &'static str,
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
    /// An event in words.
    pub event: fn(&Event) -> String,
}

crate::i18n::lab_text!(Text);

/// How many requests the log tells one by one.
pub const REQUESTS_IN_WORDS: u64 = 100;

/// An event in words: the first requests one by one (the walk-through), then
/// only what the learner did or what changed.
pub fn describe(lang: Lang, e: &Event) -> Option<String> {
    if let Event::Served { req, .. } | Event::Coalesced { req, .. } | Event::Stored { req, .. } = e
        && *req > REQUESTS_IN_WORDS
    {
        return None;
    }
    Some((text(lang).event)(e))
}
