//! The replication building block against the seeds' stories and Raft's
//! guarantees: a cart written on one node and read from another, sync
//! against async when a node is cut off, a failover that loses acknowledged
//! writes only when acknowledgements ran ahead of a majority, the CP and AP
//! sides of a partition, fixed election timeouts splitting the vote, and
//! random schedules of crashes and partitions that never give a term two
//! leaders or lose a write a majority acknowledged. Native only (proptest).

#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use scalelab_core::engine::Engine;
use scalelab_core::net::Latency;
use scalelab_core::replication::{Cluster, Consistency, Ev, Io, Outcome, Params, ReadFrom, Role, WriteMode};
use scalelab_core::time::{SimDuration, SimTime};

/// A cluster on its own engine, driven like a lab drives it.
struct Sim {
    engine: Engine<Ev>,
    c: Cluster,
    next_req: u64,
    outcomes: Vec<Outcome>,
    /// Per index: the entry the first replica to commit it had there.
    committed: Vec<(u64, u64)>,
}

fn params(n: u32, write_mode: WriteMode, read_from: ReadFrom, consistency: Consistency) -> Params {
    Params {
        replicas: n,
        write_mode,
        write_quorum: n / 2 + 1,
        read_from,
        read_quorum: n / 2 + 1,
        consistency,
        heartbeat: SimDuration::from_ms(50),
        election: (SimDuration::from_ms(150), SimDuration::from_ms(300)),
        latency: Latency::Const(SimDuration::from_ms(5)),
        timeout: SimDuration::from_ms(1_000),
        durable: true,
    }
}

impl Sim {
    fn new(p: Params, seed: u64) -> Sim {
        let mut sim = Sim {
            engine: Engine::new(),
            c: Cluster::new(p, 8, seed),
            next_req: 0,
            outcomes: Vec::new(),
            committed: Vec::new(),
        };
        let Sim { engine, c, .. } = &mut sim;
        c.start(&mut Io { engine, wrap: &|e| e });
        sim
    }

    fn run_ms(&mut self, ms: u64) {
        let until = self.engine.now() + SimDuration::from_ms(ms);
        while let Some(ev) = self.engine.pop_until(until) {
            self.c.handle(ev, &mut Io { engine: &mut self.engine, wrap: &|e| e });
            self.check_committed();
            // The count kept as writes come and go is the count from the logs.
            assert_eq!(self.c.writes_lost(), self.c.writes_lost_recounted(), "at {:?}", self.engine.now());
            // Each replica's index of versions is its log's.
            for r in self.c.replicas() {
                for k in 0..8 {
                    let scanned = r.log.iter().rev().find(|e| e.key == k).map_or(0, |e| e.version);
                    assert_eq!(r.version_of(k), scanned, "key {k} at {:?}", self.engine.now());
                }
            }
        }
        self.engine.finish_at(until);
        self.outcomes.extend(self.c.take_outcomes());
    }

    /// Raft's state machine safety: an entry committed at an index is the
    /// entry every replica that commits that index has there. In `cp` only:
    /// `ap` commits on each side and merges on heal.
    fn check_committed(&mut self) {
        if self.c.params().consistency == Consistency::Ap {
            return;
        }
        for (i, r) in self.c.replicas().iter().enumerate() {
            for index in 1..=r.commit.min(r.log.len() as u64) {
                let e = r.log[index as usize - 1];
                let here = (e.term, e.version);
                match self.committed.get(index as usize - 1) {
                    Some(&first) => assert_eq!(first, here, "replica {i} committed another entry at {index}"),
                    None => self.committed.push(here),
                }
            }
        }
    }

    fn req(&mut self) -> u64 {
        self.next_req += 1;
        self.next_req
    }

    fn write(&mut self, key: u32) -> u64 {
        self.write_via(key, None)
    }

    fn write_via(&mut self, key: u32, via: Option<u32>) -> u64 {
        let req = self.req();
        self.c.write(req, key, req, via, &mut Io { engine: &mut self.engine, wrap: &|e| e });
        req
    }

