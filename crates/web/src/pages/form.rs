//! Reading HTML forms: `CsrfForm<T>` checks the CSRF field, then deserializes the rest
//! (repeated fields such as checkboxes become lists). A form that fails to read answers with
//! a page, never with JSON: an expired form (a missing or stale CSRF token) with a page that
//! sends the same fields again with a fresh token, one click away.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use serde::de::DeserializeOwned;

use peerlearn_domain::{Invalid, InvalidInput};

use super::{Page, PageError};
use crate::auth::{CSRF_FIELD, CsrfToken};
use crate::error::AppError;
use crate::i18n::{self, Lang};

/// A form that came from one of our pages.
pub struct CsrfForm<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for CsrfForm<T> {
    type Rejection = Response;

    async fn from_request(req: Request, state: &S) -> Result<Self, Response> {
        let token = req
            .extensions()
            .get::<CsrfToken>()
            .cloned()
            .ok_or_else(|| page_error(AppError::Internal("CSRF middleware missing".into())))?;
        let action = req
            .uri()
            .path_and_query()
            .map_or_else(|| req.uri().path().to_string(), |p| p.as_str().to_string());
        if crate::auth::from_another_site(req.headers()) {
            return Err(page_error(AppError::Forbidden("forbidden-cross-site")));
        }
        let same_site = same_site(req.headers());
        let back = back_to(req.headers(), i18n::current().viewer().is_some());
        let bytes = Bytes::from_request(req, state).await.map_err(|e| {
            tracing::info!(error = %e, "a form could not be read");
            page_error(AppError::BadRequest {
                code: "unreadable_body",
                message: String::new(),
            })
        })?;
        if let Err(message) = crate::input::urlencoded::check(&bytes) {
            tracing::info!(%message, "a form was not valid urlencoded text");
            return Err(page_error(AppError::BadRequest {
                code: "invalid_form",
                message: String::new(),
            }));
        }
        let sent = url::form_urlencoded::parse(&bytes)
            .find(|(k, _)| k == CSRF_FIELD)
            .map(|(_, v)| v.into_owned());
        if let Err(e) = token.verify(sent.as_deref()) {
            return Err(if same_site {
                send_again(&token, &action, back, &bytes)
            } else {
                page_error(e)
            });
        }
        serde_html_form::from_bytes(&bytes)
            .map(CsrfForm)
            .map_err(|e| {
                tracing::info!(error = %e, "a form did not have the expected fields");
                page_error(AppError::BadRequest {
                    code: "invalid_form",
                    message: String::new(),
                })
            })
    }
}

fn page_error(e: AppError) -> Response {
    PageError(e).into_response()
}

/// Whether the browser says the form was sent from one of our own pages (or does not say).
/// A form sent from another site is refused without offering to send it again.
fn same_site(headers: &HeaderMap) -> bool {
    let fetch_site = headers
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .is_none_or(|v| v == "same-origin" || v == "none");
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    let origin = headers
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
        .filter(|o| *o != "null");
    let same_origin = match (origin, host) {
        (None, _) => true,
        (Some(o), Some(h)) => o.split_once("://").is_some_and(|(_, rest)| rest == h),
        (Some(_), None) => false,
    };
    fetch_site && same_origin
}

/// One field of a form sent again.
pub struct Resent {
    pub name: String,
    pub value: String,
    /// A password: never written into the page; the person types it again.
    pub secret: bool,
    pub label: String,
}

#[derive(Template)]
#[template(path = "form_expired.html")]
struct FormExpiredTemplate {
    page: Page,
    action: String,
    fields: Vec<Resent>,
    back: String,
}

/// "Your form expired — send it again": the same fields, a fresh token, the same action.
fn send_again(token: &CsrfToken, action: &str, back: String, body: &[u8]) -> Response {
    let context = i18n::current();
    let page = Page::of(context.viewer(), token.0.clone());
    let fields = url::form_urlencoded::parse(body)
        .filter(|(k, _)| k != CSRF_FIELD)
        .map(|(name, value)| {
            let secret = name.contains("password");
            Resent {
                label: if secret {
                    page.lang
                        .field_label(&name)
                        .unwrap_or_else(|| page.t("field-password"))
                } else {
                    String::new()
                },
                value: if secret {
                    String::new()
                } else {
                    value.into_owned()
                },
                name: name.into_owned(),
                secret,
            }
        })
        .collect();
    let t = FormExpiredTemplate {
        back,
        action: action.to_string(),
        fields,
        page,
    };
    match t.render() {
        Ok(html) => (StatusCode::FORBIDDEN, Html(html)).into_response(),
        Err(e) => page_error(e.into()),
    }
}

/// The page the form was on, from the `Referer` the browser sent with it when it is one of
/// ours; else the person's communities (or the home page when signed out).
fn back_to(headers: &HeaderMap, signed_in: bool) -> String {
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    let ours = headers
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(|r| r.split_once("://"))
        .and_then(|(_, rest)| {
            let (authority, path) = rest.split_at(rest.find('/')?);
            (Some(authority) == host).then(|| path.to_string())
        });
    let fallback = if signed_in { "/communities" } else { "/" };
    super::safe_next(ours.as_deref().or(Some(fallback)))
}

/// A form's field errors in the page's language, for the templates: next to each field its
/// reason ("must not be empty"), or a sentence naming the field ("Title: must not be empty.").
#[derive(Debug, Clone, Default)]
pub struct FieldErrors {
    items: Vec<FieldError>,
}

#[derive(Debug, Clone)]
struct FieldError {
    field: String,
    message: String,
    sentence: String,
}

impl FieldErrors {
    pub fn new(lang: Lang, errors: &InvalidInput) -> Self {
        let mut out = Self::default();
        for e in &errors.errors {
            out.add(lang, e);
        }
        out
    }

    /// Adds one reason.
    pub fn add(&mut self, lang: Lang, e: &Invalid) {
        self.items.push(FieldError {
            field: e.field.clone(),
            message: lang.invalid(e),
            sentence: lang.invalid_sentence(e),
        });
    }

    /// Adds one reason under the form's own field name (`slot` for `proposed_times[0]`),
    /// still naming the field as the reason does ("First time: …").
    pub fn add_as(&mut self, lang: Lang, form_field: &str, e: &Invalid) {
        self.items.push(FieldError {
            field: form_field.to_string(),
            message: lang.invalid(e),
            sentence: lang.invalid_sentence(e),
        });
    }

    /// Adds a sentence already written (a refusal about this field), shown as is.
    pub fn add_text(&mut self, field: &str, text: String) {
        self.items.push(FieldError {
            field: field.to_string(),
            message: text.clone(),
            sentence: text,
        });
    }

    /// Why `field` is invalid, without its name (to follow the field's label).
    pub fn message_for(&self, field: &str) -> Option<&str> {
        self.find(field).map(|e| e.message.as_str())
    }

    /// Why `field` is invalid, as a sentence naming it.
    pub fn sentence_for(&self, field: &str) -> Option<&str> {
        self.find(field).map(|e| e.sentence.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    fn find(&self, field: &str) -> Option<&FieldError> {
        self.items.iter().find(|e| e.field == field)
    }
}
