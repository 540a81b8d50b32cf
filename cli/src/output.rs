//! Rendering runs as JSON, CSV or an aligned table.
//!
//! Metrics arrive as the lab's serde `Metrics`, so every field the page shows
//! under `data-metric="<name>"` appears here under the same name.

use scalelab_core::input::fmt_num;
use scalelab_core::lab::{Lab, Settings};
use scalelab_core::session::Session;
use serde_json::{Map, Value, json};

/// How to print.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Aligned columns for people.
    Table,
    /// One JSON value.
    Json,
    /// Comma-separated rows with a header.
    Csv,
}

/// What one run produced.
#[derive(Debug)]
pub struct Run {
    /// Everything but the time series: lab, seed, duration, settings, metrics.
    pub totals: Map<String, Value>,
    /// `setting=value` for each setting, in order (labels for sweeps).
    pub settings: Vec<(String, String)>,
    /// One object per time-series window, starting with `time_ms`.
    pub series: Vec<Map<String, Value>>,
    /// The event log, one line per event.
    pub trace: String,
}

impl Run {
    /// Collects a finished session's output.
    pub fn of<L: Lab>(s: &Session<L>) -> Run {
        let settings: Vec<(String, String)> = L::Config::FIELDS
            .iter()
            .filter_map(|f| Some((f.name.to_owned(), s.config().get(f.name)?)))
            .collect();
        let mut totals = Map::new();
        totals.insert("lab".into(), json!(scalelab_core::input::Choice::name(L::ID)));
        totals.insert("seed".into(), json!(s.seed()));
        totals.insert("duration_ms".into(), json!(s.now().0 / 1_000));
        let settings_json: Map<String, Value> = settings.iter().map(|(k, v)| (k.clone(), typed(v))).collect();
        totals.insert("settings".into(), Value::Object(settings_json));
        if !s.log().is_empty() {
            totals.insert("log".into(), json!(s.log().encode()));
        }
        totals.insert("trace_hash".into(), json!(format!("{:016x}", s.lab().trace().hash())));
        // Commands the lab could not carry out (also said on stderr).
        totals.insert("ignored".into(), json!(s.refused()));
        // Settings that make the model degenerate (also said on stderr).
        let warnings: Vec<String> = s.warnings().iter().map(ToString::to_string).collect();
        totals.insert("warnings".into(), json!(warnings));
        if let Ok(Value::Object(metrics)) = serde_json::to_value(s.lab().metrics()) {
            totals.extend(metrics);
        }
        let series = s
            .lab()
            .series()
            .points()
            .map(|(t, p)| {
                let mut row = Map::new();
                row.insert("time_ms".into(), json!(t.0 / 1_000));
                if let Ok(Value::Object(fields)) = serde_json::to_value(p) {
                    row.extend(fields);
                }
                row
            })
            .collect();
        let trace =
            s.lab().trace().recent().map(|e| format!("{:<10} {}\n", e.at.to_string(), e.event)).collect();
        Run { totals, settings, series, trace }
    }

    fn label(&self, swept: &str) -> String {
        let value = self.settings.iter().find(|(k, _)| k == swept).map(|(_, v)| v.as_str()).unwrap_or("?");
        format!("{swept}={value}")
    }
}

/// A setting's text as JSON: numbers as numbers, words as strings.
fn typed(v: &str) -> Value {
    if let Ok(n) = v.parse::<u64>() {
        return json!(n);
    }
    v.parse::<f64>().ok().and_then(serde_json::Number::from_f64).map_or_else(|| json!(v), Value::Number)
}

/// Prints the totals of one run, or of a sweep's runs side by side.
pub fn totals(runs: &[Run], swept: Option<&str>, format: Format) -> String {
    match format {
        Format::Json => {
            let values: Vec<Value> = runs.iter().map(|r| Value::Object(r.totals.clone())).collect();
            let value = if swept.is_some() {
                Value::Array(values)
            } else {
                values.into_iter().next().unwrap_or_default()
            };
            format!("{}\n", serde_json::to_string_pretty(&value).unwrap_or_default())
        }
        Format::Csv => {
            let rows: Vec<Map<String, Value>> = runs.iter().map(|r| flatten_settings(&r.totals)).collect();
            csv(&rows)
        }
        Format::Table => match swept {
            None => runs.first().map(single_table).unwrap_or_default(),
            Some(name) => sweep_table(runs, name),
        },
    }
}

