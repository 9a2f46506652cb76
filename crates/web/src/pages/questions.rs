//! Questions and answers: the questions list (search, tag, unanswered), asking, a question's
//! page with its answers, helpful marks, accepting, and turning it into an ask topic.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use peerlearn_store::{Answer, Question, TagCount};
use serde::Deserialize;

use super::account::{EmptyForm, NoticeQuery};
use super::communities::CommunityCard;
use super::form::{CsrfForm, FieldErrors};
use super::{Page, PageError, PageResult, SignedIn, render, render_status};
use crate::app::questions as qa;
use crate::auth::{CsrfToken, CurrentUser, Member};
use crate::error::AppError;
use crate::input::path_id;
use crate::input::queries::QuestionQuery;
use crate::qa_input::{AnswerInput, QuestionInput};
use crate::state::AppState;

/// A question as the list and its page show it.
pub struct QuestionCard {
    pub id: String,
    pub title: String,
    pub asker_id: String,
    pub asker_name: String,
    pub tags: Vec<String>,
    pub answer_count: i64,
    pub accepted: bool,
    pub topic_id: Option<String>,
    pub hidden_reason: Option<String>,
    pub when: String,
    pub body_html: String,
}

impl QuestionCard {
    fn new(q: &Question, page: &Page, tz: chrono_tz::Tz) -> Self {
        Self {
            id: q.id.to_string(),
            title: q.title.clone(),
            asker_id: q.asker.to_string(),
            asker_name: q.asker_name.clone(),
            tags: q.tags.clone(),
            answer_count: q.answer_count,
            accepted: q.accepted_answer.is_some(),
            topic_id: q.topic.map(|t| t.to_string()),
            hidden_reason: q.hidden_reason.clone(),
            when: page.when(q.created_at, tz),
            body_html: crate::markdown::shown_images(&q.body_html),
        }
    }
}

/// An answer as a question's page shows it.
pub struct AnswerCard {
    pub id: String,
    pub author_id: String,
    pub author_name: String,
    pub body_html: String,
    pub helpful_count: i64,
    pub helpful_by_me: bool,
    pub mine: bool,
    pub accepted: bool,
    pub hidden_reason: Option<String>,
    pub when: String,
}

impl AnswerCard {
    fn new(a: &Answer, me: peerlearn_domain::MemberId, page: &Page, tz: chrono_tz::Tz) -> Self {
        Self {
            id: a.id.to_string(),
            author_id: a.author.to_string(),
            author_name: a.author_name.clone(),
            body_html: crate::markdown::shown_images(&a.body_html),
            helpful_count: a.helpful_count,
            helpful_by_me: a.helpful_by_viewer,
            mine: a.author == me,
            accepted: a.accepted,
            hidden_reason: a.hidden_reason.clone(),
            when: page.when(a.created_at, tz),
        }
    }
}

#[derive(Template)]
#[template(path = "questions.html")]
struct ListTemplate {
    page: Page,
    community: CommunityCard,
    questions: Vec<QuestionCard>,
    tags: Vec<TagCount>,
    q: String,
    tag: String,
    unanswered: bool,
    next_url: Option<String>,
    error: Option<String>,
    filtered: bool,
    /// The zone the questions' times are in.
    zone: String,
}

impl ListTemplate {
    /// Whether the tag filtered on is one of the tags the filter lists.
    fn tag_listed(&self) -> bool {
        self.tags.iter().any(|t| t.tag == self.tag)
    }
}

