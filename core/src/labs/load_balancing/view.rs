//! What the web shell draws, and the numbers it and the CLI show.

use super::config::{Layout, Policy};
use crate::metrics::TimeSeries;
use crate::node::Status;
use crate::time::SimTime;
use serde::Serialize;

/// A snapshot of the lab to draw.
#[derive(Clone, Debug, PartialEq)]
pub struct View {
    /// Simulated time.
    pub now: SimTime,
    /// Many small machines or one big one.
    pub layout: Layout,
    /// The routing policy.
    pub policy: Policy,
    /// The arrival rate (requests per second).
    pub rate: f64,
    /// Every server, by number.
    pub servers: Vec<ServerView>,
    /// Messages on the wire.
    pub flights: Vec<Flight>,
}

/// One server as drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct ServerView {
    /// Its number (S0, S1, ...).
    pub id: u32,
    /// Whether its process runs.
    pub status: Status,
    /// Whether it is being resized (vertical scaling).
    pub resizing: bool,
    /// Whether it is cut off from the load balancer.
    pub isolated: bool,
    /// Whether the load balancer sends it requests (its last health check).
    pub in_rotation: bool,
    /// Cores: requests it serves at once.
    pub cores: u32,
    /// Requests being served now.
    pub busy: u32,
    /// Requests waiting.
    pub queued: u32,
    /// The most that may wait.
    pub queue_limit: u32,
    /// How many times slower than normal.
    pub slow_factor: f64,
    /// Requests the load balancer has in progress on it.
    pub connections: u32,
    /// Requests it finished.
    pub completed: u64,
    /// Requests it turned away (queue full).
    pub dropped: u64,
    /// Fraction of its core-time spent serving so far.
    pub utilization: f64,
}

/// A place a message can travel between.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Endpoint {
    /// The clients (all of them, drawn as one crowd).
    Clients,
    /// The load balancer.
    Balancer,
    /// A server.
    Server(u32),
}

/// What a message on the wire means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FlightKind {
    /// A request on its way in.
    Request,
    /// A successful answer on its way back.
    Answer,
    /// An error on its way back (dropped, refused, reset, no server).
    Error,
    /// A message that will never arrive: drawn until it vanishes.
    Lost,
}

/// One message in flight.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Flight {
    /// The request it belongs to.
    pub req: u64,
    /// Where it left.
    pub from: Endpoint,
    /// Where it is going.
    pub to: Endpoint,
    /// When it left.
    pub sent: SimTime,
    /// When it arrives (or, if lost, vanishes).
    pub arrives: SimTime,
    /// What it is.
    pub kind: FlightKind,
}

impl Flight {
    /// How far along it is at `now`, from 0 to 1.
    pub fn progress(&self, now: SimTime) -> f64 {
        now.progress(self.sent, self.arrives)
    }
}

/// The numbers of a run so far. Field names are the CLI's JSON fields and the
/// page's `data-metric` names.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Metrics {
    /// Simulated time so far, ms.
    pub time_ms: f64,
    /// Requests sent by clients.
    pub arrived: u64,
    /// Requests answered successfully.
    pub completed: u64,
    /// Requests turned away because a queue was full.
    pub dropped: u64,
    /// Requests that failed for any other reason.
    pub failed: u64,
    /// Of `failed`: reset when their server was killed.
    pub failed_crashed: u64,
    /// Of `failed`: sent to a server that was down.
    pub failed_refused: u64,
    /// Of `failed`: no healthy server to send them to.
    pub failed_no_server: u64,
    /// Of `failed`: no answer before the client's timeout.
    pub failed_timed_out: u64,
    /// Requests still in progress.
    pub in_progress: u64,
    /// Completed requests per second of simulated time.
    pub throughput_rps: f64,
    /// `completed / (completed + dropped + failed)`; 1 before anything finishes.
    pub success_ratio: f64,
    /// Mean latency of completed requests, ms.
    pub latency_ms_mean: f64,
    /// Median latency, ms.
    pub latency_ms_p50: f64,
    /// 95th-percentile latency, ms.
    pub latency_ms_p95: f64,
    /// 99th-percentile latency, ms.
    pub latency_ms_p99: f64,
    /// Largest latency, ms.
    pub latency_ms_max: f64,
    /// Requests completed per server.
    pub per_server_completed: Vec<u64>,
    /// Fraction of core-time spent serving, per server.
    pub per_server_utilization: Vec<f64>,
    /// Servers whose process runs.
    pub servers_up: u32,
    /// Cores across all machines.
    pub cores: u32,
    /// Offered load: the fraction of all cores the arrival rate needs (ρ).
    pub offered_load: f64,
    /// Illustrative price of the machines (and load balancer) per hour, $.
    pub cost_per_hour: f64,
}

/// One window of the time series (100 ms of simulated time).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Point {
    /// Requests completed in the window.
    pub completed: u32,
    /// Requests dropped in the window.
    pub dropped: u32,
    /// Requests failed in the window.
    pub failed: u32,
    /// Median latency of the window's completions, ms (0 if none).
    pub latency_ms_p50: f64,
    /// 99th-percentile latency of the window's completions, ms (0 if none).
    pub latency_ms_p99: f64,
    /// Requests in progress at the end of the window.
    pub in_progress: u32,
}

/// The time series of a run.
pub type Series = TimeSeries<Point>;
