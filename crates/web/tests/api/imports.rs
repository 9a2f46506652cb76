//! Importing attendees from a CSV file: the preview writes nothing but the staged file; the
//! confirmation creates accounts, memberships and invitations in one transaction; the
//! invitation emails (read from a real local SMTP server) carry a single-use link that lets a
//! new account choose its password; organizers see who joined and re-send, at most once an
//! hour per person. Bad files get a clear 422 and write nothing.

use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::http::{Method, Request, header};
use peerlearn_testkit::TestDb;
use peerlearn_web::mailer::SmtpMailer;
use peerlearn_web::{Config, ManualClock, notify};
use serde_json::{Value, json};

use crate::common::{Browser, Reply, TestApp, now};
use crate::notifications::{mails_to, smtp_sink};

type Sink = Arc<Mutex<Vec<String>>>;

async fn app_with_mail(db: TestDb, clock: Arc<ManualClock>) -> (TestApp, Sink) {
    let (port, mails) = smtp_sink().await;
    let mailer = Arc::new(
        SmtpMailer::new(
            &format!("smtp://127.0.0.1:{port}"),
            "peerlearn <noreply@example.org>",
        )
        .expect("mailer"),
    );
    let app = TestApp::with_clock(db, Config::default(), clock).with_mailer(mailer);
    (app, mails)
}

/// Sends what is queued, then the path of the last invitation link mailed to `address`.
async fn invitation_link(app: &TestApp, mails: &Sink, address: &str) -> Option<String> {
    notify::run_due(&app.state).await.expect("the worker runs");
    mails_to(mails, address).last().and_then(|m| {
        let start = m.text.find("/invitations/")?;
        Some(
            m.text[start..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '/')
                .collect(),
        )
    })
}

async fn upload(app: &TestApp, cid: &str, token: &str, csv: &[u8]) -> Reply {
    app.send(
        Method::POST,
        &format!("/api/v1/communities/{cid}/imports"),
        token,
        Some(("text/csv", csv.to_vec())),
    )
    .await
}

/// The message id of the one row problem on `line`.
fn problem_on(view: &Value, line: u64) -> String {
    view["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r["line"] == line)
        .map(|r| {
            r["problem"]["code"]
                .as_str()
                .unwrap_or_default()
                .to_string()
        })
        .unwrap_or_default()
}

/// A page form with a file, as a browser sends it.
async fn upload_page(app: &TestApp, browser: &Browser, cid: &str, csv: &[u8]) -> Reply {
    let boundary = "----peerlearnTestBoundary7MA4YWxk";
    let mut body = Vec::new();
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{}\r\n\
             --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"people.csv\"\r\n\
             Content-Type: text/csv\r\n\r\n",
            browser.csrf
        )
        .as_bytes(),
    );
    body.extend_from_slice(csv);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let request = Request::builder()
        .method(Method::POST)
        .uri(format!("/c/{cid}/import"))
        .header(header::COOKIE, &browser.cookies)
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(Body::from(body))
        .expect("a request");
    app.request(request).await
}

const FILE: &str = "\u{FEFF}Email,Name,Team,Tags,Language\n\
    Ana@Example.org,Ana Lima,Platform,Rust; Machine Learning,fr\n\
    bob@example.org,Bob,Design,,\n\
    cara@example.org,Cara,Ops,,\n\
    not-an-email,Dan,,,\n\
    ana@example.org,Ana again,,,\n\
    eve@example.org,admin\u{202E}gnp.exe,,,\n\
    fay@example.org,Fay,,,de\n";

