//! What an event sends to webhook receivers: its type in the receivers' words
//! (`meeting.confirmed`) and a JSON body `{"type", "timestamp", "data"}` holding ids and
//! public facts only — never an email address, a message someone wrote or a private rating.

use peerlearn_domain::EventType;
use peerlearn_store::{JobKind, NewWebhookEvent};
use serde_json::{Map, Value, json};

use super::channels::Event;
use crate::clock::rfc3339;

/// The webhook events of one outbox event (none for reminders and other internal jobs; two
/// for an accepted request: it was answered, and a meeting was confirmed).
pub fn events(event: &Event<'_>) -> Result<Vec<NewWebhookEvent>, serde_json::Error> {
    let job = event.job;
    let id = |n: i64| Value::String(n.to_string());
    let actor = job.actor.map(|m| id(m.0));
    let data = |pairs: &[(&str, Option<Value>)]| {
        let mut d = Map::new();
        d.insert("community_id".into(), id(job.community.0));
        for (k, v) in pairs {
            if let Some(v) = v {
                d.insert((*k).to_string(), v.clone());
            }
        }
        Value::Object(d)
    };
    let request = Some(id(job.subject));
    let meeting = Some(id(job.subject));
    let answered = |outcome: &str| {
        (
            EventType::RequestAnswered,
            data(&[
                ("request_id", request.clone()),
                ("outcome", Some(outcome.into())),
                ("answered_by_member_id", actor.clone()),
            ]),
        )
    };
    let list: Vec<(EventType, Value)> = match job.kind {
        JobKind::RequestReceived => vec![(
            EventType::RequestCreated,
            data(&[
                ("request_id", request.clone()),
                ("requester_member_id", actor.clone()),
            ]),
        )],
        JobKind::RequestAccepted => {
            let mut out = vec![answered("accepted")];
            if let Some(m) = event.facts.meeting {
                out.push((
                    EventType::MeetingConfirmed,
                    data(&[
                        ("meeting_id", Some(id(m.0))),
                        ("request_id", request.clone()),
                    ]),
                ));
            }
            out
        }
        JobKind::RequestDeclined => vec![answered("declined")],
        JobKind::TimesProposed => vec![answered("times_proposed")],
        JobKind::MixerGroup => vec![(
            EventType::MeetingConfirmed,
            data(&[("meeting_id", meeting.clone())]),
        )],
        JobKind::MeetingMoved => vec![(
            EventType::MeetingMoved,
            data(&[("meeting_id", meeting.clone())]),
        )],
        JobKind::MeetingCancelled => vec![(
            EventType::MeetingCancelled,
            data(&[
                ("meeting_id", meeting.clone()),
                ("cancelled_by_member_id", actor.clone()),
            ]),
        )],
        JobKind::SeatTaken | JobKind::WaitlistSeat => vec![(
            EventType::SeatTaken,
            data(&[
                ("meeting_id", meeting.clone()),
                ("member_id", actor.clone()),
                (
                    "from_waitlist",
                    Some((job.kind == JobKind::WaitlistSeat).into()),
                ),
            ]),
        )],
        JobKind::SeatLeft => vec![(
            EventType::SeatFreed,
            data(&[
                ("meeting_id", meeting.clone()),
                ("member_id", actor.clone()),
            ]),
        )],
        JobKind::CheckedIn => vec![(
            EventType::CheckedIn,
            data(&[
                ("meeting_id", meeting.clone()),
                ("member_id", actor.clone()),
                ("method", Some(job.payload.clone().into())),
            ]),
        )],
        JobKind::FeedbackGiven => vec![(
            EventType::FeedbackGiven,
            data(&[
                ("meeting_id", meeting.clone()),
                ("member_id", actor.clone()),
            ]),
        )],
        JobKind::NoteShared => vec![(
            EventType::NoteShared,
            data(&[
                ("note_id", Some(id(job.subject))),
                ("author_member_id", actor.clone()),
            ]),
        )],
        // A meet-now pair both accepted: a meeting was confirmed without a request.
        JobKind::NowBooked => vec![(
            EventType::MeetingConfirmed,
            data(&[
                ("meeting_id", meeting.clone()),
                ("source", Some("meet_now".into())),
            ]),
        )],
        JobKind::MemberJoined => vec![(
            EventType::MemberJoined,
            data(&[("member_id", Some(id(job.subject)))]),
        )],
        JobKind::MemberLeft => vec![(
            EventType::MemberLeft,
            data(&[("member_id", Some(id(job.subject)))]),
        )],
        _ => Vec::new(),
    };
    list.into_iter()
        .enumerate()
        .map(|(n, (kind, data))| {
            let body = json!({
                "type": kind.as_str(),
                "timestamp": rfc3339(event.at),
                "data": data,
            });
            Ok(NewWebhookEvent {
                event_type: kind,
                message_id: format!("msg_{}_{}", job.id, n),
                body: serde_json::to_string(&body)?,
            })
        })
        .collect()
}
