//! The organizer's "Mixer" page: split the community's members into small groups for several
//! rounds so nobody meets the same person twice and groups share interests, look at them,
//! then publish them as group meetings everyone is told about (the use case: `app::mixer`).

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use peerlearn_domain::InvalidInput;
use peerlearn_store::MemberSummary;
use serde::Deserialize;

use super::communities::CommunityCard;
use super::form::{CsrfForm, FieldErrors};
use super::{Page, PageResult, render, render_status};
use crate::app::mixer::{self, Preview, Published};
use crate::auth::{CsrfToken, Organizer};
use crate::error::AppError;
use crate::input::mixer::{MixerInput, MixerSettings, ROUND_MINUTES};
use crate::state::AppState;

pub struct RoundView {
    pub number: usize,
    pub groups: Vec<GroupView>,
}

/// One group of a round: its people, and the interests at least two of them have.
pub struct GroupView {
    pub people: Vec<String>,
    pub shared: Vec<String>,
}

/// One published round: when, its meetings, who was left out.
pub struct PublishedRoundView {
    pub number: usize,
    pub when: String,
    pub meetings: Vec<PublishedMeetingView>,
    pub busy: Vec<String>,
    pub alone: Vec<String>,
}

pub struct PublishedMeetingView {
    pub title: String,
    pub place: String,
    pub people: Vec<String>,
}

/// Up to three tags at least two of `members` offer or want, the most shared first.
fn shared_interests(members: &[&MemberSummary]) -> Vec<String> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for m in members {
        let mut tags: Vec<&String> = m.offers.iter().chain(&m.wants).collect();
        tags.sort();
        tags.dedup();
        for tag in tags {
            match counts.iter_mut().find(|(t, _)| t == tag) {
                Some((_, n)) => *n += 1,
                None => counts.push((tag.clone(), 1)),
            }
        }
    }
    counts.retain(|(_, n)| *n >= 2);
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    counts.into_iter().take(3).map(|(t, _)| t).collect()
}

#[derive(Template)]
#[template(path = "mixer.html")]
struct MixerTemplate {
    page: Page,
    community: CommunityCard,
    form: MixerForm,
    errors: FieldErrors,
    rounds: Vec<RoundView>,
    round_bound: usize,
    ran: bool,
    /// How many members the rounds mix.
    people: usize,
    /// Names the rounds shown, for publishing them.
    fingerprint: String,
    round_choices: &'static [u32],
    /// Why publishing was refused (a conflict, not a field).
    refusal: Option<String>,
    published: Option<PublishedView>,
    zone: String,
}

pub struct PublishedView {
    pub meetings: usize,
    pub people: usize,
    pub left_out: usize,
    pub rounds: Vec<PublishedRoundView>,
}

#[derive(Deserialize, Clone)]
pub struct MixerForm {
    #[serde(default)]
    group_size: String,
    #[serde(default)]
    rounds: String,
    #[serde(default)]
    starts_at: String,
    #[serde(default)]
    round_minutes: String,
    #[serde(default)]
    break_minutes: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    mode: String,
    #[serde(default)]
    preview: String,
}

impl Default for MixerForm {
    fn default() -> Self {
        Self {
            group_size: "4".into(),
            rounds: "3".into(),
            starts_at: String::new(),
            round_minutes: "20".into(),
            break_minutes: "5".into(),
            title: String::new(),
            mode: "in_person".into(),
            preview: String::new(),
        }
    }
}

impl MixerTemplate {
    fn new(page: Page, org: &crate::access::AsMember, mut form: MixerForm) -> Self {
        // A preview's form carries no publishing fields yet: they start at their defaults.
        let defaults = MixerForm::default();
        for (field, default) in [
            (&mut form.round_minutes, defaults.round_minutes),
            (&mut form.break_minutes, defaults.break_minutes),
            (&mut form.mode, defaults.mode),
        ] {
            if field.trim().is_empty() {
                *field = default;
            }
        }
        let zone = page
            .zone(org.community.calendar.timezone.tz())
            .name()
            .to_string();
        Self {
            page,
            community: CommunityCard::new(&org.community, Some(org.role)),
            form,
            errors: FieldErrors::default(),
            rounds: Vec::new(),
            round_bound: 0,
            ran: false,
            people: 0,
            fingerprint: String::new(),
            round_choices: ROUND_MINUTES,
            refusal: None,
            published: None,
            zone,
        }
    }

    /// Shows the rounds of a preview.
    fn show(&mut self, preview: &Preview) {
        self.ran = true;
        self.people = preview.people.len();
        self.round_bound = preview.plan.round_bound;
        self.fingerprint = preview.fingerprint.clone();
        self.rounds = preview
            .plan
            .rounds
            .iter()
            .enumerate()
            .map(|(i, round)| RoundView {
                number: i + 1,
                groups: round
                    .groups
                    .iter()
                    .map(|g| {
                        let members: Vec<&MemberSummary> =
                            g.iter().filter_map(|&m| preview.people.get(m)).collect();
                        GroupView {
                            people: members.iter().map(|m| m.display_name.clone()).collect(),
                            shared: shared_interests(&members),
                        }
                    })
                    .collect(),
            })
            .collect();
    }
}

/// A whole number typed in a form, or `None` (the parser names the field).
fn number(raw: &str) -> Option<i64> {
    raw.trim().parse().ok()
}

