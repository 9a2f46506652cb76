//! "Not interested": a member dismisses a topic or a host (and their topics) from their
//! recommendations, and undoes it. This process's recommendation index follows at once.

use crate::access::AsMember;
use crate::error::AppError;
use crate::input::queries::Target;
use crate::state::AppState;

/// Dismisses `target` for `m` and updates the recommender.
pub async fn dismiss(state: &AppState, m: &AsMember, target: Target) -> Result<(), AppError> {
    let now = state.clock.now();
    match target {
        Target::Topic(t) => {
            state
                .store
                .dismiss_topic(m.community.id, m.member, t, now)
                .await?
        }
        Target::Host(h) => {
            state
                .store
                .dismiss_host(m.community.id, m.member, h, now)
                .await?
        }
    }
    state
        .recommendations
        .member_changed(&state.store, m.community.id, m.member, state.clock.now())
        .await;
    Ok(())
}

/// Undoes a dismissal; `false` when there was none.
pub async fn undo(state: &AppState, m: &AsMember, target: Target) -> Result<bool, AppError> {
    let existed = match target {
        Target::Topic(t) => state.store.undo_dismiss_topic(m.member, t).await?,
        Target::Host(h) => state.store.undo_dismiss_host(m.member, h).await?,
    };
    if existed {
        state
            .recommendations
            .member_changed(&state.store, m.community.id, m.member, state.clock.now())
            .await;
    }
    Ok(existed)
}
