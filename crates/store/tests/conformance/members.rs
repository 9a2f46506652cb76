//! Memberships, profiles, availability and roles.

use peerlearn_domain::{CommunityId, JoinPolicy, MemberId, Role, TimeRange, UserId};
use peerlearn_testkit::TestDb;

use crate::support::{
    assert_not_found, audit_log, community, conflict_code, later, now, profile, user,
};

fn window(from_minutes: i64, to_minutes: i64) -> TimeRange {
    TimeRange::new(later(from_minutes), later(to_minutes)).expect("a valid window")
}

peerlearn_testkit::backend_tests! {
    async fn joining_makes_a_plain_member(db: TestDb) {
        let store = db.store();
        let ana = user(store, "ana@example.org", "Ana").await;
        let bo = user(store, "bo@example.org", "Bo").await;
        let c = community(store, &ana, JoinPolicy::Open).await;
        let m = store.join_community(c.id, bo.id, now()).await.expect("joined");
        assert_eq!((m.community_id, m.user_id, m.role), (c.id, bo.id, Role::Member));
        assert_eq!(m.display_name, "Bo");
        assert_eq!(m.joined_at, now());
        assert!(m.offers.is_empty() && m.wants.is_empty() && m.availability.is_empty());
        assert_eq!(store.membership(c.id, bo.id).await.expect("lookup"), Some((m.id, Role::Member)));
        assert_eq!(store.community(c.id).await.expect("reads").member_count, 2);
    }

    async fn joining_twice_is_already_member(db: TestDb) {
        let store = db.store();
        let ana = user(store, "ana@example.org", "Ana").await;
        let bo = user(store, "bo@example.org", "Bo").await;
        let c = community(store, &ana, JoinPolicy::Open).await;
        store.join_community(c.id, bo.id, now()).await.expect("joined");
        assert_eq!(conflict_code(store.join_community(c.id, bo.id, now()).await), "already_member");
        assert_eq!(conflict_code(store.join_community(c.id, ana.id, now()).await), "already_member");
        assert_eq!(store.community(c.id).await.expect("reads").member_count, 2);
    }

    async fn membership_is_per_community(db: TestDb) {
        let store = db.store();
        let ana = user(store, "ana@example.org", "Ana").await;
        let bo = user(store, "bo@example.org", "Bo").await;
        let a = community(store, &ana, JoinPolicy::Open).await;
        let b = community(store, &bo, JoinPolicy::Open).await;
        assert!(store.membership(a.id, bo.id).await.expect("lookup").is_none());
        assert!(store.membership(b.id, ana.id).await.expect("lookup").is_none());
        assert!(store.membership(a.id, UserId(9999)).await.expect("lookup").is_none());
        let (bo_in_b, _) = store.membership(b.id, bo.id).await.expect("lookup").expect("member");
        assert_not_found(store.member(a.id, bo_in_b).await);
        assert_not_found(store.member(a.id, MemberId(9999)).await);
    }

    async fn a_profile_update_replaces_text_languages_and_tags(db: TestDb) {
        let store = db.store();
        let ana = user(store, "ana@example.org", "Ana").await;
        let c = community(store, &ana, JoinPolicy::Open).await;
        let (me, _) = store.membership(c.id, ana.id).await.expect("lookup").expect("member");
        let first = store
            .update_profile(c.id, me, &profile("Data engineer", "Platform", &["SQL", "Rust", "rust"], &["Kubernetes"]))
            .await
            .expect("updated");
        assert_eq!(first.headline, "Data engineer");
        assert_eq!(first.team, "Platform");
        assert_eq!(first.bio, "A short bio.\nTwo lines.");
        assert_eq!(first.languages, ["English", "Português"]);
        assert_eq!(first.offers, ["rust", "sql"], "tags are normalised, deduplicated, sorted");
        assert_eq!(first.wants, ["kubernetes"]);
        let second = store
            .update_profile(c.id, me, &profile("", "", &["go"], &[]))
            .await
            .expect("updated");
        assert_eq!(second.headline, "");
        assert_eq!(second.offers, ["go"], "old tags are gone");
        assert!(second.wants.is_empty());
        let read = store.member(c.id, me).await.expect("reads");
        assert_eq!((read.offers, read.wants), (second.offers, second.wants));
    }

    async fn the_same_tag_may_be_offered_and_wanted(db: TestDb) {
        let store = db.store();
        let ana = user(store, "ana@example.org", "Ana").await;
        let c = community(store, &ana, JoinPolicy::Open).await;
        let (me, _) = store.membership(c.id, ana.id).await.expect("lookup").expect("member");
        let m = store.update_profile(c.id, me, &profile("", "", &["rust"], &["rust"])).await.expect("updated");
        assert_eq!((m.offers, m.wants), (vec!["rust".to_string()], vec!["rust".to_string()]));
    }

    async fn a_profile_update_in_another_community_changes_nothing(db: TestDb) {
        let store = db.store();
        let ana = user(store, "ana@example.org", "Ana").await;
        let bo = user(store, "bo@example.org", "Bo").await;
        let a = community(store, &ana, JoinPolicy::Open).await;
        let b = community(store, &bo, JoinPolicy::Open).await;
        let (ana_in_a, _) = store.membership(a.id, ana.id).await.expect("lookup").expect("member");
        store.update_profile(a.id, ana_in_a, &profile("Mine", "", &["rust"], &[])).await.expect("updated");
        assert_not_found(store.update_profile(b.id, ana_in_a, &profile("Hijack", "", &["evil"], &[])).await);
        let m = store.member(a.id, ana_in_a).await.expect("reads");
        assert_eq!((m.headline.as_str(), m.offers), ("Mine", vec!["rust".to_string()]));
        assert!(store.tag_suggestions(b.id, "", 10).await.expect("tags").is_empty());
    }

    async fn concurrent_profile_updates_never_mix_their_tags(db: TestDb) {
        let store = db.store();
        let ana = user(store, "ana@example.org", "Ana").await;
        let c = community(store, &ana, JoinPolicy::Open).await;
        let (me, _) = store.membership(c.id, ana.id).await.expect("lookup").expect("member");
        let sets: Vec<Vec<String>> = (0..6)
            .map(|i| (0..5).map(|j| format!("set{i} tag{j}")).collect())
            .collect();
        let mut tasks = tokio::task::JoinSet::new();
        for set in &sets {
            let tags: Vec<&str> = set.iter().map(String::as_str).collect();
            let update = profile("", "", &tags, &tags);
            let store = store.clone();
            tasks.spawn(async move { store.update_profile(c.id, me, &update).await.map(|_| ()) });
        }
        while let Some(result) = tasks.join_next().await {
            result.expect("the task finishes").expect("every update commits");
        }
        let m = store.member(c.id, me).await.expect("reads");
        assert!(
            sets.iter().any(|set| *set == m.offers && *set == m.wants),
            "the tags are exactly one update's: {:?} / {:?}",
            m.offers,
            m.wants
        );
    }

    async fn availability_is_replaced_and_read_in_order(db: TestDb) {
        let store = db.store();
        let ana = user(store, "ana@example.org", "Ana").await;
        let c = community(store, &ana, JoinPolicy::Open).await;
        let (me, _) = store.membership(c.id, ana.id).await.expect("lookup").expect("member");
        let m = store
            .set_availability(c.id, me, &[window(120, 180), window(0, 60)])
            .await
            .expect("set");
        assert_eq!(m.availability, [window(0, 60), window(120, 180)]);
        let m = store.set_availability(c.id, me, &[window(300, 330)]).await.expect("set");
        assert_eq!(m.availability, [window(300, 330)], "old windows are gone");
        let m = store.set_availability(c.id, me, &[]).await.expect("cleared");
        assert!(m.availability.is_empty());
        assert!(store.member(c.id, me).await.expect("reads").availability.is_empty());
    }

    async fn availability_in_another_community_is_not_found(db: TestDb) {
        let store = db.store();
        let ana = user(store, "ana@example.org", "Ana").await;
        let bo = user(store, "bo@example.org", "Bo").await;
        let a = community(store, &ana, JoinPolicy::Open).await;
        let b = community(store, &bo, JoinPolicy::Open).await;
        let (ana_in_a, _) = store.membership(a.id, ana.id).await.expect("lookup").expect("member");
        store.set_availability(a.id, ana_in_a, &[window(0, 30)]).await.expect("set");
        assert_not_found(store.set_availability(b.id, ana_in_a, &[window(60, 90)]).await);
        assert_eq!(store.member(a.id, ana_in_a).await.expect("reads").availability, [window(0, 30)]);
    }

    async fn role_changes_are_written_to_the_audit_log(db: TestDb) {
        let store = db.store();
        let ana = user(store, "ana@example.org", "Ana").await;
        let bo = user(store, "bo@example.org", "Bo").await;
        let c = community(store, &ana, JoinPolicy::Open).await;
        let bo_m = store.join_community(c.id, bo.id, now()).await.expect("joined");
        let m = store.set_role(c.id, bo_m.id, Role::Moderator, ana.id, now()).await.expect("promoted");
        assert_eq!(m.role, Role::Moderator);
        assert_eq!(store.membership(c.id, bo.id).await.expect("lookup"), Some((bo_m.id, Role::Moderator)));
        let log = audit_log(&db, c.id).await;
        assert_eq!(log.len(), 1);
        let (actor, action, subject, detail) = &log[0];
        assert_eq!(*actor, ana.id.0);
        assert_eq!(action, "role_changed");
        assert!(subject.contains(&bo_m.id.to_string()) && subject.contains("Bo"), "{subject}");
        assert!(detail.contains("member") && detail.contains("moderator"), "{detail}");
    }

    async fn the_last_organizer_cannot_step_down(db: TestDb) {
        let store = db.store();
        let ana = user(store, "ana@example.org", "Ana").await;
        let bo = user(store, "bo@example.org", "Bo").await;
        let c = community(store, &ana, JoinPolicy::Open).await;
        let (ana_m, _) = store.membership(c.id, ana.id).await.expect("lookup").expect("member");
        let bo_m = store.join_community(c.id, bo.id, now()).await.expect("joined");
        for role in [Role::Member, Role::Moderator] {
            assert_eq!(conflict_code(store.set_role(c.id, ana_m, role, ana.id, now()).await), "last_organizer");
        }
        assert_eq!(store.membership(c.id, ana.id).await.expect("lookup"), Some((ana_m, Role::Organizer)));
        assert!(audit_log(&db, c.id).await.is_empty(), "a refused change is not logged");
        store.set_role(c.id, bo_m.id, Role::Organizer, ana.id, now()).await.expect("promoted");
        let m = store.set_role(c.id, ana_m, Role::Member, ana.id, now()).await.expect("now ana may step down");
        assert_eq!(m.role, Role::Member);
        assert_eq!(conflict_code(store.set_role(c.id, bo_m.id, Role::Member, bo.id, now()).await), "last_organizer");
        assert_eq!(audit_log(&db, c.id).await.len(), 2);
    }

    async fn keeping_the_organizer_role_is_allowed(db: TestDb) {
        let store = db.store();
        let ana = user(store, "ana@example.org", "Ana").await;
        let c = community(store, &ana, JoinPolicy::Open).await;
        let (ana_m, _) = store.membership(c.id, ana.id).await.expect("lookup").expect("member");
        let m = store.set_role(c.id, ana_m, Role::Organizer, ana.id, now()).await.expect("no change");
        assert_eq!(m.role, Role::Organizer);
    }

    async fn a_role_change_in_another_community_is_not_found(db: TestDb) {
        let store = db.store();
        let ana = user(store, "ana@example.org", "Ana").await;
        let bo = user(store, "bo@example.org", "Bo").await;
        let a = community(store, &ana, JoinPolicy::Open).await;
        let b = community(store, &bo, JoinPolicy::Open).await;
        let (bo_in_b, _) = store.membership(b.id, bo.id).await.expect("lookup").expect("member");
        assert_not_found(store.set_role(a.id, bo_in_b, Role::Member, ana.id, now()).await);
        assert_not_found(store.set_role(a.id, MemberId(9999), Role::Member, ana.id, now()).await);
        assert_eq!(store.membership(b.id, bo.id).await.expect("lookup"), Some((bo_in_b, Role::Organizer)));
        assert!(audit_log(&db, a.id).await.is_empty());
        assert!(audit_log(&db, CommunityId(b.id.0)).await.is_empty());
    }

    async fn contacts_of_many_members_come_in_one_read_with_their_language_and_zone(db: TestDb) {
        let store = db.store();
        let ana = user(store, "ana@example.org", "Ana").await;
        let bo = user(store, "bo@example.org", "Bo").await;
        let cy = user(store, "cy@example.org", "Cy").await;
        let c = community(store, &ana, JoinPolicy::Open).await;
        let other = community(store, &cy, JoinPolicy::Open).await;
        let (ana_m, _) = store.membership(c.id, ana.id).await.expect("lookup").expect("member");
        let bo_m = store.join_community(c.id, bo.id, now()).await.expect("joined").id;
        let (cy_elsewhere, _) = store.membership(other.id, cy.id).await.expect("lookup").expect("member");
        store.set_preferences(bo.id, Some("fr"), Some("America/Montreal")).await.expect("set");

        let contacts = store
            .member_contacts(c.id, &[bo_m, ana_m, bo_m, cy_elsewhere, MemberId(9999)])
            .await
            .expect("reads");
        assert_eq!(contacts.len(), 2, "repeats once, members of other communities and unknown ids not at all");
        let bo_c = &contacts[&bo_m];
        assert_eq!((bo_c.name.as_str(), bo_c.email.as_str()), ("Bo", "bo@example.org"));
        assert_eq!((bo_c.language.as_deref(), bo_c.time_zone.as_deref()), (Some("fr"), Some("America/Montreal")));
        let ana_c = &contacts[&ana_m];
        assert_eq!((ana_c.language.as_deref(), ana_c.time_zone.as_deref(), ana_c.daily_cap), (None, None, None));
        assert!(store.member_contacts(c.id, &[]).await.expect("reads").is_empty());

        // One member's contact is the same row.
        assert_eq!(&store.member_contact(c.id, bo_m).await.expect("reads"), bo_c);
        assert_not_found(store.member_contact(c.id, cy_elsewhere).await);

        // Preferences set back to none read as none.
        store.set_preferences(bo.id, None, None).await.expect("set");
        let bo_c = store.member_contact(c.id, bo_m).await.expect("reads");
        assert_eq!((bo_c.language, bo_c.time_zone), (None, None));
    }
}
