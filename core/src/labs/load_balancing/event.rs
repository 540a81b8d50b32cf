//! What happened in the load-balancing lab, in the past tense.
//!
//! Events are data; [`std::fmt::Display`] gives the terse English used by the
//! CLI and by snapshot tests. The web shell words them for learners, in
//! English and Bengali, from its own message catalogs.

use super::config::Policy;
use crate::input::Choice;
use serde::Serialize;
use std::fmt;

/// Why a request failed (as the client saw it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FailReason {
    /// The server it was on was killed; its connection was reset.
    Crashed,
    /// It was sent to a server whose process was down.
    Refused,
    /// The load balancer had no healthy server to send it to.
    NoServer,
    /// No answer before the client's timeout (lost, partitioned or too slow).
    TimedOut,
}

impl FailReason {
    /// Every reason, in the order metrics list them.
    pub const ALL: [FailReason; 4] =
        [FailReason::Crashed, FailReason::Refused, FailReason::NoServer, FailReason::TimedOut];

    /// A short name.
    pub fn name(self) -> &'static str {
        match self {
            FailReason::Crashed => "crashed",
            FailReason::Refused => "refused",
            FailReason::NoServer => "no-server",
            FailReason::TimedOut => "timed-out",
        }
    }
}

/// Why a command changed nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Ignored {
    /// There is no server with that number.
    NoSuchServer,
    /// It was already down (kill) or already up (restart).
    AlreadyThatWay,
    /// Already as big as it can get: the one machine at its most cores, or
    /// the most servers a fleet may have.
    AtMaximum,
    /// The machine is being resized.
    Resizing,
}

impl Ignored {
    /// Why, in a few words of English (the CLI's report).
    pub fn reason(self) -> &'static str {
        match self {
            Ignored::NoSuchServer => "there is no server with that number",
            Ignored::AlreadyThatWay => "the server is already that way",
            Ignored::AtMaximum => "already as big as it can get",
            Ignored::Resizing => "the machine is being resized",
        }
    }
}

/// One thing that happened. Servers are numbered from 0; requests from 1.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "event", rename_all = "kebab-case")]
pub enum Event {
    /// A client sent a request.
    Arrived {
        /// Request number.
        req: u64,
        /// Which client.
        client: u32,
    },
    /// The load balancer sent a request to a server.
    Routed {
        /// Request number.
        req: u64,
        /// Chosen server.
        server: u32,
    },
    /// A request waited in a server's queue.
    Queued {
        /// Request number.
        req: u64,
        /// Which server.
        server: u32,
        /// Queue length including it.
        depth: u32,
    },
    /// A server started on a request.
    Started {
        /// Request number.
        req: u64,
        /// Which server.
        server: u32,
    },
    /// A client got its answer.
    Completed {
        /// Request number.
        req: u64,
        /// The server that answered.
        server: u32,
        /// From sending to answer, in µs.
        latency_us: u64,
    },
    /// A server's queue was full, so it turned a request away (HTTP 503).
    Dropped {
        /// Request number.
        req: u64,
        /// Which server.
        server: u32,
    },
    /// A request failed.
    Failed {
        /// Request number.
        req: u64,
        /// The server it was on, if it reached one.
        server: Option<u32>,
        /// Why.
        reason: FailReason,
    },
    /// A server was added (horizontal scaling).
    ServerAdded {
        /// Its number.
        server: u32,
        /// Its cores.
        cores: u32,
    },
    /// The one machine went down to be resized (vertical scaling).
    ResizeStarted {
        /// The machine.
        server: u32,
        /// Cores it will have.
        cores: u32,
    },
    /// The machine came back bigger.
    ResizeFinished {
        /// The machine.
        server: u32,
        /// Cores it has now.
        cores: u32,
    },
    /// A server's process was killed.
    ServerKilled {
        /// Which server.
        server: u32,
        /// Requests on it (serving or queued) that failed.
        lost: u32,
    },
    /// A killed server was started again.
    ServerRestarted {
        /// Which server.
        server: u32,
    },
    /// A server's speed changed.
    ServerSlowed {
        /// Which server.
        server: u32,
        /// How many times slower than normal (1 = normal).
        factor: f64,
    },
    /// A server was cut off from the load balancer.
    ServerIsolated {
        /// Which server.
        server: u32,
    },
    /// An isolated server was reconnected.
    ServerHealed {
        /// Which server.
        server: u32,
    },
    /// A health check failed; the load balancer stopped sending to the server.
    MarkedDown {
        /// Which server.
        server: u32,
    },
    /// A health check passed; the load balancer sends to the server again.
    MarkedUp {
        /// Which server.
        server: u32,
    },
    /// The arrival rate changed.
    RateSet {
        /// Requests per second.
        rate: f64,
    },
    /// The routing policy changed.
    PolicySet {
        /// The new policy.
        policy: Policy,
    },
    /// A command changed nothing.
    CommandIgnored {
        /// The command, in its text form.
        command: String,
        /// Why.
        why: Ignored,
    },
}

