//! The pure domain core: records, taxonomies, validation and migrations.
//!
//! Nothing in here may touch the browser (no UI framework, no web bindings,
//! no browser storage): every rule the app enforces is a plain function that
//! native `cargo test` reaches. Time, randomness and the local time zone come in as
//! arguments.

pub mod activity;
pub mod contact;
pub mod couch;
pub mod entry;
pub mod export;
pub mod import;
pub mod initiative;
pub mod kinds;
pub mod merge;
pub mod migrate;
pub mod privacy;
pub mod qr;
pub mod record;
pub mod settings;
pub mod survey;
pub mod taxonomy;
pub mod timefmt;
pub mod trajectory;
pub mod trajectory_form;
