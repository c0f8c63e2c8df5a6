//! Inputs made from seeds: random bytes, byte-level damage (flips, inserts,
//! deletes, splices, cuts) and structure-aware changes of a JSON seed
//! (wrong types, huge numbers, long strings, markup, deep nesting, many
//! copies), all from one seeded generator, so a run can be repeated.

use serde_json::{Map, Value};

/// SplitMix64: small, fast, and the same sequence for the same seed on
/// every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number below `n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// The largest input made: room for texts over the record limit (512 kB),
/// small enough for many inputs a second.
pub const MAX_INPUT: usize = 1_200_000;

/// Texts that hostile input carries.
const NASTY_TEXTS: &[&str] = &[
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "=HYPERLINK(\"https://example.com\")",
    "\u{202e}gnp.exe",
    "\u{0}",
    "\u{feff}",
    "\u{fffd}",
    "Ǆ\u{301}\u{301}\u{301}",
    "🙂👨‍👩‍👧",
    "عربى",
    "../../etc/passwd",
    "%00%2e%2e",
    "\\u0000",
    "",
    " ",
];

/// Numbers at and over the edges of every integer type the records use.
const NASTY_NUMBERS: &[&str] = &[
    "0",
    "-0",
    "-1",
    "1.5",
    "1e309",
    "-1e309",
    "255",
    "256",
    "65536",
    "4294967295",
    "4294967296",
    "9007199254740993",
    "18446744073709551615",
    "18446744073709551616",
    "-9223372036854775809",
    "123456789012345678901234567890",
    "1e-400",
    "0.0000000000000000000000000001",
];

/// Text a JSON seed's pieces may be spliced with.
const JSON_TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"",
    "\\",
    "null",
    "true",
    "false",
    "{}",
    "[]",
    "\"\"",
    "\"kind\"",
    "\"id\"",
    "\"revision\"",
    "\"deleted\":true",
    "\"schema_version\":99",
    "\"_id\"",
    "\"_rev\"",
    "\"_conflicts\"",
    "\"results\"",
    "\"last_seq\"",
    "\"format\"",
    "\"format_version\"",
    "\"contacts\"",
    "\"surveys\"",
    "\"status\":\"published\"",
    "\"languages\"",
    "\"sections\"",
    "\"questions\"",
    "\"options\"",
    "\"show_if\"",
    "\\ud800",
    "\\udfff",
    "\\u0000",
    "1e999",
    "-",
];

/// Text a link's pieces may be spliced with.
const LINK_TOKENS: &[&str] = &[
    "#",
    "&",
    "=",
    "s=",
    "v=",
    "lang=",
    "loc=",
    "kiosk=1",
    "idle=",
    "act=",
    "d=",
    "to=",
    "&&",
    "==",
    "%",
    "%26",
    "+",
    "/",
    "https://",
    "http://127.0.0.1:5984/",
    "http://localhost/",
    "http://[::1]/",
    "http://example.com/",
    "https://user:pw@host/db",
    "https://host/db?x=1",
    "https://host/db#x",
    "https:///",
    "https://:80/db",
    "0",
    "-1",
    "4294967296",
    "A-_",
];

/// A new input for a target with these `seeds` (JSON or not).
pub fn input(rng: &mut Rng, seeds: &[String], json: bool) -> Vec<u8> {
    if rng.chance(20) {
        return random_bytes(rng);
    }
    let mut data = rng.pick(seeds).as_bytes().to_vec();
    let rounds = 1 + rng.below(4);
    for _ in 0..rounds {
        let changed = match json && rng.chance(2) {
            true => tree_change(rng, &data),
            false => None,
        };
        let changed = changed.unwrap_or_else(|| byte_change(rng, data.clone(), seeds, json));
        if changed.len() <= MAX_INPUT {
            data = changed;
        }
    }
    data
}

fn random_bytes(rng: &mut Rng) -> Vec<u8> {
    let most = if rng.chance(10) { 100_000 } else { 200 };
    let len = rng.below(most);
    let printable = rng.chance(2);
    (0..len)
        .map(|_| {
            let byte = rng.next() as u8;
            if printable {
                32 + byte % 95
            } else {
                byte
            }
        })
        .collect()
}

fn token(rng: &mut Rng, json: bool) -> &'static str {
    if json {
        rng.pick::<&str>(JSON_TOKENS)
    } else {
        rng.pick::<&str>(LINK_TOKENS)
    }
}

