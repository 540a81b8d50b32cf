//! The sessions lab's words in English.

use super::text::Text;
use crate::i18n::{Choices, LabWords, Preset};
use scalelab_core::input::fmt_num;
use scalelab_core::labs::sessions::{
    Action, Connection, Event, Failure, Ignored, Routing, State, StorePlacement, StoreReplication,
};

pub static TEXT: Text = Text {
    words: LabWords {
        title: "Sessions",
        blurb: "Users log in, fill a cart and look at it, through a load balancer, on app servers. Keep each session in the memory of the server that made it (stateful), and the next request on another server finds no session; route users back to their server (sticky), until it dies; or keep sessions in a store every server asks (stateless servers), which is one machine that can fail, unless it is replicated or split by user id. Forced logins, lost carts, users moved and what the machines cost are counted.",
        nothing_yet: "Nothing yet. Press play, or add an item to user 0's cart and look at it on another server.",
        settings: &[
            ("servers", "App servers"),
            ("users", "Users"),
            ("think-ms", "Think time (ms)"),
            ("routing", "Load balancer routes"),
            ("vnodes", "Ring points per node"),
            ("state", "Sessions live"),
            ("store-nodes", "Store nodes (partitioned)"),
            ("store-replication", "Store backups get writes"),
            ("store-backups", "Backups per store node"),
            ("store-placement", "User on store node by"),
            ("store-ms", "Store round trip (ms)"),
            ("net-latency-ms", "User to server, one hop (ms)"),
            ("service-ms", "Server work per request (ms)"),
            ("connection", "Connection"),
            ("server-memory-sessions", "Sessions a server can hold (0: no limit)"),
            ("machine-cost", "Machine cost ($ per hour)"),
        ],
        metrics: &[
            ("time_ms", "Simulated time (ms)"),
            ("requests", "Requests"),
            ("answered", "Answered"),
            ("failed", "Failed"),
            ("logins", "Logins"),
            ("cart_views", "Cart views"),
            ("forced_logins", "Forced logins (no session there)"),
            ("stale_carts", "Cart views missing items"),
            ("carts_lost", "Carts lost"),
            ("sessions_lost", "Sessions lost"),
            ("users_moved", "Users moved"),
            ("users_moved_fraction", "Moved by the last change (share)"),
            ("store_requests", "Store reads and writes"),
            ("store_failures", "Failed for want of the store"),
            ("reconnects", "TCP reconnects"),
            ("success_ratio", "Success ratio"),
            ("latency_ms_p50", "Latency p50 (ms)"),
            ("latency_ms_p99", "Latency p99 (ms)"),
            ("machines", "Machines"),
            ("cost_per_hour", "Cost per hour ($)"),
            ("servers_up", "App servers up"),
            ("store_nodes_up", "Store nodes up"),
            ("users_active", "Users active"),
            ("sessions_per_server", "Sessions per server"),
            ("connections_per_server", "Connections per server"),
        ],
        presets: &[
            Preset {
                link: "service-ms=0&log=0:users:0,100:add-item:0:1,200:add-item:0:1,300:view-cart:0:2&vs=state=store&speed=0.1",
                title: "The seed's cart: filled on S1, empty on S2",
                note: "User 0 adds two products on S1, and the next request lands on S2, which has no session for it: the user must log in again and sees an empty cart. With a session store the cart is there on any server, and every request pays the store's round trip (4 ms more here).",
            },
            Preset {
                link: "users=300&think-ms=500&routing=sticky-cookie&server-memory-sessions=80&vs=state=store&speed=0.5",
                title: "Too many users: a stateful server runs out of memory",
                note: "Each server can hold 80 sessions and gets about 100. The first to run out crashes, its users' sessions and carts are gone for good, they move to the others, which run out in turn. Stateless servers with a session store take the same traffic and hold nothing.",
            },
            Preset {
                link: "users=200&think-ms=300&state=store&log=2000:crash-store:0,2500:restart-store:0&speed=0.5",
                title: "The one session store fails: every user is out",
                note: "While the store is down every request fails; it comes back empty, and every user who acts again has to log in again.",
            },
            Preset {
                link: "users=300&think-ms=200&state=replicated-store&store-replication=async&log=2030:crash-store:0&vs=store-replication=sync&speed=0.3",
                title: "A replicated store fails over; async loses the last moments",
                note: "The primary D0 crashes and the backups elect a new one, so users keep their sessions. Async copies to the backups with each heartbeat (every 50 ms): the carts changed since the last one are lost. Sync answers only once the backups have the write: nothing is lost, and every write is slower.",
            },
            Preset {
                link: "users=300&think-ms=300&state=partitioned-store&store-nodes=3&log=2000:crash-store:1,3000:restart-store:1&speed=0.5",
                title: "UserID % 3: one store node fails, a third of the users lose their state",
                note: "User u's state is on store node u mod 3. D1 fails: exactly the users with u mod 3 = 1 fail, then find their sessions gone; the other two thirds never notice.",
            },
            Preset {
                link: "users=1200&think-ms=300&state=partitioned-store&store-nodes=3&log=2000:add-store&vs=store-placement=ring&speed=0.5",
                title: "A fourth store node: 3/4 of users move under modulo, 1/4 on a ring",
                note: "u mod 3 and u mod 4 agree for 3 ids in 12, so modulo moves 3/4 of the users, whose sessions stay behind on their old node. On a ring only the users the new node takes move: about its share, a quarter.",
            },
            Preset {
                link: "users=200&think-ms=300&routing=sticky-cookie&log=3000:crash:1&vs=routing=round-robin&speed=0.5",
                title: "Sticky sessions work until their server dies",
                note: "The cookie sends each user back to the server that made its session: no forced logins, against round robin's constant ones. When S1 crashes, its third of the users log in again elsewhere, carts lost.",
            },
            Preset {
                link: "users=1200&think-ms=300&routing=sticky-modulo&log=2000:add&vs=routing=sticky-ring&speed=0.5",
                title: "A new server: sticky by modulo moves 3/4 of the users, a ring its share",
                note: "With users on user id mod 3, a fourth server sends 3/4 of them elsewhere, where they have no session and log in again. On a ring only the users the new server takes move, about its share; a cookie moves no one.",
            },
            Preset {
                link: "servers=4&users=1000&think-ms=500&state=store&connection=tcp&log=2000:crash:0&vs=connection=http&speed=0.5",
                title: "TCP holds state too: one of four servers dies",
                note: "Each user keeps one connection, with its own sequence and acknowledgement numbers on both ends. Killing S0 resets its quarter of the connections: about 250 users reconnect at once. Over HTTP each request stands alone and nothing reconnects.",
            },
        ],
    },
    states: Choices(|c| match c {
        State::InMemory => (
            "In the server's memory",
            "Stateful: fast, but another server has no session, and a crash loses every session on it.",
        ),
        State::Store => (
            "In one session store",
            "Stateless servers: any server can answer, each request pays a store round trip, and the store is one machine that can fail.",
        ),
        State::ReplicatedStore => (
            "In a replicated store",
            "A primary with backups, failing over by election: a crash loses nothing (sync) or the last moments (async).",
        ),
        State::PartitionedStore => (
            "In a partitioned store",
            "Split by user id over several store nodes: each holds only its share, and a failure takes only its users.",
        ),
    }),
    routings: Choices(|c| match c {
        Routing::RoundRobin => ("Round robin", "Each server in turn: even load, and a user lands anywhere."),
        Routing::Random => ("Random", "A server at random: even on average, and a user lands anywhere."),
        Routing::StickyCookie => (
            "Sticky: by cookie",
            "Back to the server that made the session, while it is up; a new one after.",
        ),
        Routing::StickyModulo => {
            ("Sticky: user id mod N", "The same server while N stays; a new server remaps almost everyone.")
        }
        Routing::StickyRing => {
            ("Sticky: on a ring", "Consistent hashing: a new server takes only its share of the users.")
        }
    }),
    connections: Choices(|c| match c {
        Connection::Http => ("HTTP", "Stateless: every request stands alone and is routed afresh."),
        Connection::Tcp => (
            "TCP",
            "Stateful: one long-lived connection per user; a server's death resets every connection on it.",
        ),
    }),
    replications: Choices(|c| match c {
        StoreReplication::None => ("None", "No backups: a store node's failure loses what it held."),
        StoreReplication::Async => ("Async", "The primary answers first and copies with its next heartbeat."),
        StoreReplication::Sync => ("Sync", "The primary answers once every backup has the write."),
    }),
    placements: Choices(|c| match c {
        StorePlacement::Modulo => ("User id mod M", "The seed's formula: a new node remaps most users."),
        StorePlacement::Ring => ("A ring", "Consistent hashing: a new node takes only its share."),
    }),
    up: "up",
    down: "down",
    draining: "draining",
    primary: "primary",
    backup: "backup",
    sessions: "{} sessions",
    memory: "{} of {} sessions",
    connections_on: "{} connections",
    partition: "partition {}",
    entries: "{} writes held",
    crash: "Crash {}",
    restart: "Restart {}",
    drain: "Drain {}",
    remove: "Remove {}",
    add_server: "Add a server",
    add_store: "Add a store node",
    balancer: "Load balancer · {}",
    app_servers: "App servers",
    store_title: "Session store",
    crowd: "{} users active, {} logged in, {} lost a session or cart in the last second. Each dot is a user, coloured by the server that answered it last.",
    user_title: "One user",
    user_label: "User",
    add_item: "Add an item",
    view_cart: "View the cart",
    copies: "Copies of U{}'s cart",
    copy: "{}: {} items",
    no_copy: "No copy anywhere: the next request logs in again.",
    last_answer: "Last answer: {} items from {}, {} expected.",
    forced: "No session there: logged in again.",
    stale: "Items are missing.",
    active_users: "Active users",
    state: "Sessions live",
    routing: "Load balancer routes",
    connection: "Connection",
    compare_with: "Compare with: {}",
    legend: "Dots at the top are users, coloured by the server that answered them last (grey: not yet); a red ring marks one that just lost its session or cart. Blue dots are requests on their way, green rings answers, red squares errors, purple dots messages to and within the store. A card's bar is its memory against the limit.",
    forced_title: "Forced logins (per 100 ms)",
    latency_title: "Mean latency (ms, per 100 ms)",
    second: "Last second: {} answered, {} failed, {} forced logins.",
    event,
};

