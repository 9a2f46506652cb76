//! After the meeting: check-in, attendance, feedback with its check-back, the knowledge base
//! (notes), the reciprocity ledger, the demand board and the organizer's dashboard.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use peerlearn_domain::{
    CheckInMethod, CommunityId, Feedback, FeedbackInput, MemberId, NoteId, Tag, TopicId, Tried,
    check_in_open, feedback_open,
};
use peerlearn_store::{Dashboard, Demand, FeedbackRecord, Meeting, Note, NoteFilter};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::json::ApiJson;
use super::meetings::visible_meeting;
use super::views::rfc3339;
use super::{ApiQuery, PageQuery, path_id};
use crate::access;
use crate::auth::CurrentUser;
use crate::error::{AppError, Problem};
use crate::state::AppState;

fn conflict(code: &'static str, message: impl Into<String>) -> AppError {
    AppError::Conflict {
        code,
        message: message.into(),
    }
}

// ---------- check-in ----------

#[derive(Debug, Deserialize, ToSchema, Default)]
pub struct CheckInInput {
    /// `button` (default) or `qr`.
    #[serde(default)]
    pub method: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct AttendanceView {
    pub member_id: String,
    pub name: String,
    pub host: bool,
    pub checked_in_at: Option<String>,
    pub no_show: bool,
}

#[derive(Serialize, ToSchema)]
pub struct AttendanceList {
    pub items: Vec<AttendanceView>,
}

/// Checks the caller in to a meeting they take part in (again is harmless).
pub(crate) async fn check_in(
    state: &AppState,
    meeting: &Meeting,
    member: MemberId,
    method: CheckInMethod,
) -> Result<DateTime<Utc>, AppError> {
    if !meeting
        .participants
        .iter()
        .any(|p| p.member == member && p.confirmed)
        || !meeting.confirmed
    {
        return Err(conflict(
            "not_a_participant",
            "only the meeting's participants check in",
        ));
    }
    let now = state.clock.now();
    check_in_open(&meeting.time, now).map_err(|c| conflict(c.code(), c.message()))?;
    Ok(state
        .store
        .check_in(meeting.id, member, method, now)
        .await?)
}

/// Checks in to a meeting at its start: from 10 minutes before until its end.
#[utoipa::path(post, path = "/api/v1/meetings/{mid}/check-in", tag = "after the meeting",
    security(("bearer" = [])),
    params(("mid" = String, Path, description = "meeting id")),
    request_body = CheckInInput,
    responses(
        (status = 200, body = AttendanceList),
        (status = 404, body = Problem),
        (status = 409, description = "`check_in_not_open`, `meeting_over`, `not_a_participant`", body = Problem),
        (status = 422, body = Problem),
    ))]
pub async fn create_check_in(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(mid): Path<String>,
    ApiJson(input): ApiJson<CheckInInput>,
) -> Result<axum::Json<AttendanceList>, AppError> {
    let method = match input.method.as_deref() {
        None => CheckInMethod::Button,
        Some(raw) => CheckInMethod::parse("method", raw)?,
    };
    let (meeting, m) = visible_meeting(&state, &me, &mid).await?;
    check_in(&state, &meeting, m.member, method).await?;
    Ok(axum::Json(attendance(&state, &meeting).await?))
}

/// Who checked in to a meeting (its participants and organizers).
#[utoipa::path(get, path = "/api/v1/meetings/{mid}/attendance", tag = "after the meeting",
    security(("bearer" = [])),
    params(("mid" = String, Path, description = "meeting id")),
    responses((status = 200, body = AttendanceList), (status = 404, body = Problem)))]
pub async fn get_attendance(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(mid): Path<String>,
) -> Result<axum::Json<AttendanceList>, AppError> {
    let (meeting, _) = visible_meeting(&state, &me, &mid).await?;
    Ok(axum::Json(attendance(&state, &meeting).await?))
}

pub(crate) async fn attendance(
    state: &AppState,
    meeting: &Meeting,
) -> Result<AttendanceList, AppError> {
    let rows = state.store.attendance(meeting.id).await?;
    Ok(AttendanceList {
        items: rows
            .into_iter()
            .map(|a| {
                let p = meeting.participants.iter().find(|p| p.member == a.member);
                AttendanceView {
                    member_id: a.member.to_string(),
                    name: p.map(|p| p.name.clone()).unwrap_or_default(),
                    host: p.is_some_and(|p| p.host),
                    checked_in_at: a.checked_in_at.map(rfc3339),
                    no_show: a.no_show,
                }
            })
            .collect(),
    })
}

