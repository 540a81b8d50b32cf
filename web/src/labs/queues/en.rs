//! The queues lab's words in English.

use super::text::Text;
use crate::i18n::{Choices, LabWords, Preset};
use scalelab_core::input::fmt_num;
use scalelab_core::labs::queues::{
    Confirm, Event, Flag, Ignored, Jitter, Order, Persist, Redistribute, Scenario, ServiceDist,
};

/// The worked examples, the same links in both languages.
pub const LINKS: [&str; 10] = [
    "speed=3&vs=redistribute=ring",
    "persist=memory&speed=3",
    "redistribute=queue&visibility-timeout-ms=25000&speed=3",
    "confirm=when-made&fail-at-ms=0&vs=confirm=at-once&speed=3",
    "scenario=queue&rate=40&visibility-timeout-ms=2000&log=1000:crash:0,3000:restart:0&speed=0.3",
    "scenario=queue&rate=20&poison-fraction=0.05&max-attempts=3&backoff-ms=200&jitter=none&speed=1",
    "scenario=queue&rate=20&consumers=4&service-ms=80&visibility-timeout-ms=60&jitter=none&backoff-ms=0&vs=idempotency=true&speed=0.3",
    "scenario=queue&rate=150&consumers=2&service-ms=15&durable=false&log=2000:crash-broker,2500:restart-broker&vs=durable=true&speed=0.3",
    "scenario=queue&rate=150&consumers=3&service-ms=15&log=5000:rate:250&speed=1",
    "scenario=queue&rate=10&poll-ms=500&vs=poll-ms=0&speed=1",
];

