//! The outbox: events recorded in the same transaction as the change they describe, and jobs
//! (emails) derived from them. Workers claim due rows with a lease (`locked_until`); on
//! PostgreSQL the claim skips rows another worker holds (`FOR UPDATE SKIP LOCKED`), so each
//! job runs once across processes.

use chrono::{DateTime, Duration, Utc};
use peerlearn_domain::{CommunityId, MemberId};

use crate::sql::Sql;
use crate::{Store, StoreResult};

/// What happened, or what to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobKind {
    RequestReceived,
    RequestAccepted,
    RequestDeclined,
    /// The side a request waited for proposed other times (subject: the request).
    TimesProposed,
    MeetingCancelled,
    /// A meeting moved to another spot (its old spot was removed; payload: the old name).
    MeetingMoved,
    SeatTaken,
    SeatLeft,
    WaitlistSeat,
    /// A free seat in a group session starting soon was offered to a free member (subject:
    /// the meeting; actor: the member offered it).
    SeatOffered,
    /// A published mixer round put people in a group meeting (subject: the meeting; actor:
    /// the organizer).
    MixerGroup,
    Reminder,
    /// A one-on-one has started: is everyone there? (offers the waiting member a stand-by)
    CheckInDue,
    /// A meeting has ended: ask for feedback and record no-shows.
    MeetingEnded,
    /// A participant thanked the host.
    ThanksReceived,
    /// "Did you try it?", some days after the feedback.
    CheckBack,
    /// An ask was posted: invite members who offer its tags when many want them.
    DemandCheck,
    Email,
    /// Someone answered a question (subject: the answer).
    AnswerPosted,
    /// Build a person's data export (subject: the user).
    DataExport,
    /// A participant checked in (subject: the meeting; actor: who).
    CheckedIn,
    /// A participant gave feedback (subject: the meeting; actor: who).
    FeedbackGiven,
    /// A note went into the knowledge base (subject: the note; actor: its author).
    NoteShared,
    /// Someone joined the community (subject and actor: the new member).
    MemberJoined,
    /// Someone left the community (subject and actor: the member).
    MemberLeft,
    /// A webhook endpoint kept failing and was switched off (subject: the endpoint).
    WebhookDisabled,
    /// Two free members were proposed a meeting now (subject: the proposal).
    NowProposed,
    /// One side of a meet-now proposal accepted (subject: the proposal; actor: who).
    NowAccepted,
    /// A meet-now proposal was declined (actor: who) or expired (no actor); subject: it.
    NowDeclined,
    /// A meet-now proposal became a meeting (subject: the meeting).
    NowBooked,
}

impl JobKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::RequestReceived => "request_received",
            Self::RequestAccepted => "request_accepted",
            Self::RequestDeclined => "request_declined",
            Self::TimesProposed => "times_proposed",
            Self::MeetingCancelled => "meeting_cancelled",
            Self::MeetingMoved => "meeting_moved",
            Self::SeatTaken => "seat_taken",
            Self::SeatLeft => "seat_left",
            Self::WaitlistSeat => "waitlist_seat",
            Self::MixerGroup => "mixer_group",
            Self::Reminder => "reminder",
            Self::CheckInDue => "check_in_due",
            Self::MeetingEnded => "meeting_ended",
            Self::ThanksReceived => "thanks_received",
            Self::CheckBack => "check_back",
            Self::DemandCheck => "demand_check",
            Self::Email => "email",
            Self::AnswerPosted => "answer_posted",
            Self::DataExport => "data_export",
            Self::CheckedIn => "checked_in",
            Self::FeedbackGiven => "feedback_given",
            Self::NoteShared => "note_shared",
            Self::MemberJoined => "member_joined",
            Self::MemberLeft => "member_left",
            Self::WebhookDisabled => "webhook_disabled",
            Self::NowProposed => "now_proposed",
            Self::NowAccepted => "now_accepted",
            Self::NowDeclined => "now_declined",
            Self::NowBooked => "now_booked",
            Self::SeatOffered => "seat_offered",
        }
    }

    fn parse(raw: &str) -> Option<Self> {
        Some(match raw {
            "request_received" => Self::RequestReceived,
            "request_accepted" => Self::RequestAccepted,
            "request_declined" => Self::RequestDeclined,
            "times_proposed" => Self::TimesProposed,
            "meeting_cancelled" => Self::MeetingCancelled,
            "meeting_moved" => Self::MeetingMoved,
            "seat_taken" => Self::SeatTaken,
            "seat_left" => Self::SeatLeft,
            "waitlist_seat" => Self::WaitlistSeat,
            "mixer_group" => Self::MixerGroup,
            "reminder" => Self::Reminder,
            "check_in_due" => Self::CheckInDue,
            "meeting_ended" => Self::MeetingEnded,
            "thanks_received" => Self::ThanksReceived,
            "check_back" => Self::CheckBack,
            "demand_check" => Self::DemandCheck,
            "email" => Self::Email,
            "answer_posted" => Self::AnswerPosted,
            "data_export" => Self::DataExport,
            "checked_in" => Self::CheckedIn,
            "feedback_given" => Self::FeedbackGiven,
            "note_shared" => Self::NoteShared,
            "member_joined" => Self::MemberJoined,
            "member_left" => Self::MemberLeft,
            "webhook_disabled" => Self::WebhookDisabled,
            "now_proposed" => Self::NowProposed,
            "now_accepted" => Self::NowAccepted,
            "now_declined" => Self::NowDeclined,
            "now_booked" => Self::NowBooked,
            "seat_offered" => Self::SeatOffered,
            _ => return None,
        })
    }
}

