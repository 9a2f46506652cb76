//! `peerlearn demo`: a lively demo community in a fresh database, then serve it.

mod history;
mod people;
mod questions;
mod requests;
mod topics;
mod vocabulary;

use anyhow::{Context, bail};
use chrono::{Datelike, Days, Utc};
use clap::Args;
use peerlearn_domain::{
    BoundedText, Capacity, CommunityCalendar, CommunityKind, DayHours, DisplayName, Email,
    EventDates, JoinPolicy, Languages, Password, ProfileText, Role, SpotKind, TagList, Timezone,
};
use peerlearn_store::{NewCommunity, NewSpot, ProfileUpdate, Store};
use rand::SeedableRng;
use rand::rngs::StdRng;

use crate::serve::{normalise_url, serve_store};
use crate::settings::{SecretUrl, ServeArgs, Settings};

pub const ORGANIZER_EMAIL: &str = "organizer@demo.peerlearn.dev";
pub const MEMBER_EMAIL: &str = "member@demo.peerlearn.dev";
pub const DEMO_PASSWORD: &str = "peerlearn-demo";

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// How many members the demo community gets.
    #[arg(long, default_value_t = 300)]
    pub members: usize,

    /// Seed for the made-up people (the same seed makes the same community).
    #[arg(long, default_value_t = 7)]
    pub seed: u64,

    /// Build the database and exit without serving.
    #[arg(long)]
    pub no_serve: bool,

    #[command(flatten)]
    pub serve: ServeArgs,
}

pub async fn run(args: DemoArgs) -> anyhow::Result<()> {
    let mut settings = Settings::for_server(&args.serve)?;
    if settings.database_url == Settings::default().database_url {
        // Keep the demo away from a real database by default.
        settings.database_url = SecretUrl::new("sqlite://peerlearn-demo.db");
    }
    let store = fresh_store(&settings).await?;
    build(&store, args.members, args.seed).await?;
    let base = settings.public_url();
    println!();
    println!(
        "The demo community is ready: {} members, two event days, spots and virtual rooms.",
        args.members + 2
    );
    println!("Open {base}/signin and sign in as");
    println!("  organizer: {ORGANIZER_EMAIL}  password: {DEMO_PASSWORD}");
    println!("  member:    {MEMBER_EMAIL}  password: {DEMO_PASSWORD}");
    println!("Every other demo member (e.g. ana.lima0@demo.peerlearn.dev) has the same password.");
    if args.no_serve {
        return Ok(());
    }
    println!();
    serve_store(store, &settings).await
}

/// A new, empty, migrated database: a demo SQLite file is recreated; a PostgreSQL database
/// must be empty.
async fn fresh_store(settings: &Settings) -> anyhow::Result<Store> {
    let url = settings.database_url.expose();
    if let Some(path) = url
        .strip_prefix("sqlite://")
        .map(|p| p.split('?').next().unwrap_or(p))
        && !url.contains(":memory:")
    {
        for suffix in ["", "-wal", "-shm"] {
            let file = format!("{path}{suffix}");
            match std::fs::remove_file(&file) {
                Ok(()) => eprintln!("removed the previous demo database file {file}"),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(e).with_context(|| format!("could not remove {file}")),
            }
        }
    }
    let store = Store::connect(&normalise_url(url), settings.db_max_connections)
        .await
        .with_context(|| format!("could not open {}", peerlearn_store::redact(url)))?;
    store
        .migrate()
        .await
        .context("could not migrate the database")?;
    if store.count_users().await? > 0 {
        bail!(
            "the database {} already has accounts; the demo needs an empty database",
            peerlearn_store::redact(url)
        );
    }
    Ok(store)
}

fn text(field: &str, raw: &str, max: usize) -> anyhow::Result<BoundedText> {
    BoundedText::parse(field, raw, 0, max, true).map_err(|e| anyhow::anyhow!("{e}"))
}

