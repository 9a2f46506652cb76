//! The community home's recommendations (the three best topics, then "You could help", "Swap
//! partners" and people to meet) and the "Not interested" forms with their undo.

use axum::extract::State;
use axum::response::{IntoResponse, Redirect};
use chrono_tz::Tz;
use peerlearn_store::Community;
use serde::Deserialize;

use super::PageResult;
use super::form::CsrfForm;
use crate::app::dismissals::{dismiss, undo};
use crate::auth::Member;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::input::queries::DismissalInput;
use crate::recommend::reason::{Explained, explain};
use crate::recommend::{PersonItem, RecItem, Want};
use crate::state::AppState;

/// How many recommended topics lead the home.
const BEST: usize = 3;
/// How many of each other list the home shows.
const SHOWN: usize = 3;

/// A recommended topic as the home shows it: who, what, and why in words.
pub struct TopicRec {
    pub topic_id: String,
    pub title: String,
    pub host_id: String,
    pub host_name: String,
    pub why: Explained,
}

/// A recommended person.
pub struct PersonRec {
    pub member_id: String,
    pub name: String,
    pub why: Explained,
}

/// What the home shows a member.
pub struct HomeRecs {
    /// The best topics for the member (at most three).
    pub for_you: Vec<TopicRec>,
    pub people: Vec<PersonRec>,
    pub could_help: Vec<TopicRec>,
    pub swap_partners: Vec<PersonRec>,
    pub dismissed: Vec<DismissedRow>,
    pub has_wants: bool,
    pub has_offers: bool,
    pub has_availability: bool,
}

fn topic_recs(items: Vec<RecItem>, n: usize, lang: Lang, zone: Tz) -> Vec<TopicRec> {
    items
        .into_iter()
        .take(n)
        .map(|r| TopicRec {
            why: explain(&r.reason, r.first_free, lang, zone),
            topic_id: r.topic_id,
            title: r.title,
            host_id: r.host_id,
            host_name: r.host_name,
        })
        .collect()
}

fn person_recs(items: Vec<PersonItem>, lang: Lang, zone: Tz) -> Vec<PersonRec> {
    items
        .into_iter()
        .take(SHOWN)
        .map(|p| PersonRec {
            why: explain(&p.reason, p.first_free, lang, zone),
            member_id: p.member_id,
            name: p.name,
        })
        .collect()
}

/// The member's recommendations for the home page, worded in `lang` with times in `zone`.
pub async fn home_recs(
    state: &AppState,
    community: &Community,
    member: &peerlearn_store::Member,
    lang: Lang,
    zone: Tz,
) -> Result<HomeRecs, AppError> {
    let lists = state
        .recommendations
        .lists(
            &state.store,
            community,
            member.id,
            Want::All,
            state.clock.now(),
        )
        .await?;
    Ok(HomeRecs {
        for_you: topic_recs(lists.for_you, BEST, lang, zone),
        could_help: topic_recs(lists.could_help, SHOWN, lang, zone),
        people: person_recs(lists.people, lang, zone),
        swap_partners: person_recs(lists.swap_partners, lang, zone),
        dismissed: (state.store.dismissals(member.id, 20).await?)
            .into_iter()
            .map(Into::into)
            .collect(),
        has_wants: !member.wants.is_empty(),
        has_offers: !member.offers.is_empty(),
        has_availability: !member.availability.is_empty(),
    })
}

#[derive(Deserialize)]
pub struct DismissForm {
    #[serde(default)]
    topic_id: Option<String>,
    #[serde(default)]
    host_id: Option<String>,
}

impl DismissForm {
    fn input(self) -> DismissalInput {
        DismissalInput {
            topic_id: self.topic_id,
            host_id: self.host_id,
        }
    }
}

/// "Not interested" in a topic or a host.
pub async fn dismiss_page(
    State(state): State<AppState>,
    Member { m, .. }: Member,
    CsrfForm(form): CsrfForm<DismissForm>,
) -> PageResult {
    let id = m.community.id;
    let target = form.input().parse()?;
    dismiss(&state, &m, target).await?;
    Ok(Redirect::to(&format!("/c/{id}?notice=dismissed#recommended")).into_response())
}

/// Undoes a dismissal.
pub async fn undo_page(
    State(state): State<AppState>,
    Member { m, .. }: Member,
    CsrfForm(form): CsrfForm<DismissForm>,
) -> PageResult {
    let id = m.community.id;
    let target = form.input().parse()?;
    if !undo(&state, &m, target).await? {
        return Err(AppError::NotFound("dismissal").into());
    }
    Ok(Redirect::to(&format!("/c/{id}?notice=dismissal_undone#recommended")).into_response())
}

/// A dismissal the member can undo: `topic` or `host`, its id, and its title or name.
pub struct DismissedRow {
    pub kind: &'static str,
    pub id: String,
    pub label: String,
}

impl From<peerlearn_store::Dismissed> for DismissedRow {
    fn from(d: peerlearn_store::Dismissed) -> Self {
        let (kind, id, label) = match d {
            peerlearn_store::Dismissed::Topic { id, title } => ("topic", id.to_string(), title),
            peerlearn_store::Dismissed::Host { id, name } => ("host", id.to_string(), name),
        };
        Self { kind, id, label }
    }
}
