//! The organizer's "Mixer" page: split the community's members into small groups for several
//! rounds so nobody meets the same person twice and groups share interests (grouping engine).

use askama::Template;
use axum::extract::State;
use peerlearn_domain::{CommunityId, Invalid};
use peerlearn_engine::grouping::{MixerConfig, MixerMember, mixer_rounds};
use peerlearn_store::{DirectoryFilter, MemberSummary};
use serde::Deserialize;

use super::communities::CommunityCard;
use super::form::{CsrfForm, FieldErrors};
use super::{Page, PageResult, render};
use crate::auth::{CsrfToken, Organizer};
use crate::state::AppState;

/// Mixers are for gatherings: at most this many members take part.
const MAX_MEMBERS: usize = 2_000;

pub struct RoundView {
    pub number: usize,
    pub groups: Vec<GroupView>,
}

/// One group of a round: its people, and the interests at least two of them have.
pub struct GroupView {
    pub people: Vec<String>,
    pub shared: Vec<String>,
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
    group_size: String,
    rounds_wanted: String,
    errors: FieldErrors,
    rounds: Vec<RoundView>,
    round_bound: usize,
    ran: bool,
    /// How many members the rounds mix.
    people: usize,
}

#[derive(Deserialize, Default)]
pub struct MixerForm {
    #[serde(default)]
    group_size: String,
    #[serde(default)]
    rounds: String,
}

async fn members(
    state: &AppState,
    id: CommunityId,
) -> Result<Vec<MemberSummary>, super::PageError> {
    let mut out = Vec::new();
    let mut cursor = None;
    loop {
        let page = state
            .store
            .directory(
                id,
                &DirectoryFilter {
                    cursor,
                    limit: 200,
                    ..DirectoryFilter::default()
                },
            )
            .await?;
        out.extend(page.items);
        match page.next_cursor.and_then(|c| c.parse().ok()) {
            Some(c) if out.len() < MAX_MEMBERS => cursor = Some(c),
            _ => break,
        }
    }
    out.truncate(MAX_MEMBERS);
    Ok(out)
}

pub async fn page(
    State(_state): State<AppState>,
    Organizer { me, m: org }: Organizer,
    csrf: CsrfToken,
) -> PageResult {
    render(&MixerTemplate {
        page: Page::new(Some(&me), &csrf),
        community: CommunityCard::new(&org.community, Some(org.role)),
        group_size: "4".into(),
        rounds_wanted: "3".into(),
        errors: FieldErrors::default(),
        rounds: Vec::new(),
        round_bound: 0,
        ran: false,
        people: 0,
    })
}

pub async fn run(
    State(state): State<AppState>,
    Organizer { me, m: org }: Organizer,
    csrf: CsrfToken,
    CsrfForm(form): CsrfForm<MixerForm>,
) -> PageResult {
    let id = org.community.id;
    let mut t = MixerTemplate {
        page: Page::new(Some(&me), &csrf),
        community: CommunityCard::new(&org.community, Some(org.role)),
        group_size: form.group_size.clone(),
        rounds_wanted: form.rounds.clone(),
        errors: FieldErrors::default(),
        rounds: Vec::new(),
        round_bound: 0,
        ran: false,
        people: 0,
    };
    let size = form
        .group_size
        .trim()
        .parse::<usize>()
        .ok()
        .filter(|s| (2..=12).contains(s));
    let wanted = form
        .rounds
        .trim()
        .parse::<usize>()
        .ok()
        .filter(|r| (1..=20).contains(r));
    let lang = t.page.lang;
    if size.is_none() {
        let e = Invalid::new("group_size", "invalid-number-between")
            .arg("min", 2_u32)
            .arg("max", 12_u32);
        t.errors.add(lang, &e);
    }
    if wanted.is_none() {
        let e = Invalid::new("rounds", "invalid-number-between")
            .arg("min", 1_u32)
            .arg("max", 20_u32);
        t.errors.add(lang, &e);
    }
    let (Some(group_size), Some(rounds)) = (size, wanted) else {
        return super::render_status(axum::http::StatusCode::UNPROCESSABLE_ENTITY, &t);
    };
    let people = members(&state, id).await?;
    let input: Vec<MixerMember> = people
        .iter()
        .map(|m| MixerMember {
            id: m.id.to_string(),
            offers: m.offers.clone(),
            wants: m.wants.clone(),
        })
        .collect();
    let config = MixerConfig {
        group_size,
        rounds,
        ..MixerConfig::default()
    };
    // The search is CPU-bound: it runs off the async executor.
    let plan = tokio::task::spawn_blocking(move || mixer_rounds(&input, &config))
        .await
        .map_err(|e| crate::error::AppError::Internal(format!("mixer task: {e}")))?;
    t.ran = true;
    t.people = people.len();
    t.round_bound = plan.round_bound;
    t.rounds = plan
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
                        g.iter().filter_map(|&m| people.get(m)).collect();
                    GroupView {
                        people: members.iter().map(|m| m.display_name.clone()).collect(),
                        shared: shared_interests(&members),
                    }
                })
                .collect(),
        })
        .collect();
    render(&t)
}
