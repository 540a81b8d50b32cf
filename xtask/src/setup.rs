//! Installing what is missing, skipping what is present.
//!
//! Each tool is checked by running it and reading its version; only a missing
//! or wrong version is installed, and always from a package registry (this
//! project's machines reach crates.io, npm and Debian's archive, nothing else).
//! Versions are pinned where a mismatch breaks the build: trunk 0.21.14 (0.22
//! needs a newer rustc), wasm-bindgen-cli = the wasm-bindgen in Cargo.lock,
//! wasm-opt from npm `binaryen` 132 (Debian's is too old for rustc's output),
//! esbuild from npm (minifies the site's glue and style sheet).

use crate::{Ctx, Failure, run, say};
use std::path::{Path, PathBuf};
use std::process::Command;

/// trunk's version: 0.22 needs rustc 1.96.
pub const TRUNK_VERSION: &str = "0.21.14";
/// The npm package version of binaryen (its wasm-opt reports `version 132`).
pub const BINARYEN_VERSION: &str = "132.0.0";
/// The npm package version of esbuild, which minifies the glue and the CSS.
pub const ESBUILD_VERSION: &str = "0.28.2";
/// Debian's Chromium and its driver.
pub const CHROMIUM: &str = "/usr/bin/chromium";
/// Debian's chromedriver.
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// The first line a command prints for `--version`, if it runs.
fn version_of(program: &Path, arg: &str) -> Option<String> {
    let out = Command::new(program).arg(arg).output().ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8_lossy(&out.stdout);
    Some(text.lines().next().unwrap_or_default().trim().to_owned())
}

fn cargo_bin(name: &str) -> PathBuf {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap_or_else(|| PathBuf::from(".cargo"));
    home.join("bin").join(name)
}

/// Where project-local tools live (under target/, so `cargo clean` resets them).
pub fn tools_dir(ctx: &Ctx) -> PathBuf {
    ctx.root.join("target").join("tools")
}

/// The folder holding the project-local wasm-opt.
pub fn binaryen_bin(ctx: &Ctx) -> PathBuf {
    npm_bin(ctx, "binaryen")
}

/// The project-local esbuild.
pub fn esbuild_bin(ctx: &Ctx) -> PathBuf {
    npm_bin(ctx, "esbuild").join("esbuild")
}

/// The folder of commands of an npm package installed under target/tools.
fn npm_bin(ctx: &Ctx, package: &str) -> PathBuf {
    tools_dir(ctx).join(package).join("node_modules").join(".bin")
}

/// The wasm-bindgen version pinned in Cargo.lock.
pub fn locked_wasm_bindgen(ctx: &Ctx) -> Result<String, Failure> {
    let lock = std::fs::read_to_string(ctx.root.join("Cargo.lock"))
        .map_err(|e| Failure(format!("cannot read Cargo.lock: {e}")))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\""
            && let Some(v) = lines.next().and_then(|l| l.trim().strip_prefix("version = \""))
        {
            return Ok(v.trim_end_matches('"').to_owned());
        }
    }
    Err(Failure("Cargo.lock has no wasm-bindgen package".into()))
}

