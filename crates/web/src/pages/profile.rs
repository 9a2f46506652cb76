//! The profile editor: one form, one save. Headline, team, bio, languages, tags (chips with
//! suggestions from the community's vocabulary) and the availability grid (one day at a time
//! on phones, every day on laptops) are posted together and saved together.

use std::collections::HashSet;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use peerlearn_domain::{CommunityCalendar, TimeRange};
use peerlearn_store::TagCount;
use serde::Deserialize;

use super::communities::CommunityCard;
use super::form::{CsrfForm, FieldErrors};
use super::{Page, PageError, PageResult, render, render_status};
use crate::access::AsMember;
use crate::app::profiles::{self, AvailabilityEdit};
use crate::auth::{CsrfToken, Member};
use crate::i18n::Lang;
use crate::input::ProfileInput;
use crate::state::AppState;

/// Half an hour: the grid's unit.
const SLOT_MINUTES: i64 = 30;
/// How many of the community's popular tags are offered as one-tap suggestions.
const SUGGESTED: usize = 6;

/// One cell of the availability grid: a half hour.
pub struct Cell {
    pub value: i64,
    pub checked: bool,
    /// "09:30" in the viewer's zone.
    pub label: String,
}

/// One day of the grid, in the viewer's zone.
pub struct GridDay {
    /// "2026-05-12": the day picker's value.
    pub key: String,
    /// "Tue 12 May"
    pub label: String,
    /// "Tue"
    pub weekday: String,
    pub number: u32,
    pub cells: Vec<Cell>,
    /// The day shown on phones.
    pub selected: bool,
}

/// The grid of the community's days and the stretches of time it shows.
struct Grid {
    days: Vec<GridDay>,
    shown: Vec<TimeRange>,
}

impl Grid {
    /// The half hours of the community's days (in its hours), grouped by the viewer's days;
    /// `checked` says which are ticked, `day` which day is open on phones.
    fn new(
        calendar: &CommunityCalendar,
        now: DateTime<Utc>,
        zone: Tz,
        lang: Lang,
        checked: impl Fn(&TimeRange) -> bool,
        day: Option<&str>,
    ) -> Self {
        let today = calendar.local_date(now);
        let mut days: Vec<GridDay> = Vec::new();
        let mut shown = Vec::new();
        for day in calendar.days(today) {
            let Some(hours) = calendar.hours_on(day) else {
                continue;
            };
            shown.push(hours);
            let mut t = hours.start();
            while t + Duration::minutes(SLOT_MINUTES) <= hours.end() {
                let Ok(slot) = TimeRange::new(t, t + Duration::minutes(SLOT_MINUTES)) else {
                    break;
                };
                let local = t.with_timezone(&zone);
                let cell = Cell {
                    value: t.timestamp(),
                    checked: checked(&slot),
                    label: lang.clock(&local),
                };
                let date = local.date_naive();
                let key = date.to_string();
                match days.last_mut() {
                    Some(d) if d.key == key => d.cells.push(cell),
                    _ => days.push(grid_day(lang, date, cell)),
                }
                t += Duration::minutes(SLOT_MINUTES);
            }
        }
        let today_here = now.with_timezone(&zone).date_naive().to_string();
        let open = day
            .filter(|k| days.iter().any(|d| d.key == *k))
            .map(str::to_string)
            .or_else(|| {
                days.iter()
                    .find(|d| d.key == today_here)
                    .map(|d| d.key.clone())
            })
            .or_else(|| days.first().map(|d| d.key.clone()));
        for d in &mut days {
            d.selected = open.as_deref() == Some(d.key.as_str());
        }
        Self { days, shown }
    }

    fn slots(&self) -> HashSet<i64> {
        self.days
            .iter()
            .flat_map(|d| d.cells.iter().map(|c| c.value))
            .collect()
    }
}

fn grid_day(lang: Lang, date: NaiveDate, first: Cell) -> GridDay {
    GridDay {
        key: date.to_string(),
        label: lang.day(date),
        weekday: lang.t(&format!(
            "date-weekday-{}",
            date.weekday().number_from_monday()
        )),
        number: date.day(),
        cells: vec![first],
        selected: false,
    }
}

/// A tag in a tag field: one of the member's (ticked) or a suggestion (not ticked).
pub struct TagChip {
    pub tag: String,
    pub chosen: bool,
}

/// A tag field: its name in the form and its chips.
pub struct TagField {
    pub name: &'static str,
    pub chips: Vec<TagChip>,
}

