//! End-to-end: the built site in headless Chromium, driven like a learner
//! would. Every test ends by checking the console has no errors.

use fantoccini::{Client, Locator};
use scalelab_core::SimDuration;
use scalelab_core::lab::Lab;
use scalelab_core::labs::load_balancing::LoadBalancing;
use scalelab_core::session::Session;
use scalelab_tests::{
    Driver, Site, console_errors, dist_dir, metric, metric_f64, open, screenshot, wait_for,
};
use serde_json::Value;
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(30);

async fn setup(width: u32, height: u32) -> (Site, Driver, Client) {
    let site = Site::serve(dist_dir());
    let driver = Driver::start();
    let client = driver.browser(width, height).await;
    (site, driver, client)
}

/// Every test ends here: no console errors, then the session closes.
async fn finish(c: Client) {
    let errors = console_errors(&c).await;
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    c.close().await.unwrap();
}

async fn count(c: &Client, css: &str) -> usize {
    c.find_all(Locator::Css(css)).await.map(|v| v.len()).unwrap_or(0)
}

async fn text(c: &Client, css: &str) -> String {
    match c.find(Locator::Css(css)).await {
        Ok(el) => el.text().await.unwrap_or_default(),
        Err(_) => String::new(),
    }
}

/// Clicks the element `css` finds (which must be there).
async fn click(c: &Client, css: &str) {
    c.find(Locator::Css(css)).await.unwrap().click().await.unwrap();
}

/// Whether the play button says time runs (its `aria-pressed`).
async fn playing(c: &Client) -> Option<String> {
    c.find(Locator::Css(PLAY)).await.unwrap().attr("aria-pressed").await.unwrap()
}

const PLAY: &str = "[data-action=\"play\"]";

/// How far the page scrolls sideways, in CSS pixels (0 when it fits).
async fn sideways_scroll(c: &Client) -> Option<i64> {
    let js = "return document.documentElement.scrollWidth - document.documentElement.clientWidth";
    c.execute(js, vec![]).await.unwrap().as_i64()
}

#[tokio::test(flavor = "current_thread")]
async fn the_lab_loads_animates_and_logs_no_errors() {
    let (site, _driver, c) = setup(1400, 1000).await;
    open(&c, &site, "#/load-balancing?speed=1").await;
    wait_for(&c, "requests to complete", WAIT, || async { metric_f64(&c, "completed").await > 50.0 }).await;
    assert_eq!(count(&c, ".card.server").await, 4, "the seed's four servers");
    assert_eq!(count(&c, "canvas.flights").await, 1);
    for name in
        ["dropped", "failed", "throughput_rps", "latency_ms_p50", "latency_ms_p99", "per_server_completed"]
    {
        assert!(metric(&c, name).await.is_some(), "metric {name} is shown with data-metric");
    }
    // Something is drawn on the canvas: lanes (grey) and requests in flight,
    // whose dots are Okabe–Ito blue (0, 114, 178) inside.
    let painted = c
        .execute(
            "const c = document.querySelector('canvas.flights'); const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let any = 0, blue = 0; for (let i = 0; i < d.length; i += 4) { if (d[i + 3]) any++; if (d[i + 3] === 255 && d[i] === 0 && d[i + 1] === 114 && d[i + 2] === 178) blue++; } return [any, blue];",
            vec![],
        )
        .await
        .unwrap();
    let (any, blue) = (painted[0].as_u64().unwrap_or(0), painted[1].as_u64().unwrap_or(0));
    assert!(any > 500, "the canvas has lanes and requests: {painted}");
    assert!(blue > 20, "requests are drawn as blue dots: {painted}");
    // Each busy and queue bar is drawn as full as the numbers beside it say
    // (its fill is scaled, not sized: see `bar_fill`), read after a pause so
    // that bars and numbers come from the same refresh.
    click(&c, PLAY).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let bars = c
        .execute(
            "return [...document.querySelectorAll('.card.server .meter')].filter(m => m.querySelector('.bar')).map(m => { const t = m.querySelector('.bar'), v = m.querySelector('.v').textContent.split('/').map(Number); return [t.querySelector('span').getBoundingClientRect().width / t.getBoundingClientRect().width, v[0] / v[1]]; });",
            vec![],
        )
        .await
        .unwrap();
    let bars: Vec<(f64, f64)> = bars
        .as_array()
        .map(|a| {
            a.iter().map(|p| (p[0].as_f64().unwrap_or(f64::NAN), p[1].as_f64().unwrap_or(f64::NAN))).collect()
        })
        .unwrap_or_default();
    assert_eq!(bars.len(), 8, "a busy and a queue bar on each of four servers: {bars:?}");
    assert!(bars.iter().any(|&(_, want)| want > 0.0), "some core is busy: {bars:?}");
    for &(drawn, want) in &bars {
        assert!((drawn - want).abs() < 0.02, "a bar drawn {drawn:.3} full for {want:.3}: {bars:?}");
    }
    screenshot(&c, "load-balancing").await;
    finish(c).await;
}

