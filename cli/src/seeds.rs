//! `--seeds A..B`: the same settings over a range of seeds, run on every core
//! (rayon), and each metric's mean, standard deviation and 95% confidence
//! interval (Student's t), so a course author can say "0.909 ± 0.002 over
//! 100 seeds".

use crate::output::{Format, Run};
use scalelab_core::metrics::Spread;
use serde_json::{Map, Value, json};

/// The most seeds one `--seeds` may name.
pub const MAX_SEEDS: u64 = 10_000;

/// Reads `A..B` (both included).
pub fn parse(text: &str) -> Result<(u64, u64), String> {
    let bad = || format!("--seeds: {text:?} should look like <first>..<last>, e.g. 1..20 (both included)");
    let (a, b) = text.split_once("..").ok_or_else(bad)?;
    let (a, b): (u64, u64) = (a.trim().parse().map_err(|_| bad())?, b.trim().parse().map_err(|_| bad())?);
    if b < a {
        return Err(format!("--seeds: {text}: the last seed is below the first"));
    }
    if b - a >= MAX_SEEDS {
        return Err(format!("--seeds: {text}: at most {MAX_SEEDS} seeds at once"));
    }
    Ok((a, b))
}

/// One metric over the seeds.
#[derive(Clone, Debug, PartialEq)]
pub struct Named {
    /// The metric's name (the JSON field).
    pub name: String,
    /// Its spread.
    pub spread: Spread,
}

/// Each numeric metric's spread over `runs` (the same settings, one seed each).
pub fn spread(runs: &[Run]) -> Vec<Named> {
    let Some(first) = runs.first() else { return Vec::new() };
    let skip = ["seed", "duration_ms"];
    first
        .totals
        .iter()
        .filter(|(name, v)| v.is_number() && !skip.contains(&name.as_str()))
        .filter_map(|(name, _)| {
            let xs: Vec<f64> =
                runs.iter().filter_map(|r| r.totals.get(name).and_then(Value::as_f64)).collect();
            Some(Named { name: name.clone(), spread: Spread::of(&xs)? })
        })
        .collect()
}