// ---------- feedback ----------

#[derive(Debug, Deserialize, ToSchema, Default)]
pub struct FeedbackBody {
    /// One thing I learned.
    #[serde(default)]
    pub learned: String,
    /// One thing I will try (you are asked 30 days later whether you did).
    #[serde(default)]
    pub will_try: String,
    /// Private rating 1–5: nobody else sees it; organizers see only the average.
    #[serde(default)]
    pub rating: Option<i64>,
    /// A thank-you the host sees.
    #[serde(default)]
    pub thanks: String,
    /// Share "one thing I learned" as a note in the community's knowledge base.
    #[serde(default)]
    pub share: bool,
    /// Show my name on the shared note.
    #[serde(default)]
    pub named: bool,
    /// An optional link shared with the note.
    #[serde(default)]
    pub link: String,
}

#[derive(Serialize, ToSchema)]
pub struct FeedbackView {
    pub meeting_id: String,
    pub learned: String,
    pub will_try: String,
    /// Only ever shown to its author.
    pub rating: Option<u8>,
    pub thanks: String,
    /// The answer to the check-back: `yes`, `not_yet` or `no`.
    pub tried: Option<String>,
    /// The note in the knowledge base, when shared.
    pub note_id: Option<String>,
    pub created_at: String,
}

impl From<&FeedbackRecord> for FeedbackView {
    fn from(f: &FeedbackRecord) -> Self {
        Self {
            meeting_id: f.meeting.to_string(),
            learned: f.learned.clone(),
            will_try: f.will_try.clone(),
            rating: f.rating,
            thanks: f.thanks.clone(),
            tried: f.tried.map(|t| t.as_str().to_string()),
            note_id: f.note.map(|n| n.to_string()),
            created_at: rfc3339(f.created_at),
        }
    }
}

/// Checks and stores feedback (shared by the API and the meeting page).
pub(crate) async fn give_feedback(
    state: &AppState,
    meeting: &Meeting,
    member: MemberId,
    body: &FeedbackBody,
) -> Result<FeedbackRecord, AppError> {
    let feedback = Feedback::parse(&FeedbackInput {
        learned: &body.learned,
        will_try: &body.will_try,
        rating: body.rating,
        thanks: &body.thanks,
        share: body.share,
        named: body.named,
        link: &body.link,
    })?;
    if !meeting.is_participant(member) || !meeting.confirmed {
        return Err(conflict(
            "not_a_participant",
            "only the meeting's participants give feedback",
        ));
    }
    let now = state.clock.now();
    let checked_in = state
        .store
        .attendance(meeting.id)
        .await?
        .iter()
        .any(|a| a.member == member && a.checked_in_at.is_some());
    if !feedback_open(&meeting.time, now, checked_in) {
        return Err(conflict(
            "meeting_not_over",
            "feedback opens when the meeting ends (or once you have checked in and it has started)",
        ));
    }
    Ok(state
        .store
        .save_feedback(meeting.id, member, &feedback, now)
        .await?)
}

/// Gives feedback on a meeting, once: one thing learned, one thing to try, a private rating,
/// a thank-you for the host; with consent, what was learned becomes a note.
#[utoipa::path(post, path = "/api/v1/meetings/{mid}/feedback", tag = "after the meeting",
    security(("bearer" = [])),
    params(("mid" = String, Path, description = "meeting id")),
    request_body = FeedbackBody,
    responses(
        (status = 201, body = FeedbackView),
        (status = 404, body = Problem),
        (status = 409, description = "`feedback_given`, `meeting_not_over`, `not_a_participant`", body = Problem),
        (status = 422, body = Problem),
    ))]
pub async fn create_feedback(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(mid): Path<String>,
    ApiJson(body): ApiJson<FeedbackBody>,
) -> Result<impl IntoResponse, AppError> {
    let (meeting, m) = visible_meeting(&state, &me, &mid).await?;
    let f = give_feedback(&state, &meeting, m.member, &body).await?;
    Ok((StatusCode::CREATED, axum::Json(FeedbackView::from(&f))))
}

