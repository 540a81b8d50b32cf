//! What happened in the caching lab, in the past tense.

use serde::Serialize;
use std::fmt;

/// Where a request was answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Tier {
    /// The client's own cache: no network at all.
    Client,
    /// The server's cache.
    Server,
    /// The shared cache tier.
    Shared,
    /// The database (every cache missed).
    Database,
}

/// Why a command changed nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Ignored {
    /// There is no such server.
    NoSuchServer,
    /// The last server cannot leave.
    LastServer,
    /// No more servers may be added.
    AtMaximum,
}

impl Ignored {
    /// Why, in a few words of English (the CLI's report).
    pub fn reason(self) -> &'static str {
        match self {
            Ignored::NoSuchServer => "there is no such server",
            Ignored::LastServer => "the last server cannot leave",
            Ignored::AtMaximum => "no more servers may be added",
        }
    }
}

/// One thing that happened.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "event", rename_all = "kebab-case")]
pub enum Event {
    /// A request was answered from a cache or read from the database.
    Served {
        /// Request number (from 1).
        req: u64,
        /// The key.
        key: u64,
        /// The server it went to (none for a client-side hit).
        server: Option<u32>,
        /// Where it was answered.
        tier: Tier,
        /// A cached copy had outlived its TTL (so it went on).
        expired: bool,
        /// The answer was older than the database's value.
        stale: bool,
    },
    /// A request missed a cache that was already fetching its key, and
    /// waits for that fetch (`coalesce=on`).
    Coalesced {
        /// Request number.
        req: u64,
        /// The key.
        key: u64,
        /// The server it went to (none when it waits at its client).
        server: Option<u32>,
        /// The cache it waits at.
        at: Tier,
    },
    /// A value came back to a cache and was stored there.
    Stored {
        /// The request that brought it.
        req: u64,
        /// The key.
        key: u64,
        /// The server, when the cache is a server's.
        server: Option<u32>,
        /// Which cache.
        at: Tier,
        /// The key that left the cache to make room, if any.
        evicted: Option<u64>,
    },
    /// A server joined, with an empty cache.
    ServerAdded {
        /// Its number.
        server: u32,
    },
    /// A server left; its cache went with it.
    ServerRemoved {
        /// Its number.
        server: u32,
        /// Keys its cache held.
        cached: u64,
    },
    /// Keys changed server because the membership changed.
    KeysRemapped {
        /// Keys (of 0..K) whose server changed.
        moved: u64,
        /// All keys.
        keys: u64,
    },
    /// A key's value changed in the database.
    Written {
        /// The key.
        key: u64,
        /// Its new version.
        version: u64,
    },
    /// The request rate changed.
    RateSet {
        /// Requests per second.
        rate: f64,
    },
    /// The last request was sent.
    AllSent {
        /// How many.
        requests: u64,
    },
    /// A command changed nothing.
    CommandIgnored {
        /// The command, in its text form.
        command: String,
        /// Why.
        why: Ignored,
    },
}

/// Which cache, in words: "S2's cache", "the shared cache".
fn cache(at: Tier, server: Option<u32>) -> String {
    match (at, server) {
        (Tier::Server, Some(s)) => format!("S{s}'s cache"),
        (Tier::Shared, _) => "the shared cache".to_owned(),
        _ => "the client's cache".to_owned(),
    }
}

impl fmt::Display for Event {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Event::Served { req, key, server, tier, expired, stale } => {
                let at = server.map(|s| format!(" at S{s}")).unwrap_or_default();
                match tier {
                    Tier::Client => write!(f, "request {req}: key {key} hit the client cache")?,
                    Tier::Server => write!(f, "request {req}: key {key} hit{at}")?,
                    Tier::Shared => write!(f, "request {req}: key {key} hit the shared cache{at}")?,
                    Tier::Database => write!(f, "request {req}: key {key} read from the database{at}")?,
                }
                if *expired {
                    write!(f, " (expired)")?;
                }
                if *stale {
                    write!(f, " (stale)")?;
                }
                Ok(())
            }
            Event::Coalesced { req, key, server, at } => {
                write!(f, "request {req}: key {key} waits for the fetch in flight in {}", cache(*at, *server))
            }
            Event::Stored { req, key, server, at, evicted } => {
                write!(f, "request {req}: key {key} stored in {}", cache(*at, *server))?;
                if let Some(e) = evicted {
                    write!(f, ", evicted {e}")?;
                }
                Ok(())
            }
            Event::ServerAdded { server } => write!(f, "S{server} added"),
            Event::ServerRemoved { server, cached } => {
                write!(f, "S{server} removed with {cached} cached keys")
            }
            Event::KeysRemapped { moved, keys } => {
                write!(f, "{moved} of {keys} keys now go to another server")
            }
            Event::Written { key, version } => write!(f, "key {key} written (version {version})"),
            Event::RateSet { rate } => write!(f, "rate set to {}/s", crate::input::fmt_num(*rate)),
            Event::AllSent { requests } => write!(f, "all {requests} requests sent"),
            Event::CommandIgnored { command, why } => write!(f, "{command} ignored: {why:?}"),
        }
    }
}
