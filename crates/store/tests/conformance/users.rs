//! Accounts.

use peerlearn_store::StoreError;
use peerlearn_testkit::TestDb;

use crate::support::{assert_not_found, conflict_code, email, now, user};

peerlearn_testkit::backend_tests! {
    async fn creates_and_reads_a_user(db: TestDb) {
        let store = db.store();
        let ana = user(store, "ana@example.org", "Ana Lima").await;
        assert_eq!(ana.email, "ana@example.org");
        assert_eq!(ana.display_name, "Ana Lima");
        assert_eq!(ana.created_at, now());
        let again = store.user(ana.id).await.expect("the user reads back");
        assert_eq!((again.id, again.email), (ana.id, ana.email));
        assert_eq!(store.count_users().await.expect("count"), 1);
    }

    async fn emails_are_stored_normalised_and_found_in_any_case(db: TestDb) {
        let store = db.store();
        let ana = user(store, "  Ana.Lima@Example.ORG ", "Ana").await;
        assert_eq!(ana.email, "ana.lima@example.org");
        let (found, hash) = store
            .user_with_password(&email("ANA.LIMA@example.org"))
            .await
            .expect("lookup")
            .expect("the account is found whatever the case");
        assert_eq!(found.id, ana.id);
        assert_eq!(hash, "$argon2id$not-a-real-hash");
        assert!(store.user_with_password(&email("bo@example.org")).await.expect("lookup").is_none());
    }

    async fn a_taken_email_is_a_conflict_in_any_case(db: TestDb) {
        let store = db.store();
        user(store, "ana@example.org", "Ana").await;
        let dup = store
            .create_user(
                &email("ANA@Example.org"),
                &peerlearn_domain::DisplayName::parse("Other Ana").expect("name"),
                "hash",
                now(),
            )
            .await;
        assert_eq!(conflict_code(dup), "email_taken");
        assert_eq!(store.count_users().await.expect("count"), 1, "nothing was written");
    }

    async fn an_unknown_user_is_not_found(db: TestDb) {
        assert_not_found(db.store().user(peerlearn_domain::UserId(4242)).await);
        assert!(!matches!(db.store().ping().await, Err(StoreError::Database(_))));
    }

    async fn a_calendar_feed_is_read_with_its_owners_language_and_zone(db: TestDb) {
        let store = db.store();
        let ana = user(store, "ana@example.org", "Ana").await;
        store.set_calendar_feed(ana.id, "feed-hash", now()).await.expect("set");
        let owner = store.calendar_feed_owner("feed-hash").await.expect("reads").expect("an owner");
        assert_eq!((owner.id, owner.language, owner.time_zone), (ana.id, None, None));
        store.set_preferences(ana.id, Some("fr"), Some("America/Montreal")).await.expect("set");
        let owner = store.calendar_feed_owner("feed-hash").await.expect("reads").expect("an owner");
        assert_eq!(
            (owner.language.as_deref(), owner.time_zone.as_deref()),
            (Some("fr"), Some("America/Montreal"))
        );
        assert!(store.calendar_feed_owner("other-hash").await.expect("reads").is_none());
        store.delete_calendar_feed(ana.id).await.expect("deleted");
        assert!(store.calendar_feed_owner("feed-hash").await.expect("reads").is_none());
    }
}
