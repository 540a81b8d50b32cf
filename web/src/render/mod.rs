//! Drawing: where things sit ([`geometry`]) and the canvas of moving
//! requests ([`canvas`]), the hash ring ([`ring`]).

pub mod canvas;
pub mod geometry;
pub mod raster;
pub mod ring;
