//! Numbers as text, without std's float formatting.
//!
//! `format!("{x:.2}")` and `format!("{x}")` on an `f64` pull std's float
//! printing into the web build: Grisu, Dragon4 and their tables. The page only ever prints a float rounded to a few decimals, or a
//! setting's value for a link. [`fixed`] does the first exactly (the same
//! digits as `{:.N}`, from the float's exact binary value, ties to even) with
//! 128-bit integers; [`shortest`] does the second: the fewest decimals that
//! [`decimal`](crate::input::decimal) reads back as the same float.

use std::fmt;

/// `x` with exactly `decimals` digits after the point: the same text as
/// `format!("{x:.decimals$}")` (ties to even on the exact value; `inf`,
/// `-inf`, `NaN`). At most 22 decimals: more are taken as 22.
pub fn fixed(x: f64, decimals: u32) -> String {
    let mut out = String::new();
    let _ = write_fixed(&mut out, x, decimals);
    out
}

/// `x` as [`fixed`] writes it, for `format!` arguments.
#[derive(Clone, Copy, Debug)]
pub struct Fixed(pub f64, pub u32);

impl fmt::Display for Fixed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_fixed(f, self.0, self.1)
    }
}

/// The shortest plain decimal (no exponent) that reads back as `x`, for a
/// link or a flag: `0.1`, `250`, `1e-7` as `0.0000001`. Whole numbers have
/// no point. A float that needs more than 17 decimals, or more than 2^53 as
/// digits, comes out with 17 decimals, trailing zeros trimmed.
pub fn shortest(x: f64) -> String {
    if !x.is_finite() {
        return fixed(x, 0);
    }
    for decimals in 0..=17 {
        let text = fixed(x, decimals);
        if crate::input::decimal(&text) == Some(x) {
            return text;
        }
    }
    trim(fixed(x, 17))
}

/// Drops trailing zeros after a point, and the point if nothing follows it.
pub fn trim(mut text: String) -> String {
    if text.contains('.') {
        let keep = text.trim_end_matches('0').trim_end_matches('.').len();
        text.truncate(keep);
    }
    text
}

// Not inlined: `fixed` and `Fixed` share one copy in the page.
#[inline(never)]
fn write_fixed(out: &mut dyn fmt::Write, x: f64, decimals: u32) -> fmt::Result {
    let decimals = decimals.min(22);
    if x.is_nan() {
        return out.write_str("NaN");
    }
    if x.is_sign_negative() {
        out.write_char('-')?;
    }
    if x.is_infinite() {
        return out.write_str("inf");
    }
    // x = m · 2^e exactly.
    let bits = x.to_bits();
    let raw_exp = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1 << 52) - 1);
    let (m, e) = if raw_exp == 0 { (frac, -1074) } else { (frac | (1 << 52), raw_exp - 1075) };
    if e >= 0 {
        // A whole number: its digits, then zeros.
        write_whole(out, m, e.unsigned_abs())?;
        if decimals > 0 {
            out.write_char('.')?;
            for _ in 0..decimals {
                out.write_char('0')?;
            }
        }
        return Ok(());
    }
    // round(m · 10^d / 2^s), ties to even. m < 2^53 and 10^d < 2^74 for
    // d <= 22, so the product fits in 128 bits.
    let s = e.unsigned_abs();
    let d = decimals;
    let v = u128::from(m) * 10u128.pow(d);
    let n = if s >= 128 {
        0
    } else {
        let q = v >> s;
        let r = v & ((1u128 << s) - 1);
        let half = 1u128 << (s - 1);
        if r > half || (r == half && q & 1 == 1) { q + 1 } else { q }
    };
    let digits = u128_text(n);
    let d = d as usize;
    if digits.len() > d {
        out.write_str(&digits[..digits.len() - d])?;
    } else {
        out.write_char('0')?;
    }
    if decimals > 0 {
        out.write_char('.')?;
        for _ in digits.len()..d {
            out.write_char('0')?;
        }
        out.write_str(&digits[digits.len().saturating_sub(d)..])?;
    }
    Ok(())
}

