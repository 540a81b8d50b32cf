//! Wiring tests in headless Chromium: mount the app in a fresh element, click,
//! read the DOM. They check that buttons reach the simulation and that what it
//! says reaches the page; the simulation itself is tested natively in core.

#![cfg(target_arch = "wasm32")]

use scalelab_web::app::App;
use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement, HtmlInputElement};
use yew::AppHandle;

wasm_bindgen_test_configure!(run_in_browser);

struct Mounted {
    handle: Option<AppHandle<App>>,
    root: Element,
}

impl Mounted {
    /// Mounts the app on `hash` in a new element and lets it render.
    async fn at(hash: &str) -> Mounted {
        let window = web_sys::window().unwrap();
        window.location().set_hash(hash).unwrap();
        let doc = window.document().unwrap();
        let root = doc.create_element("div").unwrap();
        doc.body().unwrap().append_child(&root).unwrap();
        let handle = yew::Renderer::<App>::with_root(root.clone()).render();
        settle().await;
        Mounted { handle: Some(handle), root }
    }

    fn find(&self, css: &str) -> Option<Element> {
        self.root.query_selector(css).unwrap()
    }

    fn count(&self, css: &str) -> u32 {
        self.root.query_selector_all(css).unwrap().length()
    }

    fn text(&self, css: &str) -> String {
        self.find(css).and_then(|e| e.text_content()).unwrap_or_default()
    }

    fn click(&self, css: &str) {
        let el = self.find(css).unwrap_or_else(|| panic!("nothing matches {css}"));
        el.dyn_into::<HtmlElement>().unwrap().click();
    }

    fn attr(&self, css: &str, name: &str) -> Option<String> {
        self.find(css)?.get_attribute(name)
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        if let Some(h) = self.handle.take() {
            h.destroy();
        }
        self.root.remove();
    }
}

/// Lets Yew's scheduler and a few animation frames run.
async fn settle() {
    yew::platform::time::sleep(Duration::from_millis(120)).await;
}

/// In the browser `turn` takes sine and cosine from JavaScript's `Math`.
#[wasm_bindgen_test]
fn a_turn_in_the_browser_matches_rust() {
    for i in 0..=64 {
        let f = f64::from(i) / 64.0;
        let a = f * std::f64::consts::TAU - std::f64::consts::FRAC_PI_2;
        let p = scalelab_web::render::geometry::turn(f);
        assert!((p.x - a.cos()).abs() < 1e-15 && (p.y - a.sin()).abs() < 1e-15, "{f}: {p:?}");
    }
}

#[wasm_bindgen_test]
async fn the_lab_mounts_with_its_servers_and_numbers() {
    let m = Mounted::at("#/load-balancing?speed=10").await;
    assert_eq!(m.count(".card.server"), 4);
    assert!(m.find("[data-metric=\"completed\"]").is_some());
    assert!(m.find("canvas.flights").is_some());
    assert_eq!(m.attr("[data-action=\"play\"]", "aria-pressed").as_deref(), Some("true"), "it autoplays");
}

#[wasm_bindgen_test]
async fn the_kill_button_reaches_the_simulation() {
    let m = Mounted::at("#/load-balancing?speed=10").await;
    assert_eq!(m.attr("[data-server=\"2\"]", "data-status").as_deref(), Some("up"));
    m.click("[data-server=\"2\"] [data-action=\"kill\"]");
    settle().await;
    assert_eq!(m.attr("[data-server=\"2\"]", "data-status").as_deref(), Some("down"));
    assert!(m.text(".event-log").contains("S2 was killed"), "{}", m.text(".event-log"));
    let link: HtmlInputElement = m.find("[data-testid=\"share-link\"]").unwrap().dyn_into().unwrap();
    assert!(link.value().contains(":kill:2"), "{}", link.value());
}

/// A lab's own UI message (selecting a server) and its commands travel boxed
/// through the one page component: both must reach the load-balancing lab.
#[wasm_bindgen_test]
async fn selecting_a_card_aims_the_server_actions_at_it() {
    let m = Mounted::at("#/load-balancing?speed=10").await;
    m.click("[data-server=\"3\"]");
    settle().await;
    let select: web_sys::HtmlSelectElement =
        m.find("[data-action=\"select-server\"]").unwrap().dyn_into().unwrap();
    assert_eq!(select.value(), "3");
    assert!(m.attr("[data-server=\"3\"]", "class").is_some_and(|c| c.contains("selected")));
    m.click("[data-action=\"kill-selected\"]");
    settle().await;
    assert_eq!(m.attr("[data-server=\"3\"]", "data-status").as_deref(), Some("down"));
    assert_eq!(m.attr("[data-server=\"0\"]", "data-status").as_deref(), Some("up"));
}

#[wasm_bindgen_test]
async fn pause_stops_time_and_step_moves_it() {
    let m = Mounted::at("#/load-balancing?speed=1").await;
    m.click("[data-action=\"play\"]");
    settle().await;
    assert_eq!(m.attr("[data-action=\"play\"]", "aria-pressed").as_deref(), Some("false"));
    let t0 = m.attr("[data-metric=\"time_ms\"]", "data-value");
    settle().await;
    assert_eq!(m.attr("[data-metric=\"time_ms\"]", "data-value"), t0, "paused: time stands still");
    m.click("[data-action=\"step\"]");
    settle().await;
    let t1: f64 = m.attr("[data-metric=\"time_ms\"]", "data-value").unwrap().parse().unwrap();
    assert!(t1 > t0.unwrap().parse::<f64>().unwrap(), "a step moves to the next event");
}

