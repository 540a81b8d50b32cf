//! Short import names for the site's wasm (`cargo xtask post-build`, a
//! trunk hook).
//!
//! wasm-bindgen names each function the wasm imports from its JavaScript
//! glue after the function and a 16-digit hash
//! (`__wbg_setAttribute_2704501201f15687`). The site imports ~170 of them,
//! and each name is written twice: in the wasm's import section and as a key
//! of the glue's import object. The hashes are random to gzip, so the names
//! cost ~5 KB of the gzipped download. This step renames every import to a
//! short name (`a`, `b`, …, `ba`, …) in both files, after trunk has run
//! wasm-bindgen and wasm-opt and before it moves the files to `dist/`.
//!
//! It is strict: every import must be a key of the glue exactly once
//! (`name:`), or nothing is written and the build fails, saying which name.

use crate::{Ctx, Failure, say};
use std::path::{Path, PathBuf};

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
    crate::minify::in_place(ctx, &minified)
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

/// Reads a wasm binary.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len());
        let Some(end) = end else { return Err(format!("truncated at byte {}", self.at)) };
        let s = &self.bytes[self.at..end];
        self.at = end;
        Ok(s)
    }

    fn byte(&mut self) -> Result<u8, String> {
        Ok(self.take(1)?[0])
    }

    /// An unsigned LEB128 number.
    fn leb(&mut self) -> Result<u64, String> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            value |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(format!("a number too long at byte {}", self.at))
    }

    fn len(&mut self) -> Result<usize, String> {
        usize::try_from(self.leb()?).map_err(|_| "a length too large".to_owned())
    }

    fn name(&mut self) -> Result<&'a str, String> {
        let n = self.len()?;
        std::str::from_utf8(self.take(n)?)
            .map_err(|_| format!("a name that is not UTF-8 before byte {}", self.at))
    }

    /// Table or memory limits: flags, minimum, maximum if flagged.
    fn limits(&mut self) -> Result<(), String> {
        let flags = self.byte()?;
        // 1: has a maximum; 2: shared; 4: 64-bit. Others (custom page sizes) are unknown here.
        if flags & !0x07 != 0 {
            return Err(format!("limits with flags {flags:#x} are not supported"));
        }
        self.leb()?;
        if flags & 1 != 0 {
            self.leb()?;
        }
        Ok(())
    }

    /// What an import of `kind` brings in (its type), skipped.
    fn import_type(&mut self, kind: u8) -> Result<(), String> {
        match kind {
            // A function: its type's index.
            0 => self.leb().map(drop),
            // A table: funcref or externref, and limits.
            1 => match self.byte()? {
                0x70 | 0x6f => self.limits(),
                t => Err(format!("a table of type {t:#x} is not supported")),
            },
            2 => self.limits(),
            // A global: a number or reference type, and whether it is mutable.
            3 => match self.byte()? {
                0x7b..=0x7f | 0x70 | 0x6f => self.byte().map(drop),
                t => Err(format!("a global of type {t:#x} is not supported")),
            },
            // A tag: its attribute and type index.
            4 => {
                self.byte()?;
                self.leb().map(drop)
            }
            k => Err(format!("an import of kind {k} is not supported")),
        }
    }
}

fn write_leb(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

fn write_name(out: &mut Vec<u8>, name: &str) {
    write_leb(out, name.len() as u64);
    out.extend_from_slice(name.as_bytes());
}

/// Import names, `(old, new)`.
pub type Renames = Vec<(String, String)>;

/// A module's sections, `(id, payload)`, in order.
fn sections(wasm: &[u8]) -> Result<Vec<(u8, &[u8])>, String> {
    let mut r = Reader { bytes: wasm, at: 0 };
    if r.take(8)? != b"\0asm\x01\0\0\0" {
        return Err("not a version 1 wasm module".into());
    }
    let mut found = Vec::new();
    while r.at < wasm.len() {
        let id = r.byte()?;
        let size = r.len()?;
        found.push((id, r.take(size)?));
    }
    Ok(found)
}

/// One import: module, name, kind, and its type's bytes as written.
struct Import<'a> {
    module: &'a str,
    field: &'a str,
    kind: u8,
    ty: &'a [u8],
}

