//! Communities: creation, invite codes, settings, lists.

use peerlearn_domain::{CommunityId, CommunityKind, CommunityLanguage, JoinPolicy, Role};
use peerlearn_store::NewCommunity;
use peerlearn_testkit::TestDb;

use crate::support::{assert_not_found, community, new_community, new_event, now, user};

fn is_invite_code(code: &str) -> bool {
    code.len() == 10
        && code
            .chars()
            .all(|c| "abcdefghjkmnpqrstuvwxyz23456789".contains(c))
}

peerlearn_testkit::backend_tests! {
    async fn creating_a_community_makes_the_creator_its_organizer(db: TestDb) {
        let store = db.store();
        let ana = user(store, "ana@example.org", "Ana").await;
        let c = store
            .create_community(&new_community("Rust Guild", JoinPolicy::Open), ana.id, now())
            .await
            .expect("created");
        assert_eq!(c.name, "Rust Guild");
        assert_eq!(c.description, "Learning together");
        assert_eq!(c.kind, CommunityKind::Ongoing);
        assert_eq!(c.join_policy, JoinPolicy::Open);
        assert_eq!(c.member_count, 1);
        assert_eq!(c.created_at, now());
        assert!(c.max_group_capacity >= 2, "a default group capacity is set");
        assert!(is_invite_code(&c.invite_code), "{}", c.invite_code);
        let (member, role) = store
            .membership(c.id, ana.id)
            .await
            .expect("lookup")
            .expect("the creator is a member");
        assert_eq!(role, Role::Organizer);
        let m = store.member(c.id, member).await.expect("the member reads");
        assert_eq!((m.user_id, m.role, m.display_name.as_str()), (ana.id, Role::Organizer, "Ana"));
    }

    async fn an_event_keeps_its_dates_hours_and_time_zone(db: TestDb) {
        let store = db.store();
        let ana = user(store, "ana@example.org", "Ana").await;
        let new = new_event("RustConf");
        let c = store.create_community(&new, ana.id, now()).await.expect("created");
        let again = store.community(c.id).await.expect("reads back");
        assert_eq!(again.kind, CommunityKind::Event);
        assert_eq!(again.calendar, new.calendar);
        assert_eq!(again.calendar.timezone.name(), "Europe/Lisbon");
        assert_eq!(again.calendar.hours.start_minutes(), 8 * 60 + 30);
    }

    async fn invite_codes_find_their_community(db: TestDb) {
        let store = db.store();
        let ana = user(store, "ana@example.org", "Ana").await;
        let a = community(store, &ana, JoinPolicy::Invite).await;
        let b = community(store, &ana, JoinPolicy::Invite).await;
        assert_ne!(a.invite_code, b.invite_code);
        let found = store.community_by_invite_code(&a.invite_code).await.expect("found");
        assert_eq!(found.id, a.id);
        let padded = format!("  {} ", b.invite_code);
        assert_eq!(store.community_by_invite_code(&padded).await.expect("found").id, b.id);
        assert_not_found(store.community_by_invite_code("nosuchcode").await);
        assert_not_found(store.community_by_invite_code("").await);
    }

    async fn regenerating_the_invite_code_retires_the_old_one(db: TestDb) {
        let store = db.store();
        let ana = user(store, "ana@example.org", "Ana").await;
        let c = community(store, &ana, JoinPolicy::Invite).await;
        let renewed = store.regenerate_invite_code(c.id).await.expect("regenerated");
        assert_ne!(renewed.invite_code, c.invite_code);
        assert!(is_invite_code(&renewed.invite_code));
        assert_not_found(store.community_by_invite_code(&c.invite_code).await);
        assert_eq!(store.community_by_invite_code(&renewed.invite_code).await.expect("found").id, c.id);
        assert_not_found(store.regenerate_invite_code(CommunityId(c.id.0 + 1000)).await);
    }

    async fn updating_a_community_changes_its_settings_only(db: TestDb) {
        let store = db.store();
        let ana = user(store, "ana@example.org", "Ana").await;
        let c = community(store, &ana, JoinPolicy::Open).await;
        let update = new_event("Renamed");
        let updated = store.update_community(c.id, &update).await.expect("updated");
        assert_eq!(updated.name, "Renamed");
        assert_eq!(updated.kind, CommunityKind::Event);
        assert_eq!(updated.join_policy, JoinPolicy::Invite);
        assert_eq!(updated.calendar, update.calendar);
        assert_eq!(updated.invite_code, c.invite_code, "the invite code is kept");
        assert_eq!(updated.member_count, 1);
        let back = store.update_community(c.id, &new_community("Back", JoinPolicy::Open)).await.expect("updated");
        assert_eq!(back.calendar.dates, None, "an ongoing space has no dates");
        assert_not_found(store.update_community(CommunityId(c.id.0 + 1000), &update).await);
    }

    async fn a_community_keeps_its_language_until_it_is_changed(db: TestDb) {
        let store = db.store();
        let ana = user(store, "ana@example.org", "Ana").await;
        let c = community(store, &ana, JoinPolicy::Open).await;
        assert_eq!(c.language, CommunityLanguage::English, "English unless chosen");
        let french = NewCommunity { language: Some(CommunityLanguage::French), ..new_community("Atelier", JoinPolicy::Open) };
        let updated = store.update_community(c.id, &french).await.expect("updated");
        assert_eq!(updated.language, CommunityLanguage::French);
        let kept = store.update_community(c.id, &new_community("Atelier", JoinPolicy::Open)).await.expect("updated");
        assert_eq!(kept.language, CommunityLanguage::French, "an update without a language keeps it");
        let created = store.create_community(&french, ana.id, now()).await.expect("created");
        assert_eq!(created.language, CommunityLanguage::French);
    }

    async fn an_unknown_community_is_not_found(db: TestDb) {
        assert_not_found(db.store().community(CommunityId(777)).await);
    }

    async fn communities_of_lists_memberships_newest_first_with_roles(db: TestDb) {
        let store = db.store();
        let ana = user(store, "ana@example.org", "Ana").await;
        let bo = user(store, "bo@example.org", "Bo").await;
        let first = community(store, &ana, JoinPolicy::Open).await;
        let second = community(store, &bo, JoinPolicy::Open).await;
        let third = community(store, &ana, JoinPolicy::Invite).await;
        store.join_community(second.id, ana.id, now()).await.expect("joined");
        let mine: Vec<(CommunityId, Role)> = store
            .communities_of(ana.id)
            .await
            .expect("listed")
            .into_iter()
            .map(|(c, r)| (c.id, r))
            .collect();
        assert_eq!(
            mine,
            [(third.id, Role::Organizer), (second.id, Role::Member), (first.id, Role::Organizer)]
        );
        let bos: Vec<CommunityId> = store.communities_of(bo.id).await.expect("listed").into_iter().map(|(c, _)| c.id).collect();
        assert_eq!(bos, [second.id]);
        let listed = store.communities_of(ana.id).await.expect("listed");
        assert_eq!(listed[1].0.member_count, 2);
    }

    async fn open_communities_lists_only_open_ones_newest_first(db: TestDb) {
        let store = db.store();
        let ana = user(store, "ana@example.org", "Ana").await;
        let o1 = community(store, &ana, JoinPolicy::Open).await;
        community(store, &ana, JoinPolicy::Invite).await;
        let o2 = community(store, &ana, JoinPolicy::Open).await;
        let o3 = community(store, &ana, JoinPolicy::Open).await;
        let all: Vec<CommunityId> = store.open_communities(50).await.expect("listed").iter().map(|c| c.id).collect();
        assert_eq!(all, [o3.id, o2.id, o1.id]);
        let two: Vec<CommunityId> = store.open_communities(2).await.expect("listed").iter().map(|c| c.id).collect();
        assert_eq!(two, [o3.id, o2.id]);
    }
}