#[wasm_bindgen_test]
async fn the_language_button_switches_to_bengali() {
    let m = Mounted::at("#/load-balancing").await;
    m.click("[data-action=\"lang\"]");
    settle().await;
    assert!(m.text("[data-action=\"play\"]").contains("থামান"), "{}", m.text("[data-action=\"play\"]"));
    assert!(web_sys::window().unwrap().location().hash().unwrap().contains("lang=bn"));
}

#[wasm_bindgen_test]
async fn changing_a_setting_restarts_with_it() {
    let m = Mounted::at("#/load-balancing").await;
    let input: HtmlInputElement = m.find("[data-setting=\"servers\"]").unwrap().dyn_into().unwrap();
    input.set_value("6");
    input.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
    settle().await;
    assert_eq!(m.count(".card.server"), 6);
    // The field is re-created with the value the run now has.
    let input: HtmlInputElement = m.find("[data-setting=\"servers\"]").unwrap().dyn_into().unwrap();
    assert_eq!(input.value(), "6");
    input.set_value("many");
    input.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
    settle().await;
    assert_eq!(m.count(".card.server"), 6, "a bad value changes nothing");
    assert!(m.text(".inline-error").contains("1 to 64"), "{}", m.text(".inline-error"));
}

#[wasm_bindgen_test]
async fn a_bad_link_parameter_is_explained() {
    let m = Mounted::at("#/load-balancing?servers=abc").await;
    let text = m.text("[data-testid=\"param-errors\"]");
    assert!(text.contains("servers") && text.contains("1 to 64"), "{text}");
    assert_eq!(m.count(".card.server"), 4);
    m.click("[data-testid=\"param-errors\"] .dismiss");
    settle().await;
    assert_eq!(m.count("[data-testid=\"param-errors\"]"), 0);
}

#[wasm_bindgen_test]
async fn the_hashing_page_adds_and_removes_nodes() {
    let m = Mounted::at("#/hashing").await;
    assert_eq!(m.count("canvas.ring"), 1);
    assert_eq!(m.attr("[data-metric=\"nodes_after\"]", "data-value").as_deref(), Some("3"));
    m.click("[data-action=\"add-node\"]");
    settle().await;
    assert_eq!(m.attr("[data-metric=\"nodes_after\"]", "data-value").as_deref(), Some("4"));
    m.click("[data-action=\"remove-node\"]");
    settle().await;
    assert_eq!(m.attr("[data-metric=\"nodes_after\"]", "data-value").as_deref(), Some("3"));
    assert!(m.text(".event-log").contains("S3 left"), "{}", m.text(".event-log"));
}

#[wasm_bindgen_test]
async fn the_caching_page_steps_through_the_seeds_walk_through() {
    let m = Mounted::at("#/caching").await;
    // One server card with three empty slots.
    assert_eq!(m.count(".cache-card"), 1);
    assert_eq!(m.count(".slot.free"), 3);
    // Step until the first request is answered at the server.
    for _ in 0..6 {
        m.click("[data-action=\"step\"]");
        settle().await;
    }
    assert!(m.text(".event-log").contains("key 1 missed at S0"), "{}", m.text(".event-log"));
    assert_eq!(m.count(".slot[data-key=\"1\"]"), 1);
    m.click("[data-action=\"add-server\"]");
    settle().await;
    assert_eq!(m.count(".cache-card"), 2);
    assert!(m.text(".event-log").contains("S1 joined with an empty cache"), "{}", m.text(".event-log"));
}

#[wasm_bindgen_test]
async fn a_typed_seed_restarts_the_run_with_it_and_a_bad_one_is_refused() {
    let m = Mounted::at("#/load-balancing?speed=10").await;
    let seed: HtmlInputElement = m.find("[data-action=\"seed\"]").unwrap().dyn_into().unwrap();
    seed.set_value("42");
    m.click("form.seed button[type=\"submit\"]");
    settle().await;
    let link: HtmlInputElement = m.find("[data-testid=\"share-link\"]").unwrap().dyn_into().unwrap();
    assert!(link.value().contains("seed=42"), "{}", link.value());
    let seed: HtmlInputElement = m.find("[data-action=\"seed\"]").unwrap().dyn_into().unwrap();
    seed.set_value("-1");
    m.click("form.seed button[type=\"submit\"]");
    settle().await;
    assert!(m.text(".inline-error").contains("seed"), "{}", m.text(".inline-error"));
    assert!(link.value().contains("seed=42"), "the run keeps its seed: {}", link.value());
}

#[wasm_bindgen_test]
async fn a_copy_button_says_copied_until_the_link_changes() {
    let m = Mounted::at("#/load-balancing?speed=10").await;
    let copy_link = ".share button";
    assert!(!m.text(copy_link).contains('✓'), "{}", m.text(copy_link));
    m.click(copy_link);
    settle().await;
    assert!(m.text(copy_link).starts_with('✓'), "{}", m.text(copy_link));
    m.click("[data-server=\"2\"] [data-action=\"kill\"]");
    settle().await;
    assert!(!m.text(copy_link).contains('✓'), "the link changed: {}", m.text(copy_link));
}
