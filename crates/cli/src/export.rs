//! `peerlearn export community COMMUNITY --out DIR`: writes what the community's organizers
//! know of it into DIR (members, topics, meetings and the dashboard tables as CSV, and
//! `community.json`), built by `peerlearn_web::community_export`. DIR is created; one that
//! holds anything is refused unless `--force`. Nothing is written when the export fails.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use clap::{Args, Subcommand};
use peerlearn_domain::CommunityId;
use peerlearn_web::{AppError, AppState, Lang, community_export};

use crate::serve::open;
use crate::settings::{ServeArgs, Settings};

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(subcommand)]
    what: ExportWhat,
}

#[derive(Debug, Subcommand)]
enum ExportWhat {
    /// A community's members, topics, meetings and dashboard tables, as CSV files and
    /// `community.json`.
    Community(CommunityArgs),
}

#[derive(Debug, Args)]
struct CommunityArgs {
    /// The community's id (see `peerlearn admin list-communities`).
    community: i64,
    /// The folder to write into (created if missing; it must be empty unless --force).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Write into a folder that already holds files (files of the same name are replaced).
    #[arg(long)]
    force: bool,
    /// First day of the dashboard tables (YYYY-MM-DD) [default: 29 days before --to].
    #[arg(long, value_name = "DAY")]
    from: Option<String>,
    /// Last day of the dashboard tables (YYYY-MM-DD) [default: today].
    #[arg(long, value_name = "DAY")]
    to: Option<String>,
    #[command(flatten)]
    server: ServeArgs,
}

pub async fn run(args: ExportArgs) -> anyhow::Result<()> {
    let ExportWhat::Community(args) = args.what;
    check_folder(&args.out, args.force)?;
    let settings = Settings::for_server(&args.server)?;
    let store = open(&settings).await?;
    let state = AppState::new(store.clone(), settings.web());
    let result = export(&state, &args).await;
    store.close().await;
    result
}

/// Refuses a file, or a folder that holds anything (unless `force`).
fn check_folder(dir: &Path, force: bool) -> anyhow::Result<()> {
    if !dir.exists() {
        return Ok(());
    }
    if !dir.is_dir() {
        bail!("{} exists and is not a folder", dir.display());
    }
    let mut entries =
        std::fs::read_dir(dir).with_context(|| format!("could not read {}", dir.display()))?;
    if !force && entries.next().is_some() {
        bail!(
            "{} is not empty; choose an empty folder, or add --force to write into it",
            dir.display()
        );
    }
    Ok(())
}

async fn export(state: &AppState, args: &CommunityArgs) -> anyhow::Result<()> {
    let export = community_export::export_community(
        state,
        CommunityId(args.community),
        args.from.as_deref(),
        args.to.as_deref(),
    )
    .await
    .map_err(|e| match e {
        AppError::NotFound("community") => anyhow::anyhow!(
            "no community has the id {} (see `peerlearn admin list-communities`)",
            args.community
        ),
        e => anyhow::anyhow!(e.detail_in(Lang::En)),
    })?;
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("could not create {}", args.out.display()))?;
    for file in &export.files {
        let path = args.out.join(&file.name);
        std::fs::write(&path, &file.bytes)
            .with_context(|| format!("could not write {}", path.display()))?;
    }
    println!(
        "Exported {} (community {}) to {}:",
        export.community.name,
        args.community,
        args.out.display()
    );
    let width = export
        .files
        .iter()
        .map(|f| f.name.chars().count())
        .max()
        .unwrap_or(0);
    for file in &export.files {
        if file.name.ends_with(".csv") {
            let rows = if file.rows == 1 { "row" } else { "rows" };
            println!("  {:<width$}  {} {rows}", file.name, file.rows);
        } else {
            println!("  {:<width$}  the community and these files", file.name);
        }
    }
    Ok(())
}
