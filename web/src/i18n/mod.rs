//! Every word the learner reads, in English and Bengali.
//!
//! Texts are named fields of plain structs filled in once per language: the
//! shell's here (`en.rs`, `bn.rs`), each lab's beside its page
//! (`labs/<lab>/text.rs` declares the fields, `en.rs` and `bn.rs` fill them).
//! A language missing a text does not compile, and a choice or reason without
//! words does not either: they are exhaustive `match`es. Labels per setting
//! and metric are lists by name; a test over the registry names any lab and
//! name without one.

mod bn;
mod en;

use crate::route::Lang;
use scalelab_core::input::{Choice, InputError, Problem, Warning};

/// The shell's words, shared by every lab.
#[derive(Debug)]
pub struct Shell {
    /// The product's name.
    pub app_title: &'static str,
    /// One line under the name.
    pub tagline: &'static str,
    /// The labs menu.
    pub labs: &'static str,
    /// The button that switches language, written in the other language.
    pub other_language: &'static str,
    /// Transport controls.
    pub play: &'static str,
    /// Transport controls.
    pub pause: &'static str,
    /// Transport controls.
    pub step: &'static str,
    /// Transport controls.
    pub speed: &'static str,
    /// Transport controls.
    pub seed: &'static str,
    /// Applies a typed seed.
    pub apply_seed: &'static str,
    /// Restarts with the same settings and no commands.
    pub reset: &'static str,
    /// The simulated clock.
    pub time: &'static str,
    /// The timeline slider.
    pub timeline: &'static str,
    /// Sharing.
    pub copy_link: &'static str,
    /// Sharing.
    pub copy_embed: &'static str,
    /// Sharing.
    pub copied: &'static str,
    /// Sharing: label of the link field.
    pub link_label: &'static str,
    /// Section titles.
    pub numbers: &'static str,
    /// Section titles.
    pub what_happened: &'static str,
    /// Section titles.
    pub settings: &'static str,
    /// Under the settings title.
    pub settings_note: &'static str,
    /// Above a list of unusable link parameters.
    pub bad_params: &'static str,
    /// After each unusable parameter: `{}` is the default used.
    pub using_default: &'static str,
    /// Keyboard help.
    pub keys_help: &'static str,
    /// The button that runs the same settings over 20 seeds.
    pub seeds_button: &'static str,
    /// The spread's title: `{}` seeds, from `{}` to `{}`, at time `{}`.
    pub seeds_title: &'static str,
    /// While they run: seed `{}` of `{}`.
    pub seeds_working: &'static str,
    /// Column headings.
    pub seeds_mean: &'static str,
    /// Column headings.
    pub seeds_range: &'static str,
    /// What the spread is.
    pub seeds_note: &'static str,
    /// Embedded mode's link to the full page.
    pub open_full: &'static str,
    /// Home page intro.
    pub home_intro: &'static str,
    /// `{}` is the unknown lab name.
    pub unknown_lab: &'static str,
    /// `{}` is the stop time.
    pub finished: &'static str,
    /// Chart titles.
    pub chart_latency: &'static str,
    /// Chart titles.
    pub chart_outcomes: &'static str,
    /// Summary line every simulated second with losses: dropped, failed.
    pub last_second: &'static str,
    /// Heading of the worked examples.
    pub try_these: &'static str,
    /// Label of the comparison run.
    pub compare: &'static str,
    /// Turns comparison off.
    pub compare_off: &'static str,
    /// Milliseconds unit.
    pub ms: &'static str,
    /// Seconds unit.
    pub s: &'static str,
    /// Per second unit.
    pub per_s: &'static str,
    /// Shown when the page itself fails.
    pub crashed: &'static str,
}

// The shell's words live in statics for the page's lifetime: two are the
// same words exactly when they are at the same address.
impl PartialEq for Shell {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

/// What every lab page shows in words, whatever the lab.
#[derive(Debug)]
pub struct LabWords {
    /// Lab title.
    pub title: &'static str,
    /// What the lab teaches, one paragraph.
    pub blurb: &'static str,
    /// The event log before anything happened: what to try first.
    pub nothing_yet: &'static str,
    /// Label per setting name.
    pub settings: &'static [(&'static str, &'static str)],
    /// Label per metric name (the CLI's JSON fields).
    pub metrics: &'static [(&'static str, &'static str)],
    /// Worked examples.
    pub presets: &'static [Preset],
}

/// A worked example: a link's parameters, a title and what to notice.
#[derive(Debug, PartialEq)]
pub struct Preset {
    /// The link's parameters; the same in every language.
    pub link: &'static str,
    /// What the example shows.
    pub title: &'static str,
    /// What to notice.
    pub note: &'static str,
}

/// A name and a one-line hint per choice (policy, strategy, routing): an
/// exhaustive `match`, so a new choice has no words until it is given some.
#[derive(Debug)]
pub struct Choices<C: 'static>(pub fn(C) -> (&'static str, &'static str));

impl<C: Choice> Choices<C> {
    /// Each choice with its name and hint.
    pub fn iter(&self) -> impl Iterator<Item = (C, &'static str, &'static str)> + '_ {
        C::ALL.iter().map(|&c| {
            let (name, hint) = (self.0)(c);
            (c, name, hint)
        })
    }

    /// The name of `c`.
    pub fn name(&self, c: C) -> &'static str {
        (self.0)(c).0
    }

    /// Each choice's setting value with its name, for a select.
    pub fn options(&self) -> Vec<(&'static str, &'static str)> {
        self.iter().map(|(c, name, _)| (c.name(), name)).collect()
    }
}

