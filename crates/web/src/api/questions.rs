//! Questions and answers: ask, list (full-text search, tag, unanswered), read, answer, mark
//! answers helpful, accept one, and turn an unanswered question into an ask topic.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use peerlearn_domain::QuestionId;

use super::json::ApiJson;
use super::qa_views::{AnswerView, QuestionPage, QuestionView, TopicLinkView};
use super::{ApiQuery, path_id};
use crate::access::{self};
use crate::app::questions;
use crate::auth::{CurrentUser, Member};
use crate::error::{AppError, Problem};
pub use crate::input::queries::QuestionQuery;
use crate::qa_input::{AnswerInput, QuestionInput};
use crate::state::AppState;

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
    Member { m, .. }: Member,
    ApiJson(input): ApiJson<QuestionInput>,
) -> Result<impl IntoResponse, AppError> {
    let question = questions::ask(&state, &m, &input.parse()?).await?;
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
    Member { m, .. }: Member,
    ApiQuery(query): ApiQuery<QuestionQuery>,
) -> Result<axum::Json<QuestionPage>, AppError> {
    let id = m.community.id;
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
    let qid = path_id(&qid, "question")?;
    let (answer, _) = questions::answer(&state, &me, qid, &input.parse()?).await?;
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
    let (answer, _) = questions::helpful(&state, &me, path_id(&aid, "answer")?, true).await?;
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
    let (answer, _) = questions::helpful(&state, &me, path_id(&aid, "answer")?, false).await?;
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
        &questions::accept(&state, &me, path_id(&aid, "answer")?).await?,
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
