//! The event log in words: what happened, newest first. It is also the
//! animation's text alternative: a screen reader hears each new line.

use yew::prelude::*;

/// Props of [`EventLog`].
#[derive(Properties, PartialEq)]
pub struct EventLogProps {
    /// Section title.
    pub title: &'static str,
    /// Shown when there is nothing yet.
    pub empty: &'static str,
    /// `(time, text)`, oldest first.
    pub lines: Vec<(String, String)>,
}

/// The list of notable events.
#[function_component(EventLog)]
pub fn event_log(p: &EventLogProps) -> Html {
    html! {
        <section class="event-log" aria-labelledby="log-title">
            <h2 id="log-title">{ p.title }</h2>
            if p.lines.is_empty() {
                <p class="muted">{ p.empty }</p>
            } else {
                <ol aria-live="polite" aria-relevant="additions" reversed=true>
                    { for p.lines.iter().rev().take(60).map(|(t, text)| html! {
                        <li><time>{ t }</time>{ " " }{ text }</li>
                    }) }
                </ol>
            }
        </section>
    }
}
