//! The pure domain core: records, taxonomies, validation and migrations.
//!
//! Nothing in here may touch the browser (no UI framework, no web bindings,
//! no browser storage): every rule the app enforces is a plain function that
//! native `cargo test` reaches. Time, randomness and the local time zone come in as
//! arguments. `export_period` is compiled into the coordinator app only
//! (cargo feature `coordinator`; its tests run with `--all-features`), so
//! the volunteer app's wasm stays byte for byte the same.

pub mod activity;
pub mod at_rest;
pub mod base64url;
pub mod contact;
pub mod couch;
pub mod entry;
pub mod export;
#[cfg(feature = "coordinator")]
pub mod export_period;
pub mod hex;
pub mod import;
pub mod initiative;
pub mod kinds;
pub mod lock;
pub mod merge;
pub mod migrate;
pub mod number;
pub mod org_list;
pub mod privacy;
pub mod qr;
pub mod record;
#[cfg(any(feature = "coordinator", feature = "worker"))]
pub mod report;
pub mod retention;
pub mod settings;
pub mod survey;
pub mod taxonomy;
pub mod timefmt;
pub mod trajectory;
pub mod trajectory_form;
