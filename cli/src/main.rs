//! `scalelab`: run any lab headless and print its numbers.
//!
//! Every lab is a subcommand; its flags are the lab's settings, named exactly
//! like the web page's URL parameters, so `#/load-balancing?servers=8&seed=3`
//! and `scalelab load-balancing --servers 8 --seed 3` are the same run and
//! print the same numbers. Output is a table for people, `--json` or
//! `--format csv` for scripts, `--sweep` for a slide's worth of rows,
//! `--seeds A..B` for each number's spread over many seeds.

mod lru;
mod output;
mod progress;
mod seeds;

use clap::{Arg, ArgAction, ArgMatches, Command};
use output::{Format, Run};
use progress::Progress;
use rayon::prelude::*;
use scalelab_core::input::Choice;
use scalelab_core::lab::{Lab, LabCommand, LabId, Settings};
use scalelab_core::labs::Visitor;
use scalelab_core::session::Session;
use scalelab_core::{SimDuration, SimTime};
use std::process::ExitCode;

/// How long a run lasts when `--duration-ms` is not given.
const DEFAULT_DURATION_MS: u64 = 10_000;

fn main() -> ExitCode {
    let matches = cli().get_matches();
    let Some((lab, m)) = matches.subcommand() else {
        // `subcommand_required` makes clap print help and exit before this.
        return ExitCode::from(2);
    };
    let result = dispatch(lab, m);
    match result {
        Ok(text) => {
            use std::io::Write as _;
            let mut out = std::io::stdout().lock();
            match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
                Ok(()) => ExitCode::SUCCESS,
                // A reader that stopped early (`| head`) is not an error:
                // stop quietly, as Unix tools do.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: writing the output: {e}");
                    ExitCode::from(1)
                }
            }
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

/// Runs the subcommand `name`: a lab through the registry, or `lru`.
fn dispatch(name: &str, m: &ArgMatches) -> Result<String, String> {
    match LabId::parse("lab", name) {
        Ok(id) => id.visit(RunLab(m)),
        Err(_) if name == "lru" => lru::run(m),
        Err(e) => Err(format!("--{e}")),
    }
}

/// The whole command line: one subcommand per lab.
pub fn cli() -> Command {
    let mut cmd = Command::new("scalelab")
        .about("Scale Lab, headless: run a lab and print the numbers the web page shows")
        .version(env!("CARGO_PKG_VERSION"))
        .subcommand_required(true)
        .arg_required_else_help(true);
    for &id in LabId::ALL {
        cmd = cmd.subcommand(id.visit(LabCommandLine));
    }
    cmd.subcommand(lru::command())
}

/// Builds a lab's subcommand (through the registry: no list of labs here).
struct LabCommandLine;

impl Visitor for LabCommandLine {
    type Output = Command;
    fn lab<L: Lab>(self) -> Command {
        lab_command::<L>()
    }
}

/// Runs a lab's subcommand.
struct RunLab<'a>(&'a ArgMatches);

impl Visitor for RunLab<'_> {
    type Output = Result<String, String>;
    fn lab<L: Lab>(self) -> Self::Output {
        run_lab::<L>(self.0)
    }
}

