//! Completes the generated OpenAPI document with what every operation shares, so that
//! generated clients and fuzzers see the statuses the API really answers: errors are
//! `application/problem+json` with the `Problem` schema; an operation that needs a token
//! documents 401; one with a JSON body documents 400, 413, 415 and 422 (values that do not
//! make sense); one with query parameters documents 400 (`invalid_query`) and 422 (a value
//! out of range or not a choice).

use utoipa::openapi::path::{Operation, ParameterIn, PathItem};
use utoipa::openapi::{Content, OpenApi, Ref, RefOr, Response};

/// The media type of every error answer.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// Shared error responses, under `#/components/responses/`: (status, name, description).
const SHARED: [(&str, &str, &str); 5] = [
    (
        "401",
        "NotSignedIn",
        "`not_signed_in`: no valid token (send `Authorization: Bearer TOKEN`).",
    ),
    (
        "400",
        "BadRequest",
        "The request cannot be read: `malformed_json`, `invalid_body` (the message names the \
         field path), `unreadable_body` or `invalid_query` (a query parameter of the wrong \
         type, or a query string that is not UTF-8 or not validly percent-encoded).",
    ),
    (
        "413",
        "BodyTooLarge",
        "`body_too_large`: the body is over 64 KiB.",
    ),
    (
        "415",
        "UnsupportedMediaType",
        "`unsupported_media_type`: the body is not sent as `application/json`.",
    ),
    (
        "422",
        "InvalidInput",
        "`invalid_input`: values that do not make sense; `errors` names each field and why.",
    ),
];

/// Adds the shared responses to `doc`'s operations and documents errors as problem details.
pub fn complete(doc: &mut OpenApi) {
    let components = doc.components.get_or_insert_with(Default::default);
    for (_, name, description) in SHARED {
        components
            .responses
            .insert(name.to_string(), RefOr::T(problem_response(description)));
    }
    for item in doc.paths.paths.values_mut() {
        for op in operations_mut(item) {
            complete_operation(op);
        }
    }
}

/// Every operation of a path item.
pub fn operations_mut(item: &mut PathItem) -> impl Iterator<Item = &mut Operation> {
    [
        &mut item.get,
        &mut item.put,
        &mut item.post,
        &mut item.delete,
        &mut item.patch,
    ]
    .into_iter()
    .filter_map(Option::as_mut)
}

fn complete_operation(op: &mut Operation) {
    let needs_token = op.security.as_ref().is_some_and(|s| !s.is_empty());
    let has_body = op.request_body.is_some();
    let has_query = op.parameters.iter().flatten().any(|p| match p {
        RefOr::T(p) => p.parameter_in == ParameterIn::Query,
        RefOr::Ref(_) => false,
    });
    let mut shared = Vec::new();
    if needs_token {
        shared.push("NotSignedIn");
    }
    if has_body || has_query {
        shared.push("BadRequest");
    }
    if has_body {
        shared.extend(["BodyTooLarge", "UnsupportedMediaType"]);
    }
    if has_body || has_query {
        shared.push("InvalidInput");
    }
    for name in shared {
        let (status, ..) = SHARED
            .iter()
            .find(|(_, n, _)| *n == name)
            .expect("a shared response");
        op.responses
            .responses
            .entry(status.to_string())
            .or_insert_with(|| RefOr::Ref(Ref::new(format!("#/components/responses/{name}"))));
    }
    for (status, response) in op.responses.responses.iter_mut() {
        if let RefOr::T(response) = response
            && status.parse::<u16>().is_ok_and(|s| s >= 400)
        {
            as_problem(response);
        }
    }
}

/// A response whose body is a problem document.
fn problem_response(description: &str) -> Response {
    let mut response = Response::new(description);
    as_problem(&mut response);
    response
}

/// Declares `response`'s body as `application/problem+json` with the `Problem` schema,
/// whatever media type it was declared with.
fn as_problem(response: &mut Response) {
    let schema = response
        .content
        .values()
        .find_map(|c| match c {
            RefOr::T(c) => c.schema.clone(),
            RefOr::Ref(_) => None,
        })
        .unwrap_or_else(|| RefOr::Ref(Ref::from_schema_name("Problem")));
    response.content.clear();
    response.content.insert(
        PROBLEM_JSON.to_string(),
        RefOr::T(Content::new(Some(schema))),
    );
}
