//! The few things the shell asks of the browser: the URL, the user's motion
//! preference, the document's language. Every call degrades to a harmless
//! default outside a browser (native tests) or if the browser says no.

use wasm_bindgen::JsValue;

fn window() -> Option<web_sys::Window> {
    web_sys::window()
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
