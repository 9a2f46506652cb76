//! Background jobs: turn outbox events into in-app notifications and emails, and send the
//! emails, retrying with backoff. Each server process runs one worker; claims are leased (and
//! skip rows held by another worker on PostgreSQL), so every job runs once.

use chrono::{DateTime, Duration};
use peerlearn_domain::{AnswerId, MeetingId, MemberId, RequestId};
use peerlearn_store::{
    CompletedEvent, Job, JobKind, Meeting, NewNotification, Request, Store, StoreError,
};

use crate::mailer::Email;
use crate::state::AppState;

/// How long a claimed job is reserved for its worker.
const LEASE_SECONDS: i64 = 120;

/// Runs due jobs until none is left; returns how many ran. The server calls this every second;
/// tests call it directly.
pub async fn run_due(state: &AppState) -> Result<usize, StoreError> {
    let mut total = 0;
    loop {
        let now = state.clock.now();
        let jobs = state
            .store
            .claim_jobs(now, Duration::seconds(LEASE_SECONDS), 50)
            .await?;
        if jobs.is_empty() {
            return Ok(total);
        }
        // The events of a claim are written together; a failure of the whole batch falls back
        // to one at a time, so that one bad event cannot hold the others back.
        let mut completed = Vec::new();
        for job in &jobs {
            total += 1;
            match run(state, job).await {
                Ok(Some(done)) => completed.push((job, done)),
                Ok(None) => {}
                Err(e) => failed(state, job, &e).await?,
            }
        }
        let batch: Vec<CompletedEvent> = completed.iter().map(|(_, d)| d.clone()).collect();
        if let Err(e) = state.store.complete_events(&batch, state.clock.now()).await {
            tracing::warn!(events = batch.len(), error = %e, "events could not be completed together");
            for (job, done) in completed {
                let now = state.clock.now();
                if let Err(e) = state.store.complete_events(&[done], now).await {
                    failed(state, job, &e.to_string()).await?;
                }
            }
        }
    }
}

async fn failed(state: &AppState, job: &Job, error: &str) -> Result<(), StoreError> {
    tracing::warn!(job = job.id, kind = job.kind.as_str(), attempt = job.attempts, error = %error, "job failed");
    state.store.fail_job(job, error, state.clock.now()).await
}

/// Runs the worker until the process stops.
pub async fn worker(state: AppState) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(1));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        if let Err(e) = run_due(&state).await {
            tracing::warn!(error = %e, "background jobs could not run");
        }
    }
}

/// Runs one job: an email is sent (and marked done) at once; an event answers what it
/// produced, to be written with the others of its batch.
async fn run(state: &AppState, job: &Job) -> Result<Option<CompletedEvent>, String> {
    let now = state.clock.now();
    if job.kind == JobKind::Email {
        let email: Email =
            serde_json::from_str(&job.payload).map_err(|e| format!("payload: {e}"))?;
        return match &state.mailer {
            Some(m) => {
                m.send(&email).await?;
                state
                    .store
                    .finish_job(job.id, now)
                    .await
                    .map(|()| None)
                    .map_err(|e| e.to_string())
            }
            // Mail was switched off after the job was written: nothing to send.
            None => state
                .store
                .finish_job(job.id, now)
                .await
                .map(|()| None)
                .map_err(|e| e.to_string()),
        };
    }
    let messages = compose(state, job).await.map_err(|e| e.to_string())?;
    let mut notifications = Vec::new();
    let mut emails = Vec::new();
    for m in messages {
        if state.mailer.is_some()
            && let Some(email) = m.email
        {
            emails.push(serde_json::to_string(&email).map_err(|e| e.to_string())?);
        }
        notifications.push(m.notification);
    }
    Ok(Some(CompletedEvent {
        job: job.id,
        community: job.community,
        notifications,
        emails,
    }))
}

/// One person's message about an event.
pub(crate) struct Message {
    pub notification: NewNotification,
    pub email: Option<Email>,
}

pub(crate) fn when(meeting: &Meeting, tz: chrono_tz::Tz) -> String {
    let start: DateTime<chrono_tz::Tz> = meeting.time.start().with_timezone(&tz);
    format!("{} ({})", start.format("%a %-d %b, %H:%M"), tz.name())
}

pub(crate) fn place(meeting: &Meeting) -> String {
    match (&meeting.spot, &meeting.video_url) {
        (Some(s), Some(v)) => format!("{} — {v}", s.name),
        (Some(s), None) => s.name.clone(),
        (None, Some(v)) => format!("by video: {v}"),
        (None, None) => "place to be announced".into(),
    }
}

/// Builds the messages for an event from the current state of the database.
/// `body`, then the other person's message when they wrote one.
fn with_their_message(mut body: String, message: &str) -> String {
    if !message.is_empty() {
        body.push_str("\n\nTheir message: ");
        body.push_str(message);
    }
    body
}

