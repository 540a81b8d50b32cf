//! The event log in words: what happened, newest first. It is also the
//! animation's text alternative: a screen reader hears each new line.

use yew::prelude::*;

/// The list of notable events: `lines` are `(time, text)`, oldest first;
/// `empty` is shown when there is nothing yet.
pub fn event_log(title: &str, empty: &str, lines: &[(String, String)]) -> Html {
    html! {
        <section class="event-log" aria-labelledby="log-title">
            <h2 id="log-title">{ title }</h2>
            if lines.is_empty() {
                <p class="muted">{ empty }</p>
            } else {
                <ol aria-live="polite" aria-relevant="additions" reversed=true>
                    { for lines.iter().rev().take(60).map(|(t, text)| html! {
                        <li><time>{ t }</time>{ " " }{ text }</li>
                    }) }
                </ol>
            }
        </section>
    }
}
