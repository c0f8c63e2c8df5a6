//! Mounts the lock page (`/ontgrendelen/`); nothing else.

#[cfg(target_arch = "wasm32")]
fn main() {
    wijkpeil::platform::log_panics();
    leptos::mount::mount_to_body(wijkpeil::lock::LockApp);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The Wijkpeil lock page runs in the browser: see README.md (scripts/serve).");
}
