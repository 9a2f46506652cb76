//! Questions and answers: ask, answer, mark an answer helpful, and the asker accepts one.

use peerlearn_domain::{AnswerId, QuestionId, UserId};
use peerlearn_store::{Answer, NewAnswer, NewQuestion, Question};

use crate::access::{self, AsMember};
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::state::AppState;

/// An answer the caller may see, with its question.
pub async fn visible_answer(
    state: &AppState,
    user: UserId,
    aid: AnswerId,
) -> Result<(Answer, Question, AsMember), AppError> {
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
pub async fn ask(state: &AppState, m: &AsMember, new: &NewQuestion) -> Result<Question, AppError> {
    Ok(state
        .store
        .create_question(m.community.id, m.member, new, state.clock.now())
        .await?)
}

/// Answers a visible question (members).
pub async fn answer(
    state: &AppState,
    me: &CurrentUser,
    qid: QuestionId,
    new: &NewAnswer,
) -> Result<(Answer, Question), AppError> {
    let (question, m) = access::visible_question(&state.store, qid, me.user.id).await?;
    let answer = state
        .store
        .create_answer(&question, m.member, new, state.clock.now())
        .await?;
    Ok((answer, question))
}

/// Marks an answer helpful, or withdraws the mark (never on one's own answer).
pub async fn helpful(
    state: &AppState,
    me: &CurrentUser,
    aid: AnswerId,
    on: bool,
) -> Result<(Answer, Question), AppError> {
    let (answer, question, m) = visible_answer(state, me.user.id, aid).await?;
    if answer.author == m.member {
        return Err(AppError::Forbidden("forbidden-own-answer-helpful"));
    }
    let answer = state
        .store
        .set_helpful(&answer, m.member, on, state.clock.now())
        .await?;
    Ok((answer, question))
}

/// The asker accepts an answer (replacing an earlier choice).
pub async fn accept(
    state: &AppState,
    me: &CurrentUser,
    aid: AnswerId,
) -> Result<Question, AppError> {
    let (answer, question, m) = visible_answer(state, me.user.id, aid).await?;
    if question.asker != m.member {
        return Err(AppError::Forbidden("forbidden-only-asker-accepts"));
    }
    if answer.hidden_reason.is_some() {
        return Err(AppError::conflict(
            "answer_hidden",
            "a hidden answer cannot be accepted",
        ));
    }
    Ok(state.store.accept_answer(&answer).await?)
}
