//! The browser as the app needs it: clock, time zone, randomness, storage
//! persistence, performance marks and the service worker's update signal.
//!
//! The only module besides `storage` that calls web APIs directly; everything
//! here is small and defensive (a missing API yields a default, not a panic).

use crate::domain::survey::{templates, SurveyDefinition};
use crate::service::Env;
use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Timelike, Utc};
use js_sys::{Date, Promise, Reflect};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The real clock and the browser's time zone.
#[derive(Clone, Copy, Default)]
pub struct BrowserEnv;

impl Env for BrowserEnv {
    fn now(&self) -> DateTime<Utc> {
        DateTime::from_timestamp_millis(Date::now() as i64).unwrap_or_default()
    }

    fn random_bytes(&self) -> [u8; 10] {
        let mut bytes = [0u8; 10];
        let filled = web_sys::window()
            .and_then(|w| w.crypto().ok())
            .is_some_and(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok());
        if !filled {
            // No Web Crypto (very old browser): Math.random still makes ids
            // that are unique in practice together with the timestamp.
            for b in &mut bytes {
                *b = (js_sys::Math::random() * 256.0) as u8;
            }
        }
        bytes
    }

    fn to_local(&self, utc: DateTime<Utc>) -> NaiveDateTime {
        let d = Date::new(&JsValue::from_f64(utc.timestamp_millis() as f64));
        NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date())
            .and_then(|day| day.and_hms_opt(d.get_hours(), d.get_minutes(), d.get_seconds()))
            .unwrap_or_else(|| utc.naive_utc())
    }

    fn to_utc(&self, local: NaiveDateTime) -> Option<DateTime<Utc>> {
        let d = Date::new_with_year_month_day_hr_min_sec(
            local.year() as u32,
            local.month0() as i32,
            local.day() as i32,
            local.hour() as i32,
            local.minute() as i32,
            local.second() as i32,
        );
        let millis = d.get_time();
        if millis.is_nan() {
            None
        } else {
            DateTime::from_timestamp_millis(millis as i64)
        }
    }
    fn templates(&self) -> impl std::future::Future<Output = Rc<Vec<SurveyDefinition>>> {
        survey_templates()
    }
}

/// In a debug build (`trunk serve`, the wasm tests), writes a panic's
/// message and place to the browser's console. A release build aborts on a
/// panic with "unreachable" and no message: the hook and the formatting it
/// brings cost 600 to 900 B of gzip in each app's first load, more than the
/// volunteer app has left under its budget (docs/PERFORMANCE.md).
pub fn log_panics() {
    #[cfg(debug_assertions)]
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&wasm_bindgen::JsValue::from_str(&info.to_string()));
    }));
}

/// A new device id: "tablet-" and eight random hex digits.
pub fn new_device_id() -> String {
    let bytes = BrowserEnv.random_bytes();
    let mut id = String::from("apparaat-");
    for b in &bytes[..4] {
        id.push_str(&format!("{b:02x}"));
    }
    id
}

fn storage_manager() -> Option<web_sys::StorageManager> {
    web_sys::window().map(|w| w.navigator().storage())
}

async fn call_bool(method: &str) -> Option<bool> {
    let manager = storage_manager()?;
    let function: js_sys::Function = Reflect::get(&manager, &JsValue::from_str(method))
        .ok()?
        .dyn_into()
        .ok()?;
    let promise: Promise = function.call0(&manager).ok()?.dyn_into().ok()?;
    JsFuture::from(promise).await.ok()?.as_bool()
}

/// Asks the browser not to evict our data under storage pressure.
pub async fn request_persistence() -> Option<bool> {
    call_bool("persist").await
}

pub async fn is_persisted() -> Option<bool> {
    call_bool("persisted").await
}

/// Bytes used and available to this origin, as the browser estimates them.
pub async fn storage_estimate() -> Option<(f64, f64)> {
    let promise = storage_manager()?.estimate().ok()?;
    let estimate = JsFuture::from(promise).await.ok()?;
    let get = |key: &str| {
        Reflect::get(&estimate, &JsValue::from_str(key))
            .ok()
            .and_then(|v| v.as_f64())
    };
    Some((get("usage")?, get("quota")?))
}

