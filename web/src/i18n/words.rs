//! How a catalog's texts are stored in the page and read at start-up.
//!
//! A catalog written as a struct of `&'static str` costs two 32-bit words of
//! pointer and length per text, and ~870 of those gzip to 3.3 KB: pointers
//! barely compress. So each language's texts are stored as one block, one
//! text per line, and cut into the catalog's fields when the language is
//! first used.
//!
//! The block is also packed: Bengali takes three bytes per letter in UTF-8,
//! always `E0 A6 xx` or `E0 A7 xx`, which gzip codes poorly. [`pack`] turns
//! each letter of the Bengali block (U+0980 to U+09FE) into one byte from
//! 0x80 to 0xFE, and writes any other non-ASCII character as 0xFF and its
//! UTF-8 bytes. It runs at compile time; [`unpack`] undoes it at start-up.

use scalelab_core::input::Choice;

/// One language's texts as the page stores them.
#[derive(Clone, Copy, Debug)]
pub struct Words {
    /// The packed lines.
    pub packed: &'static [u8],
    /// The key of each line, for tests; not in the page.
    #[cfg(test)]
    pub keys: &'static [&'static str],
}

/// A catalog's texts, one per line, packed at compile time.
///
/// Entries are `key: "text"`, or `key: "text" | "text"` for a key with more
/// than one text (a choice's name and hint, a worked example's title and
/// note). Keys are field names, or in quotes the setting, metric, choice or
/// link the text belongs to. Only the texts reach the page; tests read the
/// keys in their place and check that every field gets its own.
macro_rules! words {
    ($($key:tt : $($text:literal)|+),* $(,)?) => {{
        $($(const _: () = assert!(
            $crate::i18n::words::count_lines($text.as_bytes()) == 0,
            "a catalog text must not contain a line break: texts are stored one per line"
        );)+)*
        const TEXT: &str = concat!($($($text, "\n",)+)*);
        const PACKED: [u8; $crate::i18n::words::packed_len(TEXT)] = $crate::i18n::words::pack(TEXT);
        $crate::i18n::words::Words {
            packed: &PACKED,
            #[cfg(test)]
            keys: &[$($($crate::i18n::words::key!($key, $text)),+),*],
        }
    }};
}
pub(crate) use words;

/// A key, once for each of its texts.
#[cfg(test)]
macro_rules! key {
    ($key:tt, $text:literal) => {
        stringify!($key)
    };
}
#[cfg(test)]
pub(crate) use key;

