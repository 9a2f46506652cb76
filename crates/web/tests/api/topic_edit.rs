//! Editing a topic: its host or an organizer changes the title, description and tags (over the
//! API and with the page's form); anyone else is refused, bad input is refused field by field,
//! and a refusal changes nothing.

use crate::common::TestApp;
use peerlearn_testkit::TestDb;
use serde_json::{Value, json};

/// Fluent isolates the values it places in a message; the tests read the plain text.
fn text(html: &str) -> String {
    html.replace(['\u{2068}', '\u{2069}'], "")
}

struct World {
    app: TestApp,
    cid: String,
    /// The organizer (who created the community).
    ana: String,
    /// The topic's host, a member.
    bo: String,
    /// Another member.
    cy: String,
    /// Bo's topic.
    tid: String,
}

async fn world(db: TestDb) -> World {
    let app = TestApp::new(db).await;
    let (cid, [ana, bo, cy]) = app
        .open_community_of([
            ("ana@example.org", "Ana"),
            ("bo@example.org", "Bo"),
            ("cy@example.org", "Cy"),
        ])
        .await;
    let tid = app
        .post_json(
            &format!("/api/v1/communities/{cid}/topics"),
            &bo,
            json!({"kind": "offer", "title": "Proprety testing", "description": "Generators",
                "tags": ["rust", "testing"], "format": "one_on_one", "mode": "virtual",
                "duration_minutes": 30}),
        )
        .await
        .ok(201)["id"]
        .as_str()
        .expect("an id")
        .to_string();
    World {
        app,
        cid,
        ana,
        bo,
        cy,
        tid,
    }
}

impl World {
    fn topic(&self) -> String {
        format!("/api/v1/topics/{}", self.tid)
    }

    async fn titles(&self, token: &str, query: &str) -> Vec<String> {
        self.app
            .get(
                &format!("/api/v1/communities/{}/topics?{query}", self.cid),
                token,
            )
            .await
            .ok(200)["items"]
            .as_array()
            .expect("items")
            .iter()
            .map(|t| t["title"].as_str().expect("a title").to_string())
            .collect()
    }

    /// Asserts the topic is still as posted.
    async fn unchanged(&self) {
        let t = self.app.get(&self.topic(), &self.cy).await.ok(200).clone();
        assert_eq!(t["title"], "Proprety testing");
        assert_eq!(t["description"], "Generators");
        assert_eq!(t["tags"], json!(["rust", "testing"]));
    }
}

fn edit(title: &str, description: &str, tags: &[&str]) -> Value {
    json!({"title": title, "description": description, "tags": tags})
}

