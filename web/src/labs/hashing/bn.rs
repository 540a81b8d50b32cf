//! The hashing lab's words in Bengali (বাংলা); technical terms stay as Bengali-speaking
//! engineers say them (see `crate::i18n`).

use super::text::Text;
use crate::i18n::{Choices, LabWords, Named, Preset};
use scalelab_core::input::fmt_num;
use scalelab_core::labs::hashing::{Event, Ignored, KeyHash, Strategy};

pub static TEXT: Text = Text {
    words: LabWords {
        title: "হ্যাশিং",
        blurb: "কোন কী কোন সার্ভারের? hash(key) mod N দিলে একটি সার্ভার যোগ করলেই প্রায় সব কী জায়গা বদলায় — সব ক্যাশ ঠান্ডা হয়ে যায়। কনসিস্টেন্ট হ্যাশিংয়ের রিংয়ে নতুন সার্ভার নেয় শুধু একটি অংশ। নোড যোগ করুন, সরান, ভার্চুয়াল নোড বাড়ান, আর একই কী-তে ছয়টি পদ্ধতি তুলনা করুন।",
        nothing_yet: "এখনও কিছু ঘটেনি। একটি নোড যোগ করুন বা সরান, দেখুন কোন কী সরে।",
        settings: &[
            ("strategy", "পদ্ধতি"),
            ("nodes", "নোড"),
            ("positions", "হাতে বসানো নোড (S0:20,S1:80)"),
            ("vnodes", "প্রতি নোডে ভার্চুয়াল নোড"),
            ("ring-size", "রিংয়ের আকার M"),
            ("load-factor", "লোড ফ্যাক্টর c (সীমিত)"),
            ("table-size", "টেবিলের আকার (ম্যাগলেভ, মৌলিক)"),
            ("keys", "কী"),
            ("key-hash", "কী-এর হ্যাশ"),
            ("key-hashes", "নির্দিষ্ট হ্যাশসহ কী (10:3,20:15)"),
            ("add", "শুরুতে যোগ করা নোড"),
            ("remove", "শুরুতে সরানো নোড"),
            ("rate", "প্রতি সেকেন্ডে খোঁজ"),
        ],
        metrics: &[
            ("time_ms", "সিমুলেটেড সময় (ms)"),
            ("keys", "কী"),
            ("nodes_before", "শুরুতে নোড"),
            ("nodes_after", "এখন নোড"),
            ("keys_moved", "সরেছে এমন কী"),
            ("keys_moved_fraction", "সরানোর অনুপাত"),
            ("ideal_moved_fraction", "ন্যূনতম সম্ভাব্য অনুপাত"),
            ("moved_to_changed_nodes_fraction", "বদলানো নোডে/থেকে সরেছে"),
            ("last_change_keys_moved", "শেষ পরিবর্তনে সরেছে"),
            ("load_max_over_mean", "সবচেয়ে ব্যস্ত নোড ÷ গড়"),
            ("load_cv", "লোডের বিস্তার (CV)"),
            ("node_ids", "নোড"),
            ("share", "কী-স্পেসে ভাগ"),
            ("keys_per_node", "প্রতি নোডে কী"),
            ("lookups", "খোঁজ"),
            ("lookups_missed", "নোড না পাওয়া খোঁজ"),
            ("lookups_per_node", "প্রতি নোডে খোঁজ"),
        ],
        presets: &[
            Preset {
                link: "log=800:add-at:3:90&speed=1",
                title: "S3 বসান 90-এ: সরে শুধু 81..90",
                note: "বীজ-নোটের রিং: 256 আকারের রিংয়ে S0 20-এ, S1 80-এ, S2 200-এ। S3 বসে 90-এ আর নেয় ঠিক 81..90 অংশটি; বাকি সব কী যেখানে ছিল সেখানেই।",
            },
            Preset {
                link: "strategy=modulo&nodes=4&key-hashes=10:3,20:15,35:12&log=800:add&speed=1",
                title: "মডুলোতে ৪ → ৫ সার্ভার",
                note: "H(10) = 3, H(20) = 15, H(35) = 12: চারটি সার্ভারে S3, S3, S0; পাঁচটিতে S3, S0, S2। তিনটির দুটি কী সরেছে।",
            },
            Preset {
                link: "ring-size=100&positions=S1:10,S2:11,S3:12,S4:90&keys=100",
                title: "একপেশে রিং: S4-এর ভাগ ৭৮%",
                note: "100 আকারের রিংয়ে S1:10, S2:11, S3:12, S4:90। S4 পায় 13 থেকে 90 পর্যন্ত সব — সাধারণ কনসিস্টেন্ট হ্যাশিংয়ের এই দুর্বলতা ভার্চুয়াল নোড সারায়।",
            },
            Preset {
                link: "ring-size=20&positions=S0:1,S1:10&keys=30",
                title: "রিংয়ের চেয়ে বড় হ্যাশ mod M হয়",
                note: "M = 20, কী 30টি: কী 25 বসে 25 mod 20 = 5-এ আর 2..10 কী-দের সঙ্গে S1 ভাগ করে। এতে দোষ নেই: তারা এমনিতেই S1 ভাগ করছিল।",
            },
            Preset {
                link: "strategy=modulo&nodes=10&keys=2000&key-hash=mix&ring-size=1000000&vnodes=100&vs=strategy=ring&log=800:add&speed=1",
                title: "মডুলো বনাম রিং, ১০ → ১১ নোড",
                note: "একই কী-তে পাশাপাশি: মডুলো সরায় প্রায় ৯১%, রিং প্রায় ৯% — তার সবটাই নতুন নোডে।",
            },
            Preset {
                link: "nodes=10&vnodes=1&ring-size=1000000&keys=5000&key-hash=mix&vs=vnodes=200",
                title: "ভার্চুয়াল নোড লোড সমান করে",
                note: "প্রতি নোডে একটি বিন্দু থাকলে কোনো নোড পায় গড়ের তিন গুণ; প্রতি নোডে 200 বিন্দুতে সবচেয়ে ব্যস্তটিও গড়ের কাছাকাছি।",
            },
            Preset {
                link: "strategy=bounded&load-factor=1.25&ring-size=100&positions=S1:10,S2:11,S3:12,S4:90&keys=1000&key-hash=mix&vs=strategy=ring",
                title: "একপেশে রিংয়ে সীমিত লোড",
                note: "একই একপেশে রিং, সীমা গড়ের 1.25 গুণ: S4-এর উপচে পড়া কী ঘড়ির কাঁটার দিকে S1-এ যায়।",
            },
        ],
    },
    strategies: Choices(|c| match c {
        Strategy::Modulo => {
            ("মডুলো (hash mod N)", "N না বদলালে সমান ভাগ; N বদলালে কী থাকে শুধু যদি hash mod N একই থাকে।")
        }
        Strategy::Ring => (
            "কনসিস্টেন্ট হ্যাশিং (রিং)",
            "নোডগুলো একটি রিংয়ে; কী যায় ঘড়ির কাঁটার দিকে প্রথম নোডে। প্রতি নোডে বেশি বিন্দু (ভার্চুয়াল নোড) ভাগ সমান করে।",
        ),
        Strategy::Jump => {
            ("জাম্প হ্যাশ", "রিং নেই, মেমরি নেই, একদম সমান ভাগ — কিন্তু নোড ক্রমিক নম্বরে, তাই শুধু শেষটি নির্বিঘ্নে সরে।")
        }
        Strategy::Rendezvous => (
            "রঁদেভু (সর্বোচ্চ র‍্যান্ডম ওজন)",
            "প্রতিটি নোড প্রতিটি কী-কে নম্বর দেয়; সর্বোচ্চটি জেতে। সবচেয়ে কম সরানো, কিন্তু প্রতি খোঁজে সব নোড দেখতে হয়।",
        ),
        Strategy::Maglev => {
            ("ম্যাগলেভ", "মৌলিক আকারের একটি লুকআপ টেবিল, প্রতি নোডের বিন্যাস থেকে ভরা: এক পাঠে খোঁজ, প্রায় ন্যূনতম সরানো।")
        }
        Strategy::Bounded => {
            ("সীমিত লোড", "সীমাসহ রিং: কোনো নোড গড়ের c গুণের বেশি নয়; উপচে পড়া কী পরের নোডে যায়।")
        }
    }),
    key_hashes: Named(|c| match c {
        KeyHash::Identity => "অভিন্ন (কী k থাকে k-তে)",
        KeyHash::Mix => "মিশ্রিত ৬৪-বিট হ্যাশ",
    }),
    add_node: "নোড যোগ করুন",
    remove_node: "{} সরান",
    rate: "প্রতি সেকেন্ডে খোঁজ",
    strategy: "পদ্ধতি",
    compare_with: "{}-এর সঙ্গে তুলনা",
    shares_title: "কী-স্পেসে ভাগ",
    keys_title: "প্রতি নোডে কী",
    legend: "বিন্দুগুলো কী, মালিকের রঙে; বৃত্তঘেরা বিন্দু শেষ পরিবর্তনে সরেছে। বড় চিহ্ন নোড, ছোট দাগ তাদের ভার্চুয়াল নোড।",
    no_ring: "এই পদ্ধতিতে রিং নেই: তুলনার জন্য নোডগুলো সমান দূরত্বে আঁকা, কী hash mod M-এ।",
    moved_note: "শুরু থেকে সরেছে {}টি কী, মোট {}টির মধ্যে ({})। পুরোপুরি সমান ভাগ রাখতে অন্তত {} সরাতেই হয়; কম সরলে কোনো নোড তার ন্যায্য ভাগের চেয়ে বেশি বা কম পায়।",
    modulo_tally: "বীজ-নোটের পাই-হিসাব ১০০% দেখায় কারণ প্রতিটি সরানো অংশ দুবার গোনে — এক সার্ভারের হারানো আর অন্যটির পাওয়া। প্রতিটি কী একবার গুনলে এখানে সরেছে {}: N থেকে N+1 হলে N/(N+1)।",
    lookups_title: "প্রতি সেকেন্ডে খোঁজ",
    event,
};

