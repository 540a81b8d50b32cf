//! `cargo xtask`: everything that sets up, builds and checks Scale Lab.
//!
//! - `cargo xtask serve [--port P]`: install what is missing, build the
//!   playground and serve it at http://127.0.0.1:8080.
//! - `cargo xtask test`: install what is missing, then run every check:
//!   rustfmt, clippy (native and wasm32), native tests, core and web tests in
//!   headless Chromium, a release build of the site, and end-to-end tests of it.
//! - `cargo xtask dist`: write the release site to `dist/`.
//! - `cargo xtask bench [--quick]`: measure us against peer crates and print
//!   ratios (see `bench.rs`).
//! - `cargo xtask post-build`: run by trunk after every build (a hook in
//!   `Trunk.toml`), gives the wasm's imports short names and minifies the glue
//!   and the CSS (see `names.rs` and `minify.rs`).

mod bench;
mod minify;
mod names;
mod order;
mod setup;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

/// Where we are and how to talk.
#[derive(Clone, Debug)]
pub struct Ctx {
    /// The workspace root.
    pub root: PathBuf,
}

/// A step that failed, and why.
#[derive(Debug)]
pub struct Failure(pub String);

/// Prints what xtask is doing.
pub fn say(_ctx: &Ctx, what: &str) {
    eprintln!("xtask: {what}");
}

/// Points `cmd` at the workspace root with the project's tools on PATH;
/// returns how to show it in messages.
fn prepare(ctx: &Ctx, cmd: &mut Command) -> String {
    cmd.current_dir(&ctx.root).env("PATH", tool_path(ctx));
    format!("{cmd:?}").replace('"', "")
}

/// Runs a command in the workspace root with the project's tools on PATH.
pub fn run(ctx: &Ctx, cmd: &mut Command) -> Result<(), Failure> {
    let shown = prepare(ctx, cmd);
    let status = cmd.status().map_err(|e| Failure(format!("cannot start {shown}: {e}")))?;
    if status.success() { Ok(()) } else { Err(Failure(format!("{shown} failed ({status})"))) }
}

/// [`run`], returning what the command printed on stdout (its stderr goes
/// to ours, so progress still shows).
pub fn output(ctx: &Ctx, cmd: &mut Command) -> Result<String, Failure> {
    let shown = prepare(ctx, cmd.stderr(std::process::Stdio::inherit()));
    let out = cmd.output().map_err(|e| Failure(format!("cannot start {shown}: {e}")))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(Failure(format!("{shown} failed ({})", out.status)))
    }
}

/// PATH with the project-local wasm-opt and cargo's bin folder first.
fn tool_path(ctx: &Ctx) -> std::ffi::OsString {
    let mut dirs = vec![setup::binaryen_bin(ctx)];
    if let Some(home) = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
    {
        dirs.push(home.join("bin"));
    }
    if let Some(path) = std::env::var_os("PATH") {
        dirs.extend(std::env::split_paths(&path));
    }
    std::env::join_paths(dirs).unwrap_or_default()
}

fn main() -> ExitCode {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default();
    let ctx = Ctx { root };
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => serve(&ctx, &args[1..]),
        Some("test") => test(&ctx),
        Some("dist") => dist(&ctx),
        Some("bench") => bench::bench(&ctx, &args[1..]),
        Some("post-build") => names::post_build(&ctx),
        _ => {
            eprintln!("usage: cargo xtask <serve [--port P] | test | dist | bench [--quick]>");
            eprintln!("  serve  build the playground and serve it at http://127.0.0.1:8080");
            eprintln!("  test   run every check: fmt, clippy, native, browser and end-to-end tests");
            eprintln!("  dist   write the release site to dist/");
            eprintln!(
                "  bench  measure speed against peer crates; print ratios, write target/bench-report.json"
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure(why)) => {
            eprintln!("xtask: FAILED: {why}");
            ExitCode::FAILURE
        }
    }
}

fn serve(ctx: &Ctx, args: &[String]) -> Result<(), Failure> {
    let port = match args {
        [] => "8080".to_owned(),
        [flag, p] if flag == "--port" && p.parse::<u16>().is_ok() => p.clone(),
        _ => return Err(Failure("serve takes only --port <1-65535>".into())),
    };
    setup::web_tools(ctx)?;
    say(ctx, &format!("building and serving Scale Lab at http://127.0.0.1:{port}/ (Ctrl-C stops)"));
    run(
        ctx,
        Command::new("trunk").args([
            "serve",
            "--release",
            "--offline",
            "--address",
            "127.0.0.1",
            "--port",
            &port,
        ]),
    )
}

