//! The replication lab's words: the fields both languages fill in (`en.rs`,
//! `bn.rs`). Every text is a named field, so a language missing one does not
//! compile; the labels per setting and metric are checked by a test that
//! names the lab and the name.

use crate::i18n::{Choices, LabWords};
use crate::route::Lang;
use scalelab_core::labs::replication::{Consistency, Event, ReadFrom, WriteMode};

/// The replication lab's words: every field in both languages, so a missing text does not compile.
#[derive(Debug)]
pub struct Text {
    /// Title, blurb, labels and worked examples.
    pub words: LabWords,
    /// Per write mode: name and one line on when a write is acknowledged.
    pub write_modes: Choices<WriteMode>,
    /// Per read choice: name and one line on who answers.
    pub read_froms: Choices<ReadFrom>,
    /// Per consistency choice: name and one line on what a partition does.
    pub consistencies: Choices<Consistency>,
    /// Roles and states.
    pub leader: &'static str,
    /// Roles and states.
    pub follower: &'static str,
    /// Roles and states.
    pub candidate: &'static str,
    /// Roles and states.
    pub down: &'static str,
    /// `{}` is the term.
    pub term: &'static str,
    /// `{}` committed of `{}` entries.
    pub committed: &'static str,
    /// The election timer's label.
    pub timer: &'static str,
    /// `{}` is the side's number.
    pub side: &'static str,
    /// Shown when nobody leads.
    pub no_leader: &'static str,
    /// Actions; `{}` is the replica.
    pub crash: &'static str,
    /// Actions; `{}` is the replica.
    pub restart: &'static str,
    /// Actions; `{}` is the replica.
    pub cut_off: &'static str,
    /// Actions.
    pub crash_leader: &'static str,
    /// Actions.
    pub restart_all: &'static str,
    /// Actions: `{}` and `{}` are the two sides.
    pub split: &'static str,
    /// Actions.
    pub heal: &'static str,
    /// The partition builder: press replicas to put them on side B.
    pub draw_partition: &'static str,
    /// The client panel's title.
    pub client: &'static str,
    /// The client panel: write the cart.
    pub add_item: &'static str,
    /// The client panel: `{}` is the replica.
    pub read_from_replica: &'static str,
    /// What the last read got: replica, version, newest acknowledged.
    pub last_read: &'static str,
    /// After a stale read.
    pub stale: &'static str,
    /// The selected replica's action bar: `{}` is the replica.
    pub selected: &'static str,
    /// Controls.
    pub write_mode: &'static str,
    /// Controls.
    pub read_from: &'static str,
    /// Controls.
    pub consistency: &'static str,
    /// Compare control: `{}` is the other write mode.
    pub compare_with: &'static str,
    /// Under the stage.
    pub legend: &'static str,
    /// Chart titles.
    pub availability_title: &'static str,
    /// Chart titles.
    pub commits_title: &'static str,
    /// A second's summary: answered, failed, stale.
    pub second: &'static str,
    /// An event in words.
    pub event: fn(&Event) -> String,
}

crate::i18n::lab_text!(Text);

/// How many requests the log tells one by one (after that, only stale reads
/// and failures).
pub const REQUESTS_IN_WORDS: u64 = 20;

/// An event in words: what the cluster did, the first requests, and every
/// stale read and failed request.
pub fn describe(lang: Lang, e: &Event) -> Option<String> {
    let told = match e {
        Event::Wrote { req, .. } => *req <= REQUESTS_IN_WORDS,
        Event::Read { req, version, newest, .. } => *req <= REQUESTS_IN_WORDS || version < newest,
        _ => true,
    };
    told.then(|| (text(lang).event)(e))
}

/// Groups of replicas as `S0 S1 | S2`.
pub fn groups(groups: &[Vec<u32>]) -> String {
    let g: Vec<String> =
        groups.iter().map(|g| g.iter().map(|r| format!("S{r}")).collect::<Vec<_>>().join(" ")).collect();
    g.join(" | ")
}
