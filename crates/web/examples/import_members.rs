//! How long importing attendees takes: a CSV of `--rows` people (2,000 by default; a tenth of
//! them already have an account, a few rows have errors) is read, checked, classified and
//! staged (the preview), then confirmed (accounts, memberships with tags, invitations and
//! their emails queued in one transaction). Prints each step's wall time.
//!
//! ```text
//! cargo run --release -p peerlearn-web --example import_members -- --rows 2000
//! cargo run --release -p peerlearn-web --example import_members -- --rows 2000 \
//!     --database-url postgres://postgres@127.0.0.1/peerlearn_bench
//! ```
//!
//! The target: 2,000 rows in under 10 s end to end. No argon2 runs per row: imported
//! accounts have no password until their owner chooses one with the invitation link.

use std::time::Instant;

use chrono::Utc;
use peerlearn_domain::{
    BoundedText, CommunityCalendar, CommunityKind, DayHours, DisplayName, Email, JoinPolicy,
    Timezone,
};
use peerlearn_store::{NewCommunity, Store};
use peerlearn_web::{AppState, Config, imports};

fn arg(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

fn text(s: &str) -> BoundedText {
    BoundedText::parse("t", s, 0, 200, true).expect("text")
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let rows: usize = arg("--rows").map_or(2000, |v| v.parse().expect("--rows"));
    let dir = tempfile::tempdir()?;
    let url = arg("--database-url").unwrap_or_else(|| {
        format!(
            "sqlite://{}?mode=rwc",
            dir.path().join("import.db").display()
        )
    });
    let store = Store::connect(&url, 16).await?;
    store.migrate().await?;
    let now = Utc::now();
    let organizer = store
        .create_user(
            &Email::parse("organizer@example.org").map_err(|e| e.to_string())?,
            &DisplayName::parse("Organizer").map_err(|e| e.to_string())?,
            "unused",
            now,
        )
        .await?;
    let community = store
        .create_community(
            &NewCommunity {
                name: text(&format!("Import bench {}", now.timestamp())),
                description: text(""),
                kind: CommunityKind::Ongoing,
                calendar: CommunityCalendar {
                    timezone: Timezone::parse("UTC").map_err(|e| e.to_string())?,
                    hours: DayHours::parse("09:00", "18:00").map_err(|e| e.to_string())?,
                    dates: None,
                },
                join_policy: JoinPolicy::Invite,
                language: None,
            },
            organizer.id,
            now,
        )
        .await?;
    // A tenth of the attendees have an account already.
    let stamp = now.timestamp();
    for i in (0..rows).step_by(10) {
        store
            .create_user(
                &Email::parse(&format!("attendee{i}.{stamp}@example.org"))
                    .map_err(|e| e.to_string())?,
                &DisplayName::parse(&format!("Attendee {i}")).map_err(|e| e.to_string())?,
                "unused",
                now,
            )
            .await?;
    }
    let mut csv = String::from("email,name,team,tags,language\n");
    for i in 0..rows {
        if i % 500 == 499 {
            csv.push_str("not an email,Nobody,,,\n");
            continue;
        }
        csv.push_str(&format!(
            "attendee{i}.{stamp}@example.org,Attendee {i},Team {},Rust; SQL|Topic {},{}\n",
            i % 40,
            i % 25,
            if i % 3 == 0 { "fr" } else { "en" }
        ));
    }
    let state = AppState::new(store.clone(), Config::default());
    let failed = |e: peerlearn_web::AppError| e.detail();
    let m = imports::as_organizer(&state, community.id, None)
        .await
        .map_err(failed)?
        .0;

    let total = Instant::now();
    let started = Instant::now();
    let preview = imports::stage(&state, &m, organizer.id, "bench.csv", csv.as_bytes())
        .await
        .map_err(failed)?;
    let staged = started.elapsed();
    let started = Instant::now();
    let done = imports::confirm(&state, &m, organizer.id, preview.import.id)
        .await
        .map_err(failed)?;
    let confirmed = started.elapsed();
    let total = total.elapsed();
    let c = preview.counts;
    println!(
        "rows: {} (new accounts {}, existing {}, errors {}); file {} KB",
        c.rows,
        c.new_accounts,
        c.existing_accounts,
        c.errors,
        csv.len() / 1024
    );
    println!("preview (read, check, classify, stage): {staged:.2?}");
    println!(
        "confirm ({} accounts, {} memberships and invitations, emails queued): {confirmed:.2?}",
        done.accounts_created, done.members_added
    );
    println!(
        "total: {total:.2?} — {}",
        if total.as_secs_f64() < 10.0 {
            "under the 10 s target"
        } else {
            "OVER the 10 s target"
        }
    );
    store.close().await;
    Ok(())
}