/// A performance mark; the benchmark reads "save" measures.
pub fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
}

pub fn measure(name: &str, start_mark: &str, end_mark: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.measure_with_start_mark_and_end_mark(name, start_mark, end_mark);
    }
}

/// Event the service-worker script fires when a new version is waiting.
pub const UPDATE_READY_EVENT: &str = "wijkpeil:update-ready";
/// Event that tells the service-worker script to activate it and reload.
const APPLY_UPDATE_EVENT: &str = "wijkpeil:apply-update";

/// True when the update was announced before the app mounted.
pub fn update_already_waiting() -> bool {
    web_sys::window()
        .and_then(|w| Reflect::get(&w, &JsValue::from_str("wijkpeilUpdateReady")).ok())
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

pub fn apply_update() {
    if let (Some(window), Ok(event)) = (web_sys::window(), web_sys::Event::new(APPLY_UPDATE_EVENT))
    {
        let _ = window.dispatch_event(&event);
    }
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// Asks the survey's service worker to deliver the answers waiting on
    /// this phone to the drop-off database at `to` (public/sw-register.js,
    /// public/sw.js), which keeps the address for its later tries; with an
    /// empty `to`, asks nothing. Resolves after the worker's next try
    /// (whichever asked for it) with the number of answers still waiting
    /// here; rejected without a service worker.
    #[wasm_bindgen(js_name = wijkpeilDeliver)]
    pub fn deliver(to: &str) -> Promise;
}

/// Asks a yes/no question with the browser's own dialog (modal, focused,
/// read out by screen readers). False when the browser cannot ask.
pub fn confirm(question: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.confirm_with_message(question).ok())
        .unwrap_or(false)
}

/// Unfolds the `<details>` with id `id` (a section with a field in error).
#[cfg(feature = "area-trajectories")]
pub fn open_details(id: &str) {
    if let Some(element) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
    {
        let _ = element.set_attribute("open", "");
    }
}

/// Moves keyboard focus to the element with `id` (after a failed save, to
/// the first field with a problem).
pub fn focus(id: &str) {
    if let Some(element) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}

/// Sets `<html lang dir>` so screen readers use the right voice.
pub fn set_document_language(code: &str, dir: &str) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", code);
        let _ = root.set_attribute("dir", dir);
    }
}

/// The page's title (the browser's tab, and what a screen reader reads first).
#[cfg(feature = "lock")]
pub fn set_title(title: &str) {
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document.set_title(title);
    }
}

/// Hides the page at once (a staff app locking: nothing of it may show
/// while the lock page loads).
pub fn blank_page() {
    if let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    {
        let _ = body.set_attribute("hidden", "");
    }
}

/// Opens the browser's print dialog (print, or save as PDF).
#[cfg(feature = "coordinator")]
pub fn print() {
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}

/// Offers `text` as a file download. False when the browser refused.
pub fn download_text(file_name: &str, text: &str, mime: &str) -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return false;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return false;
    };
    let clicked = document
        .create_element("a")
        .ok()
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        .map(|a| {
            a.set_href(&url);
            a.set_download(file_name);
            a.click();
        })
        .is_some();
    let _ = web_sys::Url::revoke_object_url(&url);
    clicked
}

/// The file chosen in a file input, if any.
pub fn chosen_file(input: &web_sys::HtmlInputElement) -> Option<web_sys::File> {
    input.files()?.get(0)
}

fn speech_synthesis() -> Option<JsValue> {
    let window = web_sys::window()?;
    Reflect::get(&window, &JsValue::from_str("speechSynthesis"))
        .ok()
        .filter(|s| !s.is_undefined() && !s.is_null())
}

