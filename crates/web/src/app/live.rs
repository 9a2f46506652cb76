//! Following one's live updates: the events the notification pipeline's live channel wrote for
//! the signed-in user, from a number on, then each new one as its event completes (on any
//! server process), each followed by the navigation counts of the member it concerns.
//!
//! The stream keeps a cursor (the number of the last event it sent) and, whenever its user is
//! woken (`store::LiveFeed`), reads the rows after it: a wake-up lost or doubled never loses or
//! repeats an event, and a client that reconnects with the last number it saw continues
//! exactly there. Streams end when the server shuts down ([`LiveStreams::close`]).

use std::collections::VecDeque;
use std::sync::Arc;

use futures_util::Stream;
use peerlearn_domain::{CommunityId, MemberId, UserId};
use peerlearn_store::{LiveEvent, NavCounts, Wakes};
use tokio::sync::watch;

use crate::error::AppError;
use crate::state::AppState;

/// Events read at once; a longer backlog is read in turns.
const BATCH: i64 = 100;

/// What a live stream sends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LiveUpdate {
    /// Something happened to the member (its number is the stream's event id).
    Event(LiveEvent),
    /// The member's navigation counts after the events just sent.
    Counts {
        community: CommunityId,
        counts: NavCounts,
    },
}

/// The server's open streams, which end when it shuts down. Cheap to clone.
#[derive(Debug, Clone)]
pub struct LiveStreams {
    closing: Arc<watch::Sender<bool>>,
    /// Where streams read, when the server gave them a pool of their own.
    reads: Arc<std::sync::OnceLock<peerlearn_store::Store>>,
}

impl Default for LiveStreams {
    fn default() -> Self {
        Self {
            closing: Arc::new(watch::channel(false).0),
            reads: Arc::default(),
        }
    }
}

impl LiveStreams {
    /// Ends every open stream (and any opened later) so that the server can drain.
    pub fn close(&self) {
        self.closing.send_replace(true);
    }

    /// Streams opened from now on read through `store` (the server's pool for the pipeline
    /// and streams, see `Store::with_own_pool`). Set once.
    pub fn read_from(&self, store: peerlearn_store::Store) {
        let _ = self.reads.set(store);
    }
}

/// Parses the number a client resumes after (`Last-Event-ID`, or `?after=`).
pub fn resume_point(field: &str, raw: &str) -> Result<i64, AppError> {
    raw.trim()
        .parse::<i64>()
        .ok()
        .filter(|n| *n >= 0)
        .ok_or_else(|| AppError::invalid(field, "invalid-whole-number"))
}

/// `user`'s live updates after event number `after` (from now when `None`).
pub async fn follow(
    state: &AppState,
    user: UserId,
    after: Option<i64>,
) -> Result<impl Stream<Item = LiveUpdate> + Send + 'static, AppError> {
    // Listen first, then read where the stream stands: nothing written in between is missed.
    let wakes = state.store.live().subscribe(user).await?;
    let last = state.store.live_last_id(user).await?;
    // A number from before the stream's events were forgotten, or from another database,
    // continues from the last event there is.
    let cursor = after.map_or(last, |a| a.min(last));
    let mut reading = state.clone();
    if let Some(store) = state.live.reads.get() {
        reading.store = store.clone();
    }
    let follower = Follower {
        state: reading,
        user,
        cursor,
        wakes,
        closing: state.live.closing.subscribe(),
        queue: VecDeque::new(),
    };
    Ok(futures_util::stream::unfold(follower, |mut f| async move {
        f.next().await.map(|update| (update, f))
    }))
}

struct Follower {
    state: AppState,
    user: UserId,
    cursor: i64,
    wakes: Wakes,
    closing: watch::Receiver<bool>,
    queue: VecDeque<LiveUpdate>,
}

impl Follower {
    /// The next update, or `None` when the stream ends (shutdown, or the database failing:
    /// the client reconnects and resumes).
    async fn next(&mut self) -> Option<LiveUpdate> {
        loop {
            if *self.closing.borrow() {
                return None;
            }
            if let Some(update) = self.queue.pop_front() {
                return Some(update);
            }
            match self.read().await {
                Ok(true) => continue,
                Ok(false) => {}
                Err(e) => {
                    tracing::warn!(error = %e, "live updates: reading failed; the stream ends");
                    return None;
                }
            }
            if !self.wait().await {
                return None;
            }
        }
    }

    /// Reads the events after the cursor into the queue; whether there were any.
    async fn read(&mut self) -> Result<bool, peerlearn_store::StoreError> {
        let store = &self.state.store;
        let events = store
            .live_events_after(self.user, self.cursor, BATCH)
            .await?;
        let Some(last) = events.last() else {
            return Ok(false);
        };
        self.cursor = last.id;
        let mut concerned: Vec<(CommunityId, MemberId)> = Vec::new();
        for e in &events {
            if !concerned.contains(&(e.community, e.member)) {
                concerned.push((e.community, e.member));
            }
        }
        self.queue.extend(events.into_iter().map(LiveUpdate::Event));
        let now = self.state.clock.now();
        for (community, member) in concerned {
            let counts = store.nav_counts(self.user, member, now).await?;
            self.queue
                .push_back(LiveUpdate::Counts { community, counts });
        }
        Ok(true)
    }

    /// Waits until this user may have new events; `false` when the stream should end.
    async fn wait(&mut self) -> bool {
        loop {
            tokio::select! {
                changed = self.closing.changed() => {
                    if changed.is_err() || *self.closing.borrow() {
                        return false;
                    }
                }
                woken = self.wakes.recv() => return woken,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::resume_point;

    #[test]
    fn resume_points_are_whole_numbers() {
        assert_eq!(resume_point("after", "0").ok(), Some(0));
        assert_eq!(resume_point("after", " 42 ").ok(), Some(42));
        assert_eq!(
            resume_point("after", "9000000000").ok(),
            Some(9_000_000_000)
        );
        for bad in ["", "-1", "x", "1.5", "99999999999999999999"] {
            assert!(resume_point("after", bad).is_err(), "{bad}");
        }
    }
}
