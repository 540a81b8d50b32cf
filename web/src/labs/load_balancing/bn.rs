//! The load-balancing lab's words in Bengali (বাংলা); technical terms stay as Bengali-speaking
//! engineers say them (see `crate::i18n`).

use super::text::Text;
use crate::i18n::{Choices, LabWords, Named, Preset};
use scalelab_core::input::fmt_num;
use scalelab_core::labs::load_balancing::{Event, FailReason, Ignored, Layout, Policy, ServiceDist};

pub static TEXT: Text = Text {
    words: LabWords {
        title: "লোড ব্যালান্সিং",
        blurb: "ক্লায়েন্টরা অনুরোধ পাঠায়; একটি লোড ব্যালান্সার সেগুলো সার্ভারগুলোর মধ্যে ভাগ করে দেয়, প্রতিটি সার্ভারের কয়েকটি কোর আর একটি কিউ আছে। পলিসি বদলান, কোনো সার্ভার বন্ধ বা ধীর করুন, বিচ্ছিন্ন করুন — অথবা সব কোর একটি বড় মেশিনে রেখে দেখুন সিঙ্গেল পয়েন্ট অফ ফেইলিওর মানে কী।",
        nothing_yet: "এখনও কিছু ঘটেনি। চালান, তারপর একটি সার্ভার বন্ধ করুন।",
        settings: &[
            ("servers", "সার্ভার"),
            ("policy", "রাউটিং পলিসি"),
            ("rate", "অনুরোধের হার (প্রতি সেকেন্ডে)"),
            ("service-ms", "সার্ভিস টাইম (ms)"),
            ("service-dist", "সার্ভিস টাইমের ধরন"),
            ("capacity", "প্রতি সার্ভারে কোর"),
            ("queue-limit", "কিউয়ের সীমা"),
            ("layout", "বিন্যাস"),
            ("clients", "ক্লায়েন্ট"),
            ("client-latency-ms", "ক্লায়েন্ট লেটেন্সি (ms)"),
            ("net-latency-ms", "ব্যালান্সার–সার্ভার লেটেন্সি (ms)"),
            ("jitter-ms", "জিটার (ms)"),
            ("loss", "মেসেজ হারানোর সম্ভাবনা (০–১)"),
            ("timeout-ms", "ক্লায়েন্ট টাইমআউট (ms)"),
            ("health-check-ms", "হেলথ চেক প্রতি (ms)"),
        ],
        metrics: &[
            ("time_ms", "সিমুলেটেড সময় (ms)"),
            ("arrived", "পাঠানো অনুরোধ"),
            ("completed", "উত্তর পেয়েছে"),
            ("dropped", "বাদ পড়েছে (কিউ ভর্তি)"),
            ("failed", "ব্যর্থ"),
            ("failed_crashed", "…সার্ভার বন্ধ হওয়ায়"),
            ("failed_refused", "…প্রত্যাখ্যাত"),
            ("failed_no_server", "…কোনো সুস্থ সার্ভার নেই"),
            ("failed_timed_out", "…সময় পেরিয়ে গেছে"),
            ("in_progress", "চলমান"),
            ("throughput_rps", "থ্রুপুট (প্রতি সেকেন্ডে)"),
            ("success_ratio", "সফলতার হার"),
            ("latency_ms_mean", "গড় লেটেন্সি (ms)"),
            ("latency_ms_p50", "p50 লেটেন্সি (ms)"),
            ("latency_ms_p95", "p95 লেটেন্সি (ms)"),
            ("latency_ms_p99", "p99 লেটেন্সি (ms)"),
            ("latency_ms_max", "সর্বোচ্চ লেটেন্সি (ms)"),
            ("per_server_completed", "প্রতি সার্ভারে উত্তর"),
            ("per_server_utilization", "প্রতি সার্ভারের ব্যস্ততা"),
            ("servers_up", "চালু সার্ভার"),
            ("cores", "কোর"),
            ("offered_load", "প্রস্তাবিত লোড (ρ)"),
            ("cost_per_hour", "ঘণ্টাপ্রতি খরচ ($, উদাহরণমাত্র)"),
        ],
        presets: &[
            Preset {
                link: "vs=layout=vertical&log=3000:kill:0&speed=1",
                title: "একটি বড় মেশিন বনাম চারটি ছোট, তারপর একটি মেশিন বন্ধ",
                note: "বড় মেশিনে অপেক্ষা কম (একটি সাধারণ কিউ, ব্যালান্সারের বাড়তি ধাপ নেই) — যতক্ষণ না এটি বন্ধ হয় আর সব অনুরোধ ব্যর্থ হয়। চারটি ছোট মেশিন হারায় মাত্র এক-চতুর্থাংশ ক্ষমতা।",
            },
            Preset {
                link: "vs=policy=least-connections&log=0:slow:0:5&speed=1",
                title: "একটি ধীর সার্ভার: রাউন্ড রবিন বনাম সবচেয়ে কম কানেকশন",
                note: "রাউন্ড রবিন S0-কে তার ভাগ দিয়েই যায়; কিউ ভরে যায় আর অনুরোধের সময় পেরিয়ে যায়। সবচেয়ে কম কানেকশন জমে থাকা অনুরোধ দেখে S0-কে এড়িয়ে চলে।",
            },
            Preset {
                link: "log=2000:isolate:2&speed=1",
                title: "নেটওয়ার্ক বিচ্ছিন্নতা ধীরে ব্যর্থ হয়",
                note: "S2 চলছে কিন্তু কিছুই সেখানে পৌঁছায় না: পরের হেলথ চেক একে রোটেশন থেকে সরানো পর্যন্ত অনুরোধগুলো এক সেকেন্ড পর টাইমআউট হয়।",
            },
            Preset {
                link: "rate=600&speed=1",
                title: "অতিরিক্ত লোড: কোরের চেয়ে বেশি অনুরোধ",
                note: "কিউ ভরে যায়, লেটেন্সি কিউয়ের সীমা পর্যন্ত বাড়ে, তারপর সার্ভার যা ধরে রাখতে পারে না তা বাদ দেয়। থ্রুপুট কোরের সামর্থ্যে থেমে যায়।",
            },
            Preset {
                link: "layout=vertical&log=2000:add&speed=1",
                title: "ভার্টিক্যাল স্কেলিং মানে রিস্টার্ট",
                note: "বড় মেশিন কিনলে আকার বদলানোর সময় সেটি বন্ধ থাকে: এক সেকেন্ড ব্যর্থতা, তারপর বেশি কোর — সবচেয়ে বড় মেশিন পর্যন্ত।",
            },
        ],
    },
    policies: Choices(|c| match c {
        Policy::RoundRobin => ("রাউন্ড রবিন", "পালা করে প্রতিটি সার্ভারে। কাগজে ন্যায্য; ধীর সার্ভার চোখে পড়ে না।"),
        Policy::Random => ("র‍্যান্ডম", "যেকোনো একটি সার্ভার। সহজ, কিন্তু কাকতালীয়ভাবে কিউ জমে যায়।"),
        Policy::LeastConnections => ("সবচেয়ে কম কানেকশন", "যে সার্ভারে সবচেয়ে কম অনুরোধ চলছে। ধীর সার্ভার এড়িয়ে যায়।"),
        Policy::PowerOfTwoChoices => {
            ("দুইয়ের মধ্যে বাছাই", "র‍্যান্ডম দুটি সার্ভার, যেটি কম ব্যস্ত। প্রায় ততটাই ভালো, খরচ অনেক কম।")
        }
        Policy::Hash => ("ক্লায়েন্টের হ্যাশ", "hash(client) mod N: একই ক্লায়েন্ট সবসময় একই সার্ভারে — যতক্ষণ না N বদলায়।"),
    }),
    layouts: Named(|c| match c {
        Layout::Horizontal => "হরাইজন্টাল (অনেক ছোট)",
        Layout::Vertical => "ভার্টিক্যাল (একটি বড়)",
    }),
    dists: Named(|c| match c {
        ServiceDist::Exp => "এক্সপোনেনশিয়াল",
        ServiceDist::Const => "স্থির",
    }),
    clients: "ক্লায়েন্ট",
    balancer: "লোড ব্যালান্সার",
    machine: "একটি বড় মেশিন",
    busy: "ব্যস্ত",
    queue: "কিউ",
    done: "সম্পন্ন",
    up: "চালু",
    down: "বন্ধ",
    cut_off: "বিচ্ছিন্ন",
    out_of_rotation: "রোটেশনের বাইরে",
    resizing: "আকার বদলাচ্ছে",
    slower: "{} গুণ ধীর",
    kill: "{} বন্ধ করুন",
    restart: "{} আবার চালু করুন",
    slow_down: "{} ৫ গুণ ধীর করুন",
    speed_up: "{} স্বাভাবিক গতিতে",
    isolate: "{} বিচ্ছিন্ন করুন",
    heal: "{} আবার যুক্ত করুন",
    add_server: "সার্ভার যোগ করুন",
    bigger_machine: "বড় মেশিন কিনুন",
    selected: "সার্ভার {}",
    rate: "অনুরোধের হার (প্রতি সেকেন্ডে)",
    policy: "রাউটিং পলিসি",
    compare_layouts: "একটি বড় মেশিনের সঙ্গে তুলনা",
    horizontal_caption: "হরাইজন্টাল: {}টি সার্ভার × {} কোর",
    vertical_caption: "ভার্টিক্যাল: একটি মেশিন, {} কোর",
    event,
};

