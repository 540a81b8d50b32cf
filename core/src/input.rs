//! User input, validated once into typed config.
//!
//! A lab's settings arrive as `name=value` text: from URL parameters, from CLI
//! flags (the same names) and from command logs. Each value is checked here
//! and turned into a typed setting, or into an [`InputError`] that says which
//! setting, what was wrong, and what is allowed. The error is data (a
//! [`Problem`]), not a sentence, so the web shell can say it in Bengali too.

use std::fmt;

/// What was wrong with a value.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// Not a number at all.
    NotANumber(Range),
    /// A number, but not a whole one.
    NotAWholeNumber(Range),
    /// A number outside the allowed range.
    OutOfRange(Range),
    /// Not one of a fixed set of words.
    NotOneOf(Vec<&'static str>),
    /// A setting this lab does not have.
    UnknownSetting(Vec<&'static str>),
    /// A command in a command log that could not be read; `expected` shows the form.
    BadCommand {
        /// The forms a command can take.
        expected: Vec<&'static str>,
    },
    /// Settings that cannot hold together.
    Conflict(Clash),
}

/// Why settings cannot hold together: the numbers a message needs, so each
/// language words it (the English is [`Clash`]'s `Display`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Clash {
    /// A table that must have a prime size does not.
    NotPrime {
        /// The nearest prime below.
        below: u64,
        /// The nearest prime above.
        above: u64,
    },
    /// This setting and `other` cannot both be given.
    NotBoth {
        /// The other setting.
        other: &'static str,
    },
    /// With `other` at `value`, this setting must be one of `allowed`.
    Needs {
        /// The other setting.
        other: &'static str,
        /// Its value.
        value: &'static str,
        /// What this one may be then.
        allowed: &'static str,
    },
    /// Removing would leave none of the `have` there are.
    NoneLeft {
        /// How many there are.
        have: u32,
        /// Of what.
        of: Unit,
    },
    /// This setting must be below `other`'s `limit`.
    NotBelow {
        /// The other setting.
        other: &'static str,
        /// Its value this one must stay below.
        limit: String,
    },
    /// `have` plus `adding` is more than `max`.
    TooMany {
        /// How many there are.
        have: u32,
        /// How many would be added.
        adding: u32,
        /// The most there may be.
        max: u32,
        /// Of what.
        of: Unit,
    },
    /// `count` things with `each` apiece is `total`, more than `max` in all.
    TooBig {
        /// How many things.
        count: u64,
        /// What they are (servers, clients).
        things: Unit,
        /// How much each has.
        each: u64,
        /// Of what (cores, cached keys).
        of: Unit,
        /// Their product.
        total: u64,
        /// The most allowed in all.
        max: u64,
    },
}

/// What a [`Clash`] counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Nodes of a placement.
    Nodes,
    /// Servers.
    Servers,
    /// Clients.
    Clients,
    /// Cores of a machine.
    Cores,
    /// Cached keys.
    Keys,
}

impl Unit {
    /// The plural, in English.
    pub fn plural(self) -> &'static str {
        match self {
            Unit::Nodes => "nodes",
            Unit::Servers => "servers",
            Unit::Clients => "clients",
            Unit::Cores => "cores",
            Unit::Keys => "keys",
        }
    }
}

impl fmt::Display for Clash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Clash::NotPrime { below, above } => {
                write!(f, "the table size must be prime; the nearest are {below} and {above}")
            }
            Clash::NotBoth { other } => write!(f, "give this or {other}, not both"),
            Clash::NotBelow { other, limit } => write!(f, "it must be below {other}'s {limit}"),
            Clash::Needs { other, value, allowed } => write!(f, "with {other}={value} it must be {allowed}"),
            Clash::NoneLeft { have, of } => {
                write!(f, "at least one of the {have} {} must stay; start with more", of.plural())
            }
            Clash::TooMany { have, adding, max, of } => {
                write!(f, "{have} + {adding} is more than {max} {}, the most there may be", of.plural())
            }
            Clash::TooBig { count, things, each, of, total, max } => {
                let (things, of) = (things.plural(), of.plural());
                write!(f, "{count} {things} × {each} {of} each is {total} {of}; at most {max} {of} in all")
            }
        }
    }
}

/// The numbers a setting allows, as text (`1` to `64`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Range {
    /// The smallest allowed value.
    pub min: String,
    /// The largest allowed value.
    pub max: String,
}

impl Range {
    fn new(min: impl fmt::Display, max: impl fmt::Display) -> Range {
        Range { min: min.to_string(), max: max.to_string() }
    }
}

/// A setting that could not be used, and why.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub struct InputError {
    /// The setting's name (the URL parameter and the CLI flag without `--`).
    pub name: String,
    /// The text that was given.
    pub value: String,
    /// What was wrong with it.
    pub problem: Problem,
}

