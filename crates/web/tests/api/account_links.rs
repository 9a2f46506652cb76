//! Links sent by email, read from a real local SMTP server: "Forgot your password?" (the same
//! answer for any address; single-use, 30 minutes, replaced by a newer link or a password
//! change; other sessions end) and a new email address confirmed by a link to it.

use std::sync::{Arc, Mutex};

use peerlearn_testkit::TestDb;
use peerlearn_web::mailer::SmtpMailer;
use peerlearn_web::{Config, ManualClock, notify};
use serde_json::json;

use crate::common::{PASSWORD, TestApp, now};
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

/// Sends what is queued, then the path of the last link mailed to `address` under `prefix`.
async fn last_link(app: &TestApp, mails: &Sink, address: &str, prefix: &str) -> Option<String> {
    notify::run_due(&app.state).await.expect("the worker runs");
    mails_to(mails, address).last().and_then(|m| {
        let start = m.text.find(prefix)?;
        let path: String = m.text[start..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '/')
            .collect();
        Some(path)
    })
}

async fn ask_reset(app: &TestApp, email: &str) -> String {
    let reply = app.form("/password/forgot", "", &[("email", email)]).await;
    reply.html_page(200).to_string()
}

peerlearn_testkit::backend_tests! {
    async fn a_forgotten_password_is_reset_once_with_a_link_by_email(db: TestDb) {
        let clock = Arc::new(ManualClock::new(now()));
        let (app, mails) = app_with_mail(db, clock.clone()).await;
        let (_, token) = app.signup("ana@example.org", "Ana").await;
        let signin = app.page("/signin", "").await;
        assert!(signin.html().contains("href=\"/password/forgot\""), "the sign-in page offers it");
        // The same answer for an account and for nobody; only the account gets an email.
        let known = ask_reset(&app, "Ana@Example.org").await;
        let unknown = ask_reset(&app, "nobody@example.org").await;
        assert!(known.contains("If an account has this address"));
        assert_eq!(known.replace("Ana@Example.org", "X"), unknown.replace("nobody@example.org", "X"));
        let link = last_link(&app, &mails, "ana@example.org", "/password/reset/").await.expect("a reset email");
        assert!(mails_to(&mails, "nobody@example.org").is_empty());
        let mail = mails_to(&mails, "ana@example.org").pop().expect("the email");
        assert!(mail.subject.contains("new peerlearn password"), "{}", mail.subject);
        assert!(mail.text.contains("30 minutes"));
        // The link opens a form; a bad password is refused and the link still works.
        assert!(app.page(&link, "").await.html_page(200).contains("name=\"password\""));
        let short = app.form(&link, "", &[("password", "short")]).await;
        assert!(short.html_page(422).contains("at least 8 characters"));
        let done = app.form(&link, "", &[("password", "a brand new secret")]).await;
        assert_eq!(done.location(), "/communities?notice=password_reset");
        let session = done.cookie("pl_session").expect("signed in anew");
        app.page("/account", &session).await.html_page(200);
        // Every earlier session and token ended; the old password no longer works.
        app.get("/api/v1/me", &token).await.problem(401, "not_signed_in");
        app.post_json("/api/v1/tokens", "", json!({"email": "ana@example.org", "password": PASSWORD})).await.problem(401, "bad_credentials");
        app.post_json("/api/v1/tokens", "", json!({"email": "ana@example.org", "password": "a brand new secret"})).await.ok(201);
        // Used once, it is gone.
        let again = app.form(&link, "", &[("password", "yet another secret")]).await;
        assert!(again.html_page(410).contains("This link no longer works"));
        assert!(app.page(&link, "").await.html_page(410).contains("Ask for a new link"));
    }

    async fn a_reset_link_expires_and_is_replaced_by_a_newer_one_or_a_password_change(db: TestDb) {
        let clock = Arc::new(ManualClock::new(now()));
        let (app, mails) = app_with_mail(db, clock.clone()).await;
        let (_, token) = app.signup("ana@example.org", "Ana").await;
        ask_reset(&app, "ana@example.org").await;
        let first = last_link(&app, &mails, "ana@example.org", "/password/reset/").await.expect("a link");
        clock.set(now() + chrono::Duration::minutes(31));
        app.page(&first, "").await.html_page(410);
        app.form(&first, "", &[("password", "a brand new secret")]).await.html_page(410);
        ask_reset(&app, "ana@example.org").await;
        let second = last_link(&app, &mails, "ana@example.org", "/password/reset/").await.expect("a link");
        ask_reset(&app, "ana@example.org").await;
        let third = last_link(&app, &mails, "ana@example.org", "/password/reset/").await.expect("a link");
        assert_ne!(second, third);
        app.page(&second, "").await.html_page(410);
        app.page(&third, "").await.html_page(200);
        // Changing the password on the account page ends the pending link too.
        let browser = app.browser(&token).await;
        let changed = app
            .form_as(&browser, "/account/password", &[("csrf", &browser.csrf), ("current_password", PASSWORD), ("new_password", "a brand new secret")], &[])
            .await;
        assert_eq!(changed.location(), "/account?notice=password_changed");
        app.page(&third, "").await.html_page(410);
        // Many requests for one address send only a few emails, with the same answer.
        let before = mails_to(&mails, "ana@example.org").len();
        for _ in 0..5 {
            ask_reset(&app, "ana@example.org").await;
        }
        notify::run_due(&app.state).await.expect("the worker runs");
        assert!(mails_to(&mails, "ana@example.org").len() - before <= 1);
    }

    async fn a_new_email_takes_effect_only_when_its_link_is_opened(db: TestDb) {
        let clock = Arc::new(ManualClock::new(now()));
        let (app, mails) = app_with_mail(db, clock.clone()).await;
        let (_, token) = app.signup("ana@example.org", "Ana").await;
        app.signup("bo@example.org", "Bo").await;
        let browser = app.browser(&token).await;
        let change = |email: &'static str| {
            let b = &browser;
            let app = &app;
            async move { app.form_as(b, "/account/email", &[("csrf", &b.csrf), ("email", email)], &[]).await }
        };
        assert!(change("not an email").await.html_page(422).contains("must be an email address"));
        assert!(change("bo@example.org").await.html_page(422).contains("already used"));
        assert!(change("ANA@example.org").await.html_page(422).contains("already your address"));
        assert_eq!(change("ana.lima@example.org").await.location(), "/account?notice=email_link_sent");
        assert_eq!(app.get("/api/v1/me", &token).await.ok(200)["email"], "ana@example.org", "not before the link");
        let link = last_link(&app, &mails, "ana.lima@example.org", "/account/email/").await.expect("a confirmation email");
        assert!(mails_to(&mails, "ana@example.org").is_empty(), "the link goes to the new address only");
        // Opening the link (as a mail scanner would) changes nothing; the button does.
        assert!(app.page_as(Some(&browser), &link, &[]).await.html_page(200).contains("Use this address"));
        assert_eq!(app.get("/api/v1/me", &token).await.ok(200)["email"], "ana@example.org");
        let confirmed = app.form_as(&browser, &link, &[("csrf", &browser.csrf)], &[]).await;
        assert_eq!(confirmed.location(), "/account?notice=email_changed");
        assert_eq!(app.get("/api/v1/me", &token).await.ok(200)["email"], "ana.lima@example.org");
        app.form_as(&browser, &link, &[("csrf", &browser.csrf)], &[]).await.html_page(410);
        app.post_json("/api/v1/tokens", "", json!({"email": "ana.lima@example.org", "password": PASSWORD})).await.ok(201);
        // A link left for a day stops working.
        assert_eq!(change("ana.l@example.org").await.location(), "/account?notice=email_link_sent");
        let late = last_link(&app, &mails, "ana.l@example.org", "/account/email/").await.expect("a link");
        clock.set(now() + chrono::Duration::hours(25));
        app.form_as(&browser, &late, &[("csrf", &browser.csrf)], &[]).await.html_page(410);
    }
}
