//! The link to this exact run, and the code to embed it.

use crate::i18n::Shell;
use yew::prelude::*;

/// What the share box shows and reports.
pub struct ShareView {
    /// Words.
    pub text: &'static Shell,
    /// The full URL of this run.
    pub url: String,
    /// The page title for the iframe.
    pub title: String,
    /// Which was copied last (0 the link, 1 the embed code), if it still
    /// is what the fields hold.
    pub copied: Option<u8>,
    /// A copy button was pressed (its number).
    pub on_copy: Callback<u8>,
}

fn copy(text: &str) {
    if let Some(w) = web_sys::window() {
        // Resolves or rejects later; the text fields stay selectable either way.
        let _ = w.navigator().clipboard().write_text(text);
    }
}

/// Two read-only fields with copy buttons.
pub fn share(p: ShareView) -> Html {
    let embed_url =
        if p.url.contains('?') { format!("{}&embed=1", p.url) } else { format!("{}?embed=1", p.url) };
    let embed = format!(
        r#"<iframe src="{embed_url}" title="{}" width="100%" height="720" style="border:0" loading="lazy"></iframe>"#,
        p.title
    );
    let button = |which: u8, label: &'static str, text: String| {
        let shown = if p.copied == Some(which) { format!("✓ {}", p.text.copied) } else { label.to_owned() };
        let onclick = p.on_copy.reform(move |_: MouseEvent| {
            copy(&text);
            which
        });
        html! { <button {onclick}>{ shown }</button> }
    };
    let select_all =
        Callback::from(|e: FocusEvent| e.target_unchecked_into::<web_sys::HtmlInputElement>().select());
    html! {
        <div class="share">
            <label>
                { p.text.link_label }
                <input type="text" readonly=true value={p.url.clone()} onfocus={select_all.clone()} data-testid="share-link"/>
            </label>
            { button(0, p.text.copy_link, p.url.clone()) }
            <input class="embed-code" type="text" readonly=true value={embed.clone()} onfocus={select_all} aria-label={p.text.copy_embed}/>
            { button(1, p.text.copy_embed, embed) }
        </div>
    }
}
