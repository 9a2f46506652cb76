//! Extractors for handlers of a community's routes (`{cid}` in the path): the signed-in
//! caller as a [`Member`], an [`Organizer`] or a [`Moderator`] of that community. They
//! replace reading the id and checking the membership by hand in every handler.
//!
//! Refusals: not signed in is 401 on the API and a redirect to the sign-in page (and back)
//! on pages; an unknown or malformed community id, or an invite-only community the caller is
//! not in, is 404; a community they have not joined, or a role they do not have, is 403. Any
//! other failure (the database) propagates as a 5xx.

use axum::extract::{FromRequestParts, RawPathParams};
use axum::http::Uri;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use peerlearn_domain::CommunityId;

use super::{CurrentUser, MaybeUser};
use crate::access::{self, AsMember};
use crate::error::AppError;
use crate::input::path_id;
use crate::pages::PageError;
use crate::state::AppState;

/// The signed-in caller, a member of the path's community.
pub struct Member {
    pub me: CurrentUser,
    pub m: AsMember,
}

/// The signed-in caller, an organizer of the path's community.
pub struct Organizer {
    pub me: CurrentUser,
    pub m: AsMember,
}

/// The signed-in caller, a moderator or organizer of the path's community.
pub struct Moderator {
    pub me: CurrentUser,
    pub m: AsMember,
}

#[derive(Clone, Copy)]
enum Needs {
    Membership,
    Organizing,
    Moderating,
}

/// Sends a visitor to the sign-in page, which brings them back to `uri` afterwards.
pub fn sign_in_and_back(uri: &Uri) -> Response {
    let next = uri.path_and_query().map_or("/", |p| p.as_str());
    let next = url::form_urlencoded::byte_serialize(next.as_bytes()).collect::<String>();
    Redirect::to(&format!("/signin?next={next}")).into_response()
}

/// Answers a refusal as the API (problem details) or a page (HTML, or the sign-in page).
fn refuse(parts: &Parts, error: AppError) -> Response {
    let page = !parts.uri.path().starts_with("/api/");
    match (page, error) {
        (true, AppError::Unauthorized) => sign_in_and_back(&parts.uri),
        (true, e) => PageError(e).into_response(),
        (false, e) => e.into_response(),
    }
}

async fn resolve(
    parts: &mut Parts,
    state: &AppState,
    needs: Needs,
) -> Result<(CurrentUser, AsMember), AppError> {
    let me = if parts.uri.path().starts_with("/api/") {
        CurrentUser::from_request_parts(parts, state).await?
    } else {
        let MaybeUser(user) = MaybeUser::from_request_parts(parts, state).await?;
        user.ok_or(AppError::Unauthorized)?
    };
    let params = RawPathParams::from_request_parts(parts, state)
        .await
        .map_err(|_| AppError::NotFound("community"))?;
    let raw = params
        .iter()
        .find_map(|(name, value)| (name == "cid").then_some(value))
        .ok_or(AppError::NotFound("community"))?;
    let id: CommunityId = path_id(raw, "community")?;
    let m = match needs {
        Needs::Membership => access::as_member(&state.store, id, me.user.id).await?,
        Needs::Organizing => access::as_organizer(&state.store, id, me.user.id).await?,
        Needs::Moderating => access::as_moderator(&state.store, id, me.user.id).await?,
    };
    // A page shown to a member carries their navigation's counts, rendered without script.
    if !parts.uri.path().starts_with("/api/") && parts.method == axum::http::Method::GET {
        let counts = state
            .store
            .nav_counts(me.user.id, m.member, state.clock.now())
            .await?;
        crate::i18n::remember_nav(m.community.id, counts);
    }
    Ok((me, m))
}

macro_rules! community_extractor {
    ($name:ident, $needs:expr) => {
        impl FromRequestParts<AppState> for $name {
            type Rejection = Response;

            async fn from_request_parts(
                parts: &mut Parts,
                state: &AppState,
            ) -> Result<Self, Response> {
                match resolve(parts, state, $needs).await {
                    Ok((me, m)) => Ok(Self { me, m }),
                    Err(e) => Err(refuse(parts, e)),
                }
            }
        }
    };
}

community_extractor!(Member, Needs::Membership);
community_extractor!(Organizer, Needs::Organizing);
community_extractor!(Moderator, Needs::Moderating);
