//! What the tour's browser checks share: the seeded world served on a real socket, a Chromium
//! session sized like a phone or a laptop, the cookies that choose who, theme and language, and
//! axe-core.

use fantoccini::wd::WebDriverCompatibleCommand;
use peerlearn_web::Config;
use serde_json::{Value, json};

use super::{Stop, Who, World};
use crate::browser_support::Browser;

/// The vendored axe-core.
const AXE: &str = include_str!("../browser_support/axe.min.js");

/// A width and height the pages are checked at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Viewport {
    Phone,
    Laptop,
}

impl Viewport {
    pub fn size(self) -> (u32, u32) {
        match self {
            Viewport::Phone => (360, 780),
            Viewport::Laptop => (1366, 900),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Viewport::Phone => "phone",
            Viewport::Laptop => "laptop",
        }
    }
}

/// The seeded world, served at the returned base URL until the test ends. Links the app writes
/// for people to share (invites, calendar feeds) name a fixed public address instead of the
/// server's random port, so that screenshots of them are the same from run to run.
pub async fn served_world() -> (World, String) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a free port");
    let base = format!("http://{}", listener.local_addr().expect("an address"));
    let world = World::with_config(Config {
        public_url: "https://learn.example.org".to_string(),
        ..Config::default()
    })
    .await;
    tokio::spawn(peerlearn_web::serve(
        listener,
        world.app.state.clone(),
        std::future::pending(),
    ));
    (world, base)
}

/// A Chrome DevTools command through chromedriver (`goog/cdp/execute`).
#[derive(Debug)]
struct Cdp {
    cmd: &'static str,
    params: Value,
}

impl WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/goog/cdp/execute",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (axum::http::Method, Option<String>) {
        (
            axum::http::Method::POST,
            Some(json!({"cmd": self.cmd, "params": self.params}).to_string()),
        )
    }
}

/// Sizes the page's viewport: the window is set to the size, then grown by whatever the
/// browser's frame takes, so that `window.innerWidth` is exactly the width asked for.
pub async fn set_viewport(b: &Browser, viewport: Viewport) {
    let (width, height) = viewport.size();
    b.client
        .set_window_size(width, height)
        .await
        .expect("window size");
    let inner = inner_size(b).await;
    if inner != (width, height) {
        let (w, h) = (
            (2 * width).saturating_sub(inner.0),
            (2 * height).saturating_sub(inner.1),
        );
        b.client.set_window_size(w, h).await.expect("window size");
    }
    let inner = inner_size(b).await;
    if inner.0 != width {
        // The window cannot be that narrow here: emulate the screen instead.
        b.client
            .issue_cmd(Cdp {
                cmd: "Emulation.setDeviceMetricsOverride",
                params: json!({"width": width, "height": height, "deviceScaleFactor": 1,
                               "mobile": false}),
            })
            .await
            .expect("device metrics");
    }
    let inner = inner_size(b).await;
    assert_eq!(inner.0, width, "the viewport is {inner:?}");
}

async fn inner_size(b: &Browser) -> (u32, u32) {
    let v = b
        .client
        .execute("return [window.innerWidth, window.innerHeight];", vec![])
        .await
        .expect("the viewport size");
    let n = |i: usize| {
        v[i].as_u64()
            .and_then(|x| u32::try_from(x).ok())
            .unwrap_or(0)
    };
    (n(0), n(1))
}

/// Makes axe-core part of every page the session opens from now on.
pub async fn install_axe(b: &Browser) {
    b.client
        .issue_cmd(Cdp {
            cmd: "Page.addScriptToEvaluateOnNewDocument",
            params: json!({ "source": AXE }),
        })
        .await
        .expect("axe-core on every page");
}

/// Sets who is signed in and the theme and language the next pages are shown in. The browser
/// must be on a page of the app (cookies belong to its origin).
pub async fn choose(b: &Browser, base: &str, world: &World, who: Who, theme: &str, lang: &str) {
    b.client
        .goto(&format!("{base}/healthz"))
        .await
        .expect("the app");
    b.client.delete_all_cookies().await.expect("cookies");
    let mut cookies = vec![
        ("pl_theme", theme.to_string()),
        ("pl_lang", lang.to_string()),
    ];
    match who {
        Who::Visitor => {}
        Who::Member => cookies.push(("pl_session", world.member_session.clone())),
        Who::Organizer => cookies.push(("pl_session", world.organizer_session.clone())),
    }
    // Through the page rather than WebDriver's Add Cookie, which refuses a host that is an IP
    // address; the server reads them all the same.
    for (name, value) in cookies {
        b.client
            .execute(
                "document.cookie = arguments[0] + '=' + arguments[1] + '; path=/; SameSite=Lax';",
                vec![name.into(), value.into()],
            )
            .await
            .expect("a cookie");
    }
}

