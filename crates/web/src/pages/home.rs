//! A community's home: the member's next meeting (the card My meetings shows) and the three
//! best recommendations first,
//! then the rest (what is missing from their profile, the other lists, popular tags); a
//! visitor of an open community sees what it is and "Join".

use askama::Template;
use axum::extract::{Path, Query, State};
use peerlearn_domain::{CommunityId, Role};
use peerlearn_store::{Community, TagCount};

use super::account::NoticeQuery;
use super::communities::CommunityCard;
use super::meeting_cards::{Clock, MeetingCard};
use super::recommend::{HomeRecs, home_recs};
use super::{Page, PageResult, SignedIn, render};
use crate::access::{self, AsMember};
use crate::app::agenda;
use crate::auth::CsrfToken;
use crate::i18n::Lang;
use crate::input::path_id;
use crate::state::AppState;

/// The community in one line: its dates (or "Ongoing"), its hours and zone.
pub struct About {
    pub dates: String,
    pub hours: String,
    pub zone: String,
    pub description: String,
    pub member_count: i64,
}

impl About {
    fn new(c: &Community, lang: Lang) -> Self {
        let calendar = &c.calendar;
        let dates = match calendar.dates {
            Some(d) if d.starts_on == d.ends_on => lang.day_with_year(d.starts_on),
            Some(d) => lang.t_args(
                "home-dates-range",
                &[
                    ("from", lang.day(d.starts_on).into()),
                    ("to", lang.day_with_year(d.ends_on).into()),
                ],
            ),
            None => lang.t("home-ongoing"),
        };
        Self {
            dates,
            hours: format!(
                "{}–{}",
                lang.clock(&calendar.hours.start()),
                lang.clock(&calendar.hours.end())
            ),
            zone: calendar.timezone.name().to_string(),
            description: c.description.clone(),
            member_count: c.member_count,
        }
    }
}

/// A piece of the profile others find the member by, still missing.
pub struct Missing {
    pub label: String,
    /// Where on the profile page to fill it in.
    pub anchor: &'static str,
}

fn missing(m: &peerlearn_store::Member, lang: Lang) -> Vec<Missing> {
    let mut out = Vec::new();
    let mut add = |empty: bool, key: &str, anchor: &'static str| {
        if empty {
            out.push(Missing {
                label: lang.t(key),
                anchor,
            });
        }
    };
    add(m.headline.is_empty(), "home-missing-headline", "");
    add(m.offers.is_empty(), "home-missing-offers", "");
    add(m.wants.is_empty(), "home-missing-wants", "");
    add(
        m.availability.is_empty(),
        "home-missing-availability",
        "#availability",
    );
    out
}

#[derive(Template)]
#[template(path = "community_home.html")]
struct HomeTemplate {
    page: Page,
    community: CommunityCard,
    about: About,
    is_member: bool,
    is_organizer: bool,
    member_id: String,
    first_name: String,
    profile_missing: Vec<Missing>,
    /// "2 of 4 done", for the profile prompt.
    profile_progress: String,
    tags: Vec<TagCount>,
    spots: usize,
    recs: Option<HomeRecs>,
    /// The member's next meeting, as My meetings shows it.
    next: Option<MeetingCard>,
    /// The zone the page's times are in.
    zone: String,
}

pub async fn home(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    csrf: CsrfToken,
    Path(cid): Path<String>,
    Query(q): Query<NoticeQuery>,
) -> PageResult {
    let id: CommunityId = path_id(&cid, "community")?;
    let v = access::visible(&state.store, id, me.user.id).await?;
    let page = Page::new(Some(&me), &csrf).with_notice(q.notice.as_deref());
    let tz = v.community.calendar.timezone.tz();
    let now = state.clock.now();
    let mut profile_missing = Vec::new();
    let mut member_id = String::new();
    let mut recs = None;
    let mut next = None;
    if let Some((mid, role)) = v.membership {
        member_id = mid.to_string();
        let counts = state.store.nav_counts(me.user.id, mid, now).await?;
        crate::i18n::remember_nav(id, counts);
        let m = state.store.member(id, mid).await?;
        profile_missing = missing(&m, page.lang);
        recs = Some(home_recs(&state, &v.community, &m, page.lang, page.zone(tz)).await?);
        let me_here = AsMember {
            community: v.community.clone(),
            member: mid,
            role,
        };
        let agenda = agenda::agenda(&state, &me_here).await?;
        let clock = Clock::new(&page, tz, now);
        next = agenda.next().map(|g| {
            let mut card = MeetingCard::new(g, mid, &clock);
            if agenda.checked_in_next {
                card.check_in = false;
                card.checked_in = true;
            }
            card
        });
    }
    let (tags, spots) = if v.membership.is_some() {
        (
            state.store.tag_suggestions(id, "", 12).await?,
            state.store.spots(id).await?.len(),
        )
    } else {
        (Vec::new(), 0)
    };
    let total = 4;
    render(&HomeTemplate {
        profile_progress: page.lang.t_args(
            "home-profile-progress",
            &[
                ("done", (total - profile_missing.len()).into()),
                ("total", total.into()),
            ],
        ),
        first_name: me
            .user
            .display_name
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_string(),
        zone: page.zone(tz).name().to_string(),
        about: About::new(&v.community, page.lang),
        is_member: v.membership.is_some(),
        is_organizer: v.role().is_some_and(Role::can_organize),
        community: CommunityCard::new(&v.community, v.role()),
        member_id,
        profile_missing,
        tags,
        spots,
        recs,
        next,
        page,
    })
}
