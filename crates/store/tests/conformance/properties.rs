//! Property test: any sequence of joins and profile updates leaves the directory consistent
//! with a simple model: every member appears exactly once across the pages, in join order,
//! with the tags of their last update; the tag filter finds exactly the members using a tag.

use std::collections::BTreeMap;

use peerlearn_domain::{CommunityId, JoinPolicy, MemberId, Tag};
use peerlearn_store::{DirectoryFilter, Store};
use peerlearn_testkit::{Backend, TestDb};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

use crate::support::{community, now, profile, user};

const TAGS: [&str; 6] = ["rust", "sql", "go", "machine learning", "c++", "design"];

#[derive(Debug, Clone)]
enum Op {
    /// A new person joins.
    Join,
    /// The member at this index (modulo the member count) replaces their profile.
    Update {
        who: usize,
        offers: Vec<usize>,
        wants: Vec<usize>,
        headline: String,
    },
}

fn op() -> impl Strategy<Value = Op> {
    let tags = || proptest::collection::vec(0..TAGS.len(), 0..4);
    prop_oneof![
        1 => Just(Op::Join),
        2 => (any::<usize>(), tags(), tags(), "[a-z ]{0,12}").prop_map(|(who, offers, wants, headline)| Op::Update {
            who,
            offers,
            wants,
            headline,
        }),
    ]
}

/// The tags a member should have: normalised, deduplicated, in the store's (sorted) order.
fn expected(indices: &[usize]) -> Vec<String> {
    let mut tags: Vec<String> = indices.iter().map(|i| TAGS[*i].to_string()).collect();
    tags.sort();
    tags.dedup();
    tags
}

#[derive(Debug, Default, Clone, PartialEq)]
struct Model {
    offers: Vec<String>,
    wants: Vec<String>,
}

async fn check(store: &Store, case: usize, ops: &[Op], limit: i64) -> Result<(), TestCaseError> {
    let owner = user(store, &format!("owner{case}@example.org"), "Owner").await;
    let c = community(store, &owner, JoinPolicy::Open).await;
    let (owner_m, _) = store
        .membership(c.id, owner.id)
        .await
        .expect("lookup")
        .expect("member");
    let mut model: BTreeMap<MemberId, Model> = BTreeMap::from([(owner_m, Model::default())]);
    for (step, op) in ops.iter().enumerate() {
        match op {
            Op::Join => {
                let u = user(store, &format!("c{case}s{step}@example.org"), "Joiner").await;
                let m = store
                    .join_community(c.id, u.id, now())
                    .await
                    .expect("joined");
                model.insert(m.id, Model::default());
            }
            Op::Update {
                who,
                offers,
                wants,
                headline,
            } => {
                let id = *model.keys().nth(who % model.len()).expect("a member");
                let names = |v: &[usize]| v.iter().map(|i| TAGS[*i]).collect::<Vec<_>>();
                store
                    .update_profile(
                        c.id,
                        id,
                        &profile(headline, "", &names(offers), &names(wants)),
                    )
                    .await
                    .expect("updated");
                model.insert(
                    id,
                    Model {
                        offers: expected(offers),
                        wants: expected(wants),
                    },
                );
            }
        }
    }
    let listed = pages(store, c.id, None, limit).await;
    let ids: Vec<MemberId> = listed.iter().map(|(id, _)| *id).collect();
    prop_assert_eq!(
        &ids,
        &model.keys().copied().collect::<Vec<_>>(),
        "every member once, in join order"
    );
    for (id, tags) in &listed {
        prop_assert_eq!(tags, &model[id], "the tags of the last update");
    }
    for tag in TAGS {
        let found: Vec<MemberId> = pages(store, c.id, Some(tag), limit)
            .await
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        let uses: Vec<MemberId> = model
            .iter()
            .filter(|(_, m)| m.offers.iter().chain(&m.wants).any(|t| t == tag))
            .map(|(id, _)| *id)
            .collect();
        prop_assert_eq!(found, uses, "tag {}", tag);
    }
    Ok(())
}

/// All pages of the directory, following cursors: (member, its tags).
async fn pages(
    store: &Store,
    c: CommunityId,
    tag: Option<&str>,
    limit: i64,
) -> Vec<(MemberId, Model)> {
    let mut out = Vec::new();
    let mut cursor = None;
    for _ in 0..1000 {
        let filter = DirectoryFilter {
            tag: tag.map(|t| Tag::parse("tag", t).expect("a tag")),
            text: None,
            cursor,
            limit,
        };
        let page = store.directory(c, &filter).await.expect("a page");
        assert!(page.items.len() as i64 <= limit);
        out.extend(page.items.into_iter().map(|m| {
            (
                m.id,
                Model {
                    offers: m.offers,
                    wants: m.wants,
                },
            )
        }));
        match page.next_cursor {
            Some(next) => cursor = Some(next.parse().expect("a numeric cursor")),
            None => return out,
        }
    }
    panic!("the directory's cursors never end");
}

fn run(backend: Backend) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let Some(db) = runtime.block_on(TestDb::new(backend)) else {
        return;
    };
    let mut runner = TestRunner::new(Config {
        cases: 24,
        failure_persistence: None,
        ..Config::default()
    });
    let case = std::cell::Cell::new(0);
    let strategy = (proptest::collection::vec(op(), 0..24), 1i64..6);
    let result = runner.run(&strategy, |(ops, limit)| {
        case.set(case.get() + 1);
        runtime.block_on(check(db.store(), case.get(), &ops, limit))
    });
    drop(db);
    if let Err(e) = result {
        panic!("{e}");
    }
}

mod sqlite {
    #[test]
    fn the_directory_agrees_with_the_model() {
        super::run(super::Backend::Sqlite);
    }
}

mod postgres {
    #[test]
    fn the_directory_agrees_with_the_model() {
        super::run(super::Backend::Postgres);
    }
}
