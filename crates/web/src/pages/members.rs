//! The member directory, member profiles and the profile editor (with an availability grid).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use chrono::{Duration, NaiveDate};
use peerlearn_domain::{CommunityCalendar, MemberId, TimeRange};
use peerlearn_store::{MemberSummary, TagCount};
use serde::Deserialize;

use super::account::NoticeQuery;
use super::communities::CommunityCard;
use super::form::{CsrfForm, FieldErrors};
use super::{Page, PageResult, render, render_status};
use crate::access;
use crate::app::profiles;
use crate::auth::{CsrfToken, Member};
use crate::input::queries::directory_filter;
use crate::input::{ProfileInput, path_id};
use crate::state::AppState;

#[derive(Deserialize, Default)]
pub struct DirectoryQuery {
    tag: Option<String>,
    q: Option<String>,
    cursor: Option<String>,
}

#[derive(Template)]
#[template(path = "directory.html")]
struct DirectoryTemplate {
    page: Page,
    community: CommunityCard,
    members: Vec<MemberSummary>,
    tags: Vec<TagCount>,
    tag: String,
    q: String,
    next_url: Option<String>,
    error: Option<String>,
}

pub async fn directory(
    State(state): State<AppState>,
    Member { me, m }: Member,
    csrf: CsrfToken,
    Query(query): Query<DirectoryQuery>,
) -> PageResult {
    let id = m.community.id;
    let cursor = query.cursor.as_deref().and_then(|c| c.parse::<i64>().ok());
    let tags = state.store.tag_suggestions(id, "", 30).await?;
    let tag = query.tag.clone().unwrap_or_default();
    let q = query.q.clone().unwrap_or_default();
    let (members, next_url, error) = match directory_filter(Some(&tag), Some(&q), 24, cursor) {
        Ok(filter) => {
            let page = state.store.directory(id, &filter).await?;
            let next_url = page.next_cursor.map(|c| {
                let params: String = url::form_urlencoded::Serializer::new(String::new())
                    .append_pair("tag", &tag)
                    .append_pair("q", &q)
                    .append_pair("cursor", &c)
                    .finish();
                format!("/c/{id}/members?{params}")
            });
            (page.items, next_url, None)
        }
        Err(e) => (
            Vec::new(),
            None,
            Some(e.detail_in(super::page_lang(Some(&me)))),
        ),
    };
    render(&DirectoryTemplate {
        page: Page::new(Some(&me), &csrf),
        community: CommunityCard::new(&m.community, Some(m.role)),
        members,
        tags,
        tag,
        q,
        next_url,
        error,
    })
}

/// A member's availability, grouped by local day, for display.
pub struct DayWindows {
    pub day: String,
    pub windows: Vec<String>,
}

