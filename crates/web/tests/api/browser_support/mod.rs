//! The headless-Chromium harness for browser tests (Debian's `chromium` and
//! `chromium-driver`): chromedriver on a free port, the app on a temporary SQLite database,
//! and a `Browser` with the steps tests share. Skipped with a notice when chromedriver is not
//! installed, unless `CI=true` (then it fails). `PEERLEARN_SCREENSHOTS=DIR` keeps screenshots.

use std::process::Stdio;
use std::sync::Arc;

use fantoccini::elements::Element;
use fantoccini::error::CmdError;
use fantoccini::{ClientBuilder, Locator};
use peerlearn_store::Store;
use peerlearn_web::{AppState, Config, WebhookSettings};
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";

fn required() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

/// Starts chromedriver on a free port and waits for its "started successfully" line.
pub async fn start_chromedriver() -> Option<(Child, u16)> {
    if !std::path::Path::new(CHROMEDRIVER).exists() || !std::path::Path::new(CHROMIUM).exists() {
        assert!(
            !required(),
            "CI=true but {CHROMEDRIVER} or {CHROMIUM} is missing"
        );
        eprintln!("skipping the browser test: install chromium and chromium-driver to run it");
        return None;
    }
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port");
    let mut child = Command::new(CHROMEDRIVER)
        .arg(format!("--port={port}"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("chromedriver starts");
    let stdout = child.stdout.take().expect("chromedriver stdout");
    let mut lines = BufReader::new(stdout).lines();
    let started = tokio::time::timeout(std::time::Duration::from_secs(20), async {
        while let Ok(Some(line)) = lines.next_line().await {
            if line.contains("started successfully") {
                return true;
            }
        }
        false
    })
    .await
    .unwrap_or(false);
    assert!(started, "chromedriver did not start");
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    Some((child, port))
}

pub async fn start_app() -> (String, tempfile::TempDir) {
    start_app_with_clock(Arc::new(peerlearn_web::SystemClock)).await
}

/// The app with a clock the test controls (e.g. a `ManualClock`).
pub async fn start_app_with_clock(
    clock: Arc<dyn peerlearn_web::Clock>,
) -> (String, tempfile::TempDir) {
    let (base, dir, _never) = start_stoppable_app(clock).await;
    (base, dir)
}

/// A way to stop a server the way a venue's Wi-Fi drops: no answer to anyone any more.
pub struct Stop {
    tx: tokio::sync::oneshot::Sender<()>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl Stop {
    /// Stops the server and waits until it has closed every connection.
    pub async fn stop(self) {
        let _ = self.tx.send(());
        self.task
            .await
            .expect("the server task")
            .expect("the server stops cleanly");
    }
}

/// The app, with a handle that stops it.
pub async fn start_stoppable_app(
    clock: Arc<dyn peerlearn_web::Clock>,
) -> (String, tempfile::TempDir, Stop) {
    let dir = tempfile::tempdir().expect("temp dir");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    let stop = serve_on(listener, &base, &dir, clock).await;
    (base, dir, stop)
}

/// The app answering again at `base` over the database in `dir`, after a [`Stop`]: the
/// venue's Wi-Fi is back.
pub async fn restart_app(
    base: &str,
    dir: &tempfile::TempDir,
    clock: Arc<dyn peerlearn_web::Clock>,
) -> Stop {
    let address = base.strip_prefix("http://").expect("an http address");
    let listener = tokio::net::TcpListener::bind(address)
        .await
        .expect("the same address again");
    serve_on(listener, base, dir, clock).await
}

async fn serve_on(
    listener: tokio::net::TcpListener,
    base: &str,
    dir: &tempfile::TempDir,
    clock: Arc<dyn peerlearn_web::Clock>,
) -> Stop {
    let url = format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("browser.db").display()
    );
    let store = Store::connect(&url, 4).await.expect("database");
    store.migrate().await.expect("migrations");
    // Webhooks may point at this machine (a test's receiver).
    let config = Config {
        public_url: base.to_string(),
        webhooks: WebhookSettings {
            allow_local: true,
            ..WebhookSettings::default()
        },
        ..Config::default()
    };
    let state = AppState::with_clock(store, config, clock);
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    // A dropped handle leaves the server running until the test's runtime ends.
    let task = tokio::spawn(peerlearn_web::serve(listener, state, async move {
        if rx.await.is_err() {
            std::future::pending::<()>().await;
        }
    }));
    Stop { tx, task }
}

pub struct Browser {
    pub client: fantoccini::Client,
    shots: Option<std::path::PathBuf>,
    step: usize,
    _profile: tempfile::TempDir,
}

impl Browser {
    pub async fn new(port: u16) -> Self {
        let profile = tempfile::tempdir().expect("profile dir");
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".into(),
            serde_json::json!({
                "binary": CHROMIUM,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync",
                    "--window-size=1200,1000",
                    format!("--user-data-dir={}", profile.path().display()),
                ]
            }),
        );
        let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("a browser session");
        Self {
            client,
            shots: std::env::var_os("PEERLEARN_SCREENSHOTS").map(Into::into),
            step: 0,
            _profile: profile,
        }
    }

    pub async fn fill(&self, name: &str, value: &str) {
        self.fill_css(&format!("[name='{name}']"), value).await;
    }

    pub async fn fill_css(&self, css: &str, value: &str) {
        let field = self
            .client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("field {css}: {e}"));
        field.clear().await.expect("clear");
        field.send_keys(value).await.expect("type");
    }

    /// Clicks the element once it is there; a click that lands while the page is still being
    /// replaced (a stale or covered element) is retried on the element found again.
    pub async fn click(&self, css: &str) {
        let mut last = None;
        for _ in 0..3 {
            let element = self.wait_for(Locator::Css(css), css).await;
            match element.click().await {
                Ok(()) => return,
                Err(e) => last = Some(e),
            }
        }
        panic!("click {css}: {last:?}");
    }

    /// Follows the community navigation's link to the page whose path ends in `suffix`,
    /// opening the menu that folds it away first, as a person would.
    pub async fn go(&self, suffix: &str) {
        let link = format!("nav a[href$='{suffix}']");
        self.wait_for(Locator::Css(&link), &link).await;
        self.client
            .execute(
                "const a = document.querySelector(arguments[0]); \
                 const menu = a && a.closest('details'); if (menu) menu.open = true;",
                vec![serde_json::json!(link)],
            )
            .await
            .expect("menu opens");
        self.click(&link).await;
    }

    pub async fn text(&self) -> String {
        self.client
            .find(Locator::Css("main"))
            .await
            .expect("main")
            .text()
            .await
            .expect("text")
    }

    /// Tells the page the network is gone (`offline`) or back (DevTools emulation: the page
    /// sees `navigator.onLine` change and gets its `offline` and `online` events). It does not
    /// reach the service worker's own fetches: stop the server for those.
    pub async fn network(&self, offline: bool) {
        self.client
            .issue_cmd(Cdp(json!({
                "cmd": "Network.emulateNetworkConditions",
                "params": {"offline": offline, "latency": 0, "downloadThroughput": -1,
                           "uploadThroughput": -1},
            })))
            .await
            .expect("network emulation");
    }

    pub async fn shot(&mut self, name: &str) {
        if let Some(dir) = &self.shots {
            self.step += 1;
            let png = self.client.screenshot().await.expect("screenshot");
            std::fs::create_dir_all(dir).expect("screenshot dir");
            std::fs::write(dir.join(format!("{:02}-{name}.png", self.step)), png).expect("write");
        }
    }
}