#[tokio::test(flavor = "current_thread")]
async fn killing_a_server_fails_requests_and_marks_it_down() {
    let (site, _driver, c) = setup(1400, 1000).await;
    open(&c, &site, "#/load-balancing?speed=1").await;
    wait_for(&c, "traffic", WAIT, || async { metric_f64(&c, "completed").await > 20.0 }).await;
    assert_eq!(metric_f64(&c, "failed").await, 0.0);
    click(&c, "[data-server=\"1\"] [data-action=\"kill\"]").await;
    wait_for(&c, "S1 to show as down", WAIT, || async {
        count(&c, "[data-server=\"1\"][data-status=\"down\"]").await == 1
    })
    .await;
    wait_for(&c, "requests to fail", WAIT, || async { metric_f64(&c, "failed").await > 0.0 }).await;
    let log = text(&c, ".event-log").await;
    assert!(log.contains("S1 was killed"), "the event log says so in words: {log}");
    // The link now carries the kill, so it can be replayed.
    let link = c
        .find(Locator::Css("[data-testid=\"share-link\"]"))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap()
        .unwrap();
    assert!(link.contains(":kill:1"), "{link}");
    screenshot(&c, "after-kill").await;
    finish(c).await;
}

/// The page and the CLI's core compute the same run from the same link: the
/// numbers shown equal a native run of the same parameters, to the last bit.
#[tokio::test(flavor = "current_thread")]
async fn a_link_reproduces_the_cli_numbers_exactly() {
    let lab_params = "servers=3&policy=p2c&rate=200&seed=7&duration-ms=1500&log=500:kill:1,900:restart:1";
    let (site, _driver, c) = setup(1400, 1000).await;
    open(&c, &site, &format!("#/load-balancing?{lab_params}&speed=30")).await;
    wait_for(&c, "the run to stop at duration-ms", WAIT, || async { count(&c, ".notice").await == 1 }).await;

    let pairs: Vec<(&str, &str)> = lab_params.split('&').filter_map(|kv| kv.split_once('=')).collect();
    let parsed = Session::<LoadBalancing>::from_params(pairs);
    assert!(parsed.errors.is_empty());
    let mut native = parsed.session;
    native.run_to_end(SimDuration::ZERO);
    let expected = serde_json::to_value(native.lab().metrics()).unwrap();
    for name in [
        "completed",
        "dropped",
        "failed",
        "failed_crashed",
        "failed_refused",
        "latency_ms_mean",
        "latency_ms_p99",
    ] {
        let shown: f64 = metric(&c, name).await.unwrap_or_default().parse().unwrap_or(f64::NAN);
        assert_eq!(shown, expected[name].as_f64().unwrap(), "{name}: page vs native");
    }
    let per_server = metric(&c, "per_server_completed").await.unwrap_or_default();
    let native_per_server: Vec<String> =
        expected["per_server_completed"].as_array().unwrap().iter().map(Value::to_string).collect();
    assert_eq!(per_server, native_per_server.join(","));
    assert!(expected["failed_crashed"].as_f64().unwrap() > 0.0, "the kill in the log happened");
    finish(c).await;
}

#[tokio::test(flavor = "current_thread")]
async fn bad_parameters_are_explained_and_the_lab_still_runs() {
    let (site, _driver, c) = setup(1400, 1000).await;
    open(&c, &site, "#/load-balancing?rate=abc&servers=99&policy=fastest&colour=red&speed=1").await;
    let message = text(&c, "[data-testid=\"param-errors\"]").await;
    for part in
        ["rate", "abc", "0 to 100000", "servers", "1 to 64", "policy", "round-robin, random", "colour"]
    {
        assert!(message.contains(part), "the message names {part:?}: {message}");
    }
    assert!(message.contains("using the default, 280"), "says what it uses instead: {message}");
    assert_eq!(count(&c, ".card.server").await, 4, "servers fell back to the default");
    wait_for(&c, "the lab to run anyway", WAIT, || async { metric_f64(&c, "completed").await > 0.0 }).await;
    screenshot(&c, "bad-params").await;
    finish(c).await;
}