/// `rustup target add wasm32-unknown-unknown` unless it is there.
pub fn wasm_target(ctx: &Ctx) -> Result<(), Failure> {
    let out = Command::new("rustup").args(["target", "list", "--installed"]).output();
    let installed =
        out.map(|o| String::from_utf8_lossy(&o.stdout).contains("wasm32-unknown-unknown")).unwrap_or(false);
    if installed {
        say(ctx, "wasm32-unknown-unknown target: present");
        return Ok(());
    }
    say(ctx, "wasm32-unknown-unknown target: missing, installing with rustup (about 30 s)");
    run(ctx, Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

/// Whether trunk at [`TRUNK_VERSION`] is installed; says which trunk it found.
fn trunk_present(ctx: &Ctx) -> bool {
    let want = format!("trunk {TRUNK_VERSION}");
    match version_of(&cargo_bin("trunk"), "--version") {
        Some(v) if v == want => {
            say(ctx, &format!("{want}: present"));
            true
        }
        found => {
            let found = found.map_or_else(|| "nothing".to_owned(), |v| format!("{v:?}"));
            say(ctx, &format!("trunk: found {found}, need {want}"));
            false
        }
    }
}

/// `cargo install` of a tool this project only runs locally, built to be
/// quick to build rather than quick to run: no optimisation, no LTO, many
/// codegen units (environment settings override a crate's own release
/// profile), and without its default features, which for both tools are a
/// TLS stack (rustls and ring) for downloads that this project never makes
/// (trunk runs `--offline`, the test runner is given chromedriver). Measured
/// on one 2-core machine: trunk 153 s (310 s at opt-level 1 with its TLS;
/// its own fat-LTO profile took 15 min on a slower machine), wasm-bindgen-cli
/// 48 s (146 s as published; opt-level 1 alone still took 134 s). What it
/// costs: the unoptimised test runner spends about 9 s more reading the
/// browser tests' binaries in each run, far less than it saves once.
fn quick_install(krate: &str, version: &str) -> Command {
    let mut cmd = Command::new("cargo");
    cmd.args(["install", krate, "--version", version, "--no-default-features"])
        .env("CARGO_PROFILE_RELEASE_LTO", "false")
        .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "256")
        .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "0");
    cmd
}

/// trunk at [`TRUNK_VERSION`], installed if missing, with its own lockfile.
/// (Installing it in the background beside the first checks was tried: on
/// 2 cores it saved nothing.)
pub fn trunk(ctx: &Ctx) -> Result<(), Failure> {
    if trunk_present(ctx) {
        return Ok(());
    }
    say(ctx, "installing trunk from crates.io (about 3 min on 2 cores)");
    run(ctx, quick_install("trunk", TRUNK_VERSION).arg("--locked"))
}

/// wasm-bindgen-cli at the Cargo.lock version (installed without `--locked`:
/// its lockfile pins a crate the registry no longer serves).
pub fn wasm_bindgen(ctx: &Ctx) -> Result<(), Failure> {
    let version = locked_wasm_bindgen(ctx)?;
    let want = format!("wasm-bindgen {version}");
    let have = version_of(&cargo_bin("wasm-bindgen"), "--version");
    let runner = version_of(&cargo_bin("wasm-bindgen-test-runner"), "--version");
    let runner_ok = runner.as_deref().is_some_and(|r| r.ends_with(&version));
    if have.as_deref() == Some(want.as_str()) && runner_ok {
        say(ctx, &format!("wasm-bindgen-cli {version}: present"));
        return Ok(());
    }
    say(
        ctx,
        &format!(
            "wasm-bindgen-cli: found {:?}, need {version} (the version in Cargo.lock); installing (about 1 min)",
            have.unwrap_or_else(|| "nothing".into())
        ),
    );
    run(ctx, &mut quick_install("wasm-bindgen-cli", &version))
}

/// wasm-opt from the npm package binaryen, in a project-local folder.
pub fn wasm_opt(ctx: &Ctx) -> Result<(), Failure> {
    let major = BINARYEN_VERSION.split('.').next().unwrap_or_default();
    let present = version_of(&binaryen_bin(ctx).join("wasm-opt"), "--version")
        .is_some_and(|v| v.contains(&format!("version {major}")));
    npm_tool(ctx, "wasm-opt", "binaryen", BINARYEN_VERSION, present)
}

/// esbuild from npm, in a project-local folder: the post-build hook minifies
/// the site's JavaScript glue and style sheet with it.
pub fn esbuild(ctx: &Ctx) -> Result<(), Failure> {
    let present = version_of(&esbuild_bin(ctx), "--version").as_deref() == Some(ESBUILD_VERSION);
    npm_tool(ctx, "esbuild", "esbuild", ESBUILD_VERSION, present)
}