pub async fn list(
    State(state): State<AppState>,
    Member { me, m }: Member,
    csrf: CsrfToken,
    Query(q): Query<QuestionQuery>,
    Query(notice): Query<NoticeQuery>,
) -> PageResult {
    let id = m.community.id;
    let tz = m.community.calendar.timezone.tz();
    let page = Page::new(Some(&me), &csrf).with_notice(notice.notice.as_deref());
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let unanswered = q
        .unanswered
        .as_deref()
        .is_some_and(|f| matches!(f, "true" | "1" | "on"));
    let (questions, next_url, error) = match q.filter(20, &m) {
        Ok(filter) => {
            let found = state.store.questions(id, &filter).await?;
            let next_url = found.next_cursor.map(|c| {
                let mut s = url::form_urlencoded::Serializer::new(String::new());
                for (k, v) in [("q", &q.q), ("tag", &q.tag), ("unanswered", &q.unanswered)] {
                    if let Some(v) = v {
                        s.append_pair(k, v);
                    }
                }
                s.append_pair("cursor", &c);
                format!("/c/{id}/questions?{}", s.finish())
            });
            let cards = found
                .items
                .iter()
                .map(|x| QuestionCard::new(x, &page, tz))
                .collect();
            (cards, next_url, None)
        }
        Err(e) => (
            Vec::new(),
            None,
            Some(e.detail_in(super::page_lang(Some(&me)))),
        ),
    };
    let filtered = [&q.q, &q.tag, &q.unanswered]
        .iter()
        .any(|v| v.as_deref().is_some_and(|s| !s.trim().is_empty()));
    render(&ListTemplate {
        zone: page.zone(tz).name().to_string(),
        page,
        community: CommunityCard::new(&m.community, Some(m.role)),
        questions,
        tags: state.store.question_tags(id, 20).await?,
        q: text(&q.q),
        tag: text(&q.tag),
        unanswered,
        next_url,
        error,
        filtered,
    })
}

/// The "ask a question" form: tags as comma-separated text.
#[derive(Deserialize, Default)]
pub struct QuestionForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    tags: String,
}

#[derive(Template)]
#[template(path = "question_new.html")]
struct NewTemplate {
    page: Page,
    community: CommunityCard,
    form: QuestionForm,
    errors: FieldErrors,
    suggestions: Vec<TagCount>,
}

pub async fn new_page(
    State(state): State<AppState>,
    Member { me, m }: Member,
    csrf: CsrfToken,
) -> PageResult {
    let id = m.community.id;
    render(&NewTemplate {
        page: Page::new(Some(&me), &csrf),
        community: CommunityCard::new(&m.community, Some(m.role)),
        form: QuestionForm::default(),
        errors: FieldErrors::default(),
        suggestions: state.store.tag_suggestions(id, "", 200).await?,
    })
}

pub async fn create(
    State(state): State<AppState>,
    Member { me, m }: Member,
    csrf: CsrfToken,
    CsrfForm(form): CsrfForm<QuestionForm>,
) -> PageResult {
    let id = m.community.id;
    let input = QuestionInput {
        title: form.title.clone(),
        body: form.body.clone(),
        tags: form
            .tags
            .split(',')
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect(),
    };
    let asked = match input.parse() {
        Ok(new) => qa::ask(&state, &m, &new).await,
        Err(e) => Err(e.into()),
    };
    match asked {
        Ok(q) => Ok(
            Redirect::to(&format!("/c/{id}/questions/{}?notice=question_asked", q.id))
                .into_response(),
        ),
        Err(AppError::Invalid(errors)) => {
            let page = Page::new(Some(&me), &csrf);
            render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                &NewTemplate {
                    errors: FieldErrors::new(page.lang, &errors),
                    page,
                    community: CommunityCard::new(&m.community, Some(m.role)),
                    form,
                    suggestions: state.store.tag_suggestions(id, "", 200).await?,
                },
            )
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "question.html")]
struct ShowTemplate {
    page: Page,
    community: CommunityCard,
    question: QuestionCard,
    answers: Vec<AnswerCard>,
    is_asker: bool,
    can_moderate: bool,
    answer_body: String,
    error: Option<String>,
    /// The zone the question's times are in.
    zone: String,
}

