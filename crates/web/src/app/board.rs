//! The lounge board: what a large screen at the venue shows of a community right now (the
//! meetings now and next at each spot, group sessions starting within the hour with free
//! seats, who is free now, today's conversations and bridges), and its display link, which
//! shows the board without signing in. Only the link's hash is kept; making a new link
//! replaces the old one.

use chrono::{DateTime, Duration, NaiveTime, TimeZone, Utc};
use peerlearn_domain::{CommunityId, SpotKind};
use peerlearn_store::{BoardDay, FreeMember, Meeting};

use crate::auth::{hash_token, new_secret};
use crate::error::AppError;
use crate::state::AppState;

/// Spots listed at most (a screen shows no more).
const SPOTS: usize = 12;
/// Group sessions listed at most.
const GROUPS: usize = 4;
/// People free now listed at most, and the tags shown for each.
const FREE: i64 = 6;
const TAGS: usize = 2;
/// How far ahead a group session with free seats is shown.
const GROUP_HORIZON_MINUTES: i64 = 60;

/// A spot with its meeting under way and its next one (at least one of them).
#[derive(Debug)]
pub struct SpotLine {
    pub name: String,
    pub now: Option<Meeting>,
    pub next: Option<Meeting>,
}

/// Everything the board shows.
#[derive(Debug)]
pub struct Board {
    pub now: DateTime<Utc>,
    pub spots: Vec<SpotLine>,
    /// Group sessions starting within the hour that have a free seat, soonest first.
    pub groups: Vec<Meeting>,
    pub free: Vec<FreeMember>,
    pub day: BoardDay,
}

/// The board of `community` (whose time zone `tz` sets where "today" begins).
pub async fn board(
    state: &AppState,
    community: CommunityId,
    tz: chrono_tz::Tz,
) -> Result<Board, AppError> {
    let now = state.clock.now();
    let meetings = state.store.upcoming_meetings(community, now).await?;
    let mut spots = Vec::new();
    for spot in state.store.spots(community).await? {
        if spot.kind == SpotKind::Virtual {
            continue;
        }
        let here = meetings
            .iter()
            .filter(|g| g.spot.as_ref().is_some_and(|s| s.id == spot.id));
        let current = here
            .clone()
            .find(|g| g.time.start() <= now && now < g.time.end());
        let next = here.clone().find(|g| g.time.start() > now);
        if current.is_some() || next.is_some() {
            spots.push(SpotLine {
                name: spot.name,
                now: current.cloned(),
                next: next.cloned(),
            });
        }
    }
    spots.sort_by_key(|s| {
        (
            s.now.is_none(),
            s.now.as_ref().or(s.next.as_ref()).map(|g| g.time.start()),
        )
    });
    spots.truncate(SPOTS);
    let horizon = now + Duration::minutes(GROUP_HORIZON_MINUTES);
    let groups = meetings
        .into_iter()
        .filter(|g| {
            g.capacity > 2
                && g.seats_taken < g.capacity
                && g.time.start() > now
                && g.time.start() <= horizon
        })
        .take(GROUPS)
        .collect();
    let free = state.store.free_members(community, now, FREE, TAGS).await?;
    let day = state
        .store
        .board_day(community, start_of_day(now, tz), now)
        .await?;
    Ok(Board {
        now,
        spots,
        groups,
        free,
        day,
    })
}

/// Midnight of `now`'s day in `tz` (the earliest such instant on a day that skips it).
fn start_of_day(now: DateTime<Utc>, tz: chrono_tz::Tz) -> DateTime<Utc> {
    let day = now.with_timezone(&tz).date_naive();
    (0..24)
        .find_map(|h| {
            tz.from_local_datetime(&day.and_time(NaiveTime::from_hms_opt(h, 0, 0)?))
                .earliest()
        })
        .map_or(now, |t| t.with_timezone(&Utc))
}

/// Makes a new display link for `community` and answers its secret, shown once; the link
/// made before stops working.
pub async fn new_display_link(
    state: &AppState,
    community: CommunityId,
) -> Result<String, AppError> {
    let secret = new_secret();
    state
        .store
        .set_board_display(community, &hash_token(&secret), state.clock.now())
        .await?;
    Ok(secret)
}

/// Checks a display link's secret: 403 `forbidden-board-link` unless it is the community's
/// current one.
pub async fn check_display_link(
    state: &AppState,
    community: CommunityId,
    secret: &str,
) -> Result<(), AppError> {
    let valid = secret.len() <= 128
        && state
            .store
            .board_display_matches(community, &hash_token(secret))
            .await?;
    if valid {
        Ok(())
    } else {
        Err(AppError::Forbidden("forbidden-board-link"))
    }
}

/// A name as the board shows it: the first word only.
pub fn first_name(name: &str) -> &str {
    name.split_whitespace().next().unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_names_only() {
        assert_eq!(first_name("Ana Sousa"), "Ana");
        assert_eq!(first_name("  Bo "), "Bo");
        assert_eq!(first_name(""), "");
    }

    #[test]
    fn the_day_begins_at_local_midnight() {
        let now = DateTime::parse_from_rfc3339("2026-05-01T12:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let lisbon: chrono_tz::Tz = "Europe/Lisbon".parse().unwrap();
        assert_eq!(
            start_of_day(now, lisbon).to_rfc3339(),
            "2026-04-30T23:00:00+00:00"
        );
        assert_eq!(
            start_of_day(now, chrono_tz::UTC).to_rfc3339(),
            "2026-05-01T00:00:00+00:00"
        );
    }
}
