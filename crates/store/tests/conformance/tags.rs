//! Tag suggestions.

use peerlearn_domain::JoinPolicy;
use peerlearn_store::TagCount;
use peerlearn_testkit::TestDb;

use crate::support::{community, now, profile, user};

fn counts(pairs: &[(&str, i64)]) -> Vec<TagCount> {
    pairs
        .iter()
        .map(|(tag, count)| TagCount {
            tag: tag.to_string(),
            count: *count,
        })
        .collect()
}

peerlearn_testkit::backend_tests! {
    async fn suggestions_are_most_used_first_then_by_name(db: TestDb) {
        let store = db.store();
        let ana = user(store, "ana@example.org", "Ana").await;
        let c = community(store, &ana, JoinPolicy::Open).await;
        let tags: [(&[&str], &[&str]); 3] = [
            (&["rust", "sql"], &["go"]),
            (&["rust"], &["sql", "rust"]),
            (&["python"], &[]),
        ];
        for (i, (offers, wants)) in tags.iter().enumerate() {
            let u = user(store, &format!("u{i}@example.org"), "Someone").await;
            let m = store.join_community(c.id, u.id, now()).await.expect("joined");
            store.update_profile(c.id, m.id, &profile("", "", offers, wants)).await.expect("profile");
        }
        let all = store.tag_suggestions(c.id, "", 50).await.expect("tags");
        assert_eq!(all, counts(&[("rust", 3), ("sql", 2), ("go", 1), ("python", 1)]));
        assert_eq!(store.tag_suggestions(c.id, "", 2).await.expect("tags"), counts(&[("rust", 3), ("sql", 2)]));
        assert_eq!(store.tag_suggestions(c.id, "  P", 50).await.expect("tags"), counts(&[("python", 1)]));
        assert_eq!(store.tag_suggestions(c.id, "ru", 50).await.expect("tags"), counts(&[("rust", 3)]));
        assert!(store.tag_suggestions(c.id, "zz", 50).await.expect("tags").is_empty());
        assert!(store.tag_suggestions(c.id, "%", 50).await.expect("tags").len() == 4, "wildcards are not special");
        assert!(store.tag_suggestions(c.id, "_ust", 50).await.expect("tags").is_empty(), "an underscore is not a wildcard");
    }

    async fn suggestions_count_only_their_community_and_current_profiles(db: TestDb) {
        let store = db.store();
        let ana = user(store, "ana@example.org", "Ana").await;
        let a = community(store, &ana, JoinPolicy::Open).await;
        let b = community(store, &ana, JoinPolicy::Open).await;
        let (in_a, _) = store.membership(a.id, ana.id).await.expect("lookup").expect("member");
        let (in_b, _) = store.membership(b.id, ana.id).await.expect("lookup").expect("member");
        store.update_profile(a.id, in_a, &profile("", "", &["rust"], &[])).await.expect("profile");
        store.update_profile(b.id, in_b, &profile("", "", &["haskell"], &[])).await.expect("profile");
        assert_eq!(store.tag_suggestions(a.id, "", 50).await.expect("tags"), counts(&[("rust", 1)]));
        store.update_profile(a.id, in_a, &profile("", "", &["elixir"], &[])).await.expect("profile");
        assert_eq!(store.tag_suggestions(a.id, "", 50).await.expect("tags"), counts(&[("elixir", 1)]));
    }
}
