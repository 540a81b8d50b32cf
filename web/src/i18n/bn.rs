//! বাংলা (Bengali). Technical terms that Bengali-speaking engineers use in
//! English (server, load balancer, latency, p99) stay as they are spoken,
//! written in Bengali script where that is the common usage.

use super::words::{Words, words};
use super::{allowed, caching_ignored_key, hashing_ignored_key, ignored_key, reason_key};
use scalelab_core::input::{Degenerate, InputError, Problem, Warning, fmt_num};
use scalelab_core::labs::caching::{Event as CachingEvent, Tier};
use scalelab_core::labs::hashing::Event as HashingEvent;
use scalelab_core::labs::load_balancing::{Event, Policy};

/// Every text of the catalogs, in the order `Catalog::read` reads them.
pub const WORDS: Words = words! {
    // The shell.
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
    // Load balancing.
    title: "লোড ব্যালান্সিং",
    blurb: "ক্লায়েন্টরা অনুরোধ পাঠায়; একটি লোড ব্যালান্সার সেগুলো সার্ভারগুলোর মধ্যে ভাগ করে দেয়, প্রতিটি সার্ভারের কয়েকটি কোর আর একটি কিউ আছে। পলিসি বদলান, কোনো সার্ভার বন্ধ বা ধীর করুন, বিচ্ছিন্ন করুন — অথবা সব কোর একটি বড় মেশিনে রেখে দেখুন সিঙ্গেল পয়েন্ট অফ ফেইলিওর মানে কী।",
    nothing_yet: "এখনও কিছু ঘটেনি। চালান, তারপর একটি সার্ভার বন্ধ করুন।",
    // Settings.
    "servers": "সার্ভার",
    "policy": "রাউটিং পলিসি",
    "rate": "অনুরোধের হার (প্রতি সেকেন্ডে)",
    "service-ms": "সার্ভিস টাইম (ms)",
    "service-dist": "সার্ভিস টাইমের ধরন",
    "capacity": "প্রতি সার্ভারে কোর",
    "queue-limit": "কিউয়ের সীমা",
    "layout": "বিন্যাস",
    "clients": "ক্লায়েন্ট",
    "client-latency-ms": "ক্লায়েন্ট লেটেন্সি (ms)",
    "net-latency-ms": "ব্যালান্সার–সার্ভার লেটেন্সি (ms)",
    "jitter-ms": "জিটার (ms)",
    "loss": "মেসেজ হারানোর সম্ভাবনা (০–১)",
    "timeout-ms": "ক্লায়েন্ট টাইমআউট (ms)",
    "health-check-ms": "হেলথ চেক প্রতি (ms)",
    // Metrics.
    "time_ms": "সিমুলেটেড সময় (ms)",
    "arrived": "পাঠানো অনুরোধ",
    "completed": "উত্তর পেয়েছে",
    "dropped": "বাদ পড়েছে (কিউ ভর্তি)",
    "failed": "ব্যর্থ",
    "failed_crashed": "…সার্ভার বন্ধ হওয়ায়",
    "failed_refused": "…প্রত্যাখ্যাত",
    "failed_no_server": "…কোনো সুস্থ সার্ভার নেই",
    "failed_timed_out": "…সময় পেরিয়ে গেছে",
    "in_progress": "চলমান",
    "throughput_rps": "থ্রুপুট (প্রতি সেকেন্ডে)",
    "success_ratio": "সফলতার হার",
    "latency_ms_mean": "গড় লেটেন্সি (ms)",
    "latency_ms_p50": "p50 লেটেন্সি (ms)",
    "latency_ms_p95": "p95 লেটেন্সি (ms)",
    "latency_ms_p99": "p99 লেটেন্সি (ms)",
    "latency_ms_max": "সর্বোচ্চ লেটেন্সি (ms)",
    "per_server_completed": "প্রতি সার্ভারে উত্তর",
    "per_server_utilization": "প্রতি সার্ভারের ব্যস্ততা",
    "servers_up": "চালু সার্ভার",
    "cores": "কোর",
    "offered_load": "প্রস্তাবিত লোড (ρ)",
    "cost_per_hour": "ঘণ্টাপ্রতি খরচ ($, উদাহরণমাত্র)",
    // Worked examples: title | what to notice.
    "vs=layout=vertical&log=3000:kill:0&speed=1": "একটি বড় মেশিন বনাম চারটি ছোট, তারপর একটি মেশিন বন্ধ" | "বড় মেশিনে অপেক্ষা কম (একটি সাধারণ কিউ, ব্যালান্সারের বাড়তি ধাপ নেই) — যতক্ষণ না এটি বন্ধ হয় আর সব অনুরোধ ব্যর্থ হয়। চারটি ছোট মেশিন হারায় মাত্র এক-চতুর্থাংশ ক্ষমতা।",
    "vs=policy=least-connections&log=0:slow:0:5&speed=1": "একটি ধীর সার্ভার: রাউন্ড রবিন বনাম সবচেয়ে কম কানেকশন" | "রাউন্ড রবিন S0-কে তার ভাগ দিয়েই যায়; কিউ ভরে যায় আর অনুরোধের সময় পেরিয়ে যায়। সবচেয়ে কম কানেকশন জমে থাকা অনুরোধ দেখে S0-কে এড়িয়ে চলে।",
    "log=2000:isolate:2&speed=1": "নেটওয়ার্ক বিচ্ছিন্নতা ধীরে ব্যর্থ হয়" | "S2 চলছে কিন্তু কিছুই সেখানে পৌঁছায় না: পরের হেলথ চেক একে রোটেশন থেকে সরানো পর্যন্ত অনুরোধগুলো এক সেকেন্ড পর টাইমআউট হয়।",
    "rate=600&speed=1": "অতিরিক্ত লোড: কোরের চেয়ে বেশি অনুরোধ" | "কিউ ভরে যায়, লেটেন্সি কিউয়ের সীমা পর্যন্ত বাড়ে, তারপর সার্ভার যা ধরে রাখতে পারে না তা বাদ দেয়। থ্রুপুট কোরের সামর্থ্যে থেমে যায়।",
    "layout=vertical&log=2000:add&speed=1": "ভার্টিক্যাল স্কেলিং মানে রিস্টার্ট" | "বড় মেশিন কিনলে আকার বদলানোর সময় সেটি বন্ধ থাকে: এক সেকেন্ড ব্যর্থতা, তারপর বেশি কোর — সবচেয়ে বড় মেশিন পর্যন্ত।",
    // Policies: name | how it behaves.
    "round-robin": "রাউন্ড রবিন" | "পালা করে প্রতিটি সার্ভারে। কাগজে ন্যায্য; ধীর সার্ভার চোখে পড়ে না।",
    "random": "র‍্যান্ডম" | "যেকোনো একটি সার্ভার। সহজ, কিন্তু কাকতালীয়ভাবে কিউ জমে যায়।",
    "least-connections": "সবচেয়ে কম কানেকশন" | "যে সার্ভারে সবচেয়ে কম অনুরোধ চলছে। ধীর সার্ভার এড়িয়ে যায়।",
    "p2c": "দুইয়ের মধ্যে বাছাই" | "র‍্যান্ডম দুটি সার্ভার, যেটি কম ব্যস্ত। প্রায় ততটাই ভালো, খরচ অনেক কম।",
    "hash": "ক্লায়েন্টের হ্যাশ" | "hash(client) mod N: একই ক্লায়েন্ট সবসময় একই সার্ভারে — যতক্ষণ না N বদলায়।",
    // Layouts.
    "horizontal": "হরাইজন্টাল (অনেক ছোট)",
    "vertical": "ভার্টিক্যাল (একটি বড়)",
    // Service time shapes.
    "exp": "এক্সপোনেনশিয়াল",
    "const": "স্থির",
    // Load balancing: the page.
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
    // Hashing.
    title: "হ্যাশিং",
    blurb: "কোন কী কোন সার্ভারের? hash(key) mod N দিলে একটি সার্ভার যোগ করলেই প্রায় সব কী জায়গা বদলায় — সব ক্যাশ ঠান্ডা হয়ে যায়। কনসিস্টেন্ট হ্যাশিংয়ের রিংয়ে নতুন সার্ভার নেয় শুধু একটি অংশ। নোড যোগ করুন, সরান, ভার্চুয়াল নোড বাড়ান, আর একই কী-তে ছয়টি পদ্ধতি তুলনা করুন।",
    nothing_yet: "এখনও কিছু ঘটেনি। একটি নোড যোগ করুন বা সরান, দেখুন কোন কী সরে।",
    // Settings.
    "strategy": "পদ্ধতি",
    "nodes": "নোড",
    "positions": "হাতে বসানো নোড (S0:20,S1:80)",
    "vnodes": "প্রতি নোডে ভার্চুয়াল নোড",
    "ring-size": "রিংয়ের আকার M",
    "load-factor": "লোড ফ্যাক্টর c (সীমিত)",
    "table-size": "টেবিলের আকার (ম্যাগলেভ, মৌলিক)",
    "keys": "কী",
    "key-hash": "কী-এর হ্যাশ",
    "key-hashes": "নির্দিষ্ট হ্যাশসহ কী (10:3,20:15)",
    "add": "শুরুতে যোগ করা নোড",
    "remove": "শুরুতে সরানো নোড",
    "rate": "প্রতি সেকেন্ডে খোঁজ",
    // Metrics.
    "time_ms": "সিমুলেটেড সময় (ms)",
    "keys": "কী",
    "nodes_before": "শুরুতে নোড",
    "nodes_after": "এখন নোড",
    "keys_moved": "সরেছে এমন কী",
    "keys_moved_fraction": "সরানোর অনুপাত",
    "ideal_moved_fraction": "ন্যূনতম সম্ভাব্য অনুপাত",
    "moved_to_changed_nodes_fraction": "বদলানো নোডে/থেকে সরেছে",
    "last_change_keys_moved": "শেষ পরিবর্তনে সরেছে",
    "load_max_over_mean": "সবচেয়ে ব্যস্ত নোড ÷ গড়",
    "load_cv": "লোডের বিস্তার (CV)",
    "node_ids": "নোড",
    "share": "কী-স্পেসে ভাগ",
    "keys_per_node": "প্রতি নোডে কী",
    "lookups": "খোঁজ",
    "lookups_missed": "নোড না পাওয়া খোঁজ",
    "lookups_per_node": "প্রতি নোডে খোঁজ",
    // Worked examples: title | what to notice.
    "log=800:add-at:3:90&speed=1": "S3 বসান 90-এ: সরে শুধু 81..90" | "বীজ-নোটের রিং: 256 আকারের রিংয়ে S0 20-এ, S1 80-এ, S2 200-এ। S3 বসে 90-এ আর নেয় ঠিক 81..90 অংশটি; বাকি সব কী যেখানে ছিল সেখানেই।",
    "strategy=modulo&nodes=4&key-hashes=10:3,20:15,35:12&log=800:add&speed=1": "মডুলোতে ৪ → ৫ সার্ভার" | "H(10) = 3, H(20) = 15, H(35) = 12: চারটি সার্ভারে S3, S3, S0; পাঁচটিতে S3, S0, S2। তিনটির দুটি কী সরেছে।",
    "ring-size=100&positions=S1:10,S2:11,S3:12,S4:90&keys=100": "একপেশে রিং: S4-এর ভাগ ৭৮%" | "100 আকারের রিংয়ে S1:10, S2:11, S3:12, S4:90। S4 পায় 13 থেকে 90 পর্যন্ত সব — সাধারণ কনসিস্টেন্ট হ্যাশিংয়ের এই দুর্বলতা ভার্চুয়াল নোড সারায়।",
    "ring-size=20&positions=S0:1,S1:10&keys=30": "রিংয়ের চেয়ে বড় হ্যাশ mod M হয়" | "M = 20, কী 30টি: কী 25 বসে 25 mod 20 = 5-এ আর 2..10 কী-দের সঙ্গে S1 ভাগ করে। এতে দোষ নেই: তারা এমনিতেই S1 ভাগ করছিল।",
    "strategy=modulo&nodes=10&keys=2000&key-hash=mix&ring-size=1000000&vnodes=100&vs=strategy=ring&log=800:add&speed=1": "মডুলো বনাম রিং, ১০ → ১১ নোড" | "একই কী-তে পাশাপাশি: মডুলো সরায় প্রায় ৯১%, রিং প্রায় ৯% — তার সবটাই নতুন নোডে।",
    "nodes=10&vnodes=1&ring-size=1000000&keys=5000&key-hash=mix&vs=vnodes=200": "ভার্চুয়াল নোড লোড সমান করে" | "প্রতি নোডে একটি বিন্দু থাকলে কোনো নোড পায় গড়ের তিন গুণ; প্রতি নোডে 200 বিন্দুতে সবচেয়ে ব্যস্তটিও গড়ের কাছাকাছি।",
    "strategy=bounded&load-factor=1.25&ring-size=100&positions=S1:10,S2:11,S3:12,S4:90&keys=1000&key-hash=mix&vs=strategy=ring": "একপেশে রিংয়ে সীমিত লোড" | "একই একপেশে রিং, সীমা গড়ের 1.25 গুণ: S4-এর উপচে পড়া কী ঘড়ির কাঁটার দিকে S1-এ যায়।",
    // Strategies: name | how it behaves.
    "modulo": "মডুলো (hash mod N)" | "N না বদলালে সমান ভাগ; N বদলালে কী থাকে শুধু যদি hash mod N একই থাকে।",
    "ring": "কনসিস্টেন্ট হ্যাশিং (রিং)" | "নোডগুলো একটি রিংয়ে; কী যায় ঘড়ির কাঁটার দিকে প্রথম নোডে। প্রতি নোডে বেশি বিন্দু (ভার্চুয়াল নোড) ভাগ সমান করে।",
    "jump": "জাম্প হ্যাশ" | "রিং নেই, মেমরি নেই, একদম সমান ভাগ — কিন্তু নোড ক্রমিক নম্বরে, তাই শুধু শেষটি নির্বিঘ্নে সরে।",
    "rendezvous": "রঁদেভু (সর্বোচ্চ র‍্যান্ডম ওজন)" | "প্রতিটি নোড প্রতিটি কী-কে নম্বর দেয়; সর্বোচ্চটি জেতে। সবচেয়ে কম সরানো, কিন্তু প্রতি খোঁজে সব নোড দেখতে হয়।",
    "maglev": "ম্যাগলেভ" | "মৌলিক আকারের একটি লুকআপ টেবিল, প্রতি নোডের বিন্যাস থেকে ভরা: এক পাঠে খোঁজ, প্রায় ন্যূনতম সরানো।",
    "bounded": "সীমিত লোড" | "সীমাসহ রিং: কোনো নোড গড়ের c গুণের বেশি নয়; উপচে পড়া কী পরের নোডে যায়।",
    // Key hashes.
    "identity": "অভিন্ন (কী k থাকে k-তে)",
    "mix": "মিশ্রিত ৬৪-বিট হ্যাশ",
    // Hashing: the page.
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
    // Caching.
    title: "ক্যাশিং",
    blurb: "প্রতিটি রিকোয়েস্টের খরচ তার পথ: সার্ভারে যেতে-আসতে ১০০ ms করে, আর মিস হলে ডেটাবেসে যেতে-আসতে আরও ১০ ms করে — হিটে ২০০ ms, মিসে ২২০ ms, আর ক্লায়েন্টের নিজের ক্যাশে হিট হলে কোনো খরচই নেই। লোড ব্যালান্সার কী দেখে রাউট করে, তাই প্রতিটি কী-এর ডেটা একটি সার্ভারেই গরম থাকে। একটি সার্ভার যোগ করুন: মডুলো রাউটিংয়ে ক্যাশগুলো ফাঁকা হয়ে যায়, রিংয়ে বেশিরভাগ টিকে থাকে। ডেটাবেসের মান বদলাতে দিন, আর পুরোনো (stale) রিড গুনুন।",
    nothing_yet: "এখনও কিছু ঘটেনি। চালু করুন, অথবা 'এক ধাপ' চেপে সিডের LRU উদাহরণটি একটি করে রিকোয়েস্টে দেখুন।",
    // Settings.
    "servers": "সার্ভার",
    "routing": "রাউটিং",
    "vnodes": "সার্ভারপ্রতি ভার্চুয়াল নোড",
    "cache-policy": "ক্যাশ পলিসি",
    "cache-capacity": "সার্ভার ক্যাশে কী",
    "client-cache": "ক্লায়েন্ট ক্যাশে কী",
    "shared-cache": "শেয়ার্ড ক্যাশে কী",
    "clients": "ক্লায়েন্ট",
    "keys": "কী (Zipf)",
    "zipf": "Zipf স্কিউ",
    "sequence": "কী-এর ক্রম (1,2,3)",
    "requests": "রিকোয়েস্ট (0: শেষ নেই)",
    "rate": "সেকেন্ডে রিকোয়েস্ট",
    "client-ms": "ক্লায়েন্ট ↔ সার্ভার (ms)",
    "db-ms": "সার্ভার ↔ ডেটাবেস (ms)",
    "shared-ms": "সার্ভার ↔ শেয়ার্ড ক্যাশ (ms)",
    "ttl-ms": "TTL (ms, 0: চিরকাল)",
    "write-rate": "সেকেন্ডে ডেটাবেস রাইট",
    "coalesce": "পথে থাকা কী-এর মিস একত্র করা",
    "add-server-at": "এত নম্বর রিকোয়েস্টে সার্ভার যোগ",
    "remove-server-at": "এত নম্বর রিকোয়েস্টে সার্ভার বাদ",
    // Metrics.
    "time_ms": "সিমুলেটেড সময় (ms)",
    "requests": "রিকোয়েস্ট",
    "completed": "উত্তর পেয়েছে",
    "hits": "হিট",
    "misses": "মিস",
    "hit_ratio": "হিট রেশিও",
    "hit_ratio_before_change": "পরিবর্তনের আগে হিট রেশিও",
    "hit_ratio_after_change": "পরিবর্তনের পরে হিট রেশিও",
    "hit_ratio_che": "চে-র অনুমান",
    "client_hits": "ক্লায়েন্ট ক্যাশে হিট",
    "server_hits": "সার্ভার ক্যাশে হিট",
    "shared_hits": "শেয়ার্ড ক্যাশে হিট",
    "latency_ms_mean": "গড় লেটেন্সি (ms)",
    "latency_ms_p50": "p50 লেটেন্সি (ms)",
    "latency_ms_p99": "p99 লেটেন্সি (ms)",
    "db_requests": "ডেটাবেস রিড",
    "stampede": "স্ট্যাম্পিড: ফেচ পথে থাকতেই আবার ফেচ",
    "coalesced": "একত্রিত: পথে থাকা ফেচের অপেক্ষা",
    "stale_reads": "পুরোনো রিড",
    "expired": "মেয়াদোত্তীর্ণ কপি পাওয়া",
    "evictions": "বাদ পড়া",
    "writes": "ডেটাবেস রাইট",
    "keys_remapped": "অন্য সার্ভারে যাওয়া কী",
    "server_ids": "সার্ভার",
    "per_server_requests": "সার্ভারপ্রতি রিকোয়েস্ট",
    "per_server_hit_ratio": "সার্ভারপ্রতি হিট রেশিও",
    "per_server_cached": "সার্ভারপ্রতি ক্যাশে কী",
    // Worked examples: title | what to notice.
    "speed=0.5": "৩ ঘরের LRU-তে 1,2,3,4,1,2: ছয়টিই মিস" | "সিডের উদাহরণ। 1, 2, 3 ক্যাশ ভরে; 4 এসে 1-কে বাদ দেয়; তারপর 1 বাদ দেয় 2-কে, 2 বাদ দেয় 3-কে। প্রতিটি রিকোয়েস্ট মিস, খরচ ২২০ ms। একটি করে দেখতে 'এক ধাপ' চাপুন।",
    "sequence=1,2,3,4,1,2&vs=cache-policy=sieve&speed=0.5": "একই ক্রমে LRU আর SIEVE" | "ক্যাশের চেয়ে একটি বেশি কী-এর লুপ LRU-কে হারায়। একই কী-তে FIFO, LFU আর SIEVE চালিয়ে দেখুন।",
    "servers=4&cache-capacity=5000&keys=100000&zipf=0.8&requests=200000&rate=2000&add-server-at=100000&routing=modulo&vs=routing=ring&speed=2": "সার্ভার যোগ: মডুলো বনাম রিং" | "১,০০,০০০ নম্বর রিকোয়েস্টে পঞ্চম সার্ভার আসে। মডুলোতে ৮০% কী-এর সার্ভার বদলায়, হিট রেশিও হঠাৎ পড়ে যায়; রিংয়ে বদলায় ২০%, প্রায় টেরই পাওয়া যায় না।",
    "servers=2&keys=1000&zipf=1&cache-capacity=100&rate=200&client-cache=20&speed=1": "ক্লায়েন্টের নিজের ক্যাশ" | "প্রতিটি ক্লায়েন্ট নিজের সবচেয়ে গরম ২০টি কী রাখে: সেই উত্তরে কোনো নেটওয়ার্কই লাগে না (০ ms); বাকিগুলো এখনও ২০০ বা ২২০ ms।",
    "keys=100&zipf=1&cache-capacity=100&rate=200&write-rate=20&ttl-ms=30000&speed=2": "লাইক সংখ্যা: প্রতি ৩০ সেকেন্ডে নতুন" | "মান সেকেন্ডে ২০ বার বদলায়, আর ক্যাশের কপি ৩০ সেকেন্ড বিশ্বাস করা হয়। অনেক রিড পুরোনো — লাইক সংখ্যায় তাতে কারও আপত্তি নেই।",
    "keys=100&zipf=1&cache-capacity=0&rate=200&write-rate=20&speed=2": "ব্যাংক ব্যালান্স: ক্যাশ নেই" | "একই রাইট, কিন্তু প্রতিটি রিড ডেটাবেসে যায়: কোনো পুরোনো রিড নেই, আর প্রতিটি রিকোয়েস্টে ২২০ ms। সঠিকতার দাম লেটেন্সি।",
    "servers=1&keys=10000&zipf=0.8&cache-capacity=500&rate=2000&speed=5": "LRU বনাম চে-র অনুমান" | "Zipf কী-তে একটি LRU ক্যাশ। ক্যাশ গরম হতে হতে হিট রেশিও বাড়ে, তারপর চে-র অনুমানের কাছাকাছি থিতু হয় (অনুমানটি ধরে নেয় মিসের মান সঙ্গে সঙ্গে আসে)।",
    "keys=1000&zipf=1&cache-capacity=100&rate=2000&db-ms=200&vs=coalesce=on&speed=1": "ক্যাশ স্ট্যাম্পিড" | "ডেটাবেস ২০০ ms দূরে, তাই মিস হওয়া কী-এর মান ফিরে না আসা পর্যন্ত ৪০০ ms সেটি ক্যাশে থাকে না। সেই সময়ে জনপ্রিয় কী বহুবার চাওয়া হয়: একত্র না করলে প্রতিটি চাওয়াই ডেটাবেসে যায়। একত্র করলে তারা পথে থাকা ফেচের অপেক্ষা করে, আর একই হিট রেশিওতে ডেটাবেসের কাজ অনেক কমে।",
    // Routings: name | what it does to caches.
    "modulo": "মডুলো (hash mod N)" | "সমান ভাগ হয়, কিন্তু নতুন সার্ভার এলে প্রায় N/(N+1) কী-এর সার্ভার বদলে যায়: তাদের ক্যাশ শূন্য থেকে শুরু।",
    "ring": "কনসিস্টেন্ট হ্যাশিং (রিং)" | "নতুন সার্ভার নেয় প্রায় 1/(N+1) কী; বাকি সব কী যেখানে ছিল সেখানেই গরম থাকে।",
    // Cache policies: name | how it evicts.
    "lru": "LRU (সবচেয়ে আগে ব্যবহৃত)" | "যে কী সবচেয়ে বেশি সময় ব্যবহার হয়নি সেটি বাদ যায়। ক্যাশের চেয়ে একটি বেশি কী-এর লুপে প্রতিবার মিস।",
    "fifo": "FIFO (আগে এলে আগে যায়)" | "সবচেয়ে পুরোনো কী বাদ যায়, যতবারই ব্যবহার হোক।",
    "lfu": "LFU (সবচেয়ে কম ব্যবহৃত)" | "যে কী সবচেয়ে কমবার ব্যবহার হয়েছে সেটি বাদ যায়; সমান হলে যেটি আগে ব্যবহৃত।",
    "sieve": "SIEVE" | "দ্বিতীয় সুযোগসহ FIFO: ব্যবহৃত কী একবার রেহাই পায়। সহজ, আর প্রায়ই LRU-র চেয়ে ভালো।",
    // Coalescing: name | what a miss for a key being fetched does.
    "off": "বন্ধ: আবার ফেচ" | "একই কী-এর আরেকটি ফেচ পথে থাকলেও মিস ডেটাবেসে যায়: ক্যাশ স্ট্যাম্পিড।",
    "on": "চালু: পথে থাকা ফেচের অপেক্ষা" | "যে কী ইতিমধ্যে ফেচ হচ্ছে তার মিস সেই ফেচের অপেক্ষা করে: একটি ডেটাবেস রিডে সবার উত্তর।",
    // Caching: the page.
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
        Problem::Conflict(why) => format!("“{name}” = {value}: {why}"),
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

const REASONS: [&str; 4] =
    ["এর সার্ভার বন্ধ করা হয়েছিল", "সার্ভার বন্ধ ছিল", "কোনো সার্ভার সুস্থ ছিল না", "সময়মতো উত্তর আসেনি"];
const IGNORED: [&str; 4] =
    ["এমন কোনো সার্ভার নেই", "এটি আগে থেকেই তেমন", "এর চেয়ে বড় হয় না", "মেশিনের আকার বদলানো হচ্ছে"];

pub fn load_balancing_event(e: &Event) -> String {
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
        Event::PolicySet { policy } => format!("রাউটিং পলিসি এখন {}।", policy_name(*policy)),
        Event::CommandIgnored { command, why } => {
            format!("{command} কমান্ডে কিছু হয়নি: {}।", IGNORED[ignored_key(*why)])
        }
        Event::Failed { req, reason, .. } => format!("অনুরোধ {req} ব্যর্থ: {}।", REASONS[reason_key(*reason)]),
        other => other.to_string(),
    }
}

