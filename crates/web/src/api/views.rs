//! What the API answers: JSON shapes built from store records.

use peerlearn_domain::Role;
use peerlearn_store::{Community, Member, MemberSummary, Spot, User};
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub struct UserView {
    pub id: String,
    pub email: String,
    pub display_name: String,
}

impl From<&User> for UserView {
    fn from(u: &User) -> Self {
        Self {
            id: u.id.to_string(),
            email: u.email.clone(),
            display_name: u.display_name.clone(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct SignupView {
    pub user: UserView,
    /// An API token for `Authorization: Bearer …`.
    pub token: String,
}

#[derive(Serialize, ToSchema)]
pub struct TokenView {
    pub token: String,
    /// RFC 3339.
    pub expires_at: String,
}

impl From<crate::app::accounts::Issued> for TokenView {
    fn from(issued: crate::app::accounts::Issued) -> Self {
        Self {
            token: issued.secret,
            expires_at: issued
                .expires_at
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct CommunityView {
    pub id: String,
    pub name: String,
    pub description: String,
    /// `event` or `ongoing`.
    pub kind: String,
    pub timezone: String,
    pub starts_on: Option<String>,
    pub ends_on: Option<String>,
    pub day_start: String,
    pub day_end: String,
    /// `open` or `invite`.
    pub join_policy: String,
    /// `en` or `fr`: the language of pages and messages for people whose own is not known.
    pub language: String,
    pub member_count: i64,
    /// The caller's role, if they are a member.
    pub my_role: Option<String>,
    /// Shown to organizers only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub invite_code: Option<String>,
}

impl CommunityView {
    pub fn new(c: &Community, role: Option<Role>) -> Self {
        let dates = c.calendar.dates;
        Self {
            id: c.id.to_string(),
            name: c.name.clone(),
            description: c.description.clone(),
            kind: c.kind.as_str().into(),
            timezone: c.calendar.timezone.name().into(),
            starts_on: dates.map(|d| d.starts_on.to_string()),
            ends_on: dates.map(|d| d.ends_on.to_string()),
            day_start: c.calendar.hours.start().format("%H:%M").to_string(),
            day_end: c.calendar.hours.end().format("%H:%M").to_string(),
            join_policy: c.join_policy.as_str().into(),
            language: c.language.as_str().into(),
            member_count: c.member_count,
            my_role: role.map(|r| r.as_str().into()),
            invite_code: role
                .filter(|r| r.can_organize())
                .map(|_| c.invite_code.clone()),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct MeView {
    pub id: String,
    pub email: String,
    pub display_name: String,
    pub communities: Vec<CommunityView>,
}

#[derive(Serialize, ToSchema)]
pub struct WindowView {
    pub start: String,
    pub end: String,
}

#[derive(Serialize, ToSchema)]
pub struct MemberView {
    pub id: String,
    pub community_id: String,
    pub display_name: String,
    /// `organizer`, `moderator` or `member`.
    pub role: String,
    pub headline: String,
    pub bio: String,
    pub team: String,
    pub languages: Vec<String>,
    pub offers: Vec<String>,
    pub wants: Vec<String>,
    pub availability: Vec<WindowView>,
    /// The most meetings the member takes in one day, if capped.
    pub daily_cap: Option<u32>,
}

impl From<&Member> for MemberView {
    fn from(m: &Member) -> Self {
        Self {
            id: m.id.to_string(),
            community_id: m.community_id.to_string(),
            display_name: m.display_name.clone(),
            role: m.role.as_str().into(),
            headline: m.headline.clone(),
            bio: m.bio.clone(),
            team: m.team.clone(),
            languages: m.languages.clone(),
            offers: m.offers.clone(),
            wants: m.wants.clone(),
            daily_cap: m.daily_cap,
            availability: m
                .availability
                .iter()
                .map(|w| WindowView {
                    start: w.start().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                    end: w.end().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                })
                .collect(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct MemberSummaryView {
    pub id: String,
    pub display_name: String,
    pub role: String,
    pub headline: String,
    pub team: String,
    pub offers: Vec<String>,
    pub wants: Vec<String>,
}

impl From<&MemberSummary> for MemberSummaryView {
    fn from(m: &MemberSummary) -> Self {
        Self {
            id: m.id.to_string(),
            display_name: m.display_name.clone(),
            role: m.role.as_str().into(),
            headline: m.headline.clone(),
            team: m.team.clone(),
            offers: m.offers.clone(),
            wants: m.wants.clone(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct MemberPage {
    pub items: Vec<MemberSummaryView>,
    pub next_cursor: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct SpotView {
    pub id: String,
    pub name: String,
    /// `table`, `room` or `virtual`.
    pub kind: String,
    pub capacity: u32,
}

impl From<&Spot> for SpotView {
    fn from(s: &Spot) -> Self {
        Self {
            id: s.id.to_string(),
            name: s.name.clone(),
            kind: s.kind.as_str().into(),
            capacity: s.capacity,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct SpotList {
    pub items: Vec<SpotView>,
    pub next_cursor: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct TagCountView {
    pub tag: String,
    pub count: i64,
}

#[derive(Serialize, ToSchema)]
pub struct HostView {
    pub id: String,
    pub display_name: String,
    pub team: String,
}

#[derive(Serialize, ToSchema)]
pub struct TopicView {
    pub id: String,
    pub community_id: String,
    /// `offer` or `ask`.
    pub kind: String,
    pub title: String,
    /// Markdown, as written.
    pub description: String,
    /// The description rendered to safe HTML.
    pub description_html: String,
    pub tags: Vec<String>,
    /// `one_on_one` or `group`.
    pub format: String,
    /// 1 for one-on-one; the seats of a group.
    pub capacity: u32,
    /// `in_person`, `virtual` or `either`.
    pub mode: String,
    pub duration_minutes: u32,
    pub starts_at: Option<String>,
    /// `open` or `closed`.
    pub status: String,
    pub host: HostView,
    pub created_at: String,
    /// For a group topic with a fixed time: seats taken by participants (the host not
    /// counted, as in `capacity`), seats left, and its meeting.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seats_taken: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seats_left: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meeting_id: Option<String>,
}

impl TopicView {
    /// The view with the seats of the topic's group meeting.
    pub fn with_meeting(mut self, meeting: Option<&peerlearn_store::Meeting>) -> Self {
        if let Some(m) = meeting {
            let (taken, seats) = m.participant_seats();
            self.seats_taken = Some(taken);
            self.seats_left = Some(seats.saturating_sub(taken));
            self.meeting_id = Some(m.id.to_string());
        }
        self
    }
}

impl From<&peerlearn_store::Topic> for TopicView {
    fn from(t: &peerlearn_store::Topic) -> Self {
        let rfc =
            |d: chrono::DateTime<chrono::Utc>| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        Self {
            id: t.id.to_string(),
            community_id: t.community_id.to_string(),
            kind: t.kind.as_str().into(),
            title: t.title.clone(),
            description: t.description.clone(),
            description_html: stored_or_rendered(t),
            tags: t.tags.clone(),
            format: t.format.as_str().into(),
            capacity: t.capacity,
            mode: t.mode.as_str().into(),
            duration_minutes: t.duration_minutes,
            starts_at: t.starts_at.map(rfc),
            status: if t.open { "open" } else { "closed" }.into(),
            host: HostView {
                id: t.host.to_string(),
                display_name: t.host_name.clone(),
                team: t.host_team.clone(),
            },
            created_at: rfc(t.created_at),
            seats_taken: None,
            seats_left: None,
            meeting_id: None,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct TopicPage {
    pub items: Vec<TopicView>,
    pub next_cursor: Option<String>,
}

pub use crate::clock::rfc3339;

#[derive(Serialize, ToSchema)]
pub struct RequestView {
    pub id: String,
    pub topic_id: String,
    pub topic_title: String,
    pub requester: HostView,
    pub decider: HostView,
    /// `pending`, `accepted`, `declined`, `withdrawn` or `expired` (pending, every proposed
    /// time passed).
    pub status: String,
    pub proposed_times: Vec<String>,
    pub message: String,
    pub reply: String,
    pub meeting_id: Option<String>,
    pub created_at: String,
    /// The member whose answer a pending request waits for: the person asked, or the requester
    /// after the person asked proposed other times.
    pub awaiting: String,
}

impl RequestView {
    /// The request as of `now` (pending requests whose times have passed show as `expired`).
    pub fn new(r: &peerlearn_store::Request, now: chrono::DateTime<chrono::Utc>) -> Self {
        Self {
            id: r.id.to_string(),
            topic_id: r.topic_id.to_string(),
            topic_title: r.topic_title.clone(),
            requester: HostView {
                id: r.requester.to_string(),
                display_name: r.requester_name.clone(),
                team: String::new(),
            },
            decider: HostView {
                id: r.decider.to_string(),
                display_name: r.decider_name.clone(),
                team: String::new(),
            },
            status: r.status_at(now).as_str().into(),
            proposed_times: r.times.iter().map(|t| rfc3339(t.start())).collect(),
            message: r.message.clone(),
            reply: r.reply.clone(),
            meeting_id: r.meeting_id.map(|m| m.to_string()),
            created_at: rfc3339(r.created_at),
            awaiting: r.awaiting.to_string(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct RequestList {
    pub items: Vec<RequestView>,
    pub next_cursor: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct MeetingSpotView {
    pub id: String,
    pub name: String,
    /// `table`, `room` or `virtual`.
    pub kind: String,
}

#[derive(Serialize, ToSchema)]
pub struct ParticipantView {
    pub member_id: String,
    pub display_name: String,
    pub host: bool,
    /// `confirmed` or `cancelled`.
    pub status: String,
}

#[derive(Serialize, ToSchema)]
pub struct MeetingView {
    pub id: String,
    pub community_id: String,
    pub topic_id: String,
    pub topic_title: String,
    pub start: String,
    pub end: String,
    pub spot: Option<MeetingSpotView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub video_url: Option<String>,
    /// Member ids of the people taking part.
    pub participants: Vec<String>,
    pub people: Vec<ParticipantView>,
    /// `confirmed` or `cancelled`.
    pub status: String,
    pub cancel_reason: String,
}

impl From<&peerlearn_store::Meeting> for MeetingView {
    fn from(m: &peerlearn_store::Meeting) -> Self {
        Self {
            id: m.id.to_string(),
            community_id: m.community_id.to_string(),
            topic_id: m.topic_id.to_string(),
            topic_title: m.topic_title.clone(),
            start: rfc3339(m.time.start()),
            end: rfc3339(m.time.end()),
            spot: m.spot.as_ref().map(|s| MeetingSpotView {
                id: s.id.to_string(),
                name: s.name.clone(),
                kind: s.kind.as_str().into(),
            }),
            video_url: m.video_url.clone(),
            participants: m
                .participants
                .iter()
                .filter(|p| p.confirmed || !m.confirmed)
                .map(|p| p.member.to_string())
                .collect(),
            people: m
                .participants
                .iter()
                .map(|p| ParticipantView {
                    member_id: p.member.to_string(),
                    display_name: p.name.clone(),
                    host: p.host,
                    status: if p.confirmed {
                        "confirmed"
                    } else {
                        "cancelled"
                    }
                    .into(),
                })
                .collect(),
            status: if m.confirmed {
                "confirmed"
            } else {
                "cancelled"
            }
            .into(),
            cancel_reason: m.cancel_reason.clone(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct MeetingList {
    pub items: Vec<MeetingView>,
    pub next_cursor: Option<String>,
}

pub use crate::markdown::stored_or_rendered;