impl Event {
    /// Whether this is about one request (thousands a second) rather than
    /// about the system (a few a minute). Logs in words show the latter.
    pub fn is_per_request(&self) -> bool {
        matches!(
            self,
            Event::Arrived { .. }
                | Event::Routed { .. }
                | Event::Queued { .. }
                | Event::Started { .. }
                | Event::Completed { .. }
                | Event::Dropped { .. }
                | Event::Failed { .. }
        )
    }
}

impl fmt::Display for Event {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Event::Arrived { req, client } => write!(f, "r{req} arrived from client {client}"),
            Event::Routed { req, server } => write!(f, "r{req} routed to S{server}"),
            Event::Queued { req, server, depth } => write!(f, "r{req} queued at S{server} (depth {depth})"),
            Event::Started { req, server } => write!(f, "r{req} started on S{server}"),
            Event::Completed { req, server, latency_us } => {
                let latency = crate::time::SimDuration(*latency_us);
                write!(f, "r{req} completed by S{server} in {latency} ms")
            }
            Event::Dropped { req, server } => write!(f, "r{req} dropped by S{server}: queue full"),
            Event::Failed { req, server: Some(s), reason } => {
                write!(f, "r{req} failed on S{s}: {}", reason.name())
            }
            Event::Failed { req, server: None, reason } => write!(f, "r{req} failed: {}", reason.name()),
            Event::ServerAdded { server, cores } => write!(f, "S{server} added ({cores} cores)"),
            Event::ResizeStarted { server, cores } => {
                write!(f, "S{server} went down to be resized to {cores} cores")
            }
            Event::ResizeFinished { server, cores } => write!(f, "S{server} is back with {cores} cores"),
            Event::ServerKilled { server, lost } => {
                write!(f, "S{server} killed; {lost} requests on it failed")
            }
            Event::ServerRestarted { server } => write!(f, "S{server} restarted"),
            Event::ServerSlowed { server, factor } => {
                write!(f, "S{server} now {}x slower", crate::input::fmt_num(*factor))
            }
            Event::ServerIsolated { server } => write!(f, "S{server} cut off from the load balancer"),
            Event::ServerHealed { server } => write!(f, "S{server} reconnected"),
            Event::MarkedDown { server } => write!(f, "health check failed: S{server} taken out of rotation"),
            Event::MarkedUp { server } => write!(f, "health check passed: S{server} in rotation"),
            Event::RateSet { rate } => {
                write!(f, "arrival rate set to {} req/s", crate::input::fmt_num(*rate))
            }
            Event::PolicySet { policy } => write!(f, "policy set to {}", policy.name()),
            Event::CommandIgnored { command, why } => write!(f, "command {command} ignored: {why:?}"),
        }
    }
}