/// A lab's subcommand: its settings as flags, plus the flags every lab has.
fn lab_command<L: Lab>() -> Command {
    let defaults = L::Config::default();
    let mut cmd = Command::new(L::ID.name()).about(L::ID.about());
    for field in L::Config::FIELDS {
        let name = field.name;
        let default = defaults.get(name).unwrap_or_default();
        cmd = cmd.arg(
            Arg::new(name)
                .long(name)
                .value_name("VALUE")
                // `--rate -5` reaches our own check, which says what is allowed.
                .allow_negative_numbers(true)
                .help(format!("{} [default: {default}]", field.describe)),
        );
    }
    cmd.arg(Arg::new("seed").long("seed").value_name("S").allow_negative_numbers(true).help("the run's seed, 0-18446744073709551615 [default: 1]"))
        .arg(Arg::new("log").long("log").value_name("LOG").help(format!(
            "commands to apply during the run, e.g. {} (times in ms, as the page's link carries them; commands: {})",
            <L::Command as LabCommand>::EXAMPLE_LOG,
            <L::Command as LabCommand>::FORMS.join(", ")
        )))
        .arg(
            Arg::new("duration-ms")
                .long("duration-ms")
                .value_name("MS")
                .help(format!(
                    "how long to run, simulated ms, 1-86400000 [default: {DEFAULT_DURATION_MS}, or until a fixed number of requests is answered]"
                )),
        )
        .arg(Arg::new("json").long("json").action(ArgAction::SetTrue).help("print JSON (same as --format json)"))
        .arg(
            Arg::new("format")
                .long("format")
                .value_name("FORMAT")
                .value_parser(["table", "json", "csv"])
                .help("output format [default: table]"),
        )
        .arg(Arg::new("sweep").long("sweep").value_name("SETTING=V1,V2,...").help(
            "run once per value of one setting and print them side by side, e.g. --sweep policy=round-robin,p2c",
        ))
        .arg(Arg::new("seeds").long("seeds").value_name("A..B").help(
            "run the same settings once per seed from A to B (both included, on every core) and print each metric's mean, standard deviation and 95% confidence interval; combines with --sweep",
        ))
        .arg(
            Arg::new("series")
                .long("series")
                .action(ArgAction::SetTrue)
                .help("print the time series (one row per 100 ms window) instead of totals"),
        )
        .arg(
            Arg::new("trace")
                .long("trace")
                .action(ArgAction::SetTrue)
                .help("print the event log (the last 4096 events) instead of totals"),
        )
}

/// Runs one lab as the flags say and renders its output.
fn run_lab<L: Lab>(m: &ArgMatches) -> Result<String, String> {
    let format = match (m.get_flag("json"), m.get_one::<String>("format").map(String::as_str)) {
        (true, Some("table" | "csv")) => return Err("--json and --format disagree; give one".to_owned()),
        (true, _) | (false, Some("json")) => Format::Json,
        (false, Some("csv")) => Format::Csv,
        _ => Format::Table,
    };
    let mut pairs: Vec<(&str, &str)> = Vec::new();
    for name in Session::<L>::param_names() {
        if let Some(v) = m.get_one::<String>(name) {
            pairs.push((name, v));
        }
    }
    let sweep = m.get_one::<String>("sweep").map(|s| parse_sweep::<L>(s)).transpose()?;
    let values: Vec<Option<&str>> = match &sweep {
        Some((_, values)) => values.iter().map(|v| Some(v.as_str())).collect(),
        None => vec![None],
    };
    let swept = sweep.as_ref().map(|(name, _)| *name);
    let with = |value| with_value(&pairs, swept, value);
    if let Some(range) = m.get_one::<String>("seeds") {
        let (first, last) = seeds::parse(range)?;
        if m.contains_id("seed") && m.get_one::<String>("seed").is_some() {
            return Err("--seed and --seeds: give one".to_owned());
        }
        if m.get_flag("trace") || m.get_flag("series") {
            return Err("--seeds prints each metric's spread; --trace and --series show one run".to_owned());
        }
        let progress = Progress::new(values.len() as u64 * (last - first + 1), "runs");
        let mut groups = Vec::new();
        for value in values {
            let pairs = with(value);
            let runs: Vec<Run> = (first..=last)
                .into_par_iter()
                .map(|seed| {
                    let seed = seed.to_string();
                    let mut pairs = pairs.clone();
                    pairs.push(("seed", seed.as_str()));
                    let run = run_once::<L>(&pairs, None);
                    progress.inc();
                    run
                })
                .collect::<Result<_, _>>()?;
            let label = sweep.as_ref().zip(value).map(|((name, _), v)| format!("{name}={v}"));
            groups.push((label, runs));
        }
        return Ok(seeds::render(&groups, (first, last), format));
    }
    let mut runs = Vec::new();
    let progress = (values.len() > 1).then(|| Progress::new(values.len() as u64, "runs"));
    for value in values {
        let own = progress.is_none().then(|| Progress::new(1_000, "‰ of the run"));
        runs.push(run_once::<L>(&with(value), own.as_ref())?);
        if let Some(p) = &progress {
            p.inc();
        }
    }
    if m.get_flag("trace") {
        return Ok(runs.iter().map(|r| r.trace.clone()).collect::<Vec<_>>().join("\n"));
    }
    if m.get_flag("series") {
        return Ok(output::series(&runs, format));
    }
    Ok(output::totals(&runs, swept, format))
}