peerlearn_testkit::backend_tests! {
    async fn a_file_is_previewed_then_confirmed_and_invitees_join_with_their_link(db: TestDb) {
        let clock = Arc::new(ManualClock::new(now()));
        let (app, mails) = app_with_mail(db, clock.clone()).await;
        let (_, org) = app.signup("org@example.org", "Olga").await;
        let community = app.community(&org, "invite").await;
        let cid = community["id"].as_str().expect("an id").to_string();
        let code = community["invite_code"].as_str().expect("a code").to_string();
        let (_, bob) = app.signup("bob@example.org", "Bob").await;
        let (_, cara) = app.signup("cara@example.org", "Cara").await;
        app.join(&cara, &cid, Some(&code)).await;
        let users_before = app.store().count_users().await.unwrap();

        // The preview: what would happen to each row, and why a row cannot be imported.
        let preview = upload(&app, &cid, &org, FILE.as_bytes()).await.ok(201).clone();
        assert_eq!(preview["status"], "staged");
        assert_eq!(preview["counts"], json!({"rows": 7, "new_accounts": 1, "existing_accounts": 1, "already_members": 1, "errors": 4}));
        assert_eq!(problem_on(&preview, 5), "invalid-email");
        assert_eq!(problem_on(&preview, 6), "invalid-import-duplicate");
        assert_eq!(problem_on(&preview, 7), "invalid-direction-characters");
        assert_eq!(problem_on(&preview, 8), "invalid-import-language");
        let errors = app.get(&format!("/api/v1/communities/{cid}/imports/{}?outcome=error&limit=2", preview["id"].as_str().unwrap()), &org).await.ok(200).clone();
        assert_eq!(errors["rows"].as_array().unwrap().len(), 2);
        assert_eq!(errors["next_cursor"], "2");
        // Nothing but the staged file was written.
        assert_eq!(app.store().count_users().await.unwrap(), users_before);
        assert!(mails.lock().unwrap().is_empty());
        // A member who is not an organizer can neither upload nor confirm.
        upload(&app, &cid, &cara, FILE.as_bytes()).await.problem(403, "forbidden");
        let iid = preview["id"].as_str().unwrap().to_string();
        let confirm = format!("/api/v1/communities/{cid}/imports/{iid}/confirm");
        app.send(Method::POST, &confirm, &cara, None).await.problem(403, "forbidden");

        let done = app.send(Method::POST, &confirm, &org, None).await.ok(200).clone();
        assert_eq!(done["status"], "confirmed");
        assert_eq!((done["accounts_created"].as_i64(), done["members_added"].as_i64()), (Some(1), Some(2)));
        app.send(Method::POST, &confirm, &org, None).await.problem(409, "import_not_staged");
        assert_eq!(app.store().count_users().await.unwrap(), users_before + 1);

        // Ana's new account has her team and tags, and no password yet.
        let members = app.get(&format!("/api/v1/communities/{cid}/members?q=Ana"), &org).await.ok(200).clone();
        let ana = &members["items"][0];
        assert_eq!(ana["display_name"], "Ana Lima", "{members:#}");
        assert_eq!(ana["team"], "Platform");
        assert_eq!(ana["wants"], json!(["machine learning", "rust"]), "{ana:#}");
        app.post_json("/api/v1/tokens", "", json!({"email": "ana@example.org", "password": ""})).await.problem(401, "bad_credentials");

        // Emails: Ana is invited (in French, her language), Bob is told he was added.
        let ana_link = invitation_link(&app, &mails, "ana@example.org").await.expect("Ana's invitation");
        let ana_mail = mails_to(&mails, "ana@example.org").pop().unwrap();
        assert!(ana_mail.subject.contains("Vous êtes invité"), "{}", ana_mail.subject);
        assert!(ana_mail.text.contains("14 jours"));
        let bob_link = invitation_link(&app, &mails, "bob@example.org").await.expect("Bob's email");
        assert!(mails_to(&mails, "bob@example.org").pop().unwrap().subject.contains("You were added to Guild"));
        assert!(mails_to(&mails, "cara@example.org").is_empty(), "members already are not emailed");

        // The organizer sees nobody joined yet.
        let list = app.get(&format!("/api/v1/communities/{cid}/invitations?status=pending"), &org).await.ok(200).clone();
        assert_eq!(list["items"].as_array().unwrap().len(), 2);

        // Ana opens her link (which changes nothing), chooses a password and lands in the community.
        assert!(app.page(&ana_link, "").await.html_page(200).contains("name=\"password\""));
        let short = app.form(&ana_link, "", &[("password", "short")]).await;
        short.html_page(422);
        let joined = app.form(&ana_link, "", &[("password", "a brand new secret")]).await;
        assert_eq!(joined.location(), format!("/c/{cid}?notice=invitation_joined"));
        let session = joined.cookie("pl_session").expect("signed in");
        assert!(app.page(&format!("/c/{cid}"), &session).await.html_page(200).contains("Guild"));
        app.post_json("/api/v1/tokens", "", json!({"email": "ana@example.org", "password": "a brand new secret"})).await.ok(201);
        // The link works once.
        assert!(app.form(&ana_link, "", &[("password", "another secret")]).await.html_page(410).contains("no longer works"));

        // Re-sending to Bob: not within the hour, then with a new link that replaces the old.
        let bob_invitation = app.get(&format!("/api/v1/communities/{cid}/invitations?status=pending"), &org).await.ok(200)["items"][0].clone();
        assert_eq!(bob_invitation["email"], "bob@example.org");
        let resend = format!("/api/v1/communities/{cid}/invitations/{}/resend", bob_invitation["id"].as_str().unwrap());
        app.send(Method::POST, &resend, &org, None).await.problem(429, "too_many_attempts");
        clock.set(now() + chrono::Duration::minutes(61));
        let again = app.send(Method::POST, &resend, &org, None).await.ok(200).clone();
        assert_eq!(again["sends"], 2);
        let new_link = invitation_link(&app, &mails, "bob@example.org").await.expect("a new email");
        assert_ne!(new_link, bob_link);
        app.page(&bob_link, "").await.html_page(410);
        // Bob has a password: his link only marks him as joined and leads to the community.
        let page = app.page(&new_link, "").await;
        assert!(!page.html_page(200).contains("name=\"password\""));
        let bob_browser = app.browser(&bob).await;
        let landed = app.form_as(&bob_browser, &new_link, &[("csrf", &bob_browser.csrf)], &[]).await;
        assert_eq!(landed.location(), format!("/c/{cid}?notice=invitation_joined"));
        let joined = app.get(&format!("/api/v1/communities/{cid}/invitations?status=joined"), &org).await.ok(200).clone();
        assert_eq!(joined["items"].as_array().unwrap().len(), 2);
        app.send(Method::POST, &resend, &org, None).await.problem(409, "already_joined");
    }

    async fn bad_files_get_a_clear_reason_and_write_nothing(db: TestDb) {
        let app = TestApp::new(db).await;
        let (_, org) = app.signup("org@example.org", "Olga").await;
        let cid = app.community(&org, "open").await["id"].as_str().unwrap().to_string();
        let users = app.store().count_users().await.unwrap();
        let refused = |reply: Reply, id: &str| {
            let body = reply.problem(422, "invalid_input").clone();
            assert_eq!(body["errors"][0]["field"], "file", "{body:#}");
            assert!(!body["errors"][0]["message"].as_str().unwrap_or_default().contains("invalid-"), "{body:#}");
            let _ = id;
        };
        refused(upload(&app, &cid, &org, b"").await, "empty");
        refused(upload(&app, &cid, &org, b"email,name,team\nana@x.org,Ana\xff,\n").await, "encoding");
        let missing = upload(&app, &cid, &org, b"email,team\nana@x.org,Ops\n").await;
        assert!(missing.json["detail"].as_str().unwrap_or_default().contains("name"), "{:#}", missing.json);
        refused(missing, "missing");
        let mut many = String::from("email,name,team\n");
        for i in 0..20_001 {
            many.push_str(&format!("p{i}@example.org,P {i},\n"));
        }
        let too_many = upload(&app, &cid, &org, many.as_bytes()).await;
        assert!(too_many.json["detail"].as_str().unwrap_or_default().contains("20"), "{:#}", too_many.json);
        refused(too_many, "rows");
        let big = vec![b'a'; 5 * 1024 * 1024 + 1];
        refused(upload(&app, &cid, &org, &big).await, "size");
        // Beyond what the route reads at all, the same answer.
        refused(upload(&app, &cid, &org, &vec![b'a'; 6 * 1024 * 1024]).await, "body");
        app.send(Method::POST, &format!("/api/v1/communities/{cid}/imports"), &org, Some(("application/json", b"{}".to_vec()))).await.problem(415, "unsupported_media_type");
        // In French too.
        let request = Request::builder()
            .method(Method::POST)
            .uri(format!("/api/v1/communities/{cid}/imports"))
            .header(header::AUTHORIZATION, format!("Bearer {org}"))
            .header(header::CONTENT_TYPE, "text/csv")
            .header(header::ACCEPT_LANGUAGE, "fr")
            .body(Body::from("mail\nana@x.org\n"))
            .expect("a request");
        let fr = app.request(request).await;
        assert!(fr.json["detail"].as_str().unwrap_or_default().contains("colonnes obligatoires"), "{:#}", fr.json);
        assert_eq!(app.store().count_users().await.unwrap(), users);
        app.get(&format!("/api/v1/communities/{cid}/imports/1"), &org).await.problem(404, "not_found");
        app.get(&format!("/api/v1/communities/{cid}/invitations"), &org).await.ok(200);
    }

    async fn organizers_import_through_the_pages(db: TestDb) {
        let app = TestApp::new(db).await;
        let (_, org) = app.signup("org@example.org", "Olga").await;
        let cid = app.community(&org, "open").await["id"].as_str().unwrap().to_string();
        let browser = app.browser(&org).await;
        let form = app.page_as(Some(&browser), &format!("/c/{cid}/import"), &[]).await;
        assert!(form.html_page(200).contains("enctype=\"multipart/form-data\""));
        // A file with a missing column comes back to the form with why.
        let bad = upload_page(&app, &browser, &cid, b"email,name\nana@x.org,Ana\n").await;
        assert!(bad.html_page(422).contains("acks required columns: team"), "{}", bad.html());
        // A good one shows its preview, paged.
        let mut csv = String::from("email,name,team,tags\nnot-an-email,Dan,,\n");
        for i in 0..60 {
            csv.push_str(&format!("p{i}@example.org,Person {i},Team {},Rust|SQL\n", i % 3));
        }
        let staged = upload_page(&app, &browser, &cid, csv.as_bytes()).await;
        let preview_path = staged.location().to_string();
        let preview = app.page_as(Some(&browser), &preview_path, &[]).await;
        let html = preview.html_page(200);
        assert!(html.contains("new accounts"), "{html}");
        assert!(html.contains("Import and invite 60 people"));
        assert!(html.contains("Next page"), "60 + 1 rows are paged");
        let errors = app.page_as(Some(&browser), &format!("{preview_path}?show=error"), &[]).await;
        assert!(errors.html_page(200).contains("Email: must be an email address"), "{}", errors.html());
        // A CSRF field that does not match is refused.
        let forged = Browser { cookies: browser.cookies.clone(), csrf: "0".repeat(64) };
        assert_eq!(upload_page(&app, &forged, &cid, csv.as_bytes()).await.status.as_u16(), 403);
        // Confirming leads to the invitations, all waiting.
        let confirmed = app.form_as(&browser, &format!("{preview_path}/confirm"), &[("csrf", &browser.csrf)], &[]).await;
        assert_eq!(confirmed.location(), format!("/c/{cid}/invitations?notice=import_done"));
        let list = app.page_as(Some(&browser), confirmed.location(), &[]).await;
        let html = list.html_page(200);
        assert!(html.contains("60") && html.contains("Person 59"), "{html}");
        assert!(html.contains("Send again to the 60 who have not joined"));
        // Re-sending to all within the hour skips everyone.
        let resent = app.form_as(&browser, &format!("/c/{cid}/invitations/resend"), &[("csrf", &browser.csrf)], &[]).await;
        let page = app.page_as(Some(&browser), resent.location(), &[]).await;
        assert!(page.html_page(200).contains("60 people got one less than an hour ago"), "{}", page.html());
        // The preview now says what was done, and cannot be confirmed again.
        let after = app.page_as(Some(&browser), &preview_path, &[]).await;
        assert!(after.html_page(200).contains("60 new accounts, 60 people added"), "{}", after.html());
        let twice = app.form_as(&browser, &format!("{preview_path}/confirm"), &[("csrf", &browser.csrf)], &[]).await;
        twice.html_page(409);
    }
}
