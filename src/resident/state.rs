//! What the survey screens share: the contexts the survey app provides at
//! its root (the survey service, the resident's language) and the flow's stage, which the kiosk's timer reads. A module of
//! its own, so the screens depend on it and not on one another or on the
//! root; it must not hold screens.

use crate::platform::BrowserEnv;
use crate::service::surveys::SurveyService;
use crate::storage::indexeddb::IdbStore;
use leptos::prelude::*;
use std::rc::Rc;

pub type AppSurveys = SurveyService<IdbStore, BrowserEnv>;

/// The survey use cases (never the store itself).
#[derive(Clone, Copy)]
pub struct ResidentServices(StoredValue<Rc<AppSurveys>, LocalStorage>);

impl ResidentServices {
    pub fn new(surveys: AppSurveys) -> Self {
        Self(StoredValue::new_local(Rc::new(surveys)))
    }
    pub fn surveys(&self) -> Rc<AppSurveys> {
        self.0.get_value()
    }
}

/// The resident's language: the one chosen on the start screen (or named
/// by the link), else the survey's own first language, else Dutch. Worked
/// out on each read, so nothing writes it while the survey loads (and not
/// a derived `Signal<String>` of its own: that weighed 0.8 kB of wasm).
#[derive(Clone, Copy)]
pub struct ResidentLang {
    chosen: RwSignal<Option<String>>,
    survey: Signal<Option<String>>,
}

impl ResidentLang {
    /// `chosen`: the link's language, if any; `survey`: the language the
    /// survey opens in, once it is loaded.
    pub fn new(chosen: Option<String>, survey: Signal<Option<String>>) -> Self {
        Self {
            chosen: RwSignal::new(chosen),
            survey,
        }
    }
    /// The language shown, tracked.
    pub fn get(&self) -> String {
        self.chosen
            .get()
            .or_else(|| self.survey.get())
            .unwrap_or_else(|| "nl".to_owned())
    }
    pub fn get_untracked(&self) -> String {
        untrack(|| self.get())
    }
    pub fn choose(&self, code: &str) {
        self.chosen.set(Some(code.to_owned()));
    }
}

/// Where the resident is in the survey.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    Start,
    /// Index into the questions shown (conditions applied).
    Question(usize),
    Thanks,
}