/// The imports in an import section's payload.
fn imports(payload: &[u8]) -> Result<Vec<Import<'_>>, String> {
    let mut r = Reader { bytes: payload, at: 0 };
    let count = r.leb()?;
    let mut found = Vec::new();
    for _ in 0..count {
        let (module, field, kind) = (r.name()?, r.name()?, r.byte()?);
        let start = r.at;
        r.import_type(kind).map_err(|e| format!("import {module}.{field}: {e}"))?;
        found.push(Import { module, field, kind, ty: &payload[start..r.at] });
    }
    if r.at != payload.len() {
        return Err(format!("{} bytes after the imports", payload.len() - r.at));
    }
    Ok(found)
}

/// The wasm with every import renamed to a [`short_name`], in order, and the
/// renames. Every other byte is kept.
pub fn rename_imports(wasm: &[u8]) -> Result<(Vec<u8>, Renames), String> {
    let sections = sections(wasm)?;
    // The header, checked by `sections`.
    let mut out = wasm[..8].to_vec();
    let mut renames = Vec::new();
    for (id, payload) in sections {
        out.push(id);
        if id != 2 {
            write_leb(&mut out, payload.len() as u64);
            out.extend_from_slice(payload);
            continue;
        }
        let list = imports(payload)?;
        let mut section = Vec::with_capacity(payload.len());
        write_leb(&mut section, list.len() as u64);
        for import in list {
            let new = short_name(renames.len());
            write_name(&mut section, import.module);
            write_name(&mut section, &new);
            section.push(import.kind);
            section.extend_from_slice(import.ty);
            renames.push((import.field.to_owned(), new));
        }
        write_leb(&mut out, section.len() as u64);
        out.extend_from_slice(&section);
    }
    Ok((out, renames))
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
        let mut imports = Vec::new();
        write_leb(&mut imports, 3);
        for (field, desc) in [
            ("__wbg_log_0123456789abcdef", &[0u8, 0][..]),
            ("memory", &[2, 1, 1, 2]),
            ("__wbg_now_fedcba9876543210", &[0, 0]),
        ] {
            write_name(&mut imports, "./glue.js");
            write_name(&mut imports, field);
            imports.extend_from_slice(desc);
        }
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        wasm.extend_from_slice(&[1, 4, 1, 0x60, 0, 0]);
        wasm.push(2);
        write_leb(&mut wasm, imports.len() as u64);
        wasm.extend_from_slice(&imports);
        wasm.extend_from_slice(&[0, 4, 1, b'x', 7, 9]);
        wasm
    }

    fn imports_of(wasm: &[u8]) -> Vec<(String, String)> {
        let sections = sections(wasm).unwrap();
        let (_, payload) = sections.iter().find(|(id, _)| *id == 2).unwrap();
        imports(payload).unwrap().iter().map(|i| (i.module.to_owned(), i.field.to_owned())).collect()
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
    fn imports_are_renamed_and_every_other_byte_is_kept() {
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
        assert_eq!(
            imports_of(&new),
            [("./glue.js", "a"), ("./glue.js", "b"), ("./glue.js", "c")]
                .map(|(m, f)| (m.to_owned(), f.to_owned()))
        );
        // The type section before and the custom section after are untouched.
        assert_eq!(new[..14], wasm[..14]);
        assert_eq!(new[new.len() - 6..], wasm[wasm.len() - 6..]);
        assert!(new.len() < wasm.len());
    }

    #[test]
    fn not_a_module_or_a_cut_one_is_refused() {
        assert!(rename_imports(b"hello wasm").unwrap_err().contains("not a version 1"));
        let wasm = module();
        assert!(rename_imports(&wasm[..wasm.len() - 1]).unwrap_err().contains("truncated"));
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