impl Browser {
    pub async fn sign_up(&self, base: &str, name: &str, email: &str) {
        self.client
            .goto(&format!("{base}/signup"))
            .await
            .expect("signup page");
        self.fill("display_name", name).await;
        self.fill("email", email).await;
        self.fill("password", "correct horse battery").await;
        self.click("main form button[type=submit]").await;
        self.wait_for(Locator::LinkText("Create a community"), "signed up")
            .await;
    }

    pub async fn sign_out(&self) {
        self.click("details.menu-account > summary").await;
        self.click("form[action='/signout'] button").await;
        self.wait_for(Locator::LinkText("Sign in"), "signed out")
            .await;
    }

    pub async fn sign_in(&self, base: &str, email: &str) {
        self.client
            .goto(&format!("{base}/signin"))
            .await
            .expect("signin page");
        self.fill("email", email).await;
        self.fill("password", "correct horse battery").await;
        self.click("main form button[type=submit]").await;
        self.wait_for(Locator::LinkText("My communities"), "signed in")
            .await;
    }

    /// Ticks the first four half hours of tomorrow in the profile editor's availability grid
    /// (every day shows side by side in a laptop-wide window) and saves the profile.
    pub async fn free_tomorrow_morning(&self) {
        let slots = self
            .client
            .find_all(Locator::Css("fieldset.day-panel:nth-of-type(2) label.slot"))
            .await
            .expect("tomorrow's slots");
        for s in slots.iter().take(4) {
            s.click().await.expect("tick");
        }
        self.click("form[action$='/profile'] button[type=submit]")
            .await;
        self.wait_for(
            Locator::XPath("//*[contains(text(), 'Your profile is saved.')]"),
            "profile saved",
        )
        .await;
    }

    pub async fn wait_text(&self, text: &str) {
        let xpath = format!("//*[contains(text(), \"{text}\")]");
        self.wait_for(Locator::XPath(&xpath), text).await;
    }

    /// Runs `script`, which ends by calling `done(value)`, and answers the value.
    pub async fn run_async(&self, script: &str, what: &str) -> Value {
        self.client
            .execute_async(script, vec![])
            .await
            .unwrap_or_else(|e| panic!("{what}: {e}"))
    }

