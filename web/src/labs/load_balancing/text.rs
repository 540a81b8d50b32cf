//! The load-balancing lab's words: the fields both languages fill in (`en.rs`, `bn.rs`). Every
//! text is a named field, so a language missing one does not compile; the
//! labels per setting and metric are checked by a test that names the lab
//! and the name.

use crate::i18n::{Choices, LabWords, Named};
use crate::route::Lang;
use scalelab_core::labs::load_balancing::{Event, Layout, Policy, ServiceDist};

/// The load-balancing lab's words: every field in both languages, so a missing text does not compile.
#[derive(Debug)]
pub struct Text {
    /// Title, blurb, labels and worked examples.
    pub words: LabWords,
    /// Per policy: name and one line on how it behaves.
    pub policies: Choices<Policy>,
    /// Per layout: name.
    pub layouts: Named<Layout>,
    /// Per service distribution: name.
    pub dists: Named<ServiceDist>,
    /// Stage labels.
    pub clients: &'static str,
    /// Stage labels.
    pub balancer: &'static str,
    /// Stage labels: the one machine of the vertical layout.
    pub machine: &'static str,
    /// Card labels.
    pub busy: &'static str,
    /// Card labels.
    pub queue: &'static str,
    /// Card labels.
    pub done: &'static str,
    /// Status words.
    pub up: &'static str,
    /// Status words.
    pub down: &'static str,
    /// Status words.
    pub cut_off: &'static str,
    /// Status words.
    pub out_of_rotation: &'static str,
    /// Status words.
    pub resizing: &'static str,
    /// `{}` is the factor.
    pub slower: &'static str,
    /// Actions; `{}` is the server.
    pub kill: &'static str,
    /// Actions; `{}` is the server.
    pub restart: &'static str,
    /// Actions; `{}` is the server.
    pub slow_down: &'static str,
    /// Actions; `{}` is the server.
    pub speed_up: &'static str,
    /// Actions; `{}` is the server.
    pub isolate: &'static str,
    /// Actions; `{}` is the server.
    pub heal: &'static str,
    /// Actions.
    pub add_server: &'static str,
    /// Actions.
    pub bigger_machine: &'static str,
    /// The selected server's action bar: `{}` is the server.
    pub selected: &'static str,
    /// Arrival rate control.
    pub rate: &'static str,
    /// Policy control.
    pub policy: &'static str,
    /// Compare horizontal with vertical.
    pub compare_layouts: &'static str,
    /// `{}` servers × `{}` cores.
    pub horizontal_caption: &'static str,
    /// `{}` cores.
    pub vertical_caption: &'static str,
    /// An event in words.
    pub event: fn(&Event) -> String,
}

crate::i18n::lab_text!(Text);

/// An event in words; `None` for the per-request events that would flood a
/// log.
pub fn describe(lang: Lang, e: &Event) -> Option<String> {
    (!e.is_per_request()).then(|| (text(lang).event)(e))
}
