//! The topic market and posting a topic.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use peerlearn_domain::{InvalidInput, MeetingMode, TopicFormat, TopicKind};
use peerlearn_store::{TagCount, Topic};
use serde::Deserialize;

use super::account::NoticeQuery;
use super::communities::CommunityCard;
use super::form::{CsrfForm, FieldErrors};
use super::{Page, PageResult, render, render_status};
use crate::app::topics;
use crate::auth::{CsrfToken, Member};
use crate::input::TopicInput;
use crate::input::queries::TopicQuery;
use crate::state::AppState;

/// A topic as a card or page shows it, worded in the viewer's language.
pub struct TopicCard {
    pub id: String,
    pub kind: &'static str,
    /// "Offer" or "Ask".
    pub kind_label: String,
    pub title: String,
    pub host_id: String,
    pub host_name: String,
    pub host_team: String,
    pub tags: Vec<String>,
    pub group: bool,
    /// "One-on-one" or "Group · 4 seats" (seats for participants; the host is not counted).
    pub format_label: String,
    pub mode: &'static str,
    pub mode_label: String,
    /// "30 min".
    pub duration_label: String,
    pub duration: u32,
    /// A fixed-time group's start, in the viewer's zone.
    pub when: Option<String>,
    pub open: bool,
    pub description_html: String,
}

impl TopicCard {
    pub(super) fn new(
        t: &Topic,
        calendar: &peerlearn_domain::CommunityCalendar,
        page: &Page,
    ) -> Self {
        let tz = calendar.timezone.tz();
        let lang = page.lang;
        Self {
            id: t.id.to_string(),
            kind: t.kind.as_str(),
            kind_label: lang.t(match t.kind {
                TopicKind::Offer => "topics-kind-offer",
                TopicKind::Ask => "topics-kind-ask",
            }),
            title: t.title.clone(),
            host_id: t.host.to_string(),
            host_name: t.host_name.clone(),
            host_team: t.host_team.clone(),
            tags: t.tags.clone(),
            group: t.format == TopicFormat::Group,
            format_label: match t.format {
                TopicFormat::OneOnOne => lang.t("topics-one-on-one"),
                TopicFormat::Group => lang.t_count("topics-group-seats", i64::from(t.capacity)),
            },
            mode: t.mode.as_str(),
            mode_label: lang.t(match t.mode {
                MeetingMode::InPerson => "topics-mode-in-person",
                MeetingMode::Virtual => "topics-mode-video",
                MeetingMode::Either => "topics-mode-either",
            }),
            duration_label: lang.t_count("topics-minutes", i64::from(t.duration_minutes)),
            duration: t.duration_minutes,
            when: t.starts_at.map(|s| page.when(s, tz)),
            open: t.open,
            description_html: crate::markdown::stored_or_rendered(t),
        }
    }

    /// The icon for where people meet.
    pub fn mode_icon(&self) -> &'static str {
        match self.mode {
            "virtual" => "video",
            _ => "map-pin",
        }
    }
}

#[derive(Template)]
#[template(path = "topics.html")]
struct MarketTemplate {
    page: Page,
    community: CommunityCard,
    topics: Vec<TopicCard>,
    tags: std::sync::Arc<Vec<TagCount>>,
    q: String,
    tag: String,
    kind: String,
    format: String,
    mode: String,
    day: String,
    free: bool,
    sort: String,
    next_url: Option<String>,
    error: Option<String>,
    filtered: bool,
    /// How many of the folded filters (all but the kind) are set.
    folded_filters: usize,
    /// The zone the cards' times are in.
    zone: String,
}

