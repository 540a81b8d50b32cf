//! One model per lab, each built on the engine and the building blocks.

pub mod load_balancing;