impl TagField {
    /// The member's tags, then the community's most used tags they do not have yet.
    fn new(name: &'static str, chosen: Vec<String>, popular: &[TagCount]) -> Self {
        let mut seen: HashSet<String> = HashSet::new();
        let mut chips: Vec<TagChip> = chosen
            .into_iter()
            .filter(|t| seen.insert(t.to_lowercase()))
            .map(|tag| TagChip { tag, chosen: true })
            .collect();
        chips.extend(
            popular
                .iter()
                .filter(|t| seen.insert(t.tag.to_lowercase()))
                .take(SUGGESTED)
                .map(|t| TagChip {
                    tag: t.tag.clone(),
                    chosen: false,
                }),
        );
        Self { name, chips }
    }
}

/// The profile form. Tags come as several values (the ticked chips and the text box), each
/// possibly a comma-separated list; `slot` is a ticked half hour; `availability` says the form
/// carried the grid (without it, availability is left as it is).
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
    offers: Vec<String>,
    #[serde(default)]
    wants: Vec<String>,
    /// Meetings a day at most; empty: no cap.
    #[serde(default)]
    daily_cap: String,
    #[serde(default)]
    slot: Vec<String>,
    #[serde(default)]
    availability: Option<String>,
    /// The day open in the grid on phones.
    #[serde(default)]
    day: Option<String>,
}

/// Every tag in a field's values, in order.
fn split<S: AsRef<str>>(values: &[S]) -> Vec<String> {
    values
        .iter()
        .flat_map(|v| v.as_ref().split(','))
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
    member_id: String,
    headline: String,
    bio: String,
    team: String,
    languages: String,
    daily_cap: String,
    offers: TagField,
    wants: TagField,
    errors: FieldErrors,
    grid: Vec<GridDay>,
    /// Why the ticked times could not be saved.
    slot_error: Option<String>,
    /// The community's vocabulary, for the tag inputs' suggestions.
    suggestions: Vec<TagCount>,
    /// The zone the grid's times are in.
    zone: String,
}

impl EditTemplate {
    fn has_errors(&self) -> bool {
        !self.errors.is_empty() || self.slot_error.is_some()
    }
}

/// What the editor starts from when it is not the saved profile: the form as it was sent.
struct Draft {
    headline: String,
    bio: String,
    team: String,
    languages: String,
    daily_cap: String,
    offers: Vec<String>,
    wants: Vec<String>,
    /// The ticked half hours; `None`: as saved.
    slots: Option<HashSet<i64>>,
}

/// The grid of the community's days for the viewer, with nothing ticked.
fn empty_grid(state: &AppState, page: &Page, m: &AsMember) -> Grid {
    let calendar = &m.community.calendar;
    Grid::new(
        calendar,
        state.clock.now(),
        page.zone(calendar.timezone.tz()),
        page.lang,
        |_| false,
        None,
    )
}

/// The editor with the saved profile, or with `draft`; `day` is the day open on phones.
async fn editor(
    state: &AppState,
    page: Page,
    m: &AsMember,
    draft: Option<Draft>,
    day: Option<&str>,
) -> Result<EditTemplate, PageError> {
    let id = m.community.id;
    let member = state.store.member(id, m.member).await?;
    let draft = draft.unwrap_or_else(|| Draft {
        headline: member.headline.clone(),
        bio: member.bio.clone(),
        team: member.team.clone(),
        languages: member.languages.join(", "),
        daily_cap: member.daily_cap.map(|c| c.to_string()).unwrap_or_default(),
        offers: member.offers.clone(),
        wants: member.wants.clone(),
        slots: None,
    });
    let calendar = &m.community.calendar;
    let zone = page.zone(calendar.timezone.tz());
    let grid = Grid::new(
        calendar,
        state.clock.now(),
        zone,
        page.lang,
        |slot| match &draft.slots {
            Some(ticked) => ticked.contains(&slot.start().timestamp()),
            None => member.availability.iter().any(|w| w.contains(slot)),
        },
        day,
    );
    let suggestions = state.store.tag_suggestions(id, "", 200).await?;
    Ok(EditTemplate {
        community: CommunityCard::new(&m.community, Some(m.role)),
        member_id: m.member.to_string(),
        headline: draft.headline,
        bio: draft.bio,
        team: draft.team,
        languages: draft.languages,
        daily_cap: draft.daily_cap,
        offers: TagField::new("offers", draft.offers, &suggestions),
        wants: TagField::new("wants", draft.wants, &suggestions),
        errors: FieldErrors::default(),
        grid: grid.days,
        slot_error: None,
        suggestions,
        zone: zone.name().to_string(),
        page,
    })
}

#[derive(Deserialize, Default)]
pub struct EditQuery {
    notice: Option<String>,
    day: Option<String>,
}

