//! A message queue with leases, the building block of the queues lab (and
//! later of pub/sub and service chains). Written by hand: it is what the
//! playground teaches.
//!
//! The semantics are SQS's. A producer enqueues; a consumer receives a
//! message with a lease (the visibility timeout): while the lease holds the
//! message is hidden from every other consumer. An ack removes it. A nack,
//! or a lease that runs out, makes it visible again after a retry backoff
//! (exponential, capped, with jitter), with its receive count plus one.
//! After `max_attempts` failed receives it goes to the dead-letter queue. A
//! broker crash loses every message of an in-memory queue and none of a
//! durable one.
//!
//! The queue keeps no clock: every call says what time it is, and
//! [`Queue::next_due`] says when the queue next changes by itself (a lease
//! runs out, a retry comes due), so a lab schedules one engine event for it.

use crate::idmap::IdMap;
use crate::rng::SimRng;
use crate::time::{SimDuration, SimTime, round_us};
use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};

/// How a retry's backoff is spread, after the AWS architecture blog's
/// "Exponential Backoff And Jitter".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Jitter {
    /// Exactly the backoff.
    None,
    /// Uniform between zero and the backoff.
    Full,
    /// Half the backoff plus uniform up to the other half.
    Equal,
}

/// Which ready message a consumer gets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    /// The oldest first.
    Fifo,
    /// The highest priority first; the oldest first among equals.
    Priority,
}

/// How the queue behaves.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct QueueParams {
    /// How long a received message stays hidden without an ack.
    pub visibility_timeout: SimDuration,
    /// Receives a message may fail before it is dead-lettered (at least 1).
    pub max_attempts: u32,
    /// The backoff before the first retry; it doubles with each failure.
    pub backoff: SimDuration,
    /// The longest backoff.
    pub backoff_max: SimDuration,
    /// How the backoff is spread.
    pub jitter: Jitter,
    /// Which ready message goes first.
    pub order: Order,
    /// Whether the messages survive a broker crash.
    pub durable: bool,
}

impl Default for QueueParams {
    fn default() -> QueueParams {
        QueueParams {
            visibility_timeout: SimDuration::from_secs(30),
            max_attempts: 5,
            backoff: SimDuration::from_ms(100),
            backoff_max: SimDuration::from_secs(10),
            jitter: Jitter::None,
            order: Order::Fifo,
            durable: true,
        }
    }
}

/// Where a message is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Visible: the next receive may get it.
    Ready,
    /// Received and hidden until `until`, under lease `receipt`.
    Leased {
        /// The lease's token.
        receipt: u64,
        /// When the lease runs out.
        until: SimTime,
    },
    /// Failed; visible again at `at`.
    Retrying {
        /// When it is visible again.
        at: SimTime,
    },
}

/// A message in the queue.
#[derive(Clone, Debug, PartialEq)]
pub struct Message<T> {
    /// Its id, from 0 in enqueue order.
    pub id: u64,
    /// What it carries.
    pub payload: T,
    /// Its priority (higher first, under [`Order::Priority`]).
    pub priority: u8,
    /// When it was enqueued.
    pub enqueued: SimTime,
    /// How many times it has been received.
    pub receives: u32,
    /// Where it is.
    pub status: Status,
}

/// A received message: what a consumer works on, and the lease to ack.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Delivery {
    /// The message.
    pub id: u64,
    /// The lease's token, for [`Queue::ack`] and [`Queue::nack`].
    pub receipt: u64,
    /// Which receive this is, from 1: above 1 it is a redelivery.
    pub attempt: u32,
}

/// Why an ack or nack was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Refused {
    /// The lease is not the message's current one: it ran out, and the
    /// message went back to the queue (maybe to another consumer), or the
    /// message is gone.
    #[error("the lease {0} is not held: it ran out or its message is gone")]
    NotHeld(u64),
}

/// What happened to a message by itself, as time passed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// Its lease ran out (a retry or dead letter follows).
    LeaseExpired {
        /// The message.
        id: u64,
    },
    /// It failed and waits for a retry until `at`.
    Retrying {
        /// The message.
        id: u64,
        /// When it is visible again.
        at: SimTime,
    },
    /// It failed for the last allowed time and went to the dead-letter queue.
    DeadLettered {
        /// The message.
        id: u64,
    },
    /// Its retry came due: it is visible again.
    Visible {
        /// The message.
        id: u64,
    },
}

/// Where a ready message of `priority` sorts: lower first, then by id.
fn rank(order: Order, priority: u8) -> u16 {
    match order {
        Order::Fifo => 0,
        Order::Priority => u16::from(u8::MAX - priority),
    }
}

/// How many dead letters the queue keeps, the newest: a run of hours with
/// poison messages would otherwise hold every one of them.
pub const DEAD_KEPT: usize = 1_024;