/// Opens the page of a stop; a form's answer is reached by sending the form from its page,
/// with that page's CSRF token.
pub async fn open(b: &Browser, base: &str, stop: &Stop) {
    let Some(form) = &stop.form else {
        b.client
            .goto(&format!("{base}{}", stop.path))
            .await
            .unwrap_or_else(|e| panic!("{}: {e}", stop.path));
        return;
    };
    b.client
        .goto(&format!("{base}{}", form.from))
        .await
        .unwrap_or_else(|e| panic!("{}: {e}", form.from));
    let fields: Vec<Value> = form.fields.iter().map(|(k, v)| json!([k, v])).collect();
    b.client
        .execute(
            r#"
            const [action, fields] = arguments;
            const form = document.createElement('form');
            form.method = 'post';
            form.action = action;
            const csrf = document.querySelector('input[name=csrf]');
            for (const [k, v] of [['csrf', csrf ? csrf.value : ''], ...fields]) {
                const input = document.createElement('input');
                input.type = 'hidden';
                input.name = k;
                input.value = v;
                form.appendChild(input);
            }
            document.documentElement.dataset.tourLeft = '1';
            document.body.appendChild(form);
            form.submit();
            "#,
            vec![Value::from(stop.path.clone()), Value::from(fields)],
        )
        .await
        .expect("the form is sent");
    // The answer is a new document: without the mark, and fully loaded.
    b.wait_for(
        fantoccini::Locator::Css("html:not([data-tour-left])"),
        &stop.path,
    )
    .await;
    b.client
        .execute_async(
            "const done = arguments[0]; \
             if (document.readyState === 'complete') done(true); \
             else addEventListener('load', () => done(true));",
            vec![],
        )
        .await
        .expect("the answer loads");
}

/// One axe-core violation on a page.
#[derive(Debug, Clone)]
pub struct Violation {
    pub rule: String,
    pub impact: String,
    pub help: String,
    pub url: String,
    /// Each failing element's selector, with axe's summary of what is wrong.
    pub nodes: Vec<(String, String)>,
}

/// Runs axe-core on the page shown.
pub async fn axe(b: &Browser) -> Vec<Violation> {
    let script = r#"
        const done = arguments[arguments.length - 1];
        if (!window.axe) { done({error: 'axe-core is not on the page'}); return; }
        axe.run(document, {resultTypes: ['violations']}).then(
            r => done({violations: r.violations.map(v => ({
                id: v.id, impact: v.impact || '', help: v.help, url: v.helpUrl,
                nodes: v.nodes.map(n => [n.target.join(' '),
                    (n.failureSummary || '').split('\n').filter(l => l.trim()).slice(0, 3).join(' ')])
            }))}),
            e => done({error: String(e)}));
    "#;
    let result = b
        .client
        .execute_async(script, vec![])
        .await
        .expect("axe runs");
    if let Some(e) = result["error"].as_str() {
        panic!("axe-core failed on {:?}: {e}", b.client.current_url().await);
    }
    let s = |v: &Value| v.as_str().unwrap_or_default().to_string();
    result["violations"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|v| Violation {
            rule: s(&v["id"]),
            impact: s(&v["impact"]),
            help: s(&v["help"]),
            url: s(&v["url"]),
            nodes: v["nodes"]
                .as_array()
                .cloned()
                .unwrap_or_default()
                .iter()
                .map(|n| (s(&n[0]), s(&n[1])))
                .collect(),
        })
        .collect()
}

/// What the page shown looks like to the checks: a fingerprint of its markup (to skip exact
/// duplicates) and, when it is wider than the window, the page width and the elements that
/// stick out furthest.
pub struct Layout {
    pub fingerprint: String,
    pub overflow: Option<(u64, u64, Vec<String>)>,
}

pub async fn layout(b: &Browser) -> Layout {
    let script = r#"
        // The CSRF token differs between sessions; the page does not.
        const html = document.documentElement.outerHTML.replace(/value="[0-9a-f]{64}"/g, '');
        let h = 2166136261;
        for (let i = 0; i < html.length; i++) { h ^= html.charCodeAt(i); h = Math.imul(h, 16777619); }
        const width = window.innerWidth, scroll = document.documentElement.scrollWidth;
        const describe = el => {
            const parts = [];
            for (let e = el; e && e !== document.body && parts.length < 5; e = e.parentElement) {
                let s = e.tagName.toLowerCase();
                if (e.id) s += '#' + e.id;
                s += [...e.classList].slice(0, 2).map(c => '.' + c).join('');
                parts.unshift(s);
            }
            return parts.join(' > ') + ' (right edge ' + Math.round(el.getBoundingClientRect().right) + ' px)';
        };
        let worst = [];
        if (scroll > width) {
            const out = [...document.body.querySelectorAll('*')].filter(e => {
                const r = e.getBoundingClientRect();
                return r.width > 0 && r.right > width + 0.5;
            });
            const leaves = out.filter(e => !out.some(o => o !== e && e.contains(o)));
            leaves.sort((a, b) => b.getBoundingClientRect().right - a.getBoundingClientRect().right);
            worst = leaves.slice(0, 4).map(describe);
        }
        return {fingerprint: String(h >>> 0) + ':' + html.length, width, scroll, worst};
    "#;
    let v = b.client.execute(script, vec![]).await.expect("the layout");
    let width = v["width"].as_u64().unwrap_or_default();
    let scroll = v["scroll"].as_u64().unwrap_or_default();
    Layout {
        fingerprint: v["fingerprint"].as_str().unwrap_or_default().to_string(),
        overflow: (scroll > width).then(|| {
            (
                scroll,
                width,
                v["worst"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default()
                    .iter()
                    .filter_map(|w| w.as_str().map(str::to_string))
                    .collect(),
            )
        }),
    }
}
