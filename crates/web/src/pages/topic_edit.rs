//! Editing a topic's title, description and tags (its host or an organizer).

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use peerlearn_store::{TagCount, Topic};
use serde::Deserialize;

use super::communities::CommunityCard;
use super::form::{CsrfForm, FieldErrors};
use super::{Page, PageResult, SignedIn, render, render_status};
use crate::access::{self, AsMember};
use crate::app::topics;
use crate::auth::{CsrfToken, CurrentUser};
use crate::error::AppError;
use crate::input::{TopicEditInput, path_id};
use crate::state::AppState;

/// The edit form: tags typed as comma-separated text, as when posting.
#[derive(Deserialize, Default)]
pub struct TopicEditForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    tags: String,
}

#[derive(Template)]
#[template(path = "topic_edit.html")]
struct EditTopicTemplate {
    page: Page,
    community: CommunityCard,
    /// The topic's id, for the form's action and the way back.
    topic_id: String,
    form: TopicEditForm,
    errors: FieldErrors,
    suggestions: Vec<TagCount>,
}

/// The topic, when `me` may edit it and it belongs to community `cid`.
async fn editable(
    state: &AppState,
    me: &CurrentUser,
    cid: &str,
    tid: &str,
) -> Result<(Topic, AsMember), AppError> {
    let (topic, m, may_change) =
        access::visible_topic(&state.store, path_id(tid, "topic")?, me.user.id).await?;
    if topic.community_id.to_string() != cid {
        return Err(AppError::NotFound("topic"));
    }
    if !may_change {
        return Err(AppError::Forbidden("forbidden-host-or-organizer"));
    }
    Ok((topic, m))
}

async fn template(
    state: &AppState,
    m: &AsMember,
    topic: &Topic,
    page: Page,
    form: TopicEditForm,
    errors: FieldErrors,
) -> Result<EditTopicTemplate, super::PageError> {
    Ok(EditTopicTemplate {
        community: CommunityCard::new(&m.community, Some(m.role)),
        topic_id: topic.id.to_string(),
        form,
        errors,
        suggestions: state.store.tag_suggestions(m.community.id, "", 200).await?,
        page,
    })
}

pub async fn edit_page(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    csrf: CsrfToken,
    Path((cid, tid)): Path<(String, String)>,
) -> PageResult {
    let (topic, m) = editable(&state, &me, &cid, &tid).await?;
    let page = Page::new(Some(&me), &csrf);
    let form = TopicEditForm {
        title: topic.title.clone(),
        description: topic.description.clone(),
        tags: topic
            .tags
            .iter()
            .map(|t| page.tag(t))
            .collect::<Vec<_>>()
            .join(", "),
    };
    render(&template(&state, &m, &topic, page, form, FieldErrors::default()).await?)
}

pub async fn save(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    csrf: CsrfToken,
    Path((cid, tid)): Path<(String, String)>,
    CsrfForm(form): CsrfForm<TopicEditForm>,
) -> PageResult {
    let (topic, m) = editable(&state, &me, &cid, &tid).await?;
    let input = TopicEditInput {
        title: form.title.clone(),
        description: form.description.clone(),
        tags: form
            .tags
            .split(',')
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect(),
    };
    match topics::edit(&state, &me, topic.id, &input).await {
        Ok(_) => Ok(
            Redirect::to(&format!("/c/{cid}/topics/{}?notice=topic_saved", topic.id))
                .into_response(),
        ),
        Err(AppError::Invalid(e)) => {
            let page = Page::new(Some(&me), &csrf);
            let errors = FieldErrors::new(page.lang, &e);
            render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                &template(&state, &m, &topic, page, form, errors).await?,
            )
        }
        Err(e) => Err(e.into()),
    }
}
