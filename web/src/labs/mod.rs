//! One page per lab, the host they share, and the web's registry: the one
//! list of lab pages. Adding a lab's page is a module here and its type in
//! [`pages!`]'s call; a test fails when this list and core's
//! [`LabId::ALL`](scalelab_core::lab::LabId) disagree.

pub mod caching;
pub mod hashing;
pub mod host;
pub mod load_balancing;
pub mod page;
pub mod queues;
pub mod replication;
pub mod sessions;
pub mod shell;

use crate::i18n::LabWords;
use crate::route::{Lang, Route};
use page::{AnyPage, LabUi, Page};
use scalelab_core::lab::{Lab, LabId};

/// Declares the lab pages: each type implements [`LabUi`], behind the cargo
/// feature of its name (all on by default; see web/Cargo.toml).
macro_rules! pages {
    ($($feature:literal => $ty:ty),* $(,)?) => {
        /// The labs the web has a page for, in core's order.
        pub const PAGES: &[LabId] = &[$(#[cfg(feature = $feature)] <$ty as Lab>::ID),*];

        /// Opens the page of lab `id`, if the web has one.
        pub(crate) fn open(id: LabId, route: &Route, lang: Lang) -> Option<Box<dyn AnyPage>> {
            $(
                #[cfg(feature = $feature)]
                if id == <$ty as Lab>::ID {
                    return Some(Box::new(Page::<$ty>::open(route, lang)));
                }
            )*
            let _ = (id, route, lang);
            None
        }

        /// Calls `v.page::<L>()` for every lab page `L`, in core's order.
        pub fn visit_pages(v: &mut impl PageVisitor) {
            $(#[cfg(feature = $feature)] v.page::<$ty>();)*
            let _ = v;
        }

        /// Lab `id`'s title, blurb, labels and worked examples in `lang`.
        pub fn words(id: LabId, lang: Lang) -> Option<&'static LabWords> {
            $(
                #[cfg(feature = $feature)]
                if id == <$ty as Lab>::ID {
                    return Some(<$ty as LabUi>::words(lang));
                }
            )*
            let _ = (id, lang);
            None
        }
    };
}

/// Something done for every lab page, generically: the web's tests run
/// through this so a new page gets them without being named.
pub trait PageVisitor {
    /// Does it for the page of lab `L`.
    fn page<L: LabUi>(&mut self);
}

pages! {
    "load-balancing" => scalelab_core::labs::load_balancing::LoadBalancing,
    "hashing" => scalelab_core::labs::hashing::Hashing,
    "caching" => scalelab_core::labs::caching::Caching,
    "replication" => scalelab_core::labs::replication::Replication,
    "sessions" => scalelab_core::labs::sessions::Sessions,
    "queues" => scalelab_core::labs::queues::Queues,
}

#[cfg(test)]
mod tests {
    use super::*;
    use scalelab_core::input::Choice;
    use scalelab_core::lab::Settings;

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
        struct Ids(Vec<LabId>);
        impl PageVisitor for Ids {
            fn page<L: LabUi>(&mut self) {
                self.0.push(L::ID);
            }
        }
        let mut ids = Ids(Vec::new());
        visit_pages(&mut ids);
        assert_eq!(ids.0, LabId::ALL);
    }

    /// Each page is the cargo feature of its lab's name, and the default
    /// features are every lab, in core's order: `cargo xtask bench` reads
    /// that list to build the site with each lab left out.
    #[test]
    fn every_lab_is_a_default_feature_of_its_name() {
        let toml = include_str!("../../Cargo.toml");
        let default =
            toml.lines().find_map(|l| l.strip_prefix("default = [")).expect("a default feature list");
        let features: Vec<&str> =
            default.trim_end_matches(']').split(',').map(|f| f.trim().trim_matches('"')).collect();
        let names: Vec<&str> = LabId::ALL.iter().map(|id| id.name()).collect();
        assert_eq!(features, names, "web/Cargo.toml's default features and core's registry differ");
        for name in names {
            assert!(toml.contains(&format!("\n{name} = []")), "web/Cargo.toml declares no feature {name}");
        }
    }

    /// Every lab's words in both languages: a label for each setting and
    /// each metric the lab reports, no label for a name that is neither, the
    /// same worked examples in the same order, and no empty text.
    struct WordsCover;

    impl PageVisitor for WordsCover {
        fn page<L: LabUi>(&mut self) {
            let lab = L::new(L::Config::default(), 1).expect("the default config is valid");
            let column = crate::components::metrics_panel::Column::of(String::new(), &lab.metrics());
            assert!(!column.metrics.is_empty(), "{}: no metrics", L::ID.name());
            let metrics: Vec<&str> = column.metrics.iter().map(|(n, _)| *n).collect();
            let settings = L::Config::names();
            let en = L::words(Lang::En);
            for lang in [Lang::En, Lang::Bn] {
                let w = L::words(lang);
                let lab = L::ID.name();
                for name in &metrics {
                    assert!(
                        w.metrics.iter().any(|(n, _)| n == name),
                        "{lab}, {lang:?}: no label for metric {name}"
                    );
                }
                for name in &settings {
                    assert!(
                        w.settings.iter().any(|(n, _)| n == name),
                        "{lab}, {lang:?}: no label for setting {name}"
                    );
                }
                for (name, _) in w.metrics {
                    assert!(
                        metrics.contains(name),
                        "{lab}, {lang:?}: a label for {name}, which is no metric"
                    );
                }
                for (name, _) in w.settings {
                    assert!(
                        settings.contains(name),
                        "{lab}, {lang:?}: a label for {name}, which is no setting"
                    );
                }
                let links: Vec<&str> = w.presets.iter().map(|p| p.link).collect();
                let en_links: Vec<&str> = en.presets.iter().map(|p| p.link).collect();
                assert_eq!(links, en_links, "{lab}, {lang:?}: not the same worked examples as in English");
                let texts = [w.title, w.blurb, w.nothing_yet].into_iter();
                let labels = w.settings.iter().chain(w.metrics).map(|(_, l)| *l);
                let notes = w.presets.iter().flat_map(|p| [p.title, p.note]);
                for text in texts.chain(labels).chain(notes) {
                    assert!(!text.trim().is_empty(), "{lab}, {lang:?}: an empty text");
                }
                if lang == Lang::Bn {
                    assert_ne!(w.blurb, en.blurb, "{lab}: the Bengali blurb is the English one");
                }
            }
        }
    }

    #[test]
    fn every_lab_has_a_label_for_each_setting_and_metric_in_every_language() {
        visit_pages(&mut WordsCover);
    }
}
