//! Questions and answers: ask, list (full-text search, tag, unanswered), read, answer, mark
//! answers helpful, accept one, and turn an unanswered question into an ask topic.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use peerlearn_domain::{AnswerId, CommunityId, QuestionId, SubjectKind, Tag, UserId};
use peerlearn_store::{Answer, Question, QuestionFilter};
use serde::Deserialize;
use utoipa::IntoParams;

use super::json::ApiJson;
use super::qa_views::{AnswerView, QuestionPage, QuestionView, TopicLinkView};
use super::{ApiQuery, path_id};
use crate::access::{self, AsMember};
use crate::auth::CurrentUser;
use crate::error::{AppError, Problem};
use crate::qa_input::{AnswerInput, QuestionInput};
use crate::state::AppState;

/// Filters of the questions list.
#[derive(Debug, Deserialize, IntoParams, Default)]
pub struct QuestionQuery {
    /// Full-text search over title, body and tags (stemmed; the last word may be a prefix).
    pub q: Option<String>,
    pub tag: Option<String>,
    /// `true`: only questions nobody has answered yet.
    pub unanswered: Option<String>,
    /// Page size, 1 to 200 (default 50).
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

impl QuestionQuery {
    /// Parses the filters; empty values mean "any".
    pub fn filter(
        &self,
        default_limit: i64,
        viewer: &AsMember,
    ) -> Result<QuestionFilter, AppError> {
        let given = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        let mut filter = QuestionFilter {
            q: given(&self.q).map(|q| q.chars().take(200).collect()),
            limit: self.limit.unwrap_or(default_limit),
            viewer: Some(viewer.member),
            moderator: viewer.role.can_moderate(),
            ..QuestionFilter::default()
        };
        if !(1..=200).contains(&filter.limit) {
            return Err(AppError::invalid("limit", "must be between 1 and 200"));
        }
        if let Some(t) = given(&self.tag) {
            filter.tag = Some(Tag::parse("tag", &t)?);
        }
        filter.unanswered = match given(&self.unanswered).as_deref() {
            None | Some("false") | Some("0") => false,
            Some("true") | Some("1") | Some("on") => true,
            Some(_) => return Err(AppError::invalid("unanswered", "must be true or false")),
        };
        if let Some(c) = given(&self.cursor) {
            filter.offset = c
                .parse::<i64>()
                .ok()
                .filter(|o| (0..=1_000_000).contains(o))
                .ok_or_else(|| {
                    AppError::invalid("cursor", "is not a cursor from a previous page")
                })?;
        }
        Ok(filter)
    }
}

/// An answer the caller may see, with its question.
pub(crate) async fn visible_answer(
    state: &AppState,
    user: UserId,
    raw: &str,
) -> Result<(Answer, Question, AsMember), AppError> {
    let aid: AnswerId = path_id(raw, "answer")?;
    // Read once without a viewer to find the question, then for the caller.
    let found = state
        .store
        .answer(aid, peerlearn_domain::MemberId(0))
        .await?;
    let (question, m) = access::visible_question(&state.store, found.question_id, user)
        .await
        .map_err(|e| match e {
            AppError::NotFound(_) => AppError::NotFound("answer"),
            other => other,
        })?;
    let answer = state.store.answer(aid, m.member).await?;
    if answer.hidden_reason.is_some() && answer.author != m.member && !m.role.can_moderate() {
        return Err(AppError::NotFound("answer"));
    }
    Ok((answer, question, m))
}

/// Asks a question (members).
pub(crate) async fn ask(
    state: &AppState,
    m: &AsMember,
    input: &QuestionInput,
) -> Result<Question, AppError> {
    let new = input.parse()?;
    Ok(state
        .store
        .create_question(m.community.id, m.member, &new, state.clock.now())
        .await?)
}

/// Answers a visible question (members).
pub(crate) async fn answer(
    state: &AppState,
    me: &CurrentUser,
    qid: &str,
    input: &AnswerInput,
) -> Result<(Answer, Question), AppError> {
    let (question, m) =
        access::visible_question(&state.store, path_id(qid, "question")?, me.user.id).await?;
    let new = input.parse()?;
    let answer = state
        .store
        .create_answer(&question, m.member, &new, state.clock.now())
        .await?;
    Ok((answer, question))
}

/// Marks an answer helpful, or withdraws the mark (never on one's own answer).
pub(crate) async fn helpful(
    state: &AppState,
    me: &CurrentUser,
    aid: &str,
    on: bool,
) -> Result<(Answer, Question), AppError> {
    let (answer, question, m) = visible_answer(state, me.user.id, aid).await?;
    if answer.author == m.member {
        return Err(AppError::Forbidden(
            "you cannot mark your own answer helpful",
        ));
    }
    let answer = state
        .store
        .set_helpful(&answer, m.member, on, state.clock.now())
        .await?;
    Ok((answer, question))
}

/// The asker accepts an answer (replacing an earlier choice).
pub(crate) async fn accept(
    state: &AppState,
    me: &CurrentUser,
    aid: &str,
) -> Result<Question, AppError> {
    let (answer, question, m) = visible_answer(state, me.user.id, aid).await?;
    if question.asker != m.member {
        return Err(AppError::Forbidden("only the asker can accept an answer"));
    }
    if answer.hidden_reason.is_some() {
        return Err(AppError::Conflict {
            code: "answer_hidden",
            message: "a hidden answer cannot be accepted".into(),
        });
    }
    Ok(state.store.accept_answer(&answer).await?)
}

/// Asks a question in a community (members).
#[utoipa::path(post, path = "/api/v1/communities/{cid}/questions", tag = "questions",
    security(("bearer" = [])),
    params(("cid" = String, Path, description = "community id")),
    request_body = QuestionInput,
    responses(
        (status = 201, body = QuestionView),
        (status = 403, body = Problem),
        (status = 404, body = Problem),
        (status = 422, description = "`invalid_input`", body = Problem),
    ))]
