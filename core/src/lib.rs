//! # Scale Lab core
//!
//! The deterministic simulation behind Scale Lab: an event engine, the
//! building blocks the labs teach, and one model per lab. It knows nothing of
//! the web and never reads a clock or ambient randomness: the same settings,
//! seed and command log give the same trace here, in the CLI and in every
//! browser.
//!
//! - Engine: [`time`] (integer virtual time), [`engine`] (event queue ordered
//!   by time then sequence), [`rng`] (seeded portable streams), [`net`]
//!   (latency, loss, partitions), [`node`] (crash and restart), [`trace`]
//!   (bounded event log with a hash of everything), [`metrics`].
//! - Building blocks: [`hash`] (stable hashing), [`placement`] (who owns a
//!   key: modulo, ring, jump, rendezvous, maglev, bounded loads), [`cache`]
//!   (LRU, FIFO, LFU, SIEVE, and Che's approximation), [`zipf`] (skewed keys).
//! - Labs: [`lab`] (the interface), [`session`] (a run with its command log),
//!   [`labs`] (the models), [`input`] (validated user input).

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod cache;
pub mod engine;
pub mod hash;
pub mod idmap;
pub mod input;
pub mod lab;
pub mod labs;
pub mod metrics;
pub mod net;
pub mod node;
pub mod numtext;
pub mod placement;
pub mod queue;
pub mod replication;
pub mod rng;
pub mod routing;
pub mod run;
pub mod session;
pub mod time;
pub mod trace;
pub mod workload;
pub mod zipf;

pub use lab::{Field, Kind, Lab, LabCommand, LabId, Settings};
pub use session::Session;
pub use time::{SimDuration, SimTime};
