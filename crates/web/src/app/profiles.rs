//! A member's profile and availability in a community. Both change whom the member is
//! recommended to and what they are recommended, so this process's index follows at once.

use chrono::{DateTime, Utc};
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
    save(state, m, update, None).await
}

/// The availability a form edits: the stretches of time it showed (the community's hours on
/// each day of its grid) and the windows ticked in them. Windows the form did not show (past
/// days are dropped; days beyond the grid, set through the API, are kept) are left as they are.
#[derive(Debug, Clone, Default)]
pub struct AvailabilityEdit {
    pub shown: Vec<TimeRange>,
    pub ticked: Vec<TimeRange>,
}

impl AvailabilityEdit {
    /// The member's availability once the edit is applied to `current`.
    pub fn apply(&self, current: &[TimeRange], now: DateTime<Utc>) -> Vec<TimeRange> {
        let kept = current
            .iter()
            .filter(|w| w.end() > now && !self.shown.iter().any(|s| s.overlaps(w)));
        TimeRange::merge(kept.chain(&self.ticked).copied().collect())
    }
}

/// Saves the whole profile editor at once, in one transaction: the profile and, when the form
/// carried the availability grid, the availability.
pub async fn save(
    state: &AppState,
    m: &AsMember,
    update: &ProfileUpdate,
    availability: Option<&AvailabilityEdit>,
) -> Result<Member, AppError> {
    let windows = match availability {
        Some(edit) => {
            let current = state.store.member(m.community.id, m.member).await?;
            Some(edit.apply(&current.availability, state.clock.now()))
        }
        None => None,
    };
    let member = state
        .store
        .save_profile(m.community.id, m.member, update, windows.as_deref())
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

/// Applies an availability edit alone (the grid posted without the rest of the profile).
pub async fn edit_availability(
    state: &AppState,
    m: &AsMember,
    edit: &AvailabilityEdit,
) -> Result<Member, AppError> {
    let current = state.store.member(m.community.id, m.member).await?;
    let windows = edit.apply(&current.availability, state.clock.now());
    set_availability(state, m, &windows).await
}

async fn changed(state: &AppState, m: &AsMember) {
    (state.recommendations)
        .member_changed(&state.store, m.community.id, m.member, state.clock.now())
        .await;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(start: i64, end: i64) -> TimeRange {
        TimeRange::from_unix(start, end).expect("a range")
    }

    #[test]
    fn an_edit_replaces_what_it_showed_and_keeps_later_days() {
        let now = DateTime::from_timestamp(1_000, 0).expect("now");
        let shown = vec![range(10_000, 20_000)];
        let edit = AvailabilityEdit {
            shown,
            ticked: vec![range(12_000, 13_800)],
        };
        let current = [
            range(100, 500),       // past: dropped
            range(10_000, 11_800), // in the grid, unticked: dropped
            range(50_000, 51_800), // beyond the grid: kept
        ];
        assert_eq!(
            edit.apply(&current, now),
            vec![range(12_000, 13_800), range(50_000, 51_800)]
        );
    }
}
