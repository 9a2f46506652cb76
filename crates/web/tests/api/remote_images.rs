//! An image from another site in what a member writes (a topic's description, a question,
//! an answer) is shown as a link to it, never as an image readers' browsers would fetch:
//! no tracking pixels, in the API and on the pages.

use crate::common::TestApp;
use crate::common::id;
use peerlearn_testkit::TestDb;
use serde_json::json;

const PIXEL: &str = "https://evil.example/t.png?u=1";

#[track_caller]
fn no_remote_image(html: &str) {
    assert!(!html.contains("<img src=\"https://evil"), "{html}");
    assert!(
        html.contains(
            r#"<a href="https://evil.example/t.png?u=1" rel="noopener noreferrer nofollow">"#
        ),
        "{html}"
    );
}

peerlearn_testkit::backend_tests! {
    async fn remote_images_are_links_in_topics_questions_and_answers(db: TestDb) {
        let app = TestApp::new(db).await;
        let (_, ana) = app.signup("ana@example.org", "Ana").await;
        let cid = id(&app.community(&ana, "open").await);
        let text = format!("Look: ![Our whiteboard]({PIXEL}) and ![]({PIXEL})");
        let topic = app.post_json(&format!("/api/v1/communities/{cid}/topics"), &ana,
            json!({"kind": "offer", "title": "Sketching", "format": "one_on_one",
                "mode": "virtual", "description": text})).await.ok(201).clone();
        let tid = id(&topic);
        let shown = app.get(&format!("/api/v1/topics/{tid}"), &ana).await;
        let html = shown.ok(200)["description_html"].as_str().expect("html").to_string();
        no_remote_image(&html);
        assert!(html.contains(">Our whiteboard</a>") && html.contains(">Image</a>"), "{html}");

        let question = app.post_json(&format!("/api/v1/communities/{cid}/questions"), &ana,
            json!({"title": "Which pen?", "body": text, "tags": []})).await.ok(201).clone();
        let qid = id(&question);
        app.post_json(&format!("/api/v1/questions/{qid}/answers"), &ana,
            json!({"body": format!("![pen]({PIXEL})")})).await.ok(201);
        let read = app.get(&format!("/api/v1/questions/{qid}"), &ana).await;
        let read = read.ok(200);
        no_remote_image(read["body_html"].as_str().expect("html"));
        let answers = read["answers"].as_array().expect("answers");
        no_remote_image(answers[0]["body_html"].as_str().expect("html"));

        let browser = app.browser(&ana).await;
        for page in [format!("/c/{cid}/topics/{tid}"), format!("/c/{cid}/questions/{qid}")] {
            let reply = app.page_as(Some(&browser), &page, &[]).await;
            no_remote_image(reply.html_page(200));
        }
    }
}