#[tokio::test(flavor = "current_thread")]
async fn embed_bengali_compare_and_keyboard() {
    let (site, _driver, c) = setup(1400, 1200).await;
    // Embedded: the lab alone, with a way out to the full page.
    open(&c, &site, "#/load-balancing?embed=1").await;
    assert_eq!(count(&c, ".topbar").await, 0);
    assert_eq!(count(&c, ".embed-head").await, 1);

    // Bengali, comparing with one big machine.
    open(&c, &site, "#/load-balancing?lang=bn&vs=layout=vertical&speed=1").await;
    let lang = c.find(Locator::Css("html")).await.unwrap().attr("lang").await.unwrap();
    assert_eq!(lang.as_deref(), Some("bn"));
    assert!(text(&c, PLAY).await.contains("থামান"), "playing: the button says pause in Bengali");
    assert_eq!(count(&c, ".stage-wrap").await, 2, "two runs side by side");
    assert_eq!(count(&c, ".metrics thead th").await, 3, "a column per run");
    // The self-hosted Noto Sans Bengali, not boxes, on a machine without a Bengali font.
    let loaded = "const faces = Array.from(document.fonts).filter(f => f.family.replace(/\"/g, '') === 'Noto Sans Bengali'); return faces.some(f => f.status === 'loaded') && !faces.some(f => f.status === 'loading')";
    wait_for(&c, "Noto Sans Bengali to load", WAIT, || async {
        c.execute(loaded, vec![]).await.unwrap().as_bool() == Some(true)
    })
    .await;
    screenshot(&c, "compare-bn").await;

    // Space pauses and plays.
    assert_eq!(playing(&c).await.as_deref(), Some("true"));
    c.find(Locator::Css("body")).await.unwrap().send_keys(" ").await.unwrap();
    wait_for(&c, "Space to pause", WAIT, || async { playing(&c).await.as_deref() == Some("false") }).await;
    finish(c).await;
}

#[tokio::test(flavor = "current_thread")]
async fn a_worked_example_is_one_click_away() {
    let (site, _driver, c) = setup(1400, 1000).await;
    open(&c, &site, "#/load-balancing").await;
    let preset = "[data-preset=\"vs=layout=vertical&log=3000:kill:0&speed=1\"]";
    click(&c, preset).await;
    wait_for(&c, "the comparison to open", WAIT, || async { count(&c, ".stage-wrap").await == 2 }).await;
    wait_for(&c, "the big machine to die at 3 s", WAIT, || async {
        count(&c, ".stage-wrap[data-run=\"1\"] [data-status=\"down\"]").await == 1
    })
    .await;
    finish(c).await;
}

#[tokio::test(flavor = "current_thread")]
async fn works_at_360_pixels_wide() {
    let site = Site::serve(dist_dir());
    let driver = Driver::start();
    let c = driver.phone(360, 780).await;
    open(&c, &site, "#/load-balancing?speed=1").await;
    let width = c.execute("return window.innerWidth", vec![]).await.unwrap();
    assert_eq!(width.as_u64(), Some(360), "the viewport really is 360 px");
    wait_for(&c, "traffic", WAIT, || async { metric_f64(&c, "completed").await > 0.0 }).await;
    assert_eq!(sideways_scroll(&c).await, Some(0), "no horizontal scrolling at 360 px");
    assert!(count(&c, ".stage.narrow").await == 1, "the stage flows top to bottom");
    screenshot(&c, "narrow-360").await;
    finish(c).await;
}

#[tokio::test(flavor = "current_thread")]
async fn home_and_unknown_labs() {
    let (site, _driver, c) = setup(1200, 900).await;
    open(&c, &site, "").await;
    assert!(count(&c, ".lab-cards a").await >= 1);
    open(&c, &site, "#/no-such-lab").await;
    assert!(text(&c, ".home").await.contains("no lab called “no-such-lab”"));
    finish(c).await;
}

#[tokio::test(flavor = "current_thread")]
async fn reduced_motion_means_no_autoplay_and_no_moving_dots() {
    let site = Site::serve(dist_dir());
    let driver = Driver::start();
    let c = driver.browser_with(1200, 900, &["--force-prefers-reduced-motion"]).await;
    open(&c, &site, "#/load-balancing?speed=1").await;
    assert_eq!(playing(&c).await.as_deref(), Some("false"), "no autoplay");
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(metric_f64(&c, "time_ms").await, 0.0, "time stands still until the learner presses play");
    click(&c, PLAY).await;
    wait_for(&c, "the run to go once asked", WAIT, || async { metric_f64(&c, "completed").await > 0.0 })
        .await;
    finish(c).await;
}

