//! What the learner can do to the caching lab.

use crate::input::fmt_num;
use crate::lab::LabCommand;

/// A command to the caching lab.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Adds the next server, with an empty cache.
    AddServer,
    /// Removes a server; its cache is lost.
    RemoveServer(u32),
    /// Changes a key's value in the database (cached copies go stale).
    Write(u64),
    /// Changes the request rate (per second).
    SetRate(f64),
}

impl LabCommand for Command {
    const EXAMPLE_LOG: &'static str = "1000:add,2000:write:1,3000:remove:1";
    const IMPOSSIBLE: &'static str = "remove:99";
    const FORMS: &'static [&'static str] =
        &["add", "remove:<server>", "write:<key>", "rate:<per second, 0.1-100000>"];

    fn encode(&self) -> String {
        match self {
            Command::AddServer => "add".to_owned(),
            Command::RemoveServer(n) => format!("remove:{n}"),
            Command::Write(k) => format!("write:{k}"),
            Command::SetRate(r) => format!("rate:{}", fmt_num(*r)),
        }
    }

    fn decode(text: &str) -> Option<Command> {
        let mut parts = text.trim().split(':');
        let verb = parts.next()?;
        let args: Vec<&str> = parts.collect();
        Some(match (verb, args.as_slice()) {
            ("add", []) => Command::AddServer,
            ("remove", [n]) => Command::RemoveServer(n.trim_start_matches(['S', 's']).parse().ok()?),
            ("write", [k]) => Command::Write(k.parse().ok()?),
            ("rate", [r]) => {
                Command::SetRate(crate::input::decimal(r).filter(|r| (0.1..=100_000.0).contains(r))?)
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
        for c in [Command::AddServer, Command::RemoveServer(2), Command::Write(7), Command::SetRate(12.5)] {
            assert_eq!(Command::decode(&c.encode()), Some(c.clone()));
        }
        assert_eq!(Command::decode("remove:S1"), Some(Command::RemoveServer(1)));
        for bad in ["remove", "write:x", "rate:0", "add:1", "kill:1"] {
            assert_eq!(Command::decode(bad), None, "{bad}");
        }
    }
}
