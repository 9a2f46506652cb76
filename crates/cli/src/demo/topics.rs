//! Topics the demo's people post: offers on what they can share, asks on what they want to
//! learn, some as small groups at fixed times.

use chrono::{DateTime, Duration, Utc};
use peerlearn_domain::{
    BoundedText, CommunityCalendar, Invalid, MeetingMode, Minutes, TagList, TopicFormat, TopicKind,
};
use peerlearn_store::NewTopic;
use rand::Rng;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;

use super::people::Person;

const OFFER_TITLES: &[&str] = &[
    "Intro to {}",
    "{}: tips from daily use",
    "Pair with me on {}",
    "Ask me anything about {}",
    "How we use {} on our team",
    "{} in 30 minutes",
];
const ASK_TITLES: &[&str] = &[
    "Who can explain {}?",
    "Looking for a {} walkthrough",
    "Help me get started with {}",
    "Stuck with {}: looking for advice",
];

/// The topics one person posts (possibly none).
pub fn for_person(
    person: &Person,
    calendar: &CommunityCalendar,
    now: DateTime<Utc>,
    rng: &mut StdRng,
) -> Result<Vec<NewTopic>, Invalid> {
    let mut out = Vec::new();
    if rng.random_bool(0.6) {
        let skill = person.offers.choose(rng).cloned().unwrap_or_default();
        let group = rng.random_bool(0.15);
        let format = if group {
            TopicFormat::Group
        } else {
            TopicFormat::OneOnOne
        };
        let starts_at = if group {
            group_time(calendar, now, rng)
        } else {
            None
        };
        let title = OFFER_TITLES
            .choose(rng)
            .unwrap_or(&"{}")
            .replace("{}", &skill);
        let description = format!(
            "I work on the **{}** team and use {skill} most days. Bring a question or a problem \
             you are stuck on; we will look at it together.\n\n- what it is good for\n- the pitfalls \
             I ran into\n- where to go next",
            person.team
        );
        out.push(topic(
            TopicKind::Offer,
            &title,
            &description,
            &skill,
            format,
            starts_at,
            rng,
        )?);
    }
    if rng.random_bool(0.3) {
        let skill = person.wants.choose(rng).cloned().unwrap_or_default();
        let title = ASK_TITLES
            .choose(rng)
            .unwrap_or(&"{}")
            .replace("{}", &skill);
        let description = format!(
            "I would like to learn {skill}. Half an hour with someone who uses it would help a lot."
        );
        out.push(topic(
            TopicKind::Ask,
            &title,
            &description,
            &skill,
            TopicFormat::OneOnOne,
            None,
            rng,
        )?);
    }
    Ok(out)
}

fn topic(
    kind: TopicKind,
    title: &str,
    description: &str,
    skill: &str,
    format: TopicFormat,
    starts_at: Option<DateTime<Utc>>,
    rng: &mut StdRng,
) -> Result<NewTopic, Invalid> {
    let mode = *[
        MeetingMode::InPerson,
        MeetingMode::Virtual,
        MeetingMode::Either,
    ]
    .choose(rng)
    .unwrap_or(&MeetingMode::Either);
    Ok(NewTopic {
        kind,
        title: BoundedText::parse("title", title, 3, 140, false)?,
        description: BoundedText::parse("description", description, 0, 8000, true)?,
        description_html: peerlearn_web::markdown::to_safe_html(description),
        tags: TagList::parse("tags", [skill])?,
        format,
        capacity: if format == TopicFormat::Group { 4 } else { 1 },
        mode,
        duration: Minutes::default_for(format),
        starts_at,
    })
}

/// A half-hour start on one of the event's days, leaving room for a 45-minute meeting.
fn group_time(
    calendar: &CommunityCalendar,
    now: DateTime<Utc>,
    rng: &mut StdRng,
) -> Option<DateTime<Utc>> {
    let days = calendar.days(calendar.local_date(now));
    let day = days.choose(rng)?;
    let hours = calendar.hours_on(*day)?;
    let slots = (hours.minutes() - 45) / 30;
    let start = hours.start() + Duration::minutes(30 * rng.random_range(0..=slots.max(0)));
    (start > now).then_some(start)
}
