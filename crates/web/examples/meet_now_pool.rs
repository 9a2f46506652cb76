//! Meet-now pairing end to end at event scale: `--pool` members (2,000 by default), each with
//! a profile and an offer topic drawn from a skewed list of skills, say they are free; then
//! the pool is read from the database (timed several times) and paired once as the server
//! does it (read, pair with the matching engine, write the proposals in one transaction).
//!
//! ```text
//! cargo run --release -p peerlearn-web --example meet_now_pool -- --pool 2000
//! cargo run --release -p peerlearn-web --example meet_now_pool -- --pool 2000 \
//!     --database-url postgres://postgres@127.0.0.1/peerlearn_bench
//! ```
//!
//! The target: the pool of 2,000 paired in under 100 ms.

use std::time::Instant;

use chrono::{Duration, Utc};
use peerlearn_domain::{
    BoundedText, CommunityCalendar, CommunityKind, DayHours, DisplayName, Email, JoinPolicy,
    Languages, MeetingMode, Minutes, ProfileText, TagList, TimeRange, Timezone, TopicFormat,
    TopicKind,
};
use peerlearn_store::{NewCommunity, NewTopic, ProfileUpdate, Store};
use peerlearn_web::{AppState, Config, meet_now};

fn arg(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

fn text(s: &str, max: usize) -> BoundedText {
    BoundedText::parse("t", s, 0, max, true).expect("text")
}

/// Skills, the first ones far more common than the last (as at a real event).
const SKILLS: [&str; 40] = [
    "python",
    "sql",
    "excel",
    "javascript",
    "java",
    "git",
    "docker",
    "linux",
    "aws",
    "react",
    "kubernetes",
    "rust",
    "go",
    "terraform",
    "tableau",
    "power-bi",
    "figma",
    "spark",
    "kafka",
    "postgresql",
    "typescript",
    "c-sharp",
    "swift",
    "kotlin",
    "scala",
    "r",
    "matlab",
    "sas",
    "salesforce",
    "sap",
    "jira",
    "ansible",
    "airflow",
    "dbt",
    "snowflake",
    "redis",
    "graphql",
    "elixir",
    "haskell",
    "julia",
];

fn skill(seed: u64) -> &'static str {
    let x = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407)
        >> 33;
    let u = (x % 10_000) as f64 / 10_000.0;
    SKILLS[((u * u) * SKILLS.len() as f64) as usize]
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let size: usize = arg("--pool").map_or(2000, |v| v.parse().expect("--pool"));
    let dir = tempfile::tempdir()?;
    let url = arg("--database-url")
        .unwrap_or_else(|| format!("sqlite://{}?mode=rwc", dir.path().join("now.db").display()));
    let store = Store::connect(&url, 16).await?;
    store.migrate().await?;
    let now = Utc::now();
    let stamp = now.timestamp();
    let err = |e: peerlearn_domain::Invalid| e.to_string();
    let organizer = store
        .create_user(
            &Email::parse(&format!("organizer.{stamp}@example.org")).map_err(err)?,
            &DisplayName::parse("Organizer").map_err(err)?,
            "unused",
            now,
        )
        .await?;
    let community = store
        .create_community(
            &NewCommunity {
                name: text(&format!("Meet-now bench {stamp}"), 200),
                description: text("", 10),
                kind: CommunityKind::Ongoing,
                calendar: CommunityCalendar {
                    timezone: Timezone::parse("UTC").map_err(err)?,
                    hours: DayHours::parse("00:00", "23:59").map_err(err)?,
                    dates: None,
                },
                join_policy: JoinPolicy::Open,
                language: None,
            },
            organizer.id,
            now,
        )
        .await?;
    let seeding = Instant::now();
    let window = TimeRange::new(now, now + Duration::minutes(45)).map_err(err)?;
    for i in 0..size {
        let n = i as u64;
        let user = store
            .create_user(
                &Email::parse(&format!("m{i}.{stamp}@example.org")).map_err(err)?,
                &DisplayName::parse(&format!("Member {i}")).map_err(err)?,
                "unused",
                now,
            )
            .await?;
        let member = store.join_community(community.id, user.id, now).await?.id;
        let offers = [skill(n * 7 + 1), skill(n * 7 + 2)];
        let wants = [skill(n * 7 + 3), skill(n * 7 + 4), skill(n * 7 + 5)];
        let profile = ProfileUpdate {
            text: ProfileText::parse("", "", &format!("Team {}", i % 25)).map_err(err)?,
            languages: Languages::parse(["English"]).map_err(err)?,
            offers: TagList::parse("offers", offers).map_err(err)?,
            wants: TagList::parse("wants", wants).map_err(err)?,
            daily_cap: None,
        };
        store
            .save_profile(community.id, member, &profile, None)
            .await?;
        let topic = NewTopic {
            kind: TopicKind::Offer,
            title: text(&format!("{} in practice", offers[0]), 140),
            description: text("", 10),
            description_html: String::new(),
            tags: TagList::parse("tags", offers).map_err(err)?,
            format: TopicFormat::OneOnOne,
            capacity: 1,
            mode: MeetingMode::Either,
            duration: Minutes::parse("duration", 30, &[30]).map_err(err)?,
            starts_at: None,
        };
        store
            .create_topic(community.id, member, &topic, "", now)
            .await?;
        let mode = if i % 5 == 0 {
            MeetingMode::Virtual
        } else {
            MeetingMode::InPerson
        };
        store
            .set_free(community.id, member, mode, false, window, now)
            .await?;
    }
    println!(
        "seeded {size} free members in {:.1} s ({url})",
        seeding.elapsed().as_secs_f64(),
        url = if url.starts_with("sqlite") {
            "SQLite"
        } else {
            "PostgreSQL"
        }
    );
    let mut reads = Vec::new();
    for _ in 0..9 {
        let started = Instant::now();
        let pool = store.meet_now_pool(community.id, now).await?;
        reads.push(started.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(pool.len(), size);
    }
    reads.sort_by(f64::total_cmp);
    let state = AppState::new(store.clone(), Config::default());
    let started = Instant::now();
    let made = meet_now::pair(&state, &community, now)
        .await
        .map_err(|e| e.detail())?;
    let whole = started.elapsed().as_secs_f64() * 1000.0;
    println!(
        "reading the pool: median {:.1} ms (9 runs); pairing it once (read, match, write {} proposals): {whole:.1} ms — {}",
        reads[reads.len() / 2],
        made.len(),
        if whole <= 100.0 {
            "within the 100 ms target"
        } else {
            "OVER the 100 ms target"
        }
    );
    Ok(())
}
