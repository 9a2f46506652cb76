//! Moderation: reports (one open per member and item), hiding and restoring with the audit
//! entry in the same transaction, dismissing, and hidden content left out of lists.

use peerlearn_domain::{BoundedText, SubjectKind, TopicKind};
use peerlearn_store::{Moderator, QuestionFilter, TopicFilter};
use peerlearn_testkit::TestDb;

use crate::questions::{answer, ask_topic, question, three};
use crate::support::{assert_not_found, audit_log, community, conflict_code, now, user};

fn reason(text: &str) -> BoundedText {
    BoundedText::parse("reason", text, 0, 1000, true).expect("a reason")
}

peerlearn_testkit::backend_tests! {
    async fn a_report_is_one_per_member_and_item_while_open(db: TestDb) {
        let store = db.store();
        let (c, [ana, bo, cy], _) = three(store).await;
        let q = store.create_question(c.id, ana, &question("How do I size Kubernetes clusters?", "", &[]), now()).await.unwrap();
        let r = store.report(c.id, SubjectKind::Question, q.id.0, bo, &reason("spam"), now()).await.unwrap();
        assert_eq!((r.kind, r.subject_id, r.subject_text.as_str(), r.reporter_name.as_str(), r.subject_hidden), (SubjectKind::Question, q.id.0, "How do I size Kubernetes clusters?", "Bo", false));
        assert_eq!(conflict_code(store.report(c.id, SubjectKind::Question, q.id.0, bo, &reason("again"), now()).await), "already_reported");
        store.report(c.id, SubjectKind::Question, q.id.0, cy, &reason("rude"), now()).await.unwrap();
        assert_eq!(store.open_reports(c.id, None, 50).await.unwrap().items.len(), 2);
        // Content of another community, or none at all, cannot be reported here.
        let zed = user(store, "zed@example.org", "Zed").await;
        let other = community(store, &zed, peerlearn_domain::JoinPolicy::Open).await;
        let zm = store.membership(other.id, zed.id).await.unwrap().unwrap().0;
        let elsewhere = store.create_question(other.id, zm, &question("Something elsewhere here", "", &[]), now()).await.unwrap();
        assert_not_found(store.report(c.id, SubjectKind::Question, elsewhere.id.0, bo, &reason("x"), now()).await);
        assert_not_found(store.report(c.id, SubjectKind::Answer, 999_999, bo, &reason("x"), now()).await);
    }

    async fn hiding_closes_reports_writes_the_audit_and_hides_from_lists(db: TestDb) {
        let store = db.store();
        let (c, [ana, bo, cy], organizer) = three(store).await;
        let by = Moderator { member: ana, user: organizer.id };
        let q = store.create_question(c.id, bo, &question("Buy cheap watches online now", "spam", &["watches"]), now()).await.unwrap();
        let keep = store.create_question(c.id, cy, &question("How do I size Kubernetes clusters?", "", &[]), now()).await.unwrap();
        let a = store.create_answer(&keep, bo, &answer("Buy watches!"), now()).await.unwrap();
        store.report(c.id, SubjectKind::Question, q.id.0, cy, &reason("spam"), now()).await.unwrap();
        store.hide(c.id, SubjectKind::Question, q.id.0, by, &reason("advertising"), now()).await.unwrap();
        store.hide(c.id, SubjectKind::Answer, a.id.0, by, &reason("advertising"), now()).await.unwrap();
        assert!(store.open_reports(c.id, None, 50).await.unwrap().items.is_empty(), "the report is closed");
        assert_eq!(conflict_code(store.hide(c.id, SubjectKind::Question, q.id.0, by, &reason("again"), now()).await), "already_hidden");
        assert_eq!(store.hidden(SubjectKind::Question, q.id.0).await.unwrap().map(|h| h.reason), Some("advertising".into()));
        // Cy sees neither; Bo (the author) sees both; a moderator sees both.
        let list = |viewer, moderator| QuestionFilter { viewer: Some(viewer), moderator, limit: 50, ..QuestionFilter::default() };
        let ids = |p: peerlearn_store::Page<peerlearn_store::Question>| p.items.iter().map(|q| q.id).collect::<Vec<_>>();
        assert_eq!(ids(store.questions(c.id, &list(cy, false)).await.unwrap()), [keep.id]);
        assert_eq!(ids(store.questions(c.id, &list(bo, false)).await.unwrap()), [keep.id, q.id]);
        assert_eq!(ids(store.questions(c.id, &list(ana, true)).await.unwrap()).len(), 2);
        let search = QuestionFilter { q: Some("watches".into()), ..list(cy, false) };
        assert!(store.questions(c.id, &search).await.unwrap().items.is_empty(), "not in search either");
        assert!(store.answers(keep.id, cy, false).await.unwrap().is_empty());
        assert_eq!(store.answers(keep.id, bo, false).await.unwrap()[0].hidden_reason.as_deref(), Some("advertising"));
        assert_eq!(store.answers(keep.id, ana, true).await.unwrap().len(), 1);
        assert_eq!(store.question(keep.id).await.unwrap().answer_count, 0);
        assert_eq!(store.answers_given(c.id, bo).await.unwrap(), 0, "hidden answers do not count");
        assert!(store.question_tags(c.id, 10).await.unwrap().iter().all(|t| t.tag != "watches"));
        let audit = audit_log(&db, c.id).await;
        let hidden: Vec<_> = audit.iter().filter(|r| r.1 == "hidden").collect();
        assert_eq!(hidden.len(), 2);
        assert_eq!((hidden[0].0, hidden[0].3.as_str()), (organizer.id.0, "advertising"));
        assert!(hidden[0].2.starts_with(&format!("question {} (Buy cheap", q.id)), "{}", hidden[0].2);
        // Restoring brings it back, with its own audit entry; restoring twice is refused.
        store.restore(c.id, SubjectKind::Question, q.id.0, by, &reason("appeal accepted"), now()).await.unwrap();
        assert_eq!(store.questions(c.id, &list(cy, false)).await.unwrap().items.len(), 2);
        assert_eq!(conflict_code(store.restore(c.id, SubjectKind::Question, q.id.0, by, &reason("again"), now()).await), "not_hidden");
        let page = store.audit_log(c.id, None, 50).await.unwrap();
        assert_eq!(page.items[0].action, "restored");
        assert_eq!(page.items[0].actor_name, "Ana");
    }

    async fn hidden_topics_leave_the_market_but_not_for_their_host(db: TestDb) {
        let store = db.store();
        let (c, [ana, bo, cy], organizer) = three(store).await;
        let t = store.create_topic(c.id, bo, &ask_topic("Spammy topic here"), "https://video/room", now()).await.unwrap();
        assert_eq!(t.kind, TopicKind::Ask);
        store.hide(c.id, SubjectKind::Topic, t.id.0, Moderator { member: ana, user: organizer.id }, &reason("spam"), now()).await.unwrap();
        let market = |viewer, moderator| TopicFilter { viewer: Some(viewer), moderator, limit: 50, ..TopicFilter::default() };
        assert!(store.topics(c.id, &market(cy, false)).await.unwrap().items.is_empty());
        assert_eq!(store.topics(c.id, &market(bo, false)).await.unwrap().items.len(), 1);
        assert_eq!(store.topics(c.id, &market(ana, true)).await.unwrap().items.len(), 1);
    }

    async fn dismissing_keeps_the_content_and_is_audited_once(db: TestDb) {
        let store = db.store();
        let (c, [ana, bo, cy], organizer) = three(store).await;
        let by = Moderator { member: ana, user: organizer.id };
        let q = store.create_question(c.id, bo, &question("How do I size Kubernetes clusters?", "", &[]), now()).await.unwrap();
        let r = store.report(c.id, SubjectKind::Question, q.id.0, cy, &reason("I disagree"), now()).await.unwrap();
        let done = store.dismiss_report(&r, by, &reason("not against the rules"), now()).await.unwrap();
        assert_eq!(done.status.as_str(), "dismissed");
        assert_eq!(conflict_code(store.dismiss_report(&r, by, &reason(""), now()).await), "already_decided");
        assert!(store.hidden(SubjectKind::Question, q.id.0).await.unwrap().is_none());
        let dismissed = audit_log(&db, c.id).await.into_iter().filter(|r| r.1 == "report_dismissed").count();
        assert_eq!(dismissed, 1);
        // Once dismissed, the same member may report it again.
        store.report(c.id, SubjectKind::Question, q.id.0, cy, &reason("still wrong"), now()).await.unwrap();
    }
}
