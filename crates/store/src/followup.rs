//! After the meeting: check-ins, no-shows (and the pause they bring), feedback with its
//! 30-day check-back, and thanks to hosts. A shared "one thing I learned" becomes a note in
//! the same transaction as the feedback.

use chrono::{DateTime, Duration, Utc};
use peerlearn_domain::{
    CHECK_BACK_DAYS, CHECK_IN_OPENS_MINUTES, CheckInMethod, CommunityId, Feedback, MeetingId,
    MeetingStatus, MemberId, NO_SHOW_WINDOW_DAYS, NO_SHOWS_TO_PAUSE, NoteId, SpotId, Tried,
};

use crate::effects::{NoShows, record_no_shows_in};
use crate::error::is_unique_violation;
use crate::outbox::{JobKind, enqueue};
use crate::records::{time, word};
use crate::{Store, StoreError, StoreResult};

/// Whether one participant of a meeting showed up.
#[derive(Debug, Clone)]
pub struct Attendance {
    pub member: MemberId,
    pub checked_in_at: Option<DateTime<Utc>>,
    pub no_show: bool,
}

/// A participant's feedback as stored. The rating is private to its author.
#[derive(Debug, Clone)]
pub struct FeedbackRecord {
    pub meeting: MeetingId,
    pub member: MemberId,
    pub learned: String,
    pub will_try: String,
    pub rating: Option<u8>,
    pub thanks: String,
    pub tried: Option<Tried>,
    pub note: Option<NoteId>,
    pub created_at: DateTime<Utc>,
}

/// A thank-you a host received.
#[derive(Debug, Clone)]
pub struct Thanks {
    pub meeting: MeetingId,
    pub from_name: String,
    pub topic_title: String,
    pub text: String,
    pub created_at: DateTime<Utc>,
}

#[derive(sqlx::FromRow)]
struct FeedbackRow {
    meeting_id: i64,
    member_id: i64,
    learned: String,
    will_try: String,
    rating: Option<i64>,
    thanks: String,
    tried: Option<String>,
    note_id: Option<i64>,
    created_at: i64,
}

impl TryFrom<FeedbackRow> for FeedbackRecord {
    type Error = StoreError;

    fn try_from(r: FeedbackRow) -> StoreResult<Self> {
        Ok(Self {
            meeting: MeetingId(r.meeting_id),
            member: MemberId(r.member_id),
            learned: r.learned,
            will_try: r.will_try,
            rating: r.rating.map(|v| v as u8),
            thanks: r.thanks,
            tried: r
                .tried
                .as_deref()
                .map(|t| word(Tried::parse, t))
                .transpose()?,
            note: r.note_id.map(NoteId),
            created_at: time(r.created_at)?,
        })
    }
}

/// The community and topic of a meeting a member confirmedly takes part in; `lock` locks the
/// meeting's row (on PostgreSQL), so a check-in waits for a re-pairing that replaces the
/// meeting, and the other way round.
async fn participation(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    meeting: MeetingId,
    member: MemberId,
    lock: &str,
) -> StoreResult<(i64, i64)> {
    let row: Option<(i64, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT g.community_id, g.topic_id FROM meetings g \
         JOIN meeting_participants p ON p.meeting_id = g.id \
         WHERE g.id = $1 AND p.member_id = $2 AND g.status = 'confirmed' AND p.status = 'confirmed'{lock}"
    )))
    .bind(meeting.0)
    .bind(member.0)
    .fetch_optional(&mut **tx)
    .await?;
    row.ok_or(StoreError::NotFound("meeting"))
}

impl Store {
    /// Checks a participant in (again is a no-op); answers when they first checked in. The
    /// caller checks that check-in is open.
    pub async fn check_in(
        &self,
        meeting: MeetingId,
        member: MemberId,
        method: CheckInMethod,
        now: DateTime<Utc>,
    ) -> StoreResult<DateTime<Utc>> {
        let mut tx = self.write_tx().await?;
        let lock = self.backend().lock_rows(" FOR UPDATE OF g");
        let (community, _) = participation(&mut tx, meeting, member, lock).await?;
        let first = sqlx::query(
            "INSERT INTO check_ins (meeting_id, member_id, community_id, method, checked_in_at) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (meeting_id, member_id) DO NOTHING",
        )
        .bind(meeting.0)
        .bind(member.0)
        .bind(community)
        .bind(method.as_str())
        .bind(now.timestamp())
        .execute(&mut *tx)
        .await?;
        if first.rows_affected() == 1 {
            crate::webhooks::enqueue_for_webhooks(
                &mut tx,
                community,
                JobKind::CheckedIn,
                peerlearn_domain::EventType::CheckedIn,
                meeting.0,
                Some(member.0),
                method.as_str(),
                now,
            )
            .await?;
        }
        let (at,): (i64,) = sqlx::query_as(
            "SELECT checked_in_at FROM check_ins WHERE meeting_id = $1 AND member_id = $2",
        )
        .bind(meeting.0)
        .bind(member.0)
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        self.wrote();
        time(at)
    }

