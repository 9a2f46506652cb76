//! `TestApp`: the whole app over a fresh database, driven in-process with
//! `tower::ServiceExt::oneshot`, with typed helpers that read like the user story; and
//! `spawn_server` for the few tests that need a real socket.

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use chrono::{DateTime, Utc};
use peerlearn_store::Store;
use peerlearn_testkit::TestDb;
use peerlearn_web::{AppState, Config, FixedClock};
use serde_json::{Value, json};
use tower::ServiceExt;

mod pages;
pub use pages::session_csrf;

/// The instant the app's clock shows in every HTTP test.
pub fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-05-01T12:00:00Z")
        .expect("a valid time")
        .with_timezone(&Utc)
}

/// An instant written in RFC 3339.
pub fn at(rfc: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(rfc)
        .expect("time")
        .with_timezone(&Utc)
}

/// The `id` of a JSON object the API answered.
pub fn id(v: &Value) -> String {
    v["id"].as_str().expect("an id").to_string()
}

pub const PASSWORD: &str = "correct horse battery";

/// An answer: status, headers and the body parsed as JSON (`Value::Null` when empty,
/// a JSON string holding the text when it is not JSON).
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub json: Value,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// Asserts a problem+json answer with this status and code; returns the body.
    #[track_caller]
    pub fn problem(&self, status: u16, code: &str) -> &Value {
        assert_eq!(self.status.as_u16(), status, "{:#}", self.json);
        assert_eq!(
            self.header("content-type"),
            Some("application/problem+json"),
            "{:#}",
            self.json
        );
        assert_eq!(self.json["code"], code, "{:#}", self.json);
        assert_eq!(self.json["status"], status, "{:#}", self.json);
        assert!(self.json["title"].is_string() && self.json["detail"].is_string());
        &self.json
    }

    /// Asserts a 422 `invalid_input` naming `field` among its errors.
    #[track_caller]
    pub fn invalid(&self, field: &str) {
        let body = self.problem(422, "invalid_input");
        let fields: Vec<&str> = body["errors"]
            .as_array()
            .map(|e| e.iter().filter_map(|x| x["field"].as_str()).collect())
            .unwrap_or_default();
        assert!(
            fields.contains(&field),
            "{field} not in {fields:?}: {body:#}"
        );
    }

    /// Asserts a 400 with this code whose detail names `field`.
    #[track_caller]
    pub fn bad_request(&self, code: &str, field: &str) {
        let body = self.problem(400, code);
        let detail = body["detail"].as_str().unwrap_or_default();
        assert!(detail.contains(field), "{field} not named in {detail:?}");
    }

    #[track_caller]
    pub fn ok(&self, status: u16) -> &Value {
        assert_eq!(self.status.as_u16(), status, "{:#}", self.json);
        &self.json
    }
}

/// The app over its own database, with a fixed clock.
pub struct TestApp {
    pub db: TestDb,
    pub state: AppState,
    router: Router,
}

impl TestApp {
    pub async fn new(db: TestDb) -> Self {
        Self::with_config(db, Config::default()).await
    }

    pub async fn with_config(db: TestDb, config: Config) -> Self {
        Self::with_clock(db, config, Arc::new(FixedClock(now())))
    }

    /// The app with a clock the test controls (e.g. a `ManualClock` it moves forward).
    pub fn with_clock(db: TestDb, config: Config, clock: Arc<dyn peerlearn_web::Clock>) -> Self {
        let state = AppState::with_clock(db.store().clone(), config, clock);
        let router = peerlearn_web::app(state.clone());
        Self { db, state, router }
    }

    /// The same app, sending email through `mailer`.
    pub fn with_mailer(mut self, mailer: Arc<dyn peerlearn_web::mailer::Mailer>) -> Self {
        self.state = self.state.with_mailer(mailer);
        self.router = peerlearn_web::app(self.state.clone());
        self
    }

    pub fn store(&self) -> &Store {
        self.db.store()
    }

