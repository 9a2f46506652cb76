//! Moderation over HTTP on both backends: reports, the queue (moderators and organizers of
//! that community only), hiding and restoring (hidden content disappears for everyone but
//! moderators and its author), dismissing, and the audit log.

use crate::common::TestApp;
use crate::common::id;
use peerlearn_domain::SubjectKind;
use peerlearn_testkit::TestDb;
use serde_json::json;

/// Ana organizes Guild; Mo moderates it; Bo and Cy are members; Zed organizes another
/// community (and is a moderator nowhere here).
struct World {
    app: TestApp,
    cid: String,
    ana: String,
    mo: String,
    bo: String,
    cy: String,
    zed: String,
}

async fn world(db: TestDb) -> World {
    let app = TestApp::new(db).await;
    let (_, ana) = app.signup("ana@example.org", "Ana").await;
    let (_, mo) = app.signup("mo@example.org", "Mo").await;
    let (_, bo) = app.signup("bo@example.org", "Bo").await;
    let (_, cy) = app.signup("cy@example.org", "Cy").await;
    let (_, zed) = app.signup("zed@example.org", "Zed").await;
    let cid = id(&app.community(&ana, "open").await);
    for t in [&mo, &bo, &cy] {
        app.join(t, &cid, None).await;
    }
    let mo_m = id(&app.my_profile(&mo, &cid).await);
    app.put_json(
        &format!("/api/v1/communities/{cid}/members/{mo_m}/role"),
        &ana,
        json!({"role": "moderator"}),
    )
    .await
    .ok(200);
    // Zed moderates his own community, and is a plain member of Guild.
    app.community(&zed, "open").await;
    app.join(&zed, &cid, None).await;
    World {
        app,
        cid,
        ana,
        mo,
        bo,
        cy,
        zed,
    }
}

impl World {
    async fn ask(&self, token: &str, title: &str) -> String {
        id(self
            .app
            .post_json(
                &format!("/api/v1/communities/{}/questions", self.cid),
                token,
                json!({"title": title, "tags": ["watches"]}),
            )
            .await
            .ok(201))
    }

    fn url(&self, tail: &str) -> String {
        format!("/api/v1/communities/{}/{tail}", self.cid)
    }

