//! Small inline SVG icons, so controls look the same whatever fonts the
//! learner's machine has (symbol glyphs are missing on many). Decorative:
//! every control also has words.

use yew::prelude::*;

/// Which icon.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Icon {
    /// ▶
    Play,
    /// ❚❚
    Pause,
    /// ▶❙
    Step,
    /// ↺
    Reset,
    /// ⏻
    Power,
    /// ⟳
    Restart,
}

/// An icon, 1em square, hidden from screen readers.
pub fn icon(which: Icon) -> Html {
    let body = match which {
        Icon::Play => html! { <path d="M4 2.5v11l9-5.5z" fill="currentColor"/> },
        Icon::Pause => html! { <path d="M4 2.5h3v11H4zM9 2.5h3v11H9z" fill="currentColor"/> },
        Icon::Step => html! { <path d="M3 2.5v11l7.5-5.5zM11 2.5h2.5v11H11z" fill="currentColor"/> },
        Icon::Reset => html! {
            <path d="M3.5 8a4.5 4.5 0 1 0 1.3-3.2M3.5 2.5v2.8h2.8" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round"/>
        },
        Icon::Power => html! {
            <path d="M8 2v5.5M4.6 4.4a5 5 0 1 0 6.8 0" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round"/>
        },
        Icon::Restart => html! {
            <path d="M12.5 8a4.5 4.5 0 1 1-1.3-3.2M12.5 2.5v2.8H9.7" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round"/>
        },
    };
    html! { <svg class="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">{ body }</svg> }
}
