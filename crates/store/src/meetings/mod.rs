//! Meetings: accepting a request (the meeting, its participants and its spot, written in one
//! transaction), reading, listing and cancelling. The schema refuses double-booking; this
//! code maps the database's refusals to clear codes, and looks first only where that gives a
//! clearer answer than the refusal would.
//!
//! This module holds the types a meeting is read into; the work is split by idea, each part
//! using only the parts listed before it (no part imports one listed after it):
//!
//! - [`locks`]: the locks a write takes on people and on a meeting's seats;
//! - [`booking`]: choosing a spot and writing a meeting with its participants and events;
//! - [`accept`]: accepting requests, one at a time or as a schedule gives them;
//! - [`reads`]: a meeting, a member's or user's meetings, a community's upcoming ones;
//! - [`waitlist`]: the waitlist of a full group meeting, and giving freed seats to it;
//! - [`seats`]: taking and giving up a seat in a group meeting;
//! - [`cancel`]: cancelling a meeting for everyone;
//! - [`invariants`]: counting the rows that break the booking invariants.

use chrono::{DateTime, Utc};
use peerlearn_domain::{CommunityId, MeetingId, MemberId, SpotId, SpotKind, TimeRange, TopicId};

mod accept;
pub(crate) mod booking;
pub(crate) mod cancel;
mod invariants;
pub(crate) mod locks;
mod reads;
pub(crate) mod seats;
pub(crate) mod waitlist;

#[derive(Debug, Clone)]
pub struct Participant {
    pub member: MemberId,
    pub name: String,
    pub host: bool,
    pub confirmed: bool,
}

#[derive(Debug, Clone)]
pub struct MeetingSpot {
    pub id: SpotId,
    pub name: String,
    pub kind: SpotKind,
}

#[derive(Debug, Clone)]
pub struct Meeting {
    pub id: MeetingId,
    pub community_id: CommunityId,
    pub topic_id: TopicId,
    pub topic_title: String,
    pub time: TimeRange,
    pub spot: Option<MeetingSpot>,
    pub video_url: Option<String>,
    pub capacity: u32,
    pub seats_taken: u32,
    pub confirmed: bool,
    pub sequence: i64,
    pub cancel_reason: String,
    pub participants: Vec<Participant>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Meeting {
    pub fn is_participant(&self, member: MemberId) -> bool {
        self.participants.iter().any(|p| p.member == member)
    }

    /// The seats for participants (the host not counted, as a group topic's capacity counts
    /// them): how many are taken and how many there are.
    pub fn participant_seats(&self) -> (u32, u32) {
        (
            self.seats_taken.saturating_sub(1),
            self.capacity.saturating_sub(1),
        )
    }
}