    fn read(&mut self, key: u32, from: Option<u32>) -> u64 {
        let req = self.req();
        self.c.read(req, key, from, &mut Io { engine: &mut self.engine, wrap: &|e| e });
        req
    }

    fn crash(&mut self, node: u32) {
        self.c.crash(node, self.engine.now());
    }

    fn restart(&mut self, node: u32) {
        self.c.restart(node, &mut Io { engine: &mut self.engine, wrap: &|e| e });
    }

    fn partition(&mut self, groups: &[&[u32]]) {
        let groups: Vec<Vec<u32>> = groups.iter().map(|g| g.to_vec()).collect();
        self.c.partition(&groups, self.engine.now());
    }

    fn heal(&mut self) {
        self.c.heal(&mut Io { engine: &mut self.engine, wrap: &|e| e });
    }

    fn outcome(&self, req: u64) -> Option<Outcome> {
        self.outcomes.iter().copied().find(|o| match o {
            Outcome::Wrote { req: r, .. } | Outcome::Read { req: r, .. } | Outcome::Failed { req: r, .. } => {
                *r == req
            }
        })
    }
}

fn read_version(o: Option<Outcome>) -> u64 {
    match o {
        Some(Outcome::Read { version, .. }) => version,
        other => panic!("not a read answer: {other:?}"),
    }
}

fn wrote(o: Option<Outcome>) -> (u64, SimDuration) {
    match o {
        Some(Outcome::Wrote { version, latency, .. }) => (version, latency),
        other => panic!("not an acknowledged write: {other:?}"),
    }
}

#[test]
fn the_seeds_cart_async_read_elsewhere_is_stale_sync_is_not() {
    // Two products added through the leader; the next request reads replica 2
    // as soon as the second add is acknowledged.
    let mut sim = Sim::new(params(3, WriteMode::Async, ReadFrom::Any, Consistency::Cp), 1);
    sim.write(0);
    sim.run_ms(30);
    let second = sim.write(0);
    sim.run_ms(10);
    let (v, async_latency) = wrote(sim.outcome(second));
    let read = sim.read(0, Some(2));
    sim.run_ms(10);
    assert!(read_version(sim.outcome(read)) < v, "async: replica 2 had the second add already");
    assert_eq!(sim.c.counts().reads_stale, 1);

    let mut sim = Sim::new(params(3, WriteMode::Sync, ReadFrom::Any, Consistency::Cp), 1);
    sim.write(0);
    sim.run_ms(30);
    let second = sim.write(0);
    sim.run_ms(30);
    let (v, sync_latency) = wrote(sim.outcome(second));
    let read = sim.read(0, Some(2));
    sim.run_ms(10);
    assert_eq!(read_version(sim.outcome(read)), v, "sync: every replica has it before the ack");
    assert_eq!(sim.c.counts().reads_stale, 0);
    // The client's two hops either way; sync adds a round trip to the followers.
    assert_eq!(async_latency, SimDuration::from_ms(10));
    assert_eq!(sync_latency, SimDuration::from_ms(20));
}

#[test]
fn a_read_gets_the_value_its_version_was_written_with() {
    let mut sim = Sim::new(params(3, WriteMode::Sync, ReadFrom::Leader, Consistency::Cp), 4);
    let first = sim.write(1);
    sim.run_ms(50);
    let second = sim.write(1);
    sim.run_ms(50);
    let (v1, _) = wrote(sim.outcome(first));
    let (v2, _) = wrote(sim.outcome(second));
    // `write_via` writes the request's own number as the value.
    assert_eq!((sim.c.value(v1), sim.c.value(v2)), (first, second));
    let r = sim.read(1, None);
    sim.run_ms(50);
    assert_eq!(sim.c.value(read_version(sim.outcome(r))), second);
    assert_eq!(sim.c.value(0), 0, "never written");
}

