//! One model per lab, each built on the engine and the building blocks.

pub mod caching;
pub mod hashing;
pub mod load_balancing;
