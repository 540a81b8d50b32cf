//! The trace's hash: every event fed, field by field, through serde's data
//! model into a word-at-a-time hasher.
//!
//! An event's `Serialize` derive is its canonical encoding. Serialising into
//! [`Canon`] writes no text and allocates nothing: each integer, float (its
//! bits), string (its bytes and length), enum variant (its index) and
//! sequence length becomes one or more 64-bit words, and each word is folded
//! into the state (see [`Canon::word`]) and the state is finished with
//! [`mix64`]. Lengths and indices are widened to `u64`,
//! so a 32-bit wasm build and a 64-bit native build hash the same words.
//!
//! Formatting each event with `Debug` into FNV-1a, as the trace first did,
//! was a quarter of the load-balancing lab's time (perf, December 2026).

use crate::hash::mix64;
use serde::Serialize;
use serde::ser;
use std::fmt;

/// The running hash of a trace.
#[derive(Clone, Debug)]
pub struct Canon {
    state: u64,
}

impl Default for Canon {
    fn default() -> Self {
        Canon::new()
    }
}

impl Canon {
    /// A hasher in its initial state.
    pub const fn new() -> Canon {
        Canon { state: 0x243F_6A88_85A3_08D3 }
    }

    /// Folds one word into the state: rotate, xor, multiply by an odd
    /// constant (the step of rustc's FxHasher), three instructions a word.
    /// The multiply spreads a word's bits upwards, the rotation brings the
    /// top ones back down for the next word, and [`Canon::finish`] mixes
    /// the whole state once at the end.
    #[inline]
    pub fn word(&mut self, x: u64) {
        self.state = (self.state.rotate_left(26) ^ x).wrapping_mul(0xf135_7aea_2e62_a9c5);
    }

    /// Folds a value's serde encoding into the state.
    pub fn value<T: Serialize + ?Sized>(&mut self, v: &T) {
        // `Canon`'s serializer never fails; a `Serialize` impl that calls
        // `Error::custom` itself still leaves its words so far in the hash.
        let _ = v.serialize(&mut *self);
    }

    /// The hash of everything folded in so far.
    pub const fn finish(&self) -> u64 {
        mix64(self.state)
    }

    fn bytes(&mut self, b: &[u8]) {
        let mut chunks = b.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0; 8];
            w.copy_from_slice(c);
            self.word(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.word(u64::from_le_bytes(w));
        }
        self.word(b.len() as u64);
    }
}

/// The error type serde asks for; `Canon` itself never returns one.
#[derive(Debug)]
pub struct CanonError;

impl fmt::Display for CanonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a Serialize impl reported an error while hashing")
    }
}

impl std::error::Error for CanonError {}

impl ser::Error for CanonError {
    fn custom<T: fmt::Display>(_: T) -> Self {
        CanonError
    }
}

type Done = Result<(), CanonError>;

/// Tags that keep `None` apart from `Some(0)`, a unit from nothing, and so on.
mod tag {
    pub const NONE: u64 = 0x4e4f_4e45;
    pub const SOME: u64 = 0x534f_4d45;
    pub const UNIT: u64 = 0x554e_4954;
}

