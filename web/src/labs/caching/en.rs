//! The caching lab's words in English.

use super::text::Text;
use crate::i18n::{Choices, LabWords, Preset};
use scalelab_core::cache::Policy as CachePolicy;
use scalelab_core::input::fmt_num;
use scalelab_core::labs::caching::{Coalesce, Event, Ignored, Routing, Tier};

pub static TEXT: Text = Text {
    words: LabWords {
        title: "Caching",
        blurb: "Every request costs its path: 100 ms to the server and back, plus 10 ms each way to the database on a miss — 200 ms for a hit, 220 ms for a miss, nothing for a hit in the client's own cache. The load balancer routes by key so each key's data stays warm on one server. Add a server and watch modulo routing dump the caches while the ring keeps most of them; let the database change and count stale reads.",
        nothing_yet: "Nothing yet. Press Play, or Step to follow the seed's LRU walk-through one request at a time.",
        settings: &[
            ("servers", "Servers"),
            ("routing", "Routing"),
            ("vnodes", "Virtual nodes per server"),
            ("cache-policy", "Cache policy"),
            ("cache-capacity", "Keys per server cache"),
            ("client-cache", "Keys per client cache"),
            ("shared-cache", "Keys in the shared cache"),
            ("clients", "Clients"),
            ("keys", "Keys (Zipf)"),
            ("zipf", "Zipf skew"),
            ("sequence", "Key sequence (1,2,3)"),
            ("requests", "Requests (0: no end)"),
            ("rate", "Requests per second"),
            ("client-ms", "Client ↔ server (ms)"),
            ("db-ms", "Server ↔ database (ms)"),
            ("shared-ms", "Server ↔ shared cache (ms)"),
            ("ttl-ms", "TTL (ms, 0: forever)"),
            ("write-rate", "Database writes per second"),
            ("coalesce", "Coalesce misses for a key in flight"),
            ("add-server-at", "Add a server at request"),
            ("remove-server-at", "Remove a server at request"),
        ],
        metrics: &[
            ("time_ms", "Simulated time (ms)"),
            ("requests", "Requests"),
            ("completed", "Answered"),
            ("hits", "Hits"),
            ("misses", "Misses"),
            ("hit_ratio", "Hit ratio"),
            ("hit_ratio_before_change", "Hit ratio before the change"),
            ("hit_ratio_after_change", "Hit ratio after the change"),
            ("hit_ratio_che", "Che's prediction"),
            ("client_hits", "Client-cache hits"),
            ("server_hits", "Server-cache hits"),
            ("shared_hits", "Shared-cache hits"),
            ("latency_ms_mean", "Mean latency (ms)"),
            ("latency_ms_p50", "p50 latency (ms)"),
            ("latency_ms_p99", "p99 latency (ms)"),
            ("db_requests", "Database reads"),
            ("stampede", "Stampede: fetched again while in flight"),
            ("coalesced", "Coalesced: waited for a fetch in flight"),
            ("stale_reads", "Stale reads"),
            ("expired", "Expired copies found"),
            ("evictions", "Evictions"),
            ("writes", "Database writes"),
            ("keys_remapped", "Keys now on another server"),
            ("server_ids", "Servers"),
            ("per_server_requests", "Requests per server"),
            ("per_server_hit_ratio", "Hit ratio per server"),
            ("per_server_cached", "Keys cached per server"),
        ],
        presets: &[
            Preset {
                link: "speed=0.5",
                title: "LRU of 3 on 1,2,3,4,1,2: six misses",
                note: "The seed's walk-through. 1, 2, 3 fill the cache; 4 evicts 1; then 1 evicts 2 and 2 evicts 3. Every request misses and costs 220 ms. Press Step to go one request at a time.",
            },
            Preset {
                link: "sequence=1,2,3,4,1,2&vs=cache-policy=sieve&speed=0.5",
                title: "The same trace under LRU and SIEVE",
                note: "A loop one key longer than the cache defeats LRU. Try FIFO, LFU and SIEVE on the same keys.",
            },
            Preset {
                link: "servers=4&cache-capacity=5000&keys=100000&zipf=0.8&requests=200000&rate=2000&add-server-at=100000&routing=modulo&vs=routing=ring&speed=2",
                title: "Add a server: modulo vs ring",
                note: "At request 100,000 a fifth server joins. Under modulo 80% of the keys change server and the hit ratio drops sharply; on the ring 20% do and it barely dips.",
            },
            Preset {
                link: "servers=2&keys=1000&zipf=1&cache-capacity=100&rate=200&client-cache=20&speed=1",
                title: "A client-side cache",
                note: "Each client keeps its own 20 hottest keys: those answers cost no network at all (0 ms); the rest still pay 200 or 220 ms.",
            },
            Preset {
                link: "keys=100&zipf=1&cache-capacity=100&rate=200&write-rate=20&ttl-ms=30000&speed=2",
                title: "Like counts: refreshed every 30 s",
                note: "Values change 20 times a second, and a cached copy is trusted for 30 s. Many reads are stale — for a like count nobody minds.",
            },
            Preset {
                link: "keys=100&zipf=1&cache-capacity=0&rate=200&write-rate=20&speed=2",
                title: "A bank balance: no cache",
                note: "The same writes, but every read goes to the database: no stale reads, and every request pays 220 ms. Correctness costs latency.",
            },
            Preset {
                link: "servers=1&keys=10000&zipf=0.8&cache-capacity=500&rate=2000&speed=5",
                title: "LRU against Che's approximation",
                note: "One LRU cache on Zipf keys. The hit ratio climbs while the cache warms and settles near what Che's approximation predicts (which assumes a miss's value arrives at once).",
            },
            Preset {
                link: "keys=1000&zipf=1&cache-capacity=100&rate=2000&db-ms=200&vs=coalesce=on&speed=1",
                title: "The cache stampede",
                note: "The database is 200 ms away, so a key that missed stays uncached for 400 ms until its value is back. Hot keys are asked for many times in that while: without coalescing every one of those asks goes to the database too. With it they wait for the fetch already on its way, and the database does far less work for the same hit ratio.",
            },
        ],
    },
    routings: Choices(|c| match c {
        Routing::Modulo => (
            "Modulo (hash mod N)",
            "Even, but a new server changes the server of about N/(N+1) of the keys: their caches start cold.",
        ),
        Routing::Ring => (
            "Consistent hashing (ring)",
            "A new server takes over about 1/(N+1) of the keys; every other key stays warm where it was.",
        ),
    }),
    policies: Choices(|c| match c {
        CachePolicy::Lru => (
            "LRU (least recently used)",
            "Evicts the key unused for longest. A loop one key bigger than the cache misses every time.",
        ),
        CachePolicy::Fifo => {
            ("FIFO (first in, first out)", "Evicts the oldest key, however often it is used.")
        }
        CachePolicy::Lfu => (
            "LFU (least frequently used)",
            "Evicts the key used the fewest times; ties go to the least recent.",
        ),
        CachePolicy::Sieve => (
            "SIEVE",
            "FIFO with a second chance: a used key is spared once as the hand passes. Simple and often better than LRU.",
        ),
    }),
    coalesces: Choices(|c| match c {
        Coalesce::Off => (
            "Off: fetch it again",
            "A miss goes on to the database even while another fetch of the same key is on its way: the cache stampede.",
        ),
        Coalesce::On => (
            "On: wait for the fetch in flight",
            "A miss for a key already being fetched waits for that fetch: one database read answers them all.",
        ),
    }),
    clients: "Clients",
    balancer: "Load balancer",
    database: "Database",
    shared: "Shared cache",
    client_cache: "Client cache",
    cached_of: "{} of {} keys cached",
    hit_ratio_of: "hit ratio {}",
    add_server: "Add a server",
    remove_server: "Remove {}",
    write_key: "Write key {} in the database",
    routing: "Routing",
    policy: "Cache policy",
    coalesce: "A miss for a key being fetched",
    rate: "Requests per second",
    compare_with: "Compare with {}",
    legend: "Slots list each cache's keys, the next to be evicted first. A flash is a hit; a new key slides in on the right; an evicted key fades out struck through. Blue dots are answered by a cache, orange ones went to the database.",
    hit_title: "Hit ratio (per 100 ms)",
    db_title: "Database reads per second",
    change_note: "Hit ratio over the 10% of requests before the change: {}; over the 10% after it: {}.",
    second: "Last second: {} hits, {} misses, {} stale reads.",
    event,
};

