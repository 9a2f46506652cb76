//! The member directory and a member's profile. (The profile editor is in `profile.rs`.)

use askama::Template;
use axum::extract::{Path, Query, State};
use chrono_tz::Tz;
use peerlearn_domain::{MemberId, Role, TimeRange, TopicKind};
use peerlearn_store::{MemberSummary, TagCount, TopicFilter};
use serde::Deserialize;

use super::communities::CommunityCard;
use super::{Page, PageResult, render};
use crate::auth::{CsrfToken, Member};
use crate::i18n::Lang;
use crate::input::path_id;
use crate::input::queries::directory_filter;
use crate::state::AppState;

/// Tags of each kind shown on a directory card before "2 more".
const CARD_TAGS: usize = 3;
/// Members on a directory page.
const PAGE_SIZE: i64 = 24;
/// A member's open topics shown on their profile.
const PROFILE_TOPICS: i64 = 6;

#[derive(Deserialize, Default)]
pub struct DirectoryQuery {
    tag: Option<String>,
    q: Option<String>,
    cursor: Option<String>,
}

/// A member as a directory card shows them.
pub struct PersonCard {
    pub id: String,
    pub name: String,
    pub headline: String,
    pub team: String,
    /// "Organizer" or "Moderator"; empty for members.
    pub role: String,
    pub offers: Vec<String>,
    pub wants: Vec<String>,
    /// Tags left off the card.
    pub more: usize,
}

impl PersonCard {
    fn new(m: MemberSummary, lang: Lang) -> Self {
        let offers: Vec<String> = m.offers.iter().take(CARD_TAGS).cloned().collect();
        let wants: Vec<String> = m.wants.iter().take(CARD_TAGS).cloned().collect();
        let more = m.offers.len() + m.wants.len() - offers.len() - wants.len();
        Self {
            id: m.id.to_string(),
            name: m.display_name,
            headline: m.headline,
            team: m.team,
            role: role_label(lang, m.role),
            offers,
            wants,
            more,
        }
    }
}

#[derive(Template)]
#[template(path = "directory.html")]
struct DirectoryTemplate {
    page: Page,
    community: CommunityCard,
    members: Vec<PersonCard>,
    tags: Vec<TagCount>,
    tag: String,
    q: String,
    next_url: Option<String>,
    /// The first page, when this is a later one.
    first_url: Option<String>,
    error: Option<String>,
}

impl DirectoryTemplate {
    /// How many filters are set.
    fn active_filters(&self) -> usize {
        usize::from(!self.tag.is_empty()) + usize::from(!self.q.is_empty())
    }

    /// The directory filtered by `tag` (and the current search).
    fn tag_url(&self, tag: &str) -> String {
        directory_url(&self.community.id, tag, &self.q, None)
    }
}

fn directory_url(cid: &str, tag: &str, q: &str, cursor: Option<&str>) -> String {
    let mut params = url::form_urlencoded::Serializer::new(String::new());
    if !tag.is_empty() {
        params.append_pair("tag", tag);
    }
    if !q.is_empty() {
        params.append_pair("q", q);
    }
    if let Some(c) = cursor {
        params.append_pair("cursor", c);
    }
    let params = params.finish();
    if params.is_empty() {
        format!("/c/{cid}/members")
    } else {
        format!("/c/{cid}/members?{params}")
    }
}