fn dist(ctx: &Ctx) -> Result<(), Failure> {
    setup::web_tools(ctx)?;
    build_site(ctx)?;
    for entry in
        std::fs::read_dir(ctx.root.join("dist")).map_err(|e| Failure(format!("dist/: {e}")))?.flatten()
    {
        let size = entry.metadata().map(|m| m.len()).unwrap_or(0);
        say(ctx, &format!("dist/{}  {size} bytes", entry.file_name().to_string_lossy()));
    }
    Ok(())
}

fn build_site(ctx: &Ctx) -> Result<(), Failure> {
    run(ctx, Command::new("trunk").args(["build", "--release", "--offline"]))
}

/// What a step does.
type Action = Box<dyn Fn(&Ctx) -> Result<(), Failure>>;

/// One check of `cargo xtask test`.
struct Step {
    name: &'static str,
    action: Action,
}

fn cargo(args: &'static [&'static str]) -> Action {
    Box::new(move |ctx| run(ctx, Command::new("cargo").args(args)))
}

fn browser_env(cmd: &mut Command) -> &mut Command {
    cmd.env("CHROMEDRIVER", setup::CHROMEDRIVER).env("WASM_BINDGEN_TEST_TIMEOUT", "180")
}

fn test(ctx: &Ctx) -> Result<(), Failure> {
    let started = Instant::now();
    say(ctx, "checking tools (installing only what is missing)");
    let chromium = setup::chromium_in_background(ctx);
    setup::wasm_target(ctx)?;
    setup::wasm_opt(ctx)?;
    setup::esbuild(ctx)?;
    setup::wasm_bindgen(ctx)?;
    setup::trunk(ctx)?;
    if let Some(install) = chromium {
        say(ctx, "waiting for the Chromium install to finish");
        install.join().map_err(|_| Failure("the Chromium install thread panicked".into()))??;
    }
    say(ctx, &format!("tools ready after {:.0} s", started.elapsed().as_secs_f64()));

    let steps = [
        Step { name: "rustfmt check", action: cargo(&["fmt", "--all", "--check"]) },
        Step {
            name: "clippy, native, -D warnings",
            // `--all-targets` leaves out the e2e tests (`test = false`: they
            // need the built site), so they are named.
            action: cargo(&[
                "clippy",
                "--workspace",
                "--all-targets",
                "--test",
                "e2e",
                "--locked",
                "--",
                "-D",
                "warnings",
            ]),
        },
        Step {
            name: "clippy, wasm32, -D warnings",
            action: cargo(&[
                "clippy",
                "-p",
                "scalelab-core",
                "-p",
                "scalelab-web",
                // Benchmarks link native-only peers; they are checked natively.
                "--lib",
                "--tests",
                "--target",
                "wasm32-unknown-unknown",
                "--locked",
                "--",
                "-D",
                "warnings",
            ]),
        },
        Step {
            name: "native tests",
            // The whole workspace, so that the e2e step after the site build
            // resolves the same features and builds only its own test.
            action: cargo(&["test", "--workspace", "--locked"]),
        },
        Step {
            name: "core and web tests in headless Chromium (wasm-bindgen-test)",
            action: Box::new(|ctx| {
                let mut cmd = Command::new("cargo");
                cmd.args([
                    "test",
                    "-p",
                    "scalelab-core",
                    "-p",
                    "scalelab-web",
                    "--target",
                    "wasm32-unknown-unknown",
                    "--locked",
                ]);
                run(ctx, browser_env(&mut cmd))
            }),
        },
        Step { name: "release build of the site (trunk)", action: Box::new(build_site) },
        Step {
            name: "end-to-end tests of the built site (WebDriver, headless Chromium)",
            action: Box::new(|ctx| {
                let mut cmd = Command::new("cargo");
                // `--workspace`, as the native tests: with `-p` cargo would
                // resolve other features and build core and its deps again.
                cmd.args(["test", "--workspace", "--test", "e2e", "--locked"])
                    .env("SCALELAB_DIST", ctx.root.join("dist"))
                    .env("CHROME", setup::CHROMIUM);
                run(ctx, browser_env(&mut cmd))
            }),
        },
    ];
    let n = steps.len();
    for (i, step) in steps.iter().enumerate() {
        let t = Instant::now();
        say(ctx, &format!("[{}/{n}] {}", i + 1, step.name));
        (step.action)(ctx)
            .map_err(|Failure(why)| Failure(format!("[{}/{n}] {}: {why}", i + 1, step.name)))?;
        // The run ends with the last step's own summary lines, nothing after.
        if i + 1 < n {
            let total = started.elapsed().as_secs_f64();
            say(
                ctx,
                &format!(
                    "[{}/{n}] passed in {:.0} s ({total:.0} s so far)",
                    i + 1,
                    t.elapsed().as_secs_f64()
                ),
            );
        }
    }
    Ok(())
}