// ---- Hashing ----

#[tokio::test(flavor = "current_thread")]
async fn hashing_adding_s3_at_90_moves_exactly_ten_keys() {
    let (site, _driver, c) = setup(1400, 1100).await;
    open(&c, &site, "#/hashing?log=300:add-at:3:90&speed=1").await;
    wait_for(&c, "S3 to join at 300 ms", WAIT, || async { metric_f64(&c, "nodes_after").await == 4.0 }).await;
    assert_eq!(metric_f64(&c, "keys_moved").await, 10.0, "keys 81..90");
    assert_eq!(metric_f64(&c, "moved_to_changed_nodes_fraction").await, 1.0, "all of them to S3");
    assert!(text(&c, "[data-testid=\"moved-note\"]").await.contains("10 of 256"));
    assert!(text(&c, ".event-log").await.contains("S3 joined"));
    screenshot(&c, "hashing-s3").await;
    finish(c).await;
}

#[tokio::test(flavor = "current_thread")]
async fn hashing_modulo_and_ring_side_by_side() {
    let (site, _driver, c) = setup(1400, 1100).await;
    let preset = "strategy=modulo&nodes=10&keys=2000&key-hash=mix&ring-size=1000000&vnodes=100&vs=strategy=ring&log=800:add&speed=1";
    open(&c, &site, &format!("#/hashing?{preset}")).await;
    assert_eq!(count(&c, "canvas.ring").await, 2);
    wait_for(&c, "the 11th node to join", WAIT, || async { metric_f64(&c, "nodes_after").await == 11.0 })
        .await;
    let modulo = metric_f64(&c, "keys_moved_fraction").await;
    let ring = c
        .find(Locator::Css("td[data-metric=\"keys_moved_fraction\"] + td"))
        .await
        .unwrap()
        .attr("data-value")
        .await
        .unwrap()
        .unwrap_or_default()
        .parse::<f64>()
        .unwrap_or(f64::NAN);
    assert!((modulo - 10.0 / 11.0).abs() < 0.03, "modulo moved {modulo}");
    assert!((ring - 1.0 / 11.0).abs() < 0.03, "ring moved {ring}");
    assert!(text(&c, "[data-testid=\"moved-note\"]").await.contains("counts every moved slice twice"));
    screenshot(&c, "hashing-modulo-vs-ring").await;
    finish(c).await;
}

#[tokio::test(flavor = "current_thread")]
async fn hashing_buttons_reach_the_model_and_the_page_matches_native() {
    let lab_params = "strategy=rendezvous&nodes=5&keys=3000&key-hash=mix&add=1&duration-ms=1000&seed=4";
    let (site, _driver, c) = setup(1400, 1100).await;
    open(&c, &site, &format!("#/hashing?{lab_params}&speed=30")).await;
    wait_for(&c, "the run to stop at duration-ms", WAIT, || async { count(&c, "p.notice").await == 1 }).await;
    let pairs: Vec<(&str, &str)> = lab_params.split('&').filter_map(|kv| kv.split_once('=')).collect();
    let mut native = Session::<scalelab_core::labs::hashing::Hashing>::from_params(pairs).session;
    native.run_to_end(SimDuration::ZERO);
    let expected = serde_json::to_value(native.lab().metrics()).unwrap();
    for name in ["keys_moved", "keys_moved_fraction", "load_max_over_mean", "load_cv", "lookups"] {
        let shown: f64 = metric(&c, name).await.unwrap_or_default().parse().unwrap_or(f64::NAN);
        assert_eq!(shown, expected[name].as_f64().unwrap(), "{name}: page vs native");
    }
    // The add button: one more node, said in words.
    click(&c, "[data-action=\"add-node\"]").await;
    wait_for(&c, "the node to join", WAIT, || async { metric_f64(&c, "nodes_after").await == 7.0 }).await;
    assert!(text(&c, ".event-log").await.contains("S6 joined"));
    finish(c).await;
}

#[tokio::test(flavor = "current_thread")]
async fn hashing_bad_parameters_are_explained() {
    let (site, _driver, c) = setup(1400, 1000).await;
    open(&c, &site, "#/hashing?strategy=chord&positions=S0=20&vnodes=0").await;
    let message = text(&c, "[data-testid=\"param-errors\"]").await;
    for part in [
        "strategy",
        "modulo, ring, jump, rendezvous, maglev, bounded",
        "positions",
        "S0:20",
        "vnodes",
        "1 to 10000",
    ] {
        assert!(message.contains(part), "the message names {part:?}: {message}");
    }
    assert_eq!(metric_f64(&c, "nodes_after").await, 3.0, "the seed's ring is used instead");
    finish(c).await;
}

