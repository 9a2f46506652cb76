//! peerlearn's words as types. Input is parsed into these at the edge (web forms, JSON, CLI);
//! after parsing, no layer re-validates. No I/O, no async.

#[macro_use]
mod words;

mod community;
mod error;
mod ids;
mod moderation;
mod profile;
mod text;
mod time_range;
mod topic;

pub use community::{
    CommunityCalendar, CommunityKind, DayHours, EventDates, JoinPolicy, Role, SpotKind, Timezone,
};
pub use error::{Invalid, InvalidInput};
pub use ids::{
    AnswerId, CommunityId, MeetingId, MemberId, QuestionId, ReportId, RequestId, SpotId, TopicId,
    UserId,
};
pub use moderation::SubjectKind;
pub use profile::{Capacity, Language, Languages, ProfileText, Tag, TagList};
pub use text::{BoundedText, DisplayName, Email, Password};
pub use time_range::{TimeRange, common_free_slots};
pub use topic::{MeetingMode, Minutes, TopicFormat, TopicKind, parse_group_capacity};