/// True when the browser has a voice for `lang` ("nl" matches "nl-NL").
pub fn has_voice_for(lang: &str) -> bool {
    let Some(synthesis) = speech_synthesis() else {
        return false;
    };
    let voices = Reflect::get(&synthesis, &JsValue::from_str("getVoices"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call0(&synthesis).ok())
        .map(|v| js_sys::Array::from(&v))
        .unwrap_or_default();
    voices.iter().any(|voice| {
        Reflect::get(&voice, &JsValue::from_str("lang"))
            .ok()
            .and_then(|l| l.as_string())
            .is_some_and(|l| {
                l == lang
                    || l.starts_with(&format!("{lang}-"))
                    || l.starts_with(&format!("{lang}_"))
            })
    })
}

/// Reads `text` aloud in `lang`, stopping whatever was being read.
pub fn speak(text: &str, lang: &str) {
    let Some(synthesis) = speech_synthesis() else {
        return;
    };
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(constructor) = Reflect::get(&window, &JsValue::from_str("SpeechSynthesisUtterance"))
        .ok()
        .and_then(|c| c.dyn_into::<js_sys::Function>().ok())
    else {
        return;
    };
    let Ok(utterance) =
        Reflect::construct(&constructor, &js_sys::Array::of1(&JsValue::from_str(text)))
    else {
        return;
    };
    let _ = Reflect::set(
        &utterance,
        &JsValue::from_str("lang"),
        &JsValue::from_str(lang),
    );
    for method in ["cancel", "speak"] {
        if let Some(f) = Reflect::get(&synthesis, &JsValue::from_str(method))
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        {
            let _ = if method == "speak" {
                f.call1(&synthesis, &utterance)
            } else {
                f.call0(&synthesis)
            };
        }
    }
}

/// Calls `then` when the browser's list of voices changes (it loads late).
pub fn on_voices_changed(then: impl Fn() + 'static) {
    if let Some(synthesis) =
        speech_synthesis().and_then(|s| s.dyn_into::<web_sys::EventTarget>().ok())
    {
        let callback = wasm_bindgen::closure::Closure::<dyn Fn()>::new(then);
        let _ = synthesis
            .add_event_listener_with_callback("voiceschanged", callback.as_ref().unchecked_ref());
        // Registered once per page (by the survey flow) and needed as long as
        // the page lives.
        callback.forget();
    }
}

/// Opens a URL in place of this page, without a history entry (kiosk start).
pub fn replace_location(url: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.location().replace(url);
    }
}

/// The page's origin, e.g. "https://wijkpeil.example.nl".
pub fn origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

pub fn reload() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}

async fn codec(method: &str, argument: &str) -> Option<String> {
    let window = web_sys::window()?;
    let codec = Reflect::get(&window, &JsValue::from_str("wijkpeilCodec")).ok()?;
    let function: js_sys::Function = Reflect::get(&codec, &JsValue::from_str(method))
        .ok()?
        .dyn_into()
        .ok()?;
    let promise: Promise = function
        .call1(&codec, &JsValue::from_str(argument))
        .ok()?
        .dyn_into()
        .ok()?;
    JsFuture::from(promise).await.ok()?.as_string()
}

/// Deflates and base64url-encodes `text` for a link (public/codec.js).
pub async fn pack(text: &str) -> Option<String> {
    codec("pack", text).await
}

/// The text of a packed link value; `None` when it is damaged, or would
/// unpack past 512 kB (a definition's limit, `DEFINITION_LIMITS`: codec.js
/// stops there, so a small hostile link cannot fill a phone's memory).
pub async fn unpack(packed: &str) -> Option<String> {
    codec("unpack", packed).await
}

/// Seals a response's answers with the organisation's key, in
/// `public/codec.js` (`seal`: WebCrypto from plain JavaScript, so the
/// survey app's wasm stays small): an ephemeral ECDH P-256 key with the
/// organisation's, HKDF-SHA-256 with the ephemeral public key as salt and
/// `sealed::HKDF_INFO` as info, then AES-256-GCM with a random nonce and
/// the envelope as associated data. `domain::survey::sealed` has the
/// format; the data worker opens them (`crate::sealing`), and the browser
/// test proves that the two agree.
#[cfg(feature = "resident")]
pub struct Sealer(pub crate::domain::survey::sealed::AnswerKey);

