//! Short import names for the site's wasm (`cargo xtask post-build`, a
//! trunk hook).
//!
//! wasm-bindgen names each function the wasm imports from its JavaScript
//! glue after the function and a 16-digit hash
//! (`__wbg_setAttribute_2704501201f15687`). The site imports ~170 of them,
//! and each name is written twice: in the wasm's import section and as a key
//! of the glue's import object. The hashes are random to gzip, so the names
//! cost ~5 KB of the gzipped download. This step renames every import to a
//! short name (`a`, `b`, …, `ba`, …) in both files (the wasm read with
//! `wasmparser` and written back with `wasm-encoder`), after trunk has run
//! wasm-bindgen and wasm-opt and before it moves the files to `dist/`.
//!
//! It is strict: every import must be a key of the glue exactly once
//! (`name:`), or nothing is written and the build fails, saying which name.

use crate::{Ctx, Failure, say};
use std::path::{Path, PathBuf};
use wasm_encoder::reencode::{Error, Reencode};
use wasmparser::Parser;

/// Lays out the functions of the wasm that trunk staged for gzip (see
/// [`crate::order`]), renames its imports and their keys in its JavaScript
/// glue, then minifies the glue and the style sheets (see
/// [`crate::minify`]). Run by trunk (see `Trunk.toml`), which says where the
/// staged files are in `TRUNK_STAGING_DIR`.
pub fn post_build(ctx: &Ctx) -> Result<(), Failure> {
    let Some(dir) = std::env::var_os("TRUNK_STAGING_DIR").map(PathBuf::from) else {
        return Err(Failure(
            "post-build is a trunk hook (see Trunk.toml): it needs TRUNK_STAGING_DIR, which trunk sets"
                .into(),
        ));
    };
    let (wasm_path, js_path) = staged_pair(&dir)?;
    let read = |p: &Path| std::fs::read(p).map_err(|e| Failure(format!("cannot read {}: {e}", p.display())));
    let wasm = read(&wasm_path)?;
    let js = String::from_utf8(read(&js_path)?)
        .map_err(|_| Failure(format!("{} is not UTF-8", js_path.display())))?;
    let ordered =
        crate::order::for_gzip(&wasm).map_err(|e| Failure(format!("{}: {e}", wasm_path.display())))?;
    let (new_wasm, renames) =
        rename_imports(&ordered).map_err(|e| Failure(format!("{}: {e}", wasm_path.display())))?;
    let new_js = rename_keys(&js, &renames).map_err(|e| Failure(format!("{}: {e}", js_path.display())))?;
    let write = |p: &Path, bytes: &[u8]| {
        std::fs::write(p, bytes).map_err(|e| Failure(format!("cannot write {}: {e}", p.display())))
    };
    write(&wasm_path, &new_wasm)?;
    write(&js_path, new_js.as_bytes())?;
    say(
        ctx,
        &format!(
            "post-build: functions laid out for gzip, {} import names shortened (wasm {} → {} bytes, glue {} → {} bytes)",
            renames.len(),
            wasm.len(),
            new_wasm.len(),
            js.len(),
            new_js.len()
        ),
    );
    let css = files_ending(&dir, ".css")?;
    let mut minified = vec![js_path.as_path()];
    minified.extend(css.iter().map(PathBuf::as_path));
    crate::minify::in_place(ctx, &minified)?;
    crate::minify::gzip_beside(ctx, &dir)
}

/// The files in `dir` whose names end with `suffix`.
fn files_ending(dir: &Path, suffix: &str) -> Result<Vec<PathBuf>, Failure> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| Failure(format!("cannot list {}: {e}", dir.display())))?;
    Ok(entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_str().is_some_and(|s| s.ends_with(suffix)))
        .collect())
}

