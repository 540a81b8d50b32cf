//! The load-balancing lab's words in English.

use super::text::Text;
use crate::i18n::{Choices, LabWords, Named, Preset};
use scalelab_core::input::fmt_num;
use scalelab_core::labs::load_balancing::{Event, FailReason, Ignored, Layout, Policy, ServiceDist};

pub static TEXT: Text = Text {
    words: LabWords {
        title: "Load balancing",
        blurb: "Clients send requests; a load balancer spreads them over servers, each with a few cores and a queue. Change the policy, kill or slow a server, cut one off — or put all the cores in one big machine and see what a single point of failure means.",
        nothing_yet: "Nothing yet. Press play, then kill a server.",
        settings: &[
            ("servers", "Servers"),
            ("policy", "Routing policy"),
            ("rate", "Arrival rate (req/s)"),
            ("service-ms", "Service time (ms)"),
            ("service-dist", "Service time shape"),
            ("capacity", "Cores per server"),
            ("queue-limit", "Queue limit"),
            ("layout", "Layout"),
            ("clients", "Clients"),
            ("client-latency-ms", "Client latency (ms)"),
            ("net-latency-ms", "Balancer–server latency (ms)"),
            ("jitter-ms", "Jitter (ms)"),
            ("loss", "Message loss (0–1)"),
            ("timeout-ms", "Client timeout (ms)"),
            ("health-check-ms", "Health check every (ms)"),
        ],
        metrics: &[
            ("time_ms", "Simulated time (ms)"),
            ("arrived", "Requests sent"),
            ("completed", "Answered"),
            ("dropped", "Dropped (queue full)"),
            ("failed", "Failed"),
            ("failed_crashed", "…server killed"),
            ("failed_refused", "…refused"),
            ("failed_no_server", "…no healthy server"),
            ("failed_timed_out", "…timed out"),
            ("in_progress", "In progress"),
            ("throughput_rps", "Throughput (req/s)"),
            ("success_ratio", "Success ratio"),
            ("latency_ms_mean", "Mean latency (ms)"),
            ("latency_ms_p50", "p50 latency (ms)"),
            ("latency_ms_p95", "p95 latency (ms)"),
            ("latency_ms_p99", "p99 latency (ms)"),
            ("latency_ms_max", "Max latency (ms)"),
            ("per_server_completed", "Answered per server"),
            ("per_server_utilization", "Busy share per server"),
            ("servers_up", "Servers up"),
            ("cores", "Cores"),
            ("offered_load", "Offered load (ρ)"),
            ("cost_per_hour", "Cost per hour ($, illustrative)"),
        ],
        presets: &[
            Preset {
                link: "vs=layout=vertical&log=3000:kill:0&speed=1",
                title: "One big machine vs four small ones, then one machine dies",
                note: "The big machine waits less (one shared queue, no balancer hop) — until it is killed and every request fails. Four small ones lose a quarter of their capacity.",
            },
            Preset {
                link: "vs=policy=least-connections&log=0:slow:0:5&speed=1",
                title: "A slow server: round robin vs least connections",
                note: "Round robin keeps feeding S0 its share; its queue fills and requests time out. Least connections sees the requests piling up and routes around it.",
            },
            Preset {
                link: "log=2000:isolate:2&speed=1",
                title: "A partition fails slowly",
                note: "S2 keeps running but nothing reaches it: requests time out after a second, until the next health check takes it out of rotation.",
            },
            Preset {
                link: "rate=600&speed=1",
                title: "Overload: more requests than cores",
                note: "Queues fill, latency climbs to the queue limit, then servers drop what they cannot hold. Throughput stops at what the cores can do.",
            },
            Preset {
                link: "layout=vertical&log=2000:add&speed=1",
                title: "Vertical scaling means a restart",
                note: "Buying a bigger machine takes it down while it is resized: a second of failures, then more cores — up to the biggest machine there is.",
            },
        ],
    },
    policies: Choices(|c| match c {
        Policy::RoundRobin => ("Round robin", "Each server in turn. Fair on paper; blind to a slow server."),
        Policy::Random => ("Random", "A server at random. Simple, but queues build up by chance."),
        Policy::LeastConnections => (
            "Least connections",
            "The server with the fewest requests in progress. Routes around slow servers.",
        ),
        Policy::PowerOfTwoChoices => (
            "Power of two choices",
            "Two servers at random, the less busy one. Nearly as good as least connections, far cheaper to run.",
        ),
        Policy::Hash => (
            "Hash of client",
            "hash(client) mod N: a client always lands on the same server — until N changes.",
        ),
    }),
    layouts: Named(|c| match c {
        Layout::Horizontal => "Horizontal (many small)",
        Layout::Vertical => "Vertical (one big)",
    }),
    dists: Named(|c| match c {
        ServiceDist::Exp => "Exponential",
        ServiceDist::Const => "Constant",
    }),
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
    event,
};

/// Why a request failed.
fn failure(why: FailReason) -> &'static str {
    match why {
        FailReason::Crashed => "its server was killed",
        FailReason::Refused => "the server was down",
        FailReason::NoServer => "no server was healthy",
        FailReason::TimedOut => "no answer in time",
    }
}
/// Why a command did nothing.
fn ignored(why: Ignored) -> &'static str {
    match why {
        Ignored::NoSuchServer => "there is no such server",
        Ignored::AlreadyThatWay => "it is already that way",
        Ignored::AtMaximum => "it is as big as it gets",
        Ignored::Resizing => "the machine is being resized",
    }
}

fn event(e: &Event) -> String {
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
        Event::PolicySet { policy } => format!("Routing policy is now {}.", TEXT.policies.name(*policy)),
        Event::CommandIgnored { command, why } => {
            format!("Command {command} did nothing: {}.", ignored(*why))
        }
        Event::Failed { req, reason, .. } => {
            format!("Request {req} failed: {}.", failure(*reason))
        }
        other => other.to_string(),
    }
}
