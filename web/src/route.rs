//! The URL's hash: `#/<lab>?<name>=<value>&...`.
//!
//! The hash carries the whole run: the lab, its settings (named like the CLI's
//! flags), the seed, the command log, and the shell's own options (language,
//! embed, speed, comparison). Opening the link rebuilds the same run.

use scalelab_core::input::{Choice, InputError, Problem, parse_f64};
use scalelab_core::lab::LabId;

/// Options of the shell itself, not of a lab.
pub const SHELL_PARAMS: &[&str] = &["lang", "embed", "speed", "vs"];

/// A parsed hash.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Route {
    /// The lab named in the path, if it is one.
    pub lab: Option<LabId>,
    /// A path that names no lab (shown as a message on the home page).
    pub unknown: Option<String>,
    /// Every `name=value`, decoded, in order.
    pub params: Vec<(String, String)>,
}

impl Route {
    /// Reads `#/<lab>?<query>` (with or without the leading `#`).
    pub fn parse(hash: &str) -> Route {
        let hash = hash.strip_prefix('#').unwrap_or(hash);
        let hash = hash.strip_prefix('/').unwrap_or(hash);
        let (path, query) = hash.split_once('?').unwrap_or((hash, ""));
        let path = decode(path.trim_end_matches('/'));
        let (lab, unknown) = match path.as_str() {
            "" => (None, None),
            p => match LabId::parse("lab", p) {
                Ok(id) => (Some(id), None),
                Err(_) => (None, Some(p.to_owned())),
            },
        };
        let params = query
            .split('&')
            .filter(|kv| !kv.is_empty())
            .map(|kv| {
                let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
                (decode(k), decode(v))
            })
            .collect();
        Route { lab, unknown, params }
    }

