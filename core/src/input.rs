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
    /// Settings that cannot hold together; the text explains (English).
    Conflict(String),
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

/// Reads a finite number in `[min, max]`.
pub fn parse_f64(setting: &str, value: &str, min: f64, max: f64) -> Result<f64, InputError> {
    let x: f64 = value
        .trim()
        .parse()
        .ok()
        .filter(|x: &f64| x.is_finite())
        .ok_or_else(|| InputError::new(setting, value, Problem::NotANumber(Range::new(min, max))))?;
    if !(min..=max).contains(&x) {
        return Err(InputError::new(setting, value, Problem::OutOfRange(Range::new(min, max))));
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
            let problem = match text.parse::<f64>() {
                Ok(x) if x.is_finite() && x < 0.0 => Problem::OutOfRange(range),
                Ok(x) if x.is_finite() => Problem::NotAWholeNumber(range),
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
/// ranges settings use.
pub fn fmt_num(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 { format!("{}", x as i64) } else { format!("{x}") }
}

#[cfg(test)]
mod tests {
    use super::*;

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
