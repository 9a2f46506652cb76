//! Recommendations over HTTP: relevant offers with reasons, incremental freshness, dismissals
//! with undo, swap partners, "you could help", the home page, and who may see what.

use crate::common::TestApp;
use crate::common::id;
use peerlearn_testkit::TestDb;
use serde_json::{Value, json};

/// A community where Ana (team Platform) wants Kubernetes and offers Rust; Bo (team Data)
/// offers Kubernetes and wants Rust; Cy (team Platform) offers cooking. All are free on
/// Monday morning.
struct World {
    app: TestApp,
    cid: String,
    ana: String,
    bo: String,
    cy: String,
    bo_id: String,
}

async fn profile(
    app: &TestApp,
    token: &str,
    cid: &str,
    team: &str,
    offers: &[&str],
    wants: &[&str],
) -> String {
    let me = app
        .put_json(
            &format!("/api/v1/communities/{cid}/members/me"),
            token,
            json!({"headline": "", "team": team, "languages": ["English"], "offers": offers, "wants": wants}),
        )
        .await;
    let member = id(me.ok(200));
    app.free(token, cid, "2026-05-04T09:00:00Z", "2026-05-04T12:00:00Z")
        .await;
    member
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
    profile(&app, &ana, &cid, "Platform", &["rust"], &["kubernetes"]).await;
    let bo_id = profile(&app, &bo, &cid, "Data", &["kubernetes"], &["rust"]).await;
    profile(&app, &cy, &cid, "Platform", &["cooking"], &[]).await;
    World {
        app,
        cid,
        ana,
        bo,
        cy,
        bo_id,
    }
}

async fn post_topic(w: &World, token: &str, kind: &str, title: &str, tags: &[&str]) -> String {
    id(w.app
        .post_json(
            &format!("/api/v1/communities/{}/topics", w.cid),
            token,
            json!({"kind": kind, "title": title, "description": "", "tags": tags,
                   "format": "one_on_one", "mode": "either"}),
        )
        .await
        .ok(201))
}

async fn list(w: &World, token: &str, which: &str) -> Vec<Value> {
    w.app
        .get(
            &format!("/api/v1/communities/{}/recommendations?list={which}", w.cid),
            token,
        )
        .await
        .ok(200)["items"]
        .as_array()
        .expect("items")
        .clone()
}

fn topic_ids(items: &[Value]) -> Vec<String> {
    items
        .iter()
        .map(|i| i["topic"]["id"].as_str().expect("topic id").to_string())
        .collect()
}