/// A whole number typed in a form: `None` when left blank (its default applies), and a
/// number out of every field's range when it is not one (so the parser names the field).
fn typed(raw: &str) -> Option<i64> {
    match raw.trim() {
        "" => None,
        raw => Some(raw.parse().unwrap_or(-1)),
    }
}

fn settings(form: &MixerForm) -> Result<MixerSettings, InvalidInput> {
    let mut errors = InvalidInput::default();
    match MixerSettings::parse(number(&form.group_size), number(&form.rounds), &mut errors) {
        Some(s) if errors.is_empty() => Ok(s),
        _ => Err(errors),
    }
}

pub async fn page(
    State(_state): State<AppState>,
    Organizer { me, m: org }: Organizer,
    csrf: CsrfToken,
) -> PageResult {
    render(&MixerTemplate::new(
        Page::new(Some(&me), &csrf),
        &org,
        MixerForm::default(),
    ))
}

/// Makes (or remakes) the rounds and shows them, with the form to publish them.
pub async fn run(
    State(state): State<AppState>,
    Organizer { me, m: org }: Organizer,
    csrf: CsrfToken,
    CsrfForm(form): CsrfForm<MixerForm>,
) -> PageResult {
    let mut t = MixerTemplate::new(Page::new(Some(&me), &csrf), &org, form.clone());
    let lang = t.page.lang;
    let settings = match settings(&form) {
        Ok(s) => s,
        Err(e) => {
            t.errors = FieldErrors::new(lang, &e);
            return render_status(StatusCode::UNPROCESSABLE_ENTITY, &t);
        }
    };
    let preview = mixer::preview(&state, &org, settings).await?;
    t.show(&preview);
    render(&t)
}

/// Publishes the rounds shown: the result, or the rounds again with why it was refused.
pub async fn publish(
    State(state): State<AppState>,
    Organizer { me, m: org }: Organizer,
    csrf: CsrfToken,
    CsrfForm(form): CsrfForm<MixerForm>,
) -> PageResult {
    let mut t = MixerTemplate::new(Page::new(Some(&me), &csrf), &org, form.clone());
    let lang = t.page.lang;
    let tz = org.community.calendar.timezone.tz();
    // The browser sends a local date-time ("2026-05-12T15:00") in the zone the form states:
    // the viewer's own, else the community's.
    let starts_at = match form.starts_at.trim() {
        "" => String::new(),
        raw => chrono::NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M")
            .ok()
            .and_then(|local| local.and_local_timezone(t.page.zone(tz)).earliest())
            .map_or_else(
                || raw.to_string(),
                |at| at.with_timezone(&chrono::Utc).to_rfc3339(),
            ),
    };
    let input = MixerInput {
        group_size: typed(&form.group_size),
        rounds: typed(&form.rounds),
        starts_at,
        round_minutes: typed(&form.round_minutes),
        break_minutes: typed(&form.break_minutes),
        title: Some(form.title.clone()),
        mode: Some(form.mode.clone()),
        preview: Some(form.preview.clone()),
    };
    let parsed = match input.parse(&org.community.calendar, state.clock.now()) {
        Ok(p) => p,
        Err(mut e) => {
            // A time the browser could not have sent is named as such, not as RFC 3339.
            for invalid in &mut e.errors {
                if invalid.field == "starts_at" && invalid.id == "invalid-instant" {
                    *invalid = peerlearn_domain::Invalid::new("starts_at", "invalid-date-time");
                }
            }
            t.errors = FieldErrors::new(lang, &e);
            if let Ok(s) = settings(&form)
                && let Ok(preview) = mixer::preview(&state, &org, s).await
            {
                t.show(&preview);
            }
            return render_status(StatusCode::UNPROCESSABLE_ENTITY, &t);
        }
    };
    match mixer::publish(&state, &org, &parsed, lang).await {
        Ok(published) => {
            t.published = Some(published_view(&published, &t.page, tz));
            render(&t)
        }
        Err((e, preview)) => {
            if let Some(preview) = &preview {
                t.show(preview);
            }
            let status = e.status();
            match e {
                AppError::Invalid(e) => t.errors = FieldErrors::new(lang, &e),
                e @ AppError::Conflict { .. } => t.refusal = Some(e.detail_in(lang)),
                e => return Err(e.into()),
            }
            render_status(status, &t)
        }
    }
}

fn published_view(published: &Published, page: &Page, tz: chrono_tz::Tz) -> PublishedView {
    PublishedView {
        meetings: published.meetings(),
        people: published.people,
        left_out: published.left_out(),
        rounds: published
            .rounds
            .iter()
            .map(|r| PublishedRoundView {
                number: r.number,
                when: format!(
                    "{}–{}",
                    page.when(r.time.start(), tz),
                    page.lang.clock(&r.time.end().with_timezone(&page.zone(tz)))
                ),
                meetings: r
                    .meetings
                    .iter()
                    .map(|m| PublishedMeetingView {
                        title: m.topic_title.clone(),
                        place: crate::notify::place(m, page.lang),
                        people: m.participants.iter().map(|p| p.name.clone()).collect(),
                    })
                    .collect(),
                busy: r.busy.clone(),
                alone: r.alone.clone(),
            })
            .collect(),
    }
}
