//! A member books a meeting with the keyboard only: the skip link, the tab bar to the topic
//! market, a topic, one of the suggested times and the request button, with Tab, Enter and
//! Space. Wherever the focus lands it is visible, and the tab bar marks the current page.
//!
//! Skipped with a notice when chromedriver is not installed, unless `CI=true`.

use axum::body::Body;
use axum::http::{Request, header};
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use serde_json::Value;

use super::chrome::{Viewport, choose, served_world, set_viewport};
use super::{Who, World};
use crate::browser_support::{Browser, start_chromedriver};

/// The most Tab presses to reach any one target.
const MAX_TABS: usize = 120;

async fn press(b: &Browser, key: char) {
    let actions = KeyActions::new("keyboard".to_string())
        .then(KeyAction::Down { value: key })
        .then(KeyAction::Up { value: key });
    b.client
        .perform_actions(actions)
        .await
        .expect("a key press");
}

async fn type_text(b: &Browser, text: &str) {
    let mut actions = KeyActions::new("keyboard".to_string());
    for c in text.chars() {
        actions = actions
            .then(KeyAction::Down { value: c })
            .then(KeyAction::Up { value: c });
    }
    b.client.perform_actions(actions).await.expect("typing");
}

/// Presses Shift+Tab.
async fn press_back(b: &Browser) {
    let (shift, tab): (char, char) = (Key::Shift.into(), Key::Tab.into());
    let actions = KeyActions::new("keyboard".to_string())
        .then(KeyAction::Down { value: shift })
        .then(KeyAction::Down { value: tab })
        .then(KeyAction::Up { value: tab })
        .then(KeyAction::Up { value: shift });
    b.client.perform_actions(actions).await.expect("Shift+Tab");
}

/// Runs `script` once the browser has drawn two more frames (the focus has settled).
async fn after_frames(b: &Browser, script: &str, args: Vec<Value>) -> Value {
    let wrapped = format!(
        "const done = arguments[arguments.length - 1]; const args = [...arguments].slice(0, -1); \
         requestAnimationFrame(() => requestAnimationFrame(() => done((function () {{ {script} }}).apply(null, args))));"
    );
    b.client
        .execute_async(&wrapped, args)
        .await
        .expect("a script in the page")
}

/// What the focused element and its surroundings look like: the outline and box shadow of the
/// element, its `::before`/`::after`, its next sibling and six ancestors (a ring may be drawn
/// on a card or a label through `:has()`, or on the element after a hidden radio).
const LOOKS: &str = r#"
    window.__tourLooks = el => {
        const nodes = [el];
        if (el.nextElementSibling) nodes.push(el.nextElementSibling);
        for (let a = el.parentElement, i = 0; a && a !== document.body && i < 6; a = a.parentElement, i++) {
            nodes.push(a);
        }
        const look = (e, pseudo) => {
            const s = getComputedStyle(e, pseudo);
            return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow].join('|');
        };
        return nodes.flatMap((n, i) => i === 0 ? [look(n), look(n, '::before'), look(n, '::after')] : [look(n)]);
    };
"#;

/// Presses Tab and answers the focused element (a description) and whether it matches `css`;
/// then checks that the focus shows: leaving the element with Shift+Tab changes an outline or a
/// box shadow on it or around it, and Tab brings the focus back.
async fn step(b: &Browser, css: &str) -> (String, bool, bool) {
    press(b, Key::Tab.into()).await;
    let script = format!(
        "{LOOKS} const el = document.activeElement; \
         if (!el || el === document.body) return ['body', false]; \
         window.__tourFocused = el; window.__tourSeen = window.__tourLooks(el); \
         let d = el.tagName.toLowerCase(); \
         for (const a of ['id', 'name', 'href', 'type', 'value']) {{ \
             if (el.getAttribute(a)) d += `[${{a}}=\"${{el.getAttribute(a)}}\"]`; }} \
         return [d, el.matches(arguments[0]), \
             ['date', 'datetime-local', 'time', 'month', 'week'].includes(el.type)];"
    );
    let v = after_frames(b, &script, vec![Value::from(css)]).await;
    let element = v[0].as_str().unwrap_or_default().to_string();
    let matches = v[1].as_bool().unwrap_or(false);
    if element == "body" {
        return (element, false, true);
    }
    // A date or time input keeps the focus on Shift+Tab (it moves between its own day, month
    // and year): check instead that, focused, it shows a ring (an outline or a box shadow).
    if v[2].as_bool().unwrap_or(false) {
        let ring = after_frames(
            b,
            "const s = getComputedStyle(window.__tourFocused); \
             return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) \
                 || s.boxShadow !== 'none';",
            vec![],
        )
        .await
        .as_bool()
        .unwrap_or(false);
        return (element, matches, ring);
    }
    press_back(b).await;
    let changed = after_frames(
        b,
        "const now = window.__tourLooks(window.__tourFocused); \
         return now.some((l, i) => l !== window.__tourSeen[i]);",
        vec![],
    )
    .await
    .as_bool()
    .unwrap_or(false);
    // Tab brings the focus back, unless Shift+Tab left the page (from its first stop): then
    // the element is given the focus again, as Tab from outside the page would.
    press(b, Key::Tab.into()).await;
    let back = after_frames(
        b,
        "if (document.activeElement === window.__tourFocused) return true; \
         window.__tourFocused.focus(); return document.activeElement === window.__tourFocused;",
        vec![],
    )
    .await
    .as_bool()
    .unwrap_or(false);
    assert!(back, "Shift+Tab then Tab does not return to {element}");
    (element, matches, changed)
}

