//! peerlearn's words as types. Input is parsed into these at the edge (web forms, JSON, CLI);
//! after parsing, no layer re-validates. No I/O, no async.

#[macro_use]
mod words;

mod after_meeting;
mod booking;
mod community;
mod error;
mod ids;
mod meet_now;
mod moderation;
mod profile;
mod text;
mod time_range;
mod topic;
mod webhooks;

pub use after_meeting::{
    CHECK_BACK_DAYS, CHECK_IN_OPENS_MINUTES, CheckInClosed, CheckInMethod, Feedback, FeedbackInput,
    NO_SHOW_GRACE_MINUTES, NO_SHOW_WINDOW_DAYS, NO_SHOWS_TO_PAUSE, Tried, check_in_open,
    check_in_time, feedback_open,
};
pub use booking::{MeetingStatus, ParticipantRole, RequestStatus};
pub use community::{
    CommunityCalendar, CommunityKind, CommunityLanguage, DayHours, EventDates, JoinPolicy, Role,
    SpotKind, Timezone,
};
pub use error::{Arg, Invalid, InvalidInput};
pub use ids::{
    AnswerId, CommunityId, DeliveryId, MeetingId, MemberId, NotAnId, NoteId, NowProposalId,
    QuestionId, ReportId, RequestId, SpotId, TopicId, UserId, WebhookId, parse_id,
};
pub use meet_now::{
    FREE_MAX_MINUTES, FREE_MIN_MINUTES, FreeFor, LEAD_MINUTES, MEETING_MAX_MINUTES,
    MEETING_MIN_MINUTES, REPAIR_AFTER_MINUTES, proposed_time,
};
pub use moderation::SubjectKind;
pub use profile::{Capacity, Language, Languages, ProfileText, Tag, TagList};
pub use text::{BoundedText, DisplayName, Email, Password};
pub use time_range::{TimeRange, common_free_slots};
pub use topic::{MeetingMode, Minutes, TopicFormat, TopicKind, parse_group_capacity};
pub use webhooks::{
    DELIVERY_ATTEMPTS, EventType, EventTypes, FAILED_DELIVERIES_TO_DISABLE,
    FAILING_HOURS_TO_DISABLE, retry_delay,
};