fn action(a: Action) -> &'static str {
    match a {
        Action::Login => "logged in",
        Action::AddItem => "added an item",
        Action::ViewCart => "looked at the cart",
        Action::Checkout => "checked out",
    }
}

/// Why a command did nothing.
fn ignored(why: Ignored) -> &'static str {
    match why {
        Ignored::NoSuchServer => "there is no such app server",
        Ignored::NoSuchStoreNode => "there is no such store node",
        Ignored::NoSuchUser => "there is no such user",
        Ignored::AlreadyThatWay => "it is already that way",
        Ignored::TooManyServers => "the run has the most app servers it may (32)",
        Ignored::CannotAddStore => {
            "store nodes are added only to a partitioned store, up to 48 store machines"
        }
        Ignored::TooManyUsers => "at most the run's users setting may be active",
    }
}

fn event(e: &Event) -> String {
    match e {
        Event::Answered { user, action: a, server, items, expected, forced_login, latency_us, .. } => {
            let ms = fmt_num((*latency_us as f64 / 1_000.0).round());
            let mut s = format!("U{user} {} on S{server} ({ms} ms); the cart has {items} items", action(*a));
            if *forced_login {
                s.push_str("; S");
                s.push_str(&server.to_string());
                s.push_str(" had no session, so the user logged in again");
            }
            if items < expected {
                s.push_str(&format!("; {expected} were expected"));
            }
            s.push('.');
            s
        }
        Event::Failed { user, why, .. } => {
            let why = match why {
                Failure::NoServer => "no app server was up",
                Failure::ServerDown => "its server went down",
                Failure::StoreDown => "the session store did not answer",
            };
            format!("A request of U{user} failed: {why}.")
        }
        Event::StateLost { user, items } => {
            format!("The store had lost U{user}'s latest session state ({items} items gone).")
        }
        Event::Crashed { server, sessions, carts, out_of_memory } => {
            let how = if *out_of_memory { "ran out of memory and crashed" } else { "crashed" };
            format!("S{server} {how}: {sessions} sessions and {carts} carts with items are gone.")
        }
        Event::Restarted { server } => format!("S{server} restarted, empty."),
        Event::Added { server } => format!("S{server} was added."),
        Event::Removed { server, sessions } => format!("S{server} was removed with {sessions} sessions."),
        Event::Drained { server } => format!("S{server} takes no new sessions."),
        Event::Moved { users, of } => format!("{users} of {of} users now land on another node."),
        Event::ConnectionsReset { server, users } => {
            format!("S{server}'s {users} connections were reset; their users must connect again.")
        }
        Event::StoreCrashed { node } => {
            format!("Store node D{node} crashed; what it held in memory is gone.")
        }
        Event::StoreRestarted { node } => format!("Store node D{node} restarted, empty."),
        Event::StorePrimary { node, term } => format!("D{node} was elected primary (term {term})."),
        Event::StoreAdded { node } => format!("A store node was added, from D{node}."),
        Event::UsersSet { users } => format!("{users} users are active."),
        Event::CommandIgnored { command, why } => {
            format!("Command {command} did nothing: {}.", ignored(*why))
        }
    }
}
