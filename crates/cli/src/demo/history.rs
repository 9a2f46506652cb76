//! The demo's past: online warm-up conversations held in the week before the event, with
//! check-ins, a few no-shows, feedback, thank-yous and notes, so the knowledge base, the
//! ledger and the organizer's dashboard have something real to show.

use chrono::{DateTime, Days, Duration, Timelike, Utc};
use peerlearn_domain::{
    CheckInMethod, CommunityId, Feedback, FeedbackInput, MemberId, TimeRange, TopicFormat,
    TopicKind,
};
use peerlearn_store::{NewRequest, Store, StoreError, TopicFilter};
use rand::Rng;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;

/// What people write as "one thing I learned"; `{}` is one of the topic's tags.
const LEARNED: &[&str] = &[
    "Start {} work with the smallest example that runs, then grow it.",
    "Most {} problems I had came from skipping the defaults; read them first.",
    "There is a built-in way in {} to do what I had scripted by hand.",
    "Pairing on a real {} task taught me more than a week of tutorials.",
    "Good {} habits: name things clearly and keep a checklist for releases.",
    "The documentation of {} has a troubleshooting section that answers most questions.",
    "Measure before optimising: with {} the slow part was not where I thought.",
];

const WILL_TRY: &[&str] = &[
    "Rewrite one small task with what I saw today.",
    "Set up the example from the session on my own project.",
    "Share the checklist with my team on Monday.",
    "",
];

const THANKS: &[&str] = &[
    "Thank you, that was exactly what I needed!",
    "Thanks for your patience and the clear examples.",
    "",
];

/// Holds and follows up about `count` past one-on-one conversations; answers how many meetings
/// were held and how many notes shared.
pub async fn hold(
    store: &Store,
    community: CommunityId,
    members: &[MemberId],
    now: DateTime<Utc>,
    count: usize,
    rng: &mut StdRng,
) -> anyhow::Result<(usize, usize)> {
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
    if offers.is_empty() || members.len() < 2 {
        return Ok((0, 0));
    }
    let day0 = (now - Days::new(7))
        .with_hour(9)
        .and_then(|t| t.with_minute(0))
        .and_then(|t| t.with_second(0))
        .unwrap_or(now - Days::new(7));
    let (mut held, mut notes) = (0, 0);
    for i in 0..count * 2 {
        if held == count {
            break;
        }
        let Some(topic) = offers.choose(rng) else {
            break;
        };
        let Some(&learner) = members.choose(rng) else {
            break;
        };
        if learner == topic.host {
            continue;
        }
        // Six days, eighteen half-hour slots a day (09:00–18:00 UTC).
        let start = day0
            + Duration::days((i % 6) as i64)
            + Duration::minutes(30 * rng.random_range(0..18_i64));
        let end = start + Duration::minutes(i64::from(topic.duration_minutes));
        let Some(time) = TimeRange::new(start, end).ok() else {
            continue;
        };
        let asked = start - Duration::days(1);
        let request = match store
            .create_request(
                &NewRequest {
                    community,
                    topic: topic.id,
                    requester: learner,
                    decider: topic.host,
                    times: vec![time],
                    message: "Could we do this online before the event?".into(),
                },
                asked,
            )
            .await
        {
            Ok(r) => r,
            Err(StoreError::Conflict { .. }) => continue,
            Err(e) => return Err(e.into()),
        };
        let meeting = match store
            .accept_request(
                request.id,
                start,
                &format!("https://meet.jit.si/peerlearn-warmup-{i}"),
                asked,
            )
            .await
        {
            Ok(m) => m,
            // Someone was busy then, or no place was free: that warm-up did not happen.
            Err(StoreError::Conflict { .. }) => continue,
            Err(e) => return Err(e.into()),
        };
        held += 1;
        let host_came = rng.random_bool(0.95);
        store
            .check_in(meeting.id, learner, CheckInMethod::Button, start)
            .await?;
        if host_came {
            store
                .check_in(meeting.id, topic.host, CheckInMethod::Qr, start)
                .await?;
        } else {
            store.record_no_shows(meeting.id, end).await?;
            continue;
        }
        let tag = topic
            .tags
            .first()
            .cloned()
            .unwrap_or_else(|| topic.title.clone());
        let learned = LEARNED
            .choose(rng)
            .map(|l| l.replace("{}", &tag))
            .unwrap_or_default();
        let share = rng.random_bool(0.7);
        let feedback = Feedback::parse(&FeedbackInput {
            learned: &learned,
            will_try: WILL_TRY.choose(rng).copied().unwrap_or_default(),
            rating: Some(rng.random_range(3..=5)),
            thanks: THANKS.choose(rng).copied().unwrap_or_default(),
            share,
            named: rng.random_bool(0.6),
            link: "",
        })
        .map_err(|e| anyhow::anyhow!("{e}"))?;
        store
            .save_feedback(meeting.id, learner, &feedback, end + Duration::minutes(5))
            .await?;
        if share {
            notes += 1;
        }
    }
    Ok((held, notes))
}