pub async fn market(
    State(state): State<AppState>,
    Member { me, m }: Member,
    csrf: CsrfToken,
    Query(q): Query<TopicQuery>,
    Query(notice): Query<NoticeQuery>,
) -> PageResult {
    let id = m.community.id;
    let q = &q;
    let page = Page::new(Some(&me), &csrf).with_notice(notice.notice.as_deref());
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let (topics, next_url, error) =
        match q.filter(24, m.member, state.clock.now(), &m.community.calendar) {
            Ok(mut filter) => {
                filter.moderator = m.role.can_moderate();
                let found = state.store.topics(id, &filter).await?;
                let next_url = found.next_cursor.as_ref().map(|c| {
                    let mut s = url::form_urlencoded::Serializer::new(String::new());
                    for (k, v) in [
                        ("q", &q.q),
                        ("tag", &q.tag),
                        ("kind", &q.kind),
                        ("format", &q.format),
                        ("mode", &q.mode),
                        ("day", &q.day),
                        ("free", &q.free),
                        ("sort", &q.sort),
                    ] {
                        if let Some(v) = v {
                            s.append_pair(k, v);
                        }
                    }
                    s.append_pair("cursor", c);
                    format!("/c/{id}/topics?{}", s.finish())
                });
                let cards = found
                    .items
                    .iter()
                    .map(|t| TopicCard::new(t, &m.community.calendar, &page))
                    .collect();
                (cards, next_url, None)
            }
            Err(e) => (Vec::new(), None, Some(e.detail_in(page.lang))),
        };
    let set = |v: &&Option<String>| v.as_deref().is_some_and(|s| !s.trim().is_empty());
    let filtered = [&q.q, &q.tag, &q.kind, &q.format, &q.mode, &q.free, &q.day]
        .iter()
        .any(set);
    let folded_filters = [&q.tag, &q.format, &q.mode, &q.free, &q.day, &q.sort]
        .iter()
        .filter(|v| set(v))
        .count();
    render(&MarketTemplate {
        zone: page
            .zone(m.community.calendar.timezone.tz())
            .name()
            .to_string(),
        page,
        folded_filters,
        community: CommunityCard::new(&m.community, Some(m.role)),
        topics,
        tags: state.store.topic_tags(id, 20).await?,
        q: text(&q.q),
        tag: text(&q.tag),
        kind: text(&q.kind),
        format: text(&q.format),
        mode: text(&q.mode),
        day: text(&q.day),
        free: q
            .free
            .as_deref()
            .is_some_and(|f| matches!(f, "true" | "1" | "on")),
        sort: text(&q.sort),
        next_url,
        error,
        filtered,
    })
}

/// The "post a topic" form: tags typed as comma-separated text, time as a local date-time.
#[derive(Deserialize, Default)]
pub struct TopicForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    tags: String,
    #[serde(default)]
    format: String,
    #[serde(default)]
    capacity: String,
    #[serde(default)]
    mode: String,
    #[serde(default)]
    duration_minutes: String,
    #[serde(default)]
    starts_at: String,
}

#[derive(Template)]
#[template(path = "topic_new.html")]
struct NewTopicTemplate {
    page: Page,
    community: CommunityCard,
    form: TopicForm,
    errors: FieldErrors,
    durations: &'static [u32],
    max_group: u32,
    suggestions: Vec<TagCount>,
    /// The zone the fixed time is entered in (the viewer's, else the community's).
    zone: String,
}

impl NewTopicTemplate {
    async fn new(
        state: &AppState,
        m: &crate::access::AsMember,
        page: Page,
        form: TopicForm,
        errors: FieldErrors,
    ) -> Result<Self, super::PageError> {
        Ok(Self {
            zone: page
                .zone(m.community.calendar.timezone.tz())
                .name()
                .to_string(),
            page,
            community: CommunityCard::new(&m.community, Some(m.role)),
            form,
            errors,
            durations: peerlearn_domain::Minutes::DEFAULT_ALLOWED,
            max_group: m.community.max_group_capacity,
            suggestions: state.store.tag_suggestions(m.community.id, "", 200).await?,
        })
    }
}

/// Values a link may fill in on the new-topic form (e.g. "Host a group" on the demand board).
#[derive(Deserialize, Default)]
pub struct TopicPrefill {
    kind: Option<String>,
    format: Option<String>,
    tags: Option<String>,
    title: Option<String>,
}

