//! Minified glue and style sheet (part of `cargo xtask post-build`).
//!
//! Trunk's own minifier cannot minify the CSS without also minifying the
//! JavaScript, and its JavaScript minifier breaks wasm-bindgen's loader. So
//! trunk copies both as written (`minify = "never"` in Trunk.toml), and this
//! step rewrites them in the staging folder with esbuild, the npm package
//! xtask installs beside wasm-opt: 2.4 KB less to download, gzipped. Names
//! other modules see (the glue's exports, its import object's keys, CSS
//! classes) stay as they are.

use crate::{Ctx, Failure, say, setup};
use std::path::Path;
use std::process::Command;

/// Minifies each file in place (`.js` or `.css`, by its extension).
pub fn in_place(ctx: &Ctx, files: &[&Path]) -> Result<(), Failure> {
    let esbuild = setup::esbuild_bin(ctx);
    for file in files {
        let before = size(file)?;
        let out = Command::new(&esbuild)
            .arg(file)
            .args(["--minify", "--charset=utf8", "--log-level=warning", "--allow-overwrite"])
            .arg(format!("--outfile={}", file.display()))
            .output()
            .map_err(|e| {
                Failure(format!(
                    "cannot run {} ({e}); `cargo xtask serve` or `cargo xtask test` installs it",
                    esbuild.display()
                ))
            })?;
        if !out.status.success() {
            return Err(Failure(format!(
                "esbuild could not minify {}: {}",
                file.display(),
                String::from_utf8_lossy(&out.stderr).trim()
            )));
        }
        let name = file.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
        say(ctx, &format!("post-build: {name} minified ({before} → {} bytes)", size(file)?));
    }
    Ok(())
}

/// Writes `name.gz` (gzip -9) beside every wasm, JS, CSS, HTML and SVG file
/// in `dir`, as a static host keeps them: a server that has them sends the
/// site in about a third of the bytes (the e2e tests' server does).
pub fn gzip_beside(ctx: &Ctx, dir: &Path) -> Result<(), Failure> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| Failure(format!("cannot list {}: {e}", dir.display())))?;
    let mut files: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension().is_some_and(|e| ["wasm", "js", "css", "html", "svg"].iter().any(|k| e == *k))
        })
        .collect();
    files.sort();
    let (mut raw, mut packed) = (0, 0);
    for file in &files {
        let out = Command::new("gzip")
            .args(["-9", "-n", "-k", "-f"])
            .arg(file)
            .output()
            .map_err(|e| Failure(format!("cannot run gzip: {e}")))?;
        if !out.status.success() {
            return Err(Failure(format!(
                "gzip {} failed: {}",
                file.display(),
                String::from_utf8_lossy(&out.stderr).trim()
            )));
        }
        raw += size(file)?;
        packed += size(&file.with_added_extension("gz"))?;
    }
    say(
        ctx,
        &format!("post-build: {} files gzipped beside themselves ({raw} → {packed} bytes)", files.len()),
    );
    Ok(())
}

fn size(file: &Path) -> Result<u64, Failure> {
    std::fs::metadata(file).map(|m| m.len()).map_err(|e| Failure(format!("{}: {e}", file.display())))
}
