//! The data worker (`/data_worker_loader.js`): imports off the page's
//! thread; see `wijkpeil::worker`.

#[cfg(all(target_arch = "wasm32", staff_texts))]
fn main() {
    wijkpeil::platform::log_panics();
    wijkpeil::worker::start();
}

#[cfg(not(all(target_arch = "wasm32", staff_texts)))]
fn main() {
    eprintln!("The Wijkpeil data worker runs in the browser, started by the staff apps.");
}
