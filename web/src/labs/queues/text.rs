//! The queues lab's words: the fields both languages fill in (`en.rs`,
//! `bn.rs`). Every text is a named field, so a language missing one does not
//! compile.

use crate::i18n::{Choices, LabWords};
use crate::route::Lang;
use scalelab_core::labs::queues::{
    Confirm, Event, Flag, Jitter, Order, Persist, Redistribute, Scenario, ServiceDist, Work,
};

/// The queues lab's words: every field in both languages.
#[derive(Debug)]
pub struct Text {
    /// Title, blurb, labels and worked examples.
    pub words: LabWords,
    /// Per scenario: name and one line.
    pub scenarios: Choices<Scenario>,
    /// Per redistribution: name and one line.
    pub redistributes: Choices<Redistribute>,
    /// Per place orders are kept: name and one line.
    pub persists: Choices<Persist>,
    /// Per confirmation: name and one line.
    pub confirms: Choices<Confirm>,
    /// Per service distribution: name and one line.
    pub service_dists: Choices<ServiceDist>,
    /// Per jitter: name and one line.
    pub jitters: Choices<Jitter>,
    /// Per order: name and one line.
    pub orders_by: Choices<Order>,
    /// Durable or not: name and one line.
    pub durables: Choices<Flag>,
    /// Idempotency or not: name and one line.
    pub idempotencies: Choices<Flag>,
    /// A worker's or the broker's state.
    pub up: &'static str,
    /// A worker's or the broker's state.
    pub down: &'static str,
    /// A shop the notifier has found dead.
    pub found_dead: &'static str,
    /// A worker with nothing to do.
    pub idle: &'static str,
    /// A worker waiting for the broker.
    pub waiting: &'static str,
    /// `{}` is the order a shop is making.
    pub making: &'static str,
    /// `{}` is the message a consumer works on.
    pub working: &'static str,
    /// `{}` is the list of orders next.
    pub next: &'static str,
    /// Actions; `{}` is the shop, consumer or broker.
    pub crash: &'static str,
    /// Actions; `{}` is the shop, consumer or broker.
    pub restart: &'static str,
    /// Actions; `{}` is the shop.
    pub order_here: &'static str,
    /// The clients' label.
    pub clients: &'static str,
    /// The notifier's label: `{}` is its period in seconds.
    pub notifier: &'static str,
    /// `{}` is the time of the last check, in seconds.
    pub checked: &'static str,
    /// Before the first check.
    pub no_check: &'static str,
    /// Stage headings.
    pub shops_title: &'static str,
    /// Stage headings.
    pub consumers_title: &'static str,
    /// The producers' label: `{}` producers, `{}` messages a second.
    pub producers: &'static str,
    /// The broker's label.
    pub broker: &'static str,
    /// `{}` waiting, `{}` in flight, `{}` s the oldest.
    pub queue_counts: &'static str,
    /// `{}` more not shown.
    pub more: &'static str,
    /// `{}` dead letters.
    pub dead_title: &'static str,
    /// The database table's caption.
    pub db_title: &'static str,
    /// The table's caption without a database.
    pub memory_title: &'static str,
    /// Table headings.
    pub col_order: &'static str,
    /// Table headings.
    pub col_shop: &'static str,
    /// Table headings.
    pub col_state: &'static str,
    /// Table headings.
    pub col_pizzas: &'static str,
    /// An order's state.
    pub not_done: &'static str,
    /// An order's state.
    pub done: &'static str,
    /// An order's state.
    pub lost: &'static str,
    /// An order's state.
    pub not_placed: &'static str,
    /// A message's state.
    pub ready: &'static str,
    /// A message's state: `{}` s of lease left.
    pub leased: &'static str,
    /// A message's state: visible again in `{}` s.
    pub retrying: &'static str,
    /// A poison message.
    pub poison: &'static str,
    /// `{}` receives so far.
    pub receives: &'static str,
    /// Actions.
    pub send_poison: &'static str,
    /// The rate control.
    pub rate: &'static str,
    /// Controls.
    pub scenario: &'static str,
    /// Controls.
    pub redistribute: &'static str,
    /// Controls.
    pub persist: &'static str,
    /// Controls.
    pub idempotency: &'static str,
    /// Controls.
    pub durable: &'static str,
    /// Compare control: `{}` is the other value.
    pub compare_with: &'static str,
    /// Under the stage.
    pub legend: &'static str,
    /// Chart titles.
    pub depth_title: &'static str,
    /// Chart titles.
    pub latency_title: &'static str,
    /// A second's summary: acked, duplicates, dead letters.
    pub second: &'static str,
    /// An event in words.
    pub event: fn(&Event) -> String,
}

crate::i18n::lab_text!(Text);

/// How many messages of a stream the log tells one by one.
pub const MESSAGES_IN_WORDS: u64 = 6;

/// An event in words: every order and shop change, the first messages of a
/// stream, and every message that went wrong.
pub fn describe(lang: Lang, e: &Event) -> Option<String> {
    let early = |w: &Work| matches!(w, Work::Message(id) if *id < MESSAGES_IN_WORDS);
    let told = match e {
        Event::Enqueued { id, poison } => *poison || *id < MESSAGES_IN_WORDS,
        Event::Started { work, attempt, .. } => {
            *attempt > 1 || !matches!(work, Work::Message(_)) || early(work)
        }
        Event::Done { work, times, skipped, .. } => {
            *times > 1 || *skipped || !matches!(work, Work::Message(_)) || early(work)
        }
        Event::Acked { work, .. } => !matches!(work, Work::Message(_)) || early(work),
        Event::Rejected => false,
        _ => true,
    };
    told.then(|| (text(lang).event)(e))
}