/// `pairs` with the swept setting `name` at `value`, if both are given.
fn with_value<'a>(
    pairs: &[(&'a str, &'a str)],
    name: Option<&'a str>,
    value: Option<&'a str>,
) -> Vec<(&'a str, &'a str)> {
    let mut pairs = pairs.to_vec();
    if let (Some(name), Some(v)) = (name, value) {
        pairs.retain(|(n, _)| *n != name);
        pairs.push((name, v));
    }
    pairs
}

/// Reads `--sweep name=v1,v2`: the name must be a setting and every value valid.
fn parse_sweep<L: Lab>(text: &str) -> Result<(&'static str, Vec<String>), String> {
    let Some((name, values)) = text.split_once('=') else {
        return Err(format!(
            "--sweep: {text:?} should look like <setting>=<v1>,<v2>,... e.g. policy=round-robin,p2c"
        ));
    };
    let Some(name) = L::Config::field(name.trim()).map(|f| f.name) else {
        return Err(format!(
            "--sweep: {name:?} is not a setting; settings are: {}",
            L::Config::names().join(", ")
        ));
    };
    let values: Vec<String> =
        values.split(',').map(str::trim).filter(|v| !v.is_empty()).map(String::from).collect();
    if values.is_empty() {
        return Err(format!("--sweep: no values given for {name}"));
    }
    for v in &values {
        L::Config::default().set(name, v).map_err(|e| format!("--sweep: {e}"))?;
    }
    Ok((name, values))
}

/// One run from `name=value` pairs: every bad value is an error (the CLI does
/// not fall back to defaults as the web page does).
fn run_once<L: Lab>(pairs: &[(&str, &str)], progress: Option<&Progress>) -> Result<Run, String> {
    let parsed = Session::<L>::from_params(pairs.iter().copied());
    if let Some(e) = parsed.errors.first() {
        return Err(format!("--{e}"));
    }
    let mut session = parsed.session;
    if session.stop_at().is_none() && session.lab().finite() {
        // A fixed workload: run until every request is answered.
        let limit = SimTime::from_ms(scalelab_core::session::MAX_DURATION_MS);
        while !session.lab().done() && session.now() < limit && session.step() {}
        return Ok(finished(&session));
    }
    if session.stop_at().is_none() {
        session.set_stop_at(Some(SimTime::from_ms(DEFAULT_DURATION_MS)));
    }
    match (progress, session.stop_at()) {
        // In thousandths, so a long run shows how far along it is; the
        // same trace as one call (commands enter at their times whatever
        // the steps).
        (Some(p), Some(end)) => {
            for k in 1..=1_000u64 {
                session.run_until(SimTime(end.0 / 1_000 * k).max(session.now()));
                p.set(k);
            }
            session.run_to_end(SimDuration::ZERO);
        }
        _ => session.run_to_end(SimDuration::ZERO),
    }
    Ok(finished(&session))
}

