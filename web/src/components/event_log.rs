//! The event log in words: what happened, newest first. It is also the
//! animation's text alternative: a screen reader hears each new line.

use yew::prelude::*;

/// How many of the newest lines the log shows.
pub const LOG_LINES: usize = 60;

/// One line of the event log.
#[derive(Clone, Debug, PartialEq)]
pub struct LogLine {
    /// The line's number in its run, from 0: it keys the line, so a new line
    /// at the top is one inserted element, not every line's text rewritten.
    /// That matters twice: the browser lays out one line instead of sixty,
    /// and `aria-relevant="additions"` announces the new line, where a
    /// rewritten text would not be announced at all.
    pub number: u64,
    /// When, in words.
    pub time: String,
    /// What happened, in words.
    pub text: String,
}

/// The list of notable events, `lines` oldest first; `empty` is shown when
/// there is nothing yet.
pub fn event_log(title: &str, empty: &str, lines: &[LogLine]) -> Html {
    html! {
        <section class="event-log" aria-labelledby="log-title">
            <h2 id="log-title">{ title }</h2>
            if lines.is_empty() {
                <p class="muted">{ empty }</p>
            } else {
                <ol aria-live="polite" aria-relevant="additions" reversed=true>
                    { for lines.iter().rev().take(LOG_LINES).map(|l| html! {
                        <li key={l.number}><time>{ &l.time }</time>{ " " }{ &l.text }</li>
                    }) }
                </ol>
            }
        </section>
    }
}