peerlearn_testkit::backend_tests! {
    async fn the_host_edits_the_text_and_tags(db: TestDb) {
        let w = world(db).await;
        // Cy's look fills the market's cache; the edit must show in the next look.
        assert_eq!(w.titles(&w.cy, "q=proprety").await, ["Proprety testing"]);
        let before = w.app.get(&w.topic(), &w.cy).await.ok(200).clone();

        let saved = w.app.put_json(&w.topic(), &w.bo,
            edit("Property-based testing", "Generators and **shrinking**", &["rust", "PropTest", "testing"])).await;
        let saved = saved.ok(200).clone();
        assert_eq!(saved["title"], "Property-based testing");
        assert_eq!(saved["tags"], json!(["rust", "proptest", "testing"]));
        let read = w.app.get(&w.topic(), &w.cy).await.ok(200).clone();
        assert_eq!(read, saved, "the answer is the topic as GET shows it");
        assert_eq!(read["description"], "Generators and **shrinking**");
        // What an edit does not touch.
        for field in ["kind", "format", "mode", "duration_minutes", "capacity", "host", "status", "starts_at", "created_at"] {
            assert_eq!(read[field], before[field], "{field}");
        }

        assert!(w.titles(&w.cy, "q=proprety").await.is_empty());
        assert_eq!(w.titles(&w.cy, "q=shrinking").await, ["Property-based testing"]);
        assert_eq!(w.titles(&w.cy, "q=property").await, ["Property-based testing"]);
        assert_eq!(w.titles(&w.cy, "tag=proptest").await, ["Property-based testing"]);
        assert_eq!(w.titles(&w.cy, "").await, ["Property-based testing"]);
    }

    async fn an_organizer_edits_and_others_are_refused(db: TestDb) {
        let w = world(db).await;
        // Another member: refused, and nothing changes.
        w.app.put_json(&w.topic(), &w.cy, edit("Taken over", "", &["spam"])).await
            .problem(403, "forbidden");
        // Bad input from someone refused learns nothing about the input.
        w.app.put_json(&w.topic(), &w.cy, edit("x", "", &[])).await.problem(403, "forbidden");
        w.unchanged().await;
        // Someone of another community does not see the topic at all.
        let (_, dee) = w.app.signup("dee@example.org", "Dee").await;
        w.app.community(&dee, "open").await;
        w.app.put_json(&w.topic(), &dee, edit("Taken over", "", &[])).await
            .problem(404, "not_found");
        // Nobody signed in.
        assert_eq!(w.app.put_json(&w.topic(), "", edit("Taken over", "", &[])).await.status.as_u16(), 401);
        w.unchanged().await;
        // The organizer may.
        let saved = w.app.put_json(&w.topic(), &w.ana, edit("Property testing", "", &["rust"])).await;
        assert_eq!(saved.ok(200)["title"], "Property testing");
        assert_eq!(w.app.get(&w.topic(), &w.bo).await.ok(200)["tags"], json!(["rust"]));
    }

    async fn bad_input_is_refused_field_by_field(db: TestDb) {
        let w = world(db).await;
        w.app.put_json(&w.topic(), &w.bo, edit("ab", "", &[])).await.invalid("title");
        let eleven: Vec<String> = (0..11).map(|i| format!("tag{i}")).collect();
        let eleven: Vec<&str> = eleven.iter().map(String::as_str).collect();
        w.app.put_json(&w.topic(), &w.bo, edit("Property testing", "", &eleven)).await.invalid("tags");
        w.app.put_json(&w.topic(), &w.bo, edit("Property \u{202E}gnitset", "", &[])).await.invalid("title");
        w.app.put_json(&w.topic(), &w.bo, edit("Property testing", "", &["no <tags>"])).await.invalid("tags");
        // Every bad field at once.
        let both = w.app.put_json(&w.topic(), &w.bo, edit("ab", &"x".repeat(8001), &eleven)).await;
        both.invalid("title");
        both.invalid("description");
        both.invalid("tags");
        w.unchanged().await;
        // Unknown and malformed ids.
        for id in ["01", "999999", "nonsense"] {
            w.app.put_json(&format!("/api/v1/topics/{id}"), &w.bo, edit("Property testing", "", &[])).await
                .problem(404, "not_found");
        }
        w.unchanged().await;
    }

    async fn the_page_walks_the_host_through_it(db: TestDb) {
        let w = world(db).await;
        let bo = w.app.browser(&w.bo).await;
        let topic_page = format!("/c/{}/topics/{}", w.cid, w.tid);
        let form = format!("{topic_page}/edit");
        // The topic page links to the form for its host, not for another member.
        let html = w.app.page_as(Some(&bo), &topic_page, &[]).await.html_page(200).to_string();
        assert!(html.contains(&format!("href=\"{form}\"")), "an edit link");
        let cy = w.app.browser(&w.cy).await;
        let html = w.app.page_as(Some(&cy), &topic_page, &[]).await.html_page(200).to_string();
        assert!(!html.contains(&format!("href=\"{form}\"")), "no edit link for others");
        w.app.page_as(Some(&cy), &form, &[]).await.html_page(403);

        // The form, filled in with the topic as it is.
        let html = text(w.app.page_as(Some(&bo), &form, &[]).await.html_page(200));
        assert!(html.contains(&format!("action=\"{form}\"")), "the form");
        assert!(html.contains("value=\"Proprety testing\""), "the title");
        assert!(html.contains(">Generators</textarea>"), "the description");
        assert!(html.contains("value=\"rust, testing\""), "the tags");
        assert!(!html.contains("name=\"format\"") && !html.contains("name=\"starts_at\""), "only the text and tags");

        // Invalid: the form again, with the field's message and what was typed.
        let bad = w.app.form_as(&bo, &form, &[("csrf", &bo.csrf), ("title", "ab"),
            ("description", "Generators"), ("tags", "rust")], &[]).await;
        let html = text(bad.html_page(422));
        assert!(html.contains("must be at least 3 characters"), "the field's message");
        assert!(html.contains("value=\"ab\""), "what was typed");
        w.unchanged().await;

        // Without the form's token: refused, nothing changes.
        let expired = w.app.form_as(&bo, &form, &[("title", "Property testing")], &[]).await;
        assert_ne!(expired.status.as_u16(), 303);
        w.unchanged().await;

        let saved = w.app.form_as(&bo, &form, &[("csrf", &bo.csrf), ("title", "Property testing"),
            ("description", "Generators and *shrinking*"), ("tags", "rust, PropTest")], &[]).await;
        assert_eq!(saved.status.as_u16(), 303);
        assert_eq!(saved.location(), format!("{topic_page}?notice=topic_saved"));
        let html = text(w.app.page_as(Some(&bo), saved.location(), &[]).await.html_page(200));
        assert!(html.contains("Your changes to the topic are saved."), "the notice");
        assert!(html.contains("Property testing"), "the new title");
        assert!(html.contains("<em>shrinking</em>"), "the description rendered");
        let read = w.app.get(&w.topic(), &w.bo).await.ok(200).clone();
        assert_eq!(read["tags"], json!(["rust", "proptest"]));

        // An organizer has the link and the form too.
        let ana = w.app.browser(&w.ana).await;
        let html = w.app.page_as(Some(&ana), &topic_page, &[]).await.html_page(200).to_string();
        assert!(html.contains(&format!("href=\"{form}\"")), "an edit link for the organizer");
        w.app.page_as(Some(&ana), &form, &[]).await.html_page(200);
    }
}
