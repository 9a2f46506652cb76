//! Questions and answers: asking, searching, answering (with the asker's notification),
//! helpful marks, accepting, turning a question into an ask topic, answers given.

use peerlearn_domain::{
    BoundedText, JoinPolicy, MeetingMode, MemberId, Minutes, Tag, TagList, TopicFormat, TopicKind,
};
use peerlearn_store::{NewAnswer, NewQuestion, NewTopic, QuestionFilter, Store};
use peerlearn_testkit::TestDb;

use crate::support::{community, conflict_code, now, user};

pub fn question(title: &str, body: &str, tags: &[&str]) -> NewQuestion {
    NewQuestion {
        title: BoundedText::parse("title", title, 5, 160, false).expect("a title"),
        body: BoundedText::parse("body", body, 0, 8000, true).expect("a body"),
        body_html: format!("<p>{body}</p>"),
        tags: TagList::parse("tags", tags.iter().copied()).expect("tags"),
    }
}

pub fn answer(body: &str) -> NewAnswer {
    NewAnswer {
        body: BoundedText::parse("body", body, 1, 8000, true).expect("a body"),
        body_html: format!("<p>{body}</p>"),
    }
}

pub fn ask_topic(title: &str) -> NewTopic {
    NewTopic {
        kind: TopicKind::Ask,
        title: BoundedText::parse("title", title, 3, 140, false).expect("a title"),
        description: BoundedText::parse("d", "", 0, 10, true).expect("empty"),
        description_html: String::new(),
        tags: TagList::default(),
        format: TopicFormat::OneOnOne,
        capacity: 1,
        mode: MeetingMode::Either,
        duration: Minutes::default_for(TopicFormat::OneOnOne),
        starts_at: None,
    }
}

/// A community with three members: Ana (organizer), Bo and Cy.
pub async fn three(
    store: &Store,
) -> (
    peerlearn_store::Community,
    [MemberId; 3],
    peerlearn_store::User,
) {
    let ana = user(store, "ana@example.org", "Ana").await;
    let bo = user(store, "bo@example.org", "Bo").await;
    let cy = user(store, "cy@example.org", "Cy").await;
    let c = community(store, &ana, JoinPolicy::Open).await;
    let a = store.membership(c.id, ana.id).await.unwrap().unwrap().0;
    let b = store.join_community(c.id, bo.id, now()).await.unwrap().id;
    let y = store.join_community(c.id, cy.id, now()).await.unwrap().id;
    (c, [a, b, y], ana)
}

fn filter(viewer: MemberId) -> QuestionFilter {
    QuestionFilter {
        viewer: Some(viewer),
        limit: 50,
        ..QuestionFilter::default()
    }
}

