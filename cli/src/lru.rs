//! `scalelab lru`: one cache, one trace, no simulation around it — the
//! seed's walk-through (`--capacity 3 --trace 1,2,3,4,1,2`) and the four
//! policies side by side on any trace.

use clap::{Arg, ArgAction, ArgMatches, Command};
use scalelab_core::cache::{Policy, run_trace};
use scalelab_core::input::Choice;
use serde_json::json;

/// The subcommand.
pub fn command() -> Command {
    Command::new("lru")
        .about("One cache on a typed trace: hits, misses and which keys were evicted")
        .arg(
            Arg::new("policy")
                .long("policy")
                .value_name("VALUE")
                .help("replacement policy: lru, fifo, lfu, sieve [default: lru]"),
        )
        .arg(
            Arg::new("capacity")
                .long("capacity")
                .value_name("C")
                .allow_negative_numbers(true)
                .help("keys the cache holds, 0-1000000 [default: 3]"),
        )
        .arg(
            Arg::new("trace")
                .long("trace")
                .value_name("KEYS")
                .help("keys requested in order, e.g. 1,2,3,4,1,2 [default: 1,2,3,4,1,2]"),
        )
        .arg(Arg::new("json").long("json").action(ArgAction::SetTrue).help("print JSON"))
}

/// Runs it.
pub fn run(m: &ArgMatches) -> Result<String, String> {
    let policy = match m.get_one::<String>("policy") {
        Some(p) => Policy::parse("policy", p).map_err(|e| format!("--{e}"))?,
        None => Policy::Lru,
    };
    let capacity = match m.get_one::<String>("capacity") {
        Some(c) => {
            scalelab_core::input::parse_u32("capacity", c, 0, 1_000_000).map_err(|e| format!("--{e}"))?
        }
        None => 3,
    };
    let trace: Vec<u64> = match m.get_one::<String>("trace") {
        Some(t) => t
            .split(',')
            .map(str::trim)
            .filter(|k| !k.is_empty())
            .map(|k| {
                k.parse().map_err(|_| format!("--trace: {k:?} is not a key; give whole numbers separated by commas, e.g. 1,2,3,4,1,2"))
            })
            .collect::<Result<_, _>>()?,
        None => vec![1, 2, 3, 4, 1, 2],
    };
    let (hits, misses, evicted) = run_trace(policy, capacity as usize, &trace);
    if m.get_flag("json") {
        let v = json!({
            "policy": policy.name(),
            "capacity": capacity,
            "requests": trace.len(),
            "hits": hits,
            "misses": misses,
            "evictions": evicted.len(),
            "evicted": evicted,
        });
        return Ok(format!("{}\n", serde_json::to_string_pretty(&v).unwrap_or_default()));
    }
    let list: Vec<String> = evicted.iter().map(u64::to_string).collect();
    Ok(format!(
        "policy     {}\ncapacity   {capacity}\nrequests   {}\nhits       {hits}\nmisses     {misses}\nevictions  {}\nevicted    {}\n",
        policy.name(),
        trace.len(),
        evicted.len(),
        list.join(" ")
    ))
}
