//! Live events: numbered per user in completion order, across the user's communities, read
//! after a number, and woken in process; concurrent completions for one user never share or
//! skip a number.

use peerlearn_domain::{JoinPolicy, MemberId};
use peerlearn_store::{CompletedEvent, NewLiveEvent, Store};
use peerlearn_testkit::TestDb;

use crate::support::{community, now, user};

fn completion(community: peerlearn_domain::CommunityId, to: &[MemberId]) -> CompletedEvent {
    CompletedEvent {
        job: 0,
        community,
        notifications: Vec::new(),
        emails: Vec::new(),
        webhooks: Vec::new(),
        live: to
            .iter()
            .map(|m| NewLiveEvent {
                member: *m,
                kind: "request_received",
                title: format!("to {}", m.0),
                body: String::new(),
                link: String::new(),
            })
            .collect(),
        effects: Vec::new(),
    }
}

async fn member(
    store: &Store,
    c: peerlearn_domain::CommunityId,
    u: peerlearn_domain::UserId,
) -> MemberId {
    store
        .membership(c, u)
        .await
        .expect("lookup")
        .expect("a member")
        .0
}

peerlearn_testkit::backend_tests! {
    async fn each_user_numbers_their_events_in_completion_order(db: TestDb) {
        let store = db.store();
        let ana = user(store, "ana@example.org", "Ana").await;
        let bruno = user(store, "bruno@example.org", "Bruno").await;
        let guild = community(store, &ana, JoinPolicy::Open).await;
        let club = community(store, &bruno, JoinPolicy::Open).await;
        store.join_community(guild.id, bruno.id, now()).await.expect("join");
        store.join_community(club.id, ana.id, now()).await.expect("join");
        let (ana_g, ana_c) = (member(store, guild.id, ana.id).await, member(store, club.id, ana.id).await);
        let bruno_g = member(store, guild.id, bruno.id).await;

        let mut ana_wakes = store.live().subscribe(ana.id).await.expect("subscribe");
        let mut bruno_wakes = store.live().subscribe(bruno.id).await.expect("subscribe");
        let stranger = user(store, "zed@example.org", "Zed").await;
        let mut zed_wakes = store.live().subscribe(stranger.id).await.expect("subscribe");
        assert_eq!(store.live_last_id(ana.id).await.expect("last"), 0);
        store
            .complete_events(
                &[completion(guild.id, &[ana_g, bruno_g]), completion(club.id, &[ana_c])],
                now(),
            )
            .await
            .expect("complete");
        store.complete_events(&[completion(guild.id, &[ana_g])], now()).await.expect("complete");

        let all = store.live_events_after(ana.id, 0, 100).await.expect("read");
        assert_eq!(all.iter().map(|e| e.id).collect::<Vec<_>>(), [1, 2, 3]);
        assert_eq!(all.iter().map(|e| e.community).collect::<Vec<_>>(), [guild.id, club.id, guild.id]);
        assert_eq!(all[1].member, ana_c);
        let after = store.live_events_after(ana.id, 2, 100).await.expect("read");
        assert_eq!(after.len(), 1);
        assert_eq!(after[0].id, 3);
        assert_eq!(store.live_last_id(ana.id).await.expect("last"), 3);
        let theirs = store.live_events_after(bruno.id, 0, 100).await.expect("read");
        assert_eq!(theirs.iter().map(|e| e.id).collect::<Vec<_>>(), [1]);

        // This process's streams of both users were woken, and only theirs.
        assert!(ana_wakes.try_recv() && bruno_wakes.try_recv());
        assert!(!zed_wakes.try_recv(), "another user's stream sleeps on");

        let counts = store.nav_counts(ana.id, ana_g, now()).await.expect("counts");
        assert_eq!((counts.inbox, counts.requests, counts.last_event), (0, 0, 3));
    }

    async fn concurrent_completions_for_one_user_take_consecutive_numbers(db: TestDb) {
        let store = db.store();
        let ana = user(store, "ana@example.org", "Ana").await;
        let guild = community(store, &ana, JoinPolicy::Open).await;
        let ana_g = member(store, guild.id, ana.id).await;
        let mut tasks = Vec::new();
        for _ in 0..16 {
            let store = store.clone();
            tasks.push(tokio::spawn(async move {
                store.complete_events(&[completion(guild.id, &[ana_g, ana_g])], now()).await
            }));
        }
        for t in tasks {
            t.await.expect("the task ends").expect("complete");
        }
        let ids: Vec<i64> = store
            .live_events_after(ana.id, 0, 1000)
            .await
            .expect("read")
            .iter()
            .map(|e| e.id)
            .collect();
        assert_eq!(ids, (1..=32).collect::<Vec<_>>());
    }
}
