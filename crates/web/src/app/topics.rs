//! Topics: post one, edit its text and tags, close or reopen it, or make one from an unanswered question. Each keeps
//! the community's recommendation index current in this process.

use peerlearn_domain::{
    BoundedText, CommunityId, MeetingMode, Minutes, QuestionId, TagList, TopicFormat, TopicId,
    TopicKind,
};
use peerlearn_store::{NewTopic, Question, Topic};

use super::requests::video_room;
use crate::access;
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::input::TopicEditInput;
use crate::state::AppState;

/// Posts a topic in a community the caller is a member of; a group with a fixed time gets its
/// meeting at once.
pub async fn create(
    state: &AppState,
    me: &CurrentUser,
    community: CommunityId,
    new: &NewTopic,
) -> Result<Topic, AppError> {
    let m = access::as_member(&state.store, community, me.user.id).await?;
    let now = state.clock.now();
    let topic = state
        .store
        .create_topic(community, m.member, new, &video_room(state), now)
        .await?;
    indexed(state, &topic).await;
    Ok(topic)
}

/// Closes (`open` false) or reopens a topic: its host or an organizer.
pub async fn set_open(
    state: &AppState,
    me: &CurrentUser,
    id: TopicId,
    open: bool,
) -> Result<Topic, AppError> {
    let (topic, _, may_change) = access::visible_topic(&state.store, id, me.user.id).await?;
    if !may_change {
        return Err(AppError::Forbidden("forbidden-host-or-organizer"));
    }
    let topic = state.store.set_topic_open(topic.id, open).await?;
    indexed(state, &topic).await;
    Ok(topic)
}

/// Changes a topic's title, description and tags: its host or an organizer, as for closing.
/// The input is checked after the caller may edit, so nobody else learns what it refuses.
pub async fn edit(
    state: &AppState,
    me: &CurrentUser,
    id: TopicId,
    input: &TopicEditInput,
) -> Result<Topic, AppError> {
    let (topic, _, may_change) = access::visible_topic(&state.store, id, me.user.id).await?;
    if !may_change {
        return Err(AppError::Forbidden("forbidden-host-or-organizer"));
    }
    let edit = input.parse()?;
    let topic = state
        .store
        .update_topic(topic.community_id, topic.id, &edit)
        .await?;
    indexed(state, &topic).await;
    Ok(topic)
}

/// The asker turns their question, unanswered, into an ask topic.
pub async fn from_question(
    state: &AppState,
    me: &CurrentUser,
    id: QuestionId,
) -> Result<(Question, TopicId), AppError> {
    let (question, m) = access::visible_question(&state.store, id, me.user.id).await?;
    if question.asker != m.member {
        return Err(AppError::Forbidden("forbidden-only-asker-converts"));
    }
    let title: String = question.title.chars().take(140).collect();
    let new = NewTopic {
        kind: TopicKind::Ask,
        title: BoundedText::parse("title", &title, 3, 140, false)?,
        description: BoundedText::parse("description", &question.body, 0, 8000, true)?,
        description_html: question.body_html.clone(),
        tags: TagList::parse("tags", question.tags.iter().map(String::as_str))?,
        format: TopicFormat::OneOnOne,
        capacity: 1,
        mode: MeetingMode::Either,
        duration: Minutes::default_for(TopicFormat::OneOnOne),
        starts_at: None,
    };
    let (question, topic) = state
        .store
        .question_to_topic(question.id, &new, state.clock.now())
        .await?;
    let posted = state.store.topic(topic).await?;
    indexed(state, &posted).await;
    Ok((question, topic))
}

/// Tells this process's recommendation index about a topic posted or changed.
async fn indexed(state: &AppState, topic: &Topic) {
    (state.recommendations)
        .topic_changed(&state.store, topic, state.clock.now())
        .await;
}
