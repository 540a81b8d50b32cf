//! Drawing: where things sit ([`geometry`]) and the canvas of moving
//! requests ([`canvas`]).

pub mod canvas;
pub mod geometry;
