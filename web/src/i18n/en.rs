//! English.

use super::words::{Words, words};
use super::{allowed, caching_ignored_key, hashing_ignored_key, ignored_key, reason_key};
use scalelab_core::input::{Degenerate, InputError, Problem, Warning, fmt_num};
use scalelab_core::labs::caching::{Event as CachingEvent, Tier};
use scalelab_core::labs::hashing::Event as HashingEvent;
use scalelab_core::labs::load_balancing::{Event, Policy};

/// Every text of the catalogs, in the order `Catalog::read` reads them.
pub const WORDS: Words = words! {
    // The shell.
    app_title: "Scale Lab",
    tagline: "Learn how systems scale and fail — by doing it.",
    labs: "Labs",
    other_language: "বাংলা",
    play: "Play",
    pause: "Pause",
    step: "Step",
    speed: "Speed",
    seed: "Seed",
    apply_seed: "Use seed",
    reset: "Reset",
    time: "Time",
    timeline: "Timeline (drag to rewind)",
    copy_link: "Copy link",
    copy_embed: "Copy embed code",
    copied: "Copied",
    link_label: "Link to this exact run",
    numbers: "Numbers",
    what_happened: "What happened",
    settings: "Settings",
    settings_note: "Changing one of these starts the run again from zero, with the same seed.",
    bad_params: "Some settings in this link could not be used:",
    using_default: "using the default, {}.",
    keys_help: "Keys: Space play/pause · . step · + and − speed",
    open_full: "Open in Scale Lab",
    home_intro: "Each lab is a small, exact simulation. Press play, break something, and watch the numbers. Every run is seeded: the link in the address bar replays it for anyone.",
    unknown_lab: "There is no lab called “{}”. Pick one below.",
    finished: "The run stopped at {} as the link asks (duration-ms). Reset or rewind to play again.",
    chart_latency: "Latency of answered requests (ms)",
    chart_outcomes: "Requests per second",
    last_second: "In the last second: {} dropped, {} failed.",
    try_these: "Try these",
    compare: "Compare",
    compare_off: "Stop comparing",
    ms: "ms",
    s: "s",
    per_s: "/s",
    crashed: "Something went wrong inside Scale Lab. Reload the page; your link keeps the run.",
    // Load balancing.
    title: "Load balancing",
    blurb: "Clients send requests; a load balancer spreads them over servers, each with a few cores and a queue. Change the policy, kill or slow a server, cut one off — or put all the cores in one big machine and see what a single point of failure means.",
    nothing_yet: "Nothing yet. Press play, then kill a server.",
    // Settings.
    "servers": "Servers",
    "policy": "Routing policy",
    "rate": "Arrival rate (req/s)",
    "service-ms": "Service time (ms)",
    "service-dist": "Service time shape",
    "capacity": "Cores per server",
    "queue-limit": "Queue limit",
    "layout": "Layout",
    "clients": "Clients",
    "client-latency-ms": "Client latency (ms)",
    "net-latency-ms": "Balancer–server latency (ms)",
    "jitter-ms": "Jitter (ms)",
    "loss": "Message loss (0–1)",
    "timeout-ms": "Client timeout (ms)",
    "health-check-ms": "Health check every (ms)",
    // Metrics.
    "time_ms": "Simulated time (ms)",
    "arrived": "Requests sent",
    "completed": "Answered",
    "dropped": "Dropped (queue full)",
    "failed": "Failed",
    "failed_crashed": "…server killed",
    "failed_refused": "…refused",
    "failed_no_server": "…no healthy server",
    "failed_timed_out": "…timed out",
    "in_progress": "In progress",
    "throughput_rps": "Throughput (req/s)",
    "success_ratio": "Success ratio",
    "latency_ms_mean": "Mean latency (ms)",
    "latency_ms_p50": "p50 latency (ms)",
    "latency_ms_p95": "p95 latency (ms)",
    "latency_ms_p99": "p99 latency (ms)",
    "latency_ms_max": "Max latency (ms)",
    "per_server_completed": "Answered per server",
    "per_server_utilization": "Busy share per server",
    "servers_up": "Servers up",
    "cores": "Cores",
    "offered_load": "Offered load (ρ)",
    "cost_per_hour": "Cost per hour ($, illustrative)",
    // Worked examples: title | what to notice.
    "vs=layout=vertical&log=3000:kill:0&speed=1": "One big machine vs four small ones, then one machine dies" | "The big machine waits less (one shared queue, no balancer hop) — until it is killed and every request fails. Four small ones lose a quarter of their capacity.",
    "vs=policy=least-connections&log=0:slow:0:5&speed=1": "A slow server: round robin vs least connections" | "Round robin keeps feeding S0 its share; its queue fills and requests time out. Least connections sees the requests piling up and routes around it.",
    "log=2000:isolate:2&speed=1": "A partition fails slowly" | "S2 keeps running but nothing reaches it: requests time out after a second, until the next health check takes it out of rotation.",
    "rate=600&speed=1": "Overload: more requests than cores" | "Queues fill, latency climbs to the queue limit, then servers drop what they cannot hold. Throughput stops at what the cores can do.",
    "layout=vertical&log=2000:add&speed=1": "Vertical scaling means a restart" | "Buying a bigger machine takes it down while it is resized: a second of failures, then more cores — up to the biggest machine there is.",
    // Policies: name | how it behaves.
    "round-robin": "Round robin" | "Each server in turn. Fair on paper; blind to a slow server.",
    "random": "Random" | "A server at random. Simple, but queues build up by chance.",
    "least-connections": "Least connections" | "The server with the fewest requests in progress. Routes around slow servers.",
    "p2c": "Power of two choices" | "Two servers at random, the less busy one. Nearly as good as least connections, far cheaper to run.",
    "hash": "Hash of client" | "hash(client) mod N: a client always lands on the same server — until N changes.",
    // Layouts.
    "horizontal": "Horizontal (many small)",
    "vertical": "Vertical (one big)",
    // Service time shapes.
    "exp": "Exponential",
    "const": "Constant",
    // Load balancing: the page.
    clients: "Clients",
    balancer: "Load balancer",
    machine: "One big machine",
    busy: "busy",
    queue: "queue",
    done: "done",
    up: "up",
    down: "down",
    cut_off: "cut off",
    out_of_rotation: "out of rotation",
    resizing: "resizing",
    slower: "{}× slower",
    kill: "Kill {}",
    restart: "Restart {}",
    slow_down: "Slow {} ×5",
    speed_up: "Speed {} up",
    isolate: "Cut {} off",
    heal: "Reconnect {}",
    add_server: "Add a server",
    bigger_machine: "Buy a bigger machine",
    selected: "Server {}",
    rate: "Arrival rate (req/s)",
    policy: "Routing policy",
    compare_layouts: "Compare with one big machine",
    horizontal_caption: "Horizontal: {} servers × {} cores",
    vertical_caption: "Vertical: one machine, {} cores",
    // Hashing.
    title: "Hashing",
    blurb: "Which server owns which key? With hash(key) mod N, adding one server reshuffles almost everything — every cache goes cold. On a consistent-hash ring a new server takes over only one arc. Add and remove nodes, turn up the virtual nodes, and compare six strategies on the same keys.",
    nothing_yet: "Nothing yet. Add or remove a node and watch which keys move.",
    // Settings.
    "strategy": "Strategy",
    "nodes": "Nodes",
    "positions": "Hand-placed nodes (S0:20,S1:80)",
    "vnodes": "Virtual nodes per node",
    "ring-size": "Ring size M",
    "load-factor": "Load factor c (bounded)",
    "table-size": "Table size (maglev, prime)",
    "keys": "Keys",
    "key-hash": "Key hash",
    "key-hashes": "Keys with given hashes (10:3,20:15)",
    "add": "Nodes added at the start",
    "remove": "Nodes removed at the start",
    "rate": "Lookups per second",
    // Metrics.
    "time_ms": "Simulated time (ms)",
    "keys": "Keys",
    "nodes_before": "Nodes at the start",
    "nodes_after": "Nodes now",
    "keys_moved": "Keys moved",
    "keys_moved_fraction": "Fraction moved",
    "ideal_moved_fraction": "Least possible fraction",
    "moved_to_changed_nodes_fraction": "Moved to/from the changed node",
    "last_change_keys_moved": "Moved by the last change",
    "load_max_over_mean": "Busiest node ÷ mean",
    "load_cv": "Load spread (CV)",
    "node_ids": "Nodes",
    "share": "Share of key space",
    "keys_per_node": "Keys per node",
    "lookups": "Lookups",
    "lookups_missed": "Lookups that found no node",
    "lookups_per_node": "Lookups per node",
    // Worked examples: title | what to notice.
    "log=800:add-at:3:90&speed=1": "Add S3 at 90: only keys 81..90 move" | "The seed's ring: S0 at 20, S1 at 80, S2 at 200 on a ring of 256. S3 lands at 90 and takes over exactly the arc 81..90; every other key stays put.",
    "strategy=modulo&nodes=4&key-hashes=10:3,20:15,35:12&log=800:add&speed=1": "4 → 5 servers under modulo" | "H(10) = 3, H(20) = 15, H(35) = 12: S3, S3, S0 with four servers; S3, S0, S2 with five. Two of the three keys moved.",
    "ring-size=100&positions=S1:10,S2:11,S3:12,S4:90&keys=100": "A lopsided ring: S4 owns 78%" | "S1:10, S2:11, S3:12, S4:90 on a ring of 100. S4 owns everything from 13 to 90 — the drawback of plain consistent hashing that vnodes fix.",
    "ring-size=20&positions=S0:1,S1:10&keys=30": "Hashes beyond the ring are taken mod M" | "M = 20, 30 keys: key 25 lands at 25 mod 20 = 5 and shares S1 with keys 2..10. Not a fault: they were sharing S1 anyway.",
    "strategy=modulo&nodes=10&keys=2000&key-hash=mix&ring-size=1000000&vnodes=100&vs=strategy=ring&log=800:add&speed=1": "Modulo vs ring, 10 → 11 nodes" | "Side by side on the same keys: modulo moves about 91% of them, the ring about 9% — all of it onto the new node.",
    "nodes=10&vnodes=1&ring-size=1000000&keys=5000&key-hash=mix&vs=vnodes=200": "Virtual nodes even out the load" | "One point per node leaves some nodes with three times the average; 200 points per node bring the busiest within a few percent.",
    "strategy=bounded&load-factor=1.25&ring-size=100&positions=S1:10,S2:11,S3:12,S4:90&keys=1000&key-hash=mix&vs=strategy=ring": "Bounded loads on the lopsided ring" | "The same lopsided ring with a cap of 1.25 × the average: S4's overflow walks on clockwise to S1.",
    // Strategies: name | how it behaves.
    "modulo": "Modulo (hash mod N)" | "Even while N stays put; change N and a key stays only if hash mod N still agrees.",
    "ring": "Consistent hashing (ring)" | "Nodes sit on a ring; a key goes to the first node clockwise. More points per node (vnodes) even out the arcs.",
    "jump": "Jump hash" | "No ring and no memory, perfectly even — but nodes are numbered, so only the last one leaves cleanly.",
    "rendezvous": "Rendezvous (highest random weight)" | "Every node scores every key; the highest wins. Minimal movement, but a lookup asks every node.",
    "maglev": "Maglev" | "A prime-sized lookup table filled from per-node permutations: one read per lookup, near-minimal movement.",
    "bounded": "Bounded loads" | "A ring with a cap: no node above c times the average; an overflowing key walks on to the next node.",
    // Key hashes.
    "identity": "Identity (key k at k)",
    "mix": "Mixed 64-bit hash",
    // Hashing: the page.
    add_node: "Add a node",
    remove_node: "Remove {}",
    rate: "Lookups per second",
    strategy: "Strategy",
    compare_with: "Compare with {}",
    shares_title: "Share of the key space",
    keys_title: "Keys per node",
    legend: "Dots are keys, coloured by owner; ringed dots moved at the last change. Big markers are nodes, small ticks their virtual nodes.",
    no_ring: "No ring in this strategy: nodes are drawn evenly for reference, keys at hash mod M.",
    moved_note: "Keys moved since the start: {} of {} ({}). A placement that stays perfectly even must move at least {}; moving less means a node holds more or less than its fair share.",
    modulo_tally: "The seed's pie tally reaches 100% because it counts every moved slice twice — once as a server's loss and once as another's gain. Counting each key once, {} of the keys moved here: N/(N+1) when N becomes N+1.",
    lookups_title: "Lookups per second",
    // Caching.
    title: "Caching",
    blurb: "Every request costs its path: 100 ms to the server and back, plus 10 ms each way to the database on a miss — 200 ms for a hit, 220 ms for a miss, nothing for a hit in the client's own cache. The load balancer routes by key so each key's data stays warm on one server. Add a server and watch modulo routing dump the caches while the ring keeps most of them; let the database change and count stale reads.",
    nothing_yet: "Nothing yet. Press Play, or Step to follow the seed's LRU walk-through one request at a time.",
    // Settings.
    "servers": "Servers",
    "routing": "Routing",
    "vnodes": "Virtual nodes per server",
    "cache-policy": "Cache policy",
    "cache-capacity": "Keys per server cache",
    "client-cache": "Keys per client cache",
    "shared-cache": "Keys in the shared cache",
    "clients": "Clients",
    "keys": "Keys (Zipf)",
    "zipf": "Zipf skew",
    "sequence": "Key sequence (1,2,3)",
    "requests": "Requests (0: no end)",
    "rate": "Requests per second",
    "client-ms": "Client ↔ server (ms)",
    "db-ms": "Server ↔ database (ms)",
    "shared-ms": "Server ↔ shared cache (ms)",
    "ttl-ms": "TTL (ms, 0: forever)",
    "write-rate": "Database writes per second",
    "coalesce": "Coalesce misses for a key in flight",
    "add-server-at": "Add a server at request",
    "remove-server-at": "Remove a server at request",
    // Metrics.
    "time_ms": "Simulated time (ms)",
    "requests": "Requests",
    "completed": "Answered",
    "hits": "Hits",
    "misses": "Misses",
    "hit_ratio": "Hit ratio",
    "hit_ratio_before_change": "Hit ratio before the change",
    "hit_ratio_after_change": "Hit ratio after the change",
    "hit_ratio_che": "Che's prediction",
    "client_hits": "Client-cache hits",
    "server_hits": "Server-cache hits",
    "shared_hits": "Shared-cache hits",
    "latency_ms_mean": "Mean latency (ms)",
    "latency_ms_p50": "p50 latency (ms)",
    "latency_ms_p99": "p99 latency (ms)",
    "db_requests": "Database reads",
    "stampede": "Stampede: fetched again while in flight",
    "coalesced": "Coalesced: waited for a fetch in flight",
    "stale_reads": "Stale reads",
    "expired": "Expired copies found",
    "evictions": "Evictions",
    "writes": "Database writes",
    "keys_remapped": "Keys now on another server",
    "server_ids": "Servers",
    "per_server_requests": "Requests per server",
    "per_server_hit_ratio": "Hit ratio per server",
    "per_server_cached": "Keys cached per server",
    // Worked examples: title | what to notice.
    "speed=0.5": "LRU of 3 on 1,2,3,4,1,2: six misses" | "The seed's walk-through. 1, 2, 3 fill the cache; 4 evicts 1; then 1 evicts 2 and 2 evicts 3. Every request misses and costs 220 ms. Press Step to go one request at a time.",
    "sequence=1,2,3,4,1,2&vs=cache-policy=sieve&speed=0.5": "The same trace under LRU and SIEVE" | "A loop one key longer than the cache defeats LRU. Try FIFO, LFU and SIEVE on the same keys.",
    "servers=4&cache-capacity=5000&keys=100000&zipf=0.8&requests=200000&rate=2000&add-server-at=100000&routing=modulo&vs=routing=ring&speed=2": "Add a server: modulo vs ring" | "At request 100,000 a fifth server joins. Under modulo 80% of the keys change server and the hit ratio drops sharply; on the ring 20% do and it barely dips.",
    "servers=2&keys=1000&zipf=1&cache-capacity=100&rate=200&client-cache=20&speed=1": "A client-side cache" | "Each client keeps its own 20 hottest keys: those answers cost no network at all (0 ms); the rest still pay 200 or 220 ms.",
    "keys=100&zipf=1&cache-capacity=100&rate=200&write-rate=20&ttl-ms=30000&speed=2": "Like counts: refreshed every 30 s" | "Values change 20 times a second, and a cached copy is trusted for 30 s. Many reads are stale — for a like count nobody minds.",
    "keys=100&zipf=1&cache-capacity=0&rate=200&write-rate=20&speed=2": "A bank balance: no cache" | "The same writes, but every read goes to the database: no stale reads, and every request pays 220 ms. Correctness costs latency.",
    "servers=1&keys=10000&zipf=0.8&cache-capacity=500&rate=2000&speed=5": "LRU against Che's approximation" | "One LRU cache on Zipf keys. The hit ratio climbs while the cache warms and settles near what Che's approximation predicts (which assumes a miss's value arrives at once).",
    "keys=1000&zipf=1&cache-capacity=100&rate=2000&db-ms=200&vs=coalesce=on&speed=1": "The cache stampede" | "The database is 200 ms away, so a key that missed stays uncached for 400 ms until its value is back. Hot keys are asked for many times in that while: without coalescing every one of those asks goes to the database too. With it they wait for the fetch already on its way, and the database does far less work for the same hit ratio.",
    // Routings: name | what it does to caches.
    "modulo": "Modulo (hash mod N)" | "Even, but a new server changes the server of about N/(N+1) of the keys: their caches start cold.",
    "ring": "Consistent hashing (ring)" | "A new server takes over about 1/(N+1) of the keys; every other key stays warm where it was.",
    // Cache policies: name | how it evicts.
    "lru": "LRU (least recently used)" | "Evicts the key unused for longest. A loop one key bigger than the cache misses every time.",
    "fifo": "FIFO (first in, first out)" | "Evicts the oldest key, however often it is used.",
    "lfu": "LFU (least frequently used)" | "Evicts the key used the fewest times; ties go to the least recent.",
    "sieve": "SIEVE" | "FIFO with a second chance: a used key is spared once as the hand passes. Simple and often better than LRU.",
    // Coalescing: name | what a miss for a key being fetched does.
    "off": "Off: fetch it again" | "A miss goes on to the database even while another fetch of the same key is on its way: the cache stampede.",
    "on": "On: wait for the fetch in flight" | "A miss for a key already being fetched waits for that fetch: one database read answers them all.",
    // Caching: the page.
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

};

