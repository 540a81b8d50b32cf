//! The message shown when a link's parameters cannot all be used.

use yew::prelude::*;

/// Props of [`ParamErrors`].
#[derive(Properties, PartialEq)]
pub struct ParamErrorsProps {
    /// The heading.
    pub title: &'static str,
    /// One line per unusable parameter.
    pub lines: Vec<String>,
    /// Hides the message.
    pub on_dismiss: Callback<()>,
}

/// A dismissable alert listing what was wrong and what is allowed.
#[function_component(ParamErrors)]
pub fn param_errors(p: &ParamErrorsProps) -> Html {
    if p.lines.is_empty() {
        return html! {};
    }
    let dismiss = p.on_dismiss.reform(|_: MouseEvent| ());
    html! {
        <div class="param-errors" role="alert" data-testid="param-errors">
            <p><strong>{ p.title }</strong></p>
            <ul>{ for p.lines.iter().map(|l| html! { <li>{ l }</li> }) }</ul>
            <button class="dismiss" onclick={dismiss} aria-label="×">{ "×" }</button>
        </div>
    }
}