fn day_windows(calendar: &CommunityCalendar, availability: &[TimeRange]) -> Vec<DayWindows> {
    let tz = calendar.timezone.tz();
    let mut out: Vec<DayWindows> = Vec::new();
    for w in availability {
        let start = w.start().with_timezone(&tz);
        let end = w.end().with_timezone(&tz);
        let day = start.format("%a %-d %b").to_string();
        let text = format!("{}–{}", start.format("%H:%M"), end.format("%H:%M"));
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

#[derive(Template)]
#[template(path = "member.html")]
struct MemberTemplate {
    page: Page,
    community: CommunityCard,
    member: peerlearn_store::Member,
    is_me: bool,
    days: Vec<DayWindows>,
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
    render(&MemberTemplate {
        page: Page::new(Some(&me), &csrf),
        community: CommunityCard::new(&m.community, Some(m.role)),
        is_me: member.id == m.member,
        days: day_windows(&m.community.calendar, &member.availability),
        member,
    })
}

/// One cell of the availability grid: a 30-minute slot.
pub struct Cell {
    pub value: i64,
    pub checked: bool,
    pub label: String,
}

pub struct GridDay {
    pub label: String,
    pub cells: Vec<Cell>,
}

const SLOT_MINUTES: i64 = 30;

/// The slots of the community's days, marking those inside `availability`.
fn grid(
    calendar: &CommunityCalendar,
    today: NaiveDate,
    availability: &[TimeRange],
) -> Vec<GridDay> {
    let tz = calendar.timezone.tz();
    calendar
        .days(today)
        .into_iter()
        .filter_map(|day| {
            let hours = calendar.hours_on(day)?;
            let mut cells = Vec::new();
            let mut t = hours.start();
            while t + Duration::minutes(SLOT_MINUTES) <= hours.end() {
                let slot = TimeRange::new(t, t + Duration::minutes(SLOT_MINUTES)).ok()?;
                cells.push(Cell {
                    value: t.timestamp(),
                    checked: availability.iter().any(|w| w.contains(&slot)),
                    label: t.with_timezone(&tz).format("%H:%M").to_string(),
                });
                t += Duration::minutes(SLOT_MINUTES);
            }
            Some(GridDay {
                label: day.format("%a %-d %b").to_string(),
                cells,
            })
        })
        .collect()
}

/// The profile form: lists are typed as comma-separated text.
#[derive(Deserialize, Default)]
pub struct ProfileForm {
    #[serde(default)]
    headline: String,
    #[serde(default)]
    bio: String,
    #[serde(default)]
    team: String,
    #[serde(default)]
    languages: String,
    #[serde(default)]
    offers: String,
    #[serde(default)]
    wants: String,
    /// Meetings a day at most; empty: no cap.
    #[serde(default)]
    daily_cap: String,
}

fn split(raw: &str) -> Vec<String> {
    raw.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

#[derive(Template)]
#[template(path = "profile_edit.html")]
struct EditTemplate {
    page: Page,
    community: CommunityCard,
    form: ProfileForm,
    errors: FieldErrors,
    grid: Vec<GridDay>,
    grid_error: Option<String>,
    suggestions: Vec<TagCount>,
}

async fn edit_template(
    state: &AppState,
    me: &crate::auth::CurrentUser,
    csrf: &CsrfToken,
    m: access::AsMember,
) -> Result<(EditTemplate, access::AsMember, peerlearn_store::Member), super::PageError> {
    let id = m.community.id;
    let member = state.store.member(id, m.member).await?;
    let today = m.community.calendar.local_date(state.clock.now());
    let t = EditTemplate {
        page: Page::new(Some(me), csrf),
        community: CommunityCard::new(&m.community, Some(m.role)),
        form: ProfileForm {
            headline: member.headline.clone(),
            bio: member.bio.clone(),
            team: member.team.clone(),
            languages: member.languages.join(", "),
            offers: member.offers.join(", "),
            wants: member.wants.join(", "),
            daily_cap: member.daily_cap.map(|c| c.to_string()).unwrap_or_default(),
        },
        errors: FieldErrors::default(),
        grid: grid(&m.community.calendar, today, &member.availability),
        grid_error: None,
        suggestions: state.store.tag_suggestions(id, "", 200).await?,
    };
    Ok((t, m, member))
}

pub async fn edit_page(
    State(state): State<AppState>,
    Member { me, m }: Member,
    csrf: CsrfToken,
    Query(q): Query<NoticeQuery>,
) -> PageResult {
    let (mut t, _, _) = edit_template(&state, &me, &csrf, m).await?;
    t.page = t.page.with_notice(q.notice.as_deref());
    render(&t)
}

pub async fn save_profile(
    State(state): State<AppState>,
    Member { me, m }: Member,
    csrf: CsrfToken,
    CsrfForm(form): CsrfForm<ProfileForm>,
) -> PageResult {
    let (mut t, m, _) = edit_template(&state, &me, &csrf, m).await?;
    let input = ProfileInput {
        headline: form.headline.clone(),
        bio: form.bio.clone(),
        team: form.team.clone(),
        languages: split(&form.languages),
        offers: split(&form.offers),
        wants: split(&form.wants),
        // A value that is not a number is out of range, and answered as such.
        daily_cap: match form.daily_cap.trim() {
            "" => None,
            raw => Some(raw.parse().unwrap_or(0)),
        },
    };
    match input.parse() {
        Ok(update) => {
            profiles::update(&state, &m, &update).await?;
            Ok(Redirect::to(&format!(
                "/c/{}/profile?notice=profile_saved",
                m.community.id
            ))
            .into_response())
        }
        Err(errors) => {
            t.form = form;
            t.errors = FieldErrors::new(t.page.lang, &errors);
            render_status(StatusCode::UNPROCESSABLE_ENTITY, &t)
        }
    }
}

#[derive(Deserialize, Default)]
pub struct AvailabilityForm {
    #[serde(default)]
    slot: Vec<String>,
}

pub async fn save_availability(
    State(state): State<AppState>,
    Member { me, m }: Member,
    csrf: CsrfToken,
    CsrfForm(form): CsrfForm<AvailabilityForm>,
) -> PageResult {
    let (mut t, m, _) = edit_template(&state, &me, &csrf, m).await?;
    let valid: std::collections::HashSet<i64> = t
        .grid
        .iter()
        .flat_map(|d| d.cells.iter().map(|c| c.value))
        .collect();
    let mut starts = Vec::with_capacity(form.slot.len());
    for raw in &form.slot {
        match raw.parse::<i64>() {
            Ok(v) if valid.contains(&v) => starts.push(v),
            _ => {
                t.grid_error = Some(t.page.t("error-availability-stale"));
                return render_status(StatusCode::UNPROCESSABLE_ENTITY, &t);
            }
        }
    }
    let windows: Vec<TimeRange> = starts
        .into_iter()
        .filter_map(|s| TimeRange::from_unix(s, s + SLOT_MINUTES * 60))
        .collect();
    profiles::set_availability(&state, &m, &TimeRange::merge(windows)).await?;
    Ok(Redirect::to(&format!(
        "/c/{}/profile?notice=availability_saved",
        m.community.id
    ))
    .into_response())
}
