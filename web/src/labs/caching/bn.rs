//! The caching lab's words in Bengali (বাংলা); technical terms stay as Bengali-speaking
//! engineers say them (see `crate::i18n`).

use super::text::Text;
use crate::i18n::{Choices, LabWords, Preset};
use scalelab_core::cache::Policy as CachePolicy;
use scalelab_core::input::fmt_num;
use scalelab_core::labs::caching::{Coalesce, Event, Ignored, Routing, Tier};

pub static TEXT: Text = Text {
    words: LabWords {
        title: "ক্যাশিং",
        blurb: "প্রতিটি রিকোয়েস্টের খরচ তার পথ: সার্ভারে যেতে-আসতে ১০০ ms করে, আর মিস হলে ডেটাবেসে যেতে-আসতে আরও ১০ ms করে — হিটে ২০০ ms, মিসে ২২০ ms, আর ক্লায়েন্টের নিজের ক্যাশে হিট হলে কোনো খরচই নেই। লোড ব্যালান্সার কী দেখে রাউট করে, তাই প্রতিটি কী-এর ডেটা একটি সার্ভারেই গরম থাকে। একটি সার্ভার যোগ করুন: মডুলো রাউটিংয়ে ক্যাশগুলো ফাঁকা হয়ে যায়, রিংয়ে বেশিরভাগ টিকে থাকে। ডেটাবেসের মান বদলাতে দিন, আর পুরোনো (stale) রিড গুনুন।",
        nothing_yet: "এখনও কিছু ঘটেনি। চালু করুন, অথবা 'এক ধাপ' চেপে সিডের LRU উদাহরণটি একটি করে রিকোয়েস্টে দেখুন।",
        settings: &[
            ("servers", "সার্ভার"),
            ("routing", "রাউটিং"),
            ("vnodes", "সার্ভারপ্রতি ভার্চুয়াল নোড"),
            ("cache-policy", "ক্যাশ পলিসি"),
            ("cache-capacity", "সার্ভার ক্যাশে কী"),
            ("client-cache", "ক্লায়েন্ট ক্যাশে কী"),
            ("shared-cache", "শেয়ার্ড ক্যাশে কী"),
            ("clients", "ক্লায়েন্ট"),
            ("keys", "কী (Zipf)"),
            ("zipf", "Zipf স্কিউ"),
            ("sequence", "কী-এর ক্রম (1,2,3)"),
            ("requests", "রিকোয়েস্ট (0: শেষ নেই)"),
            ("rate", "সেকেন্ডে রিকোয়েস্ট"),
            ("client-ms", "ক্লায়েন্ট ↔ সার্ভার (ms)"),
            ("db-ms", "সার্ভার ↔ ডেটাবেস (ms)"),
            ("shared-ms", "সার্ভার ↔ শেয়ার্ড ক্যাশ (ms)"),
            ("ttl-ms", "TTL (ms, 0: চিরকাল)"),
            ("write-rate", "সেকেন্ডে ডেটাবেস রাইট"),
            ("coalesce", "পথে থাকা কী-এর মিস একত্র করা"),
            ("add-server-at", "এত নম্বর রিকোয়েস্টে সার্ভার যোগ"),
            ("remove-server-at", "এত নম্বর রিকোয়েস্টে সার্ভার বাদ"),
        ],
        metrics: &[
            ("time_ms", "সিমুলেটেড সময় (ms)"),
            ("requests", "রিকোয়েস্ট"),
            ("completed", "উত্তর পেয়েছে"),
            ("hits", "হিট"),
            ("misses", "মিস"),
            ("hit_ratio", "হিট রেশিও"),
            ("hit_ratio_before_change", "পরিবর্তনের আগে হিট রেশিও"),
            ("hit_ratio_after_change", "পরিবর্তনের পরে হিট রেশিও"),
            ("hit_ratio_che", "চে-র অনুমান"),
            ("client_hits", "ক্লায়েন্ট ক্যাশে হিট"),
            ("server_hits", "সার্ভার ক্যাশে হিট"),
            ("shared_hits", "শেয়ার্ড ক্যাশে হিট"),
            ("latency_ms_mean", "গড় লেটেন্সি (ms)"),
            ("latency_ms_p50", "p50 লেটেন্সি (ms)"),
            ("latency_ms_p99", "p99 লেটেন্সি (ms)"),
            ("db_requests", "ডেটাবেস রিড"),
            ("stampede", "স্ট্যাম্পিড: ফেচ পথে থাকতেই আবার ফেচ"),
            ("coalesced", "একত্রিত: পথে থাকা ফেচের অপেক্ষা"),
            ("stale_reads", "পুরোনো রিড"),
            ("expired", "মেয়াদোত্তীর্ণ কপি পাওয়া"),
            ("evictions", "বাদ পড়া"),
            ("writes", "ডেটাবেস রাইট"),
            ("keys_remapped", "অন্য সার্ভারে যাওয়া কী"),
            ("server_ids", "সার্ভার"),
            ("per_server_requests", "সার্ভারপ্রতি রিকোয়েস্ট"),
            ("per_server_hit_ratio", "সার্ভারপ্রতি হিট রেশিও"),
            ("per_server_cached", "সার্ভারপ্রতি ক্যাশে কী"),
        ],
        presets: &[
            Preset {
                link: "speed=0.5",
                title: "৩ ঘরের LRU-তে 1,2,3,4,1,2: ছয়টিই মিস",
                note: "সিডের উদাহরণ। 1, 2, 3 ক্যাশ ভরে; 4 এসে 1-কে বাদ দেয়; তারপর 1 বাদ দেয় 2-কে, 2 বাদ দেয় 3-কে। প্রতিটি রিকোয়েস্ট মিস, খরচ ২২০ ms। একটি করে দেখতে 'এক ধাপ' চাপুন।",
            },
            Preset {
                link: "sequence=1,2,3,4,1,2&vs=cache-policy=sieve&speed=0.5",
                title: "একই ক্রমে LRU আর SIEVE",
                note: "ক্যাশের চেয়ে একটি বেশি কী-এর লুপ LRU-কে হারায়। একই কী-তে FIFO, LFU আর SIEVE চালিয়ে দেখুন।",
            },
            Preset {
                link: "servers=4&cache-capacity=5000&keys=100000&zipf=0.8&requests=200000&rate=2000&add-server-at=100000&routing=modulo&vs=routing=ring&speed=2",
                title: "সার্ভার যোগ: মডুলো বনাম রিং",
                note: "১,০০,০০০ নম্বর রিকোয়েস্টে পঞ্চম সার্ভার আসে। মডুলোতে ৮০% কী-এর সার্ভার বদলায়, হিট রেশিও হঠাৎ পড়ে যায়; রিংয়ে বদলায় ২০%, প্রায় টেরই পাওয়া যায় না।",
            },
            Preset {
                link: "servers=2&keys=1000&zipf=1&cache-capacity=100&rate=200&client-cache=20&speed=1",
                title: "ক্লায়েন্টের নিজের ক্যাশ",
                note: "প্রতিটি ক্লায়েন্ট নিজের সবচেয়ে গরম ২০টি কী রাখে: সেই উত্তরে কোনো নেটওয়ার্কই লাগে না (০ ms); বাকিগুলো এখনও ২০০ বা ২২০ ms।",
            },
            Preset {
                link: "keys=100&zipf=1&cache-capacity=100&rate=200&write-rate=20&ttl-ms=30000&speed=2",
                title: "লাইক সংখ্যা: প্রতি ৩০ সেকেন্ডে নতুন",
                note: "মান সেকেন্ডে ২০ বার বদলায়, আর ক্যাশের কপি ৩০ সেকেন্ড বিশ্বাস করা হয়। অনেক রিড পুরোনো — লাইক সংখ্যায় তাতে কারও আপত্তি নেই।",
            },
            Preset {
                link: "keys=100&zipf=1&cache-capacity=0&rate=200&write-rate=20&speed=2",
                title: "ব্যাংক ব্যালান্স: ক্যাশ নেই",
                note: "একই রাইট, কিন্তু প্রতিটি রিড ডেটাবেসে যায়: কোনো পুরোনো রিড নেই, আর প্রতিটি রিকোয়েস্টে ২২০ ms। সঠিকতার দাম লেটেন্সি।",
            },
            Preset {
                link: "servers=1&keys=10000&zipf=0.8&cache-capacity=500&rate=2000&speed=5",
                title: "LRU বনাম চে-র অনুমান",
                note: "Zipf কী-তে একটি LRU ক্যাশ। ক্যাশ গরম হতে হতে হিট রেশিও বাড়ে, তারপর চে-র অনুমানের কাছাকাছি থিতু হয় (অনুমানটি ধরে নেয় মিসের মান সঙ্গে সঙ্গে আসে)।",
            },
            Preset {
                link: "keys=1000&zipf=1&cache-capacity=100&rate=2000&db-ms=200&vs=coalesce=on&speed=1",
                title: "ক্যাশ স্ট্যাম্পিড",
                note: "ডেটাবেস ২০০ ms দূরে, তাই মিস হওয়া কী-এর মান ফিরে না আসা পর্যন্ত ৪০০ ms সেটি ক্যাশে থাকে না। সেই সময়ে জনপ্রিয় কী বহুবার চাওয়া হয়: একত্র না করলে প্রতিটি চাওয়াই ডেটাবেসে যায়। একত্র করলে তারা পথে থাকা ফেচের অপেক্ষা করে, আর একই হিট রেশিওতে ডেটাবেসের কাজ অনেক কমে।",
            },
        ],
    },
    routings: Choices(|c| match c {
        Routing::Modulo => (
            "মডুলো (hash mod N)",
            "সমান ভাগ হয়, কিন্তু নতুন সার্ভার এলে প্রায় N/(N+1) কী-এর সার্ভার বদলে যায়: তাদের ক্যাশ শূন্য থেকে শুরু।",
        ),
        Routing::Ring => {
            ("কনসিস্টেন্ট হ্যাশিং (রিং)", "নতুন সার্ভার নেয় প্রায় 1/(N+1) কী; বাকি সব কী যেখানে ছিল সেখানেই গরম থাকে।")
        }
    }),
    policies: Choices(|c| match c {
        CachePolicy::Lru => (
            "LRU (সবচেয়ে আগে ব্যবহৃত)",
            "যে কী সবচেয়ে বেশি সময় ব্যবহার হয়নি সেটি বাদ যায়। ক্যাশের চেয়ে একটি বেশি কী-এর লুপে প্রতিবার মিস।",
        ),
        CachePolicy::Fifo => ("FIFO (আগে এলে আগে যায়)", "সবচেয়ে পুরোনো কী বাদ যায়, যতবারই ব্যবহার হোক।"),
        CachePolicy::Lfu => {
            ("LFU (সবচেয়ে কম ব্যবহৃত)", "যে কী সবচেয়ে কমবার ব্যবহার হয়েছে সেটি বাদ যায়; সমান হলে যেটি আগে ব্যবহৃত।")
        }
        CachePolicy::Sieve => {
            ("SIEVE", "দ্বিতীয় সুযোগসহ FIFO: ব্যবহৃত কী একবার রেহাই পায়। সহজ, আর প্রায়ই LRU-র চেয়ে ভালো।")
        }
    }),
    coalesces: Choices(|c| match c {
        Coalesce::Off => ("বন্ধ: আবার ফেচ", "একই কী-এর আরেকটি ফেচ পথে থাকলেও মিস ডেটাবেসে যায়: ক্যাশ স্ট্যাম্পিড।"),
        Coalesce::On => (
            "চালু: পথে থাকা ফেচের অপেক্ষা",
            "যে কী ইতিমধ্যে ফেচ হচ্ছে তার মিস সেই ফেচের অপেক্ষা করে: একটি ডেটাবেস রিডে সবার উত্তর।",
        ),
    }),
    clients: "ক্লায়েন্ট",
    balancer: "লোড ব্যালান্সার",
    database: "ডেটাবেস",
    shared: "শেয়ার্ড ক্যাশ",
    client_cache: "ক্লায়েন্ট ক্যাশ",
    cached_of: "{}টি কী ক্যাশে ({}টির মধ্যে)",
    hit_ratio_of: "হিট রেশিও {}",
    add_server: "একটি সার্ভার যোগ করুন",
    remove_server: "{} সরান",
    write_key: "ডেটাবেসে কী {} লিখুন",
    routing: "রাউটিং",
    policy: "ক্যাশ পলিসি",
    coalesce: "ফেচ চলা কী-এর মিস",
    rate: "সেকেন্ডে রিকোয়েস্ট",
    compare_with: "{}-এর সাথে তুলনা",
    legend: "ঘরগুলোতে প্রতিটি ক্যাশের কী, যেটি আগে বাদ যাবে সেটি প্রথমে। ঝলক মানে হিট; নতুন কী ডানদিকে ঢোকে; বাদ পড়া কী কাটা দাগ দিয়ে মিলিয়ে যায়। নীল বিন্দুর উত্তর ক্যাশ থেকে, কমলা বিন্দু ডেটাবেসে গেছে।",
    hit_title: "হিট রেশিও (প্রতি ১০০ ms)",
    db_title: "সেকেন্ডে ডেটাবেস রিড",
    change_note: "পরিবর্তনের আগের ১০% রিকোয়েস্টে হিট রেশিও: {}; পরের ১০%-এ: {}।",
    second: "গত সেকেন্ডে: {}টি হিট, {}টি মিস, {}টি পুরোনো রিড।",
    event,
};

