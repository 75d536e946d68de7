//! The ClaimReview and Web Annotation exports are JSON-LD a processor reads: each is
//! expanded by a JSON-LD library (json-ld), with the contexts they name served from
//! `tests/data/jsonld/` (no network: a minimal schema.org context, and the W3C
//! annotation context's terms as the Web Annotation Data Model defines them), and the
//! expanded graph holds every statement under its full IRI — no term of ours dropped.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test helpers fail loudly on broken fixtures"
)]

use std::collections::HashMap;
mod common;

use std::path::Path;

use json_ld::syntax::{IntoJsonWithContext as _, Parse as _, Value as JsonLdValue};
use json_ld::{IriBuf, JsonLdProcessor as _, RemoteDocument};
use serde_json::Value;

const SCHEMA: &str = "https://schema.org/";
const OA: &str = "http://www.w3.org/ns/oa#";
const AS: &str = "http://www.w3.org/ns/activitystreams#";

fn export(args: &[&str]) -> String {
    let mut all = vec![std::ffi::OsStr::new("export")];
    all.extend(args.iter().map(std::ffi::OsStr::new));
    String::from_utf8(common::claimline_ok(&all)).unwrap()
}

/// `document` expanded, as plain JSON.
fn expand(document: &str) -> Vec<Value> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/jsonld");
    let mut loader: HashMap<IriBuf, RemoteDocument> = HashMap::new();
    for (iri, file) in [
        ("https://schema.org", "schema.org.jsonld"),
        ("http://www.w3.org/ns/anno.jsonld", "anno.jsonld"),
    ] {
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        loader.insert(
            IriBuf::new(iri.to_owned()).unwrap(),
            RemoteDocument::new(
                None,
                Some("application/ld+json".parse().unwrap()),
                JsonLdValue::parse_str(&text).unwrap().0,
            ),
        );
    }
    let input = RemoteDocument::new(
        None,
        Some("application/ld+json".parse().unwrap()),
        JsonLdValue::parse_str(document).unwrap().0,
    );
    let expanded = pollster::block_on(input.expand(&loader)).expect("valid JSON-LD");
    expanded
        .into_iter()
        .map(|o| serde_json::from_str(&o.into_json_with(&()).to_string()).unwrap())
        .collect()
}

/// The values of property `iri` of an expanded node.
fn values<'a>(node: &'a Value, iri: &str) -> &'a [Value] {
    node.get(iri)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// The one value of property `iri` (a literal's `@value`, or the node).
fn one<'a>(node: &'a Value, iri: &str) -> &'a Value {
    let found = values(node, iri);
    assert_eq!(found.len(), 1, "{iri} in {node}");
    found[0].get("@value").unwrap_or(&found[0])
}

fn has_type(node: &Value, iri: &str) -> bool {
    values(node, "@type").iter().any(|t| t == iri)
}

#[test]
fn claim_reviews_expand_to_schema_org_statements() {
    let text = export(&["--format", "claimreview"]);
    let compact: Value = serde_json::from_str(&text).unwrap();
    let nodes = expand(&text);
    assert_eq!(nodes.len(), compact.as_array().unwrap().len());
    for node in &nodes {
        assert!(has_type(node, &format!("{SCHEMA}ClaimReview")), "{node}");
        assert!(
            !one(node, &format!("{SCHEMA}claimReviewed"))
                .as_str()
                .unwrap()
                .is_empty()
        );
        let claim = one(node, &format!("{SCHEMA}itemReviewed"));
        assert!(has_type(claim, &format!("{SCHEMA}Claim")));
        let rating = one(node, &format!("{SCHEMA}reviewRating"));
        assert!(has_type(rating, &format!("{SCHEMA}Rating")));
        assert!(one(rating, &format!("{SCHEMA}alternateName")).is_string());
        let reviewer = one(node, &format!("{SCHEMA}author"));
        assert_eq!(
            one(reviewer, &format!("{SCHEMA}name")),
            "The Claimline maintainers"
        );
        let first = one(claim, &format!("{SCHEMA}firstAppearance"));
        assert!(has_type(first, &format!("{SCHEMA}CreativeWork")));
        assert!(one(first, &format!("{SCHEMA}publisher")).is_object());
    }
}

#[test]
fn annotations_expand_to_the_w3c_model() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    let text = if seeds.is_dir() {
        export(&[
            "--format",
            "annotations",
            "--corpus",
            seeds.to_str().unwrap(),
        ])
    } else {
        assert!(std::env::var_os("CI").is_none(), "CI has ../shared/seeds");
        export(&["--format", "annotations"])
    };
    let nodes = expand(&text);
    assert_eq!(nodes.len(), 1, "one collection");
    let collection = &nodes[0];
    assert!(has_type(collection, &format!("{AS}OrderedCollection")));
    assert_eq!(one(collection, &format!("{AS}totalItems")), 55);
    let page = one(collection, &format!("{AS}first"));
    assert!(has_type(page, &format!("{AS}OrderedCollectionPage")));
    let items = one(page, &format!("{AS}items"))["@list"]
        .as_array()
        .unwrap();
    assert_eq!(items.len(), 55);
    for a in items {
        assert!(has_type(a, &format!("{OA}Annotation")), "{a}");
        assert!(a["@id"].as_str().unwrap().starts_with("urn:claimline:"));
        assert_eq!(
            values(a, &format!("{OA}motivatedBy"))[0]["@id"],
            format!("{OA}describing")
        );
        let bodies = values(a, &format!("{OA}hasBody"));
        assert_eq!(bodies.len(), 2);
        assert!(
            bodies
                .iter()
                .all(|b| has_type(b, &format!("{OA}TextualBody")))
        );
        assert!(
            bodies
                .iter()
                .all(|b| one(b, "http://www.w3.org/1999/02/22-rdf-syntax-ns#value").is_string())
        );
        let target = one(a, &format!("{OA}hasTarget"));
        assert!(one(target, &format!("{OA}hasSource"))["@id"].is_string());
        let selectors = values(target, &format!("{OA}hasSelector"));
        let quote = selectors
            .iter()
            .find(|s| has_type(s, &format!("{OA}TextQuoteSelector")))
            .expect("a TextQuoteSelector");
        assert!(
            !one(quote, &format!("{OA}exact"))
                .as_str()
                .unwrap()
                .is_empty()
        );
        if seeds.is_dir() {
            assert!(one(quote, &format!("{OA}prefix")).is_string());
            let position = selectors
                .iter()
                .find(|s| has_type(s, &format!("{OA}TextPositionSelector")))
                .expect("a TextPositionSelector");
            let start = one(position, &format!("{OA}start")).as_u64().unwrap();
            let end = one(position, &format!("{OA}end")).as_u64().unwrap();
            assert!(start < end);
        }
    }
}
