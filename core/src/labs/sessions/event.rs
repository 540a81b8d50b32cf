//! What happens in the sessions lab, in the past tense.

use serde::Serialize;
use std::fmt;

/// What a request does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    /// Logs in: a new, empty session and cart.
    Login,
    /// Adds an item to the cart.
    AddItem,
    /// Looks at the cart.
    ViewCart,
    /// Buys what is in the cart, which empties it.
    Checkout,
}

impl Action {
    /// Its name, as in the CLI's commands.
    pub fn name(self) -> &'static str {
        match self {
            Action::Login => "login",
            Action::AddItem => "add-item",
            Action::ViewCart => "view-cart",
            Action::Checkout => "checkout",
        }
    }
}

/// Why a request failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Failure {
    /// No app server was up to take it.
    NoServer,
    /// Its app server went down before it answered.
    ServerDown,
    /// The session store did not answer (down, or no primary).
    StoreDown,
}

/// Why a command did nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Ignored {
    /// No app server has that number.
    NoSuchServer,
    /// No store node has that number.
    NoSuchStoreNode,
    /// No user has that number.
    NoSuchUser,
    /// It is already that way.
    AlreadyThatWay,
    /// The run already has the most app servers it may.
    TooManyServers,
    /// Store partitions are only added to a partitioned store, up to its limit.
    CannotAddStore,
    /// More users than the run's `users`.
    TooManyUsers,
}

impl Ignored {
    /// Why, in English.
    pub fn reason(self) -> &'static str {
        match self {
            Ignored::NoSuchServer => "there is no such app server",
            Ignored::NoSuchStoreNode => "there is no such store node",
            Ignored::NoSuchUser => "there is no such user",
            Ignored::AlreadyThatWay => "it is already that way",
            Ignored::TooManyServers => "the run has the most app servers it may (32)",
            Ignored::CannotAddStore => {
                "store partitions are added only with state=partitioned-store, up to 48 store nodes"
            }
            Ignored::TooManyUsers => "at most the run's users setting may be active",
        }
    }
}

/// One thing that happened.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "event", rename_all = "kebab-case")]
pub enum Event {
    /// A request was answered.
    Answered {
        /// The request.
        req: u64,
        /// Its user.
        user: u32,
        /// What it did.
        action: Action,
        /// The app server that answered.
        server: u32,
        /// Items in the cart it answered with.
        items: u32,
        /// Items the user expected the answer to hold: what they had put in,
        /// one more after an add, none after a checkout or a login.
        expected: u32,
        /// Whether the server had no session for the user, who had to log in again.
        forced_login: bool,
        /// How long the user waited, µs.
        latency_us: u64,
    },
    /// A request failed.
    Failed {
        /// The request.
        req: u64,
        /// Its user.
        user: u32,
        /// Why.
        why: Failure,
    },
    /// A store read gave a user's state older than what the user was told
    /// was written: it was lost (a store node forgot it, or a backup took
    /// over without it).
    StateLost {
        /// The user.
        user: u32,
        /// Items that vanished from the cart.
        items: u32,
    },
    /// An app server crashed, and its sessions with it.
    Crashed {
        /// The server.
        server: u32,
        /// Sessions it held.
        sessions: u32,
        /// Of them, carts with items.
        carts: u32,
        /// Whether it ran out of memory (too many sessions).
        out_of_memory: bool,
    },
    /// An app server restarted, empty.
    Restarted {
        /// The server.
        server: u32,
    },
    /// An app server was added.
    Added {
        /// The server.
        server: u32,
    },
    /// An app server was taken away.
    Removed {
        /// The server.
        server: u32,
        /// Sessions it held.
        sessions: u32,
    },
    /// An app server stopped taking new sessions.
    Drained {
        /// The server.
        server: u32,
    },
    /// Users now land elsewhere than before (a sticky mapping or a store
    /// partition changed).
    Moved {
        /// How many.
        users: u32,
        /// Of how many active users.
        of: u32,
    },
    /// A server's connections were reset; their users must connect again.
    ConnectionsReset {
        /// The server.
        server: u32,
        /// How many.
        users: u32,
    },
    /// A store node crashed.
    StoreCrashed {
        /// The store node.
        node: u32,
    },
    /// A store node restarted.
    StoreRestarted {
        /// The store node.
        node: u32,
    },
    /// A store node became its partition's primary.
    StorePrimary {
        /// The store node.
        node: u32,
        /// Its term.
        term: u64,
    },
    /// A store partition was added.
    StoreAdded {
        /// Its first node.
        node: u32,
    },
    /// The number of active users changed.
    UsersSet {
        /// Now active.
        users: u32,
    },
    /// A command did nothing.
    CommandIgnored {
        /// The command, as text.
        command: String,
        /// Why.
        why: Ignored,
    },
}

impl Event {
    /// Whether this is about one request (too many to tell each).
    pub fn is_per_request(&self) -> bool {
        matches!(self, Event::Answered { .. } | Event::Failed { .. })
    }
}

impl fmt::Display for Event {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Event::Answered { req, user, action, server, items, expected, forced_login, .. } => {
                write!(f, "request {req}: U{user} {} on S{server}, cart {items}", action.name())?;
                if *forced_login {
                    write!(f, "; no session there: logged in again")?;
                }
                if items < expected {
                    write!(f, "; {expected} expected")?;
                }
                Ok(())
            }
            Event::Failed { req, user, why } => write!(f, "request {req} of U{user} failed: {why:?}"),
            Event::StateLost { user, items } => write!(f, "U{user}'s session was lost with {items} items"),
            Event::Crashed { server, sessions, carts, out_of_memory } => {
                let how = if *out_of_memory { "ran out of memory" } else { "crashed" };
                write!(f, "S{server} {how}: {sessions} sessions and {carts} carts lost")
            }
            Event::Restarted { server } => write!(f, "S{server} restarted"),
            Event::Added { server } => write!(f, "S{server} added"),
            Event::Removed { server, sessions } => write!(f, "S{server} removed with {sessions} sessions"),
            Event::Drained { server } => write!(f, "S{server} drains"),
            Event::Moved { users, of } => write!(f, "{users} of {of} users moved"),
            Event::ConnectionsReset { server, users } => {
                write!(f, "S{server}'s {users} connections reset")
            }
            Event::StoreCrashed { node } => write!(f, "store node D{node} crashed"),
            Event::StoreRestarted { node } => write!(f, "store node D{node} restarted"),
            Event::StorePrimary { node, term } => write!(f, "D{node} is primary (term {term})"),
            Event::StoreAdded { node } => write!(f, "store partition from D{node} added"),
            Event::UsersSet { users } => write!(f, "{users} users active"),
            Event::CommandIgnored { command, why } => write!(f, "{command} ignored: {}", why.reason()),
        }
    }
}
