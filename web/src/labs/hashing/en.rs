//! The hashing lab's words in English.

use super::text::Text;
use crate::i18n::{Choices, LabWords, Named, Preset};
use scalelab_core::input::fmt_num;
use scalelab_core::labs::hashing::{Event, Ignored, KeyHash, Strategy};

pub static TEXT: Text = Text {
    words: LabWords {
        title: "Hashing",
        blurb: "Which server owns which key? With hash(key) mod N, adding one server reshuffles almost everything — every cache goes cold. On a consistent-hash ring a new server takes over only one arc. Add and remove nodes, turn up the virtual nodes, and compare six strategies on the same keys.",
        nothing_yet: "Nothing yet. Add or remove a node and watch which keys move.",
        settings: &[
            ("strategy", "Strategy"),
            ("nodes", "Nodes"),
            ("positions", "Hand-placed nodes (S0:20,S1:80)"),
            ("vnodes", "Virtual nodes per node"),
            ("ring-size", "Ring size M"),
            ("load-factor", "Load factor c (bounded)"),
            ("table-size", "Table size (maglev, prime)"),
            ("keys", "Keys"),
            ("key-hash", "Key hash"),
            ("key-hashes", "Keys with given hashes (10:3,20:15)"),
            ("add", "Nodes added at the start"),
            ("remove", "Nodes removed at the start"),
            ("rate", "Lookups per second"),
        ],
        metrics: &[
            ("time_ms", "Simulated time (ms)"),
            ("keys", "Keys"),
            ("nodes_before", "Nodes at the start"),
            ("nodes_after", "Nodes now"),
            ("keys_moved", "Keys moved"),
            ("keys_moved_fraction", "Fraction moved"),
            ("ideal_moved_fraction", "Least possible fraction"),
            ("moved_to_changed_nodes_fraction", "Moved to/from the changed node"),
            ("last_change_keys_moved", "Moved by the last change"),
            ("load_max_over_mean", "Busiest node ÷ mean"),
            ("load_cv", "Load spread (CV)"),
            ("node_ids", "Nodes"),
            ("share", "Share of key space"),
            ("keys_per_node", "Keys per node"),
            ("lookups", "Lookups"),
            ("lookups_missed", "Lookups that found no node"),
            ("lookups_per_node", "Lookups per node"),
        ],
        presets: &[
            Preset {
                link: "log=800:add-at:3:90&speed=1",
                title: "Add S3 at 90: only keys 81..90 move",
                note: "The seed's ring: S0 at 20, S1 at 80, S2 at 200 on a ring of 256. S3 lands at 90 and takes over exactly the arc 81..90; every other key stays put.",
            },
            Preset {
                link: "strategy=modulo&nodes=4&key-hashes=10:3,20:15,35:12&log=800:add&speed=1",
                title: "4 → 5 servers under modulo",
                note: "H(10) = 3, H(20) = 15, H(35) = 12: S3, S3, S0 with four servers; S3, S0, S2 with five. Two of the three keys moved.",
            },
            Preset {
                link: "ring-size=100&positions=S1:10,S2:11,S3:12,S4:90&keys=100",
                title: "A lopsided ring: S4 owns 78%",
                note: "S1:10, S2:11, S3:12, S4:90 on a ring of 100. S4 owns everything from 13 to 90 — the drawback of plain consistent hashing that vnodes fix.",
            },
            Preset {
                link: "ring-size=20&positions=S0:1,S1:10&keys=30",
                title: "Hashes beyond the ring are taken mod M",
                note: "M = 20, 30 keys: key 25 lands at 25 mod 20 = 5 and shares S1 with keys 2..10. Not a fault: they were sharing S1 anyway.",
            },
            Preset {
                link: "strategy=modulo&nodes=10&keys=2000&key-hash=mix&ring-size=1000000&vnodes=100&vs=strategy=ring&log=800:add&speed=1",
                title: "Modulo vs ring, 10 → 11 nodes",
                note: "Side by side on the same keys: modulo moves about 91% of them, the ring about 9% — all of it onto the new node.",
            },
            Preset {
                link: "nodes=10&vnodes=1&ring-size=1000000&keys=5000&key-hash=mix&vs=vnodes=200",
                title: "Virtual nodes even out the load",
                note: "One point per node leaves some nodes with three times the average; 200 points per node bring the busiest within a few percent.",
            },
            Preset {
                link: "strategy=bounded&load-factor=1.25&ring-size=100&positions=S1:10,S2:11,S3:12,S4:90&keys=1000&key-hash=mix&vs=strategy=ring",
                title: "Bounded loads on the lopsided ring",
                note: "The same lopsided ring with a cap of 1.25 × the average: S4's overflow walks on clockwise to S1.",
            },
        ],
    },
    strategies: Choices(|c| match c {
        Strategy::Modulo => (
            "Modulo (hash mod N)",
            "Even while N stays put; change N and a key stays only if hash mod N still agrees.",
        ),
        Strategy::Ring => (
            "Consistent hashing (ring)",
            "Nodes sit on a ring; a key goes to the first node clockwise. More points per node (vnodes) even out the arcs.",
        ),
        Strategy::Jump => (
            "Jump hash",
            "No ring and no memory, perfectly even — but nodes are numbered, so only the last one leaves cleanly.",
        ),
        Strategy::Rendezvous => (
            "Rendezvous (highest random weight)",
            "Every node scores every key; the highest wins. Minimal movement, but a lookup asks every node.",
        ),
        Strategy::Maglev => (
            "Maglev",
            "A prime-sized lookup table filled from per-node permutations: one read per lookup, near-minimal movement.",
        ),
        Strategy::Bounded => (
            "Bounded loads",
            "A ring with a cap: no node above c times the average; an overflowing key walks on to the next node.",
        ),
    }),
    key_hashes: Named(|c| match c {
        KeyHash::Identity => "Identity (key k at k)",
        KeyHash::Mix => "Mixed 64-bit hash",
    }),
    add_node: "Add a node",
    remove_node: "Remove {}",
    rate: "Lookups per second",
    strategy: "Strategy",
    compare_with: "Compare with {}",
    shares_title: "Share of the key space",
    keys_title: "Keys per node",
    legend: "Dots are keys, coloured by owner; ringed dots moved at the last change. Big markers are nodes, small ticks their virtual nodes.",
    no_ring: "No ring in this strategy: nodes are drawn evenly for reference, keys at hash mod M.",
    moved_note: "Keys moved since the start: {} of {} ({}). A placement that stays perfectly even must move at least {}; moving less means a node holds more or less than its fair share.",
    modulo_tally: "The seed's pie tally reaches 100% because it counts every moved slice twice — once as a server's loss and once as another's gain. Counting each key once, {} of the keys moved here: N/(N+1) when N becomes N+1.",
    lookups_title: "Lookups per second",
    event,
};

/// Why a command did nothing.
fn ignored(why: Ignored) -> &'static str {
    match why {
        Ignored::NoSuchNode => "there is no such node",
        Ignored::AlreadyThere => "it is already there",
        Ignored::LastNode => "the last node cannot leave",
        Ignored::AtMaximum => "no more nodes may join",
    }
}

fn event(e: &Event) -> String {
    match e {
        Event::NodeAdded { node, points: 0 } => format!("S{node} joined."),
        Event::NodeAdded { node, points: 1 } => format!("S{node} joined with one point on the ring."),
        Event::NodeAdded { node, points } => {
            format!("S{node} joined with {points} points on the ring.")
        }
        Event::NodeRemoved { node } => format!("S{node} left."),
        Event::KeysMoved { moved, keys, to_or_from_changed } => format!(
            "{moved} of {keys} keys changed owner; {to_or_from_changed} of them to or from the node that changed."
        ),
        Event::RateSet { rate } => {
            format!("Clients now look keys up {} times a second.", fmt_num(*rate))
        }
        Event::CommandIgnored { command, why } => {
            format!("Command {command} did nothing: {}.", ignored(*why))
        }
        other => other.to_string(),
    }
}