impl InputError {
    /// An error about setting `name` given as `value`.
    pub fn new(name: &str, value: &str, problem: Problem) -> InputError {
        InputError { name: name.to_owned(), value: value.to_owned(), problem }
    }

    /// What is allowed, in English.
    pub fn allowed(&self) -> String {
        match &self.problem {
            Problem::NotANumber(r) | Problem::NotAWholeNumber(r) | Problem::OutOfRange(r) => {
                format!("{} to {}", r.min, r.max)
            }
            Problem::NotOneOf(words) => words.join(", "),
            Problem::UnknownSetting(known) => known.join(", "),
            Problem::BadCommand { expected } => expected.join(", "),
            Problem::Conflict(_) => String::new(),
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (name, value) = (&self.name, &self.value);
        match &self.problem {
            Problem::NotANumber(_) => {
                write!(f, "{name}: {value:?} is not a number; allowed: {}", self.allowed())
            }
            Problem::NotAWholeNumber(_) => {
                write!(f, "{name}: {value:?} is not a whole number; allowed: {}", self.allowed())
            }
            Problem::OutOfRange(_) => {
                write!(f, "{name}: {value} is out of range; allowed: {}", self.allowed())
            }
            Problem::NotOneOf(_) => {
                write!(f, "{name}: {value:?} is not allowed; allowed: {}", self.allowed())
            }
            Problem::UnknownSetting(_) => {
                write!(f, "{name}: no such setting; settings are: {}", self.allowed())
            }
            Problem::BadCommand { .. } => write!(
                f,
                "{name}: cannot read command {value:?}; commands look like <ms>:<command>, e.g. {}",
                self.allowed()
            ),
            Problem::Conflict(why) => write!(f, "{name}: {value}: {why}"),
        }
    }
}

/// A fixed set of named choices (a policy, a distribution, a layout).
pub trait Choice: Sized + Copy + PartialEq + 'static {
    /// Every choice, in the order to show them.
    const ALL: &'static [Self];
    /// The choice's name in URLs, flags and JSON.
    fn name(self) -> &'static str;

    /// The names of every choice.
    fn names() -> Vec<&'static str> {
        Self::ALL.iter().map(|c| c.name()).collect()
    }

    /// Reads a choice by name.
    fn parse(setting: &str, value: &str) -> Result<Self, InputError> {
        let wanted = value.trim();
        Self::ALL
            .iter()
            .copied()
            .find(|c| c.name().eq_ignore_ascii_case(wanted))
            .ok_or_else(|| InputError::new(setting, value, Problem::NotOneOf(Self::names())))
    }
}

/// Settings that run but leave the model with little to show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Degenerate {
    /// `points` hashed ring points on `positions` positions: many share one.
    CrowdedRing {
        /// Ring points of every node, added ones included.
        points: u64,
        /// The ring's positions.
        positions: u64,
    },
    /// `keys` keys hashed by identity onto `positions` positions: key k and
    /// k + positions always land together.
    KeysPileUp {
        /// Keys.
        keys: u64,
        /// The ring's positions.
        positions: u64,
    },
}

/// A warning about settings that work but make the model degenerate: which
/// setting to change, and why (the page words it in every language).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Warning {
    /// The setting to change.
    pub name: &'static str,
    /// What goes wrong.
    pub problem: Degenerate,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = self.name;
        match self.problem {
            Degenerate::CrowdedRing { points, positions } => write!(
                f,
                "{name}: {points} ring points on {positions} positions, so many share one and the busiest node \
                 holds far more than its share; raise {name} (e.g. 4294967296)"
            ),
            Degenerate::KeysPileUp { keys, positions } => write!(
                f,
                "{name}: {keys} keys hashed by identity onto {positions} positions, so key k and k + {positions} \
                 always land together; use {name}=mix or a larger ring-size"
            ),
        }
    }
}

