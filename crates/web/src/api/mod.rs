//! The JSON API under `/api/v1` (contract: API.md) and its OpenAPI document.

pub(crate) mod accounts;
pub(crate) mod calendar;
mod communities;
pub mod contract;
pub(crate) mod data_export;
mod imports;
mod inbox;
pub(crate) mod insights;
pub mod json;
pub(crate) mod learning;
mod leaving;
mod meet_now;
pub(crate) mod meetings;
pub(crate) mod members;
mod mixers;
pub(crate) mod moderation;
pub(crate) mod proposals;
pub mod qa_views;
pub(crate) mod questions;
pub(crate) mod recommendations;
mod schedule;
mod sessions;
mod spots;
pub(crate) mod topics;
pub mod views;
pub(crate) mod waitlist;
mod webhooks;

use axum::extract::{FromRequestParts, Query};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;
use utoipa::OpenApi;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::AppError;
pub use crate::input::queries::PageQuery;
use crate::state::AppState;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "peerlearn API",
        version = "1",
        description = "Peer-to-peer learning: communities, members, profiles, spots. \
            Errors are RFC 9457 problem details with a stable `code`."
    ),
    modifiers(&BearerAuth),
    components(schemas(crate::error::Problem, crate::error::FieldProblem)),
    tags(
        (name = "accounts", description = "Sign up, tokens, who am I"),
        (name = "communities", description = "Communities and joining"),
        (name = "members", description = "Profiles, availability, the directory, roles"),
        (name = "spots", description = "Tables, rooms and virtual rooms"),
        (name = "topics", description = "What members offer to share and ask to learn"),
        (name = "meetings", description = "Requests to meet, meetings and calendars"),
        (name = "after the meeting", description = "Check-in, feedback, the knowledge base, the reciprocity ledger, the demand board and the dashboard"),
        (name = "questions", description = "Questions, answers, helpful marks and accepted answers"),
        (name = "moderation", description = "Reports, hiding and restoring content, the audit log"),
        (name = "recommendations", description = "Topics and people to meet, with reasons; dismissals"),
        (name = "webhooks", description = "Endpoints that receive the community's events (Standard Webhooks signatures), and their delivery logs"),
        (name = "imports", description = "Attendees imported from a CSV file, their invitations and who joined"),
    )
)]
struct ApiDoc;

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)),
        );
    }
}

/// The API's routes and the OpenAPI document describing them.
pub fn router() -> (axum::Router<AppState>, utoipa::openapi::OpenApi) {
    let (routes, mut doc) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(accounts::signup))
        .routes(routes!(accounts::create_token))
        .routes(routes!(accounts::delete_current_token))
        .routes(routes!(accounts::me, leaving::delete_account))
        .routes(routes!(
            data_export::request_export,
            data_export::get_export
        ))
        .routes(routes!(data_export::download_export))
        .routes(routes!(
            sessions::list_tokens,
            sessions::revoke_other_tokens
        ))
        .routes(routes!(sessions::revoke_token))
        .routes(routes!(communities::create_community))
        .routes(routes!(
            communities::get_community,
            communities::update_community
        ))
        .routes(routes!(communities::regenerate_invite_code))
        .routes(routes!(communities::join, members::directory))
        .routes(routes!(
            members::get_me,
            members::update_me,
            leaving::leave_community
        ))
        .routes(routes!(members::update_availability))
        .routes(routes!(members::get_member))
        .routes(routes!(members::set_role))
        .routes(routes!(members::tag_suggestions))
        .routes(routes!(spots::create_spot, spots::list_spots))
        .routes(routes!(mixers::create_mixer))
        .routes(routes!(spots::update_spot, spots::delete_spot))
        .routes(routes!(topics::create_topic, topics::list_topics))
        .routes(routes!(topics::get_topic, topics::update_topic))
        .routes(routes!(topics::close_topic))
        .routes(routes!(topics::reopen_topic))
        .routes(routes!(meetings::create_request))
        .routes(routes!(meetings::accept_request))
        .routes(routes!(meetings::decline_request))
        .routes(routes!(proposals::propose_times))
        .routes(routes!(meetings::withdraw_request))
        .routes(routes!(meetings::my_requests))
        .routes(routes!(meetings::my_meetings))
        .routes(routes!(meetings::get_meeting))
        .routes(routes!(meetings::cancel_meeting))
        .routes(routes!(meetings::meeting_ics))
        .routes(routes!(
            meet_now::get_meet_now,
            meet_now::put_meet_now,
            meet_now::delete_meet_now
        ))
        .routes(routes!(meet_now::accept_now_proposal))
        .routes(routes!(meet_now::decline_now_proposal))
        .routes(routes!(meetings::create_seat))
        .routes(routes!(meetings::delete_seat))
        .routes(routes!(
            waitlist::join_waitlist,
            waitlist::get_waitlist,
            waitlist::leave_waitlist
        ))
        .routes(routes!(calendar::create_feed, calendar::delete_feed))
        .routes(routes!(inbox::list))
        .routes(routes!(inbox::mark_read))
        .routes(routes!(learning::create_check_in))
        .routes(routes!(learning::get_attendance))
        .routes(routes!(learning::create_feedback, learning::get_feedback))
        .routes(routes!(learning::answer_check_back))
        .routes(routes!(learning::list_notes))
        .routes(routes!(insights::get_ledger))
        .routes(routes!(insights::rejoin))
        .routes(routes!(insights::get_demand))
        .routes(routes!(insights::get_dashboard))
        .routes(routes!(insights::get_dashboard_table))
        .routes(routes!(schedule::propose_schedule))
        .routes(routes!(schedule::confirm_schedule))
        .routes(routes!(insights::create_group_meeting))
        .routes(routes!(
            questions::create_question,
            questions::list_questions
        ))
        .routes(routes!(questions::get_question))
        .routes(routes!(questions::create_answer))
        .routes(routes!(questions::mark_helpful, questions::unmark_helpful))
        .routes(routes!(questions::accept_answer))
        .routes(routes!(questions::create_topic))
        .routes(routes!(moderation::create_report, moderation::list_reports))
        .routes(routes!(moderation::hide_report_subject))
        .routes(routes!(moderation::dismiss_report))
        .routes(routes!(moderation::hide))
        .routes(routes!(moderation::restore))
        .routes(routes!(moderation::audit_log))
        .routes(routes!(imports::create_import))
        .routes(routes!(imports::get_import))
        .routes(routes!(imports::confirm_import))
        .routes(routes!(imports::list_invitations))
        .routes(routes!(imports::resend_invitation))
        .routes(routes!(recommendations::recommendations))
        .routes(routes!(recommendations::swap_partners))
        .routes(routes!(
            recommendations::create_dismissal,
            recommendations::list_dismissals,
            recommendations::delete_dismissal
        ))
        .routes(routes!(webhooks::create_webhook, webhooks::list_webhooks))
        .routes(routes!(
            webhooks::get_webhook,
            webhooks::update_webhook,
            webhooks::delete_webhook
        ))
        .routes(routes!(webhooks::list_deliveries))
        .routes(routes!(webhooks::redeliver))
        .split_for_parts();
    contract::complete(&mut doc);
    (routes, doc)
}

pub use crate::input::path_id;
pub use calendar::feed as calendar_feed;

/// Query parameters, with problem+json rejections.
pub struct ApiQuery<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        Query::<T>::try_from_uri(&parts.uri)
            .map(|q| ApiQuery(q.0))
            .map_err(|e| AppError::BadRequest {
                code: "invalid_query",
                message: e.body_text(),
            })
    }
}
