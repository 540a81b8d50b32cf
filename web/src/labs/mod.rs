//! One page per lab, the host they share, and the web's registry: the one
//! list of lab pages. Adding a lab's page is a module here and its type in
//! [`pages!`]'s call; a test fails when this list and core's
//! [`LabId::ALL`](scalelab_core::lab::LabId) disagree.

pub mod caching;
pub mod hashing;
pub mod host;
pub mod load_balancing;
pub mod page;
pub mod shell;

use crate::i18n::LabWords;
use crate::route::{Lang, Route};
use page::{AnyPage, LabUi, Page};
use scalelab_core::lab::{Lab, LabId};

/// Declares the lab pages: each type implements [`LabUi`].
macro_rules! pages {
    ($($ty:ty),* $(,)?) => {
        /// The labs the web has a page for, in core's order.
        pub const PAGES: &[LabId] = &[$(<$ty as Lab>::ID),*];

        /// Opens the page of lab `id`, if the web has one.
        pub(crate) fn open(id: LabId, route: &Route, lang: Lang) -> Option<Box<dyn AnyPage>> {
            $(
                if id == <$ty as Lab>::ID {
                    return Some(Box::new(Page::<$ty>::open(route, lang)));
                }
            )*
            None
        }

        /// Lab `id`'s title, blurb, labels and worked examples in `lang`.
        pub fn words(id: LabId, lang: Lang) -> Option<&'static LabWords> {
            $(
                if id == <$ty as Lab>::ID {
                    return Some(<$ty as LabUi>::words(lang));
                }
            )*
            None
        }
    };
}

pages! {
    scalelab_core::labs::load_balancing::LoadBalancing,
    scalelab_core::labs::hashing::Hashing,
    scalelab_core::labs::caching::Caching,
}

#[cfg(test)]
mod tests {
    use super::*;
    use scalelab_core::input::Choice;

    #[test]
    fn every_lab_in_cores_registry_has_a_page_and_no_page_is_extra() {
        assert_eq!(
            PAGES,
            LabId::ALL,
            "web/src/labs/mod.rs's pages! and core's registry! list different labs"
        );
        for &id in LabId::ALL {
            assert!(words(id, Lang::En).is_some_and(|w| !w.title.is_empty()), "{id:?}");
        }
    }
}
