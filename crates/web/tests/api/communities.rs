//! Communities over HTTP: create, read, settings, invite codes, joining, and who may do what.

use crate::common::id;
use crate::common::{TestApp, community_body};
use axum::http::Method;
use peerlearn_testkit::TestDb;
use serde_json::{Value, json};

async fn community_count(app: &TestApp, token: &str) -> usize {
    app.get("/api/v1/me", token).await.ok(200)["communities"]
        .as_array()
        .map_or(0, Vec::len)
}

peerlearn_testkit::backend_tests! {
    async fn a_shared_topic_link_shows_a_preview_with_join_to_book(db: TestDb) {
        let app = TestApp::new(db).await;
        let (_, ana) = app.signup("ana@example.org", "Ana").await;
        let open = app.community(&ana, "open").await;
        let closed = app.community(&ana, "invite").await;
        let topic = |cid: String| {
            let app = &app;
            let ana = ana.clone();
            async move {
                let t = app
                    .post_json(
                        &format!("/api/v1/communities/{cid}/topics"),
                        &ana,
                        json!({"kind": "offer", "title": "Kubernetes basics", "tags": ["Kubernetes"],
                               "format": "one_on_one", "mode": "in_person", "duration_minutes": 30}),
                    )
                    .await;
                id(t.ok(201))
            }
        };
        let shared = format!("/c/{}/topics/{}", id(&open), topic(id(&open)).await);
        let private = format!("/c/{}/topics/{}", id(&closed), topic(id(&closed)).await);
        let bo = app
            .form("/signup", "", &[("email", "bo@example.org"), ("display_name", "Bo"), ("password", "correct horse battery")])
            .await
            .cookie("pl_session")
            .expect("signed in");

        let preview = app.page(&shared, &bo).await;
        assert_eq!(preview.status, 200);
        assert!(preview.html().contains("Kubernetes basics") && preview.html().contains("to book"), "{}", preview.html());
        assert_eq!(app.page(&private, &bo).await.status, 404, "an invite-only community shows nothing");

        let joined = app.form(&format!("/c/{}/join", id(&open)), &bo, &[("next", &shared)]).await;
        assert_eq!(joined.location(), format!("{shared}?notice=joined"), "back to the topic, now a member");
        let elsewhere = app.form(&format!("/c/{}/join", id(&open)), &bo, &[("next", "https://evil.example/")]).await;
        assert_eq!(elsewhere.location(), format!("/c/{}", id(&open)), "already a member; no open redirect");
    }

    async fn an_invite_survives_sign_up_and_lands_the_new_member_inside(db: TestDb) {
        let app = TestApp::new(db).await;
        let (_, ana) = app.signup("ana@example.org", "Ana").await;
        let c = app.community(&ana, "invite").await;
        let code = c["invite_code"].as_str().expect("a code");
        let invite = format!("/join/{code}");

        let page = app.page(&invite, "").await;
        assert_eq!(page.status, 200, "a visitor sees whom the invite is for");
        assert!(page.html().contains(&format!("/signup?next=/join/{code}")), "{}", page.html());

        let signed_up = app
            .form("/signup", "", &[("email", "bo@example.org"), ("display_name", "Bo"), ("password", "correct horse battery"), ("next", &invite)])
            .await;
        assert_eq!(signed_up.location(), format!("{invite}?notice=welcome"));
        let session = signed_up.cookie("pl_session").expect("signed in");

        let back = app.page(&format!("{invite}?notice=welcome"), &session).await;
        assert_eq!(back.status, 200);
        let joined = app.form(&invite, &session, &[]).await;
        assert_eq!(joined.location(), format!("/c/{}/profile?notice=joined", id(&c)));
        let home = app.page(&format!("/c/{}", id(&c)), &session).await;
        assert_eq!(home.status, 200, "the invite-only community is open to the new member");
    }

    async fn creating_a_community_makes_the_caller_organizer(db: TestDb) {
        let app = TestApp::new(db).await;
        let (_, ana) = app.signup("ana@example.org", "Ana").await;
        let body = json!({
            "name": "RustConf", "description": "Two days of Rust", "kind": "event",
            "timezone": "Europe/Lisbon", "starts_on": "2026-05-12", "ends_on": "2026-05-13",
            "day_start": "09:00", "day_end": "18:00", "join_policy": "invite"
        });
        let c = app.post_json("/api/v1/communities", &ana, body).await;
        let c = c.ok(201);
        assert_eq!(c["my_role"], "organizer");
        assert_eq!(c["member_count"], 1);
        assert_eq!((c["kind"].as_str(), c["timezone"].as_str()), (Some("event"), Some("Europe/Lisbon")));
        assert_eq!((c["starts_on"].as_str(), c["ends_on"].as_str()), (Some("2026-05-12"), Some("2026-05-13")));
        assert_eq!((c["day_start"].as_str(), c["day_end"].as_str()), (Some("09:00"), Some("18:00")));
        assert_eq!(c["invite_code"].as_str().map(str::len), Some(10));
        let read = app.get(&format!("/api/v1/communities/{}", id(c)), &ana).await;
        assert_eq!(read.ok(200)["invite_code"], c["invite_code"]);
    }

    async fn an_open_community_is_visible_to_everyone_signed_in(db: TestDb) {
        let app = TestApp::new(db).await;
        let (_, ana) = app.signup("ana@example.org", "Ana").await;
        let (_, bo) = app.signup("bo@example.org", "Bo").await;
        let cid = id(&app.community(&ana, "open").await);
        let seen = app.get(&format!("/api/v1/communities/{cid}"), &bo).await;
        let seen = seen.ok(200);
        assert_eq!(seen["my_role"], Value::Null);
        assert!(seen.get("invite_code").is_none(), "only organizers see the code");
        let joined = app.join(&bo, &cid, None).await;
        assert_eq!(joined["role"], "member");
        assert_eq!(joined["community_id"], cid.as_str());
        let seen = app.get(&format!("/api/v1/communities/{cid}"), &bo).await;
        assert_eq!(seen.ok(200)["my_role"], "member");
        assert_eq!(seen.json["member_count"], 2);
        app.get(&format!("/api/v1/communities/{cid}"), "").await.problem(401, "not_signed_in");
    }

    async fn an_invite_only_community_is_hidden_and_needs_its_code(db: TestDb) {
        let app = TestApp::new(db).await;
        let (_, ana) = app.signup("ana@example.org", "Ana").await;
        let (_, bo) = app.signup("bo@example.org", "Bo").await;
        let c = app.community(&ana, "invite").await;
        let cid = id(&c);
        let code = c["invite_code"].as_str().expect("a code");
        app.get(&format!("/api/v1/communities/{cid}"), &bo).await.problem(404, "not_found");
        let path = format!("/api/v1/communities/{cid}/members");
        app.post_json(&path, &bo, json!({})).await.problem(404, "not_found");
        app.post_json(&path, &bo, json!({"invite_code": "wrongcode1"})).await.problem(404, "not_found");
        assert_eq!(community_count(&app, &bo).await, 0, "refused joins wrote nothing");
        app.join(&bo, &cid, Some(&format!(" {code} "))).await;
        app.get(&format!("/api/v1/communities/{cid}"), &bo).await.ok(200);
        app.post_json(&path, &bo, json!({"invite_code": code})).await.problem(409, "already_member");
        app.post_json(&path, &bo, json!({})).await.problem(409, "already_member");
    }

    async fn a_regenerated_invite_code_retires_the_old_one(db: TestDb) {
        let app = TestApp::new(db).await;
        let (_, ana) = app.signup("ana@example.org", "Ana").await;
        let (_, bo) = app.signup("bo@example.org", "Bo").await;
        let (_, cy) = app.signup("cy@example.org", "Cy").await;
        let c = app.community(&ana, "invite").await;
        let cid = id(&c);
        let old = c["invite_code"].as_str().expect("a code").to_string();
        app.join(&cy, &cid, Some(&old)).await;
        let path = format!("/api/v1/communities/{cid}/invite_code");
        app.send(Method::POST, &path, &cy, None).await.problem(403, "forbidden");
        app.send(Method::POST, &path, &bo, None).await.problem(404, "not_found");
        let renewed = app.send(Method::POST, &path, &ana, None).await;
        let new = renewed.ok(200)["invite_code"].as_str().expect("a code").to_string();
        assert_ne!(new, old);
        let join = format!("/api/v1/communities/{cid}/members");
        app.post_json(&join, &bo, json!({"invite_code": old})).await.problem(404, "not_found");
        app.join(&bo, &cid, Some(&new)).await;
    }

    async fn organizers_change_settings_and_others_cannot(db: TestDb) {
        let app = TestApp::new(db).await;
        let (_, ana) = app.signup("ana@example.org", "Ana").await;
        let (_, bo) = app.signup("bo@example.org", "Bo").await;
        let (_, cy) = app.signup("cy@example.org", "Cy").await;
        let cid = id(&app.community(&ana, "open").await);
        app.join(&bo, &cid, None).await;
        let path = format!("/api/v1/communities/{cid}");
        app.put_json(&path, &bo, community_body("Taken over", "invite")).await.problem(403, "forbidden");
        app.put_json(&path, &cy, community_body("Taken over", "invite")).await.problem(403, "forbidden");
        assert_eq!(app.get(&path, &ana).await.ok(200)["name"], "Guild", "nothing changed");
        let updated = app.put_json(&path, &ana, community_body("Renamed", "invite")).await;
        assert_eq!(updated.ok(200)["name"], "Renamed");
        assert_eq!(updated.json["join_policy"], "invite");
        app.get(&path, &cy).await.problem(404, "not_found");
        app.put_json(&path, &cy, community_body("Again", "open")).await.problem(404, "not_found");
    }

    async fn bad_community_input_names_the_field_and_writes_nothing(db: TestDb) {
        let app = TestApp::new(db).await;
        let (_, ana) = app.signup("ana@example.org", "Ana").await;
        let with = |key: &str, value: Value| {
            let mut body = community_body("Guild", "open");
            body[key] = value;
            body
        };
        let cases = [
            (with("name", json!("x".repeat(121))), "name"),
            (with("name", json!("   ")), "name"),
            (with("description", json!("d".repeat(4001))), "description"),
            (with("timezone", json!("Mars/Olympus")), "timezone"),
            (with("day_start", json!("9am")), "day_start"),
            (with("day_end", json!("08:00")), "day_end"),
            (with("join_policy", json!("closed")), "join_policy"),
            (with("kind", json!("festival")), "kind"),
            (with("kind", json!("event")), "starts_on"),
        ];
        for (body, field) in cases {
            app.post_json("/api/v1/communities", &ana, body).await.invalid(field);
        }
        let mut event = with("kind", json!("event"));
        event["starts_on"] = json!("2026-05-13");
        event["ends_on"] = json!("2026-05-12");
        app.post_json("/api/v1/communities", &ana, event).await.invalid("ends_on");
        app.post_json("/api/v1/communities", &ana, with("name", json!(7))).await.bad_request("invalid_body", "name");
        let mut missing = community_body("Guild", "open");
        missing.as_object_mut().expect("an object").remove("timezone");
        app.post_json("/api/v1/communities", &ana, missing).await.bad_request("invalid_body", "timezone");
        app.raw(Method::POST, "/api/v1/communities", &ana, "application/json", "{\"name\": \"x\",")
            .await
            .problem(400, "malformed_json");
        app.raw(Method::POST, "/api/v1/communities", &ana, "application/x-www-form-urlencoded", "name=x")
            .await
            .problem(415, "unsupported_media_type");
        assert_eq!(community_count(&app, &ana).await, 0);
        let cid = id(&app.community(&ana, "open").await);
        let path = format!("/api/v1/communities/{cid}");
        app.put_json(&path, &ana, with("timezone", json!("Nowhere"))).await.invalid("timezone");
        assert_eq!(app.get(&path, &ana).await.ok(200)["timezone"], "UTC", "a refused update changed nothing");
    }

    async fn unknown_and_malformed_community_ids_are_404(db: TestDb) {
        let app = TestApp::new(db).await;
        let (_, ana) = app.signup("ana@example.org", "Ana").await;
        for cid in ["999999", "abc", "-1", "1.5", "99999999999999999999"] {
            app.get(&format!("/api/v1/communities/{cid}"), &ana).await.problem(404, "not_found");
            app.post_json(&format!("/api/v1/communities/{cid}/members"), &ana, json!({})).await.problem(404, "not_found");
            app.put_json(&format!("/api/v1/communities/{cid}"), &ana, community_body("X", "open")).await.problem(404, "not_found");
        }
        assert_eq!(community_count(&app, &ana).await, 0);
    }
}