/// Installs `package@version` from npm into target/tools/<package> unless
/// `tool` is `present`. Without running the package's install scripts: both
/// tools run as shipped (esbuild's postinstall only swaps its launcher for a
/// link to the same binary), and nothing from the registry runs at install.
fn npm_tool(ctx: &Ctx, tool: &str, package: &str, version: &str, present: bool) -> Result<(), Failure> {
    if present {
        say(ctx, &format!("{tool} (npm {package} {version}, project-local): present"));
        return Ok(());
    }
    say(
        ctx,
        &format!("{tool}: missing; installing npm {package}@{version} into target/tools (a few seconds)"),
    );
    let prefix = tools_dir(ctx).join(package);
    std::fs::create_dir_all(&prefix)
        .map_err(|e| Failure(format!("cannot create {}: {e}", prefix.display())))?;
    let prefix = prefix.to_string_lossy().into_owned();
    let package = format!("{package}@{version}");
    run(
        ctx,
        Command::new("npm").args([
            "install",
            "--prefix",
            &prefix,
            &package,
            "--no-audit",
            "--no-fund",
            "--ignore-scripts",
        ]),
    )
}

/// Whether Chromium and chromedriver are installed.
pub fn chromium_present() -> bool {
    version_of(Path::new(CHROMIUM), "--version").is_some()
        && version_of(Path::new(CHROMEDRIVER), "--version").is_some()
}

/// The apt-get command that installs Chromium and chromedriver, as root or
/// through sudo.
fn apt(args: &[&str]) -> Command {
    let root = Command::new("id").arg("-u").output().map(|o| o.stdout.starts_with(b"0")).unwrap_or(false);
    let mut cmd = if root {
        Command::new("apt-get")
    } else {
        let mut c = Command::new("sudo");
        c.arg("apt-get");
        c
    };
    cmd.args(args).env("DEBIAN_FRONTEND", "noninteractive");
    cmd
}

/// Installs Chromium and chromedriver from Debian unless present. Returns a
/// thread to join: it runs beside the cargo installs (it waits on the network,
/// they on the CPU).
pub fn chromium_in_background(ctx: &Ctx) -> Option<std::thread::JoinHandle<Result<(), Failure>>> {
    if chromium_present() {
        say(ctx, "Chromium and chromedriver: present");
        return None;
    }
    say(ctx, "Chromium and chromedriver: missing; installing Debian's packages in the background (1-2 min)");
    let quiet = ctx.clone();
    Some(std::thread::spawn(move || {
        run(&quiet, &mut apt(&["update", "-q"]))?;
        run(&quiet, &mut apt(&["install", "-y", "-q", "chromium", "chromium-driver"]))?;
        if chromium_present() {
            Ok(())
        } else {
            Err(Failure(format!("apt-get finished but {CHROMIUM} or {CHROMEDRIVER} does not run")))
        }
    }))
}

/// Everything `serve` and `dist` need.
pub fn web_tools(ctx: &Ctx) -> Result<(), Failure> {
    wasm_target(ctx)?;
    wasm_opt(ctx)?;
    esbuild(ctx)?;
    wasm_bindgen(ctx)?;
    trunk(ctx)
}

/// The SimPy version the bench measures our engine against (PyPI).
pub const SIMPY_VERSION: &str = "4.1.2";

/// The Python of the project-local virtual environment that holds SimPy.
pub fn simpy_python(ctx: &Ctx) -> PathBuf {
    tools_dir(ctx).join("simpy-venv").join("bin").join("python")
}

/// Creates target/tools/simpy-venv with SimPy from PyPI unless it is there
/// already, with the machine's python3 (`-m venv`, then pip).
pub fn simpy(ctx: &Ctx) -> Result<(), Failure> {
    let python = simpy_python(ctx);
    let check = format!("import simpy, sys; sys.exit(simpy.__version__ != '{SIMPY_VERSION}')");
    if Command::new(&python).args(["-c", &check]).output().is_ok_and(|o| o.status.success()) {
        say(ctx, &format!("SimPy {SIMPY_VERSION} (project-local virtual environment): present"));
        return Ok(());
    }
    say(
        ctx,
        &format!(
            "SimPy: missing; creating target/tools/simpy-venv and installing simpy=={SIMPY_VERSION} from PyPI"
        ),
    );
    let venv = tools_dir(ctx).join("simpy-venv");
    run(ctx, Command::new("python3").args(["-m", "venv"]).arg(&venv))?;
    run(
        ctx,
        Command::new(&python).args([
            "-m",
            "pip",
            "install",
            "-q",
            "--disable-pip-version-check",
            &format!("simpy=={SIMPY_VERSION}"),
        ]),
    )
}
