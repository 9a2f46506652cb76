//! Friendly failures: problem details in the request's language with a stable code; pages
//! that never show JSON or internals; an expired form that comes back to be sent again; error
//! pages that know who is signed in and show the way on; a field's error next to its field; a
//! request answered twice that leads back to the request with a notice.

use crate::common::{Browser, TestApp};
use axum::body::Body;
use axum::http::{Method, Request, header};
use peerlearn_testkit::TestDb;
use serde_json::{Value, json};

fn signup_request(accept_language: Option<&str>, body: &Value) -> Request<Body> {
    let mut request = Request::builder()
        .method(Method::POST)
        .uri("/api/v1/signup")
        .header(header::CONTENT_TYPE, "application/json");
    if let Some(lang) = accept_language {
        request = request.header(header::ACCEPT_LANGUAGE, lang);
    }
    request
        .body(Body::from(body.to_string()))
        .expect("a request")
}

/// The `errors[].message` of a problem, by field.
fn messages(problem: &Value) -> Vec<(String, String)> {
    problem["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| {
            (
                e["field"].as_str().expect("a field").to_string(),
                e["message"].as_str().expect("a message").to_string(),
            )
        })
        .collect()
}

/// Text as the browser reads it: character references (`&#39;`, `&#x27;`, `&amp;`) decoded.
fn unescape(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.find(';').filter(|e| *e <= 8);
        let decoded = end.and_then(|e| match &rest[1..e] {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            n if n.starts_with("#x") => u32::from_str_radix(&n[2..], 16)
                .ok()
                .and_then(char::from_u32),
            n if n.starts_with('#') => n[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        });
        match (decoded, end) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The `(name, value)` of every hidden input of the form posting to `action`, in order.
fn hidden_inputs(html: &str, action: &str) -> Vec<(String, String)> {
    let start = html
        .find(&format!("action=\"{action}\""))
        .expect("the form");
    let form = &html[start..];
    let form = &form[..form.find("</form>").expect("the form's end")];
    form.split("<input type=\"hidden\" name=\"")
        .skip(1)
        .map(|rest| {
            let (name, rest) = rest.split_once('"').expect("a name");
            let value = rest
                .split_once("value=\"")
                .and_then(|(_, v)| v.split_once('"'))
                .map_or("", |(v, _)| v);
            (unescape(name), unescape(value))
        })
        .collect()
}

/// Ana hosts a 30-minute one-on-one topic in an open community Bruno is in; both are free on
/// Monday 4 May 2026, 09:00–17:00 UTC (the clock shows Friday 1 May, noon).
struct Scene {
    app: TestApp,
    cid: String,
    tid: String,
    ana: String,
    bruno: String,
}

async fn scene(db: TestDb) -> Scene {
    let app = TestApp::new(db).await;
    let (cid, [ana, bruno]) = app
        .open_community_of([
            ("ana@example.org", "Ana Lima"),
            ("bruno@example.org", "Bruno Costa"),
        ])
        .await;
    for token in [&ana, &bruno] {
        app.free(token, &cid, "2026-05-04T09:00:00Z", "2026-05-04T17:00:00Z")
            .await;
    }
    let topic = app
        .post_json(
            &format!("/api/v1/communities/{cid}/topics"),
            &ana,
            json!({"kind": "offer", "title": "Property-based testing", "tags": ["testing"],
                   "format": "one_on_one", "mode": "virtual", "duration_minutes": 30}),
        )
        .await
        .ok(201)
        .clone();
    Scene {
        tid: topic["id"].as_str().expect("an id").to_string(),
        app,
        cid,
        ana,
        bruno,
    }
}

peerlearn_testkit::backend_tests! {
    async fn problems_speak_the_requests_language_and_keep_their_code(db: TestDb) {
        let app = TestApp::new(db).await;
        let bad = json!({"email": "not-an-email", "password": "short", "display_name": "Ana"});

        let fr = app.request(signup_request(Some("fr-FR,fr;q=0.9,en;q=0.5"), &bad)).await;
        let problem = fr.problem(422, "invalid_input");
        assert_eq!(problem["title"], "Certains champs sont à corriger");
        assert_eq!(
            messages(problem),
            [
                ("email".to_string(), "doit être une adresse e-mail comme ana@example.org".to_string()),
                ("password".to_string(), "doit faire au moins 8 caractères".to_string()),
            ]
        );
        assert!(
            problem["detail"].as_str().unwrap_or_default().starts_with("E-mail : doit être"),
            "{problem:#}"
        );

        let en = app.request(signup_request(None, &bad)).await;
        let problem = en.problem(422, "invalid_input");
        assert_eq!(problem["title"], "Some fields need a change");
        assert_eq!(
            messages(problem),
            [
                ("email".to_string(), "must be an email address like ana@example.org".to_string()),
                ("password".to_string(), "must be at least 8 characters".to_string()),
            ]
        );

        app.signup("ana@example.org", "Ana").await;
        let again = json!({"email": "ana@example.org", "password": crate::common::PASSWORD, "display_name": "Ana"});
        let fr = app.request(signup_request(Some("fr"), &again)).await;
        let problem = fr.problem(409, "email_taken");
        assert_eq!(problem["title"], "Conflit");
        assert_eq!(problem["detail"], "Un compte existe déjà avec cet e-mail ; connectez-vous plutôt.");
        let en = app.request(signup_request(None, &again)).await;
        let problem = en.problem(409, "email_taken");
        assert_eq!(problem["title"], "Conflict");
        assert_eq!(problem["detail"], "An account with this email already exists; sign in instead.");
        assert_eq!(app.store().count_users().await.expect("count"), 1);
    }

    async fn an_expired_form_comes_back_with_its_input_to_send_again(db: TestDb) {
        let app = TestApp::new(db).await;
        let (cid, [ana]) = app.open_community_of([("ana@example.org", "Ana Lima")]).await;
        let browser = app.browser(&ana).await;
        let path = format!("/c/{cid}/questions/new");
        let fields = [
            ("title", "How do I size a cluster?"),
            ("body", "Three nodes & <b>one</b> \"quoted\" word"),
            ("tags", "kubernetes, operations"),
        ];
        let same_site = [
            ("host", "peerlearn.test"),
            ("sec-fetch-site", "same-origin"),
            ("referer", "http://peerlearn.test/c/1/questions/new?x=1"),
        ];
        // The token is missing (the page was open for days, the browser restarted…).
        let expired = app.form_as(&browser, &path, &fields, &same_site).await;
        let html = expired.html_page(403);
        assert!(html.contains("Your form expired"), "{html}");
        assert!(html.contains("Ana Lima"), "the layout shows who is signed in: {html}");
        assert!(html.contains(&format!("action=\"{path}\"")), "{html}");
        assert!(html.contains("href=\"/c/1/questions/new?x=1\""), "back to the page: {html}");
        let resent = hidden_inputs(html, &path);
        let mut expected = vec![("csrf".to_string(), browser.csrf.clone())];
        expected.extend(fields.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        assert_eq!(resent, expected, "the same fields, with the visitor's token");
        assert_eq!(app.get(&format!("/api/v1/communities/{cid}/questions"), &ana).await.ok(200)["items"], json!([]));

        // One click sends it again, exactly as the page has it.
        let pairs: Vec<(&str, &str)> = resent.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let sent = app.form_as(&browser, &path, &pairs, &same_site).await;
        assert!(sent.status.is_redirection(), "{:#}", sent.json);
        let questions = app.get(&format!("/api/v1/communities/{cid}/questions"), &ana).await;
        assert_eq!(questions.ok(200)["items"][0]["title"], "How do I size a cluster?");

        // From another site: refused, and nothing is offered to be sent again.
        let cross = app.form_as(&browser, &path, &fields, &[("sec-fetch-site", "cross-site")]).await;
        let html = cross.html_page(403);
        assert!(html.contains("sent from another website"), "{html}");
        assert!(!html.contains("How do I size"), "{html}");

        // A password is never written into the page: it is asked again.
        let signin = app.form_as(&browser, "/signin", &[("email", "ana@example.org"), ("password", "secret words")], &same_site).await;
        let html = signin.html_page(403);
        assert!(!html.contains("secret words"), "{html}");
        assert!(html.contains("type=\"password\" name=\"password\""), "{html}");

        // A form that cannot be read is a page too, without the parser's words.
        let twice = app
            .form_as(&browser, &path, &[("csrf", browser.csrf.as_str()), ("title", "a"), ("title", "b")], &[])
            .await;
        let html = twice.html_page(400);
        assert!(!html.contains("duplicate"), "{html}");
        assert!(html.contains("The form could not be read"), "{html}");
    }

    async fn error_pages_show_who_is_signed_in_and_the_way_on(db: TestDb) {
        let app = TestApp::new(db).await;
        let (_, ana) = app.signup("ana@example.org", "Ana Lima").await;
        let (_, bruno) = app.signup("bruno@example.org", "Bruno Costa").await;
        let open = app.community(&ana, "open").await["id"].as_str().expect("an id").to_string();
        let closed = app.community(&ana, "invite").await["id"].as_str().expect("an id").to_string();
        let b = app.browser(&bruno).await;

        // An open community Bruno has not joined: joining is the way in.
        let html = app.page_as(Some(&b), &format!("/c/{open}/topics"), &[]).await.html_page(403).to_string();
        assert!(html.contains("Bruno Costa"), "{html}");
        assert!(!html.contains("href=\"/signin\""), "a signed-in member is not asked to sign in: {html}");
        assert!(html.contains("Join this community first."), "{html}");
        assert!(html.contains(&format!("action=\"/c/{open}/join\"")), "{html}");
        assert!(html.contains(&format!("value=\"{}\"", b.csrf)), "the button's form carries the token: {html}");
        assert!(html.contains(&format!("name=\"next\" value=\"/c/{open}/topics\"")), "and back here: {html}");
        let topics = format!("/c/{open}/topics");
        let joined = app.form_as(&b, &format!("/c/{open}/join"), &[("csrf", b.csrf.as_str()), ("next", &topics)], &[]).await;
        assert_eq!(joined.location(), format!("{topics}?notice=joined"));
        app.page_as(Some(&b), &format!("/c/{open}/topics"), &[]).await.html_page(200);

        // Invite-only and not his: not found, with why, in his browser's language.
        let html = app
            .page_as(Some(&b), &format!("/c/{closed}/topics"), &[("accept-language", "fr-CA,fr;q=0.9")])
            .await
            .html_page(404)
            .to_string();
        assert!(html.contains("Introuvable"), "{html}");
        assert!(unescape(&html).contains("demandez un lien d'invitation"), "{html}");
        assert!(html.contains("Bruno Costa") && html.contains("href=\"/communities\""), "{html}");

        // An organizer's page: not allowed, and back to the community.
        let html = app.page_as(Some(&b), &format!("/c/{open}/settings"), &[]).await.html_page(403).to_string();
        assert!(html.contains("Only organizers can do this."), "{html}");
        assert!(html.contains(&format!("href=\"/c/{open}\"")), "{html}");

        // No such page: signed in, the layout says so; signed out, sign in and come back.
        let html = app.page_as(Some(&b), "/no/such/page", &[]).await.html_page(404).to_string();
        assert!(html.contains("Bruno Costa"), "{html}");
        let html = app.page_as(None, "/no/such/page", &[]).await.html_page(404).to_string();
        assert!(html.contains("href=\"/signin?next=%2Fno%2Fsuch%2Fpage\""), "{html}");
    }

    async fn a_bad_proposed_time_is_shown_next_to_the_time_input(db: TestDb) {
        let s = scene(db).await;
        let b = s.app.browser(&s.bruno).await;
        let path = format!("/c/{}/topics/{}/request", s.cid, s.tid);
        let near_other = |html: &str, text: &str| {
            let html = &unescape(html);
            let input = html.find("name=\"other\"").expect("the time input");
            let error = html.find("id=\"other-error\"").expect("an error by the time input");
            let message = html.find("name=\"message\"").expect("the message box");
            assert!(input < error && error < message, "{html}");
            assert!(html[error..message].contains(text), "{text} in {html}");
            assert!(!html.contains("id=\"seats\""), "{html}");
        };

        let past = s.app.form_as(&b, &path, &[("csrf", b.csrf.as_str()), ("other", "2026-04-20T10:00"), ("message", "Hi")], &[]).await;
        let html = past.html_page(422).to_string();
        near_other(&html, "First time: must be in the future.");
        assert!(html.contains(">Hi</textarea>"), "the message is kept: {html}");

        let late = s.app.form_as(&b, &path, &[("csrf", b.csrf.as_str()), ("other", "2026-05-04T20:00")], &[]).await;
        let html = late.html_page(409).to_string();
        near_other(
            &html,
            "First time: must lie within the community's hours, 09:00–18:00 (UTC) on Mon 4 May 2026.",
        );

        let nothing = s.app.form_as(&b, &path, &[("csrf", b.csrf.as_str())], &[]).await;
        let html = nothing.html_page(422).to_string();
        assert!(html.contains("Choose at least one time."), "{html}");
        assert!(!html.contains("proposed_times"), "{html}");
        assert_eq!(s.app.get("/api/v1/me/requests", &s.bruno).await.ok(200)["items"], json!([]));
    }

    async fn a_request_answered_twice_leads_back_to_it_with_a_notice(db: TestDb) {
        let s = scene(db).await;
        let sent = s
            .app
            .post_json(
                &format!("/api/v1/topics/{}/requests", s.tid),
                &s.bruno,
                json!({"proposed_times": ["2026-05-04T10:00:00Z", "2026-05-04T11:00:00Z"]}),
            )
            .await
            .ok(201)
            .clone();
        let rid = sent["id"].as_str().expect("an id");
        let start = chrono::DateTime::parse_from_rfc3339("2026-05-04T10:00:00Z").expect("a time").timestamp().to_string();
        let (ana, bruno): (Browser, Browser) = (s.app.browser(&s.ana).await, s.app.browser(&s.bruno).await);
        let meetings = format!("/c/{}/meetings", s.cid);
        let answer = |verb: &str| format!("/c/{}/requests/{rid}/{verb}", s.cid);

        let accepted = s.app.form_as(&ana, &answer("accept"), &[("csrf", ana.csrf.as_str()), ("start", start.as_str())], &[]).await;
        assert_eq!(accepted.location(), format!("{meetings}?notice=meeting_confirmed"));
        let again_notice = format!("{meetings}?notice=request_already_answered");
        // The same click again, in another tab, or another answer after it.
        let again = s.app.form_as(&ana, &answer("accept"), &[("csrf", ana.csrf.as_str()), ("start", start.as_str())], &[]).await;
        assert_eq!(again.location(), again_notice);
        let again = s.app.form_as(&ana, &answer("decline"), &[("csrf", ana.csrf.as_str()), ("message", "Sorry")], &[]).await;
        assert_eq!(again.location(), again_notice);
        let again = s.app.form_as(&ana, &answer("propose"), &[("csrf", ana.csrf.as_str()), ("time", "2026-05-04T15:00")], &[]).await;
        assert_eq!(again.location(), again_notice);
        let again = s.app.form_as(&bruno, &answer("withdraw"), &[("csrf", bruno.csrf.as_str())], &[]).await;
        assert_eq!(again.location(), again_notice);

        let html = s.app.page_as(Some(&ana), &again_notice, &[]).await.html_page(200).to_string();
        assert!(html.contains("This request was already answered"), "{html}");
        let meetings = s.app.get("/api/v1/me/meetings", &s.ana).await;
        assert_eq!(meetings.ok(200)["items"].as_array().map(Vec::len), Some(1), "one meeting, confirmed once");
    }
}
