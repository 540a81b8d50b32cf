//! The hashing lab's words: the fields both languages fill in (`en.rs`, `bn.rs`). Every
//! text is a named field, so a language missing one does not compile; the
//! labels per setting and metric are checked by a test that names the lab
//! and the name.

use crate::i18n::{Choices, LabWords, Named};
use crate::route::Lang;
use scalelab_core::labs::hashing::{Event, KeyHash, Strategy};

/// The hashing lab's words: every field in both languages, so a missing text does not compile.
#[derive(Debug)]
pub struct Text {
    /// Title, blurb, labels and worked examples.
    pub words: LabWords,
    /// Per strategy: name and one line on how it behaves.
    pub strategies: Choices<Strategy>,
    /// Per key-hash choice: name.
    pub key_hashes: Named<KeyHash>,
    /// Actions.
    pub add_node: &'static str,
    /// Actions; `{}` is the node.
    pub remove_node: &'static str,
    /// Lookup rate control.
    pub rate: &'static str,
    /// Strategy control.
    pub strategy: &'static str,
    /// Compare control: `{}` is the other strategy.
    pub compare_with: &'static str,
    /// Chart titles.
    pub shares_title: &'static str,
    /// Chart titles.
    pub keys_title: &'static str,
    /// Under the ring.
    pub legend: &'static str,
    /// Shown for strategies without a ring.
    pub no_ring: &'static str,
    /// After a change: moved, keys, fraction, the least possible fraction.
    pub moved_note: &'static str,
    /// Under modulo, why the seed's tally says 100%: the measured fraction.
    pub modulo_tally: &'static str,
    /// Chart title for lookups.
    pub lookups_title: &'static str,
    /// An event in words.
    pub event: fn(&Event) -> String,
}

crate::i18n::lab_text!(Text);

/// A system event in words; `None` for single lookups.
pub fn describe(lang: Lang, e: &Event) -> Option<String> {
    (!e.is_per_request()).then(|| (text(lang).event)(e))
}