/// Prints the time series of each run.
pub fn series(runs: &[Run], format: Format) -> String {
    let many = runs.len() > 1;
    let rows: Vec<Map<String, Value>> = runs
        .iter()
        .enumerate()
        .flat_map(|(i, r)| {
            r.series.iter().map(move |row| {
                let mut out = Map::new();
                if many {
                    out.insert("run".into(), json!(i));
                }
                out.extend(row.clone());
                out
            })
        })
        .collect();
    match format {
        Format::Json => {
            let rows: Vec<Value> = rows.into_iter().map(Value::Object).collect();
            format!("{}\n", serde_json::to_string_pretty(&rows).unwrap_or_default())
        }
        Format::Csv => csv(&rows),
        Format::Table => {
            let header: Vec<String> = rows.first().map(|r| r.keys().cloned().collect()).unwrap_or_default();
            let body: Vec<Vec<String>> = rows.iter().map(|r| r.values().map(cell).collect()).collect();
            aligned(&header, &body)
        }
    }
}

/// Moves `settings.x` up to top-level `x` columns for CSV.
fn flatten_settings(totals: &Map<String, Value>) -> Map<String, Value> {
    let mut out = Map::new();
    for (k, v) in totals {
        match (k.as_str(), v) {
            ("settings", Value::Object(s)) => out.extend(s.iter().map(|(k, v)| (k.clone(), v.clone()))),
            _ => {
                out.insert(k.clone(), v.clone());
            }
        }
    }
    out
}

fn cell(v: &Value) -> String {
    match v {
        Value::Number(n) => {
            n.as_f64().map_or_else(|| n.to_string(), |x| fmt_num((x * 1_000.0).round() / 1_000.0))
        }
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(cell).collect::<Vec<_>>().join(";"),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn csv(rows: &[Map<String, Value>]) -> String {
    let Some(first) = rows.first() else { return String::new() };
    let quote =
        |s: String| if s.contains([',', '"', '\n']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s };
    let mut out = first.keys().cloned().collect::<Vec<_>>().join(",");
    out.push('\n');
    for row in rows {
        out.push_str(&row.values().map(|v| quote(cell(v))).collect::<Vec<_>>().join(","));
        out.push('\n');
    }
    out
}

fn is_metric(key: &str) -> bool {
    !matches!(
        key,
        "lab" | "seed" | "duration_ms" | "settings" | "log" | "trace_hash" | "ignored" | "warnings"
    )
}

fn single_table(run: &Run) -> String {
    let t = &run.totals;
    let mut out = format!(
        "{} · seed {} · {} ms simulated · trace {}\n",
        cell(&t["lab"]),
        cell(&t["seed"]),
        cell(&t["duration_ms"]),
        cell(&t["trace_hash"])
    );
    let settings: Vec<String> = run.settings.iter().map(|(k, v)| format!("{k}={v}")).collect();
    out.push_str(&format!("settings: {}\n", settings.join(" ")));
    if let Some(log) = t.get("log") {
        out.push_str(&format!("log: {}\n", cell(log)));
    }
    if let Some(Value::Array(ignored)) = t.get("ignored") {
        for r in ignored {
            out.push_str(&format!(
                "ignored: at {} ms, {}: {}\n",
                cell(&r["at_ms"]),
                cell(&r["command"]),
                cell(&r["why"])
            ));
        }
    }
    out.push('\n');
    let body: Vec<Vec<String>> = t
        .iter()
        .filter(|(k, _)| is_metric(k))
        .map(|(k, v)| vec![k.clone(), cell(v).replace(';', " ")])
        .collect();
    out.push_str(&aligned(&["metric".into(), "value".into()], &body));
    out
}

fn sweep_table(runs: &[Run], swept: &str) -> String {
    let mut header = vec!["metric".to_owned()];
    header.extend(runs.iter().map(|r| r.label(swept)));
    let Some(first) = runs.first() else { return String::new() };
    let body: Vec<Vec<String>> = first
        .totals
        .keys()
        .filter(|k| is_metric(k))
        .map(|k| {
            let mut row = vec![k.clone()];
            row.extend(runs.iter().map(|r| r.totals.get(k).map(cell).unwrap_or_default().replace(';', " ")));
            row
        })
        .collect();
    aligned(&header, &body)
}

/// Left-aligned first column, right-aligned numbers, two spaces apart.
fn aligned(header: &[String], body: &[Vec<String>]) -> String {
    let cols = header.len();
    let width = |i: usize| {
        body.iter()
            .filter_map(|r| r.get(i))
            .chain(header.get(i))
            .map(|s| s.chars().count())
            .max()
            .unwrap_or(0)
    };
    let widths: Vec<usize> = (0..cols).map(width).collect();
    let line = |row: &[String]| {
        let cells: Vec<String> =
            row.iter()
                .enumerate()
                .map(|(i, c)| {
                    if i == 0 { format!("{c:<w$}", w = widths[i]) } else { format!("{c:>w$}", w = widths[i]) }
                })
                .collect();
        format!("{}\n", cells.join("  ").trim_end())
    };
    let mut out = line(header);
    for row in body {
        out.push_str(&line(row));
    }
    out
}
