//! Tags keep the case people gave them: matched without it, shown as the community first
//! wrote them with capitals.

use serde_json::json;

use crate::common::TestApp;
use peerlearn_testkit::TestDb;

peerlearn_testkit::backend_tests! {
    async fn tags_show_as_people_wrote_them_everywhere_and_match_in_any_case(db: TestDb) {
        let app = TestApp::new(db).await;
        let (cid, [ana, ben]) = app.open_community_of([("ana@example.org", "Ana"), ("ben@example.org", "Ben")]).await;
        let me = format!("/api/v1/communities/{cid}/members/me");
        let saved = app.put_json(&me, &ana, json!({"offers": ["Autodesk AutoCAD", "R"], "wants": ["PostgreSQL"]})).await;
        // The API keeps its stable, lower-case keys.
        assert_eq!(saved.ok(200)["offers"], json!(["autodesk autocad", "r"]));
        app.put_json(&me, &ben, json!({"offers": ["postgresql"], "wants": ["AUTODESK AUTOCAD"]})).await.ok(200);
        app.post_json(&format!("/api/v1/communities/{cid}/topics"), &ben, json!({"kind": "offer", "title": "Query plans",
            "tags": ["PostgreSQL", "Machine Learning"], "format": "one_on_one", "mode": "virtual", "duration_minutes": 30})).await.ok(201);

        let browser = app.browser(&ben).await;
        let directory = app.page_as(Some(&browser), &format!("/c/{cid}/members"), &[]).await;
        let html = directory.html_page(200);
        assert!(html.contains(">Autodesk AutoCAD</a>"), "the first spelling with capitals: {html}");
        assert!(html.contains(">R</a>"));
        assert!(html.contains(">PostgreSQL</a>"), "Ana's capitals, not Ben's lower case");
        assert!(!html.contains(">autodesk autocad<") && !html.contains(">AUTODESK AUTOCAD<"));
        assert!(html.contains("?tag=autodesk+autocad"), "links carry the key");

        let market = app.page_as(Some(&browser), &format!("/c/{cid}/topics"), &[]).await;
        assert!(market.html_page(200).contains(">Machine Learning</a>"));
        // A filter typed in any case finds the tag, and names it as the community writes it.
        let filtered = app.page_as(Some(&browser), &format!("/c/{cid}/members?tag=AUTODESK+autocad"), &[]).await;
        let html = filtered.html_page(200);
        assert!(html.contains(r#"value="Autodesk AutoCAD""#), "{html}");
        assert!(html.contains(">Ana<"), "Ana is found: {html}");
    }
}
