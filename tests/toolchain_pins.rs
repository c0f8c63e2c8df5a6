//! Trunk downloads any tool whose version differs from its pin, and only the
//! package registries are reachable: the pins in Trunk.toml must equal what
//! Cargo.lock and package.json install.

use std::fs;

fn read(path: &str) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The value of `key = "…"` in the TOML text.
fn toml_string(text: &str, key: &str) -> String {
    text.lines()
        .map(str::trim)
        .find_map(|line| {
            line.strip_prefix(key)?
                .trim()
                .strip_prefix('=')?
                .trim()
                .strip_prefix('"')?
                .strip_suffix('"')
                .map(str::to_owned)
        })
        .unwrap_or_else(|| panic!("no {key} in Trunk.toml"))
}

fn locked_version(lock: &str, package: &str) -> String {
    let marker = format!("name = \"{package}\"\nversion = \"");
    let start = lock
        .find(&marker)
        .unwrap_or_else(|| panic!("{package} not in Cargo.lock"))
        + marker.len();
    lock[start..]
        .split('"')
        .next()
        .expect("quoted version")
        .to_owned()
}

#[test]
fn trunk_uses_the_wasm_bindgen_that_cargo_lock_pins() {
    let trunk = read("Trunk.toml");
    let lock = read("Cargo.lock");
    assert_eq!(
        toml_string(&trunk, "wasm_bindgen"),
        locked_version(&lock, "wasm-bindgen")
    );
}

#[test]
fn trunk_uses_the_wasm_opt_that_package_json_installs() {
    let trunk = read("Trunk.toml");
    let package: serde_json::Value =
        serde_json::from_str(&read("package.json")).expect("package.json");
    let binaryen = package["devDependencies"]["binaryen"]
        .as_str()
        .expect("binaryen pinned");
    let major = binaryen
        .trim_start_matches(['^', '~', '='])
        .split('.')
        .next()
        .expect("major");
    assert_eq!(toml_string(&trunk, "wasm_opt"), format!("version_{major}"));
}

#[test]
fn trunk_builds_offline() {
    assert_eq!(
        read("Trunk.toml")
            .lines()
            .map(str::trim)
            .filter(|l| *l == "offline = true")
            .count(),
        1
    );
}
