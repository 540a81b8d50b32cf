//! The sessions lab's words in Bengali (বাংলা); technical terms stay as
//! Bengali-speaking engineers say them (see `crate::i18n`).

use super::text::Text;
use crate::i18n::{Choices, LabWords, Preset};
use scalelab_core::input::fmt_num;
use scalelab_core::labs::sessions::{
    Action, Connection, Event, Failure, Ignored, Routing, State, StorePlacement, StoreReplication,
};

pub static TEXT: Text = Text {
    words: LabWords {
        title: "সেশন",
        blurb: "ইউজাররা লগ ইন করে, কার্ট ভরে আর দেখে, লোড ব্যালান্সার হয়ে অ্যাপ সার্ভারে। প্রতিটি সেশন রাখুন যে সার্ভার বানিয়েছে তার মেমরিতে (স্টেটফুল), তাহলে পরের রিকোয়েস্ট অন্য সার্ভারে গেলে সেশন পায় না; ইউজারকে তার সার্ভারেই ফেরত পাঠান (স্টিকি), যতক্ষণ সেটি বেঁচে আছে; অথবা সেশন রাখুন এমন এক স্টোরে যাকে সব সার্ভার জিজ্ঞেস করে (স্টেটলেস সার্ভার), যা একটি মেশিন এবং নষ্ট হতে পারে, যদি না রেপ্লিকেট করা হয় বা ইউজার আইডি দিয়ে ভাগ করা হয়। জোর করে লগ ইন, হারানো কার্ট, সরে যাওয়া ইউজার আর মেশিনের খরচ গোনা হয়।",
        nothing_yet: "এখনও কিছু ঘটেনি। চালান, অথবা ইউজার 0-এর কার্টে একটি আইটেম যোগ করে অন্য সার্ভারে দেখুন।",
        settings: &[
            ("servers", "অ্যাপ সার্ভার"),
            ("users", "ইউজার"),
            ("think-ms", "ভাবার সময় (ms)"),
            ("routing", "লোড ব্যালান্সার পাঠায়"),
            ("vnodes", "প্রতি নোডে রিং পয়েন্ট"),
            ("state", "সেশন থাকে"),
            ("store-nodes", "স্টোর নোড (পার্টিশনড)"),
            ("store-replication", "স্টোরের ব্যাকআপ রাইট পায়"),
            ("store-backups", "প্রতি স্টোর নোডে ব্যাকআপ"),
            ("store-placement", "ইউজার কোন স্টোর নোডে"),
            ("store-ms", "স্টোর রাউন্ড ট্রিপ (ms)"),
            ("net-latency-ms", "ইউজার থেকে সার্ভার, এক হপ (ms)"),
            ("service-ms", "প্রতি রিকোয়েস্টে সার্ভারের কাজ (ms)"),
            ("connection", "কানেকশন"),
            ("server-memory-sessions", "একটি সার্ভার কত সেশন রাখতে পারে (0: সীমা নেই)"),
            ("machine-cost", "মেশিনের খরচ ($ প্রতি ঘণ্টা)"),
        ],
        metrics: &[
            ("time_ms", "সিমুলেটেড সময় (ms)"),
            ("requests", "রিকোয়েস্ট"),
            ("answered", "উত্তর পেয়েছে"),
            ("failed", "ব্যর্থ"),
            ("logins", "লগ ইন"),
            ("cart_views", "কার্ট দেখা"),
            ("forced_logins", "জোর করে লগ ইন (সেখানে সেশন নেই)"),
            ("stale_carts", "আইটেম হারানো কার্ট দেখা"),
            ("carts_lost", "হারানো কার্ট"),
            ("sessions_lost", "হারানো সেশন"),
            ("users_moved", "সরে যাওয়া ইউজার"),
            ("users_moved_fraction", "শেষ বদলে সরেছে (অংশ)"),
            ("store_requests", "স্টোরে রিড আর রাইট"),
            ("store_failures", "স্টোরের অভাবে ব্যর্থ"),
            ("reconnects", "TCP আবার কানেকশন"),
            ("success_ratio", "সাফল্যের অনুপাত"),
            ("latency_ms_p50", "লেটেন্সি p50 (ms)"),
            ("latency_ms_p99", "লেটেন্সি p99 (ms)"),
            ("machines", "মেশিন"),
            ("cost_per_hour", "প্রতি ঘণ্টায় খরচ ($)"),
            ("servers_up", "চালু অ্যাপ সার্ভার"),
            ("store_nodes_up", "চালু স্টোর নোড"),
            ("users_active", "সক্রিয় ইউজার"),
            ("sessions_per_server", "প্রতি সার্ভারে সেশন"),
            ("connections_per_server", "প্রতি সার্ভারে কানেকশন"),
        ],
        presets: &[
            Preset {
                link: "service-ms=0&log=0:users:0,100:add-item:0:1,200:add-item:0:1,300:view-cart:0:2&vs=state=store&speed=0.1",
                title: "সিডের কার্ট: S1-এ ভরা, S2-তে খালি",
                note: "ইউজার 0 S1-এ দুটি প্রোডাক্ট যোগ করে, আর পরের রিকোয়েস্ট যায় S2-তে, যার কাছে তার কোনো সেশন নেই: ইউজারকে আবার লগ ইন করতে হয় আর কার্ট খালি দেখে। সেশন স্টোর থাকলে কার্ট যেকোনো সার্ভারে পাওয়া যায়, আর প্রতিটি রিকোয়েস্ট স্টোরের রাউন্ড ট্রিপের দাম দেয় (এখানে 4 ms বেশি)।",
            },
            Preset {
                link: "users=300&think-ms=500&routing=sticky-cookie&server-memory-sessions=80&vs=state=store&speed=0.5",
                title: "বেশি ইউজার: স্টেটফুল সার্ভারের মেমরি ফুরিয়ে যায়",
                note: "প্রতিটি সার্ভার 80টি সেশন রাখতে পারে আর পায় প্রায় 100টি। যার আগে ফুরোয় সেটি ক্র্যাশ করে, তার ইউজারদের সেশন আর কার্ট চিরতরে হারায়, তারা অন্যগুলোতে যায়, সেগুলোরও পালা করে ফুরোয়। সেশন স্টোরসহ স্টেটলেস সার্ভার একই ট্রাফিক নেয় আর কিছুই রাখে না।",
            },
            Preset {
                link: "users=200&think-ms=300&state=store&log=2000:crash-store:0,2500:restart-store:0&speed=0.5",
                title: "একমাত্র সেশন স্টোর নষ্ট: সব ইউজার বাইরে",
                note: "স্টোর বন্ধ থাকার সময় প্রতিটি রিকোয়েস্ট ব্যর্থ হয়; সেটি খালি হয়ে ফেরে, আর যে ইউজারই আবার কিছু করে তাকে আবার লগ ইন করতে হয়।",
            },
            Preset {
                link: "users=300&think-ms=200&state=replicated-store&store-replication=async&log=2030:crash-store:0&vs=store-replication=sync&speed=0.3",
                title: "রেপ্লিকেটেড স্টোর ফেইলওভার করে; async শেষ মুহূর্তগুলো হারায়",
                note: "প্রাইমারি D0 ক্র্যাশ করে আর ব্যাকআপরা নতুন একজনকে নির্বাচন করে, তাই ইউজাররা সেশন রাখে। async প্রতিটি হার্টবিটের সঙ্গে (প্রতি 50 ms) ব্যাকআপে কপি করে: শেষটির পরে বদলানো কার্টগুলো হারায়। sync উত্তর দেয় কেবল ব্যাকআপরা রাইট পেলে: কিছুই হারায় না, আর প্রতিটি রাইট ধীর।",
            },
            Preset {
                link: "users=300&think-ms=300&state=partitioned-store&store-nodes=3&log=2000:crash-store:1,3000:restart-store:1&speed=0.5",
                title: "UserID % 3: একটি স্টোর নোড নষ্ট, এক-তৃতীয়াংশ ইউজারের স্টেট হারায়",
                note: "ইউজার u-এর স্টেট থাকে স্টোর নোড u mod 3-এ। D1 নষ্ট হয়: ঠিক যাদের u mod 3 = 1, তারা ব্যর্থ হয়, তারপর দেখে সেশন নেই; বাকি দুই-তৃতীয়াংশ কিছুই টের পায় না।",
            },
            Preset {
                link: "users=1200&think-ms=300&state=partitioned-store&store-nodes=3&log=2000:add-store&vs=store-placement=ring&speed=0.5",
                title: "চতুর্থ স্টোর নোড: মডুলোতে 3/4 ইউজার সরে, রিংয়ে 1/4",
                note: "প্রতি 12টি আইডির 3টিতে u mod 3 আর u mod 4 মেলে, তাই মডুলো 3/4 ইউজারকে সরায়, যাদের সেশন পুরোনো নোডে পড়ে থাকে। রিংয়ে সরে কেবল নতুন নোড যাদের নেয়: মোটামুটি তার ভাগ, এক-চতুর্থাংশ।",
            },
            Preset {
                link: "users=200&think-ms=300&routing=sticky-cookie&log=3000:crash:1&vs=routing=round-robin&speed=0.5",
                title: "স্টিকি সেশন চলে যতক্ষণ না তার সার্ভার মরে",
                note: "কুকি প্রতিটি ইউজারকে সেই সার্ভারে ফেরায় যে তার সেশন বানিয়েছে: জোর করে লগ ইন নেই, রাউন্ড রবিনে যা অনবরত হয়। S1 ক্র্যাশ করলে তার এক-তৃতীয়াংশ ইউজার অন্য কোথাও আবার লগ ইন করে, কার্ট হারিয়ে।",
            },
            Preset {
                link: "users=1200&think-ms=300&routing=sticky-modulo&log=2000:add&vs=routing=sticky-ring&speed=0.5",
                title: "নতুন সার্ভার: মডুলো স্টিকি 3/4 ইউজার সরায়, রিং কেবল তার ভাগ",
                note: "ইউজাররা ইউজার আইডি mod 3-এ থাকলে চতুর্থ সার্ভার তাদের 3/4-কে অন্য জায়গায় পাঠায়, যেখানে সেশন নেই আর আবার লগ ইন করতে হয়। রিংয়ে সরে কেবল নতুন সার্ভার যাদের নেয়, মোটামুটি তার ভাগ; কুকি কাউকে সরায় না।",
            },
            Preset {
                link: "servers=4&users=1000&think-ms=500&state=store&connection=tcp&log=2000:crash:0&vs=connection=http&speed=0.5",
                title: "TCP-ও স্টেট রাখে: চারটির একটি সার্ভার মরে",
                note: "প্রতিটি ইউজার একটি কানেকশন রাখে, দুই প্রান্তেই নিজস্ব সিকোয়েন্স আর অ্যাকনলেজমেন্ট নম্বরসহ। S0 মারলে তার চতুর্থাংশ কানেকশন রিসেট হয়: প্রায় 250 ইউজার একসঙ্গে আবার কানেক্ট করে। HTTP-তে প্রতিটি রিকোয়েস্ট একা দাঁড়ায়, কাউকে আবার কানেক্ট করতে হয় না।",
            },
        ],
    },
    states: Choices(|c| match c {
        State::InMemory => {
            ("সার্ভারের মেমরিতে", "স্টেটফুল: দ্রুত, কিন্তু অন্য সার্ভারে সেশন নেই, আর ক্র্যাশ হলে তার সব সেশন হারায়।")
        }
        State::Store => (
            "একটি সেশন স্টোরে",
            "স্টেটলেস সার্ভার: যেকোনো সার্ভার উত্তর দিতে পারে, প্রতিটি রিকোয়েস্ট স্টোরের রাউন্ড ট্রিপ দেয়, আর স্টোর একটি মেশিন যা নষ্ট হতে পারে।",
        ),
        State::ReplicatedStore => (
            "রেপ্লিকেটেড স্টোরে",
            "ব্যাকআপসহ একটি প্রাইমারি, নির্বাচনে ফেইলওভার: ক্র্যাশে কিছুই হারায় না (sync) বা শেষ মুহূর্তগুলো (async)।",
        ),
        State::PartitionedStore => (
            "পার্টিশনড স্টোরে",
            "ইউজার আইডি দিয়ে কয়েকটি স্টোর নোডে ভাগ: প্রতিটি কেবল তার ভাগ রাখে, আর একটির নষ্ট হওয়া কেবল তার ইউজারদের নেয়।",
        ),
    }),
    routings: Choices(|c| match c {
        Routing::RoundRobin => ("রাউন্ড রবিন", "পালা করে প্রতিটি সার্ভার: সমান লোড, আর ইউজার যেকোনো জায়গায় পড়ে।"),
        Routing::Random => ("র‍্যান্ডম", "এলোমেলো একটি সার্ভার: গড়ে সমান, আর ইউজার যেকোনো জায়গায় পড়ে।"),
        Routing::StickyCookie => {
            ("স্টিকি: কুকি দিয়ে", "যে সার্ভার সেশন বানিয়েছে সেখানেই, যতক্ষণ সেটি চালু; তারপর নতুন একটি।")
        }
        Routing::StickyModulo => ("স্টিকি: ইউজার আইডি mod N", "N না বদলালে একই সার্ভার; নতুন সার্ভার প্রায় সবাইকে সরায়।"),
        Routing::StickyRing => ("স্টিকি: রিংয়ে", "কনসিস্টেন্ট হ্যাশিং: নতুন সার্ভার কেবল তার ভাগের ইউজার নেয়।"),
    }),
    connections: Choices(|c| match c {
        Connection::Http => ("HTTP", "স্টেটলেস: প্রতিটি রিকোয়েস্ট একা, প্রতিবার নতুন করে পাঠানো হয়।"),
        Connection::Tcp => {
            ("TCP", "স্টেটফুল: প্রতি ইউজারে একটি দীর্ঘস্থায়ী কানেকশন; সার্ভার মরলে তার সব কানেকশন রিসেট হয়।")
        }
    }),
    replications: Choices(|c| match c {
        StoreReplication::None => ("নেই", "ব্যাকআপ নেই: স্টোর নোড নষ্ট হলে যা রাখত তা হারায়।"),
        StoreReplication::Async => ("Async", "প্রাইমারি আগে উত্তর দেয় আর পরের হার্টবিটে কপি করে।"),
        StoreReplication::Sync => ("Sync", "প্রতিটি ব্যাকআপ রাইট পেলে তবেই প্রাইমারি উত্তর দেয়।"),
    }),
    placements: Choices(|c| match c {
        StorePlacement::Modulo => ("ইউজার আইডি mod M", "সিডের সূত্র: নতুন নোড বেশির ভাগ ইউজারকে সরায়।"),
        StorePlacement::Ring => ("একটি রিং", "কনসিস্টেন্ট হ্যাশিং: নতুন নোড কেবল তার ভাগ নেয়।"),
    }),
    up: "চালু",
    down: "বন্ধ",
    draining: "ড্রেইনিং",
    primary: "প্রাইমারি",
    backup: "ব্যাকআপ",
    sessions: "{}টি সেশন",
    memory: "{}/{}টি সেশন",
    connections_on: "{}টি কানেকশন",
    partition: "পার্টিশন {}",
    entries: "{}টি রাইট আছে",
    crash: "{} ক্র্যাশ করান",
    restart: "{} আবার চালু করুন",
    drain: "{} ড্রেইন করুন",
    remove: "{} সরিয়ে দিন",
    add_server: "একটি সার্ভার যোগ করুন",
    add_store: "একটি স্টোর নোড যোগ করুন",
    balancer: "লোড ব্যালান্সার · {}",
    app_servers: "অ্যাপ সার্ভার",
    store_title: "সেশন স্টোর",
    crowd: "{} জন ইউজার সক্রিয়, {} জন লগ ইন করা, {} জন গত এক সেকেন্ডে সেশন বা কার্ট হারিয়েছে। প্রতিটি বিন্দু একজন ইউজার, যে সার্ভার শেষবার উত্তর দিয়েছে তার রঙে।",
    user_title: "একজন ইউজার",
    user_label: "ইউজার",
    add_item: "একটি আইটেম যোগ করুন",
    view_cart: "কার্ট দেখুন",
    copies: "U{}-এর কার্টের কপি",
    copy: "{}: {}টি আইটেম",
    no_copy: "কোথাও কপি নেই: পরের রিকোয়েস্ট আবার লগ ইন করবে।",
    last_answer: "শেষ উত্তর: {}টি আইটেম, {} থেকে; প্রত্যাশা ছিল {}টি।",
    forced: "সেখানে সেশন নেই: আবার লগ ইন।",
    stale: "আইটেম নেই।",
    active_users: "সক্রিয় ইউজার",
    state: "সেশন থাকে",
    routing: "লোড ব্যালান্সার পাঠায়",
    connection: "কানেকশন",
    compare_with: "তুলনা করুন: {}",
    legend: "ওপরের বিন্দুগুলো ইউজার, যে সার্ভার শেষবার উত্তর দিয়েছে তার রঙে (ধূসর: এখনও নয়); লাল বৃত্ত মানে সবে সেশন বা কার্ট হারিয়েছে। নীল বিন্দু পথে থাকা রিকোয়েস্ট, সবুজ বৃত্ত উত্তর, লাল বর্গ এরর, বেগুনি বিন্দু স্টোরে আর স্টোরের ভেতরের মেসেজ। কার্ডের বার হলো সীমার তুলনায় তার মেমরি।",
    forced_title: "জোর করে লগ ইন (প্রতি 100 ms)",
    latency_title: "গড় লেটেন্সি (ms, প্রতি 100 ms)",
    second: "গত সেকেন্ড: {}টি উত্তর, {}টি ব্যর্থ, {}টি জোর করে লগ ইন।",
    event,
};