/// A long text: one character many times, or a random printable one.
fn long_text(rng: &mut Rng) -> String {
    let len = *rng.pick(&[65, 1_001, 5_001, 70_000, 600_000]);
    let unit = *rng.pick(&["a", "é", "🙂", "\\\"", "A-_"]);
    unit.repeat(len / unit.len().max(1))
}

/// Byte-level damage.
fn byte_change(rng: &mut Rng, mut data: Vec<u8>, seeds: &[String], json: bool) -> Vec<u8> {
    let len = data.len();
    let at = |rng: &mut Rng| rng.below(len + 1);
    match rng.below(9) {
        // Flip a bit.
        0 if len > 0 => {
            let i = rng.below(len);
            data[i] ^= 1 << rng.below(8);
        }
        // Insert random bytes (may break UTF-8).
        1 => {
            let i = at(rng);
            let n = 1 + rng.below(8);
            let bytes: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
            data.splice(i..i, bytes);
        }
        // Delete a range.
        2 if len > 0 => {
            let i = rng.below(len);
            let n = 1 + rng.below((len - i).min(64));
            data.drain(i..i + n);
        }
        // Repeat a range.
        3 if len > 0 => {
            let i = rng.below(len);
            let n = 1 + rng.below((len - i).min(256));
            let piece = data[i..i + n].to_vec();
            let times = *rng.pick(&[2, 10, 1000]);
            let j = at(rng);
            data.splice(j..j, piece.repeat(times));
        }
        // Splice in a piece of another seed.
        4 => {
            let other = rng.pick(seeds).as_bytes();
            if !other.is_empty() {
                let i = rng.below(other.len());
                let n = 1 + rng.below((other.len() - i).min(512));
                let j = at(rng);
                data.splice(j..j, other[i..i + n].iter().copied());
            }
        }
        // Insert a token.
        5 => {
            let j = at(rng);
            let text = token(rng, json);
            data.splice(j..j, text.bytes());
        }
        // Cut off.
        6 if len > 0 => data.truncate(rng.below(len)),
        // Open many brackets (deep nesting as text).
        7 => {
            let j = at(rng);
            let depth = *rng.pick(&[13, 127, 128, 129, 5_000, 100_000]);
            let open = *rng.pick(&["[", "{\"a\":", "[{\"a\":"]);
            data.splice(j..j, open.repeat(depth).into_bytes());
        }
        // A long text or a nasty one.
        _ => {
            let j = at(rng);
            let text = if rng.chance(2) {
                long_text(rng)
            } else {
                rng.pick(NASTY_TEXTS).to_string()
            };
            data.splice(j..j, text.into_bytes());
        }
    }
    data
}

/// Marks the place in a tree whose text is replaced after it is written:
/// nesting this deep cannot go through `Value` (its writer and its drop
/// recurse), nor can numbers that do not fit one.
const RAW: &str = "\u{1}wijkpeil-fuzz-raw\u{1}";

/// A structure-aware change of a JSON seed; `None` when `data` is not JSON.
fn tree_change(rng: &mut Rng, data: &[u8]) -> Option<Vec<u8>> {
    let mut tree: Value = serde_json::from_slice(data).ok()?;
    let nodes = count(&tree);
    let target = rng.below(nodes);
    let mut raw = None;
    let mut seen = 0;
    change_node(rng, &mut tree, target, &mut seen, &mut raw);
    let mut text = tree.to_string();
    if let Some(raw) = raw {
        text = text.replacen(&serde_json::to_string(RAW).ok()?, &raw, 1);
    }
    Some(text.into_bytes())
}

fn count(value: &Value) -> usize {
    1 + match value {
        Value::Array(items) => items.iter().map(count).sum(),
        Value::Object(map) => map.values().map(count).sum(),
        _ => 0,
    }
}

/// Changes node number `target` (in pre-order) of `value`.
fn change_node(
    rng: &mut Rng,
    value: &mut Value,
    target: usize,
    seen: &mut usize,
    raw: &mut Option<String>,
) -> bool {
    if *seen == target {
        replace(rng, value, raw);
        return true;
    }
    *seen += 1;
    match value {
        Value::Array(items) => items
            .iter_mut()
            .any(|item| change_node(rng, item, target, seen, raw)),
        Value::Object(map) => map
            .values_mut()
            .any(|item| change_node(rng, item, target, seen, raw)),
        _ => false,
    }
}

