//! Secret tokens: sessions and API tokens.

use peerlearn_store::TokenKind;
use peerlearn_testkit::TestDb;

use crate::support::{later, now, user};

peerlearn_testkit::backend_tests! {
    async fn a_token_finds_its_owner_until_it_expires(db: TestDb) {
        let store = db.store();
        let ana = user(store, "ana@example.org", "Ana").await;
        store
            .create_token(ana.id, "hash-a", TokenKind::Api, now(), later(60))
            .await
            .expect("the token is stored");
        let owner = store
            .token_owner("hash-a", now())
            .await
            .expect("lookup")
            .expect("the token is valid");
        assert_eq!(owner.user.id, ana.id);
        assert_eq!(owner.kind, TokenKind::Api);
        assert!(store.token_owner("hash-a", later(59)).await.expect("lookup").is_some());
        assert!(
            store.token_owner("hash-a", later(60)).await.expect("lookup").is_none(),
            "a token is no longer valid at its expiry instant"
        );
        assert!(store.token_owner("hash-b", now()).await.expect("lookup").is_none());
    }

    async fn sessions_and_api_tokens_keep_their_kind(db: TestDb) {
        let store = db.store();
        let ana = user(store, "ana@example.org", "Ana").await;
        store.create_token(ana.id, "s", TokenKind::Session, now(), later(10)).await.expect("session");
        store.create_token(ana.id, "a", TokenKind::Api, now(), later(10)).await.expect("api");
        let kind = |h: &'static str| async move {
            store.token_owner(h, now()).await.expect("lookup").expect("valid").kind
        };
        assert_eq!(kind("s").await, TokenKind::Session);
        assert_eq!(kind("a").await, TokenKind::Api);
    }

    async fn deleting_a_token_revokes_only_that_token(db: TestDb) {
        let store = db.store();
        let ana = user(store, "ana@example.org", "Ana").await;
        store.create_token(ana.id, "one", TokenKind::Api, now(), later(60)).await.expect("one");
        store.create_token(ana.id, "two", TokenKind::Api, now(), later(60)).await.expect("two");
        store.delete_token("one").await.expect("revoked");
        assert!(store.token_owner("one", now()).await.expect("lookup").is_none());
        assert!(store.token_owner("two", now()).await.expect("lookup").is_some());
        store.delete_token("one").await.expect("revoking twice is not an error");
        store.delete_token("never-issued").await.expect("revoking an unknown token is not an error");
    }

    async fn delete_expired_removes_exactly_the_expired_tokens(db: TestDb) {
        let store = db.store();
        let ana = user(store, "ana@example.org", "Ana").await;
        for (hash, minutes) in [("gone-1", -5), ("gone-2", 0), ("kept-1", 1), ("kept-2", 600)] {
            store
                .create_token(ana.id, hash, TokenKind::Session, later(-10), later(minutes))
                .await
                .expect("stored");
        }
        assert_eq!(store.delete_expired_tokens(now()).await.expect("cleanup"), 2);
        assert_eq!(store.delete_expired_tokens(now()).await.expect("cleanup again"), 0);
        assert!(store.token_owner("kept-1", now()).await.expect("lookup").is_some());
        assert!(store.token_owner("kept-2", now()).await.expect("lookup").is_some());
    }

    async fn a_token_hash_is_unique(db: TestDb) {
        let store = db.store();
        let ana = user(store, "ana@example.org", "Ana").await;
        let bo = user(store, "bo@example.org", "Bo").await;
        store.create_token(ana.id, "same", TokenKind::Api, now(), later(60)).await.expect("first");
        assert!(store.create_token(bo.id, "same", TokenKind::Api, now(), later(60)).await.is_err());
        let owner = store.token_owner("same", now()).await.expect("lookup").expect("valid");
        assert_eq!(owner.user.id, ana.id, "the first owner keeps the token");
    }
}
