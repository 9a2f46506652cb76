//! Full-text search of the topic market on both backends: stemmed words over title,
//! description and tags, every word required, the last one as a prefix, best match first.

use peerlearn_domain::{
    BoundedText, JoinPolicy, MeetingMode, Minutes, TagList, TopicFormat, TopicKind,
};
use peerlearn_store::{NewTopic, TopicFilter};
use peerlearn_testkit::TestDb;

use crate::support::{community, now, user};

fn topic(title: &str, description: &str, tags: &[&str]) -> NewTopic {
    NewTopic {
        kind: TopicKind::Offer,
        title: BoundedText::parse("title", title, 1, 140, false).unwrap(),
        description: BoundedText::parse("description", description, 0, 8000, true).unwrap(),
        description_html: String::new(),
        tags: TagList::parse("tags", tags.iter().copied()).unwrap(),
        format: TopicFormat::OneOnOne,
        capacity: 1,
        mode: MeetingMode::Virtual,
        duration: Minutes::parse("duration", 30, &[30]).unwrap(),
        starts_at: None,
    }
}

peerlearn_testkit::backend_tests! {
    async fn the_market_searches_stemmed_words_in_titles_descriptions_and_tags(db: TestDb) {
        let store = db.store();
        let ana = user(store, "ana@example.org", "Ana").await;
        let c = community(store, &ana, JoinPolicy::Open).await;
        let host = store.membership(c.id, ana.id).await.unwrap().unwrap().0;
        for (title, description, tags) in [
            ("Property-based testing", "Generators and shrinking", &["rust"][..]),
            ("Window functions", "Rewrite a slow report", &["sql", "postgresql"][..]),
            ("Kubernetes for beginners", "Pods and deployments, tested live", &["devops"][..]),
        ] {
            store
                .create_topic(c.id, host, &topic(title, description, tags), "https://video/r", now())
                .await
                .expect("a topic");
        }
        let search = |q: &str| {
            let filter = TopicFilter {
                q: Some(q.to_string()),
                limit: 50,
                ..TopicFilter::default()
            };
            async move {
                let mut titles: Vec<String> = store
                    .topics(c.id, &filter)
                    .await
                    .expect("a search")
                    .items
                    .iter()
                    .map(|t| t.title.clone())
                    .collect();
                titles.sort();
                titles
            }
        };
        // Stemming: "tests" finds "testing" and "tested".
        assert_eq!(search("tests").await, ["Kubernetes for beginners", "Property-based testing"]);
        // Tags are searched; every word must match.
        assert_eq!(search("postgresql report").await, ["Window functions"]);
        assert!(search("postgresql shrinking").await.is_empty());
        // The last word may be the start of a word.
        assert_eq!(search("kube").await, ["Kubernetes for beginners"]);
        // Query syntax in the input is only words.
        assert_eq!(search("\"window*\" (").await, ["Window functions"]);
        assert!(search("nothing-like-this").await.is_empty());
    }
}