pub fn input_error(e: &InputError) -> String {
    let (name, value) = (&e.name, &e.value);
    match &e.problem {
        Problem::NotANumber(_) => {
            format!("“{name}” = “{value}” is not a number; allowed: {}", allowed(&e.problem))
        }
        Problem::NotAWholeNumber(_) => {
            format!("“{name}” = “{value}” is not a whole number; allowed: {}", allowed(&e.problem))
        }
        Problem::OutOfRange(_) => {
            format!("“{name}” = {value} is out of range; allowed: {}", allowed(&e.problem))
        }
        Problem::NotOneOf(_) => {
            format!("“{name}” = “{value}” is not allowed; allowed: {}", allowed(&e.problem))
        }
        Problem::UnknownSetting(_) => {
            format!("“{name}” is not a setting of this lab; settings are: {}", allowed(&e.problem))
        }
        Problem::BadCommand { .. } => {
            format!("“{name}”: cannot read the command “{value}”; commands look like {}", allowed(&e.problem))
        }
        Problem::Conflict(why) => format!("“{name}” = {value}: {why}"),
    }
}

pub fn warning(w: &Warning) -> String {
    let name = w.name;
    match w.problem {
        Degenerate::CrowdedRing { points, positions } => format!(
            "“{name}”: {points} ring points on {positions} positions, so many share one and the busiest node holds far more than its share. Raise “{name}” (for example to 4294967296)."
        ),
        Degenerate::KeysPileUp { keys, positions } => format!(
            "“{name}”: {keys} keys hashed by identity onto {positions} positions, so key k and k + {positions} always land together. Use “{name}” = mix, or a larger ring."
        ),
    }
}