#[cfg(feature = "resident")]
impl crate::service::answers::AnswerSealer for Sealer {
    async fn seal(
        &self,
        plain: &str,
        associated: &str,
    ) -> Option<crate::domain::survey::sealed::Sealed> {
        // Three texts joined by NUL, which none holds (a key is base64url,
        // the associated data codes, the plain text JSON, which escapes
        // control characters); the reply three base64url texts joined by
        // dots. No serde here: the survey app's wasm has a size budget.
        let request = [self.0.as_str(), associated, plain].join("\0");
        let reply = codec("seal", &request).await?;
        let mut parts = reply.split('.').map(str::to_owned);
        let (Some(epk), Some(iv), Some(data), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return None;
        };
        Some(crate::domain::survey::sealed::Sealed {
            scheme: crate::domain::survey::sealed::SCHEME.to_owned(),
            key: self.0.id(),
            epk,
            iv,
            data,
        })
    }
}

/// The text of an own survey a short link names, at `address` in the
/// drop-off, fetched without a login or cookie and kept in the Cache
/// Storage (public/codec.js), so the link opens offline afterwards; offline,
/// or when the server has none, the copy kept at the last fetch; `None`
/// when neither is there.
pub async fn fetch_public(address: &str) -> Option<String> {
    codec("fetchPublic", address).await
}

/// Kiosk: keeps the page on top of the tab's history, so the Back button
/// cannot lead to earlier (staff) pages. Two entries of this page lie in
/// front of them, and each Back puts one back: a quick double tap on Back
/// lands on this page too, before the first one's listener has run.
/// Returns the listener to remove.
pub fn hold_history() -> Option<leptos::prelude::WindowListenerHandle> {
    let history = web_sys::window()?.history().ok()?;
    let _ = history.push_state(&JsValue::NULL, "");
    let _ = history.push_state(&JsValue::NULL, "");
    Some(leptos::prelude::window_event_listener_untyped(
        "popstate",
        move |_| {
            let _ = history.push_state(&JsValue::NULL, "");
        },
    ))
}

/// An RFC 3339 time as the browser writes a date and time in `lang`.
pub fn local_date_time(rfc3339: &str, lang: &str) -> String {
    let date = js_sys::Date::new(&JsValue::from_str(rfc3339));
    if date.get_time().is_nan() {
        return String::new();
    }
    date.to_locale_string(lang, &JsValue::UNDEFINED).into()
}

thread_local! {
    static TEMPLATES: RefCell<Option<Rc<Vec<SurveyDefinition>>>> = const { RefCell::new(None) };
}

/// The built-in surveys, from the app's `/enquete/survey-templates.json`
/// (`scripts/build` writes it; both service workers keep it, so it reads
/// offline too), once per page or worker. Empty when it cannot be read:
/// then there is no built-in survey on this screen, and the rest works.
async fn survey_templates() -> Rc<Vec<SurveyDefinition>> {
    if let Some(known) = TEMPLATES.with(|t| t.borrow().clone()) {
        return known;
    }
    let read = fetch_text("/enquete/survey-templates.json")
        .await
        .and_then(|text| templates::from_file(&text));
    let all = Rc::new(read.unwrap_or_default());
    if !all.is_empty() {
        TEMPLATES.with(|t| *t.borrow_mut() = Some(all.clone()));
    }
    all
}

/// The text at `address` on this origin, from a page or a worker; `None`
/// on any failure.
async fn fetch_text(address: &str) -> Option<String> {
    let global = js_sys::global();
    let call = |target: &JsValue, name: &str, arg: Option<&JsValue>| -> Option<Promise> {
        let f = Reflect::get(target, &JsValue::from_str(name))
            .ok()?
            .dyn_into::<js_sys::Function>()
            .ok()?;
        let result = match arg {
            Some(arg) => f.call1(target, arg),
            None => f.call0(target),
        };
        result.ok()?.dyn_into::<Promise>().ok()
    };
    let response = JsFuture::from(call(&global, "fetch", Some(&JsValue::from_str(address)))?)
        .await
        .ok()?;
    if !Reflect::get(&response, &JsValue::from_str("ok"))
        .ok()?
        .is_truthy()
    {
        return None;
    }
    JsFuture::from(call(&response, "text", None)?)
        .await
        .ok()?
        .as_string()
}
