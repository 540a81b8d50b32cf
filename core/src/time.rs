//! Virtual time.
//!
//! Simulated time is an integer count of microseconds, never a float and never
//! read from a clock: the shell, the CLI or a test says how far to advance.
//! Integer time keeps event order identical on every platform, which is what
//! lets a link replay the exact same run in every browser.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::ops::{Add, AddAssign, Sub};

/// An instant in simulated time, in microseconds since the start of the run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct SimTime(pub u64);

/// A span of simulated time, in microseconds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct SimDuration(pub u64);

impl SimTime {
    /// The start of every run.
    pub const ZERO: SimTime = SimTime(0);
    /// Later than any event a run can schedule.
    pub const MAX: SimTime = SimTime(u64::MAX);

    /// The instant `ms` milliseconds after the start.
    pub const fn from_ms(ms: u64) -> SimTime {
        SimTime(ms.saturating_mul(1_000))
    }

    /// The span from `earlier` to `self`, zero if `earlier` is later.
    pub fn since(self, earlier: SimTime) -> SimDuration {
        SimDuration(self.0.saturating_sub(earlier.0))
    }

    /// How far along the way from `from` to `to` this instant is, 0 to 1
    /// (1 for a trip that takes no time): where a message in flight is drawn.
    pub fn progress(self, from: SimTime, to: SimTime) -> f64 {
        let span = to.0.saturating_sub(from.0);
        if span == 0 {
            return 1.0;
        }
        (self.0.saturating_sub(from.0) as f64 / span as f64).clamp(0.0, 1.0)
    }
}

impl SimDuration {
    /// No time at all.
    pub const ZERO: SimDuration = SimDuration(0);

    /// A span of whole microseconds.
    pub const fn from_us(us: u64) -> SimDuration {
        SimDuration(us)
    }

    /// A span of whole milliseconds.
    pub const fn from_ms(ms: u64) -> SimDuration {
        SimDuration(ms.saturating_mul(1_000))
    }

    /// A span of whole seconds.
    pub const fn from_secs(s: u64) -> SimDuration {
        SimDuration(s.saturating_mul(1_000_000))
    }

    /// A span of fractional milliseconds, rounded to the nearest microsecond.
    /// Negative and non-finite inputs give zero: callers validate user input
    /// before it gets here, so this only guards against arithmetic accidents.
    pub fn from_ms_f64(ms: f64) -> SimDuration {
        if ms.is_finite() && ms > 0.0 {
            // `as` saturates at u64::MAX for huge values, which is what we want.
            SimDuration(round_us(ms * 1_000.0))
        } else {
            SimDuration::ZERO
        }
    }
}

/// The unit conversions both newtypes share (an instant counts from the
/// start of the run; a span from its own beginning).
/// `x` rounded to the nearest whole number, halves up, as a `u64` (0 for a
/// negative or NaN `x`, `u64::MAX` past it): how core turns a drawn float
/// into microseconds. `f64::round` is a library call on x86-64 without
/// SSE4.1 and on wasm32; this is an add and a truncating conversion, and
/// differs from it only on the float just below one half.
#[inline]
pub fn round_us(x: f64) -> u64 {
    (x + 0.5) as u64
}

macro_rules! micros {
    ($($t:ty),*) => {$(
        impl $t {
            /// Whole microseconds.
            pub const fn as_us(self) -> u64 {
                self.0
            }

            /// Milliseconds, for display.
            pub fn as_ms_f64(self) -> f64 {
                self.0 as f64 / 1_000.0
            }

            /// Seconds, for rates.
            pub fn as_secs_f64(self) -> f64 {
                self.0 as f64 / 1_000_000.0
            }
        }
    )*};
}

micros!(SimTime, SimDuration);

impl Add<SimDuration> for SimTime {
    type Output = SimTime;
    fn add(self, d: SimDuration) -> SimTime {
        SimTime(self.0.saturating_add(d.0))
    }
}

impl AddAssign<SimDuration> for SimTime {
    fn add_assign(&mut self, d: SimDuration) {
        *self = *self + d;
    }
}

impl Add for SimDuration {
    type Output = SimDuration;
    fn add(self, d: SimDuration) -> SimDuration {
        SimDuration(self.0.saturating_add(d.0))
    }
}

impl Sub for SimTime {
    type Output = SimDuration;
    fn sub(self, earlier: SimTime) -> SimDuration {
        self.since(earlier)
    }
}

impl fmt::Display for SimTime {
    /// `12.345 ms`-style: milliseconds with microsecond precision, so a
    /// printed time can be pasted back into a command log exactly.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_ms(f, self.0)
    }
}

impl fmt::Display for SimDuration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_ms(f, self.0)
    }
}

/// Writes microseconds as milliseconds without trailing zeros: `1500` → `1.5`.
pub(crate) fn write_ms(f: &mut impl fmt::Write, us: u64) -> fmt::Result {
    let (whole, frac) = (us / 1_000, us % 1_000);
    if frac == 0 {
        write!(f, "{whole}")
    } else {
        let digits = format!("{frac:03}");
        write!(f, "{whole}.{}", digits.trim_end_matches('0'))
    }
}

/// Parses milliseconds with up to three decimals (`"1500"`, `"12.345"`) into
/// exact microseconds. Used for command logs, where a float would round.
pub fn parse_ms_exact(text: &str) -> Option<u64> {
    let text = text.trim();
    let (whole, frac) = match text.split_once('.') {
        Some((w, f)) => (w, f),
        None => (text, ""),
    };
    if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if frac.len() > 3 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let whole: u64 = whole.parse().ok()?;
    let mut frac_us: u64 = 0;
    for (i, b) in frac.bytes().enumerate() {
        frac_us += u64::from(b - b'0') * [100, 10, 1][i];
    }
    whole.checked_mul(1_000)?.checked_add(frac_us)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_runs_from_zero_to_one_along_a_trip() {
        let (from, to) = (SimTime::from_ms(10), SimTime::from_ms(20));
        assert_eq!(SimTime::from_ms(5).progress(from, to), 0.0);
        assert_eq!(SimTime::from_ms(15).progress(from, to), 0.5);
        assert_eq!(SimTime::from_ms(25).progress(from, to), 1.0);
        assert_eq!(from.progress(from, from), 1.0, "a trip that takes no time is over");
    }

    #[test]
    fn display_and_parse_round_trip_exactly() {
        for us in [0, 1, 10, 999, 1_000, 1_500, 12_345, 3_600_000_001] {
            let text = SimTime(us).to_string();
            assert_eq!(parse_ms_exact(&text), Some(us), "{text}");
        }
        assert_eq!(SimTime(1_500).to_string(), "1.5");
        assert_eq!(SimTime(2_000).to_string(), "2");
    }

    #[test]
    fn parse_rejects_what_it_cannot_represent() {
        for bad in ["", ".5", "1.2345", "-1", "1e3", "abc", "1.x"] {
            assert_eq!(parse_ms_exact(bad), None, "{bad}");
        }
    }

    #[test]
    fn from_ms_f64_rounds_and_guards() {
        assert_eq!(SimDuration::from_ms_f64(1.0004), SimDuration(1_000));
        assert_eq!(SimDuration::from_ms_f64(1.0006), SimDuration(1_001));
        assert_eq!(SimDuration::from_ms_f64(-3.0), SimDuration::ZERO);
        assert_eq!(SimDuration::from_ms_f64(f64::NAN), SimDuration::ZERO);
    }
}