/// The one `*_bg.wasm` in `dir` and its glue (`x_bg.wasm` → `x.js`).
fn staged_pair(dir: &Path) -> Result<(PathBuf, PathBuf), Failure> {
    let wasm = files_ending(dir, "_bg.wasm")?;
    let [wasm] = wasm.as_slice() else {
        return Err(Failure(format!("expected one *_bg.wasm in {}, found {}", dir.display(), wasm.len())));
    };
    let stem = wasm
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.strip_suffix("_bg.wasm"))
        .unwrap_or_default();
    let js = wasm.with_file_name(format!("{stem}.js"));
    if !js.is_file() {
        return Err(Failure(format!("{} has no glue {}", wasm.display(), js.display())));
    }
    Ok((wasm.clone(), js))
}

/// The `i`-th short name: `a`…`z`, then `ba`, `bb`, … (base 26, letters only,
/// so every name is a plain identifier and none is `__proto__`).
pub fn short_name(mut i: usize) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'a' + (i % 26) as u8);
        i /= 26;
        if i == 0 {
            break;
        }
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

/// Import names, `(old, new)`.
pub type Renames = Vec<(String, String)>;

/// Re-encodes a module with every import renamed to a [`short_name`], in
/// order; everything else goes through as `wasm-encoder` writes it.
#[derive(Default)]
struct Rename {
    renames: Renames,
}

impl Reencode for Rename {
    type Error = std::convert::Infallible;

    fn parse_import_section(
        &mut self,
        imports: &mut wasm_encoder::ImportSection,
        section: wasmparser::ImportSectionReader<'_>,
    ) -> Result<(), Error<Self::Error>> {
        for import in section.into_imports() {
            let import = import?;
            let new = short_name(self.renames.len());
            imports.import(import.module, &new, self.entity_type(import.ty)?);
            self.renames.push((import.name.to_owned(), new));
        }
        Ok(())
    }
}

/// The wasm with every import renamed to a [`short_name`], in order, and the
/// renames.
pub fn rename_imports(wasm: &[u8]) -> Result<(Vec<u8>, Renames), String> {
    let mut rename = Rename::default();
    let mut module = wasm_encoder::Module::new();
    rename.parse_core_module(&mut module, Parser::new(0), wasm).map_err(|e| e.to_string())?;
    Ok((module.finish(), rename.renames))
}

fn is_ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b'$'
}