fn policy_name(p: Policy) -> &'static str {
    super::load_balancing(crate::route::Lang::Bn)
        .policies
        .iter()
        .find(|(q, _, _)| *q == p)
        .map_or("?", |(_, n, _)| n)
}

const HASHING_IGNORED: [&str; 4] =
    ["এমন কোনো নোড নেই", "এটি আগে থেকেই আছে", "শেষ নোড সরানো যায় না", "আর নোড যোগ করা যায় না"];

pub fn hashing_event(e: &HashingEvent) -> String {
    match e {
        HashingEvent::NodeAdded { node, points: 0 } => format!("S{node} যোগ হয়েছে।"),
        HashingEvent::NodeAdded { node, points } => format!("রিংয়ে {points}টি বিন্দু নিয়ে S{node} যোগ হয়েছে।"),
        HashingEvent::NodeRemoved { node } => format!("S{node} সরে গেছে।"),
        HashingEvent::KeysMoved { moved, keys, to_or_from_changed } => format!(
            "{keys}টি কী-এর {moved}টির মালিক বদলেছে; তার {to_or_from_changed}টি বদলানো নোডে বা সেখান থেকে।"
        ),
        HashingEvent::RateSet { rate } => format!("ক্লায়েন্টরা এখন সেকেন্ডে {} বার কী খোঁজে।", fmt_num(*rate)),
        HashingEvent::CommandIgnored { command, why } => {
            format!("{command} কমান্ডে কিছু হয়নি: {}।", HASHING_IGNORED[hashing_ignored_key(*why)])
        }
        other => other.to_string(),
    }
}

