//! The order of the site's wasm functions, chosen for gzip (`post-build`).
//!
//! gzip shrinks what repeats within its 32 KB window. wasm-opt lays the
//! functions out by how often they are called, so functions that look alike
//! (a generic's copies for each lab, a lab's views, the map and sort
//! instances) are scattered through 400 KB of code and seldom share a window.
//! This step lays them out so that each function is followed by one much
//! like it and by code gzip has just seen, measured by the 4-byte sequences
//! their bodies share (see [`walk`]): a greedy walk from the smallest.
//! The code is the same; only the order and the indices that name
//! functions change. It saves ~5.5 KB of the gzipped download.
//!
//! The module is read with `wasmparser` and written back with `wasm-encoder`'s
//! re-encoder, which renumbers every reference to a function (calls, exports,
//! the table) through [`Order::function_index`].

use std::collections::{HashMap, VecDeque};
use wasm_encoder::reencode::{Error, Reencode};
use wasm_encoder::{CodeSection, FunctionSection};
use wasmparser::{CodeSectionReader, FunctionBody, FunctionSectionReader, Parser, Payload, TypeRef};

/// `wasm` with its functions laid out for gzip; the same module otherwise.
pub fn for_gzip(wasm: &[u8]) -> Result<Vec<u8>, String> {
    let mut imported = 0u32;
    let mut bodies: Vec<&[u8]> = Vec::new();
    for payload in Parser::new(0).parse_all(wasm) {
        match payload.map_err(|e| e.to_string())? {
            Payload::ImportSection(section) => {
                for import in section.into_imports() {
                    if matches!(
                        import.map_err(|e| e.to_string())?.ty,
                        TypeRef::Func(_) | TypeRef::FuncExact(_)
                    ) {
                        imported += 1;
                    }
                }
            }
            Payload::CodeSectionEntry(body) => bodies.push(&wasm[body.range()]),
            _ => {}
        }
    }
    let order = walk(&bodies);
    let mut new_index = vec![0u32; order.len()];
    for (place, &old) in order.iter().enumerate() {
        new_index[old] = imported + place as u32;
    }
    let mut reorder = Order { imported, order, new_index };
    let mut module = wasm_encoder::Module::new();
    reorder.parse_core_module(&mut module, Parser::new(0), wasm).map_err(|e| e.to_string())?;
    Ok(module.finish())
}

/// gzip's window: how far back it looks for a repeat, in bytes.
const WINDOW: usize = 32 * 1024;

/// How much what the window holds counts against likeness to the function
/// just placed. Tried on the site: 1 saved 0.8 KB over likeness alone, and
/// 1/8 a further 0.3 KB; 1/20 and 1/4 did worse than 1/8.
const WINDOW_WEIGHT: f64 = 0.125;

/// The order to lay out functions with these bodies in: indices into
/// `bodies`, starting from the smallest. Next comes the function not yet
/// placed that scores highest on two measures added up: its Jaccard
/// similarity to the function just placed (which keeps look-alikes in runs),
/// and, weighted by [`WINDOW_WEIGHT`], the share of its 4-byte sequences that
/// the last 32 KB laid out already hold (what gzip can copy). The lowest
/// index wins a tie.
pub fn walk(bodies: &[&[u8]]) -> Vec<usize> {
    let grams: Vec<Vec<u32>> = bodies.iter().map(|b| grams(b)).collect();
    let Some(first) = (0..bodies.len()).min_by_key(|&i| (bodies[i].len(), i)) else {
        return Vec::new();
    };
    // Which functions hold each sequence.
    let mut holders: HashMap<u32, Vec<usize>> = HashMap::new();
    for (i, g) in grams.iter().enumerate() {
        for &x in g {
            holders.entry(x).or_default().push(i);
        }
    }
    let mut window = Window::default();
    // Per function: how many of its sequences the window holds.
    let mut in_window = vec![0usize; bodies.len()];
    let mut placed = vec![false; bodies.len()];
    let mut order = Vec::with_capacity(bodies.len());
    let mut current = first;
    loop {
        placed[current] = true;
        order.push(current);
        window.push(current, bodies[current].len(), &grams, &holders, &mut in_window);
        let last = &grams[current];
        let mut best: Option<(usize, f64)> = None;
        for j in (0..bodies.len()).filter(|&j| !placed[j]) {
            let g = &grams[j];
            let score = if g.is_empty() {
                0.0
            } else {
                let common = shared(last, g);
                WINDOW_WEIGHT * in_window[j] as f64 / g.len() as f64
                    + common as f64 / (last.len() + g.len() - common) as f64
            };
            if best.is_none_or(|(_, s)| score > s) {
                best = Some((j, score));
            }
        }
        match best {
            Some((j, _)) => current = j,
            None => return order,
        }
    }
}

