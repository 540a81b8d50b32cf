//! `cargo xtask bench [--quick]`: every speed figure measured in one run,
//! ours beside a peer on the same machine, printed as ratios and written to
//! `target/bench-report.json`. Nothing here is a pass/fail test: targets are
//! printed next to the measured figure so a reader sees the margin.

use crate::{Ctx, Failure, run, say};
use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

/// One line of the report.
struct Figure {
    /// The key in `bench-report.json`.
    key: &'static str,
    /// What was measured, in words.
    what: &'static str,
    value: f64,
    /// The target, for reading beside the value ("<= 1.0x").
    target: String,
    /// Whether the value meets the target.
    met: bool,
}

pub fn bench(ctx: &Ctx, args: &[String]) -> Result<(), Failure> {
    let quick = match args {
        [] => false,
        [flag] if flag == "--quick" => true,
        _ => return Err(Failure("bench takes only --quick".into())),
    };
    say(ctx, &format!("placement and cache benchmarks (criterion{})", if quick { ", --quick" } else { "" }));
    for bench in ["placement", "cache"] {
        let mut cmd = Command::new("cargo");
        cmd.args(["bench", "-p", "scalelab-core", "--bench", bench, "--locked", "--"]);
        if quick {
            cmd.arg("--quick");
        }
        run(ctx, &mut cmd)?;
    }

    let dir = ctx.root.join("target/criterion");
    let ns = |group: &str, f: &str| median_ns(&dir, group, f);
    let lookup = ns("ring_lookup", "ours")?;
    let lru = ns("lru_zipf", "ours")?;
    let figures = [
        ratio(
            "lru_vs_lru_crate",
            "LRU get/put on a Zipf trace: ours / lru",
            lru / ns("lru_zipf", "lru")?,
            1.0,
        ),
        ratio(
            "lru_vs_schnellru",
            "LRU get/put on a Zipf trace: ours / schnellru",
            lru / ns("lru_zipf", "schnellru")?,
            1.0,
        ),
        ratio(
            "ring_lookup_vs_hashring",
            "ring lookup, 10 nodes x 100 vnodes: ours / hashring",
            lookup / ns("ring_lookup", "hashring")?,
            1.0,
        ),
        ratio(
            "ring_lookup_vs_jump",
            "ring lookup: ours / jump hash (jumphash crate)",
            lookup / ns("ring_lookup", "jumphash")?,
            3.0,
        ),
        ratio(
            "ring_add_vs_hashring",
            "add a node (100 vnodes) to 10 x 100: ours / hashring",
            ns("ring_add", "ours")? / ns("ring_add", "hashring")?,
            0.2,
        ),
        {
            let ms = ns("ring_build_100x100", "ours")? / 1e6;
            Figure {
                key: "ring_build_100x100_ms",
                what: "build a ring of 100 nodes x 100 vnodes (ms)",
                value: ms,
                target: "<= 2 ms".into(),
                met: ms <= 2.0,
            }
        },
    ];
    report(ctx, &figures)
}

fn ratio(key: &'static str, what: &'static str, value: f64, at_most: f64) -> Figure {
    Figure { key, what, value, target: format!("<= {at_most:?}x"), met: value <= at_most }
}

/// Criterion's median estimate for one benchmark, in nanoseconds.
fn median_ns(dir: &Path, group: &str, function: &str) -> Result<f64, Failure> {
    let path = dir.join(group).join(function).join("new/estimates.json");
    let text = std::fs::read_to_string(&path)
        .map_err(|e| Failure(format!("cannot read {}: {e}", path.display())))?;
    point_estimate(&text, "median")
        .ok_or_else(|| Failure(format!("{}: no median point_estimate", path.display())))
}

/// The `point_estimate` of one statistic in criterion's `estimates.json`,
/// read by hand so xtask needs no dependencies.
fn point_estimate(json: &str, statistic: &str) -> Option<f64> {
    let at = json.find(&format!("\"{statistic}\":"))?;
    let rest = &json[at..];
    let key = "\"point_estimate\":";
    let rest = &rest[rest.find(key)? + key.len()..];
    let end = rest.find([',', '}'])?;
    rest[..end].trim().parse().ok()
}

fn report(ctx: &Ctx, figures: &[Figure]) -> Result<(), Failure> {
    let mut table = String::new();
    let _ = writeln!(table, "\n{:<56} {:>10}  {:<8} met", "measured", "value", "target");
    for f in figures {
        let _ = writeln!(
            table,
            "{:<56} {:>10.3}  {:<8} {}",
            f.what,
            f.value,
            f.target,
            if f.met { "yes" } else { "NO" }
        );
    }
    println!("{table}");
    let body: Vec<String> = figures.iter().map(|f| format!("  \"{}\": {}", f.key, f.value)).collect();
    let json = format!("{{\n{}\n}}\n", body.join(",\n"));
    let path = ctx.root.join("target/bench-report.json");
    std::fs::write(&path, json).map_err(|e| Failure(format!("cannot write {}: {e}", path.display())))?;
    say(ctx, &format!("wrote {}", path.display()));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::point_estimate;

    #[test]
    fn reads_the_named_statistic_not_the_first() {
        let json = r#"{"mean":{"confidence_interval":{"lower_bound":1.0},"point_estimate":60808.5,"standard_error":8.0},"median":{"point_estimate":59000.25,"standard_error":1.0}}"#;
        assert_eq!(point_estimate(json, "mean"), Some(60808.5));
        assert_eq!(point_estimate(json, "median"), Some(59000.25));
        assert_eq!(point_estimate(json, "slope"), None);
    }
}