/// Presses Tab until `css` has the focus, checking each stop's focus is visible; fails with the
/// page's Tab order when the focus goes all the way round without reaching it.
async fn tab_to(b: &Browser, css: &str, invisible: &mut Vec<String>) {
    let mut order = Vec::new();
    for _ in 0..MAX_TABS {
        let (element, matches, visible) = step(b, css).await;
        if element == "body" && !order.is_empty() {
            break;
        }
        if !visible && element != "body" && !invisible.contains(&element) {
            invisible.push(element.clone());
        }
        if matches {
            return;
        }
        order.push(element);
    }
    panic!(
        "{css} is not reached with Tab on {:?}; the Tab order is:\n{}",
        b.client.current_url().await.map(|u| u.path().to_string()),
        order.join("\n")
    );
}

/// The current tab bar item's link, once the page at `path_end` has loaded.
async fn current_tab(b: &Browser, path_end: &str) -> Option<String> {
    b.wait_for(
        fantoccini::Locator::Css(&format!("nav .tabbar a[href$='{path_end}']")),
        path_end,
    )
    .await;
    b.client
        .execute(
            "const a = document.querySelector('nav .tabbar [aria-current=\"page\"]'); \
             return a ? a.getAttribute('href') : null;",
            vec![],
        )
        .await
        .expect("the tab bar")
        .as_str()
        .map(str::to_string)
}

/// The member's requests, from the API with their session cookie.
async fn my_requests(world: &World) -> Value {
    let request = Request::builder()
        .uri("/api/v1/me/requests")
        .header(header::COOKIE, world.session(Who::Member))
        .body(Body::empty())
        .expect("a request");
    world.app.request(request).await.ok(200).clone()
}

#[tokio::test]
async fn a_member_books_a_meeting_with_the_keyboard_only() {
    let Some((_driver, port)) = start_chromedriver().await else {
        return;
    };
    let (world, base) = served_world().await;
    let b = Browser::new(port).await;
    set_viewport(&b, Viewport::Laptop).await;
    choose(&b, &base, &world, Who::Member, "light", "en").await;
    let c = format!("/c/{}", world.cid);
    let before = my_requests(&world).await["items"]
        .as_array()
        .map_or(0, Vec::len);
    let mut invisible = Vec::new();

    // The skip link comes first and leads to the main content.
    b.client
        .goto(&format!("{base}{c}"))
        .await
        .expect("community home");
    let (first, is_skip_link, visible) = step(&b, "a.skip-link[href='#main']").await;
    assert!(
        is_skip_link,
        "the first Tab stop is the skip link a.skip-link[href='#main'], not {first}"
    );
    assert!(visible, "the skip link shows when it has the focus");
    press(&b, Key::Enter.into()).await;
    let at_main: bool = b
        .client
        .execute(
            "const m = document.getElementById('main'); \
             return !!m && (location.hash === '#main') && \
                    (document.activeElement === m || m.contains(document.activeElement) || \
                     document.activeElement === document.body);",
            vec![],
        )
        .await
        .expect("after the skip link")
        .as_bool()
        .unwrap_or(false);
    assert!(at_main, "the skip link leads to #main");
    assert_eq!(
        current_tab(&b, &c).await.as_deref(),
        Some(c.as_str()),
        "the tab bar marks Home as the current page"
    );

    // To the topic market through the tab bar, then to Δήμητρα's offer.
    b.client
        .goto(&format!("{base}{c}"))
        .await
        .expect("community home");
    tab_to(
        &b,
        &format!("nav .tabbar a[href='{c}/topics']"),
        &mut invisible,
    )
    .await;
    press(&b, Key::Enter.into()).await;
    let topics = format!("{c}/topics");
    b.client
        .wait()
        .for_url(&url::Url::parse(&format!("{base}{topics}")).expect("a URL"))
        .await
        .expect("the topic market opens");
    assert_eq!(
        current_tab(&b, "/topics").await.as_deref(),
        Some(topics.as_str()),
        "the tab bar marks the topic market as the current page"
    );
    let topic = format!("{c}/topics/{}", world.offer_topic);
    tab_to(&b, &format!("main a[href='{topic}']"), &mut invisible).await;
    press(&b, Key::Enter.into()).await;
    b.wait_for(
        fantoccini::Locator::Css("form[action$='/request'] input[name=slot]"),
        "the suggested times",
    )
    .await;

    // The first suggested time, a message, and the request.
    tab_to(
        &b,
        "form[action$='/request'] input[name=slot]",
        &mut invisible,
    )
    .await;
    press(&b, Key::Space.into()).await;
    let chosen: bool = b
        .client
        .execute("return document.activeElement.checked === true;", vec![])
        .await
        .expect("the time")
        .as_bool()
        .unwrap_or(false);
    assert!(chosen, "Space chooses the focused time");
    tab_to(
        &b,
        "form[action$='/request'] [name=message]",
        &mut invisible,
    )
    .await;
    type_text(&b, "Θα ήθελα να δούμε ένα αργό σενάριο.").await;
    tab_to(
        &b,
        "form[action$='/request'] button[type=submit]",
        &mut invisible,
    )
    .await;
    press(&b, Key::Enter.into()).await;
    b.wait_for(
        fantoccini::Locator::Css(".toast[role=status]"),
        "the request is sent",
    )
    .await;

    let after = my_requests(&world).await;
    let items = after["items"].as_array().cloned().unwrap_or_default();
    assert_eq!(items.len(), before + 1, "one more request: {after:#}");
    assert!(
        after
            .to_string()
            .contains("Θα ήθελα να δούμε ένα αργό σενάριο."),
        "the request carries the message: {after:#}"
    );
    assert!(
        invisible.is_empty(),
        "the focus does not show (no outline or box shadow changes on the element, its \
         ::before/::after, next sibling or ancestors when it gets the focus) on:\n{}",
        invisible.join("\n")
    );
    b.client.close().await.expect("close the browser");
}