pub async fn create_question(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(cid): Path<String>,
    ApiJson(input): ApiJson<QuestionInput>,
) -> Result<impl IntoResponse, AppError> {
    let id: CommunityId = path_id(&cid, "community")?;
    let m = access::as_member(&state.store, id, me.user.id).await?;
    let question = ask(&state, &m, &input).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(QuestionView::from(&question)),
    ))
}

/// A community's questions (members): search, tag, unanswered, pagination.
#[utoipa::path(get, path = "/api/v1/communities/{cid}/questions", tag = "questions",
    security(("bearer" = [])),
    params(("cid" = String, Path, description = "community id"), QuestionQuery),
    responses((status = 200, body = QuestionPage), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn list_questions(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(cid): Path<String>,
    ApiQuery(query): ApiQuery<QuestionQuery>,
) -> Result<axum::Json<QuestionPage>, AppError> {
    let id: CommunityId = path_id(&cid, "community")?;
    let m = access::as_member(&state.store, id, me.user.id).await?;
    let page = state.store.questions(id, &query.filter(50, &m)?).await?;
    Ok(axum::Json(QuestionPage {
        items: page.items.iter().map(QuestionView::from).collect(),
        next_cursor: page.next_cursor,
    }))
}

/// A question with its answers (members of its community).
#[utoipa::path(get, path = "/api/v1/questions/{qid}", tag = "questions",
    security(("bearer" = [])),
    params(("qid" = String, Path, description = "question id")),
    responses((status = 200, body = QuestionView), (status = 404, body = Problem)))]
pub async fn get_question(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(qid): Path<String>,
) -> Result<axum::Json<QuestionView>, AppError> {
    let (question, m) =
        access::visible_question(&state.store, path_id(&qid, "question")?, me.user.id).await?;
    let answers = state
        .store
        .answers(question.id, m.member, m.role.can_moderate())
        .await?;
    let mut view = QuestionView::from(&question);
    view.answers = Some(answers.iter().map(AnswerView::from).collect());
    Ok(axum::Json(view))
}

/// Answers a question (members); the asker is notified.
#[utoipa::path(post, path = "/api/v1/questions/{qid}/answers", tag = "questions",
    security(("bearer" = [])),
    params(("qid" = String, Path, description = "question id")),
    request_body = AnswerInput,
    responses(
        (status = 201, body = AnswerView),
        (status = 404, body = Problem),
        (status = 422, description = "`invalid_input`", body = Problem),
    ))]
pub async fn create_answer(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(qid): Path<String>,
    ApiJson(input): ApiJson<AnswerInput>,
) -> Result<impl IntoResponse, AppError> {
    let (answer, _) = answer(&state, &me, &qid, &input).await?;
    Ok((StatusCode::CREATED, axum::Json(AnswerView::from(&answer))))
}

/// Marks an answer helpful (one mark per member; not one's own answer).
#[utoipa::path(post, path = "/api/v1/answers/{aid}/helpful", tag = "questions",
    security(("bearer" = [])),
    params(("aid" = String, Path, description = "answer id")),
    responses((status = 200, body = AnswerView), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn mark_helpful(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(aid): Path<String>,
) -> Result<axum::Json<AnswerView>, AppError> {
    let (answer, _) = helpful(&state, &me, &aid, true).await?;
    Ok(axum::Json(AnswerView::from(&answer)))
}

/// Withdraws the caller's helpful mark.
#[utoipa::path(delete, path = "/api/v1/answers/{aid}/helpful", tag = "questions",
    security(("bearer" = [])),
    params(("aid" = String, Path, description = "answer id")),
    responses((status = 200, body = AnswerView), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn unmark_helpful(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(aid): Path<String>,
) -> Result<axum::Json<AnswerView>, AppError> {
    let (answer, _) = helpful(&state, &me, &aid, false).await?;
    Ok(axum::Json(AnswerView::from(&answer)))
}

/// Accepts an answer (the asker only); accepting another changes the choice.
#[utoipa::path(post, path = "/api/v1/answers/{aid}/accept", tag = "questions",
    security(("bearer" = [])),
    params(("aid" = String, Path, description = "answer id")),
    responses((status = 200, body = QuestionView), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem)))]
pub async fn accept_answer(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(aid): Path<String>,
) -> Result<axum::Json<QuestionView>, AppError> {
    Ok(axum::Json(QuestionView::from(
        &accept(&state, &me, &aid).await?,
    )))
}

/// Turns a question with no accepted answer into an ask topic (the asker only), linked
/// from the question. 409 `already_answered` or `already_topic`.
#[utoipa::path(post, path = "/api/v1/questions/{qid}/topic", tag = "questions",
    security(("bearer" = [])),
    params(("qid" = String, Path, description = "question id")),
    responses((status = 201, body = TopicLinkView), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem)))]
pub async fn create_topic(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(qid): Path<String>,
) -> Result<impl IntoResponse, AppError> {
    let id: QuestionId = path_id(&qid, "question")?;
    let (question, topic) = crate::app::topics::from_question(&state, &me, id).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(TopicLinkView {
            question: QuestionView::from(&question),
            topic_id: topic.to_string(),
        }),
    ))
}

/// Whether `kind` `id` is hidden (for pages).
pub(crate) async fn hidden_reason(
    state: &AppState,
    kind: SubjectKind,
    id: i64,
) -> Result<Option<String>, AppError> {
    Ok(state.store.hidden(kind, id).await?.map(|h| h.reason))
}
