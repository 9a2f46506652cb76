//! Editing a topic on both backends: title, description and tags change together, and
//! everything read from them (search, tag filters and counts, tag labels) follows at once.

use peerlearn_domain::{
    BoundedText, JoinPolicy, MeetingMode, Minutes, Tag, TagList, TopicFormat, TopicId, TopicKind,
};
use peerlearn_store::{NewTopic, Store, TopicEdit, TopicFilter};
use peerlearn_testkit::TestDb;

use crate::support::{assert_not_found, community, new_community, now, user};

fn text(field: &str, raw: &str) -> BoundedText {
    BoundedText::parse(field, raw, 0, 8000, true).unwrap()
}

fn tags(raw: &[&str]) -> TagList {
    TagList::parse("tags", raw.iter().copied()).unwrap()
}

fn posted(title: &str, tag_list: &[&str]) -> NewTopic {
    NewTopic {
        kind: TopicKind::Offer,
        title: text("title", title),
        description: text("description", "Generators and shrinking"),
        description_html: "<p>Generators and shrinking</p>".into(),
        tags: tags(tag_list),
        format: TopicFormat::OneOnOne,
        capacity: 1,
        mode: MeetingMode::Virtual,
        duration: Minutes::parse("duration", 30, &[30]).unwrap(),
        starts_at: None,
    }
}

async fn titles(
    store: &Store,
    c: peerlearn_domain::CommunityId,
    filter: TopicFilter,
) -> Vec<String> {
    let filter = TopicFilter {
        limit: 50,
        ..filter
    };
    store
        .topics(c, &filter)
        .await
        .unwrap()
        .items
        .iter()
        .map(|t| t.title.clone())
        .collect()
}

fn search(q: &str) -> TopicFilter {
    TopicFilter {
        q: Some(q.into()),
        ..TopicFilter::default()
    }
}

fn tagged(tag: &str) -> TopicFilter {
    TopicFilter {
        tag: Some(Tag::parse("tag", tag).unwrap()),
        ..TopicFilter::default()
    }
}

peerlearn_testkit::backend_tests! {
    async fn an_edit_changes_the_text_and_tags_and_what_finds_them(db: TestDb) {
        let store = db.store();
        let ana = user(store, "ana@example.org", "Ana").await;
        let c = community(store, &ana, JoinPolicy::Open).await;
        let host = store.membership(c.id, ana.id).await.unwrap().unwrap().0;
        let topic = store
            .create_topic(c.id, host, &posted("Property testing", &["rust", "testing"]), "https://video/r", now())
            .await
            .unwrap();
        // Fill the market cache, so the edit must empty it.
        assert_eq!(titles(store, c.id, search("property")).await, ["Property testing"]);
        assert_eq!(titles(store, c.id, tagged("testing")).await, ["Property testing"]);
        assert_eq!(store.topic_tags(c.id, 10).await.unwrap().len(), 2);

        let edit = TopicEdit {
            title: text("title", "Window functions"),
            description: text("description", "Rewrite a **slow** report"),
            description_html: "<p>Rewrite a <strong>slow</strong> report</p>".into(),
            tags: tags(&["rust", "PostgreSQL", "sql"]),
        };
        let edited = store.update_topic(c.id, topic.id, &edit).await.unwrap();
        assert_eq!(edited.title, "Window functions");
        assert_eq!(edited.description, "Rewrite a **slow** report");
        assert_eq!(edited.description_html, "<p>Rewrite a <strong>slow</strong> report</p>");
        assert_eq!(edited.tags, ["rust", "postgresql", "sql"]);
        // What the edit leaves alone.
        assert_eq!((edited.kind, edited.format, edited.mode), (topic.kind, topic.format, topic.mode));
        assert_eq!((edited.capacity, edited.duration_minutes, edited.open), (1, 30, true));
        assert_eq!(edited.host, host);

        // Full-text search reads the new text (and only it) on both backends.
        assert!(titles(store, c.id, search("property")).await.is_empty());
        assert!(titles(store, c.id, search("shrinking")).await.is_empty());
        assert_eq!(titles(store, c.id, search("window")).await, ["Window functions"]);
        assert_eq!(titles(store, c.id, search("slow report")).await, ["Window functions"]);
        assert_eq!(titles(store, c.id, search("postgresql")).await, ["Window functions"]);
        // Exact tag filters and counts read the new tags.
        assert!(titles(store, c.id, tagged("testing")).await.is_empty());
        assert_eq!(titles(store, c.id, tagged("sql")).await, ["Window functions"]);
        let counted: Vec<String> = store.topic_tags(c.id, 10).await.unwrap().iter().map(|t| t.tag.clone()).collect();
        assert_eq!(counted, ["postgresql", "rust", "sql"]);
        // The spelling with capitals is remembered, as when posting.
        assert_eq!(store.tag_labels(c.id).await.unwrap().show("postgresql"), "PostgreSQL");

        // No tags at all is a valid edit.
        let bare = TopicEdit { tags: tags(&[]), ..edit.clone() };
        assert!(store.update_topic(c.id, topic.id, &bare).await.unwrap().tags.is_empty());
        assert!(store.topic_tags(c.id, 10).await.unwrap().is_empty());
    }

    async fn a_topic_of_another_community_is_not_found(db: TestDb) {
        let store = db.store();
        let ana = user(store, "ana@example.org", "Ana").await;
        let bo = user(store, "bo@example.org", "Bo").await;
        let guild = community(store, &ana, JoinPolicy::Open).await;
        let other = store
            .create_community(&new_community("Other", JoinPolicy::Open), bo.id, now())
            .await
            .unwrap();
        let host = store.membership(guild.id, ana.id).await.unwrap().unwrap().0;
        let topic = store
            .create_topic(guild.id, host, &posted("Property testing", &["rust"]), "https://video/r", now())
            .await
            .unwrap();
        let edit = TopicEdit {
            title: text("title", "Taken over"),
            description: text("description", ""),
            description_html: String::new(),
            tags: tags(&["spam"]),
        };
        assert_not_found(store.update_topic(other.id, topic.id, &edit).await);
        assert_not_found(store.update_topic(guild.id, TopicId(topic.id.0 + 1000), &edit).await);
        let unchanged = store.topic(topic.id).await.unwrap();
        assert_eq!(unchanged.title, "Property testing");
        assert_eq!(unchanged.tags, ["rust"]);
        assert!(titles(store, guild.id, tagged("spam")).await.is_empty());
        assert!(titles(store, other.id, search("taken")).await.is_empty());
    }
}
