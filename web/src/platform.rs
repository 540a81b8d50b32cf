//! The few things the shell asks of the browser: the URL, the user's motion
//! preference, the document's language. Every call degrades to a harmless
//! default outside a browser (native tests) or if the browser says no.

use wasm_bindgen::{JsCast, JsValue};

/// The browser's window; none in native tests (where `web_sys` would panic
/// rather than answer).
fn window() -> Option<web_sys::Window> {
    if cfg!(target_arch = "wasm32") { web_sys::window() } else { None }
}

/// The location's hash, with its `#`.
pub fn current_hash() -> String {
    window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

thread_local! {
    /// The hash the page last wrote itself.
    static WRITTEN: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// Replaces the hash without a new history entry and without a
/// `hashchange` event (the page already shows what the hash says).
pub fn replace_hash(hash: &str) {
    WRITTEN.with(|w| hash.clone_into(&mut w.borrow_mut()));
    if let Some(history) = window().and_then(|w| w.history().ok()) {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(hash));
    }
}

/// Whether the current hash is the one the page last wrote: a `hashchange`
/// that arrives after the page rewrote the hash (an earlier navigation's
/// event, delivered late) is not news.
pub fn hash_is_our_own() -> bool {
    let now = current_hash();
    WRITTEN.with(|w| *w.borrow() == now)
}

/// This page's address with `hash` in place of the current one.
pub fn url_with_hash(hash: &str) -> String {
    let Some(loc) = window().map(|w| w.location()) else { return hash.to_owned() };
    let origin = loc.origin().unwrap_or_default();
    let path = loc.pathname().unwrap_or_default();
    format!("{origin}{path}{hash}")
}

/// Whether the user asked for less motion.
pub fn prefers_reduced_motion() -> bool {
    window()
        .and_then(|w| w.match_media("(prefers-reduced-motion: reduce)").ok().flatten())
        .is_some_and(|m| m.matches())
}

/// Sets `<html lang>` and the document title.
pub fn set_document(lang: &str, title: &str) {
    if let Some(doc) = window().and_then(|w| w.document()) {
        if let Some(html) = doc.document_element() {
            let _ = html.set_attribute("lang", lang);
        }
        doc.set_title(title);
    }
}

/// The width of an element in CSS pixels (0 if it is not laid out).
pub fn width_of(el: &web_sys::Element) -> f64 {
    el.get_bounding_client_rect().width()
}

/// The page's clock, in ms since navigation (`performance.now()`); 0 outside
/// a browser. Only for measuring the page itself: the simulation never
/// reads it.
pub fn now_ms() -> f64 {
    window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// The name of the mark set when a lab first draws (`cargo xtask bench` reads
/// it as the time from navigation to the first drawn frame).
pub const FIRST_FRAME_MARK: &str = "scalelab:first-frame";

/// The global array per-frame work is appended to, when a benchmark has put
/// one there; a learner's page records nothing.
pub const FRAME_WORK_ARRAY: &str = "__scalelabFrameWork";

/// Marks the first drawn frame in the browser's performance timeline.
pub fn mark_first_frame() {
    if let Some(p) = window().and_then(|w| w.performance()) {
        let _ = p.mark(FIRST_FRAME_MARK);
    }
}

/// Appends one frame's work to `window.__scalelabFrameWork` if that is an
/// array, as `[total, simulation, drawing]` in ms (the rest of the total is
/// refreshing the DOM).
pub fn record_frame_work(total_ms: f64, sim_ms: f64, draw_ms: f64) {
    let Some(w) = window() else { return };
    let Ok(list) = js_sys::Reflect::get(&w, &JsValue::from_str(FRAME_WORK_ARRAY)) else { return };
    if let Some(list) = list.dyn_ref::<js_sys::Array>() {
        list.push(&js_sys::Array::of3(&total_ms.into(), &sim_ms.into(), &draw_ms.into()));
    }
}