/// The functions laid out last, up to [`WINDOW`] bytes, and how many of
/// them hold each 4-byte sequence.
#[derive(Default)]
struct Window {
    functions: VecDeque<(usize, usize)>,
    bytes: usize,
    count: HashMap<u32, usize>,
}

impl Window {
    /// Lays out function `i` (`len` bytes), forgetting the oldest while the
    /// window is over size; keeps `in_window` (per function, its sequences
    /// the window holds) up to date.
    fn push(
        &mut self,
        i: usize,
        len: usize,
        grams: &[Vec<u32>],
        holders: &HashMap<u32, Vec<usize>>,
        in_window: &mut [usize],
    ) {
        self.functions.push_back((i, len));
        self.bytes += len;
        for x in &grams[i] {
            let n = self.count.entry(*x).or_default();
            *n += 1;
            if *n == 1 {
                holders[x].iter().for_each(|&j| in_window[j] += 1);
            }
        }
        while self.bytes > WINDOW && self.functions.len() > 1 {
            let Some((old, old_len)) = self.functions.pop_front() else { break };
            self.bytes -= old_len;
            for x in &grams[old] {
                let n = self.count.entry(*x).or_default();
                *n -= 1;
                if *n == 0 {
                    holders[x].iter().for_each(|&j| in_window[j] -= 1);
                }
            }
        }
    }
}

/// The distinct 4-byte sequences in `body`, sorted.
fn grams(body: &[u8]) -> Vec<u32> {
    let mut g: Vec<u32> = body.windows(4).map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]])).collect();
    g.sort_unstable();
    g.dedup();
    g
}

