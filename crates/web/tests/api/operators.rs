//! The server operator's use cases behind `peerlearn admin` and `peerlearn export`: listing
//! communities, making someone an organizer (promoted, joined, or a new account with an
//! invitation link that sets its password), a reset link that works once and ends the
//! account's sessions, and a community's export, which names no former member.

use peerlearn_domain::{CommunityId, Role};
use peerlearn_store::OrganizerChange;
use peerlearn_testkit::TestDb;
use peerlearn_web::{AppError, account_links, community_export, invitations, operators};
use serde_json::{Value, json};

use crate::common::TestApp;

/// The secret at the end of a printed link.
fn secret_after<'a>(link: &'a str, prefix: &str) -> &'a str {
    link.split_once(prefix).map(|(_, s)| s).expect("a link")
}

fn text(export: &community_export::CommunityExport, name: &str) -> String {
    let file = export
        .files
        .iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("no {name}"));
    String::from_utf8(file.bytes.clone()).expect("UTF-8")
}

peerlearn_testkit::backend_tests! {
    async fn an_operator_lists_communities_and_makes_organizers(db: TestDb) {
        let app = TestApp::new(db).await;
        let (cid, _) = app.open_community_of([("org@example.org", "Olga"), ("bo@example.org", "Bo")]).await;
        let community = CommunityId(cid.parse().expect("an id"));
        app.signup("cy@example.org", "Cy").await;
        let state = &app.state;

        let list = operators::list_communities(state).await.expect("a list");
        assert_eq!(list.len(), 1);
        assert_eq!((list[0].id, list[0].name.as_str(), list[0].members, list[0].organizers), (community, "Guild", 2, 1));

        // A member is promoted, once.
        let bo = operators::create_organizer(state, community, "Bo@Example.org", None).await.expect("promoted");
        assert_eq!(bo.change, OrganizerChange::Promoted(Role::Member));
        assert!(bo.link.is_none());
        assert_eq!(state.store.membership(community, bo.user.id).await.unwrap().map(|m| m.1), Some(Role::Organizer));
        let again = operators::create_organizer(state, community, "bo@example.org", None).await.expect("no change");
        assert_eq!(again.change, OrganizerChange::AlreadyOrganizer);

        // An account that is not a member joins as organizer.
        let cy = operators::create_organizer(state, community, "cy@example.org", None).await.expect("joined");
        assert_eq!((cy.change, cy.user.display_name.as_str()), (OrganizerChange::Joined, "Cy"));
        assert_eq!(state.store.membership(community, cy.user.id).await.unwrap().map(|m| m.1), Some(Role::Organizer));

        // Refusals write nothing: no name for a new account, a bad address, an unknown community.
        let users = state.store.count_users().await.unwrap();
        let no_name = operators::create_organizer(state, community, "dee@example.org", None).await.expect_err("a name is needed");
        assert!(matches!(&no_name, AppError::Invalid(e) if e.errors[0].field == "display_name"), "{no_name:?}");
        let bad = operators::create_organizer(state, community, "not an email", Some("Dee")).await.expect_err("bad email");
        assert!(matches!(&bad, AppError::Invalid(e) if e.errors[0].field == "email"), "{bad:?}");
        let unknown = operators::create_organizer(state, CommunityId(community.0 + 100), "dee@example.org", Some("Dee")).await.expect_err("no community");
        assert!(matches!(unknown, AppError::NotFound("community")), "{unknown:?}");
        assert_eq!(state.store.count_users().await.unwrap(), users);

        // A new account gets an invitation link with which it chooses its password.
        let dee = operators::create_organizer(state, community, "dee@example.org", Some("Dee")).await.expect("created");
        assert_eq!(dee.change, OrganizerChange::NewAccount);
        let link = dee.link.expect("a link");
        assert!(link.starts_with(&format!("{}/invitations/", state.config.public_url)), "{link}");
        let secret = secret_after(&link, "/invitations/");
        let (joined, user, signs_in) = invitations::accept(state, secret, Some("a brand new secret")).await.expect("the link works");
        assert_eq!((joined, user.email.as_str(), signs_in), (community, "dee@example.org", true));
        app.post_json("/api/v1/tokens", "", json!({"email": "dee@example.org", "password": "a brand new secret"})).await.ok(201);
        assert!(invitations::accept(state, secret, Some("another secret")).await.is_err(), "used once");
        assert_eq!(state.store.membership(community, user.id).await.unwrap().map(|m| m.1), Some(Role::Organizer));

        let list = operators::list_communities(state).await.expect("a list");
        assert_eq!((list[0].members, list[0].organizers), (4, 4));
    }

    async fn an_operators_reset_link_works_once_and_ends_the_accounts_sessions(db: TestDb) {
        let app = TestApp::new(db).await;
        let (_, token) = app.signup("ana@example.org", "Ana").await;
        let state = &app.state;
        let reset = operators::reset_password_link(state, " Ana@Example.org ").await.expect("a link");
        assert_eq!(reset.minutes, account_links::RESET_MINUTES);
        let secret = secret_after(&reset.link, "/password/reset/");
        assert!(account_links::reset_link_works(state, secret).await.unwrap());
        let user = account_links::reset_password(state, secret, "a brand new secret").await.expect("accepted");
        assert_eq!(user.email, "ana@example.org");
        app.get("/api/v1/me", &token).await.problem(401, "not_signed_in");
        app.post_json("/api/v1/tokens", "", json!({"email": "ana@example.org", "password": "a brand new secret"})).await.ok(201);
        assert!(matches!(account_links::reset_password(state, secret, "yet another one").await, Err(AppError::NotFound("reset-link"))));

        let nobody = operators::reset_password_link(state, "nobody@example.org").await.expect_err("no account");
        assert!(matches!(nobody, AppError::NotFound("user")), "{nobody:?}");
        assert!(matches!(operators::reset_password_link(state, "nope").await, Err(AppError::Invalid(_))));
    }

    async fn a_community_export_holds_its_tables_and_no_former_member(db: TestDb) {
        let app = TestApp::new(db).await;
        let (cid, [ana, bo, cy]) = app
            .open_community_of([("ana@example.org", "Ana"), ("bo@example.org", "Bo Brandt"), ("cy@example.org", "Cy")])
            .await;
        let community = CommunityId(cid.parse().expect("an id"));
        let topics = format!("/api/v1/communities/{cid}/topics");
        let group = app.post_json(&topics, &ana, json!({"kind": "offer", "title": "Rust, together", "tags": ["Rust"],
            "format": "group", "mode": "virtual", "starts_at": "2026-05-04T10:00:00Z"})).await.ok(201).clone();
        let tid = group["id"].as_str().expect("an id");
        app.post_json(&format!("/api/v1/topics/{tid}/seats"), &cy, json!({})).await.ok(201);
        app.post_json(&topics, &bo, json!({"kind": "ask", "title": "Who knows Go?", "tags": ["Go"],
            "format": "one_on_one", "mode": "virtual"})).await.ok(201);
        assert_eq!(app.delete(&format!("/api/v1/communities/{cid}/members/me"), &bo).await.status, 204);

        let export = community_export::export_community(&app.state, community, None, None).await.expect("an export");
        let names: Vec<&str> = export.files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["members.csv", "topics.csv", "meetings.csv", "dashboard_summary.csv",
            "dashboard_meetings_per_day.csv", "dashboard_supply_gap.csv", "dashboard_demand.csv", "community.json"]);

        let members = text(&export, "members.csv");
        let lines: Vec<&str> = members.lines().collect();
        assert_eq!(lines[0], "name,email,team,role,joined");
        assert_eq!(lines.len(), 3, "{members}");
        assert!(lines[1].starts_with("Ana,ana@example.org,,organizer,2026-05-01T12:00:00+00:00"), "{members}");
        assert!(lines[2].starts_with("Cy,cy@example.org,,member,"), "{members}");

        let topic_rows = text(&export, "topics.csv");
        assert!(topic_rows.starts_with("id,title,kind,author,tags,status,created\n"), "{topic_rows}");
        assert!(topic_rows.contains(&format!("{tid},\"Rust, together\",offer,Ana,Rust,open,")), "{topic_rows}");
        let asked = topic_rows.lines().find(|l| l.contains("Who knows Go?")).expect("a former member's topic stays");
        assert!(asked.contains(",ask,") && asked.contains(",Go,closed,"), "{asked}");

        let meetings = text(&export, "meetings.csv");
        assert!(meetings.starts_with("id,start,end,topic,mode,spot,participants,status\n"), "{meetings}");
        assert!(meetings.contains(",2026-05-04T10:00:00+00:00,") && meetings.contains(",\"Rust, together\",virtual,"), "{meetings}");
        assert!(meetings.contains(",Ana; Cy,confirmed"), "{meetings}");

        assert!(text(&export, "dashboard_summary.csv").starts_with("figure,value\nMembers,"));
        assert!(text(&export, "dashboard_meetings_per_day.csv").starts_with("day,meetings\n"));
        assert_eq!(export.files[5].rows + 1, text(&export, "dashboard_supply_gap.csv").lines().count());
        assert!(text(&export, "dashboard_demand.csv").starts_with("tag,wanted_by,can_share,open_asks,pending_requests\n"));

        let manifest: Value = serde_json::from_str(&text(&export, "community.json")).expect("JSON");
        assert_eq!(manifest["format"], community_export::FORMAT);
        assert_eq!(manifest["community"]["name"], "Guild");
        assert_eq!(manifest["community"]["members"], 2);
        assert_eq!(manifest["dashboard_period"], json!({"from": "2026-04-02", "to": "2026-05-01"}));
        assert_eq!(manifest["files"][0], json!({"name": "members.csv", "rows": 2}));

        for file in &export.files {
            let body = String::from_utf8_lossy(&file.bytes);
            assert!(!body.contains("bo@example.org") && !body.contains("Bo Brandt"), "{}: {body}", file.name);
        }
        let unknown = community_export::export_community(&app.state, CommunityId(community.0 + 100), None, None).await;
        assert!(matches!(unknown, Err(AppError::NotFound("community"))));
    }
}
