//! One replica's state: what survives a crash (term, vote, log) and what
//! does not (role, commit index, the leader's view of its followers).

use crate::time::SimTime;

/// A replica's role.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// Follows a leader (or waits for one).
    Follower,
    /// Stands for election.
    Candidate,
    /// Leads its term.
    Leader,
}

/// One write in a replica's log.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The term of the leader that took it.
    pub term: u64,
    /// The key written.
    pub key: u32,
    /// The write's id, which becomes the key's version.
    pub version: u64,
    /// The key's version it replaced at the leader that took it (0: none).
    pub replaced: u64,
}

/// One replica.
#[derive(Clone, Debug)]
pub struct Replica {
    /// Whether it runs.
    pub up: bool,
    /// Its current term (survives a crash).
    pub term: u64,
    /// Whom it voted for in its term (survives a crash).
    pub voted_for: Option<u32>,
    /// Its log, index 1 first (survives a crash). Changed only through
    /// [`Replica::push`], [`Replica::truncate`] and [`Replica::forget`],
    /// which keep the index of each key's version beside it.
    pub log: Vec<Entry>,
    /// Per key: its version in the log (0: not in it), so a read does not
    /// walk the log back.
    latest: Vec<u64>,
    /// The highest index it knows is committed.
    pub commit: u64,
    /// Its role.
    pub role: Role,
    /// The leader it knows, to point clients at.
    pub leader_hint: Option<u32>,
    /// Votes granted to it as a candidate, a bit per replica.
    pub votes: u64,
    /// Generation of its election timer.
    pub election_epoch: u64,
    /// Generation of its heartbeat timer.
    pub heartbeat_epoch: u64,
    /// When its election timer was last set.
    pub election_set: SimTime,
    /// When that timer runs out.
    pub election_due: SimTime,
    /// When it last heard from a leader.
    pub heard_at: SimTime,
    /// As leader: the next index to send each replica.
    pub next: Vec<u64>,
    /// As leader: the highest index each replica is known to hold.
    pub matched: Vec<u64>,
}

impl Replica {
    /// A follower with an empty log, in a cluster of `n`.
    pub fn new(n: usize) -> Replica {
        Replica {
            up: true,
            term: 0,
            voted_for: None,
            log: Vec::new(),
            latest: Vec::new(),
            commit: 0,
            role: Role::Follower,
            leader_hint: None,
            votes: 0,
            election_epoch: 0,
            heartbeat_epoch: 0,
            election_set: SimTime::ZERO,
            election_due: SimTime::ZERO,
            heard_at: SimTime::ZERO,
            next: vec![1; n],
            matched: vec![0; n],
        }
    }

    /// The index of its last entry (0: empty).
    pub fn last_index(&self) -> u64 {
        self.log.len() as u64
    }

    /// The term of its last entry (0: empty).
    pub fn last_term(&self) -> u64 {
        self.term_at(self.last_index())
    }

    /// The term of the entry at `index` (0 for index 0 or past the end).
    pub fn term_at(&self, index: u64) -> u64 {
        index.checked_sub(1).and_then(|i| self.log.get(i as usize)).map_or(0, |e| e.term)
    }

    /// The version of `key` in its log (0: never written).
    pub fn version_of(&self, key: u32) -> u64 {
        self.latest.get(key as usize).copied().unwrap_or(0)
    }

    /// Appends `e` to the log.
    pub fn push(&mut self, e: Entry) {
        let k = e.key as usize;
        if self.latest.len() <= k {
            self.latest.resize(k + 1, 0);
        }
        self.latest[k] = e.version;
        self.log.push(e);
    }

    /// Keeps the first `len` entries of the log.
    pub fn truncate(&mut self, len: usize) {
        if len >= self.log.len() {
            return;
        }
        self.log.truncate(len);
        // Rare (a follower dropping a deposed leader's entries): index again.
        self.latest.fill(0);
        for e in &self.log {
            self.latest[e.key as usize] = e.version;
        }
    }

    /// Forgets the whole log (a replica kept in memory only, crashed).
    pub fn forget(&mut self) {
        self.log.clear();
        self.latest.clear();
    }

    /// Becomes leader of `term`.
    pub fn lead(&mut self, term: u64, n: usize) {
        self.term = term;
        self.role = Role::Leader;
        self.leader_hint = None;
        self.next = vec![self.last_index() + 1; n];
        self.matched = vec![0; n];
    }

    /// Follows `leader` (if known) in `term`; a new term clears the vote.
    pub fn follow(&mut self, term: u64, leader: Option<u32>) {
        if term > self.term {
            self.voted_for = None;
        }
        self.term = term;
        self.role = Role::Follower;
        self.leader_hint = leader;
        self.votes = 0;
    }

    /// Stands for `term`, voting for itself (`me`).
    pub fn stand(&mut self, term: u64, me: u32) {
        self.term = term;
        self.role = Role::Candidate;
        self.voted_for = Some(me);
        self.votes = 1 << me;
        self.leader_hint = None;
    }

    /// Stops: only what is on disk survives.
    pub fn crash(&mut self) {
        self.up = false;
        self.role = Role::Follower;
        self.commit = 0;
        self.votes = 0;
        self.leader_hint = None;
        self.election_epoch += 1;
        self.heartbeat_epoch += 1;
    }

    /// Takes a leader's append: `(success, matched, entries dropped)`. On a
    /// mismatch at `prev_index`, `matched` is its last index, a hint for
    /// where the leader should look.
    pub fn accept(
        &mut self,
        prev_index: u64,
        prev_term: u64,
        entries: &[Entry],
        commit: u64,
    ) -> (bool, u64, u64) {
        if prev_index > self.last_index() || self.term_at(prev_index) != prev_term {
            return (false, self.last_index().min(prev_index.saturating_sub(1)), 0);
        }
        let mut dropped = 0;
        for (k, e) in entries.iter().enumerate() {
            let index = prev_index + 1 + k as u64;
            if index <= self.last_index() {
                if self.term_at(index) == e.term {
                    continue;
                }
                dropped += self.last_index() - index + 1;
                self.truncate(index as usize - 1);
            }
            self.push(*e);
        }
        let matched = prev_index + entries.len() as u64;
        if commit > self.commit {
            self.commit = commit.min(matched);
        }
        (true, matched, dropped)
    }
}
