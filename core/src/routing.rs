//! The routing policies, as plain functions of what the load balancer knows:
//! a building block, used by the load-balancing lab and by the sessions lab's
//! load balancer.
//!
//! The load balancer knows which servers passed their last health check and
//! how many requests it has in progress on each ("connections"). It does not
//! know queue lengths or speeds: that is why least-connections beats round
//! robin when one server is slow, and why power of two choices gets most of
//! least-connections' benefit while looking at only two servers.

use crate::hash::mix64;
use crate::input::choices;
use crate::rng::SimRng;

choices! {
    /// How the load balancer picks a server for each request.
    pub enum Policy {
        /// Each server in turn.
        RoundRobin = "round-robin",
        /// A server chosen uniformly at random.
        Random = "random",
        /// The server with the fewest requests in progress.
        LeastConnections = "least-connections",
        /// Two servers at random, the less busy of the two.
        PowerOfTwoChoices = "p2c",
        /// `hash(client id) mod N`: the same client always lands on the same
        /// server, until N changes.
        Hash = "hash",
    }
}

/// What a policy may look at, and the little state some keep.
#[derive(Debug)]
pub struct Choose<'a> {
    /// Servers that passed their last health check, in ascending order.
    pub healthy: &'a [u32],
    /// Requests in progress per server (indexed by server number).
    pub connections: &'a [u32],
    /// The client of this request (`hash` routes on it).
    pub client: u32,
}

/// Round robin's position, kept between requests.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cursor(pub u32);

/// Picks a server for one request, or `None` if no server is healthy.
pub fn choose(policy: Policy, c: &Choose<'_>, cursor: &mut Cursor, rng: &mut SimRng) -> Option<u32> {
    let n = u32::try_from(c.healthy.len()).ok().filter(|&n| n > 0)?;
    let conns = |s: u32| c.connections.get(s as usize).copied().unwrap_or(0);
    let pick = match policy {
        Policy::RoundRobin => {
            // The first healthy server at or after the cursor, wrapping; a
            // server that leaves or joins the rotation does not reset the turn.
            let i = c.healthy.partition_point(|&s| s < cursor.0);
            c.healthy[i % c.healthy.len()]
        }
        Policy::Random => c.healthy[rng.below(n) as usize],
        Policy::LeastConnections => {
            // Ties go to the first from the cursor on, so idle servers take
            // turns instead of S0 taking every request at low load.
            let start = c.healthy.partition_point(|&s| s < cursor.0);
            let order = c.healthy[start..].iter().chain(&c.healthy[..start]);
            let mut best = None;
            for &s in order {
                if best.is_none_or(|b| conns(s) < conns(b)) {
                    best = Some(s);
                }
            }
            best?
        }
        Policy::PowerOfTwoChoices => {
            let a = rng.below(n);
            if n == 1 {
                c.healthy[0]
            } else {
                // A second, distinct server: draw from the other n - 1.
                let mut b = rng.below(n - 1);
                if b >= a {
                    b += 1;
                }
                let (sa, sb) = (c.healthy[a as usize], c.healthy[b as usize]);
                if conns(sb) < conns(sa) { sb } else { sa }
            }
        }
        Policy::Hash => c.healthy[(mix64(u64::from(c.client)) % u64::from(n)) as usize],
    };
    cursor.0 = pick + 1;
    Some(pick)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::Stream;

    fn run(policy: Policy, healthy: &[u32], connections: &[u32], n: usize) -> Vec<u32> {
        let mut cursor = Cursor::default();
        let mut rng = SimRng::new(9, Stream::Policy);
        (0..n)
            .map(|i| {
                let c = Choose { healthy, connections, client: i as u32 };
                choose(policy, &c, &mut cursor, &mut rng).unwrap()
            })
            .collect()
    }

    #[test]
    fn round_robin_takes_turns_and_skips_unhealthy_servers() {
        assert_eq!(run(Policy::RoundRobin, &[0, 1, 2], &[0; 3], 7), [0, 1, 2, 0, 1, 2, 0]);
        assert_eq!(run(Policy::RoundRobin, &[0, 2, 3], &[0; 4], 5), [0, 2, 3, 0, 2]);
    }

    #[test]
    fn least_connections_prefers_the_idle_and_rotates_ties() {
        assert_eq!(run(Policy::LeastConnections, &[0, 1, 2], &[5, 1, 3], 3), [1, 1, 1]);
        assert_eq!(run(Policy::LeastConnections, &[0, 1, 2], &[0, 0, 0], 4), [0, 1, 2, 0]);
    }

    #[test]
    fn two_choices_never_picks_the_busiest_of_three() {
        let picks = run(Policy::PowerOfTwoChoices, &[0, 1, 2], &[0, 1, 9], 500);
        assert!(!picks.contains(&2), "S2 is busier than any server it can be paired with");
        assert!(picks.contains(&1), "S1 wins when paired with S2");
    }

    #[test]
    fn hash_is_sticky_per_client_and_moves_when_the_pool_changes() {
        let c = |healthy: &[u32], client| {
            let ch = Choose { healthy, connections: &[0; 5], client };
            choose(Policy::Hash, &ch, &mut Cursor::default(), &mut SimRng::new(1, Stream::Policy)).unwrap()
        };
        let before: Vec<u32> = (0..1_000).map(|k| c(&[0, 1, 2, 3], k)).collect();
        let again: Vec<u32> = (0..1_000).map(|k| c(&[0, 1, 2, 3], k)).collect();
        assert_eq!(before, again);
        let after: Vec<u32> = (0..1_000).map(|k| c(&[0, 1, 2, 3, 4], k)).collect();
        let moved = before.iter().zip(&after).filter(|(a, b)| a != b).count();
        // Modulo hashing: going from 4 to 5 servers moves about 4/5 of clients.
        assert!((720..880).contains(&moved), "moved {moved} of 1000");
    }

    #[test]
    fn random_spreads_evenly() {
        let picks = run(Policy::Random, &[0, 1, 2, 3], &[0; 4], 8_000);
        for s in 0..4 {
            let k = picks.iter().filter(|&&p| p == s).count();
            assert!((1_800..2_200).contains(&k), "S{s} got {k}");
        }
    }

    #[test]
    fn nobody_healthy_means_no_choice() {
        let c = Choose { healthy: &[], connections: &[], client: 0 };
        for &p in <Policy as crate::input::Choice>::ALL {
            assert_eq!(choose(p, &c, &mut Cursor::default(), &mut SimRng::new(1, Stream::Policy)), None);
        }
    }
}