pub static TEXT: Text = Text {
    words: LabWords {
        title: "Queues",
        blurb: "Seed 004's pizza shops: clients order and get a confirmation at once, without waiting for the pizza. Orders O1 to O6 go to shops PS0 to PS3 and into a database as not done. PS3 goes down; a notifier that checks every shop every 15 seconds finds it and gives its orders to the others: deal every not-done order out again and a pizza already being made is made twice; use a ring and only PS3's orders move. Then the message queue they add up to: producers, a queue with leases (visibility timeouts), acks, retries with backoff and a dead-letter queue, and consumers that can crash mid-message.",
        nothing_yet: "Nothing yet. Press play (speed 3 s/s shows the pizzas), or crash a shop and watch the notifier find it.",
        settings: &[
            ("scenario", "Scenario"),
            ("shops", "Pizza shops"),
            ("orders", "Orders (order:shop)"),
            ("order-gap-ms", "Between two orders (ms)"),
            ("make-ms", "A pizza takes (ms)"),
            ("fail-shop", "Shop that goes down"),
            ("fail-at-ms", "It goes down at (ms, 0: never)"),
            ("notifier-ms", "Notifier checks every (ms)"),
            ("redistribute", "A dead shop's orders"),
            ("persist", "Orders kept"),
            ("confirm", "Client confirmed"),
            ("vnodes", "Ring points per shop"),
            ("producers", "Producers"),
            ("rate", "Messages per second"),
            ("consumers", "Consumers"),
            ("service-ms", "Work per message (ms)"),
            ("service-dist", "Work is"),
            ("poll-ms", "Consumers poll every (ms, 0: pushed)"),
            ("net-latency-ms", "Network, one hop (ms)"),
            ("visibility-timeout-ms", "Lease: visibility timeout (ms)"),
            ("max-attempts", "Attempts before the dead-letter queue"),
            ("backoff-ms", "First retry after (ms)"),
            ("backoff-max-ms", "Longest retry wait (ms)"),
            ("jitter", "Retry jitter"),
            ("order", "Order"),
            ("durable", "Durable queue"),
            ("idempotency", "Idempotency keys"),
            ("poison-fraction", "Poison messages (share)"),
        ],
        metrics: &[
            ("time_ms", "Simulated time (ms)"),
            ("enqueued", "Enqueued (orders placed)"),
            ("delivered", "Delivered (orders started)"),
            ("acked", "Acked (orders done)"),
            ("redelivered", "Redelivered"),
            ("duplicates_processed", "Duplicates processed (done twice)"),
            ("duplicates_skipped", "Duplicates skipped by idempotency"),
            ("dead_lettered", "Dead-lettered"),
            ("lost", "Lost"),
            ("rejected", "Refused: broker down"),
            ("late_acks", "Acks after the lease ran out"),
            ("depth", "Waiting now"),
            ("depth_max", "Most waiting"),
            ("depth_mean", "Waiting, time average"),
            ("in_flight", "In flight (leased or being made)"),
            ("oldest_age_ms_max", "Oldest message's age, most (ms)"),
            ("latency_ms_mean", "Enqueue to ack, mean (ms)"),
            ("latency_ms_p50", "Enqueue to ack, p50 (ms)"),
            ("latency_ms_p99", "Enqueue to ack, p99 (ms)"),
            ("confirm_ms_mean", "Order to confirmation, mean (ms)"),
            ("detect_ms", "Failure to work given out again (ms)"),
            ("orders_moved", "Orders moved to another shop"),
            ("pizzas", "Pizzas made"),
            ("consumer_utilization", "Worker utilization"),
            ("workers_up", "Shops or consumers up"),
        ],
        presets: &[
            Preset {
                link: LINKS[0],
                title: "The seed: PS3 goes down, and O3 is made twice",
                note: "PS3 goes down at 12 s while PS0 is making O3. The notifier's check at 15 s finds it, 3 s later. Dealing every not-done order out again moves all six: PS1 gets O3 too, and its customer gets two pizzas. On a ring (B) PS3's points leave, only O2 and O6 move, and nothing is made twice.",
            },
            Preset {
                link: LINKS[1],
                title: "No database: PS3's orders are gone",
                note: "The orders live only in each shop's list. When PS3 goes down, O2 and O6 go with it; the notifier finds PS3 dead but has nothing to give out. Their customers never get a pizza.",
            },
            Preset {
                link: LINKS[2],
                title: "The same orders through a queue: a lease instead of a notifier",
                note: "Shops take the next order from a queue and ack it when the pizza is made. PS3 dies holding O4; with no notifier, O4's lease runs out 25 s after PS3 took it, and the next free shop makes it. Nothing is lost and nothing is made twice: assignment + load balancing + heartbeat + persistence = a message queue.",
            },
            Preset {
                link: LINKS[3],
                title: "A synchronous counter: client 2 waits for client 1's pizza",
                note: "Confirmed only when the pizza is made, each client waits 20 s or more, and O4's client waits for O1 first. Confirmed at once (B), every client is free at once: the shop keeps the order in its list and works asynchronously.",
            },
            Preset {
                link: LINKS[4],
                title: "A consumer crashes mid-message; its lease brings the message back",
                note: "C0 crashes at 1 s holding a message. The broker keeps it hidden until its 2 s lease runs out, then gives it to another consumer: redelivered, with its receive count 2. The time to detect is the rest of the lease.",
            },
            Preset {
                link: LINKS[5],
                title: "Poison messages end in the dead-letter queue",
                note: "One message in twenty always fails. It is retried after 200 ms, then 400 ms, and after its third failed receive it moves to the dead-letter queue, where it no longer holds up the others.",
            },
            Preset {
                link: LINKS[6],
                title: "A lease shorter than the work: duplicates, and idempotency keys",
                note: "Each message takes 80 ms and its lease is 60 ms, so it comes back while its first consumer still works on it, and a second consumer does it again: a side effect done twice, and the first ack comes too late. With idempotency keys (B) the second consumer sees the key and skips the side effect.",
            },
            Preset {
                link: LINKS[7],
                title: "An in-memory broker crashes: its messages are gone",
                note: "Two consumers take a little less than the producers send, so a queue builds up. The broker is down from 2 s to 2.5 s: producers' messages are refused meanwhile (92 of them), and an in-memory queue loses every message it held (79). A durable queue (B) keeps them and delivers them after the restart.",
            },
            Preset {
                link: LINKS[8],
                title: "More than the consumers can take: the queue grows",
                note: "Three consumers of 15 ms take at most 200 messages a second. At 150 the queue stays short; at 250 from 5 s it grows by about 50 a second, and so does every message's wait: a queue absorbs a burst, not a lasting overload.",
            },
            Preset {
                link: LINKS[9],
                title: "Polling every 500 ms against being pushed to",
                note: "A message waits for the next poll: half the interval on average with one consumer. Three consumers poll out of step, so here it is about 150 ms more per message (197 against 47 ms). Pushed to (B), a message starts a hop after it arrives.",
            },
        ],
    },
    scenarios: Choices(|c| match c {
        Scenario::Pizza => ("Pizza shops", "Seed 004: orders, shops, a database and a notifier."),
        Scenario::Queue => {
            ("Message queue", "Producers, a queue with leases, acks, retries and dead letters, consumers.")
        }
    }),
    redistributes: Choices(|c| match c {
        Redistribute::All => (
            "Deal every order again",
            "Every not-done order goes out afresh, round robin: one being made is made twice.",
        ),
        Redistribute::Ring => ("By a ring", "Consistent hashing: only the dead shop's orders move."),
        Redistribute::Queue => {
            ("Through a queue", "No notifier: an order's lease runs out and another shop takes it.")
        }
    }),
    persists: Choices(|c| match c {
        Persist::Database => (
            "In a database",
            "Each order with its state (not done, done): a dead shop's orders can be found.",
        ),
        Persist::Memory => ("Only in memory", "Each shop's own list: it dies with the shop."),
    }),
    confirms: Choices(|c| match c {
        Confirm::AtOnce => ("At once", "Asynchronous: the client is free while the pizza is made."),
        Confirm::WhenMade => ("When made", "A synchronous counter: the client waits for the pizza."),
    }),
    service_dists: Choices(|c| match c {
        ServiceDist::Exp => ("Exponential", "Most messages are quick, a few slow: the M/M/c model."),
        ServiceDist::Const => ("Constant", "Every message takes the same time."),
    }),
    jitters: Choices(|c| match c {
        Jitter::None => ("None", "Exactly the backoff: failures at the same time retry together."),
        Jitter::Full => ("Full", "Anywhere from 0 to the backoff: retries spread out."),
        Jitter::Equal => ("Equal", "Half the backoff plus up to the other half."),
    }),
    orders_by: Choices(|c| match c {
        Order::Fifo => ("Oldest first", "First in, first out."),
        Order::Priority => ("Urgent first", "A quarter of messages are urgent and jump the line."),
    }),
    durables: Choices(|c| match c {
        Flag::Yes => ("Durable", "On disk: a broker crash keeps every message."),
        Flag::No => ("In memory", "A broker crash loses every message."),
    }),
    idempotencies: Choices(|c| match c {
        Flag::Yes => ("On", "A consumer remembers processed keys and skips a duplicate's side effect."),
        Flag::No => ("Off", "A redelivered message's side effect happens again."),
    }),
    up: "up",
    down: "down",
    found_dead: "found dead",
    idle: "idle",
    waiting: "waiting for the broker",
    making: "making {}",
    working: "working on {}",
    next: "next: {}",
    crash: "Crash {}",
    restart: "Restart {}",
    order_here: "Order from {}",
    clients: "Clients",
    notifier: "Notifier · checks every {} s",
    checked: "last check at {} s",
    no_check: "no check yet",
    shops_title: "Pizza shops",
    consumers_title: "Consumers",
    producers: "{} producers · {} messages/s",
    broker: "Broker",
    queue_counts: "{} waiting · {} in flight · oldest {} s",
    more: "+{} more",
    dead_title: "Dead-letter queue: {}",
    db_title: "Database: orders and their state",
    memory_title: "Orders (no database: each is only in its shop's memory)",
    col_order: "Order",
    col_shop: "Shop",
    col_state: "State",
    col_pizzas: "Pizzas",
    not_done: "not done",
    done: "done",
    lost: "lost",
    not_placed: "not placed yet",
    ready: "ready",
    leased: "leased, {} s left",
    retrying: "retrying in {} s",
    poison: "poison",
    receives: "{} receives",
    send_poison: "Send a poison message",
    rate: "Messages per second",
    scenario: "Scenario",
    redistribute: "A dead shop's orders",
    persist: "Orders kept",
    idempotency: "Idempotency keys",
    durable: "Queue kept",
    compare_with: "Compare with: {}",
    legend: "The queue is drawn oldest first: a blue square is ready, an orange one leased (its bar is the lease left), a hollow one waits for a retry, a striped one is poison. On the wire, blue dots are messages, green rings acks; grey rings are the notifier's heartbeats. A card's bar is the work done on its current message.",
    depth_title: "Waiting (per 100 ms)",
    latency_title: "Enqueue to ack, mean (ms, per 100 ms)",
    second: "Last second: {} acked, {} duplicates, {} dead-lettered.",
    event,
};

