//! Spots: the tables, rooms and video rooms organizers set up. Changing or removing one never
//! strands a meeting: upcoming meetings move to another free spot of the same kind, everyone in
//! them is told, and a change that leaves one with nowhere to go is refused.

use peerlearn_domain::{CommunityId, SpotId};
use peerlearn_store::{Spot, SpotRemoval};

use crate::error::AppError;
use crate::input::SpotInput;
use crate::state::AppState;

/// Adds a spot.
pub async fn add(
    state: &AppState,
    community: CommunityId,
    input: &SpotInput,
) -> Result<Spot, AppError> {
    let new = input.parse()?;
    Ok(state
        .store
        .create_spot(community, &new, state.clock.now())
        .await?)
}

/// Renames a spot or changes its kind or size (`spot_in_use` when an upcoming meeting there
/// would no longer fit).
pub async fn change(
    state: &AppState,
    community: CommunityId,
    id: SpotId,
    input: &SpotInput,
) -> Result<Spot, AppError> {
    let new = input.parse()?;
    Ok(state
        .store
        .update_spot(community, id, &new, state.clock.now())
        .await?)
}

/// Removes a spot, moving its upcoming meetings elsewhere (`spot_in_use` when one cannot move).
pub async fn remove(
    state: &AppState,
    community: CommunityId,
    id: SpotId,
) -> Result<SpotRemoval, AppError> {
    Ok(state
        .store
        .remove_spot(community, id, state.clock.now())
        .await?)
}
