//! Real-browser test in headless Chromium: an organizer uploads an attendee file, reads the
//! preview, confirms it; the invitee opens the link from their email (read from a real
//! local SMTP server), chooses a password and lands in the community.

use std::sync::Arc;
use std::time::Duration;

use fantoccini::Locator;
use peerlearn_store::Store;
use peerlearn_web::mailer::SmtpMailer;
use peerlearn_web::{AppState, Config};

use crate::browser_support::{Browser, start_chromedriver};
use crate::notifications::{mails_to, smtp_sink};

#[tokio::test]
async fn an_organizer_imports_attendees_and_an_invitee_joins_with_the_link() {
    let Some((_driver, port)) = start_chromedriver().await else {
        return;
    };
    let (smtp, mails) = smtp_sink().await;
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("b.db").display());
    let store = Store::connect(&url, 4).await.expect("database");
    store.migrate().await.expect("migrations");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    let config = Config {
        public_url: base.clone(),
        ..Config::default()
    };
    let mailer = SmtpMailer::new(
        &format!("smtp://127.0.0.1:{smtp}"),
        "peerlearn <noreply@example.org>",
    )
    .expect("mailer");
    let state = AppState::new(store, config).with_mailer(Arc::new(mailer));
    tokio::spawn(peerlearn_web::serve(
        listener,
        state,
        std::future::pending::<()>(),
    ));
    let mut b = Browser::new(port).await;

    // Olga creates a community and uploads a file with one good row and one bad row.
    b.sign_up(&base, "Olga Petrova", "olga@example.org").await;
    b.click("a[href='/communities/new']").await;
    b.fill("name", "Guild").await;
    b.click("input[name=kind][value=ongoing]").await;
    b.fill("timezone", "UTC").await;
    b.click("main form button[type=submit]").await;
    b.wait_text("Complete your profile").await;
    b.go("/import").await;
    let file = dir.path().join("attendees.csv");
    std::fs::write(
        &file,
        "email,name,team,tags\nana@example.org,Ana Lima,Platform,Rust; SQL\nnobody,Dan,,\n",
    )
    .expect("the file");
    b.client
        .find(Locator::Css("input[type=file]"))
        .await
        .expect("the file input")
        .send_keys(&file.display().to_string())
        .await
        .expect("the file is chosen");
    b.shot("upload").await;
    b.click("main form button[type=submit]").await;
    b.wait_text("Import and invite 1 person").await;
    let preview = b.text().await;
    assert!(preview.contains("Ana Lima"), "{preview}");
    assert!(preview.contains("must be an email address"), "{preview}");
    b.shot("preview").await;
    // Confirming asks first, in a dialog.
    b.click("form[action$='/confirm'] button[type=submit]")
        .await;
    b.wait_for(
        Locator::Css("dialog[open] button[value=yes]"),
        "the confirmation",
    )
    .await;
    b.click("dialog[open] button[value=yes]").await;
    b.wait_text("The import is done").await;
    let list = b.text().await;
    assert!(
        list.contains("Ana Lima") && list.contains("ana@example.org"),
        "{list}"
    );
    b.shot("invitations").await;
    b.sign_out().await;

    // Ana's email carries her link; she chooses a password and lands in the community.
    let mut link = None;
    for _ in 0..100 {
        link = mails_to(&mails, "ana@example.org").pop().and_then(|m| {
            let start = m.text.find(&format!("{base}/invitations/"))?;
            Some(
                m.text[start..]
                    .chars()
                    .take_while(|c| !c.is_whitespace())
                    .collect::<String>(),
            )
        });
        if link.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let link = link.expect("the invitation email arrives (the worker runs every second)");
    b.client.goto(&link).await.expect("the invitation page");
    b.wait_text("Join Guild").await;
    b.fill("password", "a brand new secret").await;
    b.shot("choose-password").await;
    b.click("main form button[type=submit]").await;
    b.wait_text("You are a member of this community").await;
    b.shot("joined").await;
    // The link works once.
    b.client
        .goto(&link)
        .await
        .expect("the invitation page again");
    b.wait_text("This invitation link no longer works").await;
}