fn ignored(why: Ignored) -> &'static str {
    match why {
        Ignored::NoSuchWorker => "there is no such shop or consumer",
        Ignored::AlreadyThatWay => "it is already that way",
        Ignored::NotInScenario => {
            "this scenario has no such thing (orders are the pizza shops'; rate, poison and the broker the queue's)"
        }
        Ignored::TooManyOrders => "the run has the most orders it may (200)",
    }
}

fn orders(list: &[u32]) -> String {
    match list {
        [] => "none".to_owned(),
        [one] => format!("O{one}"),
        [init @ .., last] => {
            format!("{} and O{last}", init.iter().map(|o| format!("O{o}")).collect::<Vec<_>>().join(", "))
        }
    }
}

fn secs(us: u64) -> String {
    fmt_num((us as f64 / 100_000.0).round() / 10.0)
}

fn event(e: &Event) -> String {
    match e {
        Event::Placed { order, shop: Some(s), stored } => {
            let kept = if *stored { "written to the database as not done" } else { "kept only in its list" };
            format!("O{order} goes to PS{s}, {kept}; the client has its confirmation.")
        }
        Event::Placed { order, shop: None, .. } => format!("O{order} goes into the queue."),
        Event::OrderLost { order } => format!("O{order} is lost: nothing kept it."),
        Event::Enqueued { id, poison: true } => {
            format!("M{id} reached the queue; it is poison and will always fail.")
        }
        Event::Enqueued { id, .. } => format!("M{id} reached the queue."),
        Event::Rejected => "A message was refused: the broker is down.".to_owned(),
        Event::Started { work, worker, attempt: 1 } => format!("{worker} started {work}."),
        Event::Started { work, worker, attempt } => format!("{worker} got {work} again (receive {attempt})."),
        Event::Skipped { order, shop } => format!("PS{shop} skipped O{order}: the database has it as done."),
        Event::Done { work, worker, skipped: true, .. } => {
            format!(
                "{worker} finished {work} and skipped its side effect: its idempotency key was already processed."
            )
        }
        Event::Done { work, worker, times: 1, .. } => format!("{worker} finished {work}."),
        Event::Done { work, worker, times, .. } => {
            format!("{worker} finished {work} again: done {times} times in all, a duplicate.")
        }
        Event::Failed { work, worker } => format!("{work} failed at {worker}."),
        Event::Acked { work, latency_us } => {
            format!("{work} was acked, {} s after it was enqueued.", secs(*latency_us))
        }
        Event::LateAck { work, worker } => {
            format!(
                "{worker}'s ack of {work} came after its lease ran out: refused, the message had gone back."
            )
        }
        Event::LeaseExpired { work } => {
            format!("{work}'s lease ran out before an ack: it goes back to the queue.")
        }
        Event::Retrying { work, wait_us } => format!("{work} will be visible again in {} s.", secs(*wait_us)),
        Event::DeadLettered { work, attempts } => {
            format!("{work} failed {attempts} times and moved to the dead-letter queue.")
        }
        Event::Crashed { worker, holding, lost } => {
            let mut s = format!("{worker} crashed");
            if let Some(w) = holding {
                s.push_str(&format!(" while working on {w}"));
            }
            if !lost.is_empty() {
                s.push_str(&format!("; {} were only in its memory and are lost", orders(lost)));
            }
            s.push('.');
            s
        }
        Event::Restarted { worker, resumed } if resumed.is_empty() => format!("{worker} is back."),
        Event::Restarted { worker, resumed } => {
            format!("{worker} is back and takes up {} from the database.", orders(resumed))
        }
        Event::HeartbeatMissed { shop, orders: list, down_us } => {
            let tail = if list.is_empty() {
                "the database has no orders of it to give out".to_owned()
            } else {
                format!("its orders {} go to other shops", orders(list))
            };
            format!("PS{shop} missed its heartbeat, {} s after it went down; {tail}.", secs(*down_us))
        }
        Event::Redistributed { moves, dealt } => {
            let list: Vec<String> =
                moves.iter().map(|m| format!("O{} PS{} → PS{}", m.order, m.from, m.to)).collect();
            format!("The notifier dealt {dealt} orders; {} changed shop: {}.", moves.len(), list.join(", "))
        }
        Event::BrokerCrashed { lost, kept } => {
            format!("The broker crashed: {lost} messages lost, {kept} kept on disk.")
        }
        Event::BrokerRestarted => "The broker is back.".to_owned(),
        Event::RateSet { rate } => format!("Producers now send {} messages a second.", fmt_num(*rate)),
        Event::CommandIgnored { command, why } => {
            format!("Command {command} did nothing: {}.", ignored(*why))
        }
    }
}