    async fn titles(&self, token: &str, query: &str) -> Vec<String> {
        self.app
            .get(&format!("{}{query}", self.url("questions")), token)
            .await
            .ok(200)["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|q| q["title"].as_str().unwrap().to_string())
            .collect()
    }

    async fn hidden(&self, kind: SubjectKind, id: &str) -> bool {
        self.app
            .store()
            .hidden(kind, id.parse().unwrap())
            .await
            .unwrap()
            .is_some()
    }
}

peerlearn_testkit::backend_tests! {
    async fn a_reported_question_is_hidden_for_everyone_but_moderators_and_its_author(db: TestDb) {
        let w = world(db).await;
        let spam = w.ask(&w.bo, "Buy cheap watches online now").await;
        let fine = w.ask(&w.cy, "How do I size Kubernetes clusters?").await;
        let reported = w.app.post_json(&w.url("reports"), &w.cy, json!({"subject_kind": "question", "subject_id": spam, "reason": "advertising"})).await;
        assert_eq!(reported.ok(201)["status"], "open");
        w.app.post_json(&w.url("reports"), &w.cy, json!({"subject_kind": "question", "subject_id": spam, "reason": "again"})).await.problem(409, "already_reported");
        // The queue: moderators and organizers of this community only.
        let queue = w.app.get(&w.url("reports"), &w.mo).await;
        let items = queue.ok(200)["items"].as_array().unwrap().clone();
        assert_eq!((items.len(), items[0]["subject_text"].as_str(), items[0]["reason"].as_str()), (1, Some("Buy cheap watches online now"), Some("advertising")));
        w.app.get(&w.url("reports"), &w.ana).await.ok(200);
        w.app.get(&w.url("reports"), &w.bo).await.problem(403, "forbidden");
        w.app.get(&w.url("reports"), &w.zed).await.problem(403, "forbidden");
        let rid = id(&items[0]);
        // Members and moderators of another community cannot act on it.
        w.app.post_json(&format!("/api/v1/reports/{rid}/hide"), &w.cy, json!({"reason": "spam"})).await.problem(403, "forbidden");
        w.app.post_json(&format!("/api/v1/reports/{rid}/hide"), &w.zed, json!({"reason": "spam"})).await.problem(403, "forbidden");
        w.app.post_json(&format!("/api/v1/reports/{rid}/hide"), &w.mo, json!({"reason": ""})).await.invalid("reason");
        assert!(!w.hidden(SubjectKind::Question, &spam).await, "refusals hide nothing");
        let hidden = w.app.post_json(&format!("/api/v1/reports/{rid}/hide"), &w.mo, json!({"reason": "Advertising is not allowed"})).await;
        assert_eq!((hidden.ok(200)["status"].as_str(), hidden.json["subject_hidden"].as_bool()), (Some("actioned"), Some(true)));
        assert!(w.app.get(&w.url("reports"), &w.mo).await.ok(200)["items"].as_array().unwrap().is_empty());
        // Gone for Cy and Zed: list, search and page.
        for t in [&w.cy, &w.zed] {
            assert_eq!(w.titles(t, "").await, ["How do I size Kubernetes clusters?"]);
            assert!(w.titles(t, "?q=cheap").await.is_empty());
            w.app.get(&format!("/api/v1/questions/{spam}"), t).await.problem(404, "not_found");
            w.app.post_json(&format!("/api/v1/questions/{spam}/answers"), t, json!({"body": "hi"})).await.problem(404, "not_found");
        }
        // The author sees it is hidden and why; moderators see it too.
        let own = w.app.get(&format!("/api/v1/questions/{spam}"), &w.bo).await;
        assert_eq!(own.ok(200)["hidden_reason"], "Advertising is not allowed");
        assert_eq!(w.titles(&w.bo, "").await.len(), 2);
        assert_eq!(w.titles(&w.mo, "").await.len(), 2);
        // Restore: visible again; the audit log has both, readable by moderators only.
        let body = json!({"subject_kind": "question", "subject_id": spam, "reason": "appeal accepted"});
        w.app.post_json(&w.url("moderation/restore"), &w.bo, body.clone()).await.problem(403, "forbidden");
        w.app.post_json(&w.url("moderation/restore"), &w.ana, body.clone()).await.ok(200);
        w.app.post_json(&w.url("moderation/restore"), &w.ana, body).await.problem(409, "not_hidden");
        assert_eq!(w.titles(&w.cy, "").await.len(), 2);
        let audit = w.app.get(&w.url("audit"), &w.mo).await;
        let actions: Vec<&str> = audit.ok(200)["items"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
        assert_eq!(actions, ["restored", "hidden", "role_changed"]);
        assert_eq!(audit.json["items"][1]["actor_name"], "Mo");
        w.app.get(&w.url("audit"), &w.cy).await.problem(403, "forbidden");
        let _ = fine;
    }

    async fn hidden_answers_and_topics_disappear_for_others(db: TestDb) {
        let w = world(db).await;
        let q = w.ask(&w.cy, "How do I size Kubernetes clusters?").await;
        let a = id(w.app.post_json(&format!("/api/v1/questions/{q}/answers"), &w.bo, json!({"body": "Buy watches!"})).await.ok(201));
        let hide = json!({"subject_kind": "answer", "subject_id": a, "reason": "advertising"});
        w.app.post_json(&w.url("moderation/hide"), &w.cy, hide.clone()).await.problem(403, "forbidden");
        w.app.post_json(&w.url("moderation/hide"), &w.mo, hide.clone()).await.ok(200);
        w.app.post_json(&w.url("moderation/hide"), &w.mo, hide).await.problem(409, "already_hidden");
        let for_cy = w.app.get(&format!("/api/v1/questions/{q}"), &w.cy).await;
        assert!(for_cy.ok(200)["answers"].as_array().unwrap().is_empty());
        assert_eq!(for_cy.json["answer_count"], 0);
        w.app.post_json(&format!("/api/v1/answers/{a}/helpful"), &w.cy, json!({})).await.problem(404, "not_found");
        w.app.post_json(&format!("/api/v1/answers/{a}/accept"), &w.cy, json!({})).await.problem(404, "not_found");
        let for_bo = w.app.get(&format!("/api/v1/questions/{q}"), &w.bo).await;
        assert_eq!(for_bo.ok(200)["answers"][0]["hidden_reason"], "advertising");
        // A topic: out of the market and its page for others, not for its host.
        let topic = w.app.post_json(&w.url("topics"), &w.bo, json!({"kind": "offer", "title": "Cheap watches", "format": "one_on_one", "mode": "either"})).await;
        let tid = id(topic.ok(201));
        w.app.post_json(&w.url("moderation/hide"), &w.ana, json!({"subject_kind": "topic", "subject_id": tid, "reason": "spam"})).await.ok(200);
        w.app.get(&format!("/api/v1/topics/{tid}"), &w.cy).await.problem(404, "not_found");
        w.app.get(&format!("/api/v1/topics/{tid}"), &w.bo).await.ok(200);
        w.app.get(&format!("/api/v1/topics/{tid}"), &w.mo).await.ok(200);
        for (t, n) in [(&w.cy, 0), (&w.bo, 1), (&w.mo, 1)] {
            assert_eq!(w.app.get(&w.url("topics"), t).await.ok(200)["items"].as_array().unwrap().len(), n);
        }
    }

    async fn bad_reports_and_dismissals(db: TestDb) {
        let w = world(db).await;
        let q = w.ask(&w.bo, "How do I size Kubernetes clusters?").await;
        let bad = w.app.post_json(&w.url("reports"), &w.cy, json!({"subject_kind": "user", "subject_id": "x", "reason": ""})).await;
        bad.invalid("subject_kind");
        bad.invalid("subject_id");
        bad.invalid("reason");
        w.app.post_json(&w.url("reports"), &w.cy, json!({"subject_kind": "answer", "subject_id": q, "reason": "wrong kind"})).await.problem(404, "not_found");
        w.app.post_json(&w.url("reports"), &w.cy, json!({"subject_kind": "question"})).await.bad_request("invalid_body", "subject_id");
        let cid = peerlearn_domain::CommunityId(w.cid.parse().unwrap());
        assert!(w.app.store().open_reports(cid, None, 50).await.unwrap().items.is_empty(), "nothing written");
        let rid = id(w.app.post_json(&w.url("reports"), &w.cy, json!({"subject_kind": "question", "subject_id": q, "reason": "I disagree"})).await.ok(201));
        w.app.post_json(&format!("/api/v1/reports/{rid}/dismiss"), &w.bo, json!({})).await.problem(403, "forbidden");
        let done = w.app.post_json(&format!("/api/v1/reports/{rid}/dismiss"), &w.mo, json!({"reason": "within the rules"})).await;
        assert_eq!(done.ok(200)["status"], "dismissed");
        w.app.post_json(&format!("/api/v1/reports/{rid}/dismiss"), &w.mo, json!({})).await.problem(409, "already_decided");
        w.app.post_json("/api/v1/reports/999999/dismiss", &w.mo, json!({})).await.problem(404, "not_found");
        assert!(!w.hidden(SubjectKind::Question, &q).await);
        assert_eq!(w.titles(&w.cy, "").await.len(), 1);
    }
}
