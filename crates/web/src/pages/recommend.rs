//! The community home's recommendations ("Recommended for you", "You could help", "Swap
//! partners") and the "Not interested" forms with their undo.

use axum::extract::State;
use axum::response::{IntoResponse, Redirect};
use peerlearn_store::Community;
use serde::Deserialize;

use super::PageResult;
use super::form::CsrfForm;
use crate::app::dismissals::{dismiss, undo};
use crate::auth::Member;
use crate::error::AppError;
use crate::input::queries::DismissalInput;
use crate::recommend::{PersonItem, RecItem, Scores, Want};
use crate::state::AppState;

/// How many of each list the home shows.
const SHOWN: usize = 5;

/// One row of the score breakdown shown under "Why?".
pub struct WhyRow {
    pub label: &'static str,
    pub value: String,
}

/// A recommended topic as the home shows it.
pub struct TopicRec {
    pub item: RecItem,
    pub why: Vec<WhyRow>,
}

fn percent(v: f32) -> String {
    format!("{:.0} %", (v * 100.0).clamp(0.0, 100.0))
}

fn why(s: &Scores, free: &str) -> Vec<WhyRow> {
    vec![
        WhyRow {
            label: "Relevance (tags, related tags, text)",
            value: format!(
                "{} (tags {}, related {}, text {})",
                percent(s.relevance),
                percent(s.tags),
                percent(s.related),
                percent(s.text)
            ),
        },
        WhyRow {
            label: "Reciprocity (they want what you offer)",
            value: percent(s.reciprocity),
        },
        WhyRow {
            label: "Bridging (another team, not met yet)",
            value: percent(s.bridging),
        },
        WhyRow {
            label: "Fair exposure (hosts with free capacity first)",
            value: format!("× {:.2}", s.exposure),
        },
        WhyRow {
            label: "Feasibility: first time you are both free",
            value: free.to_string(),
        },
        WhyRow {
            label: "Freshness",
            value: percent(s.freshness),
        },
        WhyRow {
            label: "Score",
            value: format!("{:.2}", s.total),
        },
    ]
}

/// What the home shows a member.
pub struct HomeRecs {
    pub for_you: Vec<TopicRec>,
    pub people: Vec<PersonItem>,
    pub could_help: Vec<TopicRec>,
    pub swap_partners: Vec<PersonItem>,
    pub dismissed: Vec<DismissedRow>,
    pub has_wants: bool,
    pub has_offers: bool,
    pub has_availability: bool,
}

fn topic_recs(items: Vec<RecItem>) -> Vec<TopicRec> {
    items
        .into_iter()
        .take(SHOWN)
        .map(|item| TopicRec {
            why: why(&item.scores, &item.first_free_label),
            item,
        })
        .collect()
}

/// The member's recommendations for the home page.
pub async fn home_recs(
    state: &AppState,
    community: &Community,
    member: &peerlearn_store::Member,
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
        for_you: topic_recs(lists.for_you),
        could_help: topic_recs(lists.could_help),
        people: lists.people.into_iter().take(SHOWN).collect(),
        swap_partners: lists.swap_partners.into_iter().take(SHOWN).collect(),
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