pub async fn edit_page(
    State(state): State<AppState>,
    Member { me, m }: Member,
    csrf: CsrfToken,
    Query(q): Query<EditQuery>,
) -> PageResult {
    let page = Page::new(Some(&me), &csrf).with_notice(q.notice.as_deref());
    render(&editor(&state, page, &m, None, q.day.as_deref()).await?)
}

/// The ticked half hours, each on the grid; `None` when one is not (the calendar changed).
fn ticked(grid: &Grid, raw: &[String]) -> Option<HashSet<i64>> {
    let valid = grid.slots();
    raw.iter()
        .map(|r| r.parse::<i64>().ok().filter(|v| valid.contains(v)))
        .collect()
}

fn windows(starts: &HashSet<i64>) -> Vec<TimeRange> {
    TimeRange::merge(
        starts
            .iter()
            .filter_map(|s| TimeRange::from_unix(*s, s + SLOT_MINUTES * 60))
            .collect(),
    )
}

pub async fn save_profile(
    State(state): State<AppState>,
    Member { me, m }: Member,
    csrf: CsrfToken,
    CsrfForm(form): CsrfForm<ProfileForm>,
) -> PageResult {
    let page = Page::new(Some(&me), &csrf);
    let input = ProfileInput {
        headline: form.headline.clone(),
        bio: form.bio.clone(),
        team: form.team.clone(),
        languages: split(&[&form.languages]),
        offers: split(&form.offers),
        wants: split(&form.wants),
        // A value that is not a number is out of range, and answered as such.
        daily_cap: match form.daily_cap.trim() {
            "" => None,
            raw => Some(raw.parse().unwrap_or(0)),
        },
    };
    let grid = empty_grid(&state, &page, &m);
    // Without the grid in the form (a page from before it had one), availability stays.
    let with_grid = form.availability.is_some();
    let slots = with_grid.then(|| ticked(&grid, &form.slot));
    match (input.parse(), slots) {
        (Ok(update), slots @ (None | Some(Some(_)))) => {
            let edit = slots.flatten().map(|s| AvailabilityEdit {
                shown: grid.shown.clone(),
                ticked: windows(&s),
            });
            profiles::save(&state, &m, &update, edit.as_ref()).await?;
            let to = after_save(&m, form.day.as_deref(), "profile_saved");
            Ok(Redirect::to(&to).into_response())
        }
        (parsed, slots) => {
            let valid = grid.slots();
            let draft = Draft {
                slots: with_grid.then(|| {
                    form.slot
                        .iter()
                        .filter_map(|r| r.parse().ok())
                        .filter(|v| valid.contains(v))
                        .collect()
                }),
                headline: form.headline,
                bio: form.bio,
                team: form.team,
                languages: form.languages,
                daily_cap: form.daily_cap,
                offers: input.offers,
                wants: input.wants,
            };
            let mut t = editor(&state, page, &m, Some(draft), form.day.as_deref()).await?;
            if let Err(errors) = parsed {
                t.errors = FieldErrors::new(t.page.lang, &errors);
            }
            if matches!(slots, Some(None)) {
                t.slot_error = Some(t.page.t("error-availability-stale"));
            }
            render_status(StatusCode::UNPROCESSABLE_ENTITY, &t)
        }
    }
}

/// Back to the editor with a notice, on the day that was open.
fn after_save(m: &AsMember, day: Option<&str>, notice: &str) -> String {
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    query.append_pair("notice", notice);
    if let Some(day) = day.filter(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok()) {
        query.append_pair("day", day);
    }
    format!("/c/{}/profile?{}", m.community.id, query.finish())
}

#[derive(Deserialize, Default)]
pub struct AvailabilityForm {
    #[serde(default)]
    slot: Vec<String>,
    #[serde(default)]
    day: Option<String>,
}

/// The availability grid posted alone, as the editor's pages did before it had one save: kept
/// so such a page, still open somewhere, saves what it shows.
pub async fn save_availability(
    State(state): State<AppState>,
    Member { me, m }: Member,
    csrf: CsrfToken,
    CsrfForm(form): CsrfForm<AvailabilityForm>,
) -> PageResult {
    let page = Page::new(Some(&me), &csrf);
    let grid = empty_grid(&state, &page, &m);
    match ticked(&grid, &form.slot) {
        Some(slots) => {
            let edit = AvailabilityEdit {
                shown: grid.shown,
                ticked: windows(&slots),
            };
            profiles::edit_availability(&state, &m, &edit).await?;
            let to = after_save(&m, form.day.as_deref(), "availability_saved");
            Ok(Redirect::to(&to).into_response())
        }
        None => {
            let mut t = editor(&state, page, &m, None, form.day.as_deref()).await?;
            t.slot_error = Some(t.page.t("error-availability-stale"));
            render_status(StatusCode::UNPROCESSABLE_ENTITY, &t)
        }
    }
}
