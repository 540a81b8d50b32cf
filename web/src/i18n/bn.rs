//! The shell's words and input messages in Bengali (বাংলা). Technical terms
//! that Bengali-speaking engineers use in English (server, load balancer,
//! latency, p99) stay as they are spoken, written in Bengali script where that
//! is the common usage; every lab's Bengali file follows the same rule.

use super::{Shell, allowed};
use scalelab_core::input::{Clash, Degenerate, InputError, Problem, Unit, Warning};

pub static SHELL: Shell = Shell {
    app_title: "স্কেল ল্যাব",
    tagline: "সিস্টেম কীভাবে বড় হয় আর কীভাবে ভাঙে — হাতে-কলমে শিখুন।",
    labs: "ল্যাব",
    other_language: "English",
    play: "চালান",
    pause: "থামান",
    step: "এক ধাপ",
    speed: "গতি",
    seed: "সিড",
    apply_seed: "এই সিড নিন",
    reset: "নতুন করে শুরু",
    time: "সময়",
    timeline: "টাইমলাইন (টেনে পেছনে যান)",
    copy_link: "লিংক কপি করুন",
    copy_embed: "এম্বেড কোড কপি করুন",
    copied: "কপি হয়েছে",
    link_label: "হুবহু এই রানের লিংক",
    numbers: "সংখ্যা",
    what_happened: "কী ঘটল",
    settings: "সেটিংস",
    settings_note: "এগুলোর কোনোটি বদলালে রান একই সিড দিয়ে শূন্য থেকে আবার শুরু হয়।",
    bad_params: "এই লিংকের কিছু সেটিং ব্যবহার করা যায়নি:",
    using_default: "ডিফল্ট {} ব্যবহার করা হচ্ছে।",
    keys_help: "কী: Space চালান/থামান · . এক ধাপ · + আর − গতি",
    seeds_button: "২০টি সিডে চালান",
    seeds_title: "{}টি সিডে ({} থেকে {}), {} সময়ে",
    seeds_working: "{} নম্বর সিড চলছে, মোট {}…",
    seeds_mean: "গড় ± 95%",
    seeds_range: "প্রতিটি সিড",
    seeds_note: "একই সেটিং আর কমান্ড, অন্য সিডে। ± হলো গড়ের 95% কনফিডেন্স ইন্টারভাল (স্টুডেন্টের t); বিন্দুগুলো সিড, সবচেয়ে কম থেকে সবচেয়ে বেশি।",
    open_full: "স্কেল ল্যাবে খুলুন",
    home_intro: "প্রতিটি ল্যাব একটি ছোট, নির্ভুল সিমুলেশন। চালান, কিছু একটা ভাঙুন, আর সংখ্যাগুলো দেখুন। প্রতিটি রান সিড-নির্ভর: ঠিকানার লিংকটি যে কারও জন্য হুবহু একই রান দেখায়।",
    unknown_lab: "“{}” নামে কোনো ল্যাব নেই। নিচ থেকে একটি বেছে নিন।",
    finished: "লিংকের নির্দেশমতো (duration-ms) রান {}-এ থেমেছে। আবার চালাতে নতুন করে শুরু করুন বা পেছনে যান।",
    chart_latency: "উত্তর পাওয়া অনুরোধের লেটেন্সি (ms)",
    chart_outcomes: "প্রতি সেকেন্ডে অনুরোধ",
    last_second: "গত এক সেকেন্ডে: {}টি বাদ পড়েছে, {}টি ব্যর্থ।",
    try_these: "এগুলো চেষ্টা করুন",
    compare: "তুলনা",
    compare_off: "তুলনা বন্ধ করুন",
    ms: "ms",
    s: "সে.",
    per_s: "/সে.",
    crashed: "স্কেল ল্যাবের ভেতরে কিছু একটা ভুল হয়েছে। পেজটি আবার লোড করুন; আপনার লিংকে রানটি রয়ে গেছে।",
};

pub fn input_error(e: &InputError) -> String {
    let (name, value) = (&e.name, &e.value);
    let ok = allowed(&e.problem);
    match &e.problem {
        Problem::NotANumber(_) => format!("“{name}” = “{value}” কোনো সংখ্যা নয়; অনুমোদিত: {ok}"),
        Problem::NotAWholeNumber(_) => format!("“{name}” = “{value}” পূর্ণসংখ্যা নয়; অনুমোদিত: {ok}"),
        Problem::OutOfRange(_) => format!("“{name}” = {value} সীমার বাইরে; অনুমোদিত: {ok}"),
        Problem::NotOneOf(_) => format!("“{name}” = “{value}” গ্রহণযোগ্য নয়; অনুমোদিত: {ok}"),
        Problem::UnknownSetting(_) => format!("“{name}” এই ল্যাবের কোনো সেটিং নয়; সেটিংগুলো: {ok}"),
        Problem::BadCommand { .. } => format!("“{name}”: “{value}” কমান্ডটি পড়া যায়নি; কমান্ডের রূপ: {ok}"),
        Problem::Conflict(why) => format!("“{name}” = {value}: {}", clash(why)),
    }
}

pub fn warning(w: &Warning) -> String {
    let name = w.name;
    match w.problem {
        Degenerate::CrowdedRing { points, positions } => format!(
            "“{name}”: {positions}টি অবস্থানে রিংয়ের {points}টি বিন্দু, তাই অনেক বিন্দু একই জায়গায় পড়ে আর সবচেয়ে ব্যস্ত নোড তার ভাগের চেয়ে অনেক বেশি ধরে। “{name}” বাড়ান (যেমন 4294967296)।"
        ),
        Degenerate::KeysPileUp { keys, positions } => format!(
            "“{name}”: {keys}টি কী আইডেন্টিটি হ্যাশে {positions}টি অবস্থানে, তাই কী k আর k + {positions} সবসময় একসঙ্গে পড়ে। “{name}” = mix দিন, বা বড় রিং নিন।"
        ),
    }
}

/// Why settings cannot hold together.
fn clash(c: &Clash) -> String {
    match c {
        Clash::NotPrime { below, above } => {
            format!("টেবিলের আকার মৌলিক সংখ্যা হতে হবে; কাছের মৌলিক সংখ্যা {below} আর {above}")
        }
        Clash::NotBoth { other } => format!("এটি অথবা “{other}” দিন, দুটো একসঙ্গে নয়"),
        Clash::NotBelow { other, limit } => format!("এটি “{other}”-এর {limit}-এর কম হতে হবে"),
        Clash::Needs { other, value, allowed } => format!("“{other}” = {value} হলে এটি {allowed} হতে হবে"),
        Clash::NoneLeft { have, of } => {
            format!("{have}টি {}-এর অন্তত একটি থাকতে হবে; আরও বেশি দিয়ে শুরু করুন", unit(*of))
        }
        Clash::TooMany { have, adding, max, of } => {
            format!("{have} + {adding} হয় {max}টির বেশি {}, যা সর্বোচ্চ", unit(*of))
        }
        Clash::TooBig { count, things, each, of, total, max } => {
            let (things, of) = (unit(*things), unit(*of));
            format!("{count}টি {things} × প্রতিটিতে {each}টি {of} = {total}টি {of}; মোট সর্বোচ্চ {max}টি {of}")
        }
    }
}

fn unit(u: Unit) -> &'static str {
    match u {
        Unit::Nodes => "নোড",
        Unit::Servers => "সার্ভার",
        Unit::Clients => "ক্লায়েন্ট",
        Unit::Cores => "কোর",
        Unit::Keys => "কী",
    }
}
