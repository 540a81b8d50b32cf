//! A choice setting as a labelled select with the chosen option's hint
//! under it: routing, cache policy, coalescing... Its `data-action` is the
//! setting's name.

use crate::i18n::Choices;
use scalelab_core::input::Choice;
use yew::prelude::*;

/// The select for `setting`, worded by `choices`, with `current` chosen.
pub fn choice<C: Choice>(
    label: &'static str,
    setting: &'static str,
    choices: &Choices<C>,
    current: C,
    on_change: Callback<Event>,
) -> Html {
    let hint = (choices.0)(current).1;
    html! {
        <>
            <label>
                <span>{ label }</span>
                <select onchange={on_change} data-action={setting}>
                    { for choices.iter().map(|(c, words, _)| html! {
                        <option value={c.name()} selected={c == current}>{ words }</option>
                    }) }
                </select>
            </label>
            <p class="hint">{ hint }</p>
        </>
    }
}
