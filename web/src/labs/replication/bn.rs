//! The replication lab's words in Bengali (বাংলা); technical terms stay as
//! Bengali-speaking engineers say them (see `crate::i18n`).

use super::text::{Text, groups};
use crate::i18n::{Choices, LabWords, Preset};
use scalelab_core::input::fmt_num;
use scalelab_core::labs::replication::{Consistency, Event, Ignored, ReadFrom, WriteMode};

pub static TEXT: Text = Text {
    words: LabWords {
        title: "রেপ্লিকেশন",
        blurb: "একজন লিডার রাইট নেয় আর তার রেপ্লিকাগুলোতে কপি করে। রাইট স্বীকার করুন লিডারের নিজের কপির পরে (async), সব রেপ্লিকায় পৌঁছানোর পরে (sync) বা একটি কোরামে পৌঁছানোর পরে; পড়ুন লিডার থেকে, যেকোনো রেপ্লিকা থেকে বা একটি কোরাম থেকে। লিডারকে বন্ধ করুন আর দেখুন বাকিরা কীভাবে নতুন লিডার নির্বাচন করে; রেপ্লিকাগুলোকে বিচ্ছিন্ন করুন আর বেছে নিন: কনসিস্টেন্ট থেকে অনুরোধ ফিরিয়ে দেওয়া (CP), নাকি অ্যাভেইলেবল থেকে অমিল মেনে নেওয়া (AP)। হারানো রাইট আর পুরোনো রিড ঠিকঠাক গোনা হয়।",
        nothing_yet: "এখনও কিছু ঘটেনি। চালান, কার্টে একটি আইটেম যোগ করুন, তারপর অন্য রেপ্লিকা থেকে পড়ুন।",
        settings: &[
            ("replicas", "রেপ্লিকা"),
            ("write-mode", "রাইট কখন স্বীকৃত"),
            ("write-quorum", "রাইট কোরাম W (0: সংখ্যাগরিষ্ঠ)"),
            ("read-from", "রিডের উত্তর দেয়"),
            ("read-quorum", "রিড কোরাম R (0: সংখ্যাগরিষ্ঠ)"),
            ("consistency", "পার্টিশন হলে"),
            ("write-rate", "ক্লায়েন্টের সেকেন্ডে রাইট"),
            ("read-rate", "ক্লায়েন্টের সেকেন্ডে রিড"),
            ("keys", "কী"),
            ("heartbeat-ms", "হার্টবিট প্রতি (ms)"),
            ("election-timeout-ms", "ইলেকশন টাইমআউট (ms, lo-hi)"),
            ("net-latency-ms", "এক হপ (ms)"),
            ("jitter-ms", "জিটার (ms)"),
            ("timeout-ms", "ক্লায়েন্ট টাইমআউট (ms)"),
        ],
        metrics: &[
            ("time_ms", "সিমুলেটেড সময় (ms)"),
            ("writes", "রাইট"),
            ("writes_acked", "স্বীকৃত রাইট"),
            ("writes_failed", "ব্যর্থ রাইট"),
            ("writes_lost", "হারানো স্বীকৃত রাইট"),
            ("reads", "রিড"),
            ("reads_stale", "পুরোনো রিড"),
            ("reads_failed", "ব্যর্থ রিড"),
            ("availability", "অ্যাভেইলেবিলিটি (উত্তর ÷ অনুরোধ)"),
            ("unavailable", "ফিরিয়ে দেওয়া বা টাইমআউট"),
            ("elections", "লিডারসহ টার্ম"),
            ("split_votes", "ভোট ভাগ (লিডারহীন টার্ম)"),
            ("terms", "টার্ম"),
            ("leaders_per_term_max", "এক টার্মে সর্বোচ্চ লিডার"),
            ("time_without_leader_ms", "লিডারহীন সময় (ms)"),
            ("election_ms_mean", "লিডারহীন, গড় (ms)"),
            ("election_ms_p99", "লিডারহীন, p99 (ms)"),
            ("election_ms_max", "লিডারহীন, দীর্ঘতম (ms)"),
            ("write_latency_ms_p50", "রাইট লেটেন্সি p50 (ms)"),
            ("write_latency_ms_p99", "রাইট লেটেন্সি p99 (ms)"),
            ("read_latency_ms_p50", "রিড লেটেন্সি p50 (ms)"),
            ("read_latency_ms_p99", "রিড লেটেন্সি p99 (ms)"),
            ("leader", "লিডার"),
            ("replicas_up", "চালু রেপ্লিকা"),
            ("messages_in_flight", "পথে থাকা মেসেজ"),
            ("per_replica_commit", "প্রতি রেপ্লিকায় কমিটেড"),
            ("per_replica_term", "প্রতি রেপ্লিকার টার্ম"),
        ],
        presets: &[
            Preset {
                link: "write-rate=0&read-rate=0&log=500:write:0,510:write:0,535:read:0:2&vs=write-mode=sync&speed=0.1",
                title: "সিডের কার্ট: এক নোডে লেখা, আরেক নোডে পড়া",
                note: "লিডার S0-এর মাধ্যমে কার্টে দুটি আইটেম যায়; পরের অনুরোধ S2 থেকে পড়ে। Async সঙ্গে সঙ্গে স্বীকার করে আর পরে কপি করে: S2 আগের কার্ট দিয়ে উত্তর দেয়, একটি পুরোনো রিড। Sync অপেক্ষা করে যতক্ষণ না সব রেপ্লিকায় আইটেমটি পৌঁছায়: রিড ঠিক থাকে, আর যোগ করতে এক রাউন্ড ট্রিপ বেশি লাগে।",
            },
            Preset {
                link: "write-rate=0&read-rate=0&log=300:partition:0.1/2,500:write:0,700:read:0:2&vs=write-mode=sync&speed=0.2",
                title: "একটি রেপ্লিকা বিচ্ছিন্ন: কনসিস্টেন্ট নাকি অ্যাভেইলেবল?",
                note: "S2 বিচ্ছিন্ন। Sync S2-এর জন্য অপেক্ষা করে, যে কখনও উত্তর দেয় না: ক্লায়েন্টের টাইমআউটের পরে যোগ করা ব্যর্থ হয় (কনসিস্টেন্ট, অ্যাভেইলেবল নয়)। Async সঙ্গে সঙ্গে নেয়, আর S2 পুরোনো কার্ট দিয়েই উত্তর দিতে থাকে (অ্যাভেইলেবল, কনসিস্টেন্ট নয়)।",
            },
            Preset {
                link: "replicas=5&write-mode=quorum&read-from=leader&log=1000:crash-leader&speed=0.3",
                title: "লিডার ব্যর্থ: বাকিরা নতুন লিডার নির্বাচন করে",
                note: "ফলোয়াররা হার্টবিট শোনা বন্ধ করে। যার ইলেকশন টাইমার আগে শেষ হয় সে ভোট চায়, সংখ্যাগরিষ্ঠ ভোট পায় আর পরের টার্মে নেতৃত্ব দেয়; ক্লায়েন্টরা তাকে খুঁজে নিয়ে তাতে রাইট করে। সংখ্যাগুলো দেখায় ক্লাস্টার কতক্ষণ লিডারহীন ছিল।",
            },
            Preset {
                link: "write-rate=20&log=1000:partition:0/1.2,1500:crash:0,1500:heal,3000:restart:0&vs=write-mode=quorum&speed=0.5",
                title: "Async ফেইলওভারে স্বীকৃত রাইট হারায়; কোরামে হারায় না",
                note: "লিডার বিচ্ছিন্ন হয়ে একাই রাইট স্বীকার করতে থাকে, তারপর বন্ধ হয়ে যায়। বাকিরা সেই রাইটগুলো ছাড়াই লিডার নির্বাচন করে; S0 ফিরে এলে সেগুলো ফেলে দেয়। কোরাম রাইটে সংখ্যাগরিষ্ঠ ছাড়া কিছুই স্বীকৃত হয়নি, তাই কিছুই হারায় না।",
            },
            Preset {
                link: "replicas=5&write-mode=quorum&read-from=leader&write-rate=10&log=1000:partition:0.1/2.3.4,4000:heal&vs=consistency=ap&speed=0.5",
                title: "পাঁচটি রেপ্লিকা 2 | 3-এ ভাগ: CP বনাম AP",
                note: "CP: ছোট দিকের পুরোনো লিডার কমিট করতে পারে না, তাই তার রাইট ব্যর্থ হয়, আর বড় দিক নতুন লিডার বেছে নিয়ে চলতে থাকে। AP: দুই দিকই রাইট নেয়; জোড়া লাগলে প্রতিটি কী-তে পরের রাইটটি জেতে আর অন্য দিকের রাইট হারায়।",
            },
            Preset {
                link: "replicas=5&election-timeout-ms=150-150&log=1000:crash-leader&vs=election-timeout-ms=150-300&speed=0.5",
                title: "র‍্যান্ডমনেস ছাড়া ইলেকশন টাইমআউটে ভোট ভাগ হয়ে যায়",
                note: "সব টাইমার 150 ms-এ থাকলে ফলোয়াররা একই মুহূর্তে প্রার্থী হয়, প্রত্যেকে নিজেকে ভোট দেয় আর কেউ জেতে না, বারবার। 150-300 ms থেকে নিলে একজন আগে দাঁড়ায় আর জেতে: Raft পেপারের পর্যবেক্ষণ।",
            },
        ],
    },
    write_modes: Choices(|c| match c {
        WriteMode::Async => (
            "Async: লিডারের নিজের রাইটের পরে",
            "দ্রুত, লিডার চালু থাকলে সবসময় অ্যাভেইলেবল, কিন্তু ফেইলওভারে স্বীকৃত রাইট হারাতে পারে।",
        ),
        WriteMode::Sync => (
            "Sync: সব রেপ্লিকার পরে",
            "ক্লায়েন্ট হ্যাঁ শোনার আগে সব রেপ্লিকায় পৌঁছায়; একটি ধীর বা বিচ্ছিন্ন রেপ্লিকা প্রতিটি রাইট আটকে দেয়।",
        ),
        WriteMode::Quorum => (
            "কোরাম: N-এর W-টির পরে",
            "প্রতিটি স্বীকৃত রাইট সংখ্যাগরিষ্ঠের কাছে থাকে, তাই নতুন লিডারের কাছেও থাকে; সংখ্যালঘু বন্ধ থাকতে পারে।",
        ),
    }),
    read_froms: Choices(|c| match c {
        ReadFrom::Leader => ("লিডার", "নেতৃত্বে থাকা পর্যন্ত হালনাগাদ; কোরাম মোডে আগে এক রাউন্ড হার্টবিটে যাচাই করে।"),
        ReadFrom::Any => ("যেকোনো রেপ্লিকা", "কাছের কপি উত্তর দেয়: দ্রুত, হয়তো পুরোনো।"),
        ReadFrom::Quorum => {
            ("R-এর কোরাম", "R-টি রেপ্লিকা উত্তর দেয় আর নতুনতম ভার্শন জেতে: W + R > N হলে কখনও পুরোনো নয়।")
        }
    }),
    consistencies: Choices(|c| match c {
        Consistency::Cp => (
            "CP: শুধু সংখ্যাগরিষ্ঠ চলে",
            "সংখ্যাগরিষ্ঠহীন দিক লিডার নির্বাচন বা কমিট করতে পারে না: সেখানে কনসিস্টেন্ট, অ্যাভেইলেবল নয়।",
        ),
        Consistency::Ap => (
            "AP: প্রতিটি দিক চলে",
            "প্রতিটি দিক লিডার রাখে বা বেছে নেয় আর রাইট নেয়; জোড়া লাগলে প্রতিটি কী-তে শেষ রাইটটি জেতে।",
        ),
    }),
    leader: "লিডার",
    follower: "ফলোয়ার",
    candidate: "প্রার্থী",
    down: "বন্ধ",
    term: "টার্ম {}",
    committed: "{}টির {}টি কমিটেড",
    timer: "ইলেকশন টাইমার",
    side: "দিক {}",
    no_leader: "লিডার নেই",
    crash: "{} বন্ধ করুন",
    restart: "{} আবার চালু করুন",
    cut_off: "{} বিচ্ছিন্ন করুন",
    crash_leader: "লিডার বন্ধ করুন",
    restart_all: "সব আবার চালু করুন",
    split: "{} | {} ভাগ করুন",
    heal: "পার্টিশন জোড়া দিন",
    draw_partition: "পার্টিশন আঁকুন: কোনো রেপ্লিকাকে অন্য দিকে নিতে চাপুন",
    client: "ক্লায়েন্ট",
    add_item: "কার্টে একটি আইটেম যোগ করুন",
    read_from_replica: "{} থেকে কার্ট পড়ুন",
    last_read: "{} উত্তর দিয়েছে v{}; নতুনতম স্বীকৃত ছিল v{}।",
    stale: "একটি পুরোনো রিড।",
    selected: "রেপ্লিকা {}",
    write_mode: "রাইট কখন স্বীকৃত",
    read_from: "রিডের উত্তর দেয়",
    consistency: "পার্টিশন হলে",
    compare_with: "{}-এর সঙ্গে তুলনা",
    legend: "প্রতিটি বর্গ একটি লগ এন্ট্রি, টার্ম অনুযায়ী রঙ করা; ভরাটগুলো কমিটেড। ফলোয়ারের পাশের বৃত্তটি তার ফুরিয়ে আসা ইলেকশন টাইমার। ড্যাশ রেখা পার্টিশনের দিকগুলো আলাদা করে। বিন্দুগুলো পথে থাকা মেসেজ: অ্যাপেন্ড নীল, হার্টবিট ধূসর, অ্যাক আর ভোট সবুজ, ভোটের অনুরোধ কমলা বর্গ, ক্লায়েন্টের অনুরোধ বেগুনি, উত্তর সবুজ বৃত্ত।",
    availability_title: "অ্যাভেইলেবিলিটি (প্রতি ১০০ ms)",
    commits_title: "প্রতি রেপ্লিকায় কমিটেড এন্ট্রি",
    second: "গত সেকেন্ডে: {}টি উত্তর, {}টি ব্যর্থ, {}টি পুরোনো রিড।",
    event,
};