const REASONS: [&str; 4] =
    ["its server was killed", "the server was down", "no server was healthy", "no answer in time"];
const IGNORED: [&str; 4] = [
    "there is no such server",
    "it is already that way",
    "it is as big as it gets",
    "the machine is being resized",
];

pub fn load_balancing_event(e: &Event) -> String {
    match e {
        Event::ServerAdded { server, cores } => {
            format!("S{server} was added with {cores} cores; it joins after its first health check.")
        }
        Event::ResizeStarted { server, cores } => {
            format!("S{server} went down to be resized to {cores} cores. Everything on it failed.")
        }
        Event::ResizeFinished { server, cores } => format!("S{server} is back, now with {cores} cores."),
        Event::ServerKilled { server, lost } => {
            format!("S{server} was killed; the {lost} requests on it failed at once.")
        }
        Event::ServerRestarted { server } => format!("S{server} was restarted."),
        Event::ServerSlowed { server, factor } if *factor <= 1.0 => {
            format!("S{server} runs at normal speed again.")
        }
        Event::ServerSlowed { server, factor } => format!("S{server} became {}× slower.", fmt_num(*factor)),
        Event::ServerIsolated { server } => {
            format!("S{server} was cut off from the load balancer: its requests will time out.")
        }
        Event::ServerHealed { server } => format!("S{server} was reconnected."),
        Event::MarkedDown { server } => {
            format!("A health check failed: the load balancer stopped sending to S{server}.")
        }
        Event::MarkedUp { server } => format!("A health check passed: S{server} is in rotation."),
        Event::RateSet { rate } => format!("Clients now send {} requests per second.", fmt_num(*rate)),
        Event::PolicySet { policy } => format!("Routing policy is now {}.", policy_name(*policy)),
        Event::CommandIgnored { command, why } => {
            format!("Command {command} did nothing: {}.", IGNORED[ignored_key(*why)])
        }
        Event::Failed { req, reason, .. } => {
            format!("Request {req} failed: {}.", REASONS[reason_key(*reason)])
        }
        other => other.to_string(),
    }
}