    /// Who of a meeting's confirmed participants checked in, and who was recorded missing.
    pub async fn attendance(&self, meeting: MeetingId) -> StoreResult<Vec<Attendance>> {
        let rows: Vec<(i64, Option<i64>, i64)> = sqlx::query_as(
            "SELECT p.member_id, c.checked_in_at, \
             CASE WHEN n.member_id IS NULL THEN 0 ELSE 1 END \
             FROM meeting_participants p \
             LEFT JOIN check_ins c ON c.meeting_id = p.meeting_id AND c.member_id = p.member_id \
             LEFT JOIN no_shows n ON n.meeting_id = p.meeting_id AND n.member_id = p.member_id \
             WHERE p.meeting_id = $1 AND p.status = 'confirmed' ORDER BY p.member_id",
        )
        .bind(meeting.0)
        .fetch_all(self.reader())
        .await?;
        rows.into_iter()
            .map(|(member, at, no_show)| {
                Ok(Attendance {
                    member: MemberId(member),
                    checked_in_at: at.map(time).transpose()?,
                    no_show: no_show == 1,
                })
            })
            .collect()
    }

    /// The member's meeting at a spot whose check-in is open at `now` (for the spot's QR code).
    pub async fn meeting_at_spot(
        &self,
        community: CommunityId,
        spot: SpotId,
        member: MemberId,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<MeetingId>> {
        let row: Option<(i64,)> = sqlx::query_as(
            "SELECT g.id FROM meetings g JOIN meeting_participants p ON p.meeting_id = g.id \
             WHERE g.community_id = $1 AND g.spot_id = $2 AND p.member_id = $3 \
             AND g.status = 'confirmed' AND p.status = 'confirmed' \
             AND g.starts_at <= $4 AND g.ends_at > $5 ORDER BY g.starts_at LIMIT 1",
        )
        .bind(community.0)
        .bind(spot.0)
        .bind(member.0)
        .bind(now.timestamp() + CHECK_IN_OPENS_MINUTES * 60)
        .bind(now.timestamp())
        .fetch_optional(self.reader())
        .await?;
        Ok(row.map(|(id,)| MeetingId(id)))
    }

    /// The no-shows a meeting's end would record, read without writing: the confirmed
    /// participants who did not check in (and are not recorded yet), and those among them who
    /// reach [`NO_SHOWS_TO_PAUSE`] within the window with it and are not paused yet. A meeting
    /// nobody checked in to records nothing: check-in may simply not be in use there. The
    /// notification pipeline writes the answer with [`crate::EventEffect::NoShows`] in the
    /// transaction that completes the event.
    pub async fn no_shows_due(
        &self,
        meeting: MeetingId,
        now: DateTime<Utc>,
    ) -> StoreResult<NoShows> {
        let mut due = NoShows {
            meeting,
            missing: Vec::new(),
            pausing: Vec::new(),
        };
        let row: Option<(String, i64)> = sqlx::query_as(
            "SELECT status, (SELECT COUNT(*) FROM check_ins c WHERE c.meeting_id = m.id) \
             FROM meetings m WHERE id = $1",
        )
        .bind(meeting.0)
        .fetch_optional(self.reader())
        .await?;
        let Some((status, checked_in)) = row else {
            return Ok(due);
        };
        if status != MeetingStatus::Confirmed.as_str() || checked_in == 0 {
            return Ok(due);
        }
        let missing: Vec<(i64, i64, Option<i64>)> = sqlx::query_as(
            "SELECT p.member_id, \
             (SELECT COUNT(*) FROM no_shows n WHERE n.member_id = p.member_id AND n.recorded_at > $2), \
             (SELECT m.paused_at FROM members m WHERE m.id = p.member_id) \
             FROM meeting_participants p \
             WHERE p.meeting_id = $1 AND p.status = 'confirmed' AND NOT EXISTS \
             (SELECT 1 FROM check_ins c WHERE c.meeting_id = p.meeting_id AND c.member_id = p.member_id) \
             AND NOT EXISTS \
             (SELECT 1 FROM no_shows n WHERE n.meeting_id = p.meeting_id AND n.member_id = p.member_id) \
             ORDER BY p.member_id",
        )
        .bind(meeting.0)
        .bind((now - Duration::days(NO_SHOW_WINDOW_DAYS)).timestamp())
        .fetch_all(self.reader())
        .await?;
        for (member, recent, paused_at) in missing {
            due.missing.push(MemberId(member));
            if recent + 1 >= NO_SHOWS_TO_PAUSE && paused_at.is_none() {
                due.pausing.push(MemberId(member));
            }
        }
        Ok(due)
    }

    /// Records a meeting's no-shows at once (outside the notification pipeline: the demo's
    /// history). Answers the members paused now.
    pub async fn record_no_shows(
        &self,
        meeting: MeetingId,
        now: DateTime<Utc>,
    ) -> StoreResult<Vec<MemberId>> {
        let due = self.no_shows_due(meeting, now).await?;
        let mut tx = self.write_tx().await?;
        record_no_shows_in(&mut tx, &due, now).await?;
        tx.commit().await?;
        self.wrote();
        Ok(due.pausing)
    }

    /// Group meetings of a community starting between `from` and `to` with a free seat, that
    /// `member` is not in (stand-by places for someone whose partner did not come).
    pub async fn groups_with_seats(
        &self,
        community: CommunityId,
        member: MemberId,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> StoreResult<Vec<crate::Meeting>> {
        let ids: Vec<(i64,)> = sqlx::query_as(
            "SELECT g.id FROM meetings g WHERE g.community_id = $1 AND g.status = 'confirmed' \
             AND g.capacity > 2 AND g.seats_taken < g.capacity AND g.starts_at >= $2 AND g.starts_at <= $3 \
             AND NOT EXISTS (SELECT 1 FROM meeting_participants p WHERE p.meeting_id = g.id \
                             AND p.member_id = $4 AND p.status = 'confirmed') \
             ORDER BY g.starts_at, g.id LIMIT 5",
        )
        .bind(community.0)
        .bind(from.timestamp())
        .bind(to.timestamp())
        .bind(member.0)
        .fetch_all(self.reader())
        .await?;
        let mut out = Vec::with_capacity(ids.len());
        for (id,) in ids {
            out.push(self.meeting(MeetingId(id)).await?);
        }
        Ok(out)
    }

    /// When a member's recommendations were paused for missed meetings, if they are.
    pub async fn paused_since(
        &self,
        community: CommunityId,
        member: MemberId,
    ) -> StoreResult<Option<DateTime<Utc>>> {
        let row: Option<(Option<i64>,)> =
            sqlx::query_as("SELECT paused_at FROM members WHERE community_id = $1 AND id = $2")
                .bind(community.0)
                .bind(member.0)
                .fetch_optional(self.reader())
                .await?;
        let (at,) = row.ok_or(StoreError::NotFound("member"))?;
        at.map(time).transpose()
    }

    /// Lifts the pause: the member is back in recommendations.
    pub async fn rejoin(&self, community: CommunityId, member: MemberId) -> StoreResult<()> {
        sqlx::query("UPDATE members SET paused_at = NULL WHERE community_id = $1 AND id = $2")
            .bind(community.0)
            .bind(member.0)
            .execute(self.writer())
            .await?;
        Ok(())
    }

    /// Stores a participant's feedback, once. In the same transaction: a shared "one thing I
    /// learned" becomes a note tagged like the meeting's topic; a thank-you is queued for the
    /// host; "one thing I will try" queues the check-back in [`CHECK_BACK_DAYS`] days.
    pub async fn save_feedback(
        &self,
        meeting: MeetingId,
        member: MemberId,
        feedback: &Feedback,
        now: DateTime<Utc>,
    ) -> StoreResult<FeedbackRecord> {
        let mut tx = self.write_tx().await?;
        let (community, topic) = participation(&mut tx, meeting, member, "").await?;
        let inserted = sqlx::query(
            "INSERT INTO feedback (meeting_id, member_id, community_id, learned, will_try, rating, thanks, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(meeting.0)
        .bind(member.0)
        .bind(community)
        .bind(&feedback.learned)
        .bind(&feedback.will_try)
        .bind(feedback.rating.map(i64::from))
        .bind(&feedback.thanks)
        .bind(now.timestamp())
        .execute(&mut *tx)
        .await;
        match inserted {
            Err(e) if is_unique_violation(&e) => {
                return Err(StoreError::conflict(
                    "feedback_given",
                    "you already gave feedback on this meeting",
                ));
            }
            other => {
                other?;
            }
        }
        crate::webhooks::enqueue_for_webhooks(
            &mut tx,
            community,
            JobKind::FeedbackGiven,
            peerlearn_domain::EventType::FeedbackGiven,
            meeting.0,
            Some(member.0),
            "",
            now,
        )
        .await?;
        if feedback.share && !feedback.learned.is_empty() {
            let note = crate::notes::insert_note(
                &mut tx, community, topic, meeting.0, member.0, feedback, now,
            )
            .await?;
            // The author is named to receivers only when they agreed to be named.
            let author = feedback.named.then_some(member.0);
            crate::webhooks::enqueue_for_webhooks(
                &mut tx,
                community,
                JobKind::NoteShared,
                peerlearn_domain::EventType::NoteShared,
                note,
                author,
                "",
                now,
            )
            .await?;
        }
        if !feedback.thanks.is_empty() {
            enqueue(
                &mut tx,
                community,
                JobKind::ThanksReceived,
                meeting.0,
                Some(member.0),
                "",
                now,
                now,
            )
            .await?;
        }
        if !feedback.will_try.is_empty() {
            enqueue(
                &mut tx,
                community,
                JobKind::CheckBack,
                meeting.0,
                Some(member.0),
                "",
                now + Duration::days(CHECK_BACK_DAYS),
                now,
            )
            .await?;
        }
        tx.commit().await?;
        self.wrote();
        self.feedback(meeting, member)
            .await?
            .ok_or(StoreError::NotFound("feedback"))
    }

    /// A participant's own feedback on a meeting.
    pub async fn feedback(
        &self,
        meeting: MeetingId,
        member: MemberId,
    ) -> StoreResult<Option<FeedbackRecord>> {
        let row: Option<FeedbackRow> = sqlx::query_as(
            "SELECT f.meeting_id, f.member_id, f.learned, f.will_try, f.rating, f.thanks, f.tried, \
             n.id AS note_id, f.created_at FROM feedback f \
             LEFT JOIN notes n ON n.meeting_id = f.meeting_id AND n.author_member_id = f.member_id \
             WHERE f.meeting_id = $1 AND f.member_id = $2",
        )
        .bind(meeting.0)
        .bind(member.0)
        .fetch_optional(self.reader())
        .await?;
        row.map(TryInto::try_into).transpose()
    }

    /// Records the answer to "did you try it?".
    pub async fn answer_check_back(
        &self,
        meeting: MeetingId,
        member: MemberId,
        tried: Tried,
        now: DateTime<Utc>,
    ) -> StoreResult<FeedbackRecord> {
        let changed = sqlx::query(
            "UPDATE feedback SET tried = $1, checked_back_at = $2 WHERE meeting_id = $3 AND member_id = $4",
        )
        .bind(tried.as_str())
        .bind(now.timestamp())
        .bind(meeting.0)
        .bind(member.0)
        .execute(self.writer())
        .await?
        .rows_affected();
        if changed == 0 {
            return Err(StoreError::NotFound("feedback"));
        }
        self.feedback(meeting, member)
            .await?
            .ok_or(StoreError::NotFound("feedback"))
    }

    /// Thank-yous a host received, newest first.
    pub async fn thanks_received(
        &self,
        community: CommunityId,
        host: MemberId,
        limit: i64,
    ) -> StoreResult<Vec<Thanks>> {
        let rows: Vec<(i64, String, String, String, i64)> = sqlx::query_as(
            "SELECT f.meeting_id, u.display_name, t.title, f.thanks, f.created_at FROM feedback f \
             JOIN meetings g ON g.id = f.meeting_id JOIN topics t ON t.id = g.topic_id \
             JOIN meeting_participants h ON h.meeting_id = g.id AND h.role = 'host' \
             JOIN members m ON m.id = f.member_id JOIN users u ON u.id = m.user_id \
             WHERE f.community_id = $1 AND h.member_id = $2 AND f.member_id <> $2 AND f.thanks <> '' \
             ORDER BY f.created_at DESC LIMIT $3",
        )
        .bind(community.0)
        .bind(host.0)
        .bind(limit.clamp(1, 200))
        .fetch_all(self.reader())
        .await?;
        rows.into_iter()
            .map(|(meeting, from_name, topic_title, text, at)| {
                Ok(Thanks {
                    meeting: MeetingId(meeting),
                    from_name,
                    topic_title,
                    text,
                    created_at: time(at)?,
                })
            })
            .collect()
    }
}
