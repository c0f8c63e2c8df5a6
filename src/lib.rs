//! Wijkpeil: offline-first registration for Dutch neighbourhood support hubs.
//!
//! Module map (see docs/ARCHITECTURE.md):
//! - `domain`: pure records, taxonomies, validation, migrations; no browser.
//! - `storage`: the `RecordStore` trait, its in-memory and IndexedDB
//!   implementations, and the settings in localStorage.
//! - `i18n`: every user-facing text, Dutch first.
//! - `app`, `pages`, `components`: the staff app's Leptos UI (wasm only).
//! - `resident`: the resident survey app at /enquete/ (wasm only, cargo
//!   feature `resident`).
//! - `lock`: the lock page at /ontgrendelen/ (wasm only, cargo feature
//!   `lock`); `passcode` tries and makes the staff codes.
//! - `sealing`: WebCrypto for sealed survey answers (the data worker
//!   opens them, the lock page makes and keeps the key; the survey app
//!   seals through `platform::Sealer`).

pub mod domain;

/// Talc instead of Rust's default dlmalloc: the same `GlobalAlloc` in
/// less code (about 650 B of gzip in each app's first load) and faster.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
pub mod i18n;
pub mod service;
pub mod storage;

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
mod components;
#[cfg(all(target_arch = "wasm32", feature = "lock"))]
pub mod lock;
#[cfg(target_arch = "wasm32")]
mod pages;
#[cfg(all(target_arch = "wasm32", feature = "lock"))]
mod passcode;
#[cfg(target_arch = "wasm32")]
pub mod platform;
#[cfg(all(target_arch = "wasm32", feature = "resident"))]
pub mod resident;
#[cfg(all(target_arch = "wasm32", any(feature = "lock", staff_texts)))]
pub mod sealing;
#[cfg(all(target_arch = "wasm32", staff_texts))]
pub mod worker;
