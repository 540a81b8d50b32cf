//! What the learner can do to the sessions lab.

use crate::lab::LabCommand;

/// A command to the sessions lab. App servers and users are numbered from
/// 0; store nodes are numbered partition by partition, the primary first.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Crashes an app server: what it held in memory is gone.
    Crash(u32),
    /// Restarts a crashed app server, empty.
    Restart(u32),
    /// Adds an app server.
    Add,
    /// Takes an app server away (its memory with it).
    Remove(u32),
    /// Stops sending an app server new sessions; users it holds stay.
    Drain(u32),
    /// Crashes a store node.
    CrashStore(u32),
    /// Restarts a crashed store node.
    RestartStore(u32),
    /// Adds a store partition (partitioned-store).
    AddStore,
    /// Sets how many users are active (up to the run's `users`).
    Users(u32),
    /// A user adds an item to the cart, through a given server if named.
    AddItem {
        /// The user.
        user: u32,
        /// The app server it lands on, past the load balancer.
        server: Option<u32>,
    },
    /// A user looks at the cart, through a given server if named.
    ViewCart {
        /// The user.
        user: u32,
        /// The app server it lands on.
        server: Option<u32>,
    },
}

impl LabCommand for Command {
    const EXAMPLE_LOG: &'static str = "1000:crash:0,2000:restart:0,3000:add,4000:drain:1";
    const IMPOSSIBLE: &'static str = "crash:99";
    const FORMS: &'static [&'static str] = &[
        "crash:<server>",
        "restart:<server>",
        "add",
        "remove:<server>",
        "drain:<server>",
        "crash-store:<store node>",
        "restart-store:<store node>",
        "add-store",
        "users:<count, 0 to the run's users>",
        "add-item:<user>[:<server>]",
        "view-cart:<user>[:<server>]",
    ];

    fn encode(&self) -> String {
        let at = |s: &Option<u32>| s.map(|s| format!(":{s}")).unwrap_or_default();
        match self {
            Command::Crash(n) => format!("crash:{n}"),
            Command::Restart(n) => format!("restart:{n}"),
            Command::Add => "add".to_owned(),
            Command::Remove(n) => format!("remove:{n}"),
            Command::Drain(n) => format!("drain:{n}"),
            Command::CrashStore(n) => format!("crash-store:{n}"),
            Command::RestartStore(n) => format!("restart-store:{n}"),
            Command::AddStore => "add-store".to_owned(),
            Command::Users(n) => format!("users:{n}"),
            Command::AddItem { user, server } => format!("add-item:{user}{}", at(server)),
            Command::ViewCart { user, server } => format!("view-cart:{user}{}", at(server)),
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
            ("add", []) => Command::Add,
            ("remove", [n]) => Command::Remove(num(n)?),
            ("drain", [n]) => Command::Drain(num(n)?),
            ("crash-store", [n]) => Command::CrashStore(num(n)?),
            ("restart-store", [n]) => Command::RestartStore(num(n)?),
            ("add-store", []) => Command::AddStore,
            ("users", [n]) => Command::Users(num(n)?),
            ("add-item", [u]) => Command::AddItem { user: num(u)?, server: None },
            ("add-item", [u, s]) => Command::AddItem { user: num(u)?, server: Some(num(s)?) },
            ("view-cart", [u]) => Command::ViewCart { user: num(u)?, server: None },
            ("view-cart", [u, s]) => Command::ViewCart { user: num(u)?, server: Some(num(s)?) },
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
            Command::Add,
            Command::Remove(1),
            Command::Drain(3),
            Command::CrashStore(4),
            Command::RestartStore(0),
            Command::AddStore,
            Command::Users(50),
            Command::AddItem { user: 0, server: Some(1) },
            Command::AddItem { user: 7, server: None },
            Command::ViewCart { user: 0, server: Some(2) },
            Command::ViewCart { user: 3, server: None },
        ] {
            assert_eq!(Command::decode(&c.encode()), Some(c.clone()), "{}", c.encode());
        }
        for bad in ["crash", "crash:x", "add:1", "users", "add-item", "view-cart:1:2:3", "drain:-1"] {
            assert_eq!(Command::decode(bad), None, "{bad}");
        }
    }
}