/// The caller's own feedback on a meeting.
#[utoipa::path(get, path = "/api/v1/meetings/{mid}/feedback", tag = "after the meeting",
    security(("bearer" = [])),
    params(("mid" = String, Path, description = "meeting id")),
    responses((status = 200, body = FeedbackView), (status = 404, body = Problem)))]
pub async fn get_feedback(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(mid): Path<String>,
) -> Result<axum::Json<FeedbackView>, AppError> {
    let (meeting, m) = visible_meeting(&state, &me, &mid).await?;
    let f = state
        .store
        .feedback(meeting.id, m.member)
        .await?
        .ok_or(AppError::NotFound("feedback"))?;
    Ok(axum::Json(FeedbackView::from(&f)))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct CheckBackInput {
    /// `yes`, `not_yet` or `no`.
    pub tried: String,
}

/// Answers the check-back: did you try what you said you would?
#[utoipa::path(post, path = "/api/v1/meetings/{mid}/check-back", tag = "after the meeting",
    security(("bearer" = [])),
    params(("mid" = String, Path, description = "meeting id")),
    request_body = CheckBackInput,
    responses((status = 200, body = FeedbackView), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn answer_check_back(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(mid): Path<String>,
    ApiJson(input): ApiJson<CheckBackInput>,
) -> Result<axum::Json<FeedbackView>, AppError> {
    let tried = Tried::parse("tried", &input.tried)?;
    let (meeting, m) = visible_meeting(&state, &me, &mid).await?;
    let f = state
        .store
        .answer_check_back(meeting.id, m.member, tried, state.clock.now())
        .await?;
    Ok(axum::Json(FeedbackView::from(&f)))
}

// ---------- knowledge base ----------

#[derive(Serialize, ToSchema)]
pub struct NoteView {
    pub id: String,
    pub topic_id: String,
    pub topic_title: String,
    pub body: String,
    pub link: Option<String>,
    pub tags: Vec<String>,
    /// The author, only when they agreed to be named.
    pub author: Option<NoteAuthor>,
    /// Shown to moderators and the author only: why the note is hidden.
    pub hidden_reason: Option<String>,
    pub created_at: String,
}

#[derive(Serialize, ToSchema)]
pub struct NoteAuthor {
    pub member_id: String,
    pub name: String,
}

impl From<&Note> for NoteView {
    fn from(n: &Note) -> Self {
        Self {
            id: n.id.to_string(),
            topic_id: n.topic_id.to_string(),
            topic_title: n.topic_title.clone(),
            body: n.body.clone(),
            link: (!n.link.is_empty()).then(|| n.link.clone()),
            tags: n.tags.clone(),
            author: n.author.as_ref().map(|(id, name)| NoteAuthor {
                member_id: id.to_string(),
                name: name.clone(),
            }),
            hidden_reason: n.hidden.clone(),
            created_at: rfc3339(n.created_at),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct NotePage {
    pub items: Vec<NoteView>,
    pub next_cursor: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams, Default)]
pub struct NoteQuery {
    /// Full-text search over what was learned and the tags.
    pub q: Option<String>,
    /// Only notes with this tag.
    pub tag: Option<String>,
    /// Only notes on this topic.
    pub topic: Option<String>,
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

impl NoteQuery {
    pub(crate) fn filter(&self, include_hidden: bool) -> Result<NoteFilter, AppError> {
        let (limit, offset) = PageQuery {
            limit: self.limit,
            cursor: self.cursor.clone(),
        }
        .parse()?;
        let tag = match self.tag.as_deref().filter(|t| !t.trim().is_empty()) {
            None => None,
            Some(raw) => Some(Tag::parse("tag", raw)?.as_str().to_string()),
        };
        let topic = match self.topic.as_deref().filter(|t| !t.is_empty()) {
            None => None,
            Some(raw) => Some(
                raw.parse::<TopicId>()
                    .map_err(|_| AppError::invalid("topic", "is not a topic id"))?,
            ),
        };
        Ok(NoteFilter {
            q: self.q.clone().filter(|q| !q.trim().is_empty()),
            tag,
            topic,
            include_hidden,
            limit,
            offset: offset.unwrap_or(0),
        })
    }
}

/// The community's knowledge base: what members learned and agreed to share.
#[utoipa::path(get, path = "/api/v1/communities/{cid}/notes", tag = "after the meeting",
    security(("bearer" = [])),
    params(("cid" = String, Path, description = "community id"), NoteQuery),
    responses((status = 200, body = NotePage), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn list_notes(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(cid): Path<String>,
    ApiQuery(q): ApiQuery<NoteQuery>,
) -> Result<axum::Json<NotePage>, AppError> {
    let id: CommunityId = path_id(&cid, "community")?;
    let m = access::as_member(&state.store, id, me.user.id).await?;
    let page = state
        .store
        .notes(id, &q.filter(m.role.can_moderate())?)
        .await?;
    Ok(axum::Json(NotePage {
        items: page.items.iter().map(NoteView::from).collect(),
        next_cursor: page.next_cursor,
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct HideInput {
    /// Why the note is hidden (shown to its author and moderators).
    pub reason: String,
}

/// Hides a note from the knowledge base (moderators and organizers of its community).
#[utoipa::path(post, path = "/api/v1/notes/{nid}/hide", tag = "after the meeting",
    security(("bearer" = [])),
    params(("nid" = String, Path, description = "note id")),
    request_body = HideInput,
    responses((status = 200, body = NoteView), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn hide_note(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(nid): Path<String>,
    ApiJson(input): ApiJson<HideInput>,
) -> Result<axum::Json<NoteView>, AppError> {
    let reason = peerlearn_domain::BoundedText::parse("reason", &input.reason, 1, 500, false)?;
    let note = moderated_note(&state, &me, &nid).await?;
    let n = state
        .store
        .set_note_hidden(note, Some(reason.as_str()), me.user.id, state.clock.now())
        .await?;
    Ok(axum::Json(NoteView::from(&n)))
}

/// Restores a hidden note (moderators and organizers of its community).
#[utoipa::path(post, path = "/api/v1/notes/{nid}/restore", tag = "after the meeting",
    security(("bearer" = [])),
    params(("nid" = String, Path, description = "note id")),
    responses((status = 200, body = NoteView), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn restore_note(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(nid): Path<String>,
) -> Result<axum::Json<NoteView>, AppError> {
    let note = moderated_note(&state, &me, &nid).await?;
    let n = state
        .store
        .set_note_hidden(note, None, me.user.id, state.clock.now())
        .await?;
    Ok(axum::Json(NoteView::from(&n)))
}

/// A note the caller may moderate: 404 outside their communities, 403 for members.
async fn moderated_note(state: &AppState, me: &CurrentUser, nid: &str) -> Result<NoteId, AppError> {
    let id: NoteId = path_id(nid, "note")?;
    let note = state.store.note(id).await?;
    let m = access::as_member(&state.store, note.community_id, me.user.id)
        .await
        .map_err(|_| AppError::NotFound("note"))?;
    if note.hidden.is_some() && !m.role.can_moderate() && note.author_member != m.member {
        return Err(AppError::NotFound("note"));
    }
    if !m.role.can_moderate() {
        return Err(AppError::Forbidden("only moderators hide or restore notes"));
    }
    Ok(id)
}

// ---------- ledger, demand, dashboard ----------

#[derive(Serialize, ToSchema)]
pub struct LedgerView {
    pub meetings_hosted: i64,
    pub meetings_attended: i64,
    pub minutes_shared: i64,
    pub minutes_learned: i64,
    pub notes_shared: i64,
    pub thanks_received: i64,
    /// Set when the member has taken much more than given: a gentle suggestion to share.
    pub nudge: Option<String>,
    /// Tags from the member's profile that others want, most wanted first.
    pub could_share: Vec<WantedTag>,
    /// When recommendations were paused for missed meetings (rejoin to lift it).
    pub paused_since: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct WantedTag {
    pub tag: String,
    pub wanted_by: i64,
}

/// Meetings attended beyond meetings hosted before the ledger suggests sharing something.
pub const NUDGE_AFTER: i64 = 3;

pub(crate) async fn ledger(
    state: &AppState,
    community: CommunityId,
    member: MemberId,
) -> Result<LedgerView, AppError> {
    let now = state.clock.now();
    let l = state.store.ledger(community, member, now).await?;
    let wanted = state.store.wanted_from(community, member, 5).await?;
    let paused_since = state.store.paused_since(community, member).await?;
    let nudge = (l.meetings_attended - l.meetings_hosted >= NUDGE_AFTER).then(|| {
        match wanted.first() {
            Some((tag, n)) => format!(
                "You have learned in {} conversations. {n} {} want to learn {tag}, which you can share: how about offering a short session?",
                l.meetings_attended,
                if *n == 1 { "person" } else { "people" }
            ),
            None => format!(
                "You have learned in {} conversations. Is there one thing you could share? Add what you can share to your profile, or post an offer.",
                l.meetings_attended
            ),
        }
    });
    let view = LedgerView {
        meetings_hosted: l.meetings_hosted,
        meetings_attended: l.meetings_attended,
        minutes_shared: l.minutes_shared,
        minutes_learned: l.minutes_learned,
        notes_shared: l.notes_shared,
        thanks_received: l.thanks_received,
        nudge,
        could_share: wanted
            .into_iter()
            .map(|(tag, wanted_by)| WantedTag { tag, wanted_by })
            .collect(),
        paused_since: paused_since.map(rfc3339),
    };
    Ok(view)
}

/// The caller's private reciprocity ledger: what they gave and received.
#[utoipa::path(get, path = "/api/v1/communities/{cid}/ledger", tag = "after the meeting",
    security(("bearer" = [])),
    params(("cid" = String, Path, description = "community id")),
    responses((status = 200, body = LedgerView), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn get_ledger(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(cid): Path<String>,
) -> Result<axum::Json<LedgerView>, AppError> {
    let id: CommunityId = path_id(&cid, "community")?;
    let m = access::as_member(&state.store, id, me.user.id).await?;
    Ok(axum::Json(ledger(&state, id, m.member).await?))
}

/// Lifts the pause on the caller's recommendations after missed meetings.
#[utoipa::path(post, path = "/api/v1/communities/{cid}/rejoin", tag = "after the meeting",
    security(("bearer" = [])),
    params(("cid" = String, Path, description = "community id")),
    responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn rejoin(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(cid): Path<String>,
) -> Result<StatusCode, AppError> {
    let id: CommunityId = path_id(&cid, "community")?;
    let m = access::as_member(&state.store, id, me.user.id).await?;
    state.store.rejoin(id, m.member).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize, ToSchema)]
pub struct DemandView {
    pub tag: String,
    pub wanted_by: i64,
    pub can_share: i64,
    pub open_asks: i64,
    pub pending_requests: i64,
}

impl From<&Demand> for DemandView {
    fn from(d: &Demand) -> Self {
        Self {
            tag: d.tag.clone(),
            wanted_by: d.wanted_by,
            can_share: d.can_share,
            open_asks: d.open_asks,
            pending_requests: d.pending_requests,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct DemandPage {
    pub items: Vec<DemandView>,
    pub next_cursor: Option<String>,
}

/// The demand board: what members want to learn, grouped by tag, with who could share it.
#[utoipa::path(get, path = "/api/v1/communities/{cid}/demand", tag = "after the meeting",
    security(("bearer" = [])),
    params(("cid" = String, Path, description = "community id"), PageQuery),
    responses((status = 200, body = DemandPage), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn get_demand(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(cid): Path<String>,
    ApiQuery(page): ApiQuery<PageQuery>,
) -> Result<axum::Json<DemandPage>, AppError> {
    let id: CommunityId = path_id(&cid, "community")?;
    access::as_member(&state.store, id, me.user.id).await?;
    let (limit, offset) = page.parse()?;
    let offset = offset.unwrap_or(0);
    let mut rows = state
        .store
        .demand(id, state.clock.now(), limit + 1, offset)
        .await?;
    let next_cursor = (rows.len() as i64 > limit).then(|| (offset + limit).to_string());
    rows.truncate(limit as usize);
    Ok(axum::Json(DemandPage {
        items: rows.iter().map(DemandView::from).collect(),
        next_cursor,
    }))
}

#[derive(Debug, Deserialize, IntoParams, Default)]
pub struct DashboardQuery {
    /// First day (YYYY-MM-DD, community time zone); default 30 days before `to`.
    pub from: Option<String>,
    /// Last day included (YYYY-MM-DD); default today.
    pub to: Option<String>,
}

/// The period of a dashboard, as days and as instants.
pub(crate) struct Period {
    pub from_day: NaiveDate,
    pub to_day: NaiveDate,
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
}

impl DashboardQuery {
    pub(crate) fn period(&self, tz: chrono_tz::Tz, now: DateTime<Utc>) -> Result<Period, AppError> {
        let mut errors = peerlearn_domain::InvalidInput::default();
        let day =
            |field: &str, raw: Option<&str>, errors: &mut peerlearn_domain::InvalidInput| match raw
                .filter(|r| !r.is_empty())
            {
                None => None,
                Some(r) => match NaiveDate::parse_from_str(r, "%Y-%m-%d") {
                    Ok(d) => Some(d),
                    Err(_) => {
                        errors.push(field, "must be a date like 2026-05-12");
                        None
                    }
                },
            };
        let to_day = day("to", self.to.as_deref(), &mut errors)
            .unwrap_or_else(|| now.with_timezone(&tz).date_naive());
        let from_day =
            day("from", self.from.as_deref(), &mut errors).unwrap_or(to_day - Duration::days(29));
        if errors.is_empty() && from_day > to_day {
            errors.push("from", "must not be after `to`");
        }
        if errors.is_empty() && (to_day - from_day).num_days() > 3660 {
            errors.push("from", "the period is at most ten years");
        }
        errors.into_result()?;
        let start_of = |d: NaiveDate| {
            d.and_hms_opt(0, 0, 0)
                .and_then(|t| t.and_local_timezone(tz).earliest())
                .map(|t| t.with_timezone(&Utc))
                .ok_or_else(|| AppError::invalid("from", "is not a day in this time zone"))
        };
        Ok(Period {
            from_day,
            to_day,
            from: start_of(from_day)?,
            to: start_of(to_day + Duration::days(1))?,
        })
    }
}

#[derive(Serialize, ToSchema)]
pub struct DashboardView {
    pub from: String,
    pub to: String,
    pub members: i64,
    pub new_members: i64,
    pub offers: i64,
    pub asks: i64,
    pub requests: i64,
    pub acceptance_rate: Option<f64>,
    pub meetings_held: i64,
    pub no_show_rate: Option<f64>,
    pub average_rating: Option<f64>,
    pub notes: i64,
    /// Share of meetings held between people of different teams.
    pub bridge_share: Option<f64>,
    /// New cross-team ties per 100 meetings held.
    pub new_cross_team_ties_per_100: Option<f64>,
    /// Most-wanted tags nobody offers.
    pub supply_gap: Vec<WantedTag>,
    pub meetings_per_day: Vec<DayCount>,
}

#[derive(Serialize, ToSchema)]
pub struct DayCount {
    pub day: String,
    pub meetings: i64,
}

pub(crate) async fn dashboard(
    state: &AppState,
    community: CommunityId,
    period: &Period,
) -> Result<(Dashboard, Vec<(String, i64)>), AppError> {
    let d = state
        .store
        .dashboard(community, period.from, period.to, state.clock.now())
        .await?;
    let gap = state.store.supply_gap(community, 20).await?;
    Ok((d, gap))
}

/// The organizer's dashboard for a period (organizers only).
#[utoipa::path(get, path = "/api/v1/communities/{cid}/dashboard", tag = "after the meeting",
    security(("bearer" = [])),
    params(("cid" = String, Path, description = "community id"), DashboardQuery),
    responses((status = 200, body = DashboardView), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn get_dashboard(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(cid): Path<String>,
    ApiQuery(q): ApiQuery<DashboardQuery>,
) -> Result<axum::Json<DashboardView>, AppError> {
    let id: CommunityId = path_id(&cid, "community")?;
    let m = access::as_organizer(&state.store, id, me.user.id).await?;
    let period = q.period(m.community.calendar.timezone.tz(), state.clock.now())?;
    let (d, gap) = dashboard(&state, id, &period).await?;
    Ok(axum::Json(DashboardView {
        from: period.from_day.to_string(),
        to: period.to_day.to_string(),
        members: d.members,
        new_members: d.new_members,
        offers: d.offers,
        asks: d.asks,
        requests: d.requests,
        acceptance_rate: d.acceptance_rate(),
        meetings_held: d.meetings_held,
        no_show_rate: d.no_show_rate(),
        average_rating: d.average_rating(),
        notes: d.notes,
        bridge_share: d.bridge_share(),
        new_cross_team_ties_per_100: d.ties_per_100(),
        supply_gap: gap
            .into_iter()
            .map(|(tag, wanted_by)| WantedTag { tag, wanted_by })
            .collect(),
        meetings_per_day: d
            .per_day
            .iter()
            .map(|(day, n)| DayCount {
                day: day.clone(),
                meetings: *n,
            })
            .collect(),
    }))
}