fn action(a: Action) -> &'static str {
    match a {
        Action::Login => "লগ ইন করেছে",
        Action::AddItem => "একটি আইটেম যোগ করেছে",
        Action::ViewCart => "কার্ট দেখেছে",
        Action::Checkout => "চেকআউট করেছে",
    }
}

/// Why a command did nothing.
fn ignored(why: Ignored) -> &'static str {
    match why {
        Ignored::NoSuchServer => "এমন কোনো অ্যাপ সার্ভার নেই",
        Ignored::NoSuchStoreNode => "এমন কোনো স্টোর নোড নেই",
        Ignored::NoSuchUser => "এমন কোনো ইউজার নেই",
        Ignored::AlreadyThatWay => "এটি আগে থেকেই তেমন",
        Ignored::TooManyServers => "রানে সর্বোচ্চ সংখ্যক অ্যাপ সার্ভার আছে (32)",
        Ignored::CannotAddStore => "স্টোর নোড কেবল পার্টিশনড স্টোরে যোগ হয়, সর্বোচ্চ 48টি স্টোর মেশিন",
        Ignored::TooManyUsers => "রানের ইউজার সেটিংয়ের বেশি সক্রিয় হতে পারে না",
    }
}

fn event(e: &Event) -> String {
    match e {
        Event::Answered { user, action: a, server, items, expected, forced_login, latency_us, .. } => {
            let ms = fmt_num((*latency_us as f64 / 1_000.0).round());
            let mut s = format!("U{user} S{server}-এ {} ({ms} ms); কার্টে {items}টি আইটেম", action(*a));
            if *forced_login {
                s.push_str(&format!("; S{server}-এ সেশন ছিল না, তাই ইউজার আবার লগ ইন করেছে"));
            }
            if items < expected {
                s.push_str(&format!("; প্রত্যাশা ছিল {expected}টি"));
            }
            s.push('।');
            s
        }
        Event::Failed { user, why, .. } => {
            let why = match why {
                Failure::NoServer => "কোনো অ্যাপ সার্ভার চালু ছিল না",
                Failure::ServerDown => "তার সার্ভার বন্ধ হয়ে গেছে",
                Failure::StoreDown => "সেশন স্টোর উত্তর দেয়নি",
            };
            format!("U{user}-এর একটি রিকোয়েস্ট ব্যর্থ: {why}।")
        }
        Event::StateLost { user, items } => {
            format!("স্টোর U{user}-এর সর্বশেষ সেশন স্টেট হারিয়েছে ({items}টি আইটেম নেই)।")
        }
        Event::Crashed { server, sessions, carts, out_of_memory } => {
            let how = if *out_of_memory {
                "মেমরি ফুরিয়ে ক্র্যাশ করেছে"
            } else {
                "ক্র্যাশ করেছে"
            };
            format!("S{server} {how}: {sessions}টি সেশন আর আইটেমসহ {carts}টি কার্ট নেই।")
        }
        Event::Restarted { server } => format!("S{server} খালি অবস্থায় আবার চালু হয়েছে।"),
        Event::Added { server } => format!("S{server} যোগ হয়েছে।"),
        Event::Removed { server, sessions } => format!("S{server} {sessions}টি সেশনসহ সরানো হয়েছে।"),
        Event::Drained { server } => format!("S{server} আর নতুন সেশন নেয় না।"),
        Event::Moved { users, of } => format!("{of} জনের {users} জন ইউজার এখন অন্য নোডে পড়ে।"),
        Event::ConnectionsReset { server, users } => {
            format!("S{server}-এর {users}টি কানেকশন রিসেট হয়েছে; তাদের ইউজারদের আবার কানেক্ট করতে হবে।")
        }
        Event::StoreCrashed { node } => format!("স্টোর নোড D{node} ক্র্যাশ করেছে; মেমরিতে যা ছিল তা নেই।"),
        Event::StoreRestarted { node } => format!("স্টোর নোড D{node} খালি অবস্থায় আবার চালু হয়েছে।"),
        Event::StorePrimary { node, term } => format!("D{node} প্রাইমারি নির্বাচিত হয়েছে (টার্ম {term})।"),
        Event::StoreAdded { node } => format!("D{node} থেকে একটি স্টোর নোড যোগ হয়েছে।"),
        Event::UsersSet { users } => format!("{users} জন ইউজার সক্রিয়।"),
        Event::CommandIgnored { command, why } => format!("কমান্ড {command} কিছু করেনি: {}।", ignored(*why)),
    }
}
