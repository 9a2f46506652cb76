//! Spots: tables, rooms and virtual rooms.

use peerlearn_domain::{BoundedText, Capacity, JoinPolicy, SpotId, SpotKind};
use peerlearn_store::NewSpot;
use peerlearn_testkit::TestDb;

use crate::support::{assert_not_found, community, conflict_code, now, user};

fn spot(name: &str, kind: SpotKind, capacity: i64) -> NewSpot {
    NewSpot {
        name: BoundedText::parse("name", name, 1, 80, false).expect("a valid name"),
        kind,
        capacity: Capacity::parse("capacity", capacity).expect("a valid capacity"),
    }
}

peerlearn_testkit::backend_tests! {
    async fn a_spot_is_created_and_read_back(db: TestDb) {
        let store = db.store();
        let ana = user(store, "ana@example.org", "Ana").await;
        let c = community(store, &ana, JoinPolicy::Open).await;
        let s = store.create_spot(c.id, &spot("Table 1", SpotKind::Table, 4), now()).await.expect("created");
        assert_eq!((s.community_id, s.name.as_str(), s.kind, s.capacity), (c.id, "Table 1", SpotKind::Table, 4));
        let read = store.spot(c.id, s.id).await.expect("reads");
        assert_eq!((read.id, read.name, read.capacity), (s.id, s.name, 4));
    }

    async fn spot_names_are_unique_per_community(db: TestDb) {
        let store = db.store();
        let ana = user(store, "ana@example.org", "Ana").await;
        let a = community(store, &ana, JoinPolicy::Open).await;
        let b = community(store, &ana, JoinPolicy::Open).await;
        store.create_spot(a.id, &spot("Lounge", SpotKind::Room, 8), now()).await.expect("created");
        assert_eq!(
            conflict_code(store.create_spot(a.id, &spot("Lounge", SpotKind::Table, 2), now()).await),
            "spot_name_taken"
        );
        store.create_spot(b.id, &spot("Lounge", SpotKind::Room, 8), now()).await.expect("another community may reuse the name");
        let spots = store.spots(a.id).await.expect("listed");
        assert_eq!(spots.len(), 1);
        assert_eq!(spots[0].kind, SpotKind::Room, "the refused spot changed nothing");
    }

    async fn a_spot_is_updated_in_its_own_community_only(db: TestDb) {
        let store = db.store();
        let ana = user(store, "ana@example.org", "Ana").await;
        let a = community(store, &ana, JoinPolicy::Open).await;
        let b = community(store, &ana, JoinPolicy::Open).await;
        let s = store.create_spot(a.id, &spot("Table 1", SpotKind::Table, 4), now()).await.expect("created");
        store.create_spot(a.id, &spot("Table 2", SpotKind::Table, 4), now()).await.expect("created");
        let u = store.update_spot(a.id, s.id, &spot("Garden", SpotKind::Virtual, 20)).await.expect("updated");
        assert_eq!((u.id, u.name.as_str(), u.kind, u.capacity), (s.id, "Garden", SpotKind::Virtual, 20));
        assert_eq!(
            conflict_code(store.update_spot(a.id, s.id, &spot("Table 2", SpotKind::Table, 2)).await),
            "spot_name_taken"
        );
        assert_not_found(store.update_spot(b.id, s.id, &spot("Stolen", SpotKind::Room, 2)).await);
        assert_not_found(store.update_spot(a.id, SpotId(s.id.0 + 1000), &spot("Ghost", SpotKind::Room, 2)).await);
        let read = store.spot(a.id, s.id).await.expect("reads");
        assert_eq!((read.name.as_str(), read.capacity), ("Garden", 20));
        assert_not_found(store.spot(b.id, s.id).await);
    }

    async fn a_spot_is_deleted_once(db: TestDb) {
        let store = db.store();
        let ana = user(store, "ana@example.org", "Ana").await;
        let a = community(store, &ana, JoinPolicy::Open).await;
        let b = community(store, &ana, JoinPolicy::Open).await;
        let s = store.create_spot(a.id, &spot("Table 1", SpotKind::Table, 4), now()).await.expect("created");
        assert_not_found(store.delete_spot(b.id, s.id).await);
        assert!(store.spot(a.id, s.id).await.is_ok(), "another community cannot delete it");
        store.delete_spot(a.id, s.id).await.expect("deleted");
        assert_not_found(store.spot(a.id, s.id).await);
        assert_not_found(store.delete_spot(a.id, s.id).await);
        store.create_spot(a.id, &spot("Table 1", SpotKind::Table, 4), now()).await.expect("the name is free again");
    }

    async fn spots_list_in_person_first_then_by_name(db: TestDb) {
        let store = db.store();
        let ana = user(store, "ana@example.org", "Ana").await;
        let c = community(store, &ana, JoinPolicy::Open).await;
        for (name, kind) in [
            ("Zoom A", SpotKind::Virtual),
            ("Table 2", SpotKind::Table),
            ("Atrium", SpotKind::Room),
            ("Meet B", SpotKind::Virtual),
            ("Table 1", SpotKind::Table),
        ] {
            store.create_spot(c.id, &spot(name, kind, 4), now()).await.expect("created");
        }
        let names: Vec<String> = store.spots(c.id).await.expect("listed").into_iter().map(|s| s.name).collect();
        assert_eq!(names, ["Atrium", "Table 1", "Table 2", "Meet B", "Zoom A"]);
        let other = community(store, &ana, JoinPolicy::Open).await;
        assert!(store.spots(other.id).await.expect("listed").is_empty());
    }
}