/// `js` with each old name, which must be there exactly once and as an
/// object key (`old:`), replaced by its new name.
pub fn rename_keys(js: &str, renames: &[(String, String)]) -> Result<String, String> {
    let bytes = js.as_bytes();
    let mut at: Vec<(usize, usize)> = Vec::with_capacity(renames.len());
    for (i, (old, _)) in renames.iter().enumerate() {
        let found: Vec<usize> = js
            .match_indices(old.as_str())
            .map(|(p, _)| p)
            .filter(|&p| {
                let before = p.checked_sub(1).map(|q| bytes[q]);
                let after = bytes.get(p + old.len()).copied();
                !before.is_some_and(is_ident) && !after.is_some_and(is_ident)
            })
            .collect();
        match found.as_slice() {
            [p] if bytes.get(p + old.len()) == Some(&b':') => at.push((*p, i)),
            [_] => return Err(format!("the import {old} is in the glue, but not as an object key")),
            _ => return Err(format!("the import {old} is in the glue {} times; expected once", found.len())),
        }
    }
    at.sort_unstable();
    let mut out = String::with_capacity(js.len());
    let mut from = 0;
    for (p, i) in at {
        out.push_str(&js[from..p]);
        out.push_str(&renames[i].1);
        from = p + renames[i].0.len();
    }
    out.push_str(&js[from..]);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A module importing two functions and a memory, with a type section
    /// before and a custom section after the imports.
    fn module() -> Vec<u8> {
        use wasm_encoder::{CustomSection, EntityType, ImportSection, MemoryType, Module, TypeSection};
        let mut types = TypeSection::new();
        types.ty().function([], []);
        let mut imports = ImportSection::new();
        imports.import("./glue.js", "__wbg_log_0123456789abcdef", EntityType::Function(0));
        let memory =
            MemoryType { minimum: 1, maximum: Some(2), memory64: false, shared: false, page_size_log2: None };
        imports.import("./glue.js", "memory", memory);
        imports.import("./glue.js", "__wbg_now_fedcba9876543210", EntityType::Function(0));
        let mut module = Module::new();
        module.section(&types).section(&imports);
        module.section(&CustomSection { name: "x".into(), data: [7u8, 9][..].into() });
        module.finish()
    }

    /// Pairs of names (module and import) or a custom section's name and bytes.
    type Pairs<T> = Vec<(String, T)>;

    /// Each import's module and name, and the custom sections.
    fn read(wasm: &[u8]) -> (Pairs<String>, Pairs<Vec<u8>>) {
        let (mut imports, mut custom) = (Vec::new(), Vec::new());
        for payload in Parser::new(0).parse_all(wasm) {
            match payload.unwrap() {
                wasmparser::Payload::ImportSection(s) => {
                    for i in s.into_imports() {
                        let i = i.unwrap();
                        imports.push((i.module.to_owned(), i.name.to_owned()));
                    }
                }
                wasmparser::Payload::CustomSection(c) => {
                    custom.push((c.name().to_owned(), c.data().to_vec()));
                }
                _ => {}
            }
        }
        (imports, custom)
    }

    #[test]
    fn short_names_are_distinct_letters() {
        let names: Vec<String> = (0..800).map(short_name).collect();
        assert_eq!(&names[..3], ["a", "b", "c"]);
        assert_eq!(names[25], "z");
        assert_eq!(names[26], "ba");
        let mut sorted = names.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), names.len());
        assert!(names.iter().all(|n| n.bytes().all(|b| b.is_ascii_lowercase())));
    }

    #[test]
    fn imports_are_renamed_and_the_rest_is_kept() {
        let wasm = module();
        let (new, renames) = rename_imports(&wasm).unwrap();
        assert_eq!(
            renames,
            [
                ("__wbg_log_0123456789abcdef".to_owned(), "a".to_owned()),
                ("memory".to_owned(), "b".to_owned()),
                ("__wbg_now_fedcba9876543210".to_owned(), "c".to_owned()),
            ]
        );
        let (imports, custom) = read(&new);
        assert_eq!(
            imports,
            [("./glue.js", "a"), ("./glue.js", "b"), ("./glue.js", "c")]
                .map(|(m, f)| (m.to_owned(), f.to_owned()))
        );
        assert_eq!(custom, read(&wasm).1);
        assert!(new.len() < wasm.len());
    }

    #[test]
    fn not_a_module_or_a_cut_one_is_refused() {
        assert!(rename_imports(b"hello wasm").is_err());
        let wasm = module();
        assert!(rename_imports(&wasm[..wasm.len() - 1]).is_err());
    }

    #[test]
    fn the_glue_keys_are_renamed_and_nothing_else() {
        let renames = [("__wbg_log_01".to_owned(), "a".to_owned()), ("memory".to_owned(), "b".to_owned())];
        let js =
            "const i = {\n  __wbg_log_01: function(x) { console.log(x); },\n  memory: m,\n};\nwasm.memory2;";
        assert_eq!(
            rename_keys(js, &renames).unwrap(),
            "const i = {\n  a: function(x) { console.log(x); },\n  b: m,\n};\nwasm.memory2;"
        );
    }

    #[test]
    fn a_name_missing_doubled_or_not_a_key_is_an_error() {
        let renames = [("__wbg_log_01".to_owned(), "a".to_owned())];
        assert!(rename_keys("{ other: 1 }", &renames).unwrap_err().contains("0 times"));
        assert!(
            rename_keys("{ __wbg_log_01: 1, __wbg_log_01: 2 }", &renames).unwrap_err().contains("2 times")
        );
        assert!(rename_keys("f(__wbg_log_01)", &renames).unwrap_err().contains("not as an object key"));
    }
}