/// How many values two sorted, distinct lists share.
fn shared(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Re-encodes a module with its defined functions in `order`.
struct Order {
    /// Imported functions come first in the index space and keep their indices.
    imported: u32,
    /// New place → old index among the defined functions.
    order: Vec<usize>,
    /// Old index among the defined functions → new function index.
    new_index: Vec<u32>,
}

impl Reencode for Order {
    type Error = std::convert::Infallible;

    fn function_index(&mut self, func: u32) -> Result<u32, Error<Self::Error>> {
        Ok(match func.checked_sub(self.imported) {
            Some(defined) => self.new_index[defined as usize],
            None => func,
        })
    }

    fn parse_function_section(
        &mut self,
        functions: &mut FunctionSection,
        section: FunctionSectionReader<'_>,
    ) -> Result<(), Error<Self::Error>> {
        let types = section.into_iter().collect::<Result<Vec<u32>, _>>()?;
        for old in self.order.clone() {
            functions.function(self.type_index(types[old])?);
        }
        Ok(())
    }

    fn parse_code_section(
        &mut self,
        code: &mut CodeSection,
        section: CodeSectionReader<'_>,
    ) -> Result<(), Error<Self::Error>> {
        let bodies = section.into_iter().collect::<Result<Vec<FunctionBody<'_>>, _>>()?;
        for old in self.order.clone() {
            self.parse_function_body(code, bodies[old].clone())?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_walk_starts_small_and_puts_look_alikes_next_to_each_other() {
        let bodies: [&[u8]; 4] = [b"abcdefgh-1", b"zyxwvuts", b"abcdefgh-2", b"zyxw"];
        // Smallest first (3), then the one sharing its grams (1), then the
        // two alike (0 before 2 on the tie).
        assert_eq!(walk(&bodies), vec![3, 1, 0, 2]);
        assert!(walk(&[]).is_empty());
    }

    /// A module of one imported and three defined functions: `main`
    /// (exported, in the table) calls the import and `seven`; `pad` is
    /// padding. Returns what `main` calls, by what the callees do.
    fn module() -> Vec<u8> {
        use wasm_encoder::{
            CodeSection, ElementSection, Elements, EntityType, ExportKind, ExportSection, Function,
            FunctionSection, ImportSection, Instruction as I, Module, RefType, TableSection, TableType,
            TypeSection,
        };
        let mut m = Module::new();
        let mut types = TypeSection::new();
        types.ty().function([], [wasm_encoder::ValType::I32]);
        m.section(&types);
        let mut imports = ImportSection::new();
        imports.import("env", "answer", EntityType::Function(0));
        m.section(&imports);
        let mut functions = FunctionSection::new();
        (0..3).for_each(|_| {
            functions.function(0);
        });
        m.section(&functions);
        let mut tables = TableSection::new();
        tables.table(TableType {
            element_type: RefType::FUNCREF,
            table64: false,
            minimum: 1,
            maximum: None,
            shared: false,
        });
        m.section(&tables);
        let mut exports = ExportSection::new();
        exports.export("main", ExportKind::Func, 1);
        m.section(&exports);
        let mut elements = ElementSection::new();
        elements.active(
            None,
            &wasm_encoder::ConstExpr::i32_const(0),
            Elements::Functions([1].as_slice().into()),
        );
        m.section(&elements);
        let mut code = CodeSection::new();
        let body = |ops: &[I<'_>]| {
            let mut f = Function::new([]);
            ops.iter().for_each(|op| {
                f.instruction(op);
            });
            f.instruction(&I::End);
            f
        };
        // main: answer() + seven(); a long body, so it is not the smallest.
        code.function(&body(&[
            I::Call(0),
            I::Call(3),
            I::I32Add,
            I::Nop,
            I::Nop,
            I::Nop,
            I::Nop,
            I::Drop,
            I::I32Const(1),
        ]));
        code.function(&body(&[I::I32Const(1), I::I32Const(2), I::I32Add, I::Nop, I::Nop, I::Nop, I::Nop]));
        code.function(&body(&[I::I32Const(7)]));
        m.section(&code);
        m.finish()
    }

    #[test]
    fn reordering_keeps_every_reference_pointing_at_the_same_code() {
        let before = module();
        let after = for_gzip(&before).unwrap();
        assert_ne!(before, after, "the smallest function (seven) moves to the front");
        // Per module: whether the export and the table name the same
        // function, and the bodies of what it calls (its own body names them
        // by index, so it differs).
        let read = |wasm: &[u8]| {
            let mut bodies = Vec::new();
            let (mut export, mut table) = (0, 0);
            for payload in Parser::new(0).parse_all(wasm) {
                match payload.unwrap() {
                    Payload::ExportSection(s) => export = s.into_iter().next().unwrap().unwrap().index,
                    Payload::ElementSection(s) => {
                        if let wasmparser::ElementItems::Functions(f) =
                            s.into_iter().next().unwrap().unwrap().items
                        {
                            table = f.into_iter().next().unwrap().unwrap();
                        }
                    }
                    Payload::CodeSectionEntry(b) => bodies.push(b),
                    _ => {}
                }
            }
            let body_of = |i: u32| wasm[bodies[i as usize - 1].range()].to_vec();
            let calls: Vec<Option<Vec<u8>>> = bodies[export as usize - 1]
                .get_operators_reader()
                .unwrap()
                .into_iter()
                .filter_map(|op| match op.unwrap() {
                    wasmparser::Operator::Call { function_index: 0 } => Some(None),
                    wasmparser::Operator::Call { function_index } => Some(Some(body_of(function_index))),
                    _ => None,
                })
                .collect();
            (export == table, calls)
        };
        let (same, calls) = read(&before);
        assert!(same);
        assert_eq!(
            calls,
            [None, Some(vec![0, 65, 7, 11])],
            "main calls the import, then seven (`i32.const 7`)"
        );
        assert_eq!(read(&after), (same, calls));
    }

    #[test]
    fn shared_counts_common_values_of_sorted_lists() {
        assert_eq!(shared(&[1, 3, 5, 7], &[2, 3, 7, 9]), 2);
        assert_eq!(shared(&[], &[1]), 0);
        assert_eq!(grams(b"abcab"), vec![u32::from_le_bytes(*b"abca"), u32::from_le_bytes(*b"bcab")]);
    }
}
