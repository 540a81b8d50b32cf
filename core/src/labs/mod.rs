//! One model per lab, each built on the engine and the building blocks, and
//! the registry: the one list of labs. Adding a lab is a module here and one
//! line in [`registry!`]'s call; [`LabId`], its names and descriptions, and
//! every generic dispatch ([`LabId::visit`]) come from that line.

pub mod caching;
pub mod hashing;
pub mod load_balancing;
pub mod queues;
pub mod replication;
pub mod sessions;

use crate::input::Choice;
use crate::lab::Lab;

/// Something done with a lab's type, whichever lab it is: the CLI builds a
/// subcommand or runs one, a test checks a property of every lab.
pub trait Visitor {
    /// What the visit gives.
    type Output;
    /// Does it for lab `L`.
    fn lab<L: Lab>(self) -> Self::Output;
}

/// Declares the labs: `Variant => Type, "name", "one line on what it teaches";`.
macro_rules! registry {
    ($($(#[$doc:meta])* $id:ident => $ty:ty, $name:literal, $about:literal;)*) => {
        /// The labs of Scale Lab, in the order the picker shows them.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum LabId {
            $($(#[$doc])* $id,)*
        }

        impl Choice for LabId {
            const ALL: &'static [LabId] = &[$(LabId::$id),*];
            fn name(self) -> &'static str {
                match self {
                    $(LabId::$id => $name,)*
                }
            }
        }

        impl LabId {
            /// One line on what the lab teaches (the CLI's help).
            pub fn about(self) -> &'static str {
                match self {
                    $(LabId::$id => $about,)*
                }
            }

            /// Calls `v.lab::<L>()` with this lab's model type.
            pub fn visit<V: Visitor>(self, v: V) -> V::Output {
                match self {
                    $(LabId::$id => v.lab::<$ty>(),)*
                }
            }
        }
    };
}

registry! {
    /// Load balancing: policies, queues, vertical vs horizontal scaling.
    LoadBalancing => load_balancing::LoadBalancing, "load-balancing",
        "Clients, a load balancer and servers: policies, queues, failures, vertical vs horizontal";
    /// Hashing: modulo vs consistent hashing, virtual nodes, what moves.
    Hashing => hashing::Hashing, "hashing",
        "Who owns which key: modulo vs consistent hashing and successors, vnodes, what moves";
    /// Caching: caches behind a load balancer, policies, staleness.
    Caching => caching::Caching, "caching",
        "Caches behind a load balancer: hit ratio, latency, what adding a server costs, staleness";
    /// Replication: a leader and replicas, sync vs async vs quorum, elections, CAP.
    Replication => replication::Replication, "replication",
        "A leader and its replicas: sync vs async vs quorum, elections, CAP, lost writes and stale reads";
    /// Sessions: stateful vs stateless servers, sticky sessions, a session store.
    Sessions => sessions::Sessions, "sessions",
        "Stateful vs stateless servers: sticky sessions, a session store, TCP vs HTTP, what a crash costs";
    /// Queues: pizza shops and a notifier, then a message queue with leases, retries and dead letters.
    Queues => queues::Queues, "queues",
        "Pizza shops, a notifier and a database, then a message queue: leases, acks, retries, dead letters, duplicates";
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Id;
    impl Visitor for Id {
        type Output = LabId;
        fn lab<L: Lab>(self) -> LabId {
            L::ID
        }
    }

    #[test]
    fn every_lab_visits_its_own_type_and_has_a_distinct_name() {
        for &id in LabId::ALL {
            assert_eq!(id.visit(Id), id, "{id:?}");
            assert_eq!(LabId::parse("lab", id.name()), Ok(id));
            assert!(!id.about().is_empty());
        }
        let mut names: Vec<&str> = LabId::ALL.iter().map(|l| l.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), LabId::ALL.len());
    }
}