async fn show_template(
    state: &AppState,
    me: &CurrentUser,
    csrf: &CsrfToken,
    cid: &str,
    qid: &str,
) -> Result<ShowTemplate, PageError> {
    let (question, m) =
        crate::access::visible_question(&state.store, path_id(qid, "question")?, me.user.id)
            .await?;
    if question.community_id.to_string() != cid {
        return Err(AppError::NotFound("question").into());
    }
    let tz = m.community.calendar.timezone.tz();
    let answers = state
        .store
        .answers(question.id, m.member, m.role.can_moderate())
        .await?;
    let page = Page::new(Some(me), csrf);
    Ok(ShowTemplate {
        community: CommunityCard::new(&m.community, Some(m.role)),
        question: QuestionCard::new(&question, &page, tz),
        answers: answers
            .iter()
            .map(|a| AnswerCard::new(a, m.member, &page, tz))
            .collect(),
        zone: page.zone(tz).name().to_string(),
        page,
        is_asker: question.asker == m.member,
        can_moderate: m.role.can_moderate(),
        answer_body: String::new(),
        error: None,
    })
}

pub async fn show(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    csrf: CsrfToken,
    Path((cid, qid)): Path<(String, String)>,
    Query(q): Query<NoticeQuery>,
) -> PageResult {
    let mut t = show_template(&state, &me, &csrf, &cid, &qid).await?;
    t.page = t.page.with_notice(q.notice.as_deref());
    render(&t)
}

#[derive(Deserialize, Default)]
pub struct AnswerForm {
    #[serde(default)]
    body: String,
}

pub async fn answer(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    csrf: CsrfToken,
    Path((cid, qid)): Path<(String, String)>,
    CsrfForm(form): CsrfForm<AnswerForm>,
) -> PageResult {
    let mut t = show_template(&state, &me, &csrf, &cid, &qid).await?;
    let input = AnswerInput {
        body: form.body.clone(),
    };
    let answered = match input.parse() {
        Ok(new) => qa::answer(&state, &me, path_id(&qid, "question")?, &new).await,
        Err(e) => Err(e.into()),
    };
    match answered {
        Ok((a, _)) => Ok(Redirect::to(&format!(
            "/c/{cid}/questions/{qid}?notice=answer_posted#answer-{}",
            a.id
        ))
        .into_response()),
        Err(AppError::Invalid(e)) => {
            let lang = t.page.lang;
            t.error = Some(match e.reason_for("body") {
                Some(reason) => t
                    .page
                    .t1("error-your-answer", "message", lang.invalid(reason)),
                None => AppError::Invalid(e.clone()).detail_in(lang),
            });
            t.answer_body = form.body;
            render_status(StatusCode::UNPROCESSABLE_ENTITY, &t)
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize, Default)]
pub struct HelpfulForm {
    /// `true` to mark, anything else to withdraw.
    #[serde(default)]
    on: String,
}

/// Which question an answer belongs to, for redirects.
async fn question_of(state: &AppState, me: &CurrentUser, aid: &str) -> Result<String, AppError> {
    let (_, question, _) = qa::visible_answer(state, me.user.id, path_id(aid, "answer")?).await?;
    Ok(question.id.to_string())
}

pub async fn helpful(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    Path((cid, aid)): Path<(String, String)>,
    CsrfForm(form): CsrfForm<HelpfulForm>,
) -> PageResult {
    let id = path_id(&aid, "answer")?;
    let (_, question) = qa::helpful(&state, &me, id, form.on == "true").await?;
    Ok(Redirect::to(&format!("/c/{cid}/questions/{}#answer-{aid}", question.id)).into_response())
}

pub async fn accept(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    Path((cid, aid)): Path<(String, String)>,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> PageResult {
    let qid = question_of(&state, &me, &aid).await?;
    qa::accept(&state, &me, path_id(&aid, "answer")?).await?;
    Ok(Redirect::to(&format!(
        "/c/{cid}/questions/{qid}?notice=answer_accepted#answer-{aid}"
    ))
    .into_response())
}

pub async fn to_topic(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    Path((cid, qid)): Path<(String, String)>,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> PageResult {
    let (_, topic) =
        crate::app::topics::from_question(&state, &me, path_id(&qid, "question")?).await?;
    Ok(Redirect::to(&format!("/c/{cid}/topics/{topic}?notice=question_to_topic")).into_response())
}
