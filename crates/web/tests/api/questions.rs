//! Questions and answers over HTTP on both backends: ask, search, answer (the asker is
//! notified), helpful marks, accepting (the asker only), turning a question into an ask
//! topic, and bad input that writes nothing.

use crate::common::TestApp;
use crate::common::id;
use peerlearn_testkit::TestDb;
use serde_json::{Value, json};

/// Ana (organizer), Bo and Cy in one open community; Zed outside it, in his own.
pub struct World {
    pub app: TestApp,
    pub cid: String,
    pub ana: String,
    pub bo: String,
    pub cy: String,
    pub zed: String,
}

pub async fn world(db: TestDb) -> World {
    let app = TestApp::new(db).await;
    let (_, ana) = app.signup("ana@example.org", "Ana").await;
    let (_, bo) = app.signup("bo@example.org", "Bo").await;
    let (_, cy) = app.signup("cy@example.org", "Cy").await;
    let (_, zed) = app.signup("zed@example.org", "Zed").await;
    let cid = id(&app.community(&ana, "open").await);
    app.join(&bo, &cid, None).await;
    app.join(&cy, &cid, None).await;
    World {
        app,
        cid,
        ana,
        bo,
        cy,
        zed,
    }
}

impl World {
    pub async fn ask(&self, token: &str, title: &str, tags: &[&str]) -> Value {
        self.app
            .post_json(
                &format!("/api/v1/communities/{}/questions", self.cid),
                token,
                json!({"title": title, "body": "Some **context**.", "tags": tags}),
            )
            .await
            .ok(201)
            .clone()
    }

    pub async fn answer(&self, token: &str, qid: &str, body: &str) -> Value {
        self.app
            .post_json(
                &format!("/api/v1/questions/{qid}/answers"),
                token,
                json!({"body": body}),
            )
            .await
            .ok(201)
            .clone()
    }

    /// Every question of the community, hidden ones included.
    pub async fn questions_stored(&self) -> usize {
        let cid = peerlearn_domain::CommunityId(self.cid.parse().unwrap());
        let filter = peerlearn_store::QuestionFilter {
            moderator: true,
            limit: 200,
            ..Default::default()
        };
        self.app
            .store()
            .questions(cid, &filter)
            .await
            .unwrap()
            .items
            .len()
    }

    /// Every topic of the community, hidden and closed ones included.
    pub async fn topics_stored(&self) -> usize {
        let cid = peerlearn_domain::CommunityId(self.cid.parse().unwrap());
        let filter = peerlearn_store::TopicFilter {
            moderator: true,
            include_closed: true,
            limit: 200,
            ..Default::default()
        };
        self.app
            .store()
            .topics(cid, &filter)
            .await
            .unwrap()
            .items
            .len()
    }

    /// Runs the due background jobs; returns how many ran.
    pub async fn run_jobs(&self) -> usize {
        peerlearn_web::notify::run_due(&self.app.state)
            .await
            .expect("jobs run")
    }
}