/// Why a command did nothing.
fn ignored(why: Ignored) -> &'static str {
    match why {
        Ignored::NoSuchNode => "এমন কোনো নোড নেই",
        Ignored::AlreadyThere => "এটি আগে থেকেই আছে",
        Ignored::LastNode => "শেষ নোড সরানো যায় না",
        Ignored::AtMaximum => "আর নোড যোগ করা যায় না",
    }
}

fn event(e: &Event) -> String {
    match e {
        Event::NodeAdded { node, points: 0 } => format!("S{node} যোগ হয়েছে।"),
        Event::NodeAdded { node, points } => format!("রিংয়ে {points}টি বিন্দু নিয়ে S{node} যোগ হয়েছে।"),
        Event::NodeRemoved { node } => format!("S{node} সরে গেছে।"),
        Event::KeysMoved { moved, keys, to_or_from_changed } => format!(
            "{keys}টি কী-এর {moved}টির মালিক বদলেছে; তার {to_or_from_changed}টি বদলানো নোডে বা সেখান থেকে।"
        ),
        Event::RateSet { rate } => format!("ক্লায়েন্টরা এখন সেকেন্ডে {} বার কী খোঁজে।", fmt_num(*rate)),
        Event::CommandIgnored { command, why } => {
            format!("{command} কমান্ডে কিছু হয়নি: {}।", ignored(*why))
        }
        other => other.to_string(),
    }
}
