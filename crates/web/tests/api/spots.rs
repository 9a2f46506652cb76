//! Spots over HTTP: organizers create, change and remove them; members list them.

use crate::common::TestApp;
use crate::common::id;
use axum::http::Method;
use peerlearn_testkit::TestDb;
use serde_json::{Value, json};

fn spot(name: &str, kind: &str, capacity: i64) -> Value {
    json!({"name": name, "kind": kind, "capacity": capacity})
}

async fn spot_names(app: &TestApp, token: &str, cid: &str) -> Vec<String> {
    app.get(&format!("/api/v1/communities/{cid}/spots"), token)
        .await
        .ok(200)["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|s| s["name"].as_str().expect("a name").to_string())
        .collect()
}

peerlearn_testkit::backend_tests! {
    async fn removing_a_spot_moves_its_meetings_and_tells_everyone_in_them(db: TestDb) {
        let app = TestApp::new(db).await;
        let (_, ana) = app.signup("ana@example.org", "Ana").await;
        let (_, bo) = app.signup("bo@example.org", "Bo").await;
        let cid = id(&app.community(&ana, "open").await);
        app.join(&bo, &cid, None).await;
        let spots = format!("/api/v1/communities/{cid}/spots");
        let t1 = id(app.post_json(&spots, &ana, spot("Table 1", "table", 4)).await.ok(201));
        let t2 = id(app.post_json(&spots, &ana, spot("Table 2", "table", 4)).await.ok(201));
        let topic = app
            .post_json(
                &format!("/api/v1/communities/{cid}/topics"),
                &ana,
                serde_json::json!({"kind": "offer", "title": "Chess", "format": "group", "capacity": 3,
                       "mode": "in_person", "starts_at": "2026-05-04T10:00:00Z", "duration_minutes": 45}),
            )
            .await
            .ok(201)
            .clone();
        let read = app.get(&format!("/api/v1/topics/{}", id(&topic)), &bo).await.ok(200).clone();
        let meeting = read["meeting_id"].as_str().expect("a meeting").to_string();
        app.post_json(&format!("/api/v1/topics/{}/seats", id(&topic)), &bo, serde_json::json!({})).await.ok(201);

        let shrink = app.put_json(&format!("{spots}/{t1}"), &ana, spot("Table 1", "table", 2)).await;
        shrink.problem(409, "spot_in_use");
        let gone = app.delete(&format!("{spots}/{t1}"), &ana).await;
        assert_eq!(gone.ok(200)["moved_meetings"], serde_json::json!([meeting]));
        let moved = app.get(&format!("/api/v1/meetings/{meeting}"), &bo).await.ok(200).clone();
        assert_eq!(moved["spot"]["id"].as_str(), Some(t2.as_str()), "{moved:#}");
        peerlearn_web::notify::run_due(&app.state).await.expect("jobs run");
        for who in [&ana, &bo] {
            assert!(app.inbox_kinds(who, &cid).await.contains(&"meeting_moved".to_string()));
        }
        app.delete(&format!("{spots}/{t2}"), &ana).await.problem(409, "spot_in_use");
        assert_eq!(spot_names(&app, &bo, &cid).await, ["Table 2"], "the refusal changed nothing");
    }

    async fn organizers_manage_spots_and_members_list_them(db: TestDb) {
        let app = TestApp::new(db).await;
        let (_, ana) = app.signup("ana@example.org", "Ana").await;
        let (_, bo) = app.signup("bo@example.org", "Bo").await;
        let cid = id(&app.community(&ana, "open").await);
        app.join(&bo, &cid, None).await;
        let spots = format!("/api/v1/communities/{cid}/spots");
        let created = app.post_json(&spots, &ana, spot("Table 1", "table", 4)).await;
        let table = created.ok(201).clone();
        assert_eq!((table["name"].as_str(), table["kind"].as_str(), table["capacity"].as_u64()), (Some("Table 1"), Some("table"), Some(4)));
        app.post_json(&spots, &ana, spot("Zoom", "virtual", 50)).await.ok(201);
        app.post_json(&spots, &ana, spot("Atrium", "room", 12)).await.ok(201);
        assert_eq!(spot_names(&app, &bo, &cid).await, ["Atrium", "Table 1", "Zoom"]);
        let one = format!("{spots}/{}", id(&table));
        let changed = app.put_json(&one, &ana, spot("Table One", "table", 6)).await;
        assert_eq!(changed.ok(200)["capacity"], 6);
        assert_eq!(changed.json["id"], table["id"]);
        let gone = app.delete(&one, &ana).await;
        assert_eq!(gone.ok(200)["moved_meetings"], serde_json::json!([]));
        assert_eq!(spot_names(&app, &bo, &cid).await, ["Atrium", "Zoom"]);
        app.delete(&one, &ana).await.problem(404, "not_found");
        app.put_json(&one, &ana, spot("Back", "table", 2)).await.problem(404, "not_found");
    }

    async fn members_and_outsiders_cannot_change_spots(db: TestDb) {
        let app = TestApp::new(db).await;
        let (_, ana) = app.signup("ana@example.org", "Ana").await;
        let (_, bo) = app.signup("bo@example.org", "Bo").await;
        let (_, zed) = app.signup("zed@example.org", "Zed").await;
        let cid = id(&app.community(&ana, "open").await);
        let hidden = id(&app.community(&zed, "invite").await);
        app.join(&bo, &cid, None).await;
        let spots = format!("/api/v1/communities/{cid}/spots");
        let sid = id(app.post_json(&spots, &ana, spot("Table 1", "table", 4)).await.ok(201));
        let one = format!("{spots}/{sid}");
        app.post_json(&spots, &bo, spot("Mine", "table", 4)).await.problem(403, "forbidden");
        app.put_json(&one, &bo, spot("Mine", "table", 4)).await.problem(403, "forbidden");
        app.delete(&one, &bo).await.problem(403, "forbidden");
        app.post_json(&spots, &zed, spot("Theirs", "table", 4)).await.problem(403, "forbidden");
        app.get(&spots, &zed).await.problem(403, "forbidden");
        app.post_json(&spots, "", spot("Anon", "table", 4)).await.problem(401, "not_signed_in");
        let hidden_spots = format!("/api/v1/communities/{hidden}/spots");
        app.get(&hidden_spots, &ana).await.problem(404, "not_found");
        app.post_json(&hidden_spots, &ana, spot("Sneaky", "table", 4)).await.problem(404, "not_found");
        let zed_sid = id(app.post_json(&hidden_spots, &zed, spot("Zed's", "room", 4)).await.ok(201));
        let cross = format!("{spots}/{zed_sid}");
        app.put_json(&cross, &ana, spot("Stolen", "room", 4)).await.problem(404, "not_found");
        app.delete(&cross, &ana).await.problem(404, "not_found");
        assert_eq!(spot_names(&app, &ana, &cid).await, ["Table 1"]);
        assert_eq!(spot_names(&app, &zed, &hidden).await, ["Zed's"]);
    }

    async fn bad_spots_name_the_field_and_write_nothing(db: TestDb) {
        let app = TestApp::new(db).await;
        let (_, ana) = app.signup("ana@example.org", "Ana").await;
        let cid = id(&app.community(&ana, "open").await);
        let spots = format!("/api/v1/communities/{cid}/spots");
        let sid = id(app.post_json(&spots, &ana, spot("Table 1", "table", 4)).await.ok(201));
        app.post_json(&spots, &ana, spot("Table 1", "room", 8)).await.problem(409, "spot_name_taken");
        app.post_json(&spots, &ana, spot(&"n".repeat(81), "table", 4)).await.invalid("name");
        app.post_json(&spots, &ana, spot("", "table", 4)).await.invalid("name");
        app.post_json(&spots, &ana, spot("Couch", "sofa", 4)).await.invalid("kind");
        app.post_json(&spots, &ana, spot("Couch", "table", 0)).await.invalid("capacity");
        app.post_json(&spots, &ana, spot("Couch", "table", 501)).await.invalid("capacity");
        app.post_json(&spots, &ana, json!({"name": "Couch", "kind": "table", "capacity": "four"}))
            .await
            .bad_request("invalid_body", "capacity");
        app.post_json(&spots, &ana, json!({"name": "Couch", "kind": "table"}))
            .await
            .bad_request("invalid_body", "capacity");
        app.raw(Method::POST, &spots, &ana, "application/json", "{\"name\": ").await.problem(400, "malformed_json");
        app.raw(Method::POST, &spots, &ana, "text/csv", "Couch,table,4").await.problem(415, "unsupported_media_type");
        let one = format!("{spots}/{sid}");
        app.post_json(&spots, &ana, spot("Table 2", "table", 4)).await.ok(201);
        app.put_json(&one, &ana, spot("Table 2", "table", 4)).await.problem(409, "spot_name_taken");
        app.put_json(&one, &ana, spot("Table 1", "table", -1)).await.invalid("capacity");
        for bad in ["abc", "999999", "-3"] {
            app.put_json(&format!("{spots}/{bad}"), &ana, spot("X", "table", 4)).await.problem(404, "not_found");
            app.delete(&format!("{spots}/{bad}"), &ana).await.problem(404, "not_found");
        }
        assert_eq!(spot_names(&app, &ana, &cid).await, ["Table 1", "Table 2"]);
        let listed = app.get(&spots, &ana).await;
        assert_eq!(listed.json["items"][0]["capacity"], 4, "refused updates changed nothing");
        assert_eq!(listed.json["next_cursor"], Value::Null);
    }
}