peerlearn_testkit::backend_tests! {
    async fn a_member_is_recommended_the_offer_on_what_they_want_with_a_reason(db: TestDb) {
        let w = world(db).await;
        // Read once first: the index is built and cached before the topics are posted, so the
        // next reads see them only through the incremental updates.
        assert!(list(&w, &w.ana, "for_you").await.is_empty());
        let k8s = post_topic(&w, &w.bo, "offer", "Kubernetes from zero", &["kubernetes"]).await;
        let cooking = post_topic(&w, &w.cy, "offer", "Sourdough", &["cooking"]).await;
        let mine = post_topic(&w, &w.ana, "offer", "Kubernetes operators in Rust", &["kubernetes", "rust"]).await;
        let items = list(&w, &w.ana, "for_you").await;
        let ids = topic_ids(&items);
        assert_eq!(ids, std::slice::from_ref(&k8s), "only Bo's offer matches; never Ana's own topic, not cooking");
        assert!(!ids.contains(&mine) && !ids.contains(&cooking));
        let first = &items[0];
        assert_eq!(first["host"]["id"], w.bo_id.as_str());
        assert_eq!(first["host"]["display_name"], "Bo");
        let reason = first["reason"].as_str().expect("a reason");
        assert!(reason.contains("Kubernetes") || reason.contains("kubernetes"), "{reason}");
        assert!(reason.contains("Bo"), "{reason}");
        assert!(reason.contains("another team"), "{reason}");
        assert!(reason.contains("You are both free Mon 4 May, 09:00."), "sentences in the request's language: {reason}");
        assert_eq!(first["first_free_at"], "2026-05-04T09:00:00Z");
        assert_eq!(first["first_free"], "Mon 4 May, 09:00");
        // Asked in French, the same reasons read in French.
        let request = axum::http::Request::builder()
            .uri(format!("/api/v1/communities/{}/recommendations?list=for_you", w.cid))
            .header("authorization", format!("Bearer {}", w.ana))
            .header("accept-language", "fr-FR,fr;q=0.9")
            .body(axum::body::Body::empty())
            .expect("a request");
        let french = w.app.request(request).await;
        let french = &french.ok(200)["items"][0];
        let reason = french["reason"].as_str().expect("a reason");
        assert!(reason.contains("Bo fait partie d'une autre équipe.") && reason.contains("Vous êtes tous deux libres le lun. 4 mai, 09:00."), "{reason}");
        assert_eq!(french["first_free"], "lun. 4 mai, 09:00");
        let b = &first["breakdown"];
        for signal in ["relevance", "reciprocity", "bridging", "exposure", "freshness", "total"] {
            assert!(b[signal].as_f64().is_some(), "{signal} in {b}");
        }
        assert!(b["relevance"].as_f64().unwrap() > 0.3, "{b}");
        assert!(b["reciprocity"].as_f64().unwrap() > 0.0, "Bo wants Rust, which Ana offers: {b}");
        assert_eq!(first["score"], b["total"]);
    }

    async fn a_new_topic_appears_right_after_posting_and_leaves_when_closed(db: TestDb) {
        let w = world(db).await;
        post_topic(&w, &w.bo, "offer", "Helm charts", &["kubernetes"]).await;
        assert_eq!(list(&w, &w.ana, "for_you").await.len(), 1);
        let fresh = post_topic(&w, &w.bo, "offer", "Kubernetes networking", &["kubernetes"]).await;
        assert!(topic_ids(&list(&w, &w.ana, "for_you").await).contains(&fresh));
        w.app.post_json(&format!("/api/v1/topics/{fresh}/close"), &w.bo, json!({})).await.ok(200);
        assert!(!topic_ids(&list(&w, &w.ana, "for_you").await).contains(&fresh));
        w.app.post_json(&format!("/api/v1/topics/{fresh}/reopen"), &w.bo, json!({})).await.ok(200);
        assert!(topic_ids(&list(&w, &w.ana, "for_you").await).contains(&fresh));
    }

    async fn a_changed_profile_changes_the_recommendations_at_once(db: TestDb) {
        let w = world(db).await;
        let sourdough = post_topic(&w, &w.cy, "offer", "Sourdough", &["cooking"]).await;
        assert!(list(&w, &w.ana, "for_you").await.is_empty());
        profile(&w.app, &w.ana, &w.cid, "Platform", &["rust"], &["kubernetes", "cooking"]).await;
        assert_eq!(topic_ids(&list(&w, &w.ana, "for_you").await), [sourdough]);
    }

    async fn a_booked_meeting_takes_its_time_out_of_the_recommendations_at_once(db: TestDb) {
        let w = world(db).await;
        let helm = post_topic(&w, &w.bo, "offer", "Helm charts", &["kubernetes"]).await;
        let before = list(&w, &w.ana, "for_you").await;
        assert_eq!(before[0]["first_free_at"], "2026-05-04T09:00:00Z");
        // Ana asks for 09:00 and Bo accepts: both are busy then, and the index is updated
        // in place for the two of them (no rebuild), before the next read.
        let request = w
            .app
            .post_json(
                &format!("/api/v1/topics/{helm}/requests"),
                &w.ana,
                json!({"proposed_times": ["2026-05-04T09:00:00Z"]}),
            )
            .await;
        let rid = id(request.ok(201));
        w.app
            .post_json(&format!("/api/v1/requests/{rid}/accept"), &w.bo, json!({"start": "2026-05-04T09:00:00Z"}))
            .await
            .ok(201);
        let between = list(&w, &w.ana, "for_you").await;
        assert!(between.iter().all(|i| i["first_free_at"] != "2026-05-04T09:00:00Z"), "{between:?}");
        let networking = post_topic(&w, &w.bo, "offer", "Kubernetes networking", &["kubernetes"]).await;
        let after = list(&w, &w.ana, "for_you").await;
        let item = after
            .iter()
            .find(|i| i["topic"]["id"] == networking.as_str())
            .expect("the new topic is recommended");
        assert_eq!(item["first_free_at"], "2026-05-04T09:30:00Z");
    }

    async fn dismissed_topics_vanish_dismissed_hosts_drop_and_undo_restores(db: TestDb) {
        let w = world(db).await;
        let a = post_topic(&w, &w.bo, "offer", "Kubernetes basics", &["kubernetes"]).await;
        let b = post_topic(&w, &w.bo, "offer", "Kubernetes security", &["kubernetes"]).await;
        let dismissals = format!("/api/v1/communities/{}/dismissals", w.cid);
        assert_eq!(list(&w, &w.ana, "for_you").await.len(), 2);
        let created = w.app.post_json(&dismissals, &w.ana, json!({"topic_id": a})).await;
        assert_eq!(created.ok(201)["items"][0]["kind"], "topic");
        assert_eq!(topic_ids(&list(&w, &w.ana, "for_you").await), std::slice::from_ref(&b));
        // Twice is the same as once.
        w.app.post_json(&dismissals, &w.ana, json!({"topic_id": a})).await.ok(201);
        assert_eq!(w.app.get(&dismissals, &w.ana).await.ok(200)["items"].as_array().map(Vec::len), Some(1));
        // Only Ana's lists change.
        w.app.post_json(&dismissals, &w.ana, json!({"host_id": w.bo_id})).await.ok(201);
        assert!(list(&w, &w.ana, "for_you").await.is_empty());
        let partners = w.app.get(&format!("/api/v1/communities/{}/swap-partners", w.cid), &w.ana).await;
        assert_eq!(partners.ok(200)["items"].as_array().map(Vec::len), Some(0));
        w.app.delete(&format!("{dismissals}?host_id={}", w.bo_id), &w.ana).await.ok(204);
        w.app.delete(&format!("{dismissals}?topic_id={a}"), &w.ana).await.ok(204);
        assert_eq!(list(&w, &w.ana, "for_you").await.len(), 2);
        w.app.delete(&format!("{dismissals}?topic_id={a}"), &w.ana).await.problem(404, "not_found");
    }

    async fn swap_partners_and_asks_one_could_help_with(db: TestDb) {
        let w = world(db).await;
        let partners = w.app.get(&format!("/api/v1/communities/{}/swap-partners", w.cid), &w.ana).await;
        let items = partners.ok(200)["items"].as_array().expect("items").clone();
        assert_eq!(items.len(), 1, "{items:?}");
        assert_eq!(items[0]["member"]["id"], w.bo_id.as_str());
        let reason = items[0]["reason"].as_str().expect("a reason");
        assert!(reason.contains("can teach you kubernetes") && reason.contains("wants to learn rust"), "{reason}");
        // Cy offers nothing Ana wants: no swap.
        let none = w.app.get(&format!("/api/v1/communities/{}/swap-partners", w.cid), &w.cy).await;
        assert_eq!(none.ok(200)["items"].as_array().map(Vec::len), Some(0));
        let ask = post_topic(&w, &w.bo, "ask", "Help me with Rust lifetimes", &["rust"]).await;
        let help = list(&w, &w.ana, "could_help").await;
        assert_eq!(topic_ids(&help), [ask]);
        assert!(help[0]["reason"].as_str().unwrap().contains("rust"), "{}", help[0]["reason"]);
        assert!(list(&w, &w.cy, "could_help").await.is_empty());
    }

    async fn bad_input_and_strangers_get_problems_and_nothing_is_written(db: TestDb) {
        let w = world(db).await;
        let (_, zed) = w.app.signup("zed@example.org", "Zed").await;
        let hidden = id(&w.app.community(&zed, "invite").await);
        let mine = post_topic(&w, &w.ana, "offer", "Rust traits", &["rust"]).await;
        let recs = format!("/api/v1/communities/{}/recommendations", w.cid);
        let dismissals = format!("/api/v1/communities/{}/dismissals", w.cid);
        w.app.get(&format!("{recs}?list=everything"), &w.ana).await.invalid("list");
        w.app.get(&format!("{recs}?limit=0"), &w.ana).await.invalid("limit");
        w.app.get(&format!("{recs}?limit=21"), &w.ana).await.invalid("limit");
        w.app.get(&recs, "").await.problem(401, "not_signed_in");
        w.app.get(&recs, &zed).await.problem(403, "forbidden");
        w.app.get(&format!("/api/v1/communities/{hidden}/recommendations"), &w.ana).await.problem(404, "not_found");
        w.app.get(&format!("/api/v1/communities/{hidden}/swap-partners"), &w.ana).await.problem(404, "not_found");
        w.app.post_json(&format!("/api/v1/communities/{hidden}/dismissals"), &w.ana, json!({"topic_id": mine})).await.problem(404, "not_found");
        w.app.post_json(&dismissals, &w.ana, json!({})).await.invalid("topic_id");
        w.app.post_json(&dismissals, &w.ana, json!({"topic_id": mine, "host_id": w.bo_id})).await.invalid("topic_id");
        w.app.post_json(&dismissals, &w.ana, json!({"topic_id": "x"})).await.invalid("topic_id");
        w.app.post_json(&dismissals, &w.ana, json!({"topic_id": 7})).await.bad_request("invalid_body", "topic_id");
        w.app.post_json(&dismissals, &w.ana, json!({"topic_id": mine})).await.problem(409, "own_topic");
        w.app.post_json(&dismissals, &w.bo, json!({"topic_id": "999999"})).await.problem(404, "not_found");
        w.app.post_json(&dismissals, &w.bo, json!({"host_id": w.bo_id})).await.problem(409, "own_profile");
        let zed_topic = post_topic_in(&w.app, &zed, &hidden).await;
        w.app.post_json(&dismissals, &w.bo, json!({"topic_id": zed_topic})).await.problem(404, "not_found");
        w.app.delete(&dismissals, &w.ana).await.invalid("topic_id");
        assert_eq!(w.app.get(&dismissals, &w.ana).await.ok(200)["items"].as_array().map(Vec::len), Some(0));
        assert_eq!(w.app.get(&dismissals, &w.bo).await.ok(200)["items"].as_array().map(Vec::len), Some(0));
        // Cy is a member with nothing to learn: empty lists, not errors.
        assert!(list(&w, &w.cy, "for_you").await.is_empty());
    }

    async fn the_home_page_shows_recommendations_with_why_and_dismiss(db: TestDb) {
        let w = world(db).await;
        post_topic(&w, &w.bo, "offer", "Kubernetes from zero", &["kubernetes"]).await;
        let home = w.app.get(&format!("/c/{}", w.cid), &w.ana).await;
        assert_eq!(home.status.as_u16(), 200);
        let html = home.json.as_str().expect("html").to_string();
        for needle in ["Recommended for you", "Kubernetes from zero", "Bo can teach you kubernetes.", "offers kubernetes", "Why?", "Bo wants to learn rust, which you offer.", "Not interested", "You could help", "Swap partners"] {
            assert!(html.contains(needle), "{needle} missing");
        }
        let cy_home = w.app.get(&format!("/c/{}", w.cid), &w.cy).await;
        let html = cy_home.json.as_str().expect("html").to_string();
        assert!(html.contains("Add what you want to learn to your profile"), "empty state with a next step");
    }
}

async fn post_topic_in(app: &TestApp, token: &str, cid: &str) -> String {
    id(app
        .post_json(
            &format!("/api/v1/communities/{cid}/topics"),
            token,
            json!({"kind": "offer", "title": "Secret", "description": "", "tags": ["kubernetes"],
                   "format": "one_on_one", "mode": "either"}),
        )
        .await
        .ok(201))
}