fn policy_name(p: Policy) -> &'static str {
    super::load_balancing(crate::route::Lang::En)
        .policies
        .iter()
        .find(|(q, _, _)| *q == p)
        .map_or("?", |(_, n, _)| n)
}

const HASHING_IGNORED: [&str; 4] =
    ["there is no such node", "it is already there", "the last node cannot leave", "no more nodes may join"];

pub fn hashing_event(e: &HashingEvent) -> String {
    match e {
        HashingEvent::NodeAdded { node, points: 0 } => format!("S{node} joined."),
        HashingEvent::NodeAdded { node, points: 1 } => format!("S{node} joined with one point on the ring."),
        HashingEvent::NodeAdded { node, points } => {
            format!("S{node} joined with {points} points on the ring.")
        }
        HashingEvent::NodeRemoved { node } => format!("S{node} left."),
        HashingEvent::KeysMoved { moved, keys, to_or_from_changed } => format!(
            "{moved} of {keys} keys changed owner; {to_or_from_changed} of them to or from the node that changed."
        ),
        HashingEvent::RateSet { rate } => {
            format!("Clients now look keys up {} times a second.", fmt_num(*rate))
        }
        HashingEvent::CommandIgnored { command, why } => {
            format!("Command {command} did nothing: {}.", HASHING_IGNORED[hashing_ignored_key(*why)])
        }
        other => other.to_string(),
    }
}