/// Declares a choice enum once, with each variant's name: the enum (with the
/// derives every setting needs), serde's names, and its [`Choice`] impl all
/// come from one list, so no second list can fall out of step.
///
/// ```text
/// choices! {
///     /// How the load balancer picks a server for a key.
///     pub enum Routing {
///         /// `hash(key) mod N`.
///         Modulo = "modulo",
///         /// Consistent hashing on a ring.
///         Ring = "ring",
///     }
/// }
/// ```
macro_rules! choices {
    ($(#[$meta:meta])* pub enum $ty:ident { $($(#[$vmeta:meta])* $var:ident = $name:literal,)* }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
        pub enum $ty {
            $($(#[$vmeta])* #[serde(rename = $name)] $var,)*
        }

        impl $crate::input::Choice for $ty {
            const ALL: &'static [$ty] = &[$($ty::$var),*];
            fn name(self) -> &'static str {
                match self {
                    $($ty::$var => $name,)*
                }
            }
        }
    };
}
pub(crate) use choices;

/// Powers of ten that an `f64` holds exactly.
const EXACT_POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
    1e19, 1e20, 1e21, 1e22,
];

/// Reads a decimal number as Rust's `str::parse::<f64>` does (a sign,
/// digits with an optional point, an optional exponent: `-2.5`, `.5`,
/// `1e3`) and gives the same `f64`, when its digits make an integer of at
/// most 2^53 and its exponent is within ±22 (`0.1`, `450`, `12.345e-3`).
/// That is Clinger's fast path: both operands of one IEEE multiplication or
/// division are exact, so the one rounding is the correct one. Anything
/// else (more digits, a larger exponent, `inf`, `NaN`) is `None`: no
/// setting needs it. Written here because std's general parser brings a
/// 10 KB table of powers of five into the page.
pub fn decimal(text: &str) -> Option<f64> {
    let bytes = text.as_bytes();
    // How many digits run from `at`; the sign at `at` (negative?, its length).
    let digits_at =
        |at: usize| bytes.get(at..).map_or(0, |b| b.iter().take_while(|c| c.is_ascii_digit()).count());
    let sign_at = |at: usize| match bytes.get(at) {
        Some(b'-') => (true, 1),
        Some(b'+') => (false, 1),
        _ => (false, 0),
    };
    let (negative, mut i) = sign_at(0);
    // The digits as an integer, and the power of ten it is scaled by.
    let (mut digits, mut exp) = (0u64, 0i32);
    let mut push = |run: &[u8]| -> Option<()> {
        for &c in run {
            let d = c - b'0';
            match digits.checked_mul(10).and_then(|x| x.checked_add(u64::from(d))) {
                Some(x) if x <= 1 << 53 => digits = x,
                // A zero past the precision scales instead (`9007199254740993000`
                // has too many digits either way).
                _ if d == 0 => exp += 1,
                _ => return None,
            }
        }
        Some(())
    };
    let whole = digits_at(i);
    push(&bytes[i..i + whole])?;
    i += whole;
    let mut fraction = 0;
    if bytes.get(i) == Some(&b'.') {
        fraction = digits_at(i + 1);
        push(&bytes[i + 1..i + 1 + fraction])?;
        i += 1 + fraction;
    }
    if whole + fraction == 0 {
        return None;
    }
    exp -= i32::try_from(fraction).ok()?;
    if matches!(bytes.get(i), Some(b'e' | b'E')) {
        let (minus, sign) = sign_at(i + 1);
        i += 1 + sign;
        let len = digits_at(i);
        if len == 0 {
            return None;
        }
        // Past 10^9 the answer is refused below anyway.
        let e =
            bytes[i..i + len].iter().fold(0i32, |e, &c| (e * 10 + i32::from(c - b'0')).min(1_000_000_000));
        exp = exp.saturating_add(if minus { -e } else { e });
        i += len;
    }
    if i != bytes.len() {
        return None;
    }
    // Trailing zeros of a fraction (`2.50`) move into the exponent.
    while digits != 0 && digits % 10 == 0 && exp < 0 {
        (digits, exp) = (digits / 10, exp + 1);
    }
    #[allow(clippy::cast_precision_loss)] // at most 2^53: exact
    let m = digits as f64;
    let x = match usize::try_from(exp.unsigned_abs()).ok().and_then(|e| EXACT_POW10.get(e)) {
        _ if digits == 0 => 0.0,
        Some(&p) if exp >= 0 => m * p,
        Some(&p) => m / p,
        None => return None,
    };
    Some(if negative { -x } else { x })
}

/// Reads a finite number in `[min, max]`.
pub fn parse_f64(setting: &str, value: &str, min: f64, max: f64) -> Result<f64, InputError> {
    let range = || Range::new(fmt_num(min), fmt_num(max));
    let x: f64 =
        decimal(value.trim()).ok_or_else(|| InputError::new(setting, value, Problem::NotANumber(range())))?;
    if !(min..=max).contains(&x) {
        return Err(InputError::new(setting, value, Problem::OutOfRange(range())));
    }
    Ok(x)
}

/// Reads a whole number in `[min, max]`.
pub fn parse_u64(setting: &str, value: &str, min: u64, max: u64) -> Result<u64, InputError> {
    let text = value.trim();
    let range = Range::new(min, max);
    let x: u64 = match text.parse() {
        Ok(x) => x,
        Err(_) => {
            let problem = match decimal(text) {
                Some(x) if x < 0.0 => Problem::OutOfRange(range),
                Some(_) => Problem::NotAWholeNumber(range),
                _ => Problem::NotANumber(range),
            };
            return Err(InputError::new(setting, value, problem));
        }
    };
    if !(min..=max).contains(&x) {
        return Err(InputError::new(setting, value, Problem::OutOfRange(range)));
    }
    Ok(x)
}

/// Reads a whole number in `[min, max]` that fits a `u32`.
pub fn parse_u32(setting: &str, value: &str, min: u32, max: u32) -> Result<u32, InputError> {
    let x = parse_u64(setting, value, u64::from(min), u64::from(max))?;
    // In range of two u32 bounds, so it fits.
    Ok(u32::try_from(x).unwrap_or(max))
}

/// Formats a float for a URL or a flag: no trailing `.0`, no exponent for the
/// ranges settings use; it reads back as the same float.
pub fn fmt_num(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 { format!("{}", x as i64) } else { crate::numtext::shortest(x) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_read_as_rust_reads_them_or_not_at_all() {
        for text in [
            "0",
            "-0",
            "+5",
            "450",
            "0.1",
            ".5",
            "5.",
            "2.50",
            "1e3",
            "1E3",
            "2.5e-2",
            "12.345e-3",
            "007",
            "0.000",
            "100000",
            "0.9",
            "3.0",
            "9007199254740992",
            "1e22",
            "1e-22",
            "123456789012345e-20",
            "10000000000000000000e-3",
        ] {
            assert_eq!(decimal(text).map(f64::to_bits), text.parse::<f64>().ok().map(f64::to_bits), "{text}");
        }
        for text in [
            "",
            "-",
            "+",
            ".",
            "e5",
            "1e",
            "1e+",
            "1.2.3",
            "1_000",
            "0x10",
            "inf",
            "NaN",
            "infinity",
            " 1",
            "1 ",
            "--1",
            "1e23",
            "1e-23",
            "9007199254740993",
            "0.30000000000000004",
        ] {
            assert_eq!(decimal(text), None, "{text}");
        }
    }

    #[test]
    fn numbers_are_checked_and_explained() {
        assert_eq!(parse_f64("rate", " 12.5 ", 0.0, 100.0), Ok(12.5));
        let e = parse_f64("rate", "abc", 0.0, 100.0).unwrap_err();
        assert_eq!(e.to_string(), "rate: \"abc\" is not a number; allowed: 0 to 100");
        let e = parse_f64("rate", "inf", 0.0, 100.0).unwrap_err();
        assert!(matches!(e.problem, Problem::NotANumber(_)));
        let e = parse_f64("rate", "101", 0.0, 100.0).unwrap_err();
        assert_eq!(e.to_string(), "rate: 101 is out of range; allowed: 0 to 100");
    }

    #[test]
    fn whole_numbers_are_told_apart_from_fractions_and_negatives() {
        assert_eq!(parse_u32("servers", "4", 1, 64), Ok(4));
        let problem = |v| parse_u32("servers", v, 1, 64).unwrap_err().problem;
        assert!(matches!(problem("2.5"), Problem::NotAWholeNumber(_)));
        assert!(matches!(problem("-1"), Problem::OutOfRange(_)));
        assert!(matches!(problem("x"), Problem::NotANumber(_)));
        assert!(matches!(problem("65"), Problem::OutOfRange(_)));
        assert_eq!(
            parse_u32("servers", "2.5", 1, 64).unwrap_err().to_string(),
            "servers: \"2.5\" is not a whole number; allowed: 1 to 64"
        );
    }

    #[test]
    fn fmt_num_is_short() {
        assert_eq!(fmt_num(300.0), "300");
        assert_eq!(fmt_num(0.25), "0.25");
    }
}

// proptest runs natively only (see core/Cargo.toml).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod props {
    use super::decimal;
    use proptest::prelude::*;

    proptest! {
        /// Whatever `decimal` reads is what Rust reads, bit for bit; and it
        /// reads every number of up to 15 digits with an exponent within ±22.
        #[test]
        fn decimal_agrees_with_std(
            sign in prop::sample::select(vec!["", "-", "+"]),
            int in "[0-9]{0,12}",
            frac in prop::option::of("[0-9]{0,8}"),
            exp in prop::option::of(-30i32..30),
        ) {
            let text = format!(
                "{sign}{int}{}{}",
                frac.as_ref().map_or(String::new(), |f| format!(".{f}")),
                exp.map_or(String::new(), |e| format!("e{e}")),
            );
            let ours = decimal(&text);
            let std = text.parse::<f64>().ok();
            if let Some(x) = ours {
                prop_assert_eq!(Some(x.to_bits()), std.map(f64::to_bits), "{}", text);
            }
            let frac_len = frac.as_ref().map_or(0, String::len);
            let has_digits = !int.is_empty() || frac_len > 0;
            let effective = exp.unwrap_or(0) - frac_len as i32;
            if has_digits && int.len() + frac_len <= 15 && effective.abs() <= 22 {
                prop_assert!(ours.is_some(), "{} refused", text);
            }
        }
    }
}
