//! Every page of the tour in the pseudo-locale `en-XA`: any ASCII word a person reads that is not
//! technical is text that did not go through a translation. The failure lists each one with its
//! page and where on the page it is, for the people converting templates.

use std::collections::BTreeMap;

use axum::body::Body;
use axum::http::{Method, Request, header};

use super::scan::{html_lang, shown_text, untranslated_words};
use super::{Stop, World};
use crate::common::Reply;

/// The CSRF token of the forms these checks send (cookie and field).
const CSRF: &str = "e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0";

/// A page as a browser asks for it in `lang`, by the language cookie (when `cookie`) and
/// `Accept-Language`; a form's answer is posted as a browser posts it.
async fn page_in(world: &World, stop: &Stop, lang: &str, cookie: bool) -> Reply {
    let mut cookies = format!("pl_csrf={CSRF}; {}", world.session(stop.who));
    let token = crate::common::session_csrf(&cookies).unwrap_or_else(|| CSRF.to_string());
    if cookie {
        cookies = format!("pl_lang={lang}; {cookies}");
    }
    let request = Request::builder()
        .uri(&stop.path)
        .header(header::COOKIE, cookies)
        .header(header::ACCEPT_LANGUAGE, lang);
    let request = match &stop.form {
        None => request.body(Body::empty()),
        Some(form) => {
            let body = url::form_urlencoded::Serializer::new(String::new())
                .append_pair("csrf", &token)
                .extend_pairs(form.fields.iter().map(|(k, v)| (*k, v.as_str())))
                .finish();
            request
                .method(Method::POST)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(body))
        }
    };
    world.app.request(request.expect("a request")).await
}

/// The inbox entries of whoever opens `stop`: each is written once, in its recipient's own
/// language, when it is sent (the notifications tests check that); the seeded people chose no
/// language, so theirs are in English whatever the page is shown in.
async fn stored_messages(world: &World, stop: &Stop) -> Vec<String> {
    if !stop.path.ends_with("/inbox") {
        return Vec::new();
    }
    let request = Request::builder()
        .uri(format!(
            "/api/v1/communities/{}/notifications?limit=100",
            world.cid
        ))
        .header(header::COOKIE, world.session(stop.who))
        .body(Body::empty())
        .expect("a request");
    let reply = world.app.request(request).await;
    reply.json["items"]
        .as_array()
        .map(|items| {
            items
                .iter()
                .flat_map(|n| [n["title"].as_str(), n["body"].as_str()])
                .flatten()
                .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn every_page_in_the_pseudo_locale_shows_only_translated_text() {
    let world = World::new().await;
    let codes = [world.invite_code.as_str(), world.other_invite_code.as_str()];
    // Page (name, who, path) → the untranslated strings on it, each once.
    let mut found: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    let mut total = 0;
    for stop in world.stops() {
        let reply = page_in(&world, &stop, "en-XA", true).await;
        assert_eq!(
            reply.status.as_u16(),
            stop.status,
            "{} ({}) {}",
            stop.name,
            stop.who.as_str(),
            stop.path
        );
        let stored = stored_messages(&world, &stop).await;
        let mut lines: Vec<String> = Vec::new();
        for shown in shown_text(reply.html()) {
            let text = shown.text.split_whitespace().collect::<Vec<_>>().join(" ");
            if !text.is_empty() && stored.iter().any(|m| m.contains(&text)) {
                continue;
            }
            let words = untranslated_words(&shown.text, &codes);
            if words.is_empty() {
                continue;
            }
            let line = format!("{}: {:?}", shown.place, shown.text);
            if !lines.contains(&line) {
                lines.push(line);
            }
        }
        if !lines.is_empty() {
            total += lines.len();
            found.insert(
                (
                    stop.name.to_string(),
                    format!("{}, {}", stop.who.as_str(), stop.path),
                ),
                lines,
            );
        }
    }
    if found.is_empty() {
        return;
    }
    panic!("{}", report(&found, total, world.stops().len()));
}

/// The findings, strings shared by many pages (the layout, shared partials) first and once,
/// then each page's own.
fn report(found: &BTreeMap<(String, String), Vec<String>>, total: usize, pages: usize) -> String {
    let mut on_pages: BTreeMap<&str, usize> = BTreeMap::new();
    for lines in found.values() {
        for line in lines {
            *on_pages.entry(line.as_str()).or_default() += 1;
        }
    }
    let shared = |line: &str| on_pages.get(line).is_some_and(|n| *n >= SHARED);
    let mut out = format!(
        "{total} untranslated strings on {} of {pages} pages (rendered in en-XA every translated \
         letter is accented, so a plain ASCII word did not go through a translation).\n\
         \n== On {SHARED} or more pages (the layout, shared partials), with how many pages:\n",
        found.len(),
    );
    let mut common: Vec<(&str, usize)> = on_pages
        .iter()
        .filter(|(_, n)| **n >= SHARED)
        .map(|(l, n)| (*l, *n))
        .collect();
    common.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    for (line, n) in common {
        out.push_str(&format!("   [{n:>2}] {line}\n"));
    }
    for ((name, page), lines) in found {
        let own: Vec<&String> = lines.iter().filter(|l| !shared(l)).collect();
        if own.is_empty() {
            continue;
        }
        out.push_str(&format!("\n== {name} ({page}): {}\n", own.len()));
        for line in own {
            out.push_str(&format!("   {line}\n"));
        }
    }
    out
}

/// A string on this many pages is listed once, with the layout's.
const SHARED: usize = 4;

#[tokio::test]
async fn html_lang_is_the_language_asked_for() {
    let world = World::new().await;
    let mut wrong = Vec::new();
    for stop in world.stops() {
        for lang in ["en", "fr", "en-XA"] {
            for cookie in [true, false] {
                let reply = page_in(&world, &stop, lang, cookie).await;
                let got = html_lang(reply.html());
                if got.as_deref() != Some(lang) {
                    wrong.push(format!(
                        "{} ({}) {} asked for {lang} by {}: <html lang={got:?}>",
                        stop.name,
                        stop.who.as_str(),
                        stop.path,
                        if cookie { "cookie" } else { "Accept-Language" },
                    ));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "pages in the wrong language:\n{}",
        wrong.join("\n")
    );
}
