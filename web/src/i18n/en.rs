//! English.

use super::{LoadBalancingText, Shell, allowed, ignored_key, reason_key};
use scalelab_core::input::{InputError, Problem};
use scalelab_core::labs::load_balancing::{Event, Layout, Policy, ServiceDist};

pub static SHELL: Shell = Shell {
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
    nothing_yet: "Nothing yet. Press play, then kill a server.",
    compare: "Compare",
    compare_off: "Stop comparing",
    ms: "ms",
    s: "s",
    per_s: "/s",
    crashed: "Something went wrong inside Scale Lab. Reload the page; your link keeps the run.",
};

pub static LOAD_BALANCING: LoadBalancingText = LoadBalancingText {
    title: "Load balancing",
    blurb: "Clients send requests; a load balancer spreads them over servers, each with a few cores and a queue. Change the policy, kill or slow a server, cut one off — or put all the cores in one big machine and see what a single point of failure means.",
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
    try_these: "Try these",
    presets: [
        (
            "vs=layout=vertical&log=3000:kill:0&speed=1",
            "One big machine vs four small ones, then one machine dies",
            "The big machine waits less (one shared queue, no balancer hop) — until it is killed and every request fails. Four small ones lose a quarter of their capacity.",
        ),
        (
            "vs=policy=least-connections&log=0:slow:0:5&speed=1",
            "A slow server: round robin vs least connections",
            "Round robin keeps feeding S0 its share; its queue fills and requests time out. Least connections sees the requests piling up and routes around it.",
        ),
        (
            "log=2000:isolate:2&speed=1",
            "A partition fails slowly",
            "S2 keeps running but nothing reaches it: requests time out after a second, until the next health check takes it out of rotation.",
        ),
        (
            "rate=600&speed=1",
            "Overload: more requests than cores",
            "Queues fill, latency climbs to the queue limit, then servers drop what they cannot hold. Throughput stops at what the cores can do.",
        ),
        (
            "layout=vertical&log=2000:add&speed=1",
            "Vertical scaling means a restart",
            "Buying a bigger machine takes it down while it is resized: a second of failures, then more cores — up to the biggest machine there is.",
        ),
    ],
    policies: [
        (Policy::RoundRobin, "Round robin", "Each server in turn. Fair on paper; blind to a slow server."),
        (Policy::Random, "Random", "A server at random. Simple, but queues build up by chance."),
        (
            Policy::LeastConnections,
            "Least connections",
            "The server with the fewest requests in progress. Routes around slow servers.",
        ),
        (
            Policy::PowerOfTwoChoices,
            "Power of two choices",
            "Two servers at random, the less busy one. Nearly as good as least connections, far cheaper to run.",
        ),
        (
            Policy::Hash,
            "Hash of client",
            "hash(client) mod N: a client always lands on the same server — until N changes.",
        ),
    ],
    layouts: [(Layout::Horizontal, "Horizontal (many small)"), (Layout::Vertical, "Vertical (one big)")],
    dists: [(ServiceDist::Exp, "Exponential"), (ServiceDist::Const, "Constant")],
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
        Event::ServerSlowed { server, factor: 1 } => format!("S{server} runs at normal speed again."),
        Event::ServerSlowed { server, factor } => format!("S{server} became {factor}× slower."),
        Event::ServerIsolated { server } => {
            format!("S{server} was cut off from the load balancer: its requests will time out.")
        }
        Event::ServerHealed { server } => format!("S{server} was reconnected."),
        Event::MarkedDown { server } => {
            format!("A health check failed: the load balancer stopped sending to S{server}.")
        }
        Event::MarkedUp { server } => format!("A health check passed: S{server} is in rotation."),
        Event::RateSet { rate } => format!("Clients now send {rate} requests per second."),
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
    LOAD_BALANCING.policies.iter().find(|(q, _, _)| *q == p).map_or("?", |(_, n, _)| n)
}

#[cfg(test)]
mod tests {
    #[test]
    fn templates_have_their_placeholders() {
        assert_eq!(crate::i18n::fill(super::LOAD_BALANCING.kill, &[&"S1"]), "Kill S1");
    }
}
