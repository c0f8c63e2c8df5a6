//! Mounts the resident survey app (`/enquete/`); nothing else.

#[cfg(target_arch = "wasm32")]
fn main() {
    wijkpeil::platform::log_panics();
    leptos::mount::mount_to_body(wijkpeil::resident::SurveyApp);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The Wijkpeil survey runs in the browser: see README.md (scripts/serve).");
}
