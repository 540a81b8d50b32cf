//! What the learner can do to the hashing lab.

use crate::input::fmt_num;
use crate::lab::LabCommand;

/// A command to the hashing lab. Nodes are numbered (S0, S1, ...).
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Adds the next node, placed by hash.
    AddNode,
    /// Adds node `node` at given ring positions (the seed's "add S3 = 90").
    AddNodeAt {
        /// Its number.
        node: u32,
        /// Its points on the ring.
        positions: Vec<u64>,
    },
    /// Removes a node; its keys go elsewhere.
    RemoveNode(u32),
    /// Changes the lookup rate (per second).
    SetRate(f64),
}

impl LabCommand for Command {
    const EXAMPLE_LOG: &'static str = "1000:add,2000:remove:0,3000:add-at:9:42";
    const IMPOSSIBLE: &'static str = "remove:99";
    const FORMS: &'static [&'static str] =
        &["add", "add-at:<node>:<position>[:<position>...]", "remove:<node>", "rate:<per second, 0-100000>"];

    fn encode(&self) -> String {
        match self {
            Command::AddNode => "add".to_owned(),
            Command::AddNodeAt { node, positions } => {
                let p: Vec<String> = positions.iter().map(u64::to_string).collect();
                format!("add-at:{node}:{}", p.join(":"))
            }
            Command::RemoveNode(n) => format!("remove:{n}"),
            Command::SetRate(r) => format!("rate:{}", fmt_num(*r)),
        }
    }

    fn decode(text: &str) -> Option<Command> {
        let mut parts = text.trim().split(':');
        let verb = parts.next()?;
        let args: Vec<&str> = parts.collect();
        Some(match (verb, args.as_slice()) {
            ("add", []) => Command::AddNode,
            ("add-at", [node, positions @ ..]) if !positions.is_empty() => Command::AddNodeAt {
                node: node.trim_start_matches(['S', 's']).parse().ok().filter(|&n| n < super::MAX_NODES)?,
                positions: positions.iter().map(|p| p.parse().ok()).collect::<Option<_>>()?,
            },
            ("remove", [node]) => Command::RemoveNode(node.trim_start_matches(['S', 's']).parse().ok()?),
            ("rate", [r]) => {
                Command::SetRate(crate::input::decimal(r).filter(|r| (0.0..=100_000.0).contains(r))?)
            }
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
            Command::AddNode,
            Command::AddNodeAt { node: 3, positions: vec![90] },
            Command::AddNodeAt { node: 7, positions: vec![1, 200] },
            Command::RemoveNode(2),
            Command::SetRate(12.5),
        ] {
            assert_eq!(Command::decode(&c.encode()), Some(c.clone()));
        }
        assert_eq!(
            Command::decode("add-at:S3:90"),
            Some(Command::AddNodeAt { node: 3, positions: vec![90] })
        );
        for bad in ["add-at:3", "remove", "remove:x", "rate:-1", "add:1", "add-at:3:x"] {
            assert_eq!(Command::decode(bad), None, "{bad}");
        }
    }
}