    /// Sends any request.
    pub async fn request(&self, request: Request<Body>) -> Reply {
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("the router answers");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = axum::body::to_bytes(response.into_body(), 4 * 1024 * 1024)
            .await
            .expect("the body reads");
        let json = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes)
                .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()))
        };
        Reply {
            status,
            headers,
            json,
        }
    }

    /// A request with a bearer `token` (none when empty) and an optional raw body.
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        token: &str,
        body: Option<(&str, Vec<u8>)>,
    ) -> Reply {
        let mut builder = Request::builder().method(method).uri(path);
        if !token.is_empty() {
            builder = builder.header(header::AUTHORIZATION, format!("Bearer {token}"));
        }
        let body = match body {
            Some((content_type, bytes)) => {
                builder = builder.header(header::CONTENT_TYPE, content_type);
                Body::from(bytes)
            }
            None => Body::empty(),
        };
        self.request(builder.body(body).expect("a valid request"))
            .await
    }

    pub async fn get(&self, path: &str, token: &str) -> Reply {
        self.send(Method::GET, path, token, None).await
    }

    pub async fn delete(&self, path: &str, token: &str) -> Reply {
        self.send(Method::DELETE, path, token, None).await
    }

    pub async fn post_json(&self, path: &str, token: &str, body: Value) -> Reply {
        self.send(Method::POST, path, token, Some(json_body(&body)))
            .await
    }

    pub async fn put_json(&self, path: &str, token: &str, body: Value) -> Reply {
        self.send(Method::PUT, path, token, Some(json_body(&body)))
            .await
    }

    /// A body sent as is, with the content type given.
    pub async fn raw(
        &self,
        method: Method,
        path: &str,
        token: &str,
        content_type: &str,
        body: &str,
    ) -> Reply {
        self.send(
            method,
            path,
            token,
            Some((content_type, body.as_bytes().to_vec())),
        )
        .await
    }

    /// Signs up; returns the user JSON and an API token.
    pub async fn signup(&self, email: &str, name: &str) -> (Value, String) {
        let reply = self
            .post_json(
                "/api/v1/signup",
                "",
                json!({"email": email, "password": PASSWORD, "display_name": name}),
            )
            .await;
        let body = reply.ok(201);
        let token = body["token"].as_str().expect("a token").to_string();
        (body["user"].clone(), token)
    }

    /// Creates an ongoing community (09:00–18:00 UTC) with the given join policy.
    pub async fn community(&self, token: &str, join_policy: &str) -> Value {
        self.post_json(
            "/api/v1/communities",
            token,
            community_body("Guild", join_policy),
        )
        .await
        .ok(201)
        .clone()
    }

    /// Signs everyone up; the first creates an open community, the others join it. Returns
    /// the community's id and everyone's API token, in order.
    pub async fn open_community_of<const N: usize>(
        &self,
        people: [(&str, &str); N],
    ) -> (String, [String; N]) {
        let mut tokens = Vec::with_capacity(N);
        for (email, name) in people {
            tokens.push(self.signup(email, name).await.1);
        }
        let community = self.community(&tokens[0], "open").await;
        let cid = community["id"].as_str().expect("an id").to_string();
        for token in &tokens[1..] {
            self.join(token, &cid, None).await;
        }
        (cid, tokens.try_into().expect("one token each"))
    }

    /// Joins a community (with an invite code when given); returns the membership.
    pub async fn join(&self, token: &str, cid: &str, invite_code: Option<&str>) -> Value {
        self.post_json(
            &format!("/api/v1/communities/{cid}/members"),
            token,
            json!({ "invite_code": invite_code }),
        )
        .await
        .ok(201)
        .clone()
    }

    /// Sets the caller's availability in a community to one window (RFC 3339 start and end).
    pub async fn free(&self, token: &str, cid: &str, start: &str, end: &str) {
        self.put_json(
            &format!("/api/v1/communities/{cid}/members/me/availability"),
            token,
            json!({"windows": [{"start": start, "end": end}]}),
        )
        .await
        .ok(200);
    }

    /// The caller's own profile in a community.
    pub async fn my_profile(&self, token: &str, cid: &str) -> Value {
        self.get(&format!("/api/v1/communities/{cid}/members/me"), token)
            .await
            .ok(200)
            .clone()
    }

    /// The kinds of the caller's inbox in a community, newest first. Every message must have
    /// come out of the translations whole: a missing key or value shows as the key.
    pub async fn inbox_kinds(&self, token: &str, cid: &str) -> Vec<String> {
        self.inbox(token, cid)
            .await
            .iter()
            .map(|n| n["kind"].as_str().expect("kind").to_string())
            .collect()
    }

    /// The caller's inbox in a community, newest first, each message checked as in
    /// [`TestApp::inbox_kinds`].
    pub async fn inbox(&self, token: &str, cid: &str) -> Vec<Value> {
        let items = self
            .get(&format!("/api/v1/communities/{cid}/notifications"), token)
            .await
            .ok(200)["items"]
            .as_array()
            .expect("items")
            .clone();
        for n in &items {
            for field in ["title", "body"] {
                let text = n[field].as_str().expect("a text");
                assert!(
                    !text.contains("notification-") && !text.is_empty(),
                    "an untranslated {field}: {n:#}"
                );
            }
        }
        items
    }
}

