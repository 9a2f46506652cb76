//! What the offline agenda needs from the server: the service worker at the root, never
//! cached; the offline page in the visitor's language; and signing out clearing what the
//! device kept. (`browser_offline` drives the whole thing in Chromium.)

use crate::common::{PASSWORD, TestApp};
use peerlearn_testkit::TestDb;

peerlearn_testkit::backend_tests! {
    async fn the_service_worker_offline_page_and_sign_out_work_together(db: TestDb) {
        let app = TestApp::new(db).await;
        let worker = app.page("/sw.js", "").await;
        assert_eq!(worker.status, 200);
        assert_eq!(worker.header("cache-control"), Some("no-cache"));
        assert!(worker.header("content-type").is_some_and(|t| t.starts_with("text/javascript")));

        let page = app.page_as(None, "/offline", &[("accept-language", "fr")]).await;
        let html = page.html_page(200);
        assert!(html.contains("<h1>Hors ligne</h1>"), "{html}");

        app.signup("ana@example.org", "Ana").await;
        let session = app
            .form("/signin", "", &[("email", "ana@example.org"), ("password", PASSWORD)])
            .await
            .cookie("pl_session")
            .expect("signed in");
        let out = app.form("/signout", &session, &[]).await;
        assert_eq!(out.location(), "/?notice=signed_out");
        assert_eq!(out.header("clear-site-data"), Some(r#""cache", "storage""#));
    }
}