/// Why a command did nothing.
fn ignored(why: Ignored) -> &'static str {
    match why {
        Ignored::NoSuchServer => "এমন কোনো সার্ভার নেই",
        Ignored::LastServer => "শেষ সার্ভারটি সরানো যায় না",
        Ignored::AtMaximum => "আর সার্ভার যোগ করা যায় না",
    }
}

fn event(e: &Event) -> String {
    match e {
        Event::Served { req, key, server, tier, expired, stale } => {
            let at = server.map(|s| format!(" S{s}-এ")).unwrap_or_default();
            let mut out = match tier {
                Tier::Client => format!("রিকোয়েস্ট {req}: কী {key} ক্লায়েন্টের নিজের ক্যাশে হিট (০ ms)।"),
                Tier::Server => format!("রিকোয়েস্ট {req}: কী {key}{at} ক্যাশে হিট।"),
                Tier::Shared => format!("রিকোয়েস্ট {req}: কী {key}{at} মিস, শেয়ার্ড ক্যাশে হিট।"),
                Tier::Database => format!("রিকোয়েস্ট {req}: কী {key}{at} মিস; ডেটাবেস থেকে পড়া হলো।"),
            };
            if *expired {
                out.push_str(" ক্যাশের কপির মেয়াদ শেষ হয়ে গিয়েছিল।");
            }
            if *stale {
                out.push_str(" উত্তরটি পুরোনো।");
            }
            out
        }
        Event::Coalesced { req, key, server, at } => {
            let place = match (at, server) {
                (Tier::Server, Some(s)) => format!(" S{s}-এ"),
                (Tier::Shared, _) => " শেয়ার্ড ক্যাশে".to_owned(),
                _ => " ক্লায়েন্টের নিজের ক্যাশে".to_owned(),
            };
            format!("রিকোয়েস্ট {req}: কী {key}{place} মিস, কিন্তু এর একটি ফেচ আগেই পথে আছে: সেটির অপেক্ষা করছে।")
        }
        Event::Stored { key, server, at, evicted, .. } => {
            let place = match (at, server) {
                (Tier::Server, Some(s)) => format!("S{s}-এর ক্যাশে"),
                (Tier::Shared, _) => "শেয়ার্ড ক্যাশে".to_owned(),
                _ => "ক্লায়েন্টের নিজের ক্যাশে".to_owned(),
            };
            let mut out = format!("কী {key} ফিরে এসে {place} জমা হলো।");
            if let Some(k) = evicted {
                out.push_str(&format!(" জায়গা করতে কী {k} বাদ পড়ল।"));
            }
            out
        }
        Event::ServerAdded { server } => format!("S{server} ফাঁকা ক্যাশ নিয়ে যোগ হয়েছে।"),
        Event::ServerRemoved { server, cached } => {
            format!("S{server} সরে গেছে; তার ক্যাশের {cached}টি কী-ও গেছে।")
        }
        Event::KeysRemapped { moved, keys } => {
            format!("{keys}টির মধ্যে {moved}টি কী এখন অন্য সার্ভারে যায়: তাদের ক্যাশ শূন্য থেকে শুরু।")
        }
        Event::Written { key, version } => {
            format!("ডেটাবেসে কী {key} বদলেছে (সংস্করণ {version}); ক্যাশের কপিগুলো এখন পুরোনো।")
        }
        Event::RateSet { rate } => format!("ক্লায়েন্টরা এখন সেকেন্ডে {}টি রিকোয়েস্ট পাঠায়।", fmt_num(*rate)),
        Event::AllSent { requests } => format!("সব {requests}টি রিকোয়েস্ট পাঠানো হয়েছে।"),
        Event::CommandIgnored { command, why } => {
            format!("{command} কমান্ডে কিছু হয়নি: {}।", ignored(*why))
        }
    }
}