#[tokio::test(flavor = "current_thread")]
async fn caching_page_matches_native_and_explains_bad_parameters() {
    let lab_params = "servers=3&routing=modulo&keys=500&zipf=1&cache-capacity=20&client-cache=5&write-rate=5&ttl-ms=500&rate=300&duration-ms=2000&log=1000:add&seed=3";
    let (site, _driver, c) = setup(1400, 1100).await;
    open(&c, &site, &format!("#/caching?{lab_params}&speed=30")).await;
    wait_for(&c, "the run to stop at duration-ms", WAIT, || async { count(&c, "p.notice").await >= 1 }).await;
    let pairs: Vec<(&str, &str)> = lab_params.split('&').filter_map(|kv| kv.split_once('=')).collect();
    let mut native = Session::<scalelab_core::labs::caching::Caching>::from_params(pairs).session;
    native.run_to_end(SimDuration::ZERO);
    let expected = serde_json::to_value(native.lab().metrics()).unwrap();
    for name in [
        "requests",
        "hits",
        "client_hits",
        "latency_ms_p50",
        "latency_ms_p99",
        "db_requests",
        "stampede",
        "evictions",
        "stale_reads",
        "keys_remapped",
    ] {
        let shown: f64 = metric(&c, name).await.unwrap_or_default().parse().unwrap_or(f64::NAN);
        assert_eq!(shown, expected[name].as_f64().unwrap(), "{name}: page vs native");
    }
    assert_eq!(count(&c, ".cache-card").await, 4, "the added server has a card");
    screenshot(&c, "caching").await;
    open(&c, &site, "#/caching?cache-policy=mru&sequence=1;2&zipf=9").await;
    let message = text(&c, "[data-testid=\"param-errors\"]").await;
    for part in ["cache-policy", "lru, fifo, lfu, sieve", "sequence", "1,2,3,4,1,2", "zipf", "0 to 3"] {
        assert!(message.contains(part), "{part:?} missing from: {message}");
    }
    assert_eq!(count(&c, ".cache-card").await, 1, "the lab still runs on its defaults");
    finish(c).await;
}

#[tokio::test(flavor = "current_thread")]
async fn caching_works_at_360_pixels_wide() {
    let site = Site::serve(dist_dir());
    let driver = Driver::start();
    let c = driver.phone(360, 780).await;
    // The seed's walk-through, and four servers compared under modulo and ring.
    let links = [
        ("#/caching?speed=5", "caching-360-walkthrough"),
        (
            "#/caching?servers=4&keys=200&zipf=1&cache-capacity=8&rate=50&log=1500:add&vs=routing=modulo&speed=2",
            "caching-360-compare",
        ),
    ];
    for (link, shot) in links {
        open(&c, &site, link).await;
        wait_for(&c, "requests to be served", WAIT, || async { metric_f64(&c, "requests").await >= 6.0 })
            .await;
        assert_eq!(sideways_scroll(&c).await, Some(0), "{link}: no sideways scroll");
        assert!(count(&c, ".cache-card").await >= 1, "{link}: the caches are drawn");
        let speed =
            c.find(Locator::Css("[data-action=\"speed\"]")).await.unwrap().prop("value").await.unwrap();
        let asked = link.split("speed=").nth(1).unwrap_or_default();
        assert_eq!(speed.as_deref(), Some(asked), "{link}: the speed select shows the link's speed");
        let db = "return (e => e.scrollWidth - e.clientWidth)(document.querySelector('.tier.db'))";
        assert_eq!(c.execute(db, vec![]).await.unwrap().as_i64(), Some(0), "{link}: 'Database' fits its box");
        screenshot(&c, shot).await;
    }
    finish(c).await;
}