/// A name per choice (layout, distribution, key hash).
#[derive(Debug)]
pub struct Named<C: 'static>(pub fn(C) -> &'static str);

impl<C: Choice> Named<C> {
    /// Each choice with its name.
    pub fn iter(&self) -> impl Iterator<Item = (C, &'static str)> + '_ {
        C::ALL.iter().map(|&c| (c, (self.0)(c)))
    }

    /// Each choice's setting value with its name, for a select.
    pub fn options(&self) -> Vec<(&'static str, &'static str)> {
        self.iter().map(|(c, name)| (c.name(), name)).collect()
    }
}

/// What every lab's `Text` (in `labs/<lab>/text.rs`) needs beside its fields:
/// equality by address (the words live in statics for the page's lifetime,
/// so two are the same words exactly when they are at the same address, which
/// is all a component needs to skip a re-render) and `text(lang)`, which picks
/// the `TEXT` static of the lab's `en.rs` or `bn.rs`.
macro_rules! lab_text {
    ($text:ident) => {
        impl PartialEq for $text {
            fn eq(&self, other: &Self) -> bool {
                std::ptr::eq(self, other)
            }
        }

        /// The words in `lang`.
        pub fn text(lang: crate::route::Lang) -> &'static $text {
            match lang {
                crate::route::Lang::En => &super::en::TEXT,
                crate::route::Lang::Bn => &super::bn::TEXT,
            }
        }
    };
}
pub(crate) use lab_text;

/// The shell's words in `lang`.
pub fn shell(lang: Lang) -> &'static Shell {
    match lang {
        Lang::En => &en::SHELL,
        Lang::Bn => &bn::SHELL,
    }
}

/// Replaces each `{}` in `template` with the next argument.
pub fn fill(template: &str, args: &[&dyn std::fmt::Display]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut args = args.iter();
    let mut rest = template;
    while let Some(i) = rest.find("{}") {
        out.push_str(&rest[..i]);
        match args.next() {
            Some(a) => out.push_str(&a.to_string()),
            None => out.push_str("{}"),
        }
        rest = &rest[i + 2..];
    }
    out.push_str(rest);
    out
}

/// Looks a label up by name; the name itself if there is none.
pub fn label<'a>(pairs: &'a [(&'a str, &'a str)], name: &'a str) -> &'a str {
    pairs.iter().find(|(n, _)| *n == name).map_or(name, |(_, l)| l)
}

/// Settings that make a model degenerate, in words.
pub fn warning(lang: Lang, w: &Warning) -> String {
    match lang {
        Lang::En => en::warning(w),
        Lang::Bn => bn::warning(w),
    }
}

/// An unusable input, in words.
pub fn input_error(lang: Lang, e: &InputError) -> String {
    match lang {
        Lang::En => en::input_error(e),
        Lang::Bn => bn::input_error(e),
    }
}

/// The allowed values of a problem, for messages.
fn allowed(p: &Problem) -> String {
    InputError::new("", "", p.clone()).allowed()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_in_order_and_tolerates_mismatch() {
        assert_eq!(fill("{} of {}", &[&1, &"two"]), "1 of two");
        assert_eq!(fill("{} and {}", &[&1]), "1 and {}");
        assert_eq!(fill("none", &[&1]), "none");
    }

    #[test]
    fn the_shell_has_words_in_both_languages() {
        assert_eq!(shell(Lang::Bn).other_language, "English");
        assert_eq!(shell(Lang::En).other_language, "বাংলা");
        assert_ne!(shell(Lang::En).tagline, shell(Lang::Bn).tagline);
        assert!(std::ptr::eq(shell(Lang::En), shell(Lang::En)));
    }

    #[test]
    fn warnings_have_words_in_both_languages_and_name_the_setting() {
        use scalelab_core::input::Degenerate;
        let warnings = [
            Warning { name: "ring-size", problem: Degenerate::CrowdedRing { points: 1_600, positions: 256 } },
            Warning { name: "key-hash", problem: Degenerate::KeysPileUp { keys: 200_000, positions: 256 } },
        ];
        for w in warnings {
            let (en, bn) = (warning(Lang::En, &w), warning(Lang::Bn, &w));
            for text in [&en, &bn] {
                assert!(text.contains(w.name) && text.contains("256"), "{text}");
            }
            assert_ne!(en, bn);
        }
    }

    #[test]
    fn conflicts_are_worded_in_each_language_with_their_numbers() {
        use scalelab_core::input::{Clash, Unit};
        let clash = Clash::TooBig {
            count: 64,
            things: Unit::Servers,
            each: 8,
            of: Unit::Cores,
            total: 512,
            max: 256,
        };
        let err = InputError::new("capacity", "8", Problem::Conflict(clash));
        let (en, bn) = (input_error(Lang::En, &err), input_error(Lang::Bn, &err));
        assert!(en.contains("64 servers × 8 cores each is 512 cores"), "{en}");
        for n in ["capacity", "64", "512", "256"] {
            assert!(bn.contains(n), "{bn}");
        }
        assert!(bn.contains("কোর") && !bn.contains("cores"), "{bn}");
    }

    #[test]
    fn input_errors_name_the_setting_the_value_and_what_is_allowed_in_both_languages() {
        let err = scalelab_core::input::parse_f64("rate", "abc", 0.0, 10.0).unwrap_err();
        for lang in [Lang::En, Lang::Bn] {
            let text = input_error(lang, &err);
            assert!(text.contains("rate") && text.contains("abc") && text.contains("10"), "{text}");
        }
    }
}