/// The queue.
#[derive(Clone, Debug)]
pub struct Queue<T> {
    params: QueueParams,
    /// The messages in the queue, by id (ids are given in enqueue order).
    messages: IdMap<Message<T>>,
    /// Ready messages, the next to hand out on top: (rank, id). Exact: a
    /// message leaves it only by being received (or in a crash).
    ready: BinaryHeap<Reverse<(u16, u64)>>,
    /// Lease ends and retry times, the earliest on top: (when, id). An entry
    /// whose message has moved on (acked, nacked) is stale: it is dropped
    /// when it reaches the top, so the top is always live.
    timers: BinaryHeap<Reverse<(SimTime, u64)>>,
    /// The newest [`DEAD_KEPT`] dead letters (a broker keeps its
    /// dead-letter queue for a retention period, not for ever).
    dead: VecDeque<Message<T>>,
    /// Messages under a lease now.
    leased: usize,
    next_id: u64,
    next_receipt: u64,
    acked: u64,
    lost: u64,
}

impl<T> Queue<T> {
    /// An empty queue.
    pub fn new(params: QueueParams) -> Queue<T> {
        Queue {
            params: QueueParams { max_attempts: params.max_attempts.max(1), ..params },
            messages: IdMap::new(),
            ready: BinaryHeap::new(),
            timers: BinaryHeap::new(),
            dead: VecDeque::new(),
            leased: 0,
            next_id: 0,
            next_receipt: 0,
            acked: 0,
            lost: 0,
        }
    }

    /// How it behaves.
    pub fn params(&self) -> &QueueParams {
        &self.params
    }