/// Why a command did nothing.
fn ignored(why: Ignored) -> &'static str {
    match why {
        Ignored::NoSuchReplica => "এমন কোনো রেপ্লিকা নেই",
        Ignored::AlreadyThatWay => "এটি আগে থেকেই তেমন",
        Ignored::NoLeader => "এখন কোনো রেপ্লিকা নেতৃত্বে নেই",
        Ignored::BadPartition => "পার্টিশনে প্রতিটি রেপ্লিকা ঠিক একটি দলে থাকতে হবে",
        Ignored::NoSuchKey => "এমন কোনো কী নেই",
    }
}

fn ms(us: u64) -> String {
    fmt_num((us as f64 / 1_000.0).round())
}

fn event(e: &Event) -> String {
    match e {
        Event::Wrote { key, version, latency_us, .. } => {
            format!("কী {key}-এর একটি রাইট {} ms পরে v{version}-এ স্বীকৃত হয়েছে।", ms(*latency_us))
        }
        Event::Read { key, version, newest, from, .. } if version < newest => {
            format!("S{from} কী {key}-এর উত্তর দিয়েছে v{version}-এ; v{newest} আগেই স্বীকৃত ছিল: একটি পুরোনো রিড।")
        }
        Event::Read { key, version, from, .. } => format!("S{from} কী {key}-এর উত্তর দিয়েছে v{version}-এ।"),
        Event::Failed { key, write, timed_out, .. } => {
            let what = if *write { "রাইট" } else { "রিড" };
            let how = if *timed_out {
                "সময়মতো উত্তর পায়নি"
            } else {
                "ফিরিয়ে দেওয়া হয়েছে"
            };
            format!("কী {key}-এর একটি {what} {how}।")
        }
        Event::Candidate { node, term, waited_us } => {
            format!("S{node} {} ms কোনো লিডারের সাড়া পায়নি আর টার্ম {term}-এ ভোট চেয়েছে।", ms(*waited_us))
        }
        Event::Elected { node, term, votes } => {
            format!("S{node} {votes}টি ভোটে টার্ম {term} জিতে নেতৃত্ব দিচ্ছে।")
        }
        Event::SteppedDown { node, term } => format!("S{node} টার্ম {term} দেখে সরে দাঁড়িয়েছে।"),
        Event::RolledBack { node, entries } => {
            format!("S{node} এমন {entries}টি এন্ট্রি ফেলে দিয়েছে যা তার নতুন লিডারের কাছে কখনও ছিল না।")
        }
        Event::Merged { into, taken } => format!(
            "দিকগুলো S{into}-এ মিলিয়ে দেওয়া হয়েছে: প্রতিটি কী-তে পরের রাইট জিতেছে (অন্য দিক থেকে {taken}টি নেওয়া)।"
        ),
        Event::Crashed { node, was_leader: true } => format!("লিডার S{node} বন্ধ হয়ে গেছে।"),
        Event::Crashed { node, .. } => format!("S{node} বন্ধ হয়ে গেছে।"),
        Event::Restarted { node } => format!("S{node} ফলোয়ার হিসেবে আবার চালু হয়েছে।"),
        Event::Partitioned { groups: g } => format!("রেপ্লিকাগুলো ভাগ হয়েছে: {}।", groups(g)),
        Event::Healed => "সব পার্টিশন জোড়া লেগেছে।".to_owned(),
        Event::CommandIgnored { command, why } => format!("{command} কমান্ডে কিছু হয়নি: {}।", ignored(*why)),
    }
}
