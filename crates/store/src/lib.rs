//! peerlearn's persistence. One [`Store`] over an sqlx `Any` pool: SQLite (embedded, the
//! default) or PostgreSQL, chosen once from the database URL. Queries are written once, in the
//! SQL both backends share, with `$1` placeholders and runtime binds; the storage conformance
//! suite (`tests/conformance`) runs unchanged on both backends and is the check that they agree.
//! Every multi-row write runs in one transaction; the schema's constraints are the last word.

mod account_links;
mod board;
mod cache;
mod communities;
mod community_export;
mod db;
mod dialect;
mod effects;
mod error;
mod exports;
mod followup;
mod group_requests;
mod imports;
mod insights;
mod invitations;
mod leaving;
mod live;
mod live_feed;
mod lookups;
mod market_cache;
mod matching_data;
mod meet_now;
mod meet_now_pool;
mod meet_now_proposals;
mod meetings;
mod members;
mod mixers;
mod moderation;
mod notes;
mod operators;
mod outbox;
mod questions;
mod records;
mod repairing;
mod requests;
mod schedule_inputs;
mod schema;
mod seat_offers;
mod sessions;
mod spots;
mod sql;
mod tag_labels;
mod topics;
mod users;
mod webhooks;

pub use account_links::LinkKind;
pub use board::{BoardDay, FreeMember};
pub use communities::{CommunityUpdate, NewCommunity};
pub use community_export::{ExportedMeeting, ExportedMember, ExportedTopic};
pub use db::{Backend, PoolUsage, Store, redact};
pub use effects::NoShows;
pub use error::StoreError;
pub use exports::{ARCHIVE, ARCHIVE_FORMAT, ArchivePart, DataExport, ExportStatus};
pub use followup::{Attendance, FeedbackRecord, Thanks};
pub use imports::{
    ImportOutcome, ImportPerson, ImportStatus, InvitationEmails, Invitee, Known, MemberImport,
};
pub use insights::{Dashboard, Demand, Ledger};
pub use invitations::{Invitation, InvitationCounts, InvitationFilter, InvitationLink, Resent};
pub use leaving::FormerName;
pub use live::{LiveEvent, NavCounts, NewLiveEvent};
pub use live_feed::{LiveFeed, Wakes};
pub use matching_data::{Dismissed, MatchingData, MatchingFingerprint, MatchingMember};
pub use meet_now::{FreeEntry, NowProposal, NowStatus};
pub use meet_now_pool::{PoolEntry, PoolTopicRow};
pub use meet_now_proposals::{NewNowProposal, NowAnswer};
pub use meetings::waitlist::WaitlistPlace;
pub use meetings::{Meeting, MeetingSpot, Participant};
pub use members::{DirectoryFilter, MemberContact, ProfileUpdate};
pub use mixers::{NewMixer, NewMixerGroup, NewMixerRound, PublishedRound};
pub use moderation::{AuditEntry, Hidden, Moderator, Report, ReportStatus};
pub use notes::{Note, NoteFilter};
pub use operators::{CommunityListing, NewOrganizer, OrganizerChange};
pub use outbox::{
    CompletedEvent, EventEffect, Job, JobKind, MAX_ATTEMPTS, NewNotification, Notification,
    OutboxDepth,
};
pub use peerlearn_domain::RequestStatus;
pub use questions::{Answer, NewAnswer, NewQuestion, Question, QuestionFilter};
pub use records::{
    Community, Member, MemberSummary, Page, Spot, TagCount, TokenInfo, TokenKind, TokenOwner,
    Topic, TopicFilter, User,
};
pub use repairing::StoodUp;
pub use requests::{NewRequest, Request};
pub use schema::SchemaTable;
pub use seat_offers::OpenSeats;
pub use spots::{NewSpot, SpotRemoval};
pub use tag_labels::TagLabels;
pub use topics::{NewTopic, TopicEdit};
pub use webhooks::{
    Attempt, Delivery, DueDelivery, NewWebhookEvent, RetryPolicy, WebhookEndpoint, WebhookUpdate,
};

/// The result of a store operation.
pub type StoreResult<T> = Result<T, StoreError>;