pub async fn new_page(
    State(state): State<AppState>,
    Member { me, m }: Member,
    csrf: CsrfToken,
    Query(prefill): Query<TopicPrefill>,
) -> PageResult {
    let pick = |raw: Option<String>, ok: fn(&str) -> bool, default: &str| {
        raw.filter(|v| ok(v)).unwrap_or_else(|| default.to_string())
    };
    let form = TopicForm {
        kind: pick(
            prefill.kind,
            |v| TopicKind::parse("kind", v).is_ok(),
            TopicKind::Offer.as_str(),
        ),
        format: pick(
            prefill.format,
            |v| TopicFormat::parse("format", v).is_ok(),
            TopicFormat::OneOnOne.as_str(),
        ),
        mode: MeetingMode::Either.as_str().into(),
        capacity: "4".into(),
        tags: prefill.tags.unwrap_or_default().chars().take(400).collect(),
        title: prefill
            .title
            .unwrap_or_default()
            .chars()
            .take(120)
            .collect(),
        ..TopicForm::default()
    };
    let page = Page::new(Some(&me), &csrf);
    render(&NewTopicTemplate::new(&state, &m, page, form, FieldErrors::default()).await?)
}

pub async fn create(
    State(state): State<AppState>,
    Member { me, m }: Member,
    csrf: CsrfToken,
    CsrfForm(form): CsrfForm<TopicForm>,
) -> PageResult {
    let id = m.community.id;
    let now = state.clock.now();
    let page = Page::new(Some(&me), &csrf);
    let mut errors = InvalidInput::default();
    let number = |field: &str, raw: &str, errors: &mut InvalidInput| -> Option<i64> {
        let raw = raw.trim();
        if raw.is_empty() {
            return None;
        }
        raw.parse()
            .map_err(|_| errors.push(field, "invalid-whole-number"))
            .ok()
    };
    let capacity = number("capacity", &form.capacity, &mut errors);
    let duration = number("duration_minutes", &form.duration_minutes, &mut errors);
    // The browser sends a local date-time ("2026-05-12T10:30") in the zone the form states:
    // the viewer's own, else the community's.
    let starts_at = match form.starts_at.trim() {
        "" => None,
        raw => match chrono::NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M") {
            Ok(local) => local
                .and_local_timezone(page.zone(m.community.calendar.timezone.tz()))
                .earliest()
                .map(|t| t.with_timezone(&chrono::Utc).to_rfc3339()),
            Err(_) => {
                errors.push("starts_at", "invalid-date-time");
                None
            }
        },
    };
    let input = TopicInput {
        kind: form.kind.clone(),
        title: form.title.clone(),
        description: form.description.clone(),
        tags: form
            .tags
            .split(',')
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect(),
        format: form.format.clone(),
        capacity,
        mode: form.mode.clone(),
        duration_minutes: duration,
        starts_at,
    };
    let parsed = input.parse(&m.community, now);
    let new = match (parsed, errors.is_empty()) {
        (Ok(new), true) => new,
        (result, _) => {
            if let Err(e) = result {
                errors.errors.extend(e.errors);
            }
            let errors = FieldErrors::new(page.lang, &errors);
            return render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                &NewTopicTemplate::new(&state, &m, page, form, errors).await?,
            );
        }
    };
    let topic = match topics::create(&state, &me, id, &new).await {
        Ok(t) => t,
        Err(e @ crate::error::AppError::Conflict { .. }) => {
            // A group's fixed time is what can clash (the host busy, no spot free then).
            let mut errors = FieldErrors::default();
            errors.add_text("starts_at", e.detail_in(page.lang));
            return render_status(
                StatusCode::CONFLICT,
                &NewTopicTemplate::new(&state, &m, page, form, errors).await?,
            );
        }
        Err(e) => return Err(e.into()),
    };
    Ok(Redirect::to(&format!("/c/{id}/topics/{}?notice=topic_posted", topic.id)).into_response())
}
