//! What the learner can do to the queues lab.

use crate::lab::LabCommand;

/// A command to the queues lab. Shops and consumers are numbered from 0.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// A shop or consumer crashes, mid-work or not.
    Crash(u32),
    /// It comes back.
    Restart(u32),
    /// The broker crashes: an in-memory queue loses its messages.
    CrashBroker,
    /// The broker comes back.
    RestartBroker,
    /// Producers send this many messages per second from now.
    Rate(f64),
    /// A client orders a pizza from this shop (pizza scenario).
    Order(u32),
    /// A producer sends one message that always fails (queue scenario).
    Poison,
}

impl LabCommand for Command {
    const EXAMPLE_LOG: &'static str = "3000:crash:0,16000:restart:0,17000:order:1";
    const IMPOSSIBLE: &'static str = "crash:99";
    const FORMS: &'static [&'static str] = &[
        "crash:<shop or consumer>",
        "restart:<shop or consumer>",
        "crash-broker",
        "restart-broker",
        "rate:<messages per second>",
        "order:<shop>",
        "poison",
    ];

    fn encode(&self) -> String {
        match self {
            Command::Crash(n) => format!("crash:{n}"),
            Command::Restart(n) => format!("restart:{n}"),
            Command::CrashBroker => "crash-broker".to_owned(),
            Command::RestartBroker => "restart-broker".to_owned(),
            Command::Rate(r) => format!("rate:{}", crate::input::fmt_num(*r)),
            Command::Order(n) => format!("order:{n}"),
            Command::Poison => "poison".to_owned(),
        }
    }

    fn decode(text: &str) -> Option<Command> {
        let mut parts = text.trim().split(':');
        let verb = parts.next()?;
        let args: Vec<&str> = parts.collect();
        let num = |s: &str| s.trim().parse::<u32>().ok();
        Some(match (verb, args.as_slice()) {
            ("crash", [n]) => Command::Crash(num(n)?),
            ("restart", [n]) => Command::Restart(num(n)?),
            ("crash-broker", []) => Command::CrashBroker,
            ("restart-broker", []) => Command::RestartBroker,
            ("rate", [r]) => {
                Command::Rate(crate::input::decimal(r.trim()).filter(|r| (0.0..=100_000.0).contains(r))?)
            }
            ("order", [n]) => Command::Order(num(n)?),
            ("poison", []) => Command::Poison,
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
            Command::Restart(0),
            Command::CrashBroker,
            Command::RestartBroker,
            Command::Rate(12.5),
            Command::Order(3),
            Command::Poison,
        ] {
            assert_eq!(Command::decode(&c.encode()), Some(c.clone()), "{}", c.encode());
        }
        for bad in ["crash", "crash:x", "rate:-1", "rate:1e9", "order", "poison:1", "crash-broker:1"] {
            assert_eq!(Command::decode(bad), None, "{bad}");
        }
    }
}