/// A claimed job.
#[derive(Debug, Clone)]
pub struct Job {
    pub id: i64,
    pub community: CommunityId,
    pub kind: JobKind,
    /// The request or meeting the event is about.
    pub subject: i64,
    pub actor: Option<MemberId>,
    pub payload: String,
    /// How many times it has been claimed, this time included.
    pub attempts: i64,
}

/// What running an event produced, written in the one transaction that marks it done: the
/// in-app notifications, follow-up emails (as serialized payloads of email jobs) and the
/// changes the event makes. A retry after a failure before that transaction composes and
/// writes the same again, so nothing is lost or written twice.
#[derive(Debug, Clone)]
pub struct CompletedEvent {
    pub job: i64,
    pub community: CommunityId,
    pub notifications: Vec<NewNotification>,
    pub emails: Vec<String>,
    /// What the live channel sends (numbered per user when written).
    pub live: Vec<crate::NewLiveEvent>,
    /// What the webhook channel sends (one delivery per subscribed endpoint when written).
    pub webhooks: Vec<crate::NewWebhookEvent>,
    pub effects: Vec<EventEffect>,
}

/// A change an event makes besides its messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventEffect {
    /// A meeting ended: its no-shows are recorded, pausing some members' recommendations.
    NoShows(crate::effects::NoShows),
    /// Members were invited to host a group on a tag many want (once per member and tag).
    DemandInvitations(Vec<(MemberId, String)>),
}

/// Rows written by one multi-row statement at most (well under both backends' limits on
/// bound parameters).
const ROWS_PER_STATEMENT: usize = 200;

/// A notification for the in-app inbox.
#[derive(Debug, Clone)]
pub struct NewNotification {
    pub member: MemberId,
    pub kind: &'static str,
    pub title: String,
    pub body: String,
    pub link: String,
}

/// How far behind the outbox is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutboxDepth {
    /// Events and jobs due and not done.
    pub pending: i64,
    /// How long the oldest of them has been due, in seconds (0 when none is).
    pub oldest_age_seconds: i64,
}

#[derive(Debug, Clone)]
pub struct Notification {
    pub id: i64,
    pub community_id: CommunityId,
    pub kind: String,
    pub title: String,
    pub body: String,
    pub link: String,
    pub created_at: DateTime<Utc>,
    pub read: bool,
}

#[derive(sqlx::FromRow)]
struct JobRow {
    id: i64,
    community_id: i64,
    kind: String,
    subject_id: i64,
    actor_member_id: Option<i64>,
    payload: String,
    attempts: i64,
}

#[derive(sqlx::FromRow)]
struct NotificationRow {
    id: i64,
    community_id: i64,
    kind: String,
    title: String,
    body: String,
    link: String,
    created_at: i64,
    read_at: Option<i64>,
}

/// Records an event or job inside the caller's transaction.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn enqueue(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    community: i64,
    kind: JobKind,
    subject: i64,
    actor: Option<i64>,
    payload: &str,
    run_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO outbox (community_id, kind, subject_id, actor_member_id, payload, run_at, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(community)
    .bind(kind.as_str())
    .bind(subject)
    .bind(actor)
    .bind(payload)
    .bind(run_at.timestamp())
    .bind(now.timestamp())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// An event to record: what happened, to which subject, by whom, with what, when due.
#[derive(Debug, Clone, Copy)]
pub(crate) struct NewJob<'a> {
    pub kind: JobKind,
    pub subject: i64,
    pub actor: Option<i64>,
    pub payload: &'a str,
    pub run_at: DateTime<Utc>,
}