#[test]
fn a_store_kept_in_memory_forgets_on_a_crash_and_a_replicated_one_catches_up() {
    // One replica in memory only: a crash takes every write with it.
    let mut p = params(1, WriteMode::Sync, ReadFrom::Leader, Consistency::Cp);
    p.durable = false;
    let mut sim = Sim::new(p, 5);
    let w = sim.write(0);
    sim.run_ms(50);
    wrote(sim.outcome(w));
    sim.crash(0);
    sim.restart(0);
    sim.run_ms(1_000);
    assert_eq!(sim.c.leader(), Some(0), "alone, it elects itself again");
    let r = sim.read(0, None);
    sim.run_ms(50);
    assert_eq!(read_version(sim.outcome(r)), 0, "it came back empty");
    assert_eq!(sim.c.writes_lost(), 1);
    // Three in memory, sync: a follower that crashes comes back empty and
    // gets everything again from the leader; nothing is lost.
    let mut p = params(3, WriteMode::Sync, ReadFrom::Leader, Consistency::Cp);
    p.durable = false;
    let mut sim = Sim::new(p, 6);
    for k in 0..4 {
        sim.write(k);
        sim.run_ms(30);
    }
    sim.crash(2);
    assert!(sim.c.replicas()[2].log.is_empty(), "its log was in memory");
    sim.restart(2);
    sim.run_ms(500);
    assert_eq!(sim.c.replicas()[2].log, sim.c.replicas()[0].log);
    assert_eq!(sim.c.writes_lost(), 0);
}

#[test]
fn a_replica_cut_off_makes_sync_unavailable_and_async_inconsistent() {
    for mode in [WriteMode::Sync, WriteMode::Async] {
        let mut sim = Sim::new(params(3, mode, ReadFrom::Any, Consistency::Cp), 2);
        sim.partition(&[&[0, 1], &[2]]);
        let w = sim.write(0);
        sim.run_ms(1_200);
        match mode {
            WriteMode::Sync => {
                assert!(matches!(sim.outcome(w), Some(Outcome::Failed { timed_out: true, .. })), "{mode:?}");
                assert_eq!(sim.c.counts().unavailable, 1);
            }
            _ => {
                wrote(sim.outcome(w));
                let r = sim.read(0, Some(2));
                sim.run_ms(20);
                assert_eq!(read_version(sim.outcome(r)), 0, "the cut-off replica never got it");
                assert_eq!(sim.c.counts().reads_stale, 1);
            }
        }
    }
}

#[test]
fn the_followers_elect_a_new_leader_when_it_fails_and_clients_find_it() {
    for seed in 0..20 {
        let mut sim = Sim::new(params(5, WriteMode::Quorum, ReadFrom::Leader, Consistency::Cp), seed);
        sim.run_ms(500);
        sim.crash(0);
        sim.run_ms(1_000);
        let leader = sim.c.leader().unwrap_or_else(|| panic!("seed {seed}: no leader a second later"));
        assert_ne!(leader, 0);
        let without = sim.c.time_without_leader(SimTime::from_ms(1_500));
        // At least the shortest election timeout, at most a few rounds.
        assert!(
            without >= SimDuration::from_ms(150) && without < SimDuration::from_ms(1_000),
            "seed {seed}: {without:?}"
        );
        assert_eq!(sim.c.counts().leaders_per_term_max, 1, "seed {seed}");
        // The client's first write goes to the old leader, times out or is
        // redirected, and a later one lands on the new leader.
        sim.write(1);
        sim.run_ms(1_100);
        let w = sim.write(1);
        sim.run_ms(200);
        wrote(sim.outcome(w));
    }
}

/// Writes at the leader with slow replication, then the leader crashes
/// before its followers have them; a new leader is elected and the old one
/// rejoins. Returns the lost writes.
fn failover_losses(mode: WriteMode, seed: u64) -> u64 {
    let mut p = params(3, mode, ReadFrom::Leader, Consistency::Cp);
    p.timeout = SimDuration::from_ms(400);
    let mut sim = Sim::new(p, seed);
    sim.run_ms(200);
    // Cut the leader off, write, then crash it and heal: whatever it
    // acknowledged alone is on it alone.
    sim.partition(&[&[0], &[1, 2]]);
    for k in 0..4 {
        sim.write(k);
    }
    sim.run_ms(100);
    sim.crash(0);
    sim.heal();
    sim.run_ms(1_000);
    sim.restart(0);
    sim.run_ms(1_000);
    assert!(sim.c.leader().is_some_and(|l| l != 0), "seed {seed}: a new leader");
    sim.c.writes_lost()
}

