//! What the learner can do to the replication lab.

use crate::lab::LabCommand;

/// A command to the replication lab. Replicas are numbered from 0.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Crashes a replica.
    Crash(u32),
    /// Crashes whichever replica leads now.
    CrashLeader,
    /// Restarts a crashed replica.
    Restart(u32),
    /// Restarts every crashed replica.
    RestartAll,
    /// Splits the replicas into groups that cannot reach each other.
    Partition(Vec<Vec<u32>>),
    /// Heals every partition.
    Heal,
    /// A client writes a key (adds an item to the cart), at a replica if given.
    Write {
        /// The key.
        key: u32,
        /// The replica the client talks to.
        via: Option<u32>,
    },
    /// A client reads a key, from a replica if given and reads go to any.
    Read {
        /// The key.
        key: u32,
        /// The replica asked.
        from: Option<u32>,
    },
}

impl LabCommand for Command {
    const EXAMPLE_LOG: &'static str = "1000:crash-leader,2500:restart:0,3000:partition:0/1.2,4000:heal";
    const IMPOSSIBLE: &'static str = "crash:99";
    const FORMS: &'static [&'static str] = &[
        "crash:<replica>",
        "crash-leader",
        "restart:<replica>",
        "restart-all",
        "partition:<replica>.<replica>/<replica>... (every replica in one group)",
        "heal",
        "write:<key>[:<replica>]",
        "read:<key>[:<replica>]",
    ];

    fn encode(&self) -> String {
        let at = |r: &Option<u32>| r.map(|r| format!(":{r}")).unwrap_or_default();
        match self {
            Command::Crash(n) => format!("crash:{n}"),
            Command::CrashLeader => "crash-leader".to_owned(),
            Command::Restart(n) => format!("restart:{n}"),
            Command::RestartAll => "restart-all".to_owned(),
            Command::Partition(groups) => {
                let g: Vec<String> = groups
                    .iter()
                    .map(|g| g.iter().map(u32::to_string).collect::<Vec<_>>().join("."))
                    .collect();
                format!("partition:{}", g.join("/"))
            }
            Command::Heal => "heal".to_owned(),
            Command::Write { key, via } => format!("write:{key}{}", at(via)),
            Command::Read { key, from } => format!("read:{key}{}", at(from)),
        }
    }

    fn decode(text: &str) -> Option<Command> {
        let mut parts = text.trim().split(':');
        let verb = parts.next()?;
        let args: Vec<&str> = parts.collect();
        let num = |s: &str| s.trim().parse::<u32>().ok();
        Some(match (verb, args.as_slice()) {
            ("crash", [n]) => Command::Crash(num(n)?),
            ("crash-leader", []) => Command::CrashLeader,
            ("restart", [n]) => Command::Restart(num(n)?),
            ("restart-all", []) => Command::RestartAll,
            ("partition", [groups]) => {
                let groups: Vec<Vec<u32>> = groups
                    .split('/')
                    .map(|g| g.split('.').map(num).collect::<Option<Vec<u32>>>())
                    .collect::<Option<_>>()?;
                if groups.len() < 2 || groups.iter().any(Vec::is_empty) {
                    return None;
                }
                Command::Partition(groups)
            }
            ("heal", []) => Command::Heal,
            ("write", [k]) => Command::Write { key: num(k)?, via: None },
            ("write", [k, r]) => Command::Write { key: num(k)?, via: Some(num(r)?) },
            ("read", [k]) => Command::Read { key: num(k)?, from: None },
            ("read", [k, r]) => Command::Read { key: num(k)?, from: Some(num(r)?) },
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_round_trip_and_nonsense_is_refused() {
        for c in [
            Command::Crash(2),
            Command::CrashLeader,
            Command::Restart(0),
            Command::RestartAll,
            Command::Partition(vec![vec![0, 1], vec![2, 3, 4]]),
            Command::Heal,
            Command::Write { key: 0, via: None },
            Command::Write { key: 3, via: Some(2) },
            Command::Read { key: 1, from: Some(2) },
            Command::Read { key: 1, from: None },
        ] {
            assert_eq!(Command::decode(&c.encode()), Some(c.clone()), "{}", c.encode());
        }
        for bad in ["crash", "crash:x", "partition:0.1", "partition:0./2", "write", "read:1:2:3", "heal:1"] {
            assert_eq!(Command::decode(bad), None, "{bad}");
        }
    }
}
