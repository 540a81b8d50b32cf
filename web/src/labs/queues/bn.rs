//! The queues lab's words in Bengali (বাংলা); technical terms stay as
//! Bengali-speaking engineers say them (see `crate::i18n`).

use super::en::LINKS;
use super::text::Text;
use crate::i18n::{Choices, LabWords, Preset};
use scalelab_core::input::fmt_num;
use scalelab_core::labs::queues::{
    Confirm, Event, Flag, Ignored, Jitter, Order, Persist, Redistribute, Scenario, ServiceDist,
};

pub static TEXT: Text = Text {
    words: LabWords {
        title: "কিউ",
        blurb: "সিড 004-এর পিৎজা শপ: ক্লায়েন্ট অর্ডার দেয় আর সঙ্গে সঙ্গে কনফার্মেশন পায়, পিৎজার জন্য অপেক্ষা করে না। অর্ডার O1 থেকে O6 যায় শপ PS0 থেকে PS3-এ, আর ডেটাবেসে লেখা হয় 'হয়নি' অবস্থায়। PS3 বন্ধ হয়ে যায়; একটি নোটিফায়ার প্রতি 15 সেকেন্ডে প্রতিটি শপ দেখে, তাকে খুঁজে পায় আর তার অর্ডার অন্যদের দেয়: না-হওয়া সব অর্ডার নতুন করে ভাগ করলে যে পিৎজা তৈরি হচ্ছিল তা দুবার তৈরি হয়; রিং ব্যবহার করলে শুধু PS3-এর অর্ডার সরে। তারপর এগুলো মিলে যে মেসেজ কিউ হয়: প্রডিউসার, লিজ (ভিজিবিলিটি টাইমআউট) সহ কিউ, অ্যাক, ব্যাকঅফ দিয়ে রিট্রাই, ডেড-লেটার কিউ, আর কনজিউমার যারা মেসেজের মাঝখানে ক্র্যাশ করতে পারে।",
        nothing_yet: "এখনও কিছু ঘটেনি। চালান (গতি 3 s/s-এ পিৎজা দেখা যায়), অথবা একটি শপ ক্র্যাশ করিয়ে দেখুন নোটিফায়ার কখন টের পায়।",
        settings: &[
            ("scenario", "দৃশ্য"),
            ("shops", "পিৎজা শপ"),
            ("orders", "অর্ডার (অর্ডার:শপ)"),
            ("order-gap-ms", "দুই অর্ডারের ফাঁক (ms)"),
            ("make-ms", "একটি পিৎজায় লাগে (ms)"),
            ("fail-shop", "যে শপ বন্ধ হয়"),
            ("fail-at-ms", "বন্ধ হয় (ms, 0: কখনও না)"),
            ("notifier-ms", "নোটিফায়ার দেখে প্রতি (ms)"),
            ("redistribute", "মৃত শপের অর্ডার"),
            ("persist", "অর্ডার রাখা হয়"),
            ("confirm", "ক্লায়েন্টের কনফার্মেশন"),
            ("vnodes", "প্রতি শপে রিং পয়েন্ট"),
            ("producers", "প্রডিউসার"),
            ("rate", "প্রতি সেকেন্ডে মেসেজ"),
            ("consumers", "কনজিউমার"),
            ("service-ms", "প্রতি মেসেজে কাজ (ms)"),
            ("service-dist", "কাজের সময়"),
            ("poll-ms", "কনজিউমার পোল করে প্রতি (ms, 0: পুশ)"),
            ("net-latency-ms", "নেটওয়ার্ক, এক হপ (ms)"),
            ("visibility-timeout-ms", "লিজ: ভিজিবিলিটি টাইমআউট (ms)"),
            ("max-attempts", "ডেড-লেটার কিউয়ের আগে চেষ্টা"),
            ("backoff-ms", "প্রথম রিট্রাই পরে (ms)"),
            ("backoff-max-ms", "রিট্রাইয়ের সবচেয়ে বেশি অপেক্ষা (ms)"),
            ("jitter", "রিট্রাই জিটার"),
            ("order", "ক্রম"),
            ("durable", "ডিউরেবল কিউ"),
            ("idempotency", "আইডেমপোটেন্সি কি"),
            ("poison-fraction", "পয়জন মেসেজ (অংশ)"),
        ],
        metrics: &[
            ("time_ms", "সিমুলেটেড সময় (ms)"),
            ("enqueued", "কিউতে এসেছে (অর্ডার দেওয়া)"),
            ("delivered", "ডেলিভার হয়েছে (অর্ডার শুরু)"),
            ("acked", "অ্যাক হয়েছে (অর্ডার শেষ)"),
            ("redelivered", "আবার ডেলিভার"),
            ("duplicates_processed", "ডুপ্লিকেট প্রসেস (দুবার করা)"),
            ("duplicates_skipped", "আইডেমপোটেন্সিতে বাদ পড়া ডুপ্লিকেট"),
            ("dead_lettered", "ডেড-লেটারে গেছে"),
            ("lost", "হারিয়েছে"),
            ("rejected", "ফেরত: ব্রোকার বন্ধ"),
            ("late_acks", "লিজ ফুরোনোর পরে অ্যাক"),
            ("depth", "এখন অপেক্ষায়"),
            ("depth_max", "সবচেয়ে বেশি অপেক্ষায়"),
            ("depth_mean", "অপেক্ষায়, সময়ের গড়"),
            ("in_flight", "চলমান (লিজে বা তৈরি হচ্ছে)"),
            ("oldest_age_ms_max", "সবচেয়ে পুরোনো মেসেজের বয়স, সর্বোচ্চ (ms)"),
            ("latency_ms_mean", "কিউ থেকে অ্যাক, গড় (ms)"),
            ("latency_ms_p50", "কিউ থেকে অ্যাক, p50 (ms)"),
            ("latency_ms_p99", "কিউ থেকে অ্যাক, p99 (ms)"),
            ("confirm_ms_mean", "অর্ডার থেকে কনফার্মেশন, গড় (ms)"),
            ("detect_ms", "ব্যর্থতা থেকে কাজ আবার দেওয়া (ms)"),
            ("orders_moved", "অন্য শপে সরানো অর্ডার"),
            ("pizzas", "তৈরি পিৎজা"),
            ("consumer_utilization", "কর্মীর ব্যবহার"),
            ("workers_up", "চালু শপ বা কনজিউমার"),
        ],
        presets: &[
            Preset {
                link: LINKS[0],
                title: "সিড: PS3 বন্ধ হয়, আর O3 দুবার তৈরি হয়",
                note: "PS0 যখন O3 বানাচ্ছে, তখন 12 s-এ PS3 বন্ধ হয়। 15 s-এ নোটিফায়ারের চেক তাকে খুঁজে পায়, 3 s পরে। না-হওয়া সব অর্ডার নতুন করে ভাগ করায় ছয়টিই সরে: PS1-ও O3 পায়, আর তার ক্রেতা দুটি পিৎজা পায়। রিংয়ে (B) PS3-এর পয়েন্ট সরে যায়, শুধু O2 আর O6 সরে, কিছুই দুবার তৈরি হয় না।",
            },
            Preset {
                link: LINKS[1],
                title: "ডেটাবেস নেই: PS3-এর অর্ডার হারিয়ে গেছে",
                note: "অর্ডার থাকে শুধু প্রতিটি শপের নিজের তালিকায়। PS3 বন্ধ হলে O2 আর O6 তার সঙ্গেই যায়; নোটিফায়ার PS3-কে মৃত পায়, কিন্তু দেওয়ার মতো কিছু পায় না। ওদের ক্রেতা কখনও পিৎজা পায় না।",
            },
            Preset {
                link: LINKS[2],
                title: "একই অর্ডার কিউ দিয়ে: নোটিফায়ারের বদলে লিজ",
                note: "শপ কিউ থেকে পরের অর্ডার নেয় আর পিৎজা হলে অ্যাক করে। PS3 O4 হাতে নিয়ে মারা যায়; নোটিফায়ার নেই, PS3 নেওয়ার 25 s পরে O4-এর লিজ ফুরোয়, আর পরের খালি শপ সেটা বানায়। কিছু হারায় না, কিছু দুবার হয় না: অ্যাসাইনমেন্ট + লোড ব্যালান্সিং + হার্টবিট + পারসিস্টেন্স = মেসেজ কিউ।",
            },
            Preset {
                link: LINKS[3],
                title: "সিনক্রোনাস কাউন্টার: ক্লায়েন্ট 2 অপেক্ষা করে ক্লায়েন্ট 1-এর পিৎজার জন্য",
                note: "পিৎজা হলে তবেই কনফার্মেশন, তাই প্রতিটি ক্লায়েন্ট 20 s বা বেশি অপেক্ষা করে, আর O4-এর ক্লায়েন্ট আগে O1-এর জন্য। সঙ্গে সঙ্গে কনফার্মেশনে (B) সবাই সঙ্গে সঙ্গে মুক্ত: শপ অর্ডারটি তালিকায় রাখে আর অ্যাসিনক্রোনাসভাবে কাজ করে।",
            },
            Preset {
                link: LINKS[4],
                title: "কনজিউমার মেসেজের মাঝে ক্র্যাশ করে; লিজ মেসেজ ফিরিয়ে আনে",
                note: "1 s-এ C0 একটি মেসেজ হাতে নিয়ে ক্র্যাশ করে। ব্রোকার সেটা লুকিয়ে রাখে যতক্ষণ না 2 s-এর লিজ ফুরোয়, তারপর অন্য কনজিউমারকে দেয়: আবার ডেলিভার, রিসিভ সংখ্যা 2। টের পেতে লাগে লিজের বাকি সময়।",
            },
            Preset {
                link: LINKS[5],
                title: "পয়জন মেসেজ শেষে ডেড-লেটার কিউতে",
                note: "বিশটির একটি মেসেজ সবসময় ব্যর্থ হয়। 200 ms পরে, তারপর 400 ms পরে আবার চেষ্টা হয়, আর তৃতীয় ব্যর্থ রিসিভের পরে সেটা ডেড-লেটার কিউতে যায়, যেখানে আর অন্যদের আটকে রাখে না।",
            },
            Preset {
                link: LINKS[6],
                title: "কাজের চেয়ে ছোট লিজ: ডুপ্লিকেট, আর আইডেমপোটেন্সি কি",
                note: "প্রতিটি মেসেজে লাগে 80 ms আর লিজ 60 ms, তাই প্রথম কনজিউমার কাজ করতে করতেই সেটা ফিরে আসে, আর দ্বিতীয় কনজিউমার আবার করে: একটি সাইড এফেক্ট দুবার, আর প্রথম অ্যাক দেরিতে আসে। আইডেমপোটেন্সি কি থাকলে (B) দ্বিতীয় কনজিউমার কি দেখে সাইড এফেক্ট বাদ দেয়।",
            },
            Preset {
                link: LINKS[7],
                title: "ইন-মেমরি ব্রোকার ক্র্যাশ করে: তার মেসেজ নেই",
                note: "2 s থেকে 2.5 s ব্রোকার বন্ধ: এর মধ্যে প্রডিউসারের মেসেজ ফেরত যায়, আর ইন-মেমরি কিউ তার সব মেসেজ হারায়। ডিউরেবল কিউ (B) সেগুলো রাখে আর রিস্টার্টের পরে ডেলিভার করে।",
            },
            Preset {
                link: LINKS[8],
                title: "কনজিউমারের সামর্থ্যের বেশি: কিউ বাড়ে",
                note: "15 ms-এর তিন কনজিউমার সেকেন্ডে বড়জোর 200 মেসেজ নেয়। 150-এ কিউ ছোট থাকে; 5 s থেকে 250-এ সেটা সেকেন্ডে প্রায় 50 করে বাড়ে, আর প্রতিটি মেসেজের অপেক্ষাও: কিউ হঠাৎ চাপ সামলায়, টানা অতিরিক্ত চাপ নয়।",
            },
            Preset {
                link: LINKS[9],
                title: "প্রতি 500 ms-এ পোল বনাম পুশ",
                note: "যে কনজিউমার পোল করে, সে নতুন মেসেজ গড়ে আসার আধা ইন্টারভাল পরে পায়: প্রতি মেসেজে প্রায় 250 ms বেশি। পুশে (B) মেসেজ পৌঁছানোর এক হপ পরেই শুরু হয়।",
            },
        ],
    },
    scenarios: Choices(|c| match c {
        Scenario::Pizza => ("পিৎজা শপ", "সিড 004: অর্ডার, শপ, ডেটাবেস আর নোটিফায়ার।"),
        Scenario::Queue => ("মেসেজ কিউ", "প্রডিউসার, লিজ সহ কিউ, অ্যাক, রিট্রাই, ডেড লেটার, কনজিউমার।"),
    }),
    redistributes: Choices(|c| match c {
        Redistribute::All => {
            ("সব অর্ডার আবার ভাগ", "না-হওয়া প্রতিটি অর্ডার নতুন করে রাউন্ড রবিনে যায়: যেটা তৈরি হচ্ছে সেটা দুবার হয়।")
        }
        Redistribute::Ring => ("রিং দিয়ে", "কনসিস্টেন্ট হ্যাশিং: শুধু মৃত শপের অর্ডার সরে।"),
        Redistribute::Queue => ("কিউ দিয়ে", "নোটিফায়ার নেই: অর্ডারের লিজ ফুরোলে অন্য শপ নেয়।"),
    }),
    persists: Choices(|c| match c {
        Persist::Database => ("ডেটাবেসে", "প্রতিটি অর্ডার তার অবস্থা সহ (হয়নি, হয়েছে): মৃত শপের অর্ডার খুঁজে পাওয়া যায়।"),
        Persist::Memory => ("শুধু মেমরিতে", "প্রতিটি শপের নিজের তালিকা: শপের সঙ্গেই মরে।"),
    }),
    confirms: Choices(|c| match c {
        Confirm::AtOnce => ("সঙ্গে সঙ্গে", "অ্যাসিনক্রোনাস: পিৎজা তৈরির সময় ক্লায়েন্ট মুক্ত।"),
        Confirm::WhenMade => ("তৈরি হলে", "সিনক্রোনাস কাউন্টার: ক্লায়েন্ট পিৎজার জন্য অপেক্ষা করে।"),
    }),
    service_dists: Choices(|c| match c {
        ServiceDist::Exp => ("এক্সপোনেনশিয়াল", "বেশিরভাগ মেসেজ দ্রুত, কয়েকটি ধীর: M/M/c মডেল।"),
        ServiceDist::Const => ("স্থির", "প্রতিটি মেসেজে একই সময়।"),
    }),
    jitters: Choices(|c| match c {
        Jitter::None => ("নেই", "ঠিক ব্যাকঅফ: একসঙ্গে ব্যর্থরা একসঙ্গে রিট্রাই করে।"),
        Jitter::Full => ("পূর্ণ", "0 থেকে ব্যাকঅফের মধ্যে যেকোনো সময়: রিট্রাই ছড়িয়ে যায়।"),
        Jitter::Equal => ("সমান", "অর্ধেক ব্যাকঅফ, আর বাকি অর্ধেক পর্যন্ত।"),
    }),
    orders_by: Choices(|c| match c {
        Order::Fifo => ("পুরোনো আগে", "ফার্স্ট ইন, ফার্স্ট আউট।"),
        Order::Priority => ("জরুরি আগে", "এক-চতুর্থাংশ মেসেজ জরুরি, লাইন টপকে যায়।"),
    }),
    durables: Choices(|c| match c {
        Flag::Yes => ("ডিউরেবল", "ডিস্কে: ব্রোকার ক্র্যাশেও সব মেসেজ থাকে।"),
        Flag::No => ("মেমরিতে", "ব্রোকার ক্র্যাশে সব মেসেজ হারায়।"),
    }),
    idempotencies: Choices(|c| match c {
        Flag::Yes => ("চালু", "কনজিউমার প্রসেস করা কি মনে রাখে আর ডুপ্লিকেটের সাইড এফেক্ট বাদ দেয়।"),
        Flag::No => ("বন্ধ", "আবার ডেলিভার হওয়া মেসেজের সাইড এফেক্ট আবার ঘটে।"),
    }),
    up: "চালু",
    down: "বন্ধ",
    found_dead: "মৃত ধরা পড়েছে",
    idle: "খালি",
    waiting: "ব্রোকারের অপেক্ষায়",
    making: "{} তৈরি হচ্ছে",
    working: "{} নিয়ে কাজ চলছে",
    next: "পরে: {}",
    crash: "{} ক্র্যাশ করান",
    restart: "{} রিস্টার্ট করুন",
    order_here: "{}-এ অর্ডার দিন",
    clients: "ক্লায়েন্ট",
    notifier: "নোটিফায়ার · প্রতি {} s-এ দেখে",
    checked: "শেষ চেক {} s-এ",
    no_check: "এখনও চেক হয়নি",
    shops_title: "পিৎজা শপ",
    consumers_title: "কনজিউমার",
    producers: "{} প্রডিউসার · {} মেসেজ/s",
    broker: "ব্রোকার",
    queue_counts: "{} অপেক্ষায় · {} চলমান · সবচেয়ে পুরোনো {} s",
    more: "+আরও {}",
    dead_title: "ডেড-লেটার কিউ: {}",
    db_title: "ডেটাবেস: অর্ডার আর তাদের অবস্থা",
    memory_title: "অর্ডার (ডেটাবেস নেই: প্রতিটি শুধু তার শপের মেমরিতে)",
    col_order: "অর্ডার",
    col_shop: "শপ",
    col_state: "অবস্থা",
    col_pizzas: "পিৎজা",
    not_done: "হয়নি",
    done: "হয়েছে",
    lost: "হারিয়েছে",
    not_placed: "এখনও দেওয়া হয়নি",
    ready: "প্রস্তুত",
    leased: "লিজে, {} s বাকি",
    retrying: "{} s পরে রিট্রাই",
    poison: "পয়জন",
    receives: "{} বার রিসিভ",
    send_poison: "একটি পয়জন মেসেজ পাঠান",
    rate: "প্রতি সেকেন্ডে মেসেজ",
    scenario: "দৃশ্য",
    redistribute: "মৃত শপের অর্ডার",
    persist: "অর্ডার রাখা হয়",
    idempotency: "আইডেমপোটেন্সি কি",
    durable: "কিউ রাখা হয়",
    compare_with: "তুলনা করুন: {}",
    legend: "কিউ আঁকা হয়েছে পুরোনো আগে: নীল বর্গ প্রস্তুত, কমলা বর্গ লিজে (তার দাগ লিজের বাকি সময়), ফাঁপা বর্গ রিট্রাইয়ের অপেক্ষায়, ডোরাকাটা বর্গ পয়জন। তারে নীল বিন্দু মেসেজ, সবুজ রিং অ্যাক; ধূসর রিং নোটিফায়ারের হার্টবিট। কার্ডের দাগ তার এখনকার কাজ কতটা হয়েছে।",
    depth_title: "অপেক্ষায় (প্রতি 100 ms)",
    latency_title: "কিউ থেকে অ্যাক, গড় (ms, প্রতি 100 ms)",
    second: "গত সেকেন্ড: {} অ্যাক, {} ডুপ্লিকেট, {} ডেড-লেটার।",
    event,
};

