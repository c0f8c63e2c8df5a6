//! The layering of docs/ARCHITECTURE.md, checked on the source text: no
//! module imports another that imports it back (directly or round a longer
//! loop), and the domain core names nothing of the browser or the UI.
//!
//! Modules are files (`src/a/b.rs` and `src/a/b/mod.rs` are `a::b`); an
//! edge is a `use crate::…`, `use super::…` or an inline `crate::…` path
//! that reaches another file. `pub use` re-exports are not edges: they
//! publish a child's item, they do not depend on it for logic.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

type Graph = BTreeMap<String, BTreeSet<String>>;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `src/a/b.rs` → `a::b`; `src/a/mod.rs` → `a`; `src/lib.rs` → ``.
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).ok()?.with_extension("");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.first().is_some_and(|p| p == "bin") {
        return None;
    }
    if parts
        .last()
        .is_some_and(|p| p == "mod" || p == "lib" || p == "main")
    {
        parts.pop();
    }
    Some(parts.join("::"))
}

fn without_comments(text: &str) -> String {
    text.lines()
        .map(|line| match line.find("//") {
            Some(at) => &line[..at],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every path a `use` tree names: `a::{b, c::{d}}` → `a::b`, `a::c::d`.
fn expand(tree: &str) -> Vec<String> {
    let Some(open) = tree.find('{') else {
        return vec![tree.split(" as ").next().unwrap_or(tree).to_owned()];
    };
    let head = &tree[..open];
    let body = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let (mut parts, mut depth, mut current) = (Vec::new(), 0, String::new());
    for c in body.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ => {}
        }
        if c == ',' && depth == 0 {
            parts.push(std::mem::take(&mut current));
        } else {
            current.push(c);
        }
    }
    parts.push(current);
    parts
        .iter()
        .filter(|p| !p.is_empty())
        .flat_map(|p| expand(&format!("{head}{p}")))
        .collect()
}

fn graph() -> Graph {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let modules: BTreeMap<String, PathBuf> = files
        .iter()
        .filter_map(|f| Some((module_of(&src, f)?, f.clone())))
        .collect();
    let resolve = |path: &str| -> Option<String> {
        let parts: Vec<&str> = path.split("::").collect();
        (1..=parts.len())
            .rev()
            .map(|n| parts[..n].join("::"))
            .find(|m| modules.contains_key(m))
    };
    let mut graph = Graph::new();
    for (module, file) in &modules {
        let text = without_comments(&std::fs::read_to_string(file).expect("read"));
        let mut targets = Vec::new();
        for statement in text.split(';') {
            let statement: String = statement.split_whitespace().collect::<Vec<_>>().join(" ");
            let Some(at) = statement.find("use ") else {
                continue;
            };
            let before = &statement[..at];
            if before.trim_end().ends_with("pub") || before.contains("pub(") {
                continue;
            }
            let tree: String = statement[at + 4..].chars().filter(|c| *c != ' ').collect();
            for path in expand(&tree) {
                if let Some(rest) = path.strip_prefix("crate::") {
                    targets.push(rest.to_owned());
                } else if path.starts_with("super::") || path.starts_with("self::") {
                    // In `a/b.rs` and in `a/b/mod.rs` alike, `self` is `a::b`
                    // and `super` is `a`.
                    let mut base: Vec<&str> =
                        module.split("::").filter(|p| !p.is_empty()).collect();
                    let mut rest = path.strip_prefix("self::").unwrap_or(&path);
                    while let Some(r) = rest.strip_prefix("super::") {
                        rest = r;
                        base.pop();
                    }
                    base.push(rest);
                    targets.push(base.join("::"));
                }
            }
        }
        let mut inline = text.as_str();
        while let Some(at) = inline.find("crate::") {
            let rest = &inline[at + 7..];
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':'))
                .unwrap_or(rest.len());
            targets.push(rest[..end].trim_end_matches(':').to_owned());
            inline = &rest[end..];
        }
        let edges = graph.entry(module.clone()).or_default();
        for target in targets {
            if let Some(found) = resolve(&target) {
                let own_parent = module.starts_with(&format!("{found}::")) || found.is_empty();
                if found != *module && !own_parent {
                    edges.insert(found);
                }
            }
        }
    }
    graph
}

/// Strongly connected components with more than one module (Tarjan).
fn cycles(graph: &Graph) -> Vec<Vec<String>> {
    struct State<'a> {
        graph: &'a Graph,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        found: Vec<Vec<String>>,
    }
    fn visit<'a>(s: &mut State<'a>, v: &'a str) {
        let n = s.index.len();
        s.index.insert(v, n);
        s.low.insert(v, n);
        s.stack.push(v);
        for w in s.graph.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !s.index.contains_key(w) {
                visit(s, w);
                let low = s.low[v].min(s.low[w]);
                s.low.insert(v, low);
            } else if s.stack.contains(&w) {
                let low = s.low[v].min(s.index[w]);
                s.low.insert(v, low);
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = Vec::new();
            while let Some(w) = s.stack.pop() {
                component.push(w.to_owned());
                if w == v {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                s.found.push(component);
            }
        }
    }
    let mut state = State {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        found: Vec::new(),
    };
    for v in graph.keys() {
        if !state.index.contains_key(v.as_str()) {
            visit(&mut state, v);
        }
    }
    state.found
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let found = cycles(&graph());
    assert!(found.is_empty(), "import cycles: {found:?}");
}

#[test]
fn the_cycle_check_finds_a_cycle() {
    // The checker itself can fail: a two-module and a three-module loop.
    let mut graph = Graph::new();
    let edge = |g: &mut Graph, a: &str, b: &str| {
        g.entry(a.into()).or_default().insert(b.into());
        g.entry(b.into()).or_default();
    };
    edge(&mut graph, "pages::surveys", "pages::survey_editor");
    edge(&mut graph, "pages::survey_editor", "pages::surveys");
    edge(&mut graph, "domain::record", "domain::migrate");
    edge(&mut graph, "domain::migrate", "domain::contact");
    edge(&mut graph, "domain::contact", "domain::record");
    edge(&mut graph, "app", "domain::record");
    assert_eq!(cycles(&graph).len(), 2);
    assert_eq!(
        expand("a::{b,c::{d,e},f}"),
        ["a::b", "a::c::d", "a::c::e", "a::f"]
    );
}

#[test]
fn the_domain_core_knows_nothing_of_the_browser_or_the_ui() {
    let graph = graph();
    for (module, edges) in &graph {
        if !module.starts_with("domain") {
            continue;
        }
        for target in edges {
            assert!(
                target.starts_with("domain"),
                "{module} depends on {target}: the domain core must stay pure"
            );
        }
        let file = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("src")
            .join(module.replace("::", "/"));
        let text = std::fs::read_to_string(file.with_extension("rs"))
            .or_else(|_| std::fs::read_to_string(file.join("mod.rs")))
            .expect("domain source");
        for browser in ["leptos", "web_sys", "wasm_bindgen", "gloo", "js_sys"] {
            assert!(
                !without_comments(&text).contains(&format!("{browser}::")),
                "{module} names {browser}"
            );
        }
    }
}
