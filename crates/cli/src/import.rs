//! `peerlearn import members COMMUNITY FILE.csv`: imports attendees from a CSV file through
//! the same use case as the organizer's page: the file is checked and classified, then
//! (unless `--dry-run`) staged and confirmed as one of the community's organizers, in one
//! transaction. Invitation emails are queued in the outbox; the server's job worker sends them.

use std::path::PathBuf;

use anyhow::Context;
use clap::{Args, Subcommand};
use peerlearn_domain::CommunityId;
use peerlearn_web::{AppState, Lang, imports};

use crate::serve::open;
use crate::settings::{ServeArgs, Settings};

#[derive(Debug, Args)]
pub struct ImportArgs {
    #[command(subcommand)]
    what: ImportWhat,
}

#[derive(Debug, Subcommand)]
enum ImportWhat {
    /// Import attendees from a CSV file (columns email, name, team; optional tags, offers,
    /// language) and invite them by email.
    Members(MembersArgs),
}

#[derive(Debug, Args)]
struct MembersArgs {
    /// The community's id.
    community: i64,
    /// The CSV file (UTF-8, with a header row).
    file: PathBuf,
    /// Only print what the import would do; write nothing.
    #[arg(long)]
    dry_run: bool,
    /// Import as this organizer [default: the community's first organizer].
    #[arg(long = "as", value_name = "EMAIL")]
    organizer: Option<String>,
    #[command(flatten)]
    server: ServeArgs,
}

pub async fn run(args: ImportArgs) -> anyhow::Result<()> {
    let ImportWhat::Members(args) = args.what;
    let settings = Settings::for_server(&args.server)?;
    let bytes = std::fs::read(&args.file)
        .with_context(|| format!("could not read {}", args.file.display()))?;
    let store = open(&settings).await?;
    let state = AppState::new(store.clone(), settings.web());
    let result = import(&state, &args, &bytes).await;
    store.close().await;
    result
}

async fn import(state: &AppState, args: &MembersArgs, bytes: &[u8]) -> anyhow::Result<()> {
    let lang = Lang::En;
    let fail = |e: peerlearn_web::AppError| anyhow::anyhow!(e.detail_in(lang));
    let community = CommunityId(args.community);
    let (m, me) = imports::as_organizer(state, community, args.organizer.as_deref())
        .await
        .map_err(fail)?;
    let rows = imports::classify(state, community, bytes)
        .await
        .map_err(fail)?;
    let counts = imports::count(&rows);
    println!("{}: {} rows", args.file.display(), counts.rows);
    println!("  new accounts:               {}", counts.new_accounts);
    println!("  existing accounts to add:   {}", counts.existing_accounts);
    println!("  already members:            {}", counts.already_members);
    println!("  rows with errors (skipped): {}", counts.errors);
    for r in rows.iter().filter(|r| r.row.problem.is_some()) {
        if let Some(p) = &r.row.problem {
            let why = lang.message(&p.id, &p.message_args());
            println!("    line {}: {}: {why}", r.row.line, p.field);
        }
    }
    if args.dry_run {
        println!("dry run: nothing was written");
        return Ok(());
    }
    if counts.to_invite() == 0 {
        println!("nobody to import");
        return Ok(());
    }
    let name = args
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let staged = imports::stage(state, &m, me, &name, bytes)
        .await
        .map_err(fail)?;
    let done = imports::confirm(state, &m, me, staged.import.id)
        .await
        .map_err(fail)?;
    println!(
        "imported into {}: {} accounts created, {} members added; {} invitations queued \
         (the server sends them)",
        m.community.name, done.accounts_created, done.members_added, done.members_added
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use peerlearn_domain::{
        BoundedText, CommunityCalendar, CommunityKind, DayHours, DisplayName, Email, JoinPolicy,
        Timezone,
    };
    use peerlearn_store::{NewCommunity, Store};

    #[tokio::test]
    async fn a_dry_run_writes_nothing_and_a_run_imports() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}?mode=rwc", dir.path().join("t.db").display());
        let store = Store::connect(&url, 4).await.unwrap();
        store.migrate().await.unwrap();
        let now = chrono::Utc::now();
        let org = store
            .create_user(
                &Email::parse("org@example.org").unwrap(),
                &DisplayName::parse("Olga").unwrap(),
                "unused",
                now,
            )
            .await
            .unwrap();
        let text = |s: &str| BoundedText::parse("t", s, 0, 100, false).unwrap();
        let community = store
            .create_community(
                &NewCommunity {
                    name: text("Guild"),
                    description: text(""),
                    kind: CommunityKind::Ongoing,
                    calendar: CommunityCalendar {
                        timezone: Timezone::parse("UTC").unwrap(),
                        hours: DayHours::parse("09:00", "18:00").unwrap(),
                        dates: None,
                    },
                    join_policy: JoinPolicy::Invite,
                    language: None,
                },
                org.id,
                now,
            )
            .await
            .unwrap();
        let state = AppState::new(store.clone(), peerlearn_web::Config::default());
        let csv = b"email,name,team\nana@example.org,Ana,Ops\nbad,Bob,\n";
        let mut args = MembersArgs {
            community: community.id.0,
            file: PathBuf::from("people.csv"),
            dry_run: true,
            organizer: None,
            server: ServeArgs::default(),
        };
        import(&state, &args, csv).await.unwrap();
        assert_eq!(
            store.count_users().await.unwrap(),
            1,
            "a dry run writes nothing"
        );
        args.dry_run = false;
        import(&state, &args, csv).await.unwrap();
        assert_eq!(store.count_users().await.unwrap(), 2);
        args.organizer = Some("ana@example.org".into());
        let refused = import(&state, &args, csv).await.unwrap_err();
        assert!(refused.to_string().contains("Only organizers"), "{refused}");
        args.organizer = None;
        let bad = import(&state, &args, b"mail\nx\n").await.unwrap_err();
        assert!(bad.to_string().contains("lacks required columns"), "{bad}");
    }
}