/// `x` with as many decimals as `scale` (the interval's half-width) calls
/// for: two significant digits of it, at most six decimals.
fn show(x: f64, scale: f64) -> String {
    // A spread below rounding noise is none.
    if scale > 1e-9 * x.abs().max(1e-300) && scale.is_finite() {
        let decimals = (1.0 - scale.log10().floor()).clamp(0.0, 6.0) as usize;
        return format!("{x:.decimals$}");
    }
    let text = format!("{x:.6}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" { "0".to_owned() } else { text.to_owned() }
}

/// Prints the spreads of one set of seeds, or of a sweep's sets side by side
/// (`groups`: each sweep value's label and its runs).
pub fn render(groups: &[(Option<String>, Vec<Run>)], (first, last): (u64, u64), format: Format) -> String {
    let spreads: Vec<(Option<&String>, Vec<Named>)> =
        groups.iter().map(|(label, runs)| (label.as_ref(), spread(runs))).collect();
    let count = last - first + 1;
    match format {
        Format::Json => {
            let objects: Vec<Value> = groups
                .iter()
                .zip(&spreads)
                .map(|((label, runs), (_, s))| {
                    let mut o = Map::new();
                    if let Some(first_run) = runs.first() {
                        for key in ["lab", "settings"] {
                            if let Some(v) = first_run.totals.get(key) {
                                o.insert(key.into(), v.clone());
                            }
                        }
                    }
                    if let Some(label) = label {
                        o.insert("swept".into(), json!(label));
                    }
                    o.insert("seeds".into(), json!({ "first": first, "last": last, "count": count }));
                    let metrics: Map<String, Value> = s
                        .iter()
                        .map(|Named { name, spread: m }| {
                            let v = json!({
                                "mean": m.mean, "sd": m.sd,
                                "ci95_low": m.mean - m.half_width, "ci95_high": m.mean + m.half_width,
                                "min": m.min, "max": m.max,
                            });
                            (name.clone(), v)
                        })
                        .collect();
                    o.insert("metrics".into(), Value::Object(metrics));
                    Value::Object(o)
                })
                .collect();
            let value = if groups.len() == 1 && groups[0].0.is_none() {
                objects.into_iter().next().unwrap_or_default()
            } else {
                Value::Array(objects)
            };
            format!("{}\n", serde_json::to_string_pretty(&value).unwrap_or_default())
        }
        Format::Csv => {
            let mut out = String::from("swept,metric,seeds,mean,sd,ci95_low,ci95_high,min,max\n");
            for (label, s) in &spreads {
                for Named { name, spread: m } in s {
                    out.push_str(&format!(
                        "{},{},{count},{},{},{},{},{},{}\n",
                        label.map_or("", |l| l.as_str()),
                        name,
                        m.mean,
                        m.sd,
                        m.mean - m.half_width,
                        m.mean + m.half_width,
                        m.min,
                        m.max
                    ));
                }
            }
            out
        }
        Format::Table => {
            let mut header = vec![format!("metric (over {count} seeds, {first}..{last})")];
            let labelled = spreads.iter().any(|(l, _)| l.is_some());
            for (label, _) in &spreads {
                header.push(match label {
                    Some(l) if labelled => format!("{l}: mean ± 95%"),
                    _ => "mean ± 95%".to_owned(),
                });
            }
            if !labelled {
                header.push("sd".to_owned());
            }
            let mut rows = vec![header];
            let names =
                spreads.first().map_or(Vec::new(), |(_, s)| s.iter().map(|m| m.name.clone()).collect());
            for (i, name) in names.into_iter().enumerate() {
                let mut row = vec![name];
                for (_, s) in &spreads {
                    row.push(s.get(i).map_or(String::new(), |Named { spread: m, .. }| {
                        format!("{} ± {}", show(m.mean, m.half_width), show(m.half_width, m.half_width))
                    }));
                }
                if !labelled {
                    let m = &spreads[0].1[i].spread;
                    row.push(show(m.sd, m.half_width));
                }
                rows.push(row);
            }
            let widths: Vec<usize> = (0..rows[0].len())
                .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
                .collect();
            let mut out = String::new();
            for row in rows {
                for (c, cell) in row.iter().enumerate() {
                    if c == 0 {
                        out.push_str(&format!("{cell:<w$}", w = widths[0]));
                    } else {
                        out.push_str(&format!("  {cell:>w$}", w = widths[c]));
                    }
                }
                out.push('\n');
            }
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_range_of_seeds_reads_with_both_ends_and_nonsense_is_refused() {
        assert_eq!(parse("1..20"), Ok((1, 20)));
        assert_eq!(parse(" 7 .. 7 "), Ok((7, 7)));
        for bad in ["1-20", "20..1", "a..b", "1..", "0..10000"] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn every_numeric_metric_but_the_seed_gets_a_spread() {
        let runs: Vec<Run> = [2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0]
            .iter()
            .map(|&x| {
                let mut totals = Map::new();
                totals.insert("seed".into(), json!(1));
                totals.insert("lab".into(), json!("x"));
                totals.insert("m".into(), json!(x));
                Run { totals, settings: Vec::new(), series: Vec::new(), trace: String::new() }
            })
            .collect();
        let s = spread(&runs);
        assert_eq!(s.len(), 1, "only numeric metrics, not the seed");
        assert_eq!(s[0].name, "m");
        assert_eq!((s[0].spread.mean, s[0].spread.n), (5.0, 8));
        assert_eq!(show(0.909_090_9, 0.0021), "0.9091");
        assert_eq!(show(33.333, 0.4), "33.33");
        assert_eq!(show(0.700_000_000_000_000_1, 1e-17), "0.7");
        assert_eq!(show(5000.0, 0.0), "5000");
    }
}
