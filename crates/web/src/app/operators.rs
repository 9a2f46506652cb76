//! What the operator of a server does from the command line (`peerlearn admin`): list the
//! communities, make someone an organizer, and hand over a password reset link. Links are
//! printed for the operator to pass on, not emailed; they are the same single-use links the
//! app emails (an invitation link for a new account, the "forgot password" link otherwise),
//! with the same expiry.

use chrono::Duration;
use peerlearn_domain::{CommunityId, DisplayName, Email, UserId};
use peerlearn_store::{CommunityListing, NewOrganizer, OrganizerChange, User};

use crate::app::account_links::{RESET_MINUTES, keep_reset_link, reset_url};
use crate::app::invitations::LINK_DAYS;
use crate::auth::{hash_token, new_secret};
use crate::error::AppError;
use crate::state::AppState;

/// Every community, oldest first, with its current members and organizers.
pub async fn list_communities(state: &AppState) -> Result<Vec<CommunityListing>, AppError> {
    Ok(state.store.list_communities().await?)
}

/// Someone made an organizer.
#[derive(Debug)]
pub struct MadeOrganizer {
    pub community: String,
    pub user: User,
    pub change: OrganizerChange,
    /// For a new account: the invitation link with which its owner chooses a password and
    /// signs in (it works once, for [`LINK_DAYS`] days).
    pub link: Option<String>,
}

/// Makes the account with `raw_email` an organizer of `community` (see
/// `Store::make_organizer`); an address without an account gets one named `name`, which is
/// then required. Refuses a malformed address or name, and an unknown community
/// (`NotFound("community")`); nothing is written then.
pub async fn create_organizer(
    state: &AppState,
    community: CommunityId,
    raw_email: &str,
    name: Option<&str>,
) -> Result<MadeOrganizer, AppError> {
    let email = Email::parse(raw_email)?;
    let name = name.map(DisplayName::parse).transpose()?;
    let found = state.store.community(community).await?;
    if name.is_none() && state.store.user_with_password(&email).await?.is_none() {
        return Err(AppError::invalid(
            "display_name",
            "invalid-name-new-account",
        ));
    }
    let secret = new_secret();
    let now = state.clock.now();
    let (user, change) = state
        .store
        .make_organizer(
            community,
            NewOrganizer {
                email: &email,
                name: name.as_ref(),
                link_hash: &hash_token(&secret),
                link_expires: now + Duration::days(LINK_DAYS),
            },
            now,
        )
        .await
        .map_err(|e| match e {
            // The account went between the check and the write.
            peerlearn_store::StoreError::NotFound("user") => {
                AppError::invalid("display_name", "invalid-name-new-account")
            }
            e => e.into(),
        })?;
    let link = (change == OrganizerChange::NewAccount)
        .then(|| format!("{}/invitations/{secret}", state.config.public_url));
    Ok(MadeOrganizer {
        community: found.name,
        user: state.store.user(user).await?,
        change,
        link,
    })
}

/// A password reset link handed over by an operator.
#[derive(Debug)]
pub struct ResetLink {
    pub user: UserId,
    pub link: String,
    /// How long it works.
    pub minutes: i64,
}

/// A new password reset link for the account with `raw_email`, the same as "forgot
/// password" emails (an earlier one stops working); using it ends every session and token
/// of the account. `NotFound("user")` when no account has that address.
pub async fn reset_password_link(state: &AppState, raw_email: &str) -> Result<ResetLink, AppError> {
    let email = Email::parse(raw_email)?;
    let (user, _) = state
        .store
        .user_with_password(&email)
        .await?
        .ok_or(AppError::NotFound("user"))?;
    let secret = new_secret();
    keep_reset_link(state, user.id, &secret, None).await?;
    Ok(ResetLink {
        user: user.id,
        link: reset_url(state, &secret),
        minutes: RESET_MINUTES,
    })
}