#[test]
fn an_async_failover_loses_acknowledged_writes_and_quorum_does_not() {
    for seed in 0..10 {
        assert_eq!(failover_losses(WriteMode::Async, seed), 4, "seed {seed}");
        assert_eq!(failover_losses(WriteMode::Quorum, seed), 0, "seed {seed}");
    }
}

#[test]
fn five_replicas_split_two_three_cp_keeps_one_side_ap_both() {
    // CP: the old leader on the small side cannot commit; the big side
    // elects a new leader and takes writes.
    let mut sim = Sim::new(params(5, WriteMode::Quorum, ReadFrom::Leader, Consistency::Cp), 3);
    sim.run_ms(200);
    sim.partition(&[&[0, 1], &[2, 3, 4]]);
    let stuck = sim.write(0);
    sim.run_ms(1_200);
    assert!(matches!(sim.outcome(stuck), Some(Outcome::Failed { .. })), "the small side committed");
    let leader = sim.c.leader().expect("the big side elects");
    assert!([2, 3, 4].contains(&leader));
    let w = sim.write(0);
    sim.run_ms(300);
    wrote(sim.outcome(w));
    sim.heal();
    sim.run_ms(500);
    assert_eq!(sim.c.writes_lost(), 0);
    assert_eq!(sim.c.counts().leaders_per_term_max, 1);

    // AP: both sides keep taking writes; on heal the later writer wins per
    // key and the other side's acknowledged write to it is lost.
    let mut sim = Sim::new(params(5, WriteMode::Quorum, ReadFrom::Leader, Consistency::Ap), 3);
    sim.run_ms(200);
    sim.partition(&[&[0, 1], &[2, 3, 4]]);
    let small = sim.write(0);
    sim.run_ms(100);
    wrote(sim.outcome(small));
    sim.run_ms(1_000);
    let big_leader =
        sim.c.replicas().iter().enumerate().filter(|(i, r)| *i >= 2 && r.role == Role::Leader).count();
    assert_eq!(big_leader, 1, "the big side elected its own leader");
    let old = sim.c.replicas()[0].role;
    assert_eq!(old, Role::Leader, "the small side kept its leader");
    // A client on the big side writes the same key later: on heal it wins,
    // and the small side's acknowledged write is gone from the key's history.
    let later = sim.write_via(0, Some(3));
    sim.run_ms(1_500);
    let (v, _) = wrote(sim.outcome(later));
    assert!(sim.c.writes_lost() == 0, "nothing is lost before the heal");
    sim.heal();
    sim.run_ms(500);
    let leader = sim.c.leader().expect("one leader after the heal");
    assert_eq!(sim.c.replicas()[leader as usize].version_of(0), v, "the later writer wins");
    assert_eq!(sim.c.writes_lost(), 1, "the small side's write to key 0 is lost");
    for r in sim.c.replicas() {
        assert_eq!(r.version_of(0), v, "every replica converges");
    }
}

#[test]
fn fixed_election_timeouts_split_the_vote_and_random_ones_elect_quickly() {
    let mut fixed = 0;
    let mut random = 0;
    for seed in 0..10 {
        for (lo, hi, total) in [(150, 150, &mut fixed), (150, 300, &mut random)] {
            let mut p = params(5, WriteMode::Quorum, ReadFrom::Leader, Consistency::Cp);
            p.election = (SimDuration::from_ms(lo), SimDuration::from_ms(hi));
            let mut sim = Sim::new(p, seed);
            sim.run_ms(200);
            sim.crash(0);
            sim.run_ms(3_000);
            *total += sim.c.split_votes();
        }
    }
    assert!(fixed >= 10 * random.max(1), "fixed timeouts split {fixed} times, random ones {random}");
}

#[derive(Clone, Debug)]
enum Step {
    Write(u32),
    Read(u32),
    Crash(u32),
    Restart(u32),
    Partition(u32),
    Heal,
    Wait(u64),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (0u32..4).prop_map(Step::Write),
        3 => (0u32..4).prop_map(Step::Read),
        1 => (0u32..5).prop_map(Step::Crash),
        1 => (0u32..5).prop_map(Step::Restart),
        1 => (1u32..31).prop_map(Step::Partition),
        1 => Just(Step::Heal),
        3 => (1u64..400).prop_map(Step::Wait),
    ]
}