/// The replication page at phone width: crashing the leader through the page
/// elects another (said in words, shown on the cards), and the client panel
/// adds to the cart and reads it back from the replica picked.
#[tokio::test(flavor = "current_thread")]
async fn replication_elects_a_new_leader_and_the_client_reads_the_cart_at_360_pixels() {
    let site = Site::serve(dist_dir());
    let driver = Driver::start();
    let c = driver.phone(360, 780).await;
    open(&c, &site, "#/replication?write-rate=0&read-rate=0&speed=1").await;
    assert_eq!(count(&c, "[data-replica]").await, 3, "three replica cards");
    assert_eq!(count(&c, "[data-replica=\"0\"][data-role=\"leader\"]").await, 1, "S0 leads at first");
    click(&c, "[data-action=\"crash-leader\"]").await;
    wait_for(&c, "another replica to lead", WAIT, || async {
        count(&c, "[data-role=\"leader\"]").await == 1
            && count(&c, "[data-replica=\"0\"][data-role=\"down\"]").await == 1
    })
    .await;
    let log = text(&c, ".event-log").await;
    assert!(log.contains("The leader S0 crashed") && log.contains("asked for votes"), "{log}");
    click(&c, "[data-replica=\"2\"]").await;
    click(&c, "[data-action=\"add-item\"]").await;
    wait_for(&c, "the add to be acknowledged", WAIT, || async {
        metric_f64(&c, "writes_acked").await >= 1.0
    })
    .await;
    click(&c, "[data-action=\"read-cart\"]").await;
    wait_for(&c, "the read to be answered", WAIT, || async {
        count(&c, "[data-testid=\"last-read\"]").await == 1
    })
    .await;
    let read = text(&c, "[data-testid=\"last-read\"]").await;
    assert!(read.starts_with("S2 answered"), "{read}");
    assert_eq!(sideways_scroll(&c).await, Some(0), "no sideways scroll");
    assert!(console_errors(&c).await.is_empty(), "{:?}", console_errors(&c).await);
    screenshot(&c, "replication-360").await;
    finish(c).await;
}

#[tokio::test(flavor = "current_thread")]
async fn sessions_lose_the_cart_on_another_server_and_keep_it_in_a_store_at_360_pixels() {
    let site = Site::serve(dist_dir());
    let driver = Driver::start();
    let c = driver.phone(360, 780).await;
    // Three users who think for ten minutes: only the learner's clicks act.
    open(&c, &site, "#/sessions?users=3&think-ms=600000&service-ms=0&speed=1").await;
    assert_eq!(count(&c, "[data-server]").await, 3, "three server cards");
    for answered in 1..=3 {
        click(&c, if answered < 3 { "[data-action=\"add-item\"]" } else { "[data-action=\"view-cart\"]" })
            .await;
        wait_for(&c, "the request to be answered", WAIT, || async {
            metric_f64(&c, "requests").await >= f64::from(answered)
                && count(&c, "[data-testid=\"last-answer\"]").await == 1
        })
        .await;
        wait_for(&c, "its answer", WAIT, || async {
            text(&c, ".event-log").await.matches("U0 ").count() >= answered as usize
        })
        .await;
    }
    // Round robin: S0, then S1 (no session: logged in again), then S2.
    let last = text(&c, "[data-testid=\"last-answer\"]").await;
    assert!(last.contains("S2") && last.contains("logged in again") && last.contains("missing"), "{last}");
    let copies = text(&c, "[data-testid=\"copies\"]").await;
    assert!(copies.contains("S0: 1") && copies.contains("S1: 1") && copies.contains("S2: 0"), "{copies}");
    assert!(metric_f64(&c, "stale_carts").await >= 1.0);
    // Crash S0 from its card: its session and its cart with an item are gone.
    click(&c, "[data-server=\"0\"] [data-action=\"crash\"]").await;
    wait_for(&c, "S0 to crash", WAIT, || async { metric_f64(&c, "carts_lost").await >= 1.0 }).await;
    assert!(text(&c, ".event-log").await.contains("S0 crashed"));
    // In a store the cart is the same on every server.
    open(&c, &site, "#/sessions?users=3&think-ms=600000&service-ms=0&state=store&speed=1").await;
    for (action, answered) in [("[data-action=\"add-item\"]", 1), ("[data-action=\"view-cart\"]", 2)] {
        click(&c, action).await;
        wait_for(&c, "the answer", WAIT, || async {
            text(&c, ".event-log").await.matches("U0 ").count() >= answered
        })
        .await;
    }
    let last = text(&c, "[data-testid=\"last-answer\"]").await;
    assert!(last.starts_with("Last answer: 1 items from S1"), "{last}");
    assert_eq!(metric_f64(&c, "stale_carts").await, 0.0);
    assert_eq!(sideways_scroll(&c).await, Some(0), "no sideways scroll");
    assert!(console_errors(&c).await.is_empty(), "{:?}", console_errors(&c).await);
    screenshot(&c, "sessions-360").await;
    finish(c).await;
}

