//! What people hear about requests, meetings, seats and answers. Composing only reads: the
//! messages are built from the current state of the database, and nothing is written until
//! the event completes.

use fluent_templates::fluent_bundle::FluentValue;
use peerlearn_domain::{AnswerId, MeetingId, MemberId, RequestId};
use peerlearn_store::{Community, EventEffect, Job, JobKind, Meeting, Request, StoreError};

use super::message::{Message, Recipient, Recipients, with_their_message};
use crate::state::AppState;

/// What one event produces: its messages, and the changes it makes when it completes.
#[derive(Debug, Default)]
pub struct Composed {
    pub messages: Vec<Message>,
    pub effects: Vec<EventEffect>,
    pub facts: Facts,
}

/// What composing read that the event's row does not hold, for channels that send data
/// rather than sentences (webhooks).
#[derive(Debug, Default, Clone)]
pub struct Facts {
    /// The meeting an accepted request became.
    pub meeting: Option<MeetingId>,
}

impl From<Vec<Message>> for Composed {
    fn from(messages: Vec<Message>) -> Self {
        Self {
            messages,
            effects: Vec::new(),
            facts: Facts::default(),
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
        | JobKind::TimesProposed => request(state, job, &community).await,
        JobKind::MeetingCancelled
        | JobKind::MeetingMoved
        | JobKind::SeatTaken
        | JobKind::SeatLeft
        | JobKind::WaitlistSeat
        | JobKind::MixerGroup
        | JobKind::Reminder => meeting(state, job, &community).await.map(Into::into),
        JobKind::CheckInDue
        | JobKind::MeetingEnded
        | JobKind::ThanksReceived
        | JobKind::CheckBack
        | JobKind::DemandCheck => super::followup::compose(state, job, &community).await,
        JobKind::AnswerPosted => answer(state, job, &community).await.map(Into::into),
        JobKind::SeatOffered => super::seat_offer::compose(state, job, &community)
            .await
            .map(Into::into),
        JobKind::WebhookDisabled => super::webhook_notice::compose(state, job, &community)
            .await
            .map(Into::into),
        JobKind::NowProposed | JobKind::NowAccepted | JobKind::NowDeclined => {
            super::meet_now::compose(state, job, &community)
                .await
                .map(Into::into)
        }
        JobKind::NowBooked => {
            let messages = super::meet_now::compose(state, job, &community).await?;
            Ok(Composed {
                messages,
                effects: Vec::new(),
                facts: Facts {
                    meeting: Some(MeetingId(job.subject)),
                },
            })
        }
        // Events only webhooks receive.
        JobKind::CheckedIn
        | JobKind::FeedbackGiven
        | JobKind::NoteShared
        | JobKind::MemberJoined
        | JobKind::MemberLeft
        | JobKind::Email
        | JobKind::DataExport => Ok(Composed::default()),
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
}

impl<'a> Writer<'a> {
    fn new(state: &'a AppState, community: &'a Community) -> Self {
        Self {
            community,
            base: &state.config.public_url,
        }
    }

    fn meetings(&self, to: Recipient, kind: &'static str, title: String, body: String) -> Message {
        let path = format!("/c/{}/meetings", self.community.id);
        Message::new(self.community, self.base, to, kind, title, body, &path)
    }

    /// The same, with the meeting's invitation attached, in the recipient's language.
    fn invitation(
        &self,
        to: Recipient,
        kind: &'static str,
        title: String,
        body: String,
        meeting: &Meeting,
    ) -> Message {
        let lang = to.lang;
        let m = self.meetings(to, kind, title, body);
        let host = crate::ics::host_of(self.base);
        let ics = crate::ics::calendar([(meeting, m.link.clone())], &host, "peerlearn", lang);
        m.with_ics(ics)
    }
}

/// The times of a request in the recipient's language and time zone, naming the zone once:
/// "Mon 4 May, 10:00; Tue 5 May, 11:00 (Europe/Lisbon)".
fn local_times(request: &Request, to: &Recipient) -> String {
    let times = request
        .times
        .iter()
        .map(|t| to.lang.when(&t.start().with_timezone(&to.tz)))
        .collect::<Vec<_>>()
        .join(&to.t("notification-times-separator", &[]));
    format!("{times} ({})", to.tz.name())
}

async fn request(
    state: &AppState,
    job: &Job,
    community: &Community,
) -> Result<Composed, StoreError> {
    let store = &state.store;
    let w = Writer::new(state, community);
    let Some(request) = still_there(store.request(RequestId(job.subject)).await)? else {
        return Ok(Composed::default());
    };
    let facts = Facts {
        meeting: request.meeting_id.map(MeetingId),
    };
    // Who answered (accepted, declined or proposed times), and the other side, who is told.
    // Events without an actor come from the person asked.
    let actor = job.actor.unwrap_or(request.decider);
    let told = if job.kind == JobKind::RequestReceived {
        request.decider
    } else {
        request.other_side(actor)
    };
    let actor_name = if actor == request.requester {
        &request.requester_name
    } else {
        &request.decider_name
    };
    let to = Recipients::load(store, community, [told])
        .await?
        .get(told)?;
    let topic = request.topic_title.as_str();
    let count = request.times.len();
    let message = match job.kind {
        JobKind::RequestReceived => {
            let name = request.requester_name.as_str();
            let body = to.t(
                "notification-request-received-body",
                &[
                    ("name", name.into()),
                    ("topic", topic.into()),
                    ("count", count.into()),
                    ("times", local_times(&request, &to).into()),
                ],
            );
            w.meetings(
                to.clone(),
                "request_received",
                to.t(
                    "notification-request-received-title",
                    &[("name", name.into())],
                ),
                with_their_message(body, &to, &request.message),
            )
        }
        JobKind::TimesProposed => {
            let body = to.t(
                "notification-times-proposed-body",
                &[
                    ("name", actor_name.as_str().into()),
                    ("topic", topic.into()),
                    ("count", count.into()),
                    ("times", local_times(&request, &to).into()),
                ],
            );
            w.meetings(
                to.clone(),
                "times_proposed",
                to.t(
                    "notification-times-proposed-title",
                    &[("name", actor_name.as_str().into())],
                ),
                with_their_message(body, &to, &request.reply),
            )
        }
        JobKind::RequestDeclined => {
            let name = [("name", actor_name.as_str().into())];
            let title = if actor == request.decider {
                to.t("notification-request-declined-title", &name)
            } else {
                to.t("notification-times-declined-title", &name)
            };
            let body = to.t(
                "notification-request-declined-body",
                &[
                    ("name", actor_name.as_str().into()),
                    ("topic", topic.into()),
                ],
            );
            w.meetings(
                to.clone(),
                "request_declined",
                title,
                with_their_message(body, &to, &request.reply),
            )
        }
        _ => {
            let Some(meeting_id) = request.meeting_id else {
                return Ok(Composed::default());
            };
            let meeting = store.meeting(MeetingId(meeting_id)).await?;
            let body = to.t(
                "notification-request-accepted-body",
                &[
                    ("name", actor_name.as_str().into()),
                    ("topic", topic.into()),
                    ("when", to.when(meeting.time.start()).into()),
                    ("place", to.place(&meeting).into()),
                ],
            );
            w.invitation(
                to.clone(),
                "request_accepted",
                to.t("notification-request-accepted-title", &[]),
                body,
                &meeting,
            )
        }
    };
    Ok(Composed {
        messages: vec![message],
        effects: Vec::new(),
        facts,
    })
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
        .map(|p| p.name.clone());
    // The actor's name, or "Someone" in the recipient's language.
    let name_for = |to: &Recipient| {
        actor_name
            .clone()
            .unwrap_or_else(|| to.t("notification-someone", &[]))
    };
    let host = meeting.participants.iter().find(|p| p.host);
    // Who this event tells, read together.
    let told: Vec<MemberId> = match job.kind {
        JobKind::MeetingCancelled => meeting
            .participants
            .iter()
            .filter(|p| Some(p.member) != job.actor)
            .map(|p| p.member)
            .collect(),
        JobKind::WaitlistSeat => job
            .actor
            .into_iter()
            .chain(host.map(|h| h.member))
            .collect(),
        JobKind::SeatTaken | JobKind::SeatLeft => host
            .filter(|h| Some(h.member) != job.actor)
            .map(|h| h.member)
            .into_iter()
            .collect(),
        _ => meeting
            .participants
            .iter()
            .filter(|p| p.confirmed)
            .map(|p| p.member)
            .collect(),
    };
    let topic = meeting.topic_title.as_str();
    let seats = |to: &Recipient| -> [(&'static str, FluentValue<'_>); 3] {
        [
            ("name", name_for(to).into()),
            // Participant seats, the host not counted (as the group's capacity counts them).
            ("taken", meeting.participant_seats().0.into()),
            ("capacity", meeting.participant_seats().1.into()),
        ]
    };
    let mut out = Vec::new();
    match job.kind {
        JobKind::MeetingCancelled => {
            let recipients = Recipients::load(store, community, told.iter().copied()).await?;
            for member in &told {
                let to = recipients.get(*member)?;
                let mut body = to.t(
                    "notification-meeting-cancelled-body",
                    &[
                        ("name", name_for(&to).into()),
                        ("topic", topic.into()),
                        ("when", to.when(meeting.time.start()).into()),
                    ],
                );
                if !job.payload.is_empty() {
                    body.push_str("\n\n");
                    body.push_str(&to.t(
                        "notification-reason",
                        &[("reason", job.payload.as_str().into())],
                    ));
                }
                out.push(w.invitation(
                    to.clone(),
                    "meeting_cancelled",
                    to.t("notification-meeting-cancelled-title", &[]),
                    body,
                    &meeting,
                ));
            }
        }
        JobKind::MeetingMoved if meeting.confirmed => {
            // The old spot was removed; the payload is its name.
            let recipients = Recipients::load(store, community, told.iter().copied()).await?;
            for member in &told {
                let to = recipients.get(*member)?;
                let body = to.t(
                    "notification-meeting-moved-body",
                    &[
                        ("topic", topic.into()),
                        ("when", to.when(meeting.time.start()).into()),
                        ("old", job.payload.as_str().into()),
                        ("place", to.place(&meeting).into()),
                    ],
                );
                out.push(w.invitation(
                    to.clone(),
                    "meeting_moved",
                    to.t("notification-meeting-moved-title", &[]),
                    body,
                    &meeting,
                ));
            }
        }
        JobKind::MeetingMoved => {}
        JobKind::WaitlistSeat => {
            // The member seated from the waitlist, and the host.
            let Some(member) = job.actor else {
                return Ok(out);
            };
            if !meeting.confirmed {
                return Ok(out);
            }
            let recipients = Recipients::load(store, community, told).await?;
            let to = recipients.get(member)?;
            let body = to.t(
                "notification-waitlist-seat-body",
                &[
                    ("topic", topic.into()),
                    ("when", to.when(meeting.time.start()).into()),
                    ("place", to.place(&meeting).into()),
                ],
            );
            out.push(w.invitation(
                to.clone(),
                "waitlist_seat",
                to.t("notification-waitlist-seat-title", &[]),
                body,
                &meeting,
            ));
            if let Some(h) = host {
                let to = recipients.get(h.member)?;
                let [name, taken, capacity] = seats(&to);
                out.push(w.meetings(
                    to.clone(),
                    "seat_taken",
                    to.t(
                        "notification-waitlist-seat-host-title",
                        std::slice::from_ref(&name),
                    ),
                    to.t(
                        "notification-waitlist-seat-host-body",
                        &[name, ("topic", topic.into()), taken, capacity],
                    ),
                ));
            }
        }
        JobKind::MixerGroup => {
            // Everyone the organizer put in the group, with the invitation, naming the others.
            if !meeting.confirmed {
                return Ok(out);
            }
            let recipients = Recipients::load(store, community, told.iter().copied()).await?;
            for member in &told {
                let to = recipients.get(*member)?;
                let others = meeting
                    .participants
                    .iter()
                    .filter(|p| p.confirmed && p.member != *member)
                    .map(|p| p.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ");
                let body = to.t(
                    "notification-mixer-group-body",
                    &[
                        ("topic", topic.into()),
                        ("when", to.when(meeting.time.start()).into()),
                        ("place", to.place(&meeting).into()),
                        ("others", others.into()),
                    ],
                );
                out.push(w.invitation(
                    to.clone(),
                    "mixer_group",
                    to.t("notification-mixer-group-title", &[]),
                    body,
                    &meeting,
                ));
            }
        }
        JobKind::SeatTaken | JobKind::SeatLeft => {
            let Some(&member) = told.first() else {
                return Ok(out);
            };
            let to = Recipients::load(store, community, told)
                .await?
                .get(member)?;
            let [name, taken, capacity] = seats(&to);
            let args = [
                name.clone(),
                ("topic", topic.into()),
                ("when", to.when(meeting.time.start()).into()),
                taken,
                capacity,
            ];
            let (kind, title, body) = if job.kind == JobKind::SeatTaken {
                (
                    "seat_taken",
                    to.t("notification-seat-taken-title", &[name]),
                    to.t("notification-seat-taken-body", &args),
                )
            } else {
                (
                    "seat_left",
                    to.t("notification-seat-left-title", &[name]),
                    to.t("notification-seat-left-body", &args),
                )
            };
            out.push(w.meetings(to, kind, title, body));
        }
        _ => {
            // A cancelled meeting, or one already under way, gets no reminder.
            if !meeting.confirmed || meeting.time.start() <= state.clock.now() {
                return Ok(out);
            }
            let recipients = Recipients::load(store, community, told.iter().copied()).await?;
            for member in &told {
                let to = recipients.get(*member)?;
                let body = to.t(
                    "notification-reminder-body",
                    &[
                        ("topic", topic.into()),
                        ("when", to.when(meeting.time.start()).into()),
                        ("place", to.place(&meeting).into()),
                    ],
                );
                out.push(w.meetings(
                    to.clone(),
                    "reminder",
                    to.t("notification-reminder-title", &[]),
                    body,
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
    let to = Recipients::load(store, community, [question.asker])
        .await?
        .get(question.asker)?;
    let name = [("name", answer.author_name.as_str().into())];
    Ok(vec![Message::new(
        community,
        &state.config.public_url,
        to.clone(),
        "answer_posted",
        to.t("notification-answer-posted-title", &name),
        to.t(
            "notification-answer-posted-body",
            &[
                name[0].clone(),
                ("question", question.title.as_str().into()),
            ],
        ),
        &format!("/c/{}/questions/{}", community.id, question.id),
    )])
}
