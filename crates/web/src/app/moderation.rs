//! Moderation: members report content; moderators and organizers of its community hide or
//! restore it with a reason and settle reports. Every change is audited by the store in the
//! same transaction.

use peerlearn_domain::{BoundedText, CommunityId, ReportId, UserId};
use peerlearn_store::{Moderator, Report};

use crate::access::{self, AsMember};
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::qa_input::ParsedReport;
use crate::state::AppState;

fn moderator(m: &AsMember, user: UserId) -> Moderator {
    Moderator {
        member: m.member,
        user,
    }
}

/// Reports content to its community's moderators (members).
pub async fn report(
    state: &AppState,
    me: &CurrentUser,
    community: CommunityId,
    report: &ParsedReport,
) -> Result<Report, AppError> {
    let m = access::as_member(&state.store, community, me.user.id).await?;
    Ok(state
        .store
        .report(
            community,
            report.kind,
            report.subject_id,
            m.member,
            &report.reason,
            state.clock.now(),
        )
        .await?)
}

/// Hides (`hide`) or restores content of a community the caller moderates.
pub async fn set_hidden(
    state: &AppState,
    me: &CurrentUser,
    community: CommunityId,
    subject: &ParsedReport,
    hide: bool,
) -> Result<(), AppError> {
    let m = access::as_moderator(&state.store, community, me.user.id).await?;
    let by = moderator(&m, me.user.id);
    let now = state.clock.now();
    let (kind, id, reason) = (subject.kind, subject.subject_id, &subject.reason);
    if hide {
        state
            .store
            .hide(community, kind, id, by, reason, now)
            .await?;
    } else {
        state
            .store
            .restore(community, kind, id, by, reason, now)
            .await?;
    }
    Ok(())
}

/// A report of a community the caller moderates.
async fn moderated_report(
    state: &AppState,
    me: &CurrentUser,
    id: ReportId,
) -> Result<(Report, AsMember), AppError> {
    let report = state.store.report_by_id(id).await?;
    let m = access::as_moderator(&state.store, report.community_id, me.user.id)
        .await
        .map_err(|e| match e {
            AppError::NotFound(_) => AppError::NotFound("report"),
            other => other,
        })?;
    Ok((report, m))
}

/// Hides the reported content, closing its open reports.
pub async fn hide_reported(
    state: &AppState,
    me: &CurrentUser,
    id: ReportId,
    reason: &BoundedText,
) -> Result<Report, AppError> {
    let (report, m) = moderated_report(state, me, id).await?;
    state
        .store
        .hide(
            report.community_id,
            report.kind,
            report.subject_id,
            moderator(&m, me.user.id),
            reason,
            state.clock.now(),
        )
        .await?;
    Ok(state.store.report_by_id(report.id).await?)
}

/// Dismisses a report, with an optional note; the content stays.
pub async fn dismiss(
    state: &AppState,
    me: &CurrentUser,
    id: ReportId,
    note: &BoundedText,
) -> Result<Report, AppError> {
    let (report, m) = moderated_report(state, me, id).await?;
    Ok(state
        .store
        .dismiss_report(&report, moderator(&m, me.user.id), note, state.clock.now())
        .await?)
}
