//! The one component every lab page is: it turns animation frames, clicks,
//! keys and resizes into calls on the page it holds, and times each frame's
//! simulation and drawing.

use super::Msg;
use super::erased::{AnyPage, open};
use crate::platform;
use crate::route::{Lang, Route};
use gloo_events::{EventListener, EventListenerOptions};
use gloo_render::{AnimationFrame, request_animation_frame};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::KeyboardEvent;
use yew::prelude::*;

/// How often the DOM is refreshed while playing (canvases draw every frame).
const DOM_REFRESH_MS: f64 = 50.0;

/// Props of [`LabPage`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The hash that opened this page (it names the lab).
    pub route: Rc<Route>,
    /// The interface language.
    pub lang: Lang,
}

/// A lab's page: one component for every lab (the route says which).
pub struct LabPage {
    page: Box<dyn AnyPage>,
    raf: Option<AnimationFrame>,
    last_dom_ms: f64,
    /// When the frame being handled began (page clock, ms), until its work —
    /// simulation, drawing and any DOM refresh — is done and recorded.
    frame_began: Option<f64>,
    /// The frame's simulation and drawing time so far (ms).
    frame_sim_ms: f64,
    frame_draw_ms: f64,
    drawn: bool,
    _listeners: Vec<EventListener>,
}

impl LabPage {
    /// Draws the canvases; the first time, marks the page's first drawn frame.
    fn draw(&mut self) {
        let began = platform::now_ms();
        self.page.draw();
        self.frame_draw_ms += platform::now_ms() - began;
        if !self.drawn {
            self.drawn = true;
            platform::mark_first_frame();
        }
    }

    /// Records the work of the frame being handled, if any.
    fn frame_done(&mut self) {
        if let Some(began) = self.frame_began.take() {
            platform::record_frame_work(platform::now_ms() - began, self.frame_sim_ms, self.frame_draw_ms);
        }
    }

    fn request_frame(&mut self, ctx: &Context<Self>) {
        if self.raf.is_none() && self.page.moving() {
            let link = ctx.link().clone();
            self.raf = Some(request_animation_frame(move |ts| link.send_message(Msg::Frame(ts))));
        }
    }

    fn sync_url(&self) {
        platform::replace_hash(&self.page.hash());
    }

    /// Hands a message to the page; keeps the link in step with the run.
    fn handle(&mut self, msg: Msg) -> bool {
        let handled = self.page.handle(msg);
        if handled.url_changed {
            self.sync_url();
        }
        handled.render
    }

    fn measure(&mut self) -> bool {
        let (stage, stage_width) = self.page.stage();
        let width = stage.cast::<web_sys::Element>().map_or(0.0, |el| platform::width_of(&el));
        let changed = width > 0.0 && (width - *stage_width).abs() > 0.5;
        if changed {
            *stage_width = width;
        }
        changed
    }

    fn listeners(ctx: &Context<Self>) -> Vec<EventListener> {
        let mut listeners = Vec::new();
        let Some(w) = web_sys::window() else { return listeners };
        let link = ctx.link().clone();
        listeners.push(EventListener::new(&w, "resize", move |_| link.send_message(Msg::Resize)));
        if let Some(doc) = w.document() {
            let link = ctx.link().clone();
            // Not passive: Space must not also scroll the page.
            let options = EventListenerOptions::enable_prevent_default();
            listeners.push(EventListener::new_with_options(&doc, "keydown", options, move |e| {
                let Some(e) = e.dyn_ref::<KeyboardEvent>() else { return };
                let in_field =
                    e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).is_some_and(|el| {
                        matches!(el.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA" | "BUTTON")
                    });
                if in_field || e.ctrl_key() || e.meta_key() || e.alt_key() {
                    return;
                }
                let key = e.key();
                if matches!(key.as_str(), " " | "." | "+" | "=" | "-") {
                    e.prevent_default();
                    link.send_message(Msg::Key(key));
                }
            }));
        }
        listeners
    }
}

impl Component for LabPage {
    type Message = Msg;
    type Properties = Props;

    fn create(ctx: &Context<Self>) -> Self {
        let mut me = LabPage {
            page: open(&ctx.props().route, ctx.props().lang),
            raf: None,
            last_dom_ms: 0.0,
            frame_began: None,
            frame_sim_ms: 0.0,
            frame_draw_ms: 0.0,
            drawn: false,
            _listeners: Self::listeners(ctx),
        };
        me.request_frame(ctx);
        me
    }

    fn changed(&mut self, ctx: &Context<Self>, _old: &Props) -> bool {
        // A new route mounts a new page (keyed by hash); only the language changes here.
        self.page.set_lang(ctx.props().lang);
        self.sync_url();
        true
    }

    fn update(&mut self, ctx: &Context<Self>, msg: Msg) -> bool {
        let render = match msg {
            Msg::Frame(ts) => {
                let began = platform::now_ms();
                self.frame_began = Some(began);
                self.raf = None;
                self.page.frame(ts);
                self.frame_sim_ms = platform::now_ms() - began;
                self.frame_draw_ms = 0.0;
                let due = ts - self.last_dom_ms >= DOM_REFRESH_MS || !self.page.playing();
                if due {
                    // `rendered` draws, after the DOM is refreshed.
                    self.last_dom_ms = ts;
                } else {
                    self.draw();
                    self.frame_done();
                }
                self.request_frame(ctx);
                due
            }
            Msg::Resize => self.measure(),
            Msg::Key(key) => match key.as_str() {
                " " => return Component::update(self, ctx, Msg::Toggle),
                "." => return Component::update(self, ctx, Msg::Step),
                "+" | "=" | "-" => self.handle(Msg::Key(key)),
                _ => return false,
            },
            msg => {
                let toggled = matches!(msg, Msg::Toggle);
                let render = self.handle(msg);
                if toggled {
                    self.request_frame(ctx);
                }
                render
            }
        };
        if !self.page.playing() {
            if !render {
                self.draw();
            }
            self.request_frame(ctx);
        }
        render
    }

    fn rendered(&mut self, ctx: &Context<Self>, first_render: bool) {
        if first_render {
            self.sync_url();
            if self.measure() {
                ctx.link().send_message(Msg::Resize);
            }
        }
        self.draw();
        self.frame_done();
    }

    fn destroy(&mut self, _ctx: &Context<Self>) {
        self.raf = None;
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        self.page.view(ctx.link())
    }
}