pub async fn directory(
    State(state): State<AppState>,
    Member { me, m }: Member,
    csrf: CsrfToken,
    Query(query): Query<DirectoryQuery>,
) -> PageResult {
    let id = m.community.id;
    let page = Page::new(Some(&me), &csrf);
    let cursor = query.cursor.as_deref().and_then(|c| c.parse::<i64>().ok());
    let tags = state.store.tag_suggestions(id, "", 200).await?;
    let tag = query.tag.clone().unwrap_or_default();
    let q = query.q.clone().unwrap_or_default();
    let cid = id.to_string();
    let (members, next_url, error) = match directory_filter(Some(&tag), Some(&q), PAGE_SIZE, cursor)
    {
        Ok(filter) => {
            let found = state.store.directory(id, &filter).await?;
            let next_url = found
                .next_cursor
                .map(|c| directory_url(&cid, &tag, &q, Some(&c)));
            (found.items, next_url, None)
        }
        Err(e) => (Vec::new(), None, Some(e.detail())),
    };
    render(&DirectoryTemplate {
        community: CommunityCard::new(&m.community, Some(m.role)),
        members: members
            .into_iter()
            .map(|m| PersonCard::new(m, page.lang))
            .collect(),
        tags,
        first_url: cursor.map(|_| directory_url(&cid, &tag, &q, None)),
        tag,
        q,
        next_url,
        error,
        page,
    })
}

/// A role as a label beside a name: empty for plain members.
pub fn role_label(lang: Lang, role: Role) -> String {
    match role {
        Role::Organizer => lang.t("members-role-organizer"),
        Role::Moderator => lang.t("members-role-moderator"),
        Role::Member => String::new(),
    }
}

/// A member's free time on one day, in the viewer's zone.
pub struct DayWindows {
    pub day: String,
    pub windows: Vec<String>,
}

fn day_windows(lang: Lang, zone: Tz, availability: &[TimeRange]) -> Vec<DayWindows> {
    let mut out: Vec<DayWindows> = Vec::new();
    for w in availability {
        let start = w.start().with_timezone(&zone);
        let end = w.end().with_timezone(&zone);
        let day = lang.day(start.date_naive());
        let text = format!("{}–{}", lang.clock(&start), lang.clock(&end));
        match out.last_mut() {
            Some(d) if d.day == day => d.windows.push(text),
            _ => out.push(DayWindows {
                day,
                windows: vec![text],
            }),
        }
    }
    out
}

/// One of the member's open topics.
pub struct TopicLink {
    pub id: String,
    pub title: String,
    pub offer: bool,
    pub minutes: u32,
    pub tags: Vec<String>,
}

#[derive(Template)]
#[template(path = "member.html")]
struct MemberTemplate {
    page: Page,
    /// The member's role as a label (empty for plain members).
    role: String,
    community: CommunityCard,
    member: peerlearn_store::Member,
    is_me: bool,
    days: Vec<DayWindows>,
    /// The zone `days` are in.
    zone: String,
    topics: Vec<TopicLink>,
    /// More topics than shown.
    more_topics: bool,
}

pub async fn profile(
    State(state): State<AppState>,
    Member { me, m }: Member,
    csrf: CsrfToken,
    Path((_cid, mid)): Path<(String, String)>,
) -> PageResult {
    let id = m.community.id;
    let mid: MemberId = path_id(&mid, "member")?;
    let member = state.store.member(id, mid).await?;
    let page = Page::new(Some(&me), &csrf);
    let zone = page.zone(m.community.calendar.timezone.tz());
    let now = state.clock.now();
    let upcoming: Vec<TimeRange> = member
        .availability
        .iter()
        .filter(|w| w.end() > now)
        .copied()
        .collect();
    let found = state
        .store
        .topics(
            id,
            &TopicFilter {
                host: Some(mid),
                viewer: Some(m.member),
                moderator: m.role.can_moderate(),
                limit: PROFILE_TOPICS,
                ..TopicFilter::default()
            },
        )
        .await?;
    let topics = found
        .items
        .iter()
        .map(|t| TopicLink {
            id: t.id.to_string(),
            title: t.title.clone(),
            offer: t.kind == TopicKind::Offer,
            minutes: t.duration_minutes,
            tags: t.tags.clone(),
        })
        .collect();
    render(&MemberTemplate {
        community: CommunityCard::new(&m.community, Some(m.role)),
        is_me: member.id == m.member,
        role: role_label(page.lang, member.role),
        days: day_windows(page.lang, zone, &upcoming),
        zone: zone.name().to_string(),
        topics,
        more_topics: found.next_cursor.is_some(),
        member,
        page,
    })
}
