//! What people hear about requests, meetings, seats and answers. Composing only reads: the
//! messages are built from the current state of the database, and nothing is written until
//! the event completes.

use peerlearn_domain::{AnswerId, MeetingId, MemberId, RequestId};
use peerlearn_store::{Community, EventEffect, Job, JobKind, Meeting, Request, StoreError};

use super::message::{Message, Recipient, place, when, with_their_message};
use crate::state::AppState;

/// What one event produces: its messages, and the changes it makes when it completes.
#[derive(Debug, Default)]
pub struct Composed {
    pub messages: Vec<Message>,
    pub effects: Vec<EventEffect>,
}

impl From<Vec<Message>> for Composed {
    fn from(messages: Vec<Message>) -> Self {
        Self {
            messages,
            effects: Vec::new(),
        }
    }
}

/// Composes the messages and effects of an event (not of an email job).
pub async fn compose(state: &AppState, job: &Job) -> Result<Composed, StoreError> {
    let community = state.store.community(job.community).await?;
    match job.kind {
        JobKind::RequestReceived
        | JobKind::RequestDeclined
        | JobKind::RequestAccepted
        | JobKind::TimesProposed => request(state, job, &community).await.map(Into::into),
        JobKind::MeetingCancelled
        | JobKind::MeetingMoved
        | JobKind::SeatTaken
        | JobKind::SeatLeft
        | JobKind::WaitlistSeat
        | JobKind::Reminder => meeting(state, job, &community).await.map(Into::into),
        JobKind::CheckInDue
        | JobKind::MeetingEnded
        | JobKind::ThanksReceived
        | JobKind::CheckBack
        | JobKind::DemandCheck => super::followup::compose(state, job, &community).await,
        JobKind::AnswerPosted => answer(state, job, &community).await.map(Into::into),
        JobKind::Email => Ok(Composed::default()),
    }
}

