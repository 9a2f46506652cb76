//! Leaving a community, deleting an account, and the data export's coverage of the schema.

use std::collections::BTreeSet;

use peerlearn_domain::{JoinPolicy, Role};
use peerlearn_store::ARCHIVE;
use peerlearn_testkit::TestDb;

use crate::support::{assert_not_found, community, conflict_code, now, user};

fn former(language: &str) -> String {
    format!("former ({language})")
}

peerlearn_testkit::backend_tests! {
    async fn every_table_that_refers_to_people_is_in_the_export(db: TestDb) {
        let store = db.store();
        let schema = store.schema().await.expect("the schema reads");
        assert!(schema.iter().any(|t| t.name == "users"), "the walk finds the tables");
        let covered: BTreeSet<&str> = ARCHIVE.iter().map(|p| p.table).collect();
        let missing: Vec<String> = schema
            .iter()
            .filter(|t| !t.people.is_empty() && !covered.contains(t.name.as_str()))
            .map(|t| format!("{} ({})", t.name, t.people.join(", ")))
            .collect();
        assert!(missing.is_empty(), "tables referring to people but not exported: {missing:?}");
        // Every part names a real table, and its query runs on this backend.
        let names: BTreeSet<&str> = schema.iter().map(|t| t.name.as_str()).collect();
        for part in ARCHIVE {
            assert!(names.contains(part.table), "{} is not a table", part.table);
        }
        let ana = user(store, "ana@example.org", "Ana").await;
        let archive = store.build_archive(ana.id, now()).await.expect("the archive builds");
        let archive: serde_json::Value = serde_json::from_str(&archive).expect("JSON");
        assert_eq!(archive["tables"]["users"][0]["email"], "ana@example.org");
        assert!(archive["tables"]["auth_tokens"].is_array());
    }

    async fn the_last_organizer_cannot_leave_and_others_can(db: TestDb) {
        let store = db.store();
        let ana = user(store, "ana@example.org", "Ana").await;
        let bo = user(store, "bo@example.org", "Bo Brandt").await;
        let c = community(store, &ana, JoinPolicy::Open).await;
        let bo_m = store.join_community(c.id, bo.id, now()).await.expect("joined").id;
        assert_eq!(conflict_code(store.leave_community(c.id, ana.id, &former, now()).await), "last_organizer");
        assert!(store.membership(c.id, ana.id).await.expect("lookup").is_some());
        store.leave_community(c.id, bo.id, &former, now()).await.expect("Bo leaves");
        assert_eq!(store.membership(c.id, bo.id).await.expect("lookup"), None);
        assert_eq!(store.community(c.id).await.expect("reads").member_count, 1);
        // Bo's row stays for what others keep, under a former member in the community's language.
        let kept = store.member(c.id, bo_m).await.expect("the row stays");
        assert_eq!(kept.display_name, "former (en)");
        assert_eq!(kept.role, Role::Member);
        assert_not_found(store.leave_community(c.id, bo.id, &former, now()).await);
        // Bo can join again, as a new member.
        let again = store.join_community(c.id, bo.id, now()).await.expect("joins again");
        assert_ne!(again.id, bo_m);
        // Once Bo is an organizer too, Ana may go.
        store.set_role(c.id, again.id, Role::Organizer, ana.id, now()).await.expect("promoted");
        store.leave_community(c.id, ana.id, &former, now()).await.expect("Ana leaves");
    }

    async fn deleting_an_account_erases_it_and_keeps_what_others_need(db: TestDb) {
        let store = db.store();
        let ana = user(store, "ana@example.org", "Ana").await;
        let zed = user(store, "zed@example.org", "Zephyr Quill").await;
        let c = community(store, &ana, JoinPolicy::Open).await;
        let zed_m = store.join_community(c.id, zed.id, now()).await.expect("joined").id;
        store.set_role(c.id, zed_m, Role::Moderator, ana.id, now()).await.expect("audited");
        // Zed alone in a community of their own: it goes with the account.
        let own = community(store, &zed, JoinPolicy::Open).await;
        store.delete_account(zed.id, &former, now()).await.expect("deleted");
        assert_not_found(store.user(zed.id).await);
        assert_not_found(store.community(own.id).await);
        assert_eq!(store.member(c.id, zed_m).await.expect("kept").display_name, "former (en)");
        assert_not_found(store.delete_account(zed.id, &former, now()).await);
        for table in store.schema().await.expect("schema") {
            for (column, text) in &table.columns {
                if !text {
                    continue;
                }
                for needle in ["Zephyr Quill", "zed@example.org"] {
                    let n = store.rows_containing(&table.name, column, needle).await.expect("scan");
                    assert_eq!(n, 0, "{needle} survives in {}.{column}", table.name);
                }
            }
        }
    }

    async fn the_last_organizer_of_a_community_with_others_cannot_delete(db: TestDb) {
        let store = db.store();
        let ana = user(store, "ana@example.org", "Ana").await;
        let bo = user(store, "bo@example.org", "Bo").await;
        let c = community(store, &ana, JoinPolicy::Open).await;
        store.join_community(c.id, bo.id, now()).await.expect("joined");
        assert_eq!(conflict_code(store.delete_account(ana.id, &former, now()).await), "last_organizer");
        assert_eq!(store.user(ana.id).await.expect("still there").email, "ana@example.org");
        assert!(store.membership(c.id, ana.id).await.expect("lookup").is_some());
    }
}
