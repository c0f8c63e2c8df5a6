//! The interface language as a Leptos context (wasm only): the staff's
//! setting in the staff apps, the resident's choice in the survey app. It
//! lives with the texts rather than in `app`, so the survey app reads it
//! without depending on the staff app's root.

use super::{Key, Locale};
use leptos::prelude::*;

/// Translations for the current language; each app provides one at its
/// root and components read it with `expect_context::<I18n>()`.
#[derive(Clone, Copy)]
pub struct I18n(Signal<&'static Locale>);

impl I18n {
    pub fn new(lang: impl Fn() -> &'static Locale + Send + Sync + 'static) -> Self {
        Self(Signal::derive(lang))
    }
    pub fn locale(&self) -> &'static Locale {
        self.0.get()
    }
    pub fn t(&self, key: Key) -> &'static str {
        self.locale().text(key)
    }
    /// The text of `key` for a count of `n` ([`Locale::plural`]).
    pub fn plural(&self, key: Key, n: u32) -> &'static str {
        self.locale().plural(key, n)
    }
    pub fn lang(&self) -> &'static str {
        self.locale().code
    }
}
