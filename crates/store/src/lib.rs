//! peerlearn's persistence. One [`Store`] over an sqlx `Any` pool: SQLite (embedded, the
//! default) or PostgreSQL, chosen once from the database URL. Queries are written once, in the
//! SQL both backends share, with `$1` placeholders and runtime binds; the storage conformance
//! suite (`tests/conformance`) runs unchanged on both backends and is the check that they agree.
//! Every multi-row write runs in one transaction; the schema's constraints are the last word.

mod communities;
mod db;
mod error;
mod meetings;
mod members;
mod outbox;
mod records;
mod requests;
mod spots;
mod sql;
mod topics;
mod users;
mod waitlist;

pub use communities::{CommunityUpdate, NewCommunity};
pub use db::{Backend, Store, redact};
pub use error::StoreError;
pub use meetings::{Meeting, MeetingSpot, Participant};
pub use members::{DirectoryFilter, ProfileUpdate};
pub use outbox::{Job, JobKind, MAX_ATTEMPTS, NewNotification, Notification};
pub use records::{Community, Member, MemberSummary, Page, Spot, TagCount, TokenKind, User};
pub use requests::{NewRequest, Request, RequestStatus};
pub use spots::NewSpot;
pub use topics::{NewTopic, Topic, TopicFilter};
pub use users::TokenOwner;
pub use waitlist::WaitlistPlace;

/// The result of a store operation.
pub type StoreResult<T> = Result<T, StoreError>;