/// A signed-in browser: its session and CSRF cookies, and the CSRF token its forms carry.
pub struct Browser {
    pub cookies: String,
    pub csrf: String,
}

impl TestApp {
    /// A browser session for the owner of the API `token`.
    pub async fn browser(&self, token: &str) -> Browser {
        use sha2::{Digest, Sha256};
        let me = self.get("/api/v1/me", token).await.ok(200).clone();
        let id: i64 = me["id"]
            .as_str()
            .and_then(|s| s.parse().ok())
            .expect("an id");
        let secret = format!("{id:0>64}");
        let hash: String = Sha256::digest(secret.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        self.store()
            .create_token(
                peerlearn_domain::UserId(id),
                &hash,
                peerlearn_store::TokenKind::Session,
                now(),
                now() + chrono::Duration::days(1),
            )
            .await
            .expect("a session");
        Browser {
            csrf: peerlearn_web::session_csrf_token(&secret),
            cookies: format!("pl_session={secret}; pl_csrf={}", "c".repeat(64)),
        }
    }

    /// Opens a page as `browser` (a visitor without cookies when `None`), with extra headers.
    pub async fn page_as(
        &self,
        browser: Option<&Browser>,
        path: &str,
        headers: &[(&str, &str)],
    ) -> Reply {
        let mut request = Request::builder().uri(path);
        if let Some(b) = browser {
            request = request.header(header::COOKIE, &b.cookies);
        }
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        self.request(request.body(Body::empty()).expect("a request"))
            .await
    }

    /// Sends a page form as `browser`: `fields` as given (put the CSRF field in them, or
    /// leave it out to send an expired form), with extra headers.
    pub async fn form_as(
        &self,
        browser: &Browser,
        path: &str,
        fields: &[(&str, &str)],
        headers: &[(&str, &str)],
    ) -> Reply {
        let mut body = url::form_urlencoded::Serializer::new(String::new());
        for (k, v) in fields {
            body.append_pair(k, v);
        }
        let mut request = Request::builder()
            .method(Method::POST)
            .uri(path)
            .header(header::COOKIE, &browser.cookies)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        self.request(request.body(Body::from(body.finish())).expect("a request"))
            .await
    }
}

impl Reply {
    /// Asserts an HTML page (never JSON) with this status; returns its text.
    #[track_caller]
    pub fn html_page(&self, status: u16) -> &str {
        assert_eq!(self.status.as_u16(), status, "{:#}", self.json);
        let content_type = self.header("content-type").unwrap_or_default();
        assert!(
            content_type.starts_with("text/html"),
            "{content_type}: {:#}",
            self.json
        );
        self.json.as_str().expect("a page")
    }
}

pub fn json_body(body: &Value) -> (&'static str, Vec<u8>) {
    (
        "application/json",
        serde_json::to_vec(body).expect("JSON serialises"),
    )
}

pub fn community_body(name: &str, join_policy: &str) -> Value {
    json!({
        "name": name,
        "kind": "ongoing",
        "timezone": "UTC",
        "day_start": "09:00",
        "day_end": "18:00",
        "join_policy": join_policy,
    })
}

/// A running server on 127.0.0.1 (a free port), stopped when dropped.
pub struct Server {
    pub base: String,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl Server {
    /// Stops accepting, drains open requests and waits for the server to end.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        (&mut self.task)
            .await
            .expect("the server task ends")
            .expect("the server ends cleanly");
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// Serves `store` with `peerlearn_web::serve` on a real socket.
pub async fn spawn_server(store: &Store, config: Config) -> Server {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a free port");
    let addr = listener.local_addr().expect("an address");
    let state = AppState::with_clock(store.clone(), config, Arc::new(FixedClock(now())));
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(peerlearn_web::serve(listener, state, async move {
        let _ = stopped.await;
    }));
    Server {
        base: format!("http://{addr}"),
        stop: Some(stop),
        task,
    }
}