const CACHING_IGNORED: [&str; 3] =
    ["there is no such server", "the last server cannot leave", "no more servers may join"];

pub fn caching_event(e: &CachingEvent) -> String {
    match e {
        CachingEvent::Served { req, key, server, tier, expired, stale } => {
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
        CachingEvent::Coalesced { req, key, server, at } => {
            let place = match (at, server) {
                (Tier::Server, Some(s)) => format!(" at S{s}"),
                (Tier::Shared, _) => " in the shared cache".to_owned(),
                _ => " in the client's own cache".to_owned(),
            };
            format!(
                "Request {req}: key {key} missed{place}, but a fetch of it is already on its way: it waits for that one."
            )
        }
        CachingEvent::Stored { key, server, at, evicted, .. } => {
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
        CachingEvent::ServerAdded { server } => format!("S{server} joined with an empty cache."),
        CachingEvent::ServerRemoved { server, cached } => {
            format!("S{server} left; its {cached} cached keys went with it.")
        }
        CachingEvent::KeysRemapped { moved, keys } => {
            format!("{moved} of {keys} keys now go to a different server: their caches start cold.")
        }
        CachingEvent::Written { key, version } => {
            format!("Key {key} changed in the database (version {version}); cached copies are now stale.")
        }
        CachingEvent::RateSet { rate } => format!("Clients now send {} requests a second.", fmt_num(*rate)),
        CachingEvent::AllSent { requests } => format!("All {requests} requests sent."),
        CachingEvent::CommandIgnored { command, why } => {
            format!("Command {command} did nothing: {}.", CACHING_IGNORED[caching_ignored_key(*why)])
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn templates_have_their_placeholders() {
        assert_eq!(
            crate::i18n::fill(crate::i18n::load_balancing(crate::route::Lang::En).kill, &[&"S1"]),
            "Kill S1"
        );
    }
}