fn play(p: Params, seed: u64, steps: &[Step]) -> Sim {
    let mut sim = Sim::new(p, seed);
    for s in steps {
        match *s {
            Step::Write(k) => drop(sim.write(k)),
            Step::Read(k) => drop(sim.read(k, None)),
            Step::Crash(n) => sim.crash(n),
            Step::Restart(n) => sim.restart(n),
            Step::Partition(mask) => {
                let (a, b): (Vec<u32>, Vec<u32>) = (0..5).partition(|i| mask & (1 << i) != 0);
                sim.partition(&[&a, &b]);
            }
            Step::Heal => sim.heal(),
            Step::Wait(ms) => sim.run_ms(ms),
        }
    }
    // Heal, restart everyone and let the cluster settle.
    sim.heal();
    for n in 0..5 {
        sim.restart(n);
    }
    sim.run_ms(3_000);
    sim
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn cp_never_has_two_leaders_in_a_term_nor_loses_a_majority_write(
        seed in 0u64..1_000,
        steps in prop::collection::vec(step(), 1..40),
    ) {
        let sim = play(params(5, WriteMode::Quorum, ReadFrom::Quorum, Consistency::Cp), seed, &steps);
        let c = sim.c.counts();
        prop_assert_eq!(c.leaders_per_term_max, 1, "seed {}", seed);
        prop_assert_eq!(sim.c.writes_lost(), 0, "seed {}", seed);
        // W + R > N with quorum reads: no read older than an acknowledged write.
        prop_assert_eq!(c.reads_stale, 0, "seed {}", seed);
        prop_assert!(c.writes_acked + c.writes_failed <= c.writes);
    }

    #[test]
    fn async_writes_lose_only_what_was_acknowledged_and_terms_keep_one_leader(
        seed in 0u64..1_000,
        steps in prop::collection::vec(step(), 1..40),
    ) {
        let sim = play(params(5, WriteMode::Async, ReadFrom::Any, Consistency::Cp), seed, &steps);
        let c = sim.c.counts();
        prop_assert_eq!(c.leaders_per_term_max, 1, "seed {}", seed);
        prop_assert!(sim.c.writes_lost() <= c.writes_acked, "seed {}", seed);
    }

    #[test]
    fn ap_loses_only_what_was_acknowledged(
        seed in 0u64..1_000,
        steps in prop::collection::vec(step(), 1..40),
    ) {
        // `run_ms` holds the kept count of lost writes to a recount after
        // every event, through merges on heal as well.
        let sim = play(params(5, WriteMode::Async, ReadFrom::Any, Consistency::Ap), seed, &steps);
        prop_assert!(sim.c.writes_lost() <= sim.c.counts().writes_acked, "seed {}", seed);
    }
}

#[test]
fn the_random_schedules_exercise_elections_losses_and_merges() {
    // What the properties above range over really happens: a schedule of
    // crashes and partitions elects new leaders, and async loses writes.
    use Step::*;
    let steps = [
        Write(0),
        Wait(20),
        Crash(0),
        Write(1),
        Wait(1_200),
        Write(2),
        Wait(100),
        Write(3),
        Wait(20),
        Partition(0b00011),
        Write(3),
        Wait(50),
        Crash(2),
        Wait(1_200),
        Heal,
        Restart(0),
        Restart(2),
        Wait(300),
    ];
    let lost: u64 = (0..10)
        .map(|seed| {
            let sim = play(params(5, WriteMode::Async, ReadFrom::Any, Consistency::Cp), seed, &steps);
            assert!(sim.c.counts().elections >= 2, "seed {seed}: {:?}", sim.c.counts());
            assert!(sim.c.counts().writes_acked >= 2, "seed {seed}: {:?}", sim.c.counts());
            sim.c.writes_lost()
        })
        .sum();
    assert!(lost > 0, "no schedule lost an async write");
}