const CACHING_IGNORED: [&str; 3] = ["এমন কোনো সার্ভার নেই", "শেষ সার্ভারটি সরানো যায় না", "আর সার্ভার যোগ করা যায় না"];

pub fn caching_event(e: &CachingEvent) -> String {
    match e {
        CachingEvent::Served { req, key, server, tier, expired, stale } => {
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
        CachingEvent::Coalesced { req, key, server, at } => {
            let place = match (at, server) {
                (Tier::Server, Some(s)) => format!(" S{s}-এ"),
                (Tier::Shared, _) => " শেয়ার্ড ক্যাশে".to_owned(),
                _ => " ক্লায়েন্টের নিজের ক্যাশে".to_owned(),
            };
            format!("রিকোয়েস্ট {req}: কী {key}{place} মিস, কিন্তু এর একটি ফেচ আগেই পথে আছে: সেটির অপেক্ষা করছে।")
        }
        CachingEvent::Stored { key, server, at, evicted, .. } => {
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
        CachingEvent::ServerAdded { server } => format!("S{server} ফাঁকা ক্যাশ নিয়ে যোগ হয়েছে।"),
        CachingEvent::ServerRemoved { server, cached } => {
            format!("S{server} সরে গেছে; তার ক্যাশের {cached}টি কী-ও গেছে।")
        }
        CachingEvent::KeysRemapped { moved, keys } => {
            format!("{keys}টির মধ্যে {moved}টি কী এখন অন্য সার্ভারে যায়: তাদের ক্যাশ শূন্য থেকে শুরু।")
        }
        CachingEvent::Written { key, version } => {
            format!("ডেটাবেসে কী {key} বদলেছে (সংস্করণ {version}); ক্যাশের কপিগুলো এখন পুরোনো।")
        }
        CachingEvent::RateSet { rate } => format!("ক্লায়েন্টরা এখন সেকেন্ডে {}টি রিকোয়েস্ট পাঠায়।", fmt_num(*rate)),
        CachingEvent::AllSent { requests } => format!("সব {requests}টি রিকোয়েস্ট পাঠানো হয়েছে।"),
        CachingEvent::CommandIgnored { command, why } => {
            format!("{command} কমান্ডে কিছু হয়নি: {}।", CACHING_IGNORED[caching_ignored_key(*why)])
        }
    }
}