    /// The parameters meant for the lab (everything but the shell's own).
    pub fn lab_params(&self) -> impl Iterator<Item = (&str, &str)> {
        self.params
            .iter()
            .filter(|(k, _)| !SHELL_PARAMS.contains(&k.as_str()))
            .map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// The last value given for `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.params.iter().rev().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

/// Builds `#/<lab>?<name>=<value>&...`.
pub fn build<'a>(lab: LabId, params: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let mut out = format!("#/{}", lab.name());
    for (i, (k, v)) in params.into_iter().enumerate() {
        out.push(if i == 0 { '?' } else { '&' });
        out.push_str(&encode(k));
        out.push('=');
        out.push_str(&encode(v));
    }
    out
}

/// Percent-encodes all but unreserved characters and the `:` and `,` that
/// command logs use, so logs stay readable in the address bar.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b':' | b',' => {
                out.push(b as char);
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Decodes `%XX` and `+`; invalid escapes are kept as written.
pub fn decode(s: &str) -> String {
    fn hex(b: u8) -> Option<u8> {
        (b as char).to_digit(16).map(|d| d as u8)
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = match bytes[i] {
            b'%' if i + 2 < bytes.len() => hex(bytes[i + 1]).zip(hex(bytes[i + 2])).map(|(h, l)| h << 4 | l),
            _ => None,
        };
        match (bytes[i], escaped) {
            (_, Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b'+', None) => {
                out.push(b' ');
                i += 1;
            }
            (b, None) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The interface language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Bengali (বাংলা).
    Bn,
}

impl Choice for Lang {
    const ALL: &'static [Lang] = &[Lang::En, Lang::Bn];
    fn name(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Bn => "bn",
        }
    }
}

/// Simulation speeds offered: simulated seconds per real second.
pub const SPEEDS: &[f64] = &[0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0];

/// The speed a lab starts at: slow enough to follow single requests.
pub const DEFAULT_SPEED: f64 = 0.1;

/// The shell's options, read from the hash.
#[derive(Clone, Debug, PartialEq)]
pub struct ShellOptions {
    /// Interface language.
    pub lang: Lang,
    /// Show the lab alone, for an iframe.
    pub embed: bool,
    /// Simulated seconds per real second.
    pub speed: f64,
    /// A second run beside the first with one setting changed (`name=value`).
    pub vs: Option<(String, String)>,
}

impl Default for ShellOptions {
    fn default() -> Self {
        ShellOptions { lang: Lang::En, embed: false, speed: DEFAULT_SPEED, vs: None }
    }
}

impl ShellOptions {
    /// Reads the shell's options; a bad one is reported and keeps its default.
    pub fn from_route(route: &Route) -> (ShellOptions, Vec<InputError>) {
        let mut o = ShellOptions::default();
        let mut errors = Vec::new();
        for (name, value) in &route.params {
            let result = match name.as_str() {
                "lang" => Lang::parse(name, value).map(|l| o.lang = l),
                "embed" => match value.as_str() {
                    "1" | "true" => {
                        o.embed = true;
                        Ok(())
                    }
                    "0" | "false" => {
                        o.embed = false;
                        Ok(())
                    }
                    _ => Err(InputError::new(name, value, Problem::NotOneOf(vec!["1", "0"]))),
                },
                "speed" => parse_f64(name, value, SPEEDS[0], SPEEDS[SPEEDS.len() - 1]).map(|s| o.speed = s),
                "vs" => match value.split_once('=') {
                    Some((k, v)) if !k.is_empty() => {
                        o.vs = Some((k.to_owned(), v.to_owned()));
                        Ok(())
                    }
                    _ => Err(InputError::new(name, value, Problem::NotOneOf(vec!["<setting>=<value>"]))),
                },
                _ => Ok(()),
            };
            errors.extend(result.err());
        }
        (o, errors)
    }

    /// The options that differ from the defaults, as URL parameters.
    pub fn to_params(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if let Some((k, v)) = &self.vs {
            out.push(("vs", format!("{k}={v}")));
        }
        if self.speed != DEFAULT_SPEED {
            out.push(("speed", scalelab_core::input::fmt_num(self.speed)));
        }
        if self.lang != Lang::En {
            out.push(("lang", self.lang.name().to_owned()));
        }
        if self.embed {
            out.push(("embed", "1".to_owned()));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_lab_and_params() {
        let r = Route::parse("#/load-balancing?servers=4&policy=p2c&log=1500:kill:1,2000:add&lang=bn");
        assert_eq!(r.lab, Some(LabId::LoadBalancing));
        assert_eq!(r.get("log"), Some("1500:kill:1,2000:add"));
        let lab: Vec<_> = r.lab_params().collect();
        assert_eq!(lab, [("servers", "4"), ("policy", "p2c"), ("log", "1500:kill:1,2000:add")]);
    }

    #[test]
    fn unknown_paths_and_empty_hashes() {
        assert_eq!(Route::parse(""), Route::default());
        assert_eq!(Route::parse("#/"), Route::default());
        assert_eq!(Route::parse("#/nope").unknown.as_deref(), Some("nope"));
    }

    #[test]
    fn build_and_parse_round_trip_with_awkward_values() {
        let params = [("vs", "layout=vertical"), ("log", "1:kill:0"), ("x", "a b&c%")];
        let hash = build(LabId::LoadBalancing, params.iter().copied());
        assert!(hash.contains("log=1:kill:0"), "logs stay readable: {hash}");
        let r = Route::parse(&hash);
        let back: Vec<(&str, &str)> = r.params.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        assert_eq!(back, params);
    }

    #[test]
    fn decode_keeps_broken_escapes() {
        assert_eq!(decode("100%"), "100%");
        assert_eq!(decode("%zz"), "%zz");
        assert_eq!(decode("%41+b"), "A b");
        assert_eq!(decode("%E0%A6%AC%"), "ব%", "multi-byte escapes, trailing %");
        assert_eq!(decode("বাংলা%4"), "বাংলা%4", "no panic next to multi-byte text");
    }

    #[test]
    fn shell_options_report_bad_values_and_keep_defaults() {
        let r = Route::parse("#/load-balancing?lang=fr&speed=fast&embed=1&vs=layout=vertical");
        let (o, errors) = ShellOptions::from_route(&r);
        assert_eq!(o.lang, Lang::En);
        assert_eq!(o.speed, DEFAULT_SPEED);
        assert!(o.embed);
        assert_eq!(o.vs, Some(("layout".into(), "vertical".into())));
        let names: Vec<&str> = errors.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["lang", "speed"]);
        assert_eq!(o.to_params().len(), 2);
    }
}
