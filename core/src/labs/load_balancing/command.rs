//! What the learner can do to the load-balancing lab.

use super::config::Policy;
use crate::input::{Choice, fmt_num};
use crate::lab::LabCommand;

/// A command to the load-balancing lab. Servers are numbered from 0 (S0).
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Horizontal: add a server (it joins after its first health check).
    /// Vertical: resize the machine by one small server's cores (it restarts).
    AddServer,
    /// Kill a server's process: requests on it fail at once.
    KillServer(u32),
    /// Start a killed server again.
    RestartServer(u32),
    /// Make a server `factor` times slower (1 = normal speed).
    SlowServer {
        /// Which server.
        server: u32,
        /// How many times slower, 1 to [`MAX_SLOW_FACTOR`], decimals allowed
        /// (1.5); 1 restores it.
        factor: f64,
    },
    /// Cut a server off from the load balancer (a network partition).
    IsolateServer(u32),
    /// Reconnect an isolated server.
    HealServer(u32),
    /// Change the arrival rate (requests per second).
    SetRate(f64),
    /// Change the routing policy.
    SetPolicy(Policy),
}

/// The largest slow-down factor a command may ask for.
pub const MAX_SLOW_FACTOR: f64 = 1_000.0;

impl LabCommand for Command {
    const EXAMPLE_LOG: &'static str = "1500:kill:1,3000:restart:1,4000:slow:0:1.5";
    const IMPOSSIBLE: &'static str = "kill:99";
    const FORMS: &'static [&'static str] = &[
        "add",
        "kill:<server>",
        "restart:<server>",
        "slow:<server>:<factor 1-1000>",
        "isolate:<server>",
        "heal:<server>",
        "rate:<rps 0-100000>",
        "policy:<round-robin|random|least-connections|p2c|hash>",
    ];

    fn encode(&self) -> String {
        match self {
            Command::AddServer => "add".to_owned(),
            Command::KillServer(s) => format!("kill:{s}"),
            Command::RestartServer(s) => format!("restart:{s}"),
            Command::SlowServer { server, factor } => format!("slow:{server}:{}", fmt_num(*factor)),
            Command::IsolateServer(s) => format!("isolate:{s}"),
            Command::HealServer(s) => format!("heal:{s}"),
            Command::SetRate(r) => format!("rate:{}", fmt_num(*r)),
            Command::SetPolicy(p) => format!("policy:{}", p.name()),
        }
    }

    fn decode(text: &str) -> Option<Command> {
        let mut parts = text.trim().split(':');
        let verb = parts.next()?;
        let args: Vec<&str> = parts.collect();
        let server = |i: usize| args.get(i)?.parse::<u32>().ok();
        let cmd = match (verb, args.len()) {
            ("add", 0) => Command::AddServer,
            ("kill", 1) => Command::KillServer(server(0)?),
            ("restart", 1) => Command::RestartServer(server(0)?),
            ("slow", 2) => Command::SlowServer {
                server: server(0)?,
                factor: crate::input::decimal(args[1]).filter(|f| (1.0..=MAX_SLOW_FACTOR).contains(f))?,
            },
            ("isolate", 1) => Command::IsolateServer(server(0)?),
            ("heal", 1) => Command::HealServer(server(0)?),
            ("rate", 1) => {
                let r = crate::input::decimal(args[0])?;
                Command::SetRate(r).validated()?
            }
            ("policy", 1) => Command::SetPolicy(Policy::parse("policy", args[0]).ok()?),
            _ => return None,
        };
        Some(cmd)
    }
}

impl Command {
    fn validated(self) -> Option<Command> {
        match self {
            Command::SetRate(r) if !(r.is_finite() && (0.0..=100_000.0).contains(&r)) => None,
            other => Some(other),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_round_trips() {
        let all = [
            Command::AddServer,
            Command::KillServer(2),
            Command::RestartServer(0),
            Command::SlowServer { server: 1, factor: 4.0 },
            Command::SlowServer { server: 0, factor: 1.5 },
            Command::IsolateServer(3),
            Command::HealServer(3),
            Command::SetRate(512.5),
            Command::SetPolicy(Policy::PowerOfTwoChoices),
        ];
        for c in all {
            assert_eq!(Command::decode(&c.encode()), Some(c.clone()), "{}", c.encode());
        }
    }

    #[test]
    fn nonsense_is_refused() {
        for bad in [
            "",
            "kill",
            "kill:x",
            "kill:1:2",
            "slow:1:0",
            "slow:1:0.5",
            "slow:1:1001",
            "slow:1:x",
            "rate:-5",
            "rate:nan",
            "policy:fastest",
            "boom",
        ] {
            assert_eq!(Command::decode(bad), None, "{bad}");
        }
    }
}
