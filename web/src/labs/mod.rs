//! One page per lab, and the host they share.

pub mod caching;
pub mod hashing;
pub mod host;
pub mod load_balancing;
pub mod page;
pub mod shell;
