//! A member's profile and availability in a community. Both change whom the member is
//! recommended to and what they are recommended, so this process's index follows at once.

use peerlearn_domain::TimeRange;
use peerlearn_store::{Member, ProfileUpdate};

use crate::access::AsMember;
use crate::error::AppError;
use crate::state::AppState;

/// Replaces the member's headline, bio, team, languages and tags.
pub async fn update(
    state: &AppState,
    m: &AsMember,
    update: &ProfileUpdate,
) -> Result<Member, AppError> {
    let member = state
        .store
        .update_profile(m.community.id, m.member, update)
        .await?;
    changed(state, m).await;
    Ok(member)
}

/// Replaces the member's availability with `windows` (merged, within the community's hours).
pub async fn set_availability(
    state: &AppState,
    m: &AsMember,
    windows: &[TimeRange],
) -> Result<Member, AppError> {
    let member = state
        .store
        .set_availability(m.community.id, m.member, windows)
        .await?;
    changed(state, m).await;
    Ok(member)
}

async fn changed(state: &AppState, m: &AsMember) {
    (state.recommendations)
        .member_changed(&state.store, m.community.id, m.member, state.clock.now())
        .await;
}
