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

    async fn tags_show_as_first_typed_with_capitals_per_community(db: TestDb) {
        let store = db.store();
        let ana = user(store, "ana@example.org", "Ana").await;
        let a = community(store, &ana, JoinPolicy::Open).await;
        let b = community(store, &ana, JoinPolicy::Open).await;
        let (in_a, _) = store.membership(a.id, ana.id).await.expect("lookup").expect("member");
        let (in_b, _) = store.membership(b.id, ana.id).await.expect("lookup").expect("member");
        assert!(store.tag_labels(a.id).await.expect("labels").is_empty());
        store.update_profile(a.id, in_a, &profile("", "", &["r", "Autodesk AutoCAD"], &["rust"])).await.expect("profile");
        let labels = store.tag_labels(a.id).await.expect("labels");
        assert_eq!(labels.show("autodesk autocad"), "Autodesk AutoCAD", "read after the write, not from a stale cache");
        assert_eq!(labels.show("r"), "r", "typed in lower case: nothing to keep");
        assert_eq!(labels.len(), 1);
        // A later spelling with capitals fills a tag nobody capitalised; a first one stays.
        store.update_profile(a.id, in_a, &profile("", "", &["R", "AUTODESK AUTOCAD"], &["Rust"])).await.expect("profile");
        let labels = store.tag_labels(a.id).await.expect("labels");
        assert_eq!((labels.show("r"), labels.show("autodesk autocad"), labels.show("rust")), ("R", "Autodesk AutoCAD", "Rust"));
        // Matching ignores case: the tag is one tag.
        let all = store.tag_suggestions(a.id, "", 50).await.expect("tags");
        assert_eq!(all.iter().map(|t| t.tag.as_str()).collect::<Vec<_>>(), ["autodesk autocad", "r", "rust"]);
        // Another community keeps its own spelling.
        store.update_profile(b.id, in_b, &profile("", "", &["RUST"], &[])).await.expect("profile");
        assert_eq!(store.tag_labels(b.id).await.expect("labels").show("rust"), "RUST");
        assert_eq!(store.tag_labels(a.id).await.expect("labels").show("rust"), "Rust");
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