#[tokio::test(flavor = "current_thread")]
async fn queues_make_o3_twice_and_a_lease_brings_a_crashed_consumers_message_back_at_360_pixels() {
    let site = Site::serve(dist_dir());
    let driver = Driver::start();
    let c = driver.phone(360, 780).await;
    // The seed's story, ten times faster: orders 0.2 s apart, 2 s a pizza,
    // PS3 down at 1.2 s, the notifier every 1.5 s.
    open(&c, &site, "#/queues?order-gap-ms=200&make-ms=2000&fail-at-ms=1200&notifier-ms=1500&speed=1").await;
    assert_eq!(count(&c, "[data-worker]").await, 4, "four shop cards");
    assert_eq!(count(&c, "[data-order]").await, 6, "six orders in the table");
    wait_for(&c, "every pizza", WAIT, || async { metric_f64(&c, "pizzas").await >= 7.0 }).await;
    let o3 = "return document.querySelector('[data-order=\"3\"] [data-pizzas]').dataset.pizzas";
    assert_eq!(c.execute(o3, vec![]).await.unwrap().as_str(), Some("2"), "O3 was made twice");
    assert_eq!(metric_f64(&c, "duplicates_processed").await, 1.0);
    let log = text(&c, ".event-log").await;
    assert!(log.contains("PS3 missed its heartbeat") && log.contains("O2 and O6"), "{log}");
    assert_eq!(sideways_scroll(&c).await, Some(0), "no sideways scroll");
    c.execute("document.querySelector('.q-stage').scrollIntoView()", vec![]).await.unwrap();
    screenshot(&c, "queues-pizza-360").await;
    // The queue: crash a consumer while it works; its lease runs out and the
    // message comes back to another. A poison message ends dead-lettered.
    open(&c, &site, "#/queues?scenario=queue&rate=30&service-ms=200&service-dist=const&visibility-timeout-ms=800&max-attempts=2&backoff-ms=50&speed=1").await;
    assert_eq!(count(&c, "[data-worker]").await, 3, "three consumer cards");
    // The cards are redrawn at most 20 times a second while time runs, so a
    // card can still say "working on M0" after M0 is done. Paused, they show
    // the run's own time: pause, look, and crash C0 only if it is working.
    wait_for(&c, "C0 to work, then crash it", WAIT, || async {
        click(&c, PLAY).await;
        assert_eq!(playing(&c).await.as_deref(), Some("false"), "paused");
        let working = text(&c, "[data-worker=\"0\"] [data-testid=\"doing\"]").await.contains("M");
        if working {
            click(&c, "[data-worker=\"0\"] [data-action=\"crash\"]").await;
            click(&c, "[data-action=\"poison\"]").await;
        }
        click(&c, PLAY).await;
        working
    })
    .await;
    wait_for(&c, "the lease to run out", WAIT, || async { metric_f64(&c, "redelivered").await >= 1.0 }).await;
    wait_for(&c, "the poison message's dead letter", WAIT, || async {
        metric_f64(&c, "dead_lettered").await >= 1.0
    })
    .await;
    let log = text(&c, ".event-log").await;
    assert!(log.contains("C0 crashed while working on M") && log.contains("lease ran out"), "{log}");
    assert!(log.contains("dead-letter queue"), "{log}");
    assert!(count(&c, ".q-msg").await >= 1, "the queue is drawn");
    assert_eq!(sideways_scroll(&c).await, Some(0), "no sideways scroll");
    assert!(console_errors(&c).await.is_empty(), "{:?}", console_errors(&c).await);
    screenshot(&c, "queues-queue-360").await;
    finish(c).await;
    // Compared side by side at desktop width: on a ring (B) O3 is made once.
    let c = driver.browser(1280, 1000).await;
    open(&c, &site, "#/queues?order-gap-ms=200&make-ms=2000&fail-at-ms=1200&notifier-ms=1500&speed=1&vs=redistribute=ring").await;
    wait_for(&c, "every pizza", WAIT, || async { metric_f64(&c, "pizzas").await >= 7.0 }).await;
    wait_for(&c, "B's pizzas", WAIT, || async {
        text(&c, "[data-run=\"1\"] .q-orders").await.matches("done").count() >= 6
    })
    .await;
    let pizzas = |run: u8| {
        format!(
            "return document.querySelector('[data-run=\"{run}\"] [data-order=\"3\"] [data-pizzas]').dataset.pizzas"
        )
    };
    assert_eq!(c.execute(&pizzas(0), vec![]).await.unwrap().as_str(), Some("2"));
    assert_eq!(c.execute(&pizzas(1), vec![]).await.unwrap().as_str(), Some("1"), "on a ring O3 is made once");
    screenshot(&c, "queues-compare-1280").await;
    finish(c).await;
}

