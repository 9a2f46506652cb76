//! A member's sessions (listed, touched, ended) and one-time account links (single-use,
//! expiring, replaced by a newer one or a password change), alike on both backends.

use peerlearn_store::{LinkKind, StoreError, TokenKind};
use peerlearn_testkit::TestDb;

use crate::support::{email, later, now, user};

peerlearn_testkit::backend_tests! {
    async fn sessions_are_listed_touched_and_ended_one_or_all_but_one(db: TestDb) {
        let store = db.store();
        let ana = user(store, "ana@example.org", "Ana").await;
        let bo = user(store, "bo@example.org", "Bo").await;
        store.create_token_from(ana.id, "a1", TokenKind::Session, now(), later(60), "Firefox").await.expect("a1");
        store.create_token_from(ana.id, "a2", TokenKind::Api, later(1), later(60), "curl").await.expect("a2");
        store.create_token(ana.id, "old", TokenKind::Api, later(-120), later(-60)).await.expect("expired");
        store.create_token(bo.id, "b1", TokenKind::Api, now(), later(60)).await.expect("b1");
        store.touch_token("a1", None, later(5)).await.expect("touched");
        let owner = store.token_owner("a1", later(5)).await.expect("lookup").expect("valid");
        assert_eq!(owner.last_used_at, Some(later(5)));
        store.touch_token("a1", owner.last_used_at, later(6)).await.expect("not written again so soon");
        let listed = store.tokens_of(ana.id, "a2", later(6)).await.expect("listed");
        let clients: Vec<&str> = listed.iter().map(|t| t.client.as_str()).collect();
        assert_eq!(clients, ["Firefox", "curl"], "most recently used first, the expired one left out");
        assert_eq!(listed[0].last_used_at, Some(later(5)));
        assert!(listed[1].current && !listed[0].current);
        let bo_token = store.tokens_of(bo.id, "", now()).await.expect("listed")[0].id;
        assert!(!store.delete_token_of(ana.id, bo_token).await.expect("refused"), "not hers");
        assert!(store.token_owner("b1", now()).await.expect("lookup").is_some());
        assert_eq!(store.delete_tokens_of(ana.id, Some("a2")).await.expect("ended"), 2);
        assert!(store.token_owner("a1", now()).await.expect("lookup").is_none());
        assert!(store.token_owner("a2", later(2)).await.expect("lookup").is_some());
        assert!(store.token_owner("b1", now()).await.expect("lookup").is_some());
    }

    async fn a_reset_link_works_once_until_it_expires_and_ends_every_session(db: TestDb) {
        let store = db.store();
        let ana = user(store, "ana@example.org", "Ana").await;
        store.create_token(ana.id, "s", TokenKind::Session, now(), later(60)).await.expect("a session");
        store.create_account_link(ana.id, LinkKind::PasswordReset, "r1", None, now(), later(30), Some("{}")).await.expect("a link");
        store.create_account_link(ana.id, LinkKind::PasswordReset, "r2", None, now(), later(30), Some("{}")).await.expect("a newer link");
        assert_eq!(store.account_link_owner(LinkKind::PasswordReset, "r1", now()).await.expect("lookup"), None, "replaced");
        assert_eq!(store.account_link_owner(LinkKind::PasswordReset, "r2", now()).await.expect("lookup"), Some(ana.id));
        assert_eq!(store.account_link_owner(LinkKind::EmailChange, "r2", now()).await.expect("lookup"), None, "kinds apart");
        assert_eq!(store.reset_password_with_link("r2", "new-hash", later(30)).await.expect("tried"), None, "expired");
        assert_eq!(store.password_hash(ana.id).await.expect("hash"), "$argon2id$not-a-real-hash");
        assert_eq!(store.reset_password_with_link("r2", "new-hash", later(29)).await.expect("used"), Some(ana.id));
        assert_eq!(store.password_hash(ana.id).await.expect("hash"), "new-hash");
        assert!(store.token_owner("s", now()).await.expect("lookup").is_none(), "sessions end");
        assert_eq!(store.reset_password_with_link("r2", "other", later(1)).await.expect("tried"), None, "once");
        store.create_account_link(ana.id, LinkKind::PasswordReset, "r3", None, now(), later(30), Some("{}")).await.expect("a link");
        store.set_password(ana.id, "changed", None).await.expect("changed");
        assert_eq!(store.account_link_owner(LinkKind::PasswordReset, "r3", now()).await.expect("lookup"), None, "a password change ends it");
        let (queued, _) = store.job_counts().await.expect("counts");
        assert!(queued >= 3, "each link's email is queued with it ({queued})");
    }

    async fn an_email_link_changes_the_address_once_unless_it_was_taken_meanwhile(db: TestDb) {
        let store = db.store();
        let ana = user(store, "ana@example.org", "Ana").await;
        store.create_account_link(ana.id, LinkKind::EmailChange, "e1", Some(&email("ana.lima@example.org")), now(), later(60), Some("{}")).await.expect("a link");
        assert_eq!(store.confirm_email_with_link("e1", now()).await.expect("used"), Some(ana.id));
        assert_eq!(store.user(ana.id).await.expect("ana").email, "ana.lima@example.org");
        assert_eq!(store.confirm_email_with_link("e1", now()).await.expect("tried"), None);
        store.create_account_link(ana.id, LinkKind::EmailChange, "e2", Some(&email("bo@example.org")), now(), later(60), Some("{}")).await.expect("a link");
        user(store, "bo@example.org", "Bo").await;
        let taken = store.confirm_email_with_link("e2", now()).await.expect_err("taken meanwhile");
        assert!(matches!(taken, StoreError::Conflict { code: "email_taken", .. }), "{taken:?}");
        assert_eq!(store.user(ana.id).await.expect("ana").email, "ana.lima@example.org");
        assert_eq!(store.account_link_owner(LinkKind::EmailChange, "e2", now()).await.expect("lookup"), Some(ana.id), "nothing written");
    }
}