    /// Opens `url` until the service worker looks after it and keeps a copy for offline use.
    pub async fn keep_offline(&self, url: &str) {
        self.client.goto(url).await.expect("the page");
        let ready = self
            .run_async(
                "const done = arguments[0]; navigator.serviceWorker.ready.then(() => done(true), () => done(false));",
                "the service worker",
            )
            .await;
        assert_eq!(ready, json!(true), "the service worker is active");
        // Opened again once the service worker looks after the page: it keeps a copy.
        self.client.goto(url).await.expect("the page again");
        let kept = self
            .run_async(
                "const done = arguments[0]; caches.keys().then(ks => Promise.all(ks.map(k => caches.open(k).then(c => c.match(location.origin + location.pathname))))).then(rs => done(rs.some(Boolean)), () => done(false));",
                "a kept copy",
            )
            .await;
        assert_eq!(kept, json!(true), "a kept copy of {url}");
    }

    /// Waits for an element to appear. A search that a page load cuts short (chromedriver
    /// answers "aborted by navigation" while a form's answer replaces the page) is asked
    /// again on the new page; any other error fails the test with `what` in its message.
    pub async fn wait_for(&self, locator: Locator<'_>, what: &str) -> Element {
        let mut cut_short = 0;
        loop {
            match self.client.wait().for_element(locator).await {
                Ok(element) => return element,
                Err(e) if cut_short < 5 && is_cut_short_by_navigation(&e) => cut_short += 1,
                Err(e) => panic!("waiting for {what:?}: {e}"),
            }
        }
    }
}

/// A DevTools command, through chromedriver.
#[derive(Debug)]
struct Cdp(Value);

impl fantoccini::wd::WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/goog/cdp/execute",
            session.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (axum::http::Method, Option<String>) {
        (axum::http::Method::POST, Some(self.0.to_string()))
    }
}

/// Whether chromedriver gave up a command because the page navigated away under it.
fn is_cut_short_by_navigation(e: &CmdError) -> bool {
    e.to_string().contains("aborted by navigation")
}

/// Calls the JSON API on `base` as the holder of `token` (`PUT` or else `POST`); returns the
/// answer, which must be a success.
pub async fn api(base: &str, token: &str, method: &str, path: &str, body: Value) -> Value {
    let client = reqwest::Client::new();
    let url = format!("{base}{path}");
    let request = match method {
        "PUT" => client.put(url),
        _ => client.post(url),
    };
    let reply = request
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .expect("the API answers");
    assert!(reply.status().is_success(), "{path}: {}", reply.status());
    reply.json().await.expect("JSON")
}

/// Signs up through the API; returns an API token.
pub async fn api_sign_up(base: &str, email: &str, name: &str) -> String {
    let body = api(
        base,
        "",
        "POST",
        "/api/v1/signup",
        json!({"email": email, "password": "correct horse battery", "display_name": name}),
    )
    .await;
    body["token"].as_str().expect("a token").to_string()
}

/// Ana Lima (ana@example.org) hosts a one-on-one video topic in an open community Bruno Costa
/// (bruno@example.org) has joined; both are free 09:00–17:00 UTC on `day`, tomorrow.
pub struct TwoMembers {
    /// Bruno's API token (Ana signs in with the browser).
    pub bruno: String,
    pub cid: String,
    pub topic: String,
    pub day: String,
}

pub async fn two_members_and_a_topic(base: &str) -> TwoMembers {
    let ana = api_sign_up(base, "ana@example.org", "Ana Lima").await;
    let bruno = api_sign_up(base, "bruno@example.org", "Bruno Costa").await;
    let community = api(
        base,
        &ana,
        "POST",
        "/api/v1/communities",
        json!({"name": "Guild", "kind": "ongoing", "timezone": "UTC", "day_start": "09:00",
               "day_end": "18:00", "join_policy": "open"}),
    )
    .await;
    let cid = community["id"].as_str().expect("an id").to_string();
    let members = format!("/api/v1/communities/{cid}/members");
    api(base, &bruno, "POST", &members, json!({})).await;
    let day = (chrono::Utc::now() + chrono::Duration::days(1))
        .format("%Y-%m-%d")
        .to_string();
    for token in [&ana, &bruno] {
        api(
            base,
            token,
            "PUT",
            &format!("/api/v1/communities/{cid}/members/me/availability"),
            json!({"windows": [{"start": format!("{day}T09:00:00Z"), "end": format!("{day}T17:00:00Z")}]}),
        )
        .await;
    }
    let topic = api(
        base,
        &ana,
        "POST",
        &format!("/api/v1/communities/{cid}/topics"),
        json!({"kind": "offer", "title": "Property-based testing", "tags": ["testing"],
               "format": "one_on_one", "mode": "virtual", "duration_minutes": 30}),
    )
    .await;
    let topic = topic["id"].as_str().expect("an id").to_string();
    TwoMembers {
        bruno,
        cid,
        topic,
        day,
    }
}