fn ignored(why: Ignored) -> &'static str {
    match why {
        Ignored::NoSuchWorker => "এমন কোনো শপ বা কনজিউমার নেই",
        Ignored::AlreadyThatWay => "এটা আগে থেকেই এমন",
        Ignored::NotInScenario => "এই দৃশ্যে এমন কিছু নেই (অর্ডার পিৎজা শপের; রেট, পয়জন আর ব্রোকার কিউয়ের)",
        Ignored::TooManyOrders => "এই রানে যত অর্ডার হতে পারে সব হয়ে গেছে (200)",
    }
}

fn orders(list: &[u32]) -> String {
    match list {
        [] => "কোনোটি না".to_owned(),
        [one] => format!("O{one}"),
        [init @ .., last] => {
            format!("{} আর O{last}", init.iter().map(|o| format!("O{o}")).collect::<Vec<_>>().join(", "))
        }
    }
}

fn secs(us: u64) -> String {
    fmt_num((us as f64 / 100_000.0).round() / 10.0)
}

fn event(e: &Event) -> String {
    match e {
        Event::Placed { order, shop: Some(s), stored } => {
            let kept = if *stored {
                "ডেটাবেসে 'হয়নি' হিসেবে লেখা হলো"
            } else {
                "শুধু তার তালিকায় রাখা হলো"
            };
            format!("O{order} গেল PS{s}-এ, {kept}; ক্লায়েন্ট কনফার্মেশন পেল।")
        }
        Event::Placed { order, shop: None, .. } => format!("O{order} কিউতে গেল।"),
        Event::OrderLost { order } => format!("O{order} হারিয়ে গেল: কেউ রাখেনি।"),
        Event::Enqueued { id, poison: true } => format!("M{id} কিউতে এল; এটা পয়জন, সবসময় ব্যর্থ হবে।"),
        Event::Enqueued { id, .. } => format!("M{id} কিউতে এল।"),
        Event::Rejected => "একটি মেসেজ ফেরত গেল: ব্রোকার বন্ধ।".to_owned(),
        Event::Started { work, worker, attempt: 1 } => format!("{worker} {work} শুরু করল।"),
        Event::Started { work, worker, attempt } => {
            format!("{worker} আবার {work} পেল ({attempt} নম্বর রিসিভ)।")
        }
        Event::Skipped { order, shop } => format!("PS{shop} O{order} বাদ দিল: ডেটাবেসে সেটা 'হয়েছে'।"),
        Event::Done { work, worker, skipped: true, .. } => {
            format!("{worker} {work} শেষ করল আর সাইড এফেক্ট বাদ দিল: তার আইডেমপোটেন্সি কি আগেই প্রসেস হয়েছে।")
        }
        Event::Done { work, worker, times: 1, .. } => format!("{worker} {work} শেষ করল।"),
        Event::Done { work, worker, times, .. } => {
            format!("{worker} আবার {work} শেষ করল: মোট {times} বার, একটি ডুপ্লিকেট।")
        }
        Event::Failed { work, worker } => format!("{work} {worker}-এ ব্যর্থ হলো।"),
        Event::Acked { work, latency_us } => {
            format!("{work} অ্যাক হলো, কিউতে আসার {} s পরে।", secs(*latency_us))
        }
        Event::LateAck { work, worker } => {
            format!("{worker}-এর {work} অ্যাক এল লিজ ফুরোনোর পরে: বাতিল, মেসেজ আগেই ফিরে গেছে।")
        }
        Event::LeaseExpired { work } => format!("অ্যাকের আগেই {work}-এর লিজ ফুরোল: সেটা কিউতে ফিরে যায়।"),
        Event::Retrying { work, wait_us } => format!("{work} আবার দেখা যাবে {} s পরে।", secs(*wait_us)),
        Event::DeadLettered { work, attempts } => {
            format!("{work} {attempts} বার ব্যর্থ হয়ে ডেড-লেটার কিউতে গেল।")
        }
        Event::Crashed { worker, holding, lost } => {
            let mut s = format!("{worker} ক্র্যাশ করল");
            if let Some(w) = holding {
                s.push_str(&format!(", {w}-এর কাজ চলার সময়"));
            }
            if !lost.is_empty() {
                s.push_str(&format!("; {} শুধু তার মেমরিতে ছিল, হারিয়ে গেল", orders(lost)));
            }
            s.push('।');
            s
        }
        Event::Restarted { worker, resumed } if resumed.is_empty() => format!("{worker} ফিরে এল।"),
        Event::Restarted { worker, resumed } => {
            format!("{worker} ফিরে এল আর ডেটাবেস থেকে {} আবার নিল।", orders(resumed))
        }
        Event::HeartbeatMissed { shop, orders: list, down_us } => {
            let tail = if list.is_empty() {
                "ডেটাবেসে দেওয়ার মতো তার কোনো অর্ডার নেই".to_owned()
            } else {
                format!("তার অর্ডার {} অন্য শপে যায়", orders(list))
            };
            format!("PS{shop} হার্টবিট দেয়নি, বন্ধ হওয়ার {} s পরে; {tail}।", secs(*down_us))
        }
        Event::Redistributed { moves, dealt } => {
            let list: Vec<String> =
                moves.iter().map(|m| format!("O{} PS{} → PS{}", m.order, m.from, m.to)).collect();
            format!("নোটিফায়ার {dealt}টি অর্ডার ভাগ করল; {}টি শপ বদলাল: {}।", moves.len(), list.join(", "))
        }
        Event::BrokerCrashed { lost, kept } => {
            format!("ব্রোকার ক্র্যাশ করল: {lost}টি মেসেজ হারাল, {kept}টি ডিস্কে রইল।")
        }
        Event::BrokerRestarted => "ব্রোকার ফিরে এল।".to_owned(),
        Event::RateSet { rate } => format!("প্রডিউসার এখন সেকেন্ডে {}টি মেসেজ পাঠায়।", fmt_num(*rate)),
        Event::CommandIgnored { command, why } => format!("কমান্ড {command} কিছু করল না: {}।", ignored(*why)),
    }
}