/// Why a request failed.
fn failure(why: FailReason) -> &'static str {
    match why {
        FailReason::Crashed => "এর সার্ভার বন্ধ করা হয়েছিল",
        FailReason::Refused => "সার্ভার বন্ধ ছিল",
        FailReason::NoServer => "কোনো সার্ভার সুস্থ ছিল না",
        FailReason::TimedOut => "সময়মতো উত্তর আসেনি",
    }
}
/// Why a command did nothing.
fn ignored(why: Ignored) -> &'static str {
    match why {
        Ignored::NoSuchServer => "এমন কোনো সার্ভার নেই",
        Ignored::AlreadyThatWay => "এটি আগে থেকেই তেমন",
        Ignored::AtMaximum => "এর চেয়ে বড় হয় না",
        Ignored::Resizing => "মেশিনের আকার বদলানো হচ্ছে",
    }
}

fn event(e: &Event) -> String {
    match e {
        Event::ServerAdded { server, cores } => {
            format!("{cores} কোরের S{server} যোগ হয়েছে; প্রথম হেলথ চেকের পর এটি কাজ পাবে।")
        }
        Event::ResizeStarted { server, cores } => {
            format!("{cores} কোরে বড় করতে S{server} বন্ধ হয়েছে। এতে থাকা সব অনুরোধ ব্যর্থ।")
        }
        Event::ResizeFinished { server, cores } => format!("S{server} ফিরে এসেছে, এখন {cores} কোর।"),
        Event::ServerKilled { server, lost } => {
            format!("S{server} বন্ধ করা হয়েছে; এতে থাকা {lost}টি অনুরোধ সঙ্গে সঙ্গে ব্যর্থ হয়েছে।")
        }
        Event::ServerRestarted { server } => format!("S{server} আবার চালু হয়েছে।"),
        Event::ServerSlowed { server, factor } if *factor <= 1.0 => {
            format!("S{server} আবার স্বাভাবিক গতিতে চলছে।")
        }
        Event::ServerSlowed { server, factor } => format!("S{server} এখন {} গুণ ধীর।", fmt_num(*factor)),
        Event::ServerIsolated { server } => {
            format!("S{server} লোড ব্যালান্সার থেকে বিচ্ছিন্ন: এর অনুরোধগুলোর সময় পেরিয়ে যাবে।")
        }
        Event::ServerHealed { server } => format!("S{server} আবার যুক্ত হয়েছে।"),
        Event::MarkedDown { server } => format!("হেলথ চেক ব্যর্থ: লোড ব্যালান্সার S{server}-এ পাঠানো বন্ধ করেছে।"),
        Event::MarkedUp { server } => format!("হেলথ চেক সফল: S{server} রোটেশনে আছে।"),
        Event::RateSet { rate } => format!("ক্লায়েন্টরা এখন প্রতি সেকেন্ডে {}টি অনুরোধ পাঠাচ্ছে।", fmt_num(*rate)),
        Event::PolicySet { policy } => format!("রাউটিং পলিসি এখন {}।", TEXT.policies.name(*policy)),
        Event::CommandIgnored { command, why } => {
            format!("{command} কমান্ডে কিছু হয়নি: {}।", ignored(*why))
        }
        Event::Failed { req, reason, .. } => format!("অনুরোধ {req} ব্যর্থ: {}।", failure(*reason)),
        other => other.to_string(),
    }
}