/// A finished run's output; says on stderr which commands were not carried
/// out (the JSON lists them too, under `ignored`).
fn finished<L: Lab>(session: &Session<L>) -> Run {
    for w in session.warnings() {
        eprintln!("warning: {w}");
    }
    for r in session.refused() {
        eprintln!("warning: at {} ms, {} was not carried out: {}", r.at_ms, r.command, r.why);
    }
    Run::of(session)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(args: &[&str]) -> Result<String, String> {
        let m = cli().try_get_matches_from(args).map_err(|e| e.to_string())?;
        let (name, sub) = m.subcommand().unwrap();
        dispatch(name, sub)
    }

    /// `--seeds`: each seed's run is the run `--seed` gives (their mean is
    /// the mean of the separate runs), and over 30 seeds the 95% interval of
    /// an M/M/1 queue's mean time in system holds 1/(mu - lambda).
    #[test]
    fn seeds_give_each_metrics_spread_and_its_interval_holds_the_theory() {
        let one = |seed: &str| -> f64 {
            let out = run(&["scalelab", "load-balancing", "--duration-ms", "2000", "--seed", seed, "--json"])
                .unwrap();
            let v: serde_json::Value = serde_json::from_str(&out).unwrap();
            v["completed"].as_f64().unwrap()
        };
        let out = run(&["scalelab", "load-balancing", "--duration-ms", "2000", "--seeds", "4..6", "--json"])
            .unwrap();
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let separate = [one("4"), one("5"), one("6")];
        assert!(separate[0] != separate[1] || separate[1] != separate[2], "the seeds differ: {separate:?}");
        let mean = separate.iter().sum::<f64>() / 3.0;
        assert!((v["metrics"]["completed"]["mean"].as_f64().unwrap() - mean).abs() < 1e-9, "{v}");
        assert_eq!(v["seeds"]["count"], 3);
        let mm1 = [
            "scalelab",
            "load-balancing",
            "--servers",
            "1",
            "--capacity",
            "1",
            "--rate",
            "70",
            "--service-ms",
            "10",
            "--queue-limit",
            "100000",
            "--client-latency-ms",
            "0",
            "--net-latency-ms",
            "0",
            "--jitter-ms",
            "0",
            "--timeout-ms",
            "3600000",
            "--duration-ms",
            "60000",
            "--seeds",
            "1..30",
            "--json",
        ];
        let v: serde_json::Value = serde_json::from_str(&run(&mm1).unwrap()).unwrap();
        let m = &v["metrics"]["latency_ms_mean"];
        let (lo, hi) = (m["ci95_low"].as_f64().unwrap(), m["ci95_high"].as_f64().unwrap());
        let theory = 1_000.0 / (100.0 - 70.0);
        assert!(lo <= theory && theory <= hi, "M/M/1: {theory:.2} ms outside [{lo:.2}, {hi:.2}]");
        assert!(hi - lo < 0.1 * theory, "30 seeds of a minute each pin it within 5%: [{lo:.2}, {hi:.2}]");
        let table =
            run(&["scalelab", "queues", "--seeds", "1..4", "--sweep", "redistribute=all,ring"]).unwrap();
        let row = table.lines().find(|l| l.starts_with("duplicates_processed")).unwrap();
        assert!(row.contains("1 ± 0") && row.contains("0 ± 0"), "{table}");
        for bad in [
            vec!["scalelab", "queues", "--seeds", "1..4", "--seed", "2"],
            vec!["scalelab", "queues", "--seeds", "4..1"],
            vec!["scalelab", "queues", "--seeds", "1..4", "--trace"],
        ] {
            let e = run(&bad).unwrap_err();
            assert!(e.contains("--seed"), "{bad:?}: {e}");
        }
    }

    #[test]
    fn every_lab_is_a_subcommand_and_reports_commands_it_cannot_carry_out() {
        struct Impossible;
        impl Visitor for Impossible {
            type Output = &'static str;
            fn lab<L: Lab>(self) -> &'static str {
                <L::Command as LabCommand>::IMPOSSIBLE
            }
        }
        for &id in LabId::ALL {
            let log = format!("200:{}", id.visit(Impossible));
            let out = run(&["scalelab", id.name(), "--log", &log, "--duration-ms", "500", "--json"])
                .unwrap_or_else(|e| panic!("{}: {e}", id.name()));
            let v: serde_json::Value = serde_json::from_str(&out).unwrap();
            assert_eq!(v["lab"], id.name());
            let ignored = v["ignored"].as_array().unwrap_or_else(|| panic!("{}: {out}", id.name()));
            let refused: Vec<&str> = ignored.iter().filter_map(|r| r["command"].as_str()).collect();
            assert_eq!(refused, [id.visit(Impossible)], "{}: {ignored:?}", id.name());
            assert!(ignored.iter().all(|r| !r["why"].as_str().unwrap_or("").is_empty()));
            let help = cli().find_subcommand(id.name()).map(|c| c.clone().render_long_help().to_string());
            let log = help.unwrap_or_default();
            assert!(log.contains(id.about()), "{}", id.name());
        }
    }

    #[test]
    fn hashing_prints_what_moved() {
        let out = run(&[
            "scalelab",
            "hashing",
            "--strategy",
            "modulo",
            "--nodes",
            "10",
            "--keys",
            "100000",
            "--key-hash",
            "mix",
            "--add",
            "1",
            "--seed",
            "3",
            "--json",
        ])
        .unwrap();
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        for field in [
            "keys",
            "nodes_before",
            "nodes_after",
            "keys_moved",
            "keys_moved_fraction",
            "moved_to_changed_nodes_fraction",
            "load_max_over_mean",
            "load_cv",
        ] {
            assert!(v[field].is_number(), "{field} in {out}");
        }
        assert_eq!((v["nodes_before"].as_u64(), v["nodes_after"].as_u64()), (Some(10), Some(11)));
        assert_eq!(v["share"].as_array().unwrap().len(), 11);
        let moved = v["keys_moved_fraction"].as_f64().unwrap();
        assert!((moved - 10.0 / 11.0).abs() < 0.01, "{moved}");
        let e = run(&["scalelab", "hashing", "--strategy", "chord"]).unwrap_err();
        assert!(
            e.contains("--strategy") && e.contains("modulo, ring, jump, rendezvous, maglev, bounded"),
            "{e}"
        );
        let e = run(&["scalelab", "hashing", "--add", "1", "--remove", "1"]).unwrap_err();
        assert!(e.contains("not both"), "{e}");
    }

    #[test]
    fn the_issue_example_prints_the_required_fields() {
        let out = run(&[
            "scalelab",
            "load-balancing",
            "--servers",
            "3",
            "--policy",
            "p2c",
            "--rate",
            "200",
            "--service-ms",
            "15",
            "--service-dist",
            "const",
            "--capacity",
            "2",
            "--queue-limit",
            "10",
            "--duration-ms",
            "3000",
            "--seed",
            "9",
            "--json",
        ])
        .unwrap();
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        for field in [
            "completed",
            "dropped",
            "failed",
            "throughput_rps",
            "latency_ms_mean",
            "latency_ms_p50",
            "latency_ms_p99",
        ] {
            assert!(v[field].is_number(), "{field} in {out}");
        }
        assert_eq!(v["per_server_completed"].as_array().unwrap().len(), 3);
        assert_eq!(v["seed"], 9);
        assert_eq!(v["settings"]["policy"], "p2c");
        assert!(v["completed"].as_u64().unwrap() > 500);
    }

    #[test]
    fn bad_flags_name_the_flag_and_what_is_allowed() {
        let e = run(&["scalelab", "load-balancing", "--policy", "fastest"]).unwrap_err();
        assert!(
            e.contains("--policy") && e.contains("round-robin, random, least-connections, p2c, hash"),
            "{e}"
        );
        let e = run(&["scalelab", "load-balancing", "--servers", "0"]).unwrap_err();
        assert!(e.contains("--servers") && e.contains("1 to 64"), "{e}");
        let e = run(&["scalelab", "load-balancing", "--log", "5:explode"]).unwrap_err();
        assert!(e.contains("--log") && e.contains("kill:<server>"), "{e}");
        let e = run(&["scalelab", "load-balancing", "--sweep", "colour=red"]).unwrap_err();
        assert!(e.contains("not a setting"), "{e}");
        let e = run(&["scalelab", "load-balancing", "--json", "--format", "csv"]).unwrap_err();
        assert!(e.contains("disagree"), "{e}");
    }

    #[test]
    fn same_flags_same_numbers() {
        let args = ["scalelab", "load-balancing", "--duration-ms", "2000", "--log", "500:kill:0", "--json"];
        assert_eq!(run(&args).unwrap(), run(&args).unwrap());
    }

    #[test]
    fn sweep_gives_one_column_per_value() {
        let out = run(&[
            "scalelab",
            "load-balancing",
            "--duration-ms",
            "1000",
            "--sweep",
            "layout=horizontal,vertical",
            "--json",
        ])
        .unwrap();
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let rows = v.as_array().unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1]["settings"]["layout"], "vertical");
        assert_eq!(rows[1]["per_server_completed"].as_array().unwrap().len(), 1);
        let table =
            run(&["scalelab", "load-balancing", "--duration-ms", "500", "--sweep", "servers=2,4"]).unwrap();
        assert!(table.lines().next().unwrap().contains("servers=2"), "{table}");
    }

    #[test]
    fn series_and_trace_print_rows() {
        let out =
            run(&["scalelab", "load-balancing", "--duration-ms", "1000", "--series", "--format", "csv"])
                .unwrap();
        let mut lines = out.lines();
        assert!(lines.next().unwrap().starts_with("time_ms,completed"));
        assert_eq!(lines.count(), 10);
        let out = run(&["scalelab", "load-balancing", "--duration-ms", "100", "--trace"]).unwrap();
        assert!(out.contains("arrived from client"), "{out}");
    }

    #[test]
    fn lru_prints_the_seeds_walk_through() {
        let out = run(&[
            "scalelab",
            "lru",
            "--policy",
            "lru",
            "--capacity",
            "3",
            "--trace",
            "1,2,3,4,1,2",
            "--json",
        ])
        .unwrap();
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(
            (v["hits"].as_u64(), v["misses"].as_u64(), v["evictions"].as_u64()),
            (Some(0), Some(6), Some(3))
        );
        assert_eq!(v["evicted"], serde_json::json!([1, 2, 3]));
        let e = run(&["scalelab", "lru", "--policy", "mru"]).unwrap_err();
        assert!(e.contains("lru, fifo, lfu, sieve"), "{e}");
        let e = run(&["scalelab", "lru", "--trace", "1,x"]).unwrap_err();
        assert!(e.contains("1,2,3,4,1,2"), "{e}");
        // A negative number is a bad value, not an unknown flag.
        let e = run(&["scalelab", "lru", "--capacity", "-1"]).unwrap_err();
        assert!(e.contains("--capacity") && e.contains("0 to 1000000"), "{e}");
        let e = run(&["scalelab", "caching", "--ttl-ms", "-5"]).unwrap_err();
        assert!(e.contains("--ttl-ms") && e.contains("-5"), "{e}");
    }

    #[test]
    fn replication_explains_a_quorum_too_big_a_bad_timeout_and_an_impossible_partition() {
        let e = run(&["scalelab", "replication", "--replicas", "3", "--write-quorum", "5"]).unwrap_err();
        assert!(e.contains("write-quorum") && e.contains("0 to 3"), "{e}");
        let e = run(&["scalelab", "replication", "--election-timeout-ms", "300-150"]).unwrap_err();
        assert!(e.contains("election-timeout-ms") && e.contains("150-300"), "{e}");
        let e = run(&["scalelab", "replication", "--heartbeat-ms", "200"]).unwrap_err();
        assert!(e.contains("heartbeat-ms") && e.contains("election-timeout-ms"), "{e}");
        // Replica 1 in no group, 0 in two: refused with the reason, the rest runs.
        let out =
            run(&["scalelab", "replication", "--log", "500:partition:0/0.2,900:crash-leader", "--json"])
                .unwrap();
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let ignored = v["ignored"].as_array().unwrap();
        assert_eq!(ignored.len(), 1, "{ignored:?}");
        assert!(ignored[0]["why"].as_str().unwrap().contains("exactly one group"), "{ignored:?}");
        assert!(v["elections"].as_u64().is_some_and(|n| n >= 2), "the crash still happened: {out}");
    }

    #[test]
    fn replication_prints_every_number_the_issue_names() {
        let out = run(&["scalelab", "replication", "--duration-ms", "3000", "--json"]).unwrap();
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        for field in [
            "writes",
            "writes_acked",
            "writes_failed",
            "writes_lost",
            "reads",
            "reads_stale",
            "reads_failed",
            "availability",
            "elections",
            "split_votes",
            "terms",
            "leaders_per_term_max",
            "time_without_leader_ms",
            "election_ms_mean",
            "election_ms_p99",
            "election_ms_max",
            "write_latency_ms_p50",
            "write_latency_ms_p99",
            "read_latency_ms_p50",
            "read_latency_ms_p99",
        ] {
            assert!(v[field].is_number(), "{field}: {out}");
        }
        assert!(v["writes"].as_u64().is_some_and(|w| w > 0) && v["reads"].as_u64().is_some_and(|r| r > 0));
    }

    #[test]
    fn sessions_prints_every_number_the_issue_names() {
        let args = ["scalelab", "sessions", "--state", "partitioned-store", "--store-nodes", "3"];
        let out = run(&[&args[..], &["--log", "1000:crash:0,1500:add-store", "--json"]].concat()).unwrap();
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        for field in [
            "forced_logins",
            "stale_carts",
            "carts_lost",
            "sessions_lost",
            "users_moved",
            "users_moved_fraction",
            "store_requests",
            "store_failures",
            "reconnects",
            "success_ratio",
            "latency_ms_p50",
            "latency_ms_p99",
            "machines",
            "cost_per_hour",
            "requests",
            "logins",
            "cart_views",
        ] {
            assert!(v[field].is_number(), "{field}: {out}");
        }
        assert_eq!(v["machines"].as_u64(), Some(3 + 4), "three app servers, four store nodes: {out}");
        assert!(v["users_moved"].as_u64().is_some_and(|m| m > 0), "{out}");
    }

    #[test]
    fn sessions_explains_a_store_without_replication_a_bad_choice_and_a_store_it_cannot_add() {
        let e = run(&["scalelab", "sessions", "--state", "replicated-store"]).unwrap_err();
        assert!(e.contains("store-replication") && e.contains("async or sync"), "{e}");
        let e = run(&["scalelab", "sessions", "--routing", "sticky"]).unwrap_err();
        assert!(e.contains("sticky-cookie") && e.contains("sticky-ring"), "{e}");
        let out = run(&["scalelab", "sessions", "--log", "500:add-store,600:crash:7", "--json"]).unwrap();
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let ignored = v["ignored"].as_array().unwrap();
        assert_eq!(ignored.len(), 2, "{ignored:?}");
        assert!(ignored[0]["why"].as_str().unwrap().contains("partitioned-store"), "{ignored:?}");
        assert!(ignored[1]["why"].as_str().unwrap().contains("no such app server"), "{ignored:?}");
    }

    #[test]
    fn caching_runs_until_every_request_is_answered() {
        let out = run(&[
            "scalelab",
            "caching",
            "--servers",
            "3",
            "--routing",
            "modulo",
            "--cache-capacity",
            "50",
            "--keys",
            "1000",
            "--zipf",
            "1",
            "--requests",
            "5000",
            "--add-server-at",
            "2500",
            "--json",
        ])
        .unwrap();
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!((v["requests"].as_u64(), v["completed"].as_u64()), (Some(5000), Some(5000)));
        for field in [
            "hit_ratio",
            "hit_ratio_before_change",
            "hit_ratio_after_change",
            "latency_ms_p50",
            "latency_ms_p99",
        ] {
            assert!(v[field].as_f64().is_some_and(|x| x > 0.0), "{field}: {}", v[field]);
        }
        assert!(v["db_requests"].as_u64().is_some_and(|d| d > 0) && v["stale_reads"] == 0);
    }
}