/// Why a command did nothing.
fn ignored(why: Ignored) -> &'static str {
    match why {
        Ignored::NoSuchServer => "there is no such server",
        Ignored::LastServer => "the last server cannot leave",
        Ignored::AtMaximum => "no more servers may join",
    }
}

fn event(e: &Event) -> String {
    match e {
        Event::Served { req, key, server, tier, expired, stale } => {
            let at = server.map(|s| format!(" at S{s}")).unwrap_or_default();
            let mut out = match tier {
                Tier::Client => format!("Request {req}: key {key} hit the client's own cache (0 ms)."),
                Tier::Server => format!("Request {req}: key {key} hit the cache{at}."),
                Tier::Shared => format!("Request {req}: key {key} missed{at} and hit the shared cache."),
                Tier::Database => format!("Request {req}: key {key} missed{at}; read from the database."),
            };
            if *expired {
                out.push_str(" Its cached copy had expired.");
            }
            if *stale {
                out.push_str(" The answer was stale.");
            }
            out
        }
        Event::Coalesced { req, key, server, at } => {
            let place = match (at, server) {
                (Tier::Server, Some(s)) => format!(" at S{s}"),
                (Tier::Shared, _) => " in the shared cache".to_owned(),
                _ => " in the client's own cache".to_owned(),
            };
            format!(
                "Request {req}: key {key} missed{place}, but a fetch of it is already on its way: it waits for that one."
            )
        }
        Event::Stored { key, server, at, evicted, .. } => {
            let place = match (at, server) {
                (Tier::Server, Some(s)) => format!("S{s}'s cache"),
                (Tier::Shared, _) => "the shared cache".to_owned(),
                _ => "the client's own cache".to_owned(),
            };
            let mut out = format!("Key {key} came back and was stored in {place}.");
            if let Some(k) = evicted {
                out.push_str(&format!(" Key {k} was evicted to make room."));
            }
            out
        }
        Event::ServerAdded { server } => format!("S{server} joined with an empty cache."),
        Event::ServerRemoved { server, cached } => {
            format!("S{server} left; its {cached} cached keys went with it.")
        }
        Event::KeysRemapped { moved, keys } => {
            format!("{moved} of {keys} keys now go to a different server: their caches start cold.")
        }
        Event::Written { key, version } => {
            format!("Key {key} changed in the database (version {version}); cached copies are now stale.")
        }
        Event::RateSet { rate } => format!("Clients now send {} requests a second.", fmt_num(*rate)),
        Event::AllSent { requests } => format!("All {requests} requests sent."),
        Event::CommandIgnored { command, why } => {
            format!("Command {command} did nothing: {}.", ignored(*why))
        }
    }
}