/// What an event is about, or `None` when it is gone (deleted since): then nobody is told.
pub(super) fn still_there<T>(found: Result<T, StoreError>) -> Result<Option<T>, StoreError> {
    match found {
        Ok(v) => Ok(Some(v)),
        Err(StoreError::NotFound(_)) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Writes a message about a meeting or request, linking to the member's meetings.
struct Writer<'a> {
    community: &'a Community,
    base: &'a str,
    tz: chrono_tz::Tz,
}

impl<'a> Writer<'a> {
    fn new(state: &'a AppState, community: &'a Community) -> Self {
        Self {
            community,
            base: &state.config.public_url,
            tz: community.calendar.timezone.tz(),
        }
    }

    fn meetings(&self, to: Recipient, kind: &'static str, title: String, body: String) -> Message {
        let path = format!("/c/{}/meetings", self.community.id);
        Message::new(self.community, self.base, to, kind, title, body, &path)
    }

    /// The same, with the meeting's invitation attached.
    fn invitation(
        &self,
        to: Recipient,
        kind: &'static str,
        title: String,
        body: String,
        meeting: &Meeting,
    ) -> Message {
        let m = self.meetings(to, kind, title, body);
        let host = crate::ics::host_of(self.base);
        let ics = crate::ics::calendar([(meeting, m.link.clone())], &host, "peerlearn");
        m.with_ics(ics)
    }

    fn local_times(&self, request: &Request) -> String {
        request
            .times
            .iter()
            .map(|t| {
                t.start()
                    .with_timezone(&self.tz)
                    .format("%a %-d %b, %H:%M")
                    .to_string()
            })
            .collect::<Vec<_>>()
            .join("; ")
    }
}

async fn request(
    state: &AppState,
    job: &Job,
    community: &Community,
) -> Result<Vec<Message>, StoreError> {
    let store = &state.store;
    let w = Writer::new(state, community);
    let Some(request) = still_there(store.request(RequestId(job.subject)).await)? else {
        return Ok(Vec::new());
    };
    // Who answered (accepted, declined or proposed times), and the other side, who is told.
    // Events without an actor come from the person asked.
    let actor = job.actor.unwrap_or(request.decider);
    let told = request.other_side(actor);
    let actor_name = if actor == request.requester {
        &request.requester_name
    } else {
        &request.decider_name
    };
    let to = |member| Recipient::of(store, request.community_id, member);
    let message = match job.kind {
        JobKind::RequestReceived => w.meetings(
            to(request.decider).await?,
            "request_received",
            format!("{} asks to meet", request.requester_name),
            with_their_message(
                format!(
                    "{} would like to meet about \"{}\". Proposed times: {}.",
                    request.requester_name,
                    request.topic_title,
                    w.local_times(&request)
                ),
                &request.message,
            ),
        ),
        JobKind::TimesProposed => w.meetings(
            to(told).await?,
            "times_proposed",
            format!("{actor_name} proposed other times"),
            with_their_message(
                format!(
                    "{actor_name} can't make the times proposed for \"{}\" and suggests: {}. \
                     Accept one, decline, or propose others.",
                    request.topic_title,
                    w.local_times(&request)
                ),
                &request.reply,
            ),
        ),
        JobKind::RequestDeclined => w.meetings(
            to(told).await?,
            "request_declined",
            if actor == request.decider {
                format!("{actor_name} declined your request")
            } else {
                format!("{actor_name} declined the times you proposed")
            },
            with_their_message(
                format!(
                    "{actor_name} can't meet about \"{}\" this time.",
                    request.topic_title
                ),
                &request.reply,
            ),
        ),
        _ => {
            let Some(meeting_id) = request.meeting_id else {
                return Ok(Vec::new());
            };
            let meeting = store.meeting(MeetingId(meeting_id)).await?;
            w.invitation(
                to(told).await?,
                "request_accepted",
                "Your meeting is confirmed".into(),
                format!(
                    "{actor_name} accepted: \"{}\" on {}, {}. The invitation is attached.",
                    request.topic_title,
                    when(&meeting, w.tz),
                    place(&meeting)
                ),
                &meeting,
            )
        }
    };
    Ok(vec![message])
}

async fn meeting(
    state: &AppState,
    job: &Job,
    community: &Community,
) -> Result<Vec<Message>, StoreError> {
    let store = &state.store;
    let w = Writer::new(state, community);
    let Some(meeting) = still_there(store.meeting(MeetingId(job.subject)).await)? else {
        return Ok(Vec::new());
    };
    let actor_name = meeting
        .participants
        .iter()
        .find(|p| Some(p.member) == job.actor)
        .map(|p| p.name.clone())
        .unwrap_or_else(|| "Someone".into());
    let to = |member| Recipient::of(store, meeting.community_id, member);
    let mut out = Vec::new();
    match job.kind {
        JobKind::MeetingCancelled => {
            for p in meeting
                .participants
                .iter()
                .filter(|p| Some(p.member) != job.actor)
            {
                let mut body = format!(
                    "{actor_name} cancelled \"{}\" on {}.",
                    meeting.topic_title,
                    when(&meeting, w.tz)
                );
                if !job.payload.is_empty() {
                    body.push_str(&format!("\n\nReason: {}", job.payload));
                }
                out.push(w.invitation(
                    to(p.member).await?,
                    "meeting_cancelled",
                    "A meeting was cancelled".into(),
                    body,
                    &meeting,
                ));
            }
        }
        JobKind::MeetingMoved => {
            // The old spot was removed; the payload is its name. A meeting cancelled since
            // tells nobody.
            let told = meeting.participants.iter().filter(|p| p.confirmed);
            for p in told.filter(|_| meeting.confirmed) {
                let body = format!(
                    "\"{}\" on {} moved from {} to {}: {} was removed.",
                    meeting.topic_title,
                    when(&meeting, w.tz),
                    job.payload,
                    place(&meeting),
                    job.payload,
                );
                out.push(w.invitation(
                    to(p.member).await?,
                    "meeting_moved",
                    "Your meeting moved to another spot".into(),
                    body,
                    &meeting,
                ));
            }
        }
        JobKind::WaitlistSeat => {
            // The member seated from the waitlist, and the host.
            let Some(member) = job.actor else {
                return Ok(out);
            };
            if !meeting.confirmed {
                return Ok(out);
            }
            out.push(w.invitation(
                to(member).await?,
                "waitlist_seat",
                "You have a seat from the waitlist".into(),
                format!(
                    "A seat opened up in \"{}\" on {}, {}, and it is yours: you were next on the \
                     waitlist. The invitation is attached.",
                    meeting.topic_title,
                    when(&meeting, w.tz),
                    place(&meeting)
                ),
                &meeting,
            ));
            if let Some(h) = meeting.participants.iter().find(|p| p.host) {
                out.push(w.meetings(
                    to(h.member).await?,
                    "seat_taken",
                    format!("{actor_name} took a seat in your group"),
                    format!(
                        "{actor_name} took a freed seat in \"{}\" from the waitlist ({} of {} seats taken).",
                        meeting.topic_title, meeting.seats_taken, meeting.capacity
                    ),
                ));
            }
        }
        JobKind::SeatTaken | JobKind::SeatLeft => {
            if let Some(h) = meeting
                .participants
                .iter()
                .find(|p| p.host && Some(p.member) != job.actor)
            {
                let (verb, kind) = if job.kind == JobKind::SeatTaken {
                    ("took a seat in", "seat_taken")
                } else {
                    ("gave up their seat in", "seat_left")
                };
                out.push(w.meetings(
                    to(h.member).await?,
                    kind,
                    format!("{actor_name} {verb} your group"),
                    format!(
                        "{actor_name} {verb} \"{}\" on {} ({} of {} seats taken).",
                        meeting.topic_title,
                        when(&meeting, w.tz),
                        meeting.participant_seats().0,
                        meeting.participant_seats().1
                    ),
                ));
            }
        }
        _ => {
            // A cancelled meeting, or one already under way, gets no reminder.
            if !meeting.confirmed || meeting.time.start() <= state.clock.now() {
                return Ok(out);
            }
            for p in meeting.participants.iter().filter(|p| p.confirmed) {
                out.push(w.meetings(
                    to(p.member).await?,
                    "reminder",
                    "Your meeting starts in 15 minutes".into(),
                    format!(
                        "\"{}\" starts at {}: {}.",
                        meeting.topic_title,
                        when(&meeting, w.tz),
                        place(&meeting)
                    ),
                ));
            }
        }
    }
    Ok(out)
}

async fn answer(
    state: &AppState,
    job: &Job,
    community: &Community,
) -> Result<Vec<Message>, StoreError> {
    let store = &state.store;
    let Some(answer) = still_there(store.answer(AnswerId(job.subject), MemberId(0)).await)? else {
        return Ok(Vec::new());
    };
    let question = store.question(answer.question_id).await?;
    let to = Recipient::of(store, question.community_id, question.asker).await?;
    Ok(vec![Message::new(
        community,
        &state.config.public_url,
        to,
        "answer_posted",
        format!("{} answered your question", answer.author_name),
        format!("{} answered \"{}\".", answer.author_name, question.title),
        &format!("/c/{}/questions/{}", community.id, question.id),
    )])
}
