//! The crates' arrows point one way, and the pure core depends on no I/O
//! framework: read from the manifests, so a dependency added against the
//! layering fails here (the compiler already refuses an import from a crate
//! that is not a dependency).

use std::path::Path;

/// The dependencies (normal and dev) a manifest names.
fn dependencies(manifest: &str) -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(manifest);
    let text = std::fs::read_to_string(&path).unwrap();
    let value: toml::Value = toml::from_str(&text).unwrap();
    let mut out = Vec::new();
    for table in ["dependencies", "dev-dependencies"] {
        if let Some(t) = value.get(table).and_then(|t| t.as_table()) {
            out.extend(t.keys().cloned());
        }
    }
    out
}

#[test]
fn layers_point_one_way() {
    let core = dependencies("crates/core/Cargo.toml");
    let store = dependencies("crates/store/Cargo.toml");
    let chat = dependencies("crates/chat/Cargo.toml");
    for framework in ["tokio", "sled", "teloxide", "axum", "hyper", "reqwest"] {
        assert!(
            !core.iter().any(|d| d == framework),
            "core uses {framework}"
        );
    }
    assert!(!core.iter().any(|d| d.starts_with("rulebot")), "{core:?}");
    for framework in ["tokio", "teloxide", "axum"] {
        assert!(
            !store.iter().any(|d| d == framework),
            "store uses {framework}"
        );
    }
    assert!(store.contains(&"rulebot-core".to_string()));
    assert!(!store.iter().any(|d| d == "rulebot-chat"), "{store:?}");
    assert!(
        !chat.iter().any(|d| d == "teloxide" || d == "sled"),
        "{chat:?}"
    );
    // Only the store crate names sled.
    for manifest in [
        "Cargo.toml",
        "crates/core/Cargo.toml",
        "crates/chat/Cargo.toml",
    ] {
        assert!(
            !dependencies(manifest).iter().any(|d| d == "sled"),
            "{manifest} uses sled"
        );
    }
}
