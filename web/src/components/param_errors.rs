//! The message shown when a link's parameters cannot all be used.

use yew::prelude::*;

/// A dismissable alert listing what was wrong and what is allowed, one line
/// per unusable parameter; nothing when there is none.
pub fn param_errors(title: &str, lines: &[String], on_dismiss: &Callback<()>) -> Html {
    if lines.is_empty() {
        return html! {};
    }
    let dismiss = on_dismiss.reform(|_: MouseEvent| ());
    html! {
        <div class="param-errors" role="alert" data-testid="param-errors">
            <p><strong>{ title }</strong></p>
            <ul>{ for lines.iter().map(|l| html! { <li>{ l }</li> }) }</ul>
            <button class="dismiss" onclick={dismiss} aria-label="×">{ "×" }</button>
        </div>
    }
}
