//! The app: header with the lab picker and language switch, and the page the
//! hash names. A new hash (a link, the back button, the picker) mounts a fresh
//! page; the page itself keeps the hash up to date without triggering that.

use crate::i18n;
use crate::labs::page::LabPage;
use crate::platform;
use crate::route::{Lang, Route, ShellOptions};
use gloo_events::EventListener;
use scalelab_core::input::Choice;
use scalelab_core::lab::LabId;
use std::rc::Rc;
use yew::prelude::*;

/// What the app reacts to.
pub enum Msg {
    /// The hash changed from outside (link, back button, typed URL).
    HashChanged,
    /// The language button.
    ToggleLang,
}

/// The root component.
pub struct App {
    route: Rc<Route>,
    hash: String,
    lang: Lang,
    embed: bool,
    _on_hash: Option<EventListener>,
}

impl App {
    fn read_route(&mut self) {
        self.hash = platform::current_hash();
        let route = Route::parse(&self.hash);
        let (options, _) = ShellOptions::from_route(&route);
        self.lang = options.lang;
        self.embed = options.embed;
        self.route = Rc::new(route);
    }
}

impl Component for App {
    type Message = Msg;
    type Properties = ();

    fn create(ctx: &Context<Self>) -> Self {
        let link = ctx.link().clone();
        let on_hash = web_sys::window()
            .map(|w| EventListener::new(&w, "hashchange", move |_| link.send_message(Msg::HashChanged)));
        let mut app = App {
            route: Rc::default(),
            hash: String::new(),
            lang: Lang::En,
            embed: false,
            _on_hash: on_hash,
        };
        app.read_route();
        app
    }

    fn update(&mut self, _ctx: &Context<Self>, msg: Msg) -> bool {
        match msg {
            Msg::HashChanged => {
                if platform::hash_is_our_own() {
                    return false;
                }
                self.read_route();
            }
            Msg::ToggleLang => {
                self.lang = if self.lang == Lang::En { Lang::Bn } else { Lang::En };
                // Rewrite only the `lang` parameter of whatever the hash says now.
                let mut route = Route::parse(&platform::current_hash());
                route.params.retain(|(k, _)| k != "lang");
                if self.lang != Lang::En {
                    route.params.push(("lang".into(), self.lang.name().into()));
                }
                let params = route.params.iter().map(|(k, v)| (k.as_str(), v.as_str()));
                let hash = match route.lab {
                    Some(lab) => crate::route::build(lab, params),
                    None if self.lang == Lang::En => "#/".to_owned(),
                    None => "#/?lang=bn".to_owned(),
                };
                platform::replace_hash(&hash);
            }
        }
        true
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        let t = i18n::shell(self.lang);
        let lang_suffix =
            if self.lang == Lang::En { String::new() } else { format!("?lang={}", self.lang.name()) };
        let title = match self.route.lab {
            Some(id) => format!("{} · {}", lab_title(self.lang, id), t.app_title),
            None => t.app_title.to_owned(),
        };
        platform::set_document(self.lang.name(), &title);
        let page = match self.route.lab {
            Some(_) => html! {
                <LabPage key={self.hash.clone()} route={self.route.clone()} lang={self.lang}/>
            },
            None => home(self.lang, self.route.unknown.as_deref()),
        };
        html! {
            <div class={classes!("app", self.embed.then_some("embed"))}>
                if !self.embed {
                    <header class="topbar">
                        <a class="brand" href={format!("#/{lang_suffix}")}>{ t.app_title }</a>
                        <nav aria-label={t.labs}>
                            { for LabId::ALL.iter().map(|&id| {
                                let current = self.route.lab == Some(id);
                                html! {
                                    <a href={format!("#/{}{lang_suffix}", id.name())}
                                       aria-current={current.then_some("page")}>{ lab_title(self.lang, id) }</a>
                                }
                            }) }
                        </nav>
                        <button class="lang" onclick={ctx.link().callback(|_| Msg::ToggleLang)}
                            lang={if self.lang == Lang::En { "bn" } else { "en" }} data-action="lang">
                            { t.other_language }
                        </button>
                    </header>
                }
                <main id="main">{ page }</main>
            </div>
        }
    }
}

fn lab_title(lang: Lang, id: LabId) -> &'static str {
    crate::labs::words(id, lang).map_or(id.name(), |w| w.title)
}

fn lab_blurb(lang: Lang, id: LabId) -> &'static str {
    crate::labs::words(id, lang).map_or("", |w| w.blurb)
}

/// The home page: what Scale Lab is and the labs to open.
fn home(lang: Lang, unknown: Option<&str>) -> Html {
    let t = i18n::shell(lang);
    let suffix = if lang == Lang::En { String::new() } else { format!("?lang={}", lang.name()) };
    html! {
        <section class="home">
            <h1>{ t.app_title }</h1>
            <p class="tagline">{ t.tagline }</p>
            if let Some(name) = unknown {
                <p class="param-errors" role="alert">{ i18n::fill(t.unknown_lab, &[&name]) }</p>
            }
            <p>{ t.home_intro }</p>
            <ul class="lab-cards">
                { for LabId::ALL.iter().map(|&id| html! {
                    <li>
                        <a href={format!("#/{}{suffix}", id.name())}>
                            <strong>{ lab_title(lang, id) }</strong>
                            <span>{ lab_blurb(lang, id) }</span>
                        </a>
                    </li>
                }) }
            </ul>
        </section>
    }
}
