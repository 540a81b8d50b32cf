//! The sessions lab's words: the fields both languages fill in (`en.rs`,
//! `bn.rs`). Every text is a named field, so a language missing one does not
//! compile; the labels per setting and metric are checked by a test that
//! names the lab and the name.

use crate::i18n::{Choices, LabWords};
use crate::route::Lang;
use scalelab_core::labs::sessions::{Connection, Event, Routing, State, StorePlacement, StoreReplication};

/// The sessions lab's words: every field in both languages, so a missing text does not compile.
#[derive(Debug)]
pub struct Text {
    /// Title, blurb, labels and worked examples.
    pub words: LabWords,
    /// Per state choice: name and one line on where sessions live.
    pub states: Choices<State>,
    /// Per routing choice: name and one line on where a request goes.
    pub routings: Choices<Routing>,
    /// Per connection choice: name and one line.
    pub connections: Choices<Connection>,
    /// Per store replication choice: name and one line.
    pub replications: Choices<StoreReplication>,
    /// Per store placement choice: name and one line.
    pub placements: Choices<StorePlacement>,
    /// A server's or store node's state.
    pub up: &'static str,
    /// A server's or store node's state.
    pub down: &'static str,
    /// A server's state.
    pub draining: &'static str,
    /// A store node's role.
    pub primary: &'static str,
    /// A store node's role.
    pub backup: &'static str,
    /// `{}` sessions in memory.
    pub sessions: &'static str,
    /// `{}` sessions of a limit of `{}`.
    pub memory: &'static str,
    /// `{}` TCP connections.
    pub connections_on: &'static str,
    /// `{}` is the store partition.
    pub partition: &'static str,
    /// `{}` sessions written to a store node.
    pub entries: &'static str,
    /// Actions; `{}` is the server or store node.
    pub crash: &'static str,
    /// Actions; `{}` is the server or store node.
    pub restart: &'static str,
    /// Actions; `{}` is the server.
    pub drain: &'static str,
    /// Actions; `{}` is the server.
    pub remove: &'static str,
    /// Actions.
    pub add_server: &'static str,
    /// Actions.
    pub add_store: &'static str,
    /// The load balancer's label: `{}` is how it routes.
    pub balancer: &'static str,
    /// Stage headings.
    pub app_servers: &'static str,
    /// Stage headings.
    pub store_title: &'static str,
    /// The crowd's text alternative: `{}` users active, `{}` logged in, `{}` lost lately.
    pub crowd: &'static str,
    /// The user panel's title.
    pub user_title: &'static str,
    /// The user picker's label.
    pub user_label: &'static str,
    /// The user panel: add to the cart.
    pub add_item: &'static str,
    /// The user panel: look at the cart.
    pub view_cart: &'static str,
    /// Where copies of the user's cart are: `{}` is the user.
    pub copies: &'static str,
    /// One copy: where, and `{}` items.
    pub copy: &'static str,
    /// No copy anywhere.
    pub no_copy: &'static str,
    /// The last answer: `{}` items on `{}`, `{}` expected.
    pub last_answer: &'static str,
    /// After an answer that had no session.
    pub forced: &'static str,
    /// After a cart view that missed items.
    pub stale: &'static str,
    /// The active users control.
    pub active_users: &'static str,
    /// Controls.
    pub state: &'static str,
    /// Controls.
    pub routing: &'static str,
    /// Controls.
    pub connection: &'static str,
    /// Compare control: `{}` is the other state.
    pub compare_with: &'static str,
    /// Under the stage.
    pub legend: &'static str,
    /// Chart titles.
    pub forced_title: &'static str,
    /// Chart titles.
    pub latency_title: &'static str,
    /// A second's summary: answered, failed, forced logins.
    pub second: &'static str,
    /// An event in words.
    pub event: fn(&Event) -> String,
}

crate::i18n::lab_text!(Text);

/// How many requests the log tells one by one (after that, only those
/// that went wrong: a forced login, a stale cart, a failure).
pub const REQUESTS_IN_WORDS: u64 = 20;

/// An event in words: what the servers and the store did, the first
/// requests, and every request that went wrong.
pub fn describe(lang: Lang, e: &Event) -> Option<String> {
    let told = match e {
        Event::Answered { req, forced_login, items, expected, .. } => {
            *req <= REQUESTS_IN_WORDS || *forced_login || items < expected
        }
        Event::Failed { req, .. } => *req <= REQUESTS_IN_WORDS,
        _ => true,
    };
    told.then(|| (text(lang).event)(e))
}
