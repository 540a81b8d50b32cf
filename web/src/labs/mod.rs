//! One page per lab, and the host they share.

pub mod host;
pub mod load_balancing;