    /// Adds a message at `now`; returns its id.
    pub fn enqueue(&mut self, now: SimTime, payload: T, priority: u8) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        let m = Message { id, payload, priority, enqueued: now, receives: 0, status: Status::Ready };
        self.ready.push(Reverse((rank(self.params.order, priority), id)));
        self.messages.insert(id, m);
        id
    }

    /// Hands the next ready message out under a lease, if there is one.
    /// Call [`Queue::advance`] first so that due retries and run-out leases
    /// count.
    pub fn receive(&mut self, now: SimTime) -> Option<Delivery> {
        let Reverse((_, id)) = self.ready.pop()?;
        let receipt = self.next_receipt;
        self.next_receipt += 1;
        let until = now + self.params.visibility_timeout;
        let m = self.messages.get_mut(id).expect("a ready message is in the queue");
        m.receives += 1;
        m.status = Status::Leased { receipt, until };
        self.leased += 1;
        self.timers.push(Reverse((until, id)));
        Some(Delivery { id, receipt, attempt: m.receives })
    }

    /// The message `id`, if it is in the queue (not acked, lost or dead).
    pub fn get(&self, id: u64) -> Option<&Message<T>> {
        self.messages.get(id)
    }

    /// The consumer is done with the message under `receipt`: it leaves the
    /// queue. Refused when that lease is no longer held.
    pub fn ack(&mut self, id: u64, receipt: u64) -> Result<Message<T>, Refused> {
        let Some(Status::Leased { receipt: r, .. }) = self.messages.get(id).map(|m| m.status) else {
            return Err(Refused::NotHeld(receipt));
        };
        if r != receipt {
            return Err(Refused::NotHeld(receipt));
        }
        self.leased -= 1;
        self.acked += 1;
        let m = self.messages.remove(id).expect("held above");
        self.drop_stale();
        Ok(m)
    }

    /// The consumer failed the message under `receipt`: it is retried after
    /// a backoff, or dead-lettered after its last allowed attempt.
    pub fn nack(&mut self, now: SimTime, id: u64, receipt: u64, rng: &mut SimRng) -> Result<Change, Refused> {
        let Some(Status::Leased { receipt: r, .. }) = self.messages.get(id).map(|m| m.status) else {
            return Err(Refused::NotHeld(receipt));
        };
        if r != receipt {
            return Err(Refused::NotHeld(receipt));
        }
        self.leased -= 1;
        let change = self.fail(now, id, rng);
        self.drop_stale();
        Ok(change)
    }

    /// A failed receive of `id`: retry or dead letter.
    fn fail(&mut self, now: SimTime, id: u64, rng: &mut SimRng) -> Change {
        let receives = self.messages.get(id).map_or(0, |m| m.receives);
        if receives >= self.params.max_attempts {
            let m = self.messages.remove(id).expect("failing a message in the queue");
            if self.dead.len() == DEAD_KEPT {
                self.dead.pop_front();
            }
            self.dead.push_back(m);
            return Change::DeadLettered { id };
        }
        let at = now + self.backoff(receives, rng);
        self.messages.get_mut(id).expect("in the queue").status = Status::Retrying { at };
        self.timers.push(Reverse((at, id)));
        Change::Retrying { id, at }
    }

    /// The backoff after the `failures`-th failure (from 1): `backoff`
    /// doubled `failures - 1` times, at most `backoff_max`, spread by the
    /// jitter.
    pub fn backoff(&self, failures: u32, rng: &mut SimRng) -> SimDuration {
        let p = &self.params;
        let doubled = p.backoff.as_us().saturating_mul(1u64 << failures.saturating_sub(1).min(40));
        let d = doubled.min(p.backoff_max.as_us()) as f64;
        let us = match p.jitter {
            Jitter::None => d,
            Jitter::Full => rng.uniform(0.0, d),
            Jitter::Equal => d / 2.0 + rng.uniform(0.0, d / 2.0),
        };
        SimDuration::from_us(round_us(us))
    }

    /// Applies what is due by `now`: leases that ran out and retries that
    /// came due, in time order. Returns what changed.
    pub fn advance(&mut self, now: SimTime, rng: &mut SimRng) -> Vec<Change> {
        let mut changes = Vec::new();
        while let Some(&Reverse((at, id))) = self.timers.peek() {
            if at > now {
                break;
            }
            self.timers.pop();
            match self.messages.get(id).map(|m| m.status) {
                Some(Status::Leased { until, .. }) if until == at => {
                    self.leased -= 1;
                    changes.push(Change::LeaseExpired { id });
                    changes.push(self.fail(at, id, rng));
                }
                Some(Status::Retrying { at: due }) if due == at => {
                    let order = self.params.order;
                    let m = self.messages.get_mut(id).expect("in the queue");
                    m.status = Status::Ready;
                    self.ready.push(Reverse((rank(order, m.priority), id)));
                    changes.push(Change::Visible { id });
                }
                // Stale: acked, nacked or re-timed since.
                _ => {}
            }
            self.drop_stale();
        }
        changes
    }

    /// Drops stale timers from the top, so that the top is a live one.
    fn drop_stale(&mut self) {
        while let Some(&Reverse((at, id))) = self.timers.peek() {
            let live = match self.messages.get(id).map(|m| m.status) {
                Some(Status::Leased { until, .. }) => until == at,
                Some(Status::Retrying { at: due }) => due == at,
                _ => false,
            };
            if live {
                return;
            }
            self.timers.pop();
        }
    }

    /// When the queue next changes by itself, if it will.
    pub fn next_due(&self) -> Option<SimTime> {
        self.timers.peek().map(|&Reverse((at, _))| at)
    }

    /// The broker crashes: an in-memory queue loses every message (returned
    /// as a count); a durable one keeps them all, leases included.
    pub fn crash(&mut self) -> u64 {
        if self.params.durable {
            return 0;
        }
        let n = self.messages.len() as u64;
        self.lost += n;
        self.messages = IdMap::new();
        self.leased = 0;
        self.ready.clear();
        self.timers.clear();
        n
    }

    /// Messages in the queue: ready, leased or waiting for a retry.
    pub fn len(&self) -> usize {
        self.messages.len()
    }

    /// Whether the queue holds no message.
    pub fn is_empty(&self) -> bool {
        self.messages.is_empty()
    }

    /// Messages waiting to be received: ready or waiting for a retry.
    pub fn depth(&self) -> usize {
        self.messages.len() - self.in_flight()
    }

    /// Messages under a lease.
    pub fn in_flight(&self) -> usize {
        self.leased
    }

    /// Ready messages, in the order they would be handed out.
    pub fn ready(&self) -> impl Iterator<Item = &Message<T>> {
        let mut order: Vec<(u16, u64)> = self.ready.iter().map(|r| r.0).collect();
        order.sort_unstable();
        order.into_iter().filter_map(|(_, id)| self.messages.get(id))
    }

    /// Every message in the queue, by id.
    pub fn messages(&self) -> impl Iterator<Item = &Message<T>> {
        self.messages.values()
    }

    /// The age at `now` of the oldest message not yet acked, if any: the
    /// one with the lowest id, as ids are given in enqueue order and a lab's
    /// clock only moves forward.
    pub fn oldest_age(&self, now: SimTime) -> Option<SimDuration> {
        self.messages.first().map(|(_, m)| now.since(m.enqueued))
    }

    /// The dead-letter queue's newest [`DEAD_KEPT`] messages, oldest first
    /// (each one is also reported once, as it is dead-lettered, by
    /// [`Queue::advance`] or the nack that sent it there).
    pub fn dead_letters(&self) -> impl DoubleEndedIterator<Item = &Message<T>> + ExactSizeIterator {
        self.dead.iter()
    }

    /// Messages enqueued so far.
    pub fn enqueued(&self) -> u64 {
        self.next_id
    }

    /// Messages acked so far.
    pub fn acked(&self) -> u64 {
        self.acked
    }

    /// Messages lost in crashes so far.
    pub fn lost(&self) -> u64 {
        self.lost
    }
}
