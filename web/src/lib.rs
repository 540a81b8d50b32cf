//! # Scale Lab web
//!
//! The browser shell: a Yew app that draws the core's labs and sends them
//! commands. It never decides anything about a simulation: per animation
//! frame it advances the lab by the frame's time times the speed, reads a
//! snapshot and draws it. Moving requests go on a canvas ([`render`]); nodes,
//! controls, numbers and charts are Yew markup, drawn by plain functions
//! ([`components`]; the app and the lab page are the only components); every
//! word comes from a catalog ([`i18n`]); the URL's hash carries the run
//! ([`route`]).

#![forbid(unsafe_code)]

pub mod app;
pub mod components;
pub mod i18n;
pub mod labs;
pub mod platform;
pub mod render;
pub mod route;

/// Mounts the app on `#app` and removes the loading message.
pub fn start() {
    yew::set_custom_panic_hook(Box::new(|info| {
        let message = format!("Scale Lab panicked: {info}");
        web_sys::console::error_1(&message.into());
        show_crash_notice();
    }));
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    if let Some(loading) = doc.get_element_by_id("loading") {
        loading.remove();
    }
    let root = doc.get_element_by_id("app").or_else(|| doc.body().map(Into::into));
    if let Some(root) = root {
        yew::Renderer::<app::App>::with_root(root).render();
    }
}

/// Replaces a blank page with words if the app itself fails.
fn show_crash_notice() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let Ok(note) = doc.create_element("div") else { return };
    note.set_class_name("crash-notice");
    let _ = note.set_attribute("role", "alert");
    let lang = route::ShellOptions::from_route(&route::Route::parse(&platform::current_hash())).0.lang;
    note.set_text_content(Some(i18n::shell(lang).crashed));
    if let Some(body) = doc.body() {
        let _ = body.append_child(&note);
    }
}
