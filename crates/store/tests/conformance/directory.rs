//! The member directory: filters and pagination.

use peerlearn_domain::{CommunityId, JoinPolicy, MemberId, Tag};
use peerlearn_store::{DirectoryFilter, MemberSummary, Store};
use peerlearn_testkit::TestDb;

use crate::support::{community, now, profile, user};

fn filter(limit: i64) -> DirectoryFilter {
    DirectoryFilter {
        limit,
        ..DirectoryFilter::default()
    }
}

fn tag(raw: &str) -> Tag {
    Tag::parse("tag", raw).expect("a valid tag")
}

/// Every page of the directory for `base`, following the cursors.
async fn all_pages(
    store: &Store,
    c: CommunityId,
    base: DirectoryFilter,
) -> Vec<Vec<MemberSummary>> {
    let mut pages = Vec::new();
    let mut cursor = None;
    loop {
        let page = store
            .directory(
                c,
                &DirectoryFilter {
                    cursor,
                    ..base.clone()
                },
            )
            .await
            .expect("a page");
        pages.push(page.items);
        match page.next_cursor {
            Some(next) => cursor = Some(next.parse().expect("a cursor the store understands")),
            None => return pages,
        }
        assert!(pages.len() < 100, "pagination does not end");
    }
}

/// A community whose organizer is Ana, with members named after `names` who offer the
/// tags given beside them.
async fn populated(
    store: &Store,
    people: &[(&str, &str, &[&str])],
) -> (CommunityId, Vec<MemberId>) {
    let ana = user(store, "ana@example.org", "Ana Organizer").await;
    let c = community(store, &ana, JoinPolicy::Open).await;
    let (ana_m, _) = store
        .membership(c.id, ana.id)
        .await
        .expect("lookup")
        .expect("member");
    let mut ids = vec![ana_m];
    for (i, (name, team, offers)) in people.iter().enumerate() {
        let u = user(store, &format!("p{i}@example.org"), name).await;
        let m = store
            .join_community(c.id, u.id, now())
            .await
            .expect("joined");
        store
            .update_profile(
                c.id,
                m.id,
                &profile(&format!("{name} headline"), team, offers, &[]),
            )
            .await
            .expect("profile");
        ids.push(m.id);
    }
    (c.id, ids)
}

