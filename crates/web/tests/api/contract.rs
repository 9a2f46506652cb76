//! The OpenAPI document tells tools the truth: parameters where they are sent, every error
//! as `application/problem+json`, 401 wherever a token is needed, 400/413/415 wherever a
//! body or query string is read, bounds on `limit`; and the statuses the API really
//! answers are the ones documented.

use crate::common::TestApp;
use axum::http::Method;
use peerlearn_testkit::TestDb;
use serde_json::Value;

const METHODS: [&str; 5] = ["get", "put", "post", "delete", "patch"];

fn document() -> Value {
    serde_json::from_str(&peerlearn_web::openapi_json()).expect("the document is JSON")
}

/// Every operation: (method, path template, operation).
fn operations(doc: &Value) -> Vec<(&'static str, String, Value)> {
    let mut ops = Vec::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for method in METHODS {
            if let Some(op) = item.get(method) {
                ops.push((method, path.clone(), op.clone()));
            }
        }
    }
    assert!(ops.len() > 50, "only {} operations", ops.len());
    ops
}

/// A response, following a `$ref` to `#/components/responses/…`.
fn resolve<'a>(doc: &'a Value, response: &'a Value) -> &'a Value {
    match response["$ref"].as_str() {
        Some(r) => {
            let name = r
                .strip_prefix("#/components/responses/")
                .unwrap_or_else(|| panic!("unexpected reference {r}"));
            let target = &doc["components"]["responses"][name];
            assert!(target.is_object(), "{r} does not exist");
            target
        }
        None => response,
    }
}

fn placeholders(path: &str) -> Vec<&str> {
    path.split('{')
        .skip(1)
        .filter_map(|s| s.split_once('}').map(|(name, _)| name))
        .collect()
}

#[test]
fn parameters_are_declared_where_they_are_sent() {
    let doc = document();
    let mut limits = 0;
    for (method, path, op) in operations(&doc) {
        let params = op["parameters"].as_array().cloned().unwrap_or_default();
        let mut in_path = Vec::new();
        for p in &params {
            let name = p["name"].as_str().expect("a name");
            match p["in"].as_str() {
                Some("path") => {
                    assert!(
                        path.contains(&format!("{{{name}}}")),
                        "{method} {path}: `{name}` is declared in the path but is not in it"
                    );
                    assert_eq!(p["required"], true, "{method} {path}: `{name}`");
                    in_path.push(name);
                }
                Some("query") => {
                    assert_ne!(
                        p["required"], true,
                        "{method} {path}: query parameter `{name}` is optional"
                    );
                    let types = &p["schema"]["type"];
                    assert!(
                        !types
                            .as_array()
                            .is_some_and(|t| t.iter().any(|t| t == "null")),
                        "{method} {path}: query parameter `{name}` cannot be null"
                    );
                    if name == "limit" {
                        limits += 1;
                        let (min, max) = (&p["schema"]["minimum"], &p["schema"]["maximum"]);
                        assert!(
                            min.as_i64() == Some(1) && max.as_i64().is_some_and(|m| m > 1),
                            "{method} {path}: `limit` needs its bounds, has {min} to {max}"
                        );
                    }
                }
                other => panic!("{method} {path}: `{name}` is in {other:?}"),
            }
        }
        for name in placeholders(&path) {
            assert!(
                in_path.contains(&name),
                "{method} {path}: `{name}` is not declared"
            );
        }
    }
    assert!(limits >= 8, "only {limits} `limit` parameters");
}

#[test]
fn errors_are_problem_documents_and_shared_statuses_are_documented() {
    let doc = document();
    for (method, path, op) in operations(&doc) {
        let responses = op["responses"].as_object().expect("responses");
        let has = |status: &str| responses.contains_key(status);
        let secured = op["security"].as_array().is_some_and(|s| !s.is_empty());
        if secured {
            assert!(has("401"), "{method} {path} needs a token but has no 401");
        }
        if op.get("requestBody").is_some() {
            for status in ["400", "413", "415", "422"] {
                assert!(
                    has(status),
                    "{method} {path} reads a body but has no {status}"
                );
            }
        }
        let has_query = op["parameters"]
            .as_array()
            .is_some_and(|ps| ps.iter().any(|p| p["in"] == "query"));
        if has_query {
            for status in ["400", "422"] {
                assert!(
                    has(status),
                    "{method} {path} reads a query but has no {status}"
                );
            }
        }
        for (status, response) in responses {
            if status.parse::<u16>().is_ok_and(|s| s >= 400) {
                let content = resolve(&doc, response)["content"]
                    .as_object()
                    .unwrap_or_else(|| panic!("{method} {path} {status}: no body"));
                let types: Vec<&String> = content.keys().collect();
                assert_eq!(
                    types,
                    ["application/problem+json"],
                    "{method} {path} {status}"
                );
                assert_eq!(
                    content["application/problem+json"]["schema"]["$ref"],
                    "#/components/schemas/Problem",
                    "{method} {path} {status}"
                );
            }
        }
    }
}

#[tokio::test]
async fn without_a_token_every_operation_answers_a_documented_status() {
    let app = TestApp::new(TestDb::sqlite().await).await;
    let doc = document();
    for (method, path, op) in operations(&doc) {
        let mut uri = path.clone();
        for name in placeholders(&path) {
            uri = uri.replace(&format!("{{{name}}}"), "1");
        }
        let method = Method::from_bytes(method.to_uppercase().as_bytes()).expect("a method");
        let body = op
            .get("requestBody")
            .map(|_| ("application/json", b"{}".to_vec()));
        let reply = app.send(method.clone(), &uri, "", body).await;
        let status = reply.status.as_u16().to_string();
        assert!(
            op["responses"].get(&status).is_some(),
            "{method} {uri} answered an undocumented {status}: {:#}",
            reply.json
        );
        if status == "401" {
            assert!(
                op["security"].as_array().is_some_and(|s| !s.is_empty()),
                "{method} {path} needs a token but declares no security"
            );
        }
    }
}