/// "Run 20 seeds": the page runs the same settings over seeds 1 to 20 in
/// slices while it stays responsive, and its mean of each number is the
/// mean of the 20 runs natively.
#[tokio::test(flavor = "current_thread")]
async fn twenty_seeds_give_the_native_runs_mean() {
    let (site, _driver, c) = setup(1280, 1000).await;
    open(&c, &site, "#/load-balancing?duration-ms=2000&speed=100").await;
    wait_for(&c, "the run to end", WAIT, || async { count(&c, "[data-testid=\"finished\"]").await == 1 })
        .await;
    click(&c, "[data-action=\"run-seeds\"]").await;
    wait_for(&c, "20 seeds", WAIT, || async { count(&c, "[data-seeds-done=\"20\"]").await == 1 }).await;
    let cell = c.find(Locator::Css("[data-seeds-metric=\"completed\"]")).await.unwrap();
    let page_mean: f64 = cell.attr("data-mean").await.unwrap().unwrap().parse().unwrap();
    let native: Vec<f64> = (1..=20u64)
        .map(|seed| {
            let seed = seed.to_string();
            let mut s =
                Session::<LoadBalancing>::from_params([("duration-ms", "2000"), ("seed", seed.as_str())])
                    .session;
            s.run_to_end(SimDuration::ZERO);
            s.lab().metrics().completed as f64
        })
        .collect();
    let mean = native.iter().sum::<f64>() / 20.0;
    assert!((page_mean - mean).abs() < 1e-9, "page {page_mean}, native {mean}");
    assert!(text(&c, ".seeds").await.contains("Over 20 seeds (1 to 20)"));
    assert!(console_errors(&c).await.is_empty(), "{:?}", console_errors(&c).await);
    c.execute("document.querySelector('.seeds').scrollIntoView()", vec![]).await.unwrap();
    screenshot(&c, "seeds-1280").await;
    finish(c).await;
}

/// Every lab in core's registry, without naming it: the page loads with no
/// console error, its link reproduces the native run number for number, and
/// the lab's example commands (`LabCommand::EXAMPLE_LOG`) change its numbers.
#[tokio::test(flavor = "current_thread")]
async fn every_lab_loads_reproduces_its_link_and_a_command_changes_its_numbers() {
    use scalelab_core::input::Choice;
    use scalelab_core::lab::{LabCommand, LabId};
    use scalelab_core::labs::Visitor;

    /// The native run's metrics for `params`, as JSON, and the example log.
    struct Native(String);
    impl Visitor for Native {
        type Output = (Value, &'static str);
        fn lab<L: Lab>(self) -> Self::Output {
            let pairs: Vec<(&str, &str)> = self.0.split('&').filter_map(|kv| kv.split_once('=')).collect();
            let parsed = Session::<L>::from_params(pairs);
            assert!(parsed.errors.is_empty(), "{}: {:?}", self.0, parsed.errors);
            let mut s = parsed.session;
            s.run_to_end(SimDuration::ZERO);
            (serde_json::to_value(s.lab().metrics()).unwrap(), <L::Command as LabCommand>::EXAMPLE_LOG)
        }
    }

    let (site, _driver, c) = setup(1400, 1000).await;
    for &id in LabId::ALL {
        let name = id.name();
        let plain = "seed=7&duration-ms=4500".to_owned();
        let (without, log) = id.visit(Native(plain.clone()));
        let logged = format!("{plain}&log={log}");
        let (with, _) = id.visit(Native(logged.clone()));
        assert_ne!(without, with, "{name}: the commands {log} change none of its numbers");
        for (params, expected) in [(&plain, &without), (&logged, &with)] {
            open(&c, &site, &format!("#/{name}?{params}&speed=30")).await;
            wait_for(&c, &format!("{name} to stop at duration-ms"), WAIT, || async {
                count(&c, "[data-testid=\"finished\"]").await >= 1
            })
            .await;
            let mut compared = 0;
            for (metric_name, value) in expected.as_object().unwrap() {
                let (Some(want), Some(shown)) = (value.as_f64(), metric(&c, metric_name).await) else {
                    continue;
                };
                let shown: f64 = shown.parse().unwrap_or(f64::NAN);
                assert_eq!(shown, want, "{name}?{params}: {metric_name}, page vs native");
                compared += 1;
            }
            assert!(compared >= 3, "{name}: only {compared} numbers shown to compare");
        }
    }
    finish(c).await;
}
