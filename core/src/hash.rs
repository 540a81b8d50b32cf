//! A stable, documented 64-bit hash.
//!
//! Placement (which server owns a key) must not depend on the platform, the
//! Rust version or the process: the same key must land on the same server in
//! the CLI, in every browser and in a test written a year from now. So core
//! never uses `std`'s `DefaultHasher` (unspecified and randomly keyed) and uses
//! these two functions instead, whose outputs are pinned by tests:
//!
//! - [`mix64`] for integer keys: the SplitMix64 finaliser (Steele, Lea and
//!   Flood, 2014), a bijection on `u64` with full avalanche.
//! - [`fnv1a64`] for bytes: FNV-1a, 64-bit (Fowler, Noll and Vo), then
//!   [`mix64`] so that similar strings spread across the whole range.

/// SplitMix64's finaliser: a fast bijective mix of a 64-bit integer.
pub const fn mix64(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// FNV-1a over `bytes`, finished with [`mix64`].
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h = Fnv1a::new();
    h.write(bytes);
    h.finish()
}

/// An incremental FNV-1a hasher that can also be written to with `write!`,
/// so a trace can be hashed without allocating a string per event.
#[derive(Clone, Debug)]
pub struct Fnv1a {
    state: u64,
}

impl Fnv1a {
    /// A hasher in its initial state.
    pub const fn new() -> Fnv1a {
        Fnv1a { state: FNV_OFFSET }
    }

    /// Feeds bytes.
    pub fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.state ^= u64::from(b);
            self.state = self.state.wrapping_mul(FNV_PRIME);
        }
    }

    /// Feeds a `u64` as 8 little-endian bytes.
    pub fn write_u64(&mut self, x: u64) {
        self.write(&x.to_le_bytes());
    }

    /// The hash of everything written so far.
    pub const fn finish(&self) -> u64 {
        mix64(self.state)
    }
}

impl Default for Fnv1a {
    fn default() -> Self {
        Fnv1a::new()
    }
}

impl std::fmt::Write for Fnv1a {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.write(s.as_bytes());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pinned_values_never_change() {
        // A pinned number is an alarm: if these move, every ring in every saved
        // link moves with them.
        assert_eq!(mix64(0), 0xE220_A839_7B1D_CDAF);
        assert_eq!(mix64(1), 0x910A_2DEC_8902_5CC1);
        assert_eq!(fnv1a64(b""), mix64(FNV_OFFSET));
        // FNV-1a's published test vector for "a" before our finaliser.
        let mut h = Fnv1a::new();
        h.write(b"a");
        assert_eq!(h.state, 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn formatting_into_the_hasher_equals_hashing_the_string() {
        use std::fmt::Write as _;
        let mut a = Fnv1a::new();
        let (id, server) = (42, "S1");
        write!(a, "event {id} at {server}").unwrap();
        assert_eq!(a.finish(), fnv1a64(b"event 42 at S1"));
    }
}