async fn build(store: &Store, members: usize, seed: u64) -> anyhow::Result<()> {
    let err = |e: peerlearn_domain::Invalid| anyhow::anyhow!("{e}");
    let now = Utc::now();
    let mut rng = StdRng::seed_from_u64(seed);
    let vocabulary = vocabulary::Vocabulary::load();
    eprintln!(
        "vocabulary: {} real skills from O*NET",
        vocabulary.skills.len()
    );

    let hash = peerlearn_web::hash_password(Password::parse(DEMO_PASSWORD).map_err(err)?)
        .await
        .map_err(|e| anyhow::anyhow!("{}", e.detail()))?;
    let account = |email: &str, name: &str| -> anyhow::Result<(Email, DisplayName)> {
        Ok((
            Email::parse(email).map_err(err)?,
            DisplayName::parse(name).map_err(err)?,
        ))
    };

    let (email, name) = account(ORGANIZER_EMAIL, "Olivia Organizer")?;
    let organizer = store.create_user(&email, &name, &hash, now).await?;
    let today = now.date_naive();
    let first_day = today + Days::new(1);
    let calendar = CommunityCalendar {
        timezone: Timezone::parse("Europe/Lisbon").map_err(err)?,
        hours: DayHours::parse("09:00", "18:00").map_err(err)?,
        dates: Some(EventDates {
            starts_on: first_day,
            ends_on: first_day + Days::new(1),
        }),
    };
    let community = store
        .create_community(
            &NewCommunity {
                name: text("name", &format!("PeerConf {}", first_day.year()), 120)?,
                description: text(
                    "description",
                    "Two days of learning from each other. Post what you can share and what you \
                     want to learn, book a 30-minute conversation at a lounge table or by video, \
                     and leave with one thing you will try.",
                    4000,
                )?,
                kind: CommunityKind::Event,
                calendar,
                join_policy: JoinPolicy::Open,
                language: None,
            },
            organizer.id,
            now,
        )
        .await?;
    eprintln!("community: {} (id {})", community.name, community.id);

    let spots: &[(&str, SpotKind, i64)] = &[
        ("Lounge table 1", SpotKind::Table, 2),
        ("Lounge table 2", SpotKind::Table, 2),
        ("Lounge table 3", SpotKind::Table, 2),
        ("Lounge table 4", SpotKind::Table, 4),
        ("Lounge table 5", SpotKind::Table, 4),
        ("Lounge table 6", SpotKind::Table, 4),
        ("Window table", SpotKind::Table, 6),
        ("Garden table", SpotKind::Table, 6),
        ("Room Lisbon", SpotKind::Room, 10),
        ("Room Porto", SpotKind::Room, 16),
        ("Video room A", SpotKind::Virtual, 8),
        ("Video room B", SpotKind::Virtual, 8),
        ("Video room C", SpotKind::Virtual, 8),
    ];
    for (name, kind, capacity) in spots {
        store
            .create_spot(
                community.id,
                &NewSpot {
                    name: BoundedText::parse("name", name, 1, 80, false).map_err(err)?,
                    kind: *kind,
                    capacity: Capacity::parse("capacity", *capacity).map_err(err)?,
                },
                now,
            )
            .await?;
    }
    eprintln!("spots: {}", spots.len());

    let people = people::generate(members + 2, &vocabulary, &calendar, today, &mut rng);
    let (email, name) = account(MEMBER_EMAIL, "Mia Member")?;
    let member_user = store.create_user(&email, &name, &hash, now).await?;
    let organizer_member = store.membership(community.id, organizer.id).await?;
    let mut accounts = vec![
        (member_user.id, None),
        (organizer.id, organizer_member.map(|m| m.0)),
    ];
    for person in &people[2..] {
        let (email, name) = account(&person.email, &person.name)?;
        let user = store.create_user(&email, &name, &hash, now).await?;
        accounts.push((user.id, None));
    }
    let total = accounts.len();
    let mut profiles = Vec::with_capacity(total);
    // The two named accounts get the first two made-up people's profiles.
    for (i, (user, existing)) in accounts.iter().enumerate() {
        let member = match existing {
            Some(m) => *m,
            None => store.join_community(community.id, *user, now).await?.id,
        };
        profiles.push(member);
        if (i + 1) % 50 == 0 || i + 1 == total {
            eprintln!("members: {}/{total}", i + 1);
        }
    }
    for (member, person) in profiles.iter().zip(&people) {
        let update = ProfileUpdate {
            text: ProfileText::parse(&person.headline, &person.bio, person.team).map_err(err)?,
            languages: Languages::parse(person.languages.iter().map(String::as_str))
                .map_err(err)?,
            offers: TagList::parse("offers", person.offers.iter().map(String::as_str))
                .map_err(err)?,
            wants: TagList::parse("wants", person.wants.iter().map(String::as_str)).map_err(err)?,
            // Some people protect their day: at most three or four meetings.
            daily_cap: (person.offers.len() == 5).then_some(3 + (person.wants.len() as u32 % 2)),
        };
        store.update_profile(community.id, *member, &update).await?;
        let windows: Vec<_> = person
            .windows
            .iter()
            .filter_map(|w| people::window_range(&calendar, *w))
            .collect();
        store
            .set_availability(
                community.id,
                *member,
                &peerlearn_domain::TimeRange::merge(windows),
            )
            .await?;
    }
    eprintln!("profiles: {total}/{total}");
    let mut posted = 0;
    for (member, person) in profiles.iter().zip(&people) {
        for new in topics::for_person(person, &calendar, now, &mut rng).map_err(err)? {
            match store
                .create_topic(
                    community.id,
                    *member,
                    &new,
                    &format!("https://meet.jit.si/peerlearn-demo-{posted}"),
                    now,
                )
                .await
            {
                Ok(_) => {}
                // A group time that collides with another of the host's groups is skipped.
                Err(peerlearn_store::StoreError::Conflict { .. }) => continue,
                Err(e) => return Err(e.into()),
            }
            posted += 1;
        }
    }
    eprintln!("topics: {posted}");
    let requested = requests::send(store, community.id, &profiles, now, &mut rng).await?;
    eprintln!("pending requests: {requested}");
    let (held, notes) = history::hold(store, community.id, &profiles, now, 60, &mut rng).await?;
    eprintln!("past warm-up meetings: {held}, with {notes} notes in the knowledge base");
    eprintln!(
        "questions: {}",
        questions::post(store, community.id, &profiles, &people, now, &mut rng).await?
    );
    for member in profiles.iter().skip(2).step_by(60) {
        store
            .set_role(community.id, *member, Role::Moderator, organizer.id, now)
            .await?;
    }
    Ok(())
}