/// A catalog struct whose text fields are read from [`Lines`] in the order
/// they are declared, after the fields with readers of their own.
macro_rules! texts {
    (
        $(#[$m:meta])*
        pub struct $name:ident {
            $($(#[$xm:meta])* $x:ident : $xt:ty = $xr:expr,)*
            ;
            $($(#[$fm:meta])* $field:ident,)*
        }
    ) => {
        $(#[$m])*
        #[derive(Debug)]
        pub struct $name {
            $($(#[$xm])* pub $x: $xt,)*
            $($(#[$fm])* pub $field: &'static str,)*
        }

        impl $name {
            /// Reads the catalog's texts from `lines`.
            #[inline(never)]
            fn read(lines: &mut $crate::i18n::words::Lines) -> $name {
                $(let $x = ($xr)(&mut *lines);)*
                let [$($field),*] = *lines.take();
                $name { $($x,)* $($field,)* }
            }

            /// Each text field's name and text.
            #[cfg(test)]
            fn fields(&self) -> Vec<(&'static str, &'static str)> {
                vec![$((stringify!($field), self.$field)),*]
            }
        }

        // Catalogs live in statics for the page's lifetime: two are the same
        // catalog exactly when they are at the same address, which is all a
        // component needs to know to skip a re-render.
        impl PartialEq for $name {
            fn eq(&self, other: &Self) -> bool {
                std::ptr::eq(self, other)
            }
        }
    };
}
pub(crate) use texts;

/// How many line breaks `bytes` holds: in a packed catalog, how many texts
/// (each ends with one).
pub const fn count_lines(packed: &[u8]) -> usize {
    let (mut i, mut n) = (0, 0);
    while i < packed.len() {
        if packed[i] == b'\n' {
            n += 1;
        }
        i += 1;
    }
    n
}

/// The first byte of an escaped character.
const ESCAPE: u8 = 0xFF;

/// How many bytes the UTF-8 character starting with `lead` takes.
const fn utf8_len(lead: u8) -> usize {
    match lead {
        0..0xE0 => 2,
        0xE0..0xF0 => 3,
        _ => 4,
    }
}

/// The packed byte of the character at `i` of `b` (UTF-8), if it is a letter
/// of the Bengali block that packs into one byte.
const fn bengali(b: &[u8], i: usize) -> Option<u8> {
    if b[i] == 0xE0 && i + 2 < b.len() && (b[i + 1] == 0xA6 || b[i + 1] == 0xA7) {
        let byte = 0x80 + (b[i + 1] - 0xA6) * 0x40 + (b[i + 2] - 0x80);
        if byte != ESCAPE {
            return Some(byte);
        }
    }
    None
}

/// The length of `text` packed.
pub const fn packed_len(text: &str) -> usize {
    let b = text.as_bytes();
    let (mut i, mut n) = (0, 0);
    while i < b.len() {
        if b[i] < 0x80 {
            i += 1;
            n += 1;
        } else if bengali(b, i).is_some() {
            i += 3;
            n += 1;
        } else {
            let len = utf8_len(b[i]);
            i += len;
            n += 1 + len;
        }
    }
    n
}

/// `text` packed into `N` bytes (`N` is [`packed_len`]).
pub const fn pack<const N: usize>(text: &str) -> [u8; N] {
    let mut out = [0u8; N];
    pack_into(text, &mut out);
    out
}

/// Packs `text` into `out`, which is [`packed_len`] bytes long.
const fn pack_into(text: &str, out: &mut [u8]) {
    let b = text.as_bytes();
    let (mut i, mut n) = (0, 0);
    while i < b.len() {
        if b[i] < 0x80 {
            out[n] = b[i];
            i += 1;
            n += 1;
        } else if let Some(byte) = bengali(b, i) {
            out[n] = byte;
            i += 3;
            n += 1;
        } else {
            out[n] = ESCAPE;
            n += 1;
            let len = utf8_len(b[i]);
            let mut k = 0;
            while k < len {
                out[n] = b[i];
                i += 1;
                n += 1;
                k += 1;
            }
        }
    }
    assert!(n == out.len(), "packed length differs from packed_len");
}

/// The text `packed` was made from; anything unreadable is left out.
pub fn unpack(packed: &[u8]) -> String {
    let mut out = Vec::with_capacity(packed.len() * 2);
    let mut rest = packed;
    while let Some((&b, tail)) = rest.split_first() {
        rest = tail;
        match b {
            0..0x80 => out.push(b),
            ESCAPE => {
                let len = rest.first().map_or(0, |&lead| utf8_len(lead)).min(rest.len());
                out.extend_from_slice(&rest[..len]);
                rest = &rest[len..];
            }
            _ => out.extend_from_slice(&[0xE0, 0xA6 + (b >> 6 & 1), 0x80 | (b & 0x3F)]),
        }
    }
    String::from_utf8(out).unwrap_or_default()
}

/// The lines of a catalog, read one field at a time.
pub struct Lines {
    texts: &'static [&'static str],
    at: usize,
}

impl Lines {
    /// The lines of `text`.
    pub fn new(text: &'static str) -> Lines {
        let texts: Vec<&'static str> = text.split('\n').collect();
        Lines { texts: Box::leak(texts.into_boxed_slice()), at: 0 }
    }

    /// The lines of a packed catalog, unpacked once for the page's lifetime.
    #[inline(never)]
    pub fn unpacked(packed: &[u8]) -> Lines {
        Lines::new(Box::leak(unpack(packed).into_boxed_str()))
    }

    /// The next `n` texts; empty once the lines run out (a test checks they
    /// do not).
    #[inline(never)]
    pub fn slice(&mut self, n: usize) -> &'static [&'static str] {
        let texts = self.texts.get(self.at..self.at + n).unwrap_or_default();
        self.at += n;
        texts
    }

    /// The next `N` texts.
    pub fn take<const N: usize>(&mut self) -> &'static [&'static str; N] {
        self.slice(N).try_into().unwrap_or(&[""; N])
    }

    /// Whether every text has been read.
    #[cfg(test)]
    pub fn is_done(&mut self) -> bool {
        matches!(self.texts.get(self.at..), Some([] | [""]))
    }
}

/// A name and a one-line hint per choice (policy, strategy, routing).
#[derive(Debug)]
pub struct Choices<C: 'static> {
    texts: &'static [&'static str],
    of: std::marker::PhantomData<C>,
}

impl<C: Choice> Choices<C> {
    /// Reads a name and a hint for each of `C`'s choices, in their order.
    pub fn read(lines: &mut Lines) -> Self {
        Choices { texts: lines.slice(2 * C::ALL.len()), of: std::marker::PhantomData }
    }

    /// Each choice with its name and hint.
    pub fn iter(&self) -> impl Iterator<Item = (C, &'static str, &'static str)> {
        C::ALL.iter().zip(self.texts.as_chunks::<2>().0).map(|(&c, [name, hint])| (c, *name, *hint))
    }
}

/// A name per choice (layout, distribution, key hash).
#[derive(Debug)]
pub struct Named<C: 'static> {
    texts: &'static [&'static str],
    of: std::marker::PhantomData<C>,
}

impl<C: Choice> Named<C> {
    /// Reads a name for each of `C`'s choices, in their order.
    pub fn read(lines: &mut Lines) -> Self {
        Named { texts: lines.slice(C::ALL.len()), of: std::marker::PhantomData }
    }

    /// Each choice with its name.
    pub fn iter(&self) -> impl Iterator<Item = (C, &'static str)> {
        C::ALL.iter().copied().zip(self.texts.iter().copied())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(text: &str) -> String {
        let mut packed = vec![0u8; packed_len(text)];
        pack_into(text, &mut packed);
        unpack(&packed)
    }

    #[test]
    fn packing_round_trips_and_shrinks_bengali() {
        for text in [
            "",
            "Scale Lab — learn by doing it.",
            "স্কেল ল্যাব",
            "র‍্যান্ডম × ৪ → ৫ · “{}” ০১২৩৪৫৬৭৮৯",
            "\u{9FF}\u{980}\u{9FE}😀é",
        ] {
            assert_eq!(round_trip(text), text);
        }
        let bengali = "সার্ভার";
        assert_eq!(packed_len(bengali), bengali.chars().count());
        assert_eq!(packed_len("a—b"), 1 + 4 + 1);
    }

    #[test]
    fn unpacking_garbage_gives_text_not_a_panic() {
        assert_eq!(unpack(&[b'a', ESCAPE]), "a");
        assert_eq!(unpack(&[ESCAPE, 0xE2, 0x80]), "");
        assert_eq!(unpack(&[0x80 + 0x38, b'!']), "স!");
    }

    #[test]
    fn lines_run_out_into_empty_texts() {
        let mut lines = Lines::new("a\nb\n");
        assert_eq!(lines.take::<2>(), &["a", "b"]);
        assert!(lines.is_done());
        assert_eq!(lines.take::<3>(), &["", "", ""]);
    }
}
