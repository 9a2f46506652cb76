//! Pending requests in the demo: members ask hosts of one-on-one offers for times they are
//! both free, so hosts have requests to answer and organizers something to auto-schedule.

use chrono::{DateTime, Utc};
use peerlearn_domain::{CommunityId, MemberId, TopicFormat, TopicKind};
use peerlearn_store::{NewRequest, Store, StoreError, TopicFilter};
use rand::Rng;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;

pub async fn send(
    store: &Store,
    community: CommunityId,
    members: &[MemberId],
    now: DateTime<Utc>,
    rng: &mut StdRng,
) -> anyhow::Result<usize> {
    let offers: Vec<_> = store
        .topics(
            community,
            &TopicFilter {
                kind: Some(TopicKind::Offer),
                format: Some(TopicFormat::OneOnOne),
                limit: 200,
                ..TopicFilter::default()
            },
        )
        .await?
        .items
        .clone();
    if offers.is_empty() {
        return Ok(0);
    }
    let mut sent = 0;
    for member in members {
        if !rng.random_bool(0.45) {
            continue;
        }
        let Some(topic) = offers.choose(rng) else {
            continue;
        };
        if topic.host == *member {
            continue;
        }
        let mine = store.member(community, *member).await?;
        let host = store.member(community, topic.host).await?;
        let slots = peerlearn_domain::common_free_slots(
            &mine.availability,
            &host.availability,
            &[],
            i64::from(topic.duration_minutes),
            30,
            now,
            3,
        );
        if slots.is_empty() {
            continue;
        }
        let count = rng.random_range(1..=slots.len().min(2));
        let request = NewRequest {
            community,
            topic: topic.id,
            requester: *member,
            decider: topic.host,
            times: slots.into_iter().take(count).collect(),
            message: "Hi! I would love to learn this from you.".into(),
        };
        match store.create_request(&request, now).await {
            Ok(_) => sent += 1,
            Err(StoreError::Conflict { .. }) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(sent)
}