/// Writes m · 2^e, a whole number, in decimal.
fn write_whole(out: &mut dyn fmt::Write, m: u64, e: u32) -> fmt::Result {
    if e <= 64 {
        return out.write_str(&u128_text(u128::from(m) << e));
    }
    // Base-10^9 limbs, least significant first, doubled 2^29 at a time.
    const BASE: u64 = 1_000_000_000;
    let mut limbs = vec![m % BASE, (m / BASE) % BASE, m / (BASE * BASE)];
    let mut left = e;
    while left > 0 {
        let k = left.min(29);
        left -= k;
        let mut carry = 0u64;
        for limb in &mut limbs {
            let v = (*limb << k) + carry;
            *limb = v % BASE;
            carry = v / BASE;
        }
        if carry > 0 {
            limbs.push(carry);
        }
    }
    while limbs.len() > 1 && limbs.last() == Some(&0) {
        limbs.pop();
    }
    let mut rest = limbs.iter().rev();
    if let Some(top) = rest.next() {
        write!(out, "{top}")?;
    }
    for limb in rest {
        write!(out, "{limb:09}")?;
    }
    Ok(())
}

/// `n` in decimal, through `u64`s: std's own `u128` printing is 1.3 KB of
/// wasm more.
fn u128_text(n: u128) -> String {
    const E19: u128 = 10_000_000_000_000_000_000;
    match (u64::try_from(n / E19), u64::try_from(n % E19)) {
        (Ok(0), Ok(lo)) => lo.to_string(),
        (Ok(hi), Ok(lo)) => format!("{hi}{lo:019}"),
        _ => format!("{}{:019}", u128_text(n / E19), (n % E19) as u64),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_like_std_at_the_edges() {
        for &(x, d) in &[
            (0.125, 2),
            (0.375, 2),
            (2.5, 0),
            (3.5, 0),
            (-0.01, 1),
            (-0.0, 0),
            (0.0, 3),
            (1e-7, 7),
            (5e-324, 3),
            (f64::MAX, 2),
            (f64::MIN_POSITIVE, 22),
            (1.005, 2),
            (123456.789, 1),
            (9007199254740993.0, 0),
            (1e21, 0),
            (0.1, 22),
        ] {
            assert_eq!(fixed(x, d), format!("{x:.p$}", p = d as usize), "{x} to {d}");
        }
        for x in [f64::INFINITY, f64::NEG_INFINITY, f64::NAN] {
            assert_eq!(fixed(x, 2), format!("{x:.2}"));
        }
    }

    #[test]
    fn u128_text_is_std() {
        for n in [
            0,
            7,
            u128::from(u64::MAX),
            u128::from(u64::MAX) + 1,
            10u128.pow(19),
            10u128.pow(38) + 5,
            u128::MAX,
        ] {
            assert_eq!(u128_text(n), n.to_string());
        }
    }

    #[test]
    fn shortest_is_what_a_link_needs() {
        assert_eq!(shortest(0.1), "0.1");
        assert_eq!(shortest(250.0), "250");
        assert_eq!(shortest(1e-7), "0.0000001");
        assert_eq!(shortest(-1.25), "-1.25");
        assert_eq!(shortest(0.30000000000000004), "0.30000000000000004");
        assert_eq!(shortest(1.0 / 3.0), format!("{}", 1.0 / 3.0));
    }
}

// proptest runs natively only (see core/Cargo.toml).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn fixed_matches_std(bits in any::<u64>(), d in 0u32..=22) {
            let x = f64::from_bits(bits);
            prop_assert_eq!(fixed(x, d), format!("{x:.p$}", p = d as usize));
            prop_assert_eq!(Fixed(x, d).to_string(), format!("{x:.p$}", p = d as usize));
        }

        #[test]
        fn fixed_matches_std_for_everyday_numbers(x in -1e7f64..1e7, d in 0u32..8) {
            prop_assert_eq!(fixed(x, d), format!("{x:.p$}", p = d as usize));
        }

        /// For a number as a learner types it, the shortest text is std's.
        #[test]
        fn shortest_matches_std_for_typed_numbers(whole in 0u64..10_000_000, frac in 0u64..100_000, places in 0u32..6) {
            let text = format!("{whole}.{frac:0w$}", w = places as usize + 1);
            let x = crate::input::decimal(&text).unwrap();
            prop_assert_eq!(shortest(x), format!("{x}"));
        }
    }
}