async fn compose(state: &AppState, job: &Job) -> Result<Vec<Message>, StoreError> {
    let store = &state.store;
    let community = store.community(job.community).await?;
    let tz = community.calendar.timezone.tz();
    let base = &state.config.public_url;
    let meetings_link = format!("{base}/c/{}/meetings", community.id);
    let host = crate::ics::host_of(base);
    let mut out = Vec::new();
    let say = |out: &mut Vec<Message>,
               to: (MemberId, String, String),
               kind: &'static str,
               title: String,
               body: String,
               ics: Option<String>| {
        let (member, name, email) = to;
        out.push(Message {
            notification: NewNotification {
                member,
                kind,
                title: title.clone(),
                body: body.clone(),
                link: meetings_link.clone(),
            },
            email: Some(Email {
                to: email,
                to_name: name,
                subject: format!("{title} · {}", community.name),
                text: format!(
                    "{body}\n\n{meetings_link}\n\n— peerlearn, {}",
                    community.name
                ),
                ics,
            }),
        });
    };
    let ics_of =
        |m: &Meeting| crate::ics::calendar([(m, meetings_link.clone())], &host, "peerlearn");
    match job.kind {
        JobKind::RequestReceived
        | JobKind::RequestDeclined
        | JobKind::RequestAccepted
        | JobKind::TimesProposed => {
            let request = match store.request(RequestId(job.subject)).await {
                Ok(r) => r,
                Err(StoreError::NotFound(_)) => return Ok(out),
                Err(e) => return Err(e),
            };
            // Who answered (accepted, declined or proposed times), and the other side, who is
            // told. Events without an actor come from the person asked.
            let actor = job.actor.unwrap_or(request.decider);
            let told = request.other_side(actor);
            let actor_name = if actor == request.requester {
                &request.requester_name
            } else {
                &request.decider_name
            };
            let local_times = |request: &Request| -> String {
                request
                    .times
                    .iter()
                    .map(|t| {
                        t.start()
                            .with_timezone(&tz)
                            .format("%a %-d %b, %H:%M")
                            .to_string()
                    })
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            match job.kind {
                JobKind::RequestReceived => {
                    let to = contact(store, request.community_id, request.decider).await?;
                    let body = with_their_message(
                        format!(
                            "{} would like to meet about \"{}\". Proposed times: {}.",
                            request.requester_name,
                            request.topic_title,
                            local_times(&request)
                        ),
                        &request.message,
                    );
                    say(
                        &mut out,
                        to,
                        "request_received",
                        format!("{} asks to meet", request.requester_name),
                        body,
                        None,
                    );
                }
                JobKind::TimesProposed => {
                    let to = contact(store, request.community_id, told).await?;
                    let body = with_their_message(
                        format!(
                            "{actor_name} can't make the times proposed for \"{}\" and suggests: {}. \
                         Accept one, decline, or propose others.",
                            request.topic_title,
                            local_times(&request)
                        ),
                        &request.reply,
                    );
                    say(
                        &mut out,
                        to,
                        "times_proposed",
                        format!("{actor_name} proposed other times"),
                        body,
                        None,
                    );
                }
                JobKind::RequestDeclined => {
                    let to = contact(store, request.community_id, told).await?;
                    let body = with_their_message(
                        format!(
                            "{actor_name} can't meet about \"{}\" this time.",
                            request.topic_title
                        ),
                        &request.reply,
                    );
                    say(
                        &mut out,
                        to,
                        "request_declined",
                        if actor == request.decider {
                            format!("{actor_name} declined your request")
                        } else {
                            format!("{actor_name} declined the times you proposed")
                        },
                        body,
                        None,
                    );
                }
                _ => {
                    let Some(meeting_id) = request.meeting_id else {
                        return Ok(out);
                    };
                    let meeting = store.meeting(MeetingId(meeting_id)).await?;
                    let to = contact(store, request.community_id, told).await?;
                    let body = format!(
                        "{actor_name} accepted: \"{}\" on {}, {}. The invitation is attached.",
                        request.topic_title,
                        when(&meeting, tz),
                        place(&meeting)
                    );
                    say(
                        &mut out,
                        to,
                        "request_accepted",
                        "Your meeting is confirmed".into(),
                        body,
                        Some(ics_of(&meeting)),
                    );
                }
            }
        }
        JobKind::MeetingCancelled
        | JobKind::SeatTaken
        | JobKind::SeatLeft
        | JobKind::WaitlistSeat
        | JobKind::Reminder => {
            let meeting = match store.meeting(MeetingId(job.subject)).await {
                Ok(m) => m,
                Err(StoreError::NotFound(_)) => return Ok(out),
                Err(e) => return Err(e),
            };
            let actor_name = meeting
                .participants
                .iter()
                .find(|p| Some(p.member) == job.actor)
                .map(|p| p.name.clone())
                .unwrap_or_else(|| "Someone".into());
            match job.kind {
                JobKind::MeetingCancelled => {
                    for p in meeting
                        .participants
                        .iter()
                        .filter(|p| Some(p.member) != job.actor)
                    {
                        let to = contact(store, meeting.community_id, p.member).await?;
                        let mut body = format!(
                            "{actor_name} cancelled \"{}\" on {}.",
                            meeting.topic_title,
                            when(&meeting, tz)
                        );
                        if !job.payload.is_empty() {
                            body.push_str(&format!("\n\nReason: {}", job.payload));
                        }
                        say(
                            &mut out,
                            to,
                            "meeting_cancelled",
                            "A meeting was cancelled".into(),
                            body,
                            Some(ics_of(&meeting)),
                        );
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
                    let to = contact(store, meeting.community_id, member).await?;
                    let body = format!(
                        "A seat opened up in \"{}\" on {}, {}, and it is yours: you were next on the waitlist. The invitation is attached.",
                        meeting.topic_title,
                        when(&meeting, tz),
                        place(&meeting)
                    );
                    say(
                        &mut out,
                        to,
                        "waitlist_seat",
                        "You have a seat from the waitlist".into(),
                        body,
                        Some(ics_of(&meeting)),
                    );
                    if let Some(h) = meeting.participants.iter().find(|p| p.host) {
                        let to = contact(store, meeting.community_id, h.member).await?;
                        let body = format!(
                            "{actor_name} took a freed seat in \"{}\" from the waitlist ({} of {} seats taken).",
                            meeting.topic_title, meeting.seats_taken, meeting.capacity
                        );
                        say(
                            &mut out,
                            to,
                            "seat_taken",
                            format!("{actor_name} took a seat in your group"),
                            body,
                            None,
                        );
                    }
                }
                JobKind::SeatTaken | JobKind::SeatLeft => {
                    if let Some(h) = meeting
                        .participants
                        .iter()
                        .find(|p| p.host && Some(p.member) != job.actor)
                    {
                        let to = contact(store, meeting.community_id, h.member).await?;
                        let (verb, kind) = if job.kind == JobKind::SeatTaken {
                            ("took a seat in", "seat_taken")
                        } else {
                            ("gave up their seat in", "seat_left")
                        };
                        let body = format!(
                            "{actor_name} {verb} \"{}\" on {} ({} of {} seats taken).",
                            meeting.topic_title,
                            when(&meeting, tz),
                            meeting.seats_taken,
                            meeting.capacity
                        );
                        say(
                            &mut out,
                            to,
                            kind,
                            format!("{actor_name} {verb} your group"),
                            body,
                            None,
                        );
                    }
                }
                _ => {
                    // A cancelled meeting, or one already under way, gets no reminder.
                    if !meeting.confirmed || meeting.time.start() <= state.clock.now() {
                        return Ok(out);
                    }
                    for p in meeting.participants.iter().filter(|p| p.confirmed) {
                        let to = contact(store, meeting.community_id, p.member).await?;
                        let body = format!(
                            "\"{}\" starts at {}: {}.",
                            meeting.topic_title,
                            when(&meeting, tz),
                            place(&meeting)
                        );
                        say(
                            &mut out,
                            to,
                            "reminder",
                            "Your meeting starts in 15 minutes".into(),
                            body,
                            None,
                        );
                    }
                }
            }
        }
        JobKind::CheckInDue
        | JobKind::MeetingEnded
        | JobKind::ThanksReceived
        | JobKind::CheckBack
        | JobKind::DemandCheck => {
            return crate::followup::compose(state, job, &community).await;
        }
        JobKind::AnswerPosted => {
            let answer = match store.answer(AnswerId(job.subject), MemberId(0)).await {
                Ok(a) => a,
                Err(StoreError::NotFound(_)) => return Ok(out),
                Err(e) => return Err(e),
            };
            let question = store.question(answer.question_id).await?;
            let (member, name, email) =
                contact(store, question.community_id, question.asker).await?;
            let link = format!("{base}/c/{}/questions/{}", community.id, question.id);
            let title = format!("{} answered your question", answer.author_name);
            let body = format!("{} answered \"{}\".", answer.author_name, question.title);
            out.push(Message {
                notification: NewNotification {
                    member,
                    kind: "answer_posted",
                    title: title.clone(),
                    body: body.clone(),
                    link: link.clone(),
                },
                email: Some(Email {
                    to: email,
                    to_name: name,
                    subject: format!("{title} · {}", community.name),
                    text: format!("{body}\n\n{link}\n\n— peerlearn, {}", community.name),
                    ics: None,
                }),
            });
        }
        JobKind::Email => {}
    }
    Ok(out)
}

/// A member's id, name and email address.
pub(crate) async fn contact(
    store: &Store,
    community: peerlearn_domain::CommunityId,
    member: MemberId,
) -> Result<(MemberId, String, String), StoreError> {
    let c = store.member_contact(community, member).await?;
    Ok((member, c.name, c.email))
}