peerlearn_testkit::backend_tests! {
    async fn questions_are_asked_searched_and_filtered(db: TestDb) {
        let store = db.store();
        let (c, [ana, bo, _], _) = three(store).await;
        let k8s = store.create_question(c.id, ana, &question("How do I size Kubernetes clusters?", "For a small team", &["kubernetes"]), now()).await.unwrap();
        let rust = store.create_question(c.id, bo, &question("Where to start with Rust lifetimes?", "Borrowing confuses me", &["rust"]), now()).await.unwrap();
        assert_eq!((k8s.tags.clone(), k8s.answer_count, k8s.accepted_answer, k8s.asker_name.as_str()), (vec!["kubernetes".to_string()], 0, None, "Ana"));
        let all = store.questions(c.id, &filter(ana)).await.unwrap();
        assert_eq!(all.items.iter().map(|q| q.id).collect::<Vec<_>>(), [rust.id, k8s.id]);
        // Stemmed search over title and body; the last word may be a prefix.
        for (q, want) in [("clusters", vec![k8s.id]), ("borrow", vec![rust.id]), ("lifeti", vec![rust.id]), ("kubernetes rust", vec![])] {
            let page = store.questions(c.id, &QuestionFilter { q: Some(q.into()), ..filter(ana) }).await.unwrap();
            assert_eq!(page.items.iter().map(|q| q.id).collect::<Vec<_>>(), want, "search {q}");
        }
        let tagged = store.questions(c.id, &QuestionFilter { tag: Some(Tag::parse("tag", "rust").unwrap()), ..filter(ana) }).await.unwrap();
        assert_eq!(tagged.items.iter().map(|q| q.id).collect::<Vec<_>>(), [rust.id]);
        store.create_answer(&k8s, bo, &answer("Start with three nodes."), now()).await.unwrap();
        let open = store.questions(c.id, &QuestionFilter { unanswered: true, ..filter(ana) }).await.unwrap();
        assert_eq!(open.items.iter().map(|q| q.id).collect::<Vec<_>>(), [rust.id]);
        let paged = store.questions(c.id, &QuestionFilter { limit: 1, ..filter(ana) }).await.unwrap();
        assert_eq!((paged.items.len(), paged.next_cursor.as_deref()), (1, Some("1")));
        let tags = store.question_tags(c.id, 10).await.unwrap();
        assert_eq!(tags.len(), 2);
    }

    async fn answering_notifies_the_asker_once_and_counts_answers_given(db: TestDb) {
        let store = db.store();
        let (c, [ana, bo, cy], _) = three(store).await;
        let q = store.create_question(c.id, ana, &question("How do I size Kubernetes clusters?", "", &[]), now()).await.unwrap();
        let a = store.create_answer(&q, bo, &answer("Start with three nodes."), now()).await.unwrap();
        assert_eq!((a.author, a.helpful_count, a.accepted, a.author_name.as_str()), (bo, 0, false, "Bo"));
        // The asker answering their own question tells nobody.
        store.create_answer(&q, ana, &answer("Update: I tried two."), now()).await.unwrap();
        let jobs = store.claim_jobs(now(), chrono::Duration::seconds(60), 50).await.unwrap();
        let events: Vec<_> = jobs.iter().filter(|j| j.kind == peerlearn_store::JobKind::AnswerPosted).collect();
        assert_eq!(events.len(), 1, "one event, for Bo's answer");
        assert_eq!((events[0].subject, events[0].actor), (a.id.0, Some(bo)));
        assert_eq!(store.answers_given(c.id, bo).await.unwrap(), 1);
        assert_eq!(store.answers_given(c.id, cy).await.unwrap(), 0);
        assert_eq!(store.question(q.id).await.unwrap().answer_count, 2);
        let read = store.answers(q.id, cy, false).await.unwrap();
        assert_eq!(read.len(), 2);
    }

    async fn helpful_marks_are_one_per_member_withdrawable_and_never_ones_own(db: TestDb) {
        let store = db.store();
        let (c, [ana, bo, cy], _) = three(store).await;
        let q = store.create_question(c.id, ana, &question("How do I size Kubernetes clusters?", "", &[]), now()).await.unwrap();
        let a = store.create_answer(&q, bo, &answer("Three nodes."), now()).await.unwrap();
        let once = store.set_helpful(&a, ana, true, now()).await.unwrap();
        let twice = store.set_helpful(&a, ana, true, now()).await.unwrap();
        assert_eq!((once.helpful_count, twice.helpful_count, twice.helpful_by_viewer), (1, 1, true));
        store.set_helpful(&a, cy, true, now()).await.unwrap();
        assert_eq!(store.answer(a.id, bo).await.unwrap().helpful_count, 2);
        let withdrawn = store.set_helpful(&a, ana, false, now()).await.unwrap();
        assert_eq!((withdrawn.helpful_count, withdrawn.helpful_by_viewer), (1, false));
        assert_eq!(conflict_code(store.set_helpful(&a, bo, true, now()).await), "own_answer");
        assert_eq!(store.answer(a.id, bo).await.unwrap().helpful_count, 1);
    }

    async fn the_accepted_answer_can_change_and_must_belong_to_the_question(db: TestDb) {
        let store = db.store();
        let (c, [ana, bo, cy], _) = three(store).await;
        let q = store.create_question(c.id, ana, &question("How do I size Kubernetes clusters?", "", &[]), now()).await.unwrap();
        let other = store.create_question(c.id, cy, &question("Another question here", "", &[]), now()).await.unwrap();
        let first = store.create_answer(&q, bo, &answer("Three nodes."), now()).await.unwrap();
        let second = store.create_answer(&q, cy, &answer("Measure first."), now()).await.unwrap();
        let elsewhere = store.create_answer(&other, bo, &answer("Elsewhere."), now()).await.unwrap();
        assert_eq!(store.accept_answer(&first).await.unwrap().accepted_answer, Some(first.id));
        assert_eq!(store.accept_answer(&second).await.unwrap().accepted_answer, Some(second.id));
        let answers = store.answers(q.id, ana, false).await.unwrap();
        assert_eq!(answers.iter().map(|a| a.accepted).collect::<Vec<_>>(), [false, true]);
        // The database refuses an answer of another question as the accepted one.
        let mut forged = elsewhere.clone();
        forged.question_id = q.id;
        assert!(store.accept_answer(&forged).await.is_err());
        assert_eq!(store.question(q.id).await.unwrap().accepted_answer, Some(second.id));
    }

    async fn an_unanswered_question_becomes_one_ask_topic(db: TestDb) {
        let store = db.store();
        let (c, [ana, bo, _], _) = three(store).await;
        let q = store.create_question(c.id, ana, &question("How do I size Kubernetes clusters?", "", &["kubernetes"]), now()).await.unwrap();
        let (linked, topic) = store.question_to_topic(q.id, &ask_topic("How do I size Kubernetes clusters?"), now()).await.unwrap();
        assert_eq!(linked.topic, Some(topic));
        let t = store.topic(topic).await.unwrap();
        assert_eq!((t.kind, t.host, t.community_id), (TopicKind::Ask, ana, c.id));
        assert_eq!(conflict_code(store.question_to_topic(q.id, &ask_topic("Again"), now()).await), "already_topic");
        let answered = store.create_question(c.id, ana, &question("Another question here", "", &[]), now()).await.unwrap();
        let a = store.create_answer(&answered, bo, &answer("Yes."), now()).await.unwrap();
        store.accept_answer(&a).await.unwrap();
        let topics_before = store.topics(c.id, &peerlearn_store::TopicFilter { limit: 50, ..Default::default() }).await.unwrap().items.len();
        assert_eq!(conflict_code(store.question_to_topic(answered.id, &ask_topic("Another"), now()).await), "already_answered");
        let topics_after = store.topics(c.id, &peerlearn_store::TopicFilter { limit: 50, ..Default::default() }).await.unwrap().items.len();
        assert_eq!(topics_before, topics_after, "a refused conversion writes no topic");
    }
}
