//! Mounts the app; nothing else.

#[cfg(target_arch = "wasm32")]
fn main() {
    wijkpeil::platform::log_panics();
    leptos::mount::mount_to_body(wijkpeil::app::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Wijkpeil runs in the browser: see README.md (scripts/serve).");
}