fn replace(rng: &mut Rng, value: &mut Value, raw: &mut Option<String>) {
    match rng.below(12) {
        // Another type.
        0 => {
            *value = match rng.below(6) {
                0 => Value::Null,
                1 => Value::Bool(rng.chance(2)),
                2 => Value::from("x"),
                3 => Value::from(0),
                4 => Value::Array(vec![]),
                _ => Value::Object(Map::new()),
            }
        }
        // A number at an edge (as text: some do not fit a `Value`).
        1 => {
            *raw = Some(rng.pick(NASTY_NUMBERS).to_string());
            *value = Value::from(RAW);
        }
        // A long text.
        2 => *value = Value::from(long_text(rng)),
        // A nasty text, alone or in the old one.
        3 => {
            let nasty = rng.pick(NASTY_TEXTS).to_string();
            *value = match value {
                Value::String(text) if rng.chance(2) => Value::from(format!("{text}{nasty}")),
                _ => Value::from(nasty),
            }
        }
        // Deep nesting.
        4 => {
            let depth = *rng.pick(&[12, 13, 126, 127, 128, 129, 3_000]);
            let (open, close) = match rng.chance(2) {
                true => ("{\"a\":", "}"),
                false => ("[", "]"),
            };
            *raw = Some(format!("{}0{}", open.repeat(depth), close.repeat(depth)));
            *value = Value::from(RAW);
        }
        // Many copies of a list's item, or of the value in a list (no more
        // than fit in an input: copies of a long text would take long to
        // write only to be thrown away).
        5 => {
            let item = match &*value {
                Value::Array(items) if !items.is_empty() => items[rng.below(items.len())].clone(),
                other => other.clone(),
            };
            let fit = MAX_INPUT / item.to_string().len().max(1);
            let times = (*rng.pick(&[2, 31, 101, 501, 5_000])).min(fit).max(1);
            *value = Value::Array(vec![item; times]);
        }
        // Drop a member or an item.
        6 => match value {
            Value::Object(map) if !map.is_empty() => {
                let key = map.keys().nth(rng.below(map.len())).cloned();
                if let Some(key) = key {
                    map.remove(&key);
                }
            }
            Value::Array(items) if !items.is_empty() => {
                items.remove(rng.below(items.len()));
            }
            _ => *value = Value::Null,
        },
        // Add a member with a nasty or long name.
        7 => {
            if let Value::Object(map) = value {
                let key = if rng.chance(2) {
                    long_text(rng)
                } else {
                    rng.pick(NASTY_TEXTS).to_string()
                };
                map.insert(key, Value::from(1));
            } else {
                *value = Value::Object(Map::new());
            }
        }
        // A member this app reads, with a wrong value.
        8 => {
            if let Value::Object(map) = value {
                let key = *rng.pick(&[
                    "kind",
                    "id",
                    "revision",
                    "deleted",
                    "schema_version",
                    "_id",
                    "_rev",
                    "_conflicts",
                    "status",
                    "languages",
                    "version",
                    "device_id",
                    "created_at",
                    "last_seq",
                    "results",
                    "missing",
                    "error",
                    "reason",
                ]);
                let wrong = match rng.below(5) {
                    0 => Value::Null,
                    1 => Value::from(-1),
                    2 => Value::from(rng.pick(NASTY_TEXTS).to_string()),
                    3 => Value::from(long_text(rng)),
                    _ => Value::Array(vec![Value::from(1); 3]),
                };
                map.insert(key.to_owned(), wrong);
            }
        }
        // Numbers one off.
        9 => {
            if let Some(n) = value.as_u64() {
                *value = Value::from(if rng.chance(2) {
                    n.wrapping_add(1)
                } else {
                    n.wrapping_sub(1)
                });
            } else if let Some(n) = value.as_i64() {
                *value = Value::from(n.wrapping_neg());
            }
        }
        // A text cut short.
        10 => {
            if let Value::String(text) = value {
                let keep = rng.below(text.chars().count() + 1);
                *text = text.chars().take(keep).collect();
            }
        }
        // Swap two members' values.
        _ => {
            if let Value::Object(map) = value {
                if map.len() >= 2 {
                    let keys: Vec<String> = map.keys().cloned().collect();
                    let a = rng.below(keys.len());
                    let b = rng.below(keys.len());
                    let va = map[&keys[a]].clone();
                    let vb = map[&keys[b]].clone();
                    map.insert(keys[a].clone(), vb);
                    map.insert(keys[b].clone(), va);
                }
            }
        }
    }
}