peerlearn_testkit::backend_tests! {
    async fn the_directory_lists_members_in_join_order_with_their_tags(db: TestDb) {
        let store = db.store();
        let (c, ids) = populated(store, &[("Bo", "Data", &["rust", "sql"]), ("Cy", "Web", &[])]).await;
        let page = store.directory(c, &filter(50)).await.expect("a page");
        assert_eq!(page.next_cursor, None);
        let got: Vec<MemberId> = page.items.iter().map(|m| m.id).collect();
        assert_eq!(got, ids);
        let bo = &page.items[1];
        assert_eq!((bo.display_name.as_str(), bo.headline.as_str(), bo.team.as_str()), ("Bo", "Bo headline", "Data"));
        assert_eq!(bo.offers, ["rust", "sql"]);
        assert!(bo.wants.is_empty());
    }

    async fn the_tag_filter_matches_offers_and_wants(db: TestDb) {
        let store = db.store();
        let (c, ids) = populated(store, &[("Bo", "", &["rust"]), ("Cy", "", &["go"]), ("Di", "", &[])]).await;
        let ana_m = ids[0];
        store.update_profile(c, ana_m, &profile("", "", &[], &["Rust"])).await.expect("profile");
        let found: Vec<MemberId> = store
            .directory(c, &DirectoryFilter { tag: Some(tag("rust")), ..filter(50) })
            .await
            .expect("a page")
            .items
            .iter()
            .map(|m| m.id)
            .collect();
        assert_eq!(found, [ids[0], ids[1]]);
        let none = store
            .directory(c, &DirectoryFilter { tag: Some(tag("cobol")), ..filter(50) })
            .await
            .expect("a page");
        assert!(none.items.is_empty() && none.next_cursor.is_none());
    }

    async fn the_text_filter_matches_name_headline_and_team_in_any_case(db: TestDb) {
        let store = db.store();
        let (c, ids) = populated(store, &[("Bo Silva", "Platform", &[]), ("Cy", "Data Science", &[]), ("Di", "", &[])]).await;
        let find = |text: &str| {
            let f = DirectoryFilter { text: Some(text.to_string()), ..filter(50) };
            async move {
                store.directory(c, &f).await.expect("a page").items.iter().map(|m| m.id).collect::<Vec<_>>()
            }
        };
        assert_eq!(find("silva").await, [ids[1]], "by name");
        assert_eq!(find("PLATFORM").await, [ids[1]], "by team, any case");
        assert_eq!(find("di headline").await, [ids[3]], "by headline");
        assert_eq!(find("science").await, [ids[2]]);
        assert!(find("nobody").await.is_empty());
        assert_eq!(find("%").await.len(), 4, "wildcards are not special");
        assert!(find("b_ silva").await.is_empty(), "an underscore is not a wildcard");
    }

    async fn tag_and_text_filters_combine(db: TestDb) {
        let store = db.store();
        let (c, ids) = populated(store, &[("Bo", "Data", &["rust"]), ("Cy", "Data", &["go"]), ("Di", "Web", &["rust"])]).await;
        let page = store
            .directory(c, &DirectoryFilter { tag: Some(tag("rust")), text: Some("data".into()), ..filter(50) })
            .await
            .expect("a page");
        let got: Vec<MemberId> = page.items.iter().map(|m| m.id).collect();
        assert_eq!(got, [ids[1]]);
    }

    async fn pages_cover_every_member_exactly_once(db: TestDb) {
        let store = db.store();
        let people: Vec<(String, &[&str])> = (0..9)
            .map(|i| (format!("Person {i}"), if i % 2 == 0 { &["rust"][..] } else { &[][..] }))
            .collect();
        let refs: Vec<(&str, &str, &[&str])> = people.iter().map(|(n, t)| (n.as_str(), "", *t)).collect();
        let (c, ids) = populated(store, &refs).await;
        for limit in [1, 3, 4, 10, 11] {
            let pages = all_pages(store, c, filter(limit)).await;
            assert!(pages.iter().all(|p| p.len() as i64 <= limit));
            assert!(pages[..pages.len() - 1].iter().all(|p| p.len() as i64 == limit), "only the last page is short");
            let got: Vec<MemberId> = pages.iter().flatten().map(|m| m.id).collect();
            assert_eq!(got, ids, "limit {limit}");
        }
        let tagged: Vec<MemberId> = all_pages(store, c, DirectoryFilter { tag: Some(tag("rust")), ..filter(2) })
            .await
            .iter()
            .flatten()
            .map(|m| m.id)
            .collect();
        let expected: Vec<MemberId> = ids.iter().skip(1).step_by(2).copied().collect();
        assert_eq!(tagged, expected);
    }

    async fn the_directory_shows_only_its_own_community(db: TestDb) {
        let store = db.store();
        let (a, a_ids) = populated(store, &[("Bo", "", &["rust"])]).await;
        let zed = user(store, "zed@example.org", "Zed").await;
        let b = community(store, &zed, JoinPolicy::Open).await;
        let got: Vec<MemberId> = store.directory(a, &filter(50)).await.expect("a page").items.iter().map(|m| m.id).collect();
        assert_eq!(got, a_ids);
        let theirs = store.directory(b.id, &DirectoryFilter { tag: Some(tag("rust")), ..filter(50) }).await.expect("a page");
        assert!(theirs.items.is_empty());
    }

    async fn limits_outside_the_range_are_clamped(db: TestDb) {
        let store = db.store();
        let (c, _) = populated(store, &[("Bo", "", &[]), ("Cy", "", &[])]).await;
        assert_eq!(store.directory(c, &filter(0)).await.expect("a page").items.len(), 1);
        assert_eq!(store.directory(c, &filter(-5)).await.expect("a page").items.len(), 1);
        assert_eq!(store.directory(c, &filter(10_000)).await.expect("a page").items.len(), 3);
    }
}