impl ser::Serializer for &mut Canon {
    type Ok = ();
    type Error = CanonError;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    fn serialize_bool(self, v: bool) -> Done {
        self.word(u64::from(v));
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Done {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i16(self, v: i16) -> Done {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i32(self, v: i32) -> Done {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i64(self, v: i64) -> Done {
        self.word(v as u64);
        Ok(())
    }
    fn serialize_i128(self, v: i128) -> Done {
        self.word(v as u64);
        self.word((v >> 64) as u64);
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Done {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u16(self, v: u16) -> Done {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u32(self, v: u32) -> Done {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u64(self, v: u64) -> Done {
        self.word(v);
        Ok(())
    }
    fn serialize_u128(self, v: u128) -> Done {
        self.word(v as u64);
        self.word((v >> 64) as u64);
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Done {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Done {
        self.word(v.to_bits());
        Ok(())
    }
    fn serialize_char(self, v: char) -> Done {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_str(self, v: &str) -> Done {
        self.bytes(v.as_bytes());
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Done {
        self.bytes(v);
        Ok(())
    }
    fn serialize_none(self) -> Done {
        self.word(tag::NONE);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Done {
        self.word(tag::SOME);
        v.serialize(self)
    }
    fn serialize_unit(self) -> Done {
        self.word(tag::UNIT);
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Done {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _: &'static str, index: u32, _: &'static str) -> Done {
        self.serialize_u32(index)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, v: &T) -> Done {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        index: u32,
        _: &'static str,
        v: &T,
    ) -> Done {
        self.word(u64::from(index));
        v.serialize(self)
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Self, CanonError> {
        // A sequence of unknown length is closed by `end` instead.
        self.word(len.map_or(u64::MAX, |n| n as u64));
        Ok(self)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self, CanonError> {
        Ok(self)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self, CanonError> {
        Ok(self)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        index: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self, CanonError> {
        self.word(u64::from(index));
        Ok(self)
    }
    fn serialize_map(self, len: Option<usize>) -> Result<Self, CanonError> {
        self.word(len.map_or(u64::MAX, |n| n as u64));
        Ok(self)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, CanonError> {
        Ok(self)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        index: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self, CanonError> {
        self.word(u64::from(index));
        Ok(self)
    }
    fn is_human_readable(&self) -> bool {
        false
    }
}

impl ser::SerializeSeq for &mut Canon {
    type Ok = ();
    type Error = CanonError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Done {
        v.serialize(&mut **self)
    }
    fn end(self) -> Done {
        self.word(tag::UNIT);
        Ok(())
    }
}

/// The compound types whose elements are all there is to them: each
/// element's words, one after another.
macro_rules! elements {
    ($($kind:ident :: $method:ident),*) => {$(
        impl ser::$kind for &mut Canon {
            type Ok = ();
            type Error = CanonError;
            fn $method<T: Serialize + ?Sized>(&mut self, v: &T) -> Done {
                v.serialize(&mut **self)
            }
            fn end(self) -> Done {
                Ok(())
            }
        }
    )*};
}

elements!(
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for &mut Canon {
    type Ok = ();
    type Error = CanonError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, k: &T) -> Done {
        k.serialize(&mut **self)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Done {
        v.serialize(&mut **self)
    }
    fn end(self) -> Done {
        self.word(tag::UNIT);
        Ok(())
    }
}

/// Structs: their fields' words in order (the names are the type's, the
/// same for every value).
macro_rules! fields {
    ($($kind:ident),*) => {$(
        impl ser::$kind for &mut Canon {
            type Ok = ();
            type Error = CanonError;
            fn serialize_field<T: Serialize + ?Sized>(&mut self, _: &'static str, v: &T) -> Done {
                v.serialize(&mut **self)
            }
            fn end(self) -> Done {
                Ok(())
            }
        }
    )*};
}

fields!(SerializeStruct, SerializeStructVariant);

#[cfg(test)]
mod tests {
    use super::Canon;
    use serde::Serialize;

    fn hash<T: Serialize>(v: &T) -> u64 {
        let mut c = Canon::new();
        c.value(v);
        c.finish()
    }

    #[derive(Serialize)]
    enum Ev {
        A { x: u32, y: u32 },
        B { x: u32, y: u32 },
        Named(String),
        Maybe(Option<u32>),
        Rate(f64),
    }

    #[test]
    fn variants_fields_and_values_each_change_the_hash() {
        let a = hash(&Ev::A { x: 1, y: 2 });
        assert_ne!(a, hash(&Ev::B { x: 1, y: 2 }), "the variant counts");
        assert_ne!(a, hash(&Ev::A { x: 2, y: 1 }), "the field order counts");
        assert_ne!(a, hash(&Ev::A { x: 1, y: 3 }));
        assert_ne!(hash(&Ev::Maybe(None)), hash(&Ev::Maybe(Some(0))));
        assert_ne!(hash(&Ev::Rate(0.0)), hash(&Ev::Rate(-0.0)), "floats by their bits");
        assert_ne!(hash(&Ev::Named("ab".into())), hash(&Ev::Named("ab\0".into())), "lengths count");
        assert_eq!(hash(&Ev::Named("crash:3".into())), hash(&Ev::Named("crash:3".into())));
    }

    #[test]
    fn pinned_value_never_changes() {
        // The same words on every platform: a change here moves every golden
        // trace hash in core/tests/registry.rs.
        assert_eq!(hash(&Ev::A { x: 1, y: 2 }), hash(&(0u32, 1u64, 2u8)));
        let pinned = hash(&(7u64, "S1", Some(3u32), 0.5f64));
        assert_eq!(pinned, 0xbde7_45a1_f66d_fdd6, "re-pin: {pinned:#x}");
    }
}