/// Records several events in one statement, inside the caller's transaction.
pub(crate) async fn enqueue_all(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    community: i64,
    jobs: &[NewJob<'_>],
    now: DateTime<Utc>,
) -> StoreResult<()> {
    if jobs.is_empty() {
        return Ok(());
    }
    let mut insert = Sql::new(
        "INSERT INTO outbox (community_id, kind, subject_id, actor_member_id, payload, run_at, \
         created_at) VALUES ",
    );
    let [c, n] = [community, now.timestamp()].map(|v| insert.int(v));
    for job in jobs {
        let row = [
            c.clone(),
            insert.text(job.kind.as_str()),
            insert.int(job.subject),
            insert.opt_int(job.actor),
            insert.text(job.payload),
            insert.int(job.run_at.timestamp()),
            n.clone(),
        ];
        insert.values(&row);
    }
    insert.query().execute(&mut **tx).await?;
    Ok(())
}

/// After this many attempts a job is given up (and kept, marked failed, for operators).
pub const MAX_ATTEMPTS: i64 = 8;

impl Store {
    /// Claims up to `limit` due jobs for `lease` (another worker may take them after that).
    pub async fn claim_jobs(
        &self,
        now: DateTime<Utc>,
        lease: Duration,
        limit: i64,
    ) -> StoreResult<Vec<Job>> {
        let skip_locked = self.backend().skip_locked();
        let rows: Vec<JobRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "UPDATE outbox SET locked_until = $1, attempts = attempts + 1 WHERE id IN \
             (SELECT id FROM outbox WHERE done_at IS NULL AND run_at <= $2 \
              AND (locked_until IS NULL OR locked_until < $2) ORDER BY run_at, id LIMIT $3{skip_locked}) \
             RETURNING id, community_id, kind, subject_id, actor_member_id, payload, attempts"
        )))
        .bind((now + lease).timestamp())
        .bind(now.timestamp())
        .bind(limit)
        .fetch_all(self.writer())
        .await?;
        let mut jobs: Vec<Job> = rows
            .into_iter()
            .filter_map(|r| {
                Some(Job {
                    id: r.id,
                    community: CommunityId(r.community_id),
                    kind: JobKind::parse(&r.kind)?,
                    subject: r.subject_id,
                    actor: r.actor_member_id.map(MemberId),
                    payload: r.payload,
                    attempts: r.attempts,
                })
            })
            .collect();
        jobs.sort_by_key(|j| j.id);
        Ok(jobs)
    }

    /// Completes events: their notifications and follow-up emails are written and the events
    /// marked done, all in one transaction (so a retry never notifies twice, and a worker's
    /// batch of events costs one turn at the database's write lock).
    pub async fn complete_events(
        &self,
        events: &[CompletedEvent],
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        if events.is_empty() {
            return Ok(());
        }
        let mut tx = self.pipeline_tx().await?;
        let notifications: Vec<(i64, &NewNotification)> = events
            .iter()
            .flat_map(|e| e.notifications.iter().map(|n| (e.community.0, n)))
            .collect();
        for chunk in notifications.chunks(ROWS_PER_STATEMENT) {
            let mut insert = Sql::new(
                "INSERT INTO notifications (community_id, member_id, kind, title, body, link, \
                 created_at) VALUES ",
            );
            let at = insert.int(now.timestamp());
            for (community, n) in chunk {
                let row = [
                    insert.int(*community),
                    insert.int(n.member.0),
                    insert.text(n.kind),
                    insert.text(&n.title),
                    insert.text(&n.body),
                    insert.text(&n.link),
                    at.clone(),
                ];
                insert.values(&row);
            }
            insert.query().execute(&mut *tx).await?;
        }
        for e in events.iter().filter(|e| !e.emails.is_empty()) {
            let emails: Vec<NewJob<'_>> = e
                .emails
                .iter()
                .map(|payload| NewJob {
                    kind: JobKind::Email,
                    subject: e.job,
                    actor: None,
                    payload,
                    run_at: now,
                })
                .collect();
            enqueue_all(&mut tx, e.community.0, &emails, now).await?;
        }
        for e in events {
            for effect in &e.effects {
                match effect {
                    EventEffect::NoShows(due) => {
                        crate::effects::record_no_shows_in(&mut tx, due, now).await?;
                    }
                    EventEffect::DemandInvitations(invited) => {
                        crate::effects::record_demand_invitations_in(
                            &mut tx,
                            e.community,
                            invited,
                            now,
                        )
                        .await?;
                    }
                }
            }
        }
        crate::webhooks::write_in(&mut tx, events, now).await?;
        let woken = crate::live::write_in(&mut tx, self.backend(), events, now).await?;
        for chunk in events.chunks(ROWS_PER_STATEMENT) {
            let mut done = Sql::new("UPDATE outbox SET done_at = ");
            let at = done.int(now.timestamp());
            let ids: Vec<String> = chunk.iter().map(|e| done.int(e.job)).collect();
            done.push(&format!(
                "{at}, locked_until = NULL WHERE id IN ({})",
                ids.join(", ")
            ));
            done.query().execute(&mut *tx).await?;
        }
        tx.commit().await?;
        // Events are completed all the time; only pauses change what the recommender reads.
        if events.iter().any(|e| {
            e.effects
                .iter()
                .any(|f| matches!(f, EventEffect::NoShows(_)))
        }) {
            self.wrote();
        }
        self.live().wake(&woken);
        Ok(())
    }

    /// Marks a job done.
    pub async fn finish_job(&self, id: i64, now: DateTime<Utc>) -> StoreResult<()> {
        sqlx::query("UPDATE outbox SET done_at = $1, locked_until = NULL WHERE id = $2")
            .bind(now.timestamp())
            .bind(id)
            .execute(self.writer())
            .await?;
        Ok(())
    }

    /// Records a failed attempt: retried after an exponential backoff (30 s, 1 min, 2 min, …,
    /// at most an hour), given up after [`MAX_ATTEMPTS`].
    pub async fn fail_job(&self, job: &Job, error: &str, now: DateTime<Utc>) -> StoreResult<()> {
        let give_up = job.attempts >= MAX_ATTEMPTS;
        let backoff = Duration::seconds((30i64 << job.attempts.clamp(0, 7)).min(3600));
        sqlx::query(
            "UPDATE outbox SET locked_until = NULL, last_error = $1, run_at = $2, \
             done_at = $3, failed = $4 WHERE id = $5",
        )
        .bind(error.chars().take(500).collect::<String>())
        .bind((now + backoff).timestamp())
        .bind(give_up.then(|| now.timestamp()))
        .bind(i64::from(give_up))
        .bind(job.id)
        .execute(self.writer())
        .await?;
        Ok(())
    }

    /// Jobs not yet done, and jobs given up (for operators and tests).
    pub async fn job_counts(&self) -> StoreResult<(i64, i64)> {
        let (pending, failed): (i64, i64) = sqlx::query_as(
            "SELECT CAST(COALESCE(SUM(CASE WHEN done_at IS NULL THEN 1 ELSE 0 END), 0) AS BIGINT), \
             CAST(COALESCE(SUM(failed), 0) AS BIGINT) FROM outbox",
        )
        .fetch_one(self.reader())
        .await?;
        Ok((pending, failed))
    }

    /// Events and jobs waiting to run now, and how long the oldest of them has waited.
    pub async fn outbox_depth(&self, now: DateTime<Utc>) -> StoreResult<OutboxDepth> {
        let (pending, oldest): (i64, Option<i64>) = sqlx::query_as(
            "SELECT COUNT(*), MIN(run_at) FROM outbox WHERE done_at IS NULL AND run_at <= $1",
        )
        .bind(now.timestamp())
        .fetch_one(self.reader())
        .await?;
        Ok(OutboxDepth {
            pending,
            oldest_age_seconds: oldest.map_or(0, |at| (now.timestamp() - at).max(0)),
        })
    }

    /// A member's inbox, newest first.
    pub async fn notifications(
        &self,
        member: MemberId,
        limit: i64,
    ) -> StoreResult<Vec<Notification>> {
        let rows: Vec<NotificationRow> = sqlx::query_as(
            "SELECT id, community_id, kind, title, body, link, created_at, read_at FROM notifications \
             WHERE member_id = $1 ORDER BY id DESC LIMIT $2",
        )
        .bind(member.0)
        .bind(limit.clamp(1, 200))
        .fetch_all(self.reader())
        .await?;
        rows.into_iter()
            .map(|r| {
                Ok(Notification {
                    id: r.id,
                    community_id: CommunityId(r.community_id),
                    created_at: crate::records::time(r.created_at)?,
                    read: r.read_at.is_some(),
                    kind: r.kind,
                    title: r.title,
                    body: r.body,
                    link: r.link,
                })
            })
            .collect()
    }

    /// How many unread notifications a member has.
    pub async fn unread_count(&self, member: MemberId) -> StoreResult<i64> {
        let (n,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM notifications WHERE member_id = $1 AND read_at IS NULL",
        )
        .bind(member.0)
        .fetch_one(self.reader())
        .await?;
        Ok(n)
    }

    /// Marks all of a member's notifications read.
    pub async fn mark_read(&self, member: MemberId, now: DateTime<Utc>) -> StoreResult<()> {
        sqlx::query(
            "UPDATE notifications SET read_at = $1 WHERE member_id = $2 AND read_at IS NULL",
        )
        .bind(now.timestamp())
        .bind(member.0)
        .execute(self.writer())
        .await?;
        Ok(())
    }
}