peerlearn_testkit::backend_tests! {
    async fn ask_answer_mark_helpful_and_accept(db: TestDb) {
        let w = world(db).await;
        let q = w.ask(&w.ana, "How do I size a Kubernetes cluster?", &["kubernetes"]).await;
        assert_eq!((q["title"].as_str(), q["answer_count"].as_i64(), q["accepted_answer_id"].is_null()), (Some("How do I size a Kubernetes cluster?"), Some(0), true));
        assert!(q["body_html"].as_str().unwrap().contains("<strong>context</strong>"));
        let qid = id(&q);
        let a1 = w.answer(&w.bo, &qid, "Start with three nodes.").await;
        let a2 = w.answer(&w.cy, &qid, "Measure <script>x</script> first.").await;
        assert!(!a2["body_html"].as_str().unwrap().contains("<script"));
        // The asker is told through the outbox.
        peerlearn_web::notify::run_due(&w.app.state).await.expect("jobs run");
        let inbox = w.app.get(&format!("/api/v1/communities/{}/notifications", w.cid), &w.ana).await;
        let items = inbox.ok(200)["items"].as_array().unwrap().clone();
        assert_eq!(items.iter().filter(|n| n["kind"] == "answer_posted").count(), 2, "{items:#?}");
        assert!(items[0]["link"].as_str().unwrap().ends_with(&format!("/questions/{qid}")));
        // Helpful: once per member, withdrawable, never on one's own answer.
        let helpful = format!("/api/v1/answers/{}/helpful", id(&a1));
        assert_eq!(w.app.post_json(&helpful, &w.ana, json!({})).await.ok(200)["helpful_count"], 1);
        assert_eq!(w.app.post_json(&helpful, &w.ana, json!({})).await.ok(200)["helpful_count"], 1);
        assert_eq!(w.app.post_json(&helpful, &w.cy, json!({})).await.ok(200)["helpful_count"], 2);
        w.app.post_json(&helpful, &w.bo, json!({})).await.problem(403, "forbidden");
        let undone = w.app.delete(&helpful, &w.cy).await;
        assert_eq!((undone.ok(200)["helpful_count"].as_i64(), undone.json["helpful_by_me"].as_bool()), (Some(1), Some(false)));
        // Only the asker accepts; accepting another answer changes the choice.
        w.app.post_json(&format!("/api/v1/answers/{}/accept", id(&a1)), &w.bo, json!({})).await.problem(403, "forbidden");
        let accepted = w.app.post_json(&format!("/api/v1/answers/{}/accept", id(&a1)), &w.ana, json!({})).await;
        assert_eq!(accepted.ok(200)["accepted_answer_id"], a1["id"]);
        let changed = w.app.post_json(&format!("/api/v1/answers/{}/accept", id(&a2)), &w.ana, json!({})).await;
        assert_eq!(changed.ok(200)["accepted_answer_id"], a2["id"]);
        let read = w.app.get(&format!("/api/v1/questions/{qid}"), &w.cy).await;
        let answers = read.ok(200)["answers"].as_array().unwrap();
        assert_eq!(answers.iter().map(|a| a["accepted"].as_bool().unwrap()).collect::<Vec<_>>(), [false, true]);
        assert_eq!(answers[0]["helpful_count"], 1);
        // An accepted question no longer becomes a topic.
        w.app.post_json(&format!("/api/v1/questions/{qid}/topic"), &w.ana, json!({})).await.problem(409, "already_answered");
    }

    async fn the_list_searches_filters_and_pages(db: TestDb) {
        let w = world(db).await;
        let list = format!("/api/v1/communities/{}/questions", w.cid);
        let empty = w.app.get(&list, &w.bo).await;
        assert_eq!(empty.ok(200)["items"].as_array().unwrap().len(), 0);
        let k8s = w.ask(&w.ana, "How do I size Kubernetes clusters?", &["kubernetes"]).await;
        let rust = w.ask(&w.bo, "Where to start with Rust lifetimes?", &["rust"]).await;
        w.answer(&w.cy, &id(&k8s), "Three nodes.").await;
        let ids = |v: &Value| v["items"].as_array().unwrap().iter().map(id).collect::<Vec<_>>();
        assert_eq!(ids(w.app.get(&format!("{list}?q=cluster"), &w.bo).await.ok(200)), [id(&k8s)]);
        assert_eq!(ids(w.app.get(&format!("{list}?tag=rust"), &w.bo).await.ok(200)), [id(&rust)]);
        assert_eq!(ids(w.app.get(&format!("{list}?unanswered=true"), &w.bo).await.ok(200)), [id(&rust)]);
        let first = w.app.get(&format!("{list}?limit=1"), &w.bo).await;
        assert_eq!(ids(first.ok(200)), [id(&rust)]);
        let cursor = first.json["next_cursor"].as_str().unwrap().to_string();
        let second = w.app.get(&format!("{list}?limit=1&cursor={cursor}"), &w.bo).await;
        assert_eq!((ids(second.ok(200)), second.json["next_cursor"].is_null()), (vec![id(&k8s)], true));
        w.app.get(&format!("{list}?limit=0"), &w.bo).await.invalid("limit");
        w.app.get(&format!("{list}?cursor=x"), &w.bo).await.invalid("cursor");
        w.app.get(&format!("{list}?unanswered=maybe"), &w.bo).await.invalid("unanswered");
        w.app.get(&format!("{list}?tag=%3Cb%3E"), &w.bo).await.invalid("tag");
        // Outsiders: 403 for an open community they have not joined.
        w.app.get(&list, &w.zed).await.problem(403, "forbidden");
        w.app.get(&format!("/api/v1/questions/{}", id(&k8s)), &w.zed).await.problem(404, "not_found");
        w.app.get("/api/v1/questions/nope", &w.bo).await.problem(404, "not_found");
        w.app.get(&list, "").await.problem(401, "not_signed_in");
    }

    async fn bad_input_writes_nothing(db: TestDb) {
        let w = world(db).await;
        let list = format!("/api/v1/communities/{}/questions", w.cid);
        let reply = w.app.post_json(&list, &w.bo, json!({"title": "Hi", "body": "x".repeat(8001), "tags": ["<b>"]})).await;
        reply.invalid("title");
        reply.invalid("body");
        reply.invalid("tags");
        w.app.post_json(&list, &w.bo, json!({"title": 5})).await.bad_request("invalid_body", "title");
        w.app.post_json(&list, &w.zed, json!({"title": "A fine question here"})).await.problem(403, "forbidden");
        assert_eq!(w.questions_stored().await, 0);
        let q = w.ask(&w.ana, "How do I size Kubernetes clusters?", &[]).await;
        let answers = format!("/api/v1/questions/{}/answers", id(&q));
        w.app.post_json(&answers, &w.bo, json!({"body": "   "})).await.invalid("body");
        w.app.post_json(&answers, &w.bo, json!({})).await.bad_request("invalid_body", "body");
        w.app.post_json(&answers, &w.zed, json!({"body": "I am not a member"})).await.problem(404, "not_found");
        w.app.post_json("/api/v1/questions/999999/answers", &w.bo, json!({"body": "x"})).await.problem(404, "not_found");
        let qid = peerlearn_domain::QuestionId(id(&q).parse().unwrap());
        let member = peerlearn_domain::MemberId(0);
        assert!(w.app.store().answers(qid, member, true).await.unwrap().is_empty());
        assert_eq!(w.run_jobs().await, 0, "no notification for a refused answer");
        w.app.post_json("/api/v1/answers/999999/helpful", &w.bo, json!({})).await.problem(404, "not_found");
        w.app.post_json("/api/v1/answers/abc/accept", &w.ana, json!({})).await.problem(404, "not_found");
    }

    async fn an_unanswered_question_becomes_an_ask_topic_once(db: TestDb) {
        let w = world(db).await;
        let q = w.ask(&w.bo, "Who can explain carbon accounting?", &["carbon-accounting"]).await;
        let convert = format!("/api/v1/questions/{}/topic", id(&q));
        w.app.post_json(&convert, &w.ana, json!({})).await.problem(403, "forbidden");
        let made = w.app.post_json(&convert, &w.bo, json!({})).await;
        let topic_id = made.ok(201)["topic_id"].as_str().unwrap().to_string();
        assert_eq!(made.json["question"]["topic_id"].as_str(), Some(topic_id.as_str()));
        let topic = w.app.get(&format!("/api/v1/topics/{topic_id}"), &w.cy).await;
        assert_eq!((topic.ok(200)["kind"].as_str(), topic.json["title"].as_str()), (Some("ask"), Some("Who can explain carbon accounting?")));
        assert_eq!(topic.json["tags"], json!(["carbon-accounting"]));
        w.app.post_json(&convert, &w.bo, json!({})).await.problem(409, "already_topic");
        assert_eq!(w.topics_stored().await, 1);
        assert_eq!(w.app.get(&format!("/api/v1/questions/{}", id(&q)), &w.cy).await.ok(200)["topic_id"].as_str(), Some(topic_id.as_str()));
    }
}
