//! `peerlearn admin`: the server operator's commands. They call the use cases of
//! `peerlearn_web::operators` and print plain text; links are printed for the operator to pass
//! on (nothing is emailed).

use clap::{Args, Subcommand};
use peerlearn_domain::CommunityId;
use peerlearn_store::OrganizerChange;
use peerlearn_web::{AppError, AppState, Lang, operators};

use crate::serve::open;
use crate::settings::{ServeArgs, Settings};

#[derive(Debug, Args)]
pub struct AdminArgs {
    #[command(subcommand)]
    what: AdminCommand,
}

#[derive(Debug, Subcommand)]
enum AdminCommand {
    /// Make the account with EMAIL an organizer of COMMUNITY. An address without an account
    /// gets one (named --name) and a single-use link to choose its password.
    CreateOrganizer(CreateOrganizerArgs),
    /// Print a single-use password reset link for the account with EMAIL (the link "forgot
    /// password" emails; using it signs the account out everywhere).
    ResetPassword(ResetPasswordArgs),
    /// List every community: id, name, members, organizers, created.
    ListCommunities(ListArgs),
}

#[derive(Debug, Args)]
struct CreateOrganizerArgs {
    /// The community's id (see `peerlearn admin list-communities`).
    community: i64,
    /// The person's email address.
    email: String,
    /// The name of the new account (required when no account has this address).
    #[arg(long)]
    name: Option<String>,
    #[command(flatten)]
    server: ServeArgs,
}

#[derive(Debug, Args)]
struct ResetPasswordArgs {
    /// The account's email address.
    email: String,
    #[command(flatten)]
    server: ServeArgs,
}

#[derive(Debug, Args)]
struct ListArgs {
    #[command(flatten)]
    server: ServeArgs,
}

pub async fn run(args: AdminArgs) -> anyhow::Result<()> {
    let server = match &args.what {
        AdminCommand::CreateOrganizer(a) => &a.server,
        AdminCommand::ResetPassword(a) => &a.server,
        AdminCommand::ListCommunities(a) => &a.server,
    };
    let settings = Settings::for_server(server)?;
    let store = open(&settings).await?;
    let state = AppState::new(store.clone(), settings.web());
    let result = match &args.what {
        AdminCommand::CreateOrganizer(a) => create_organizer(&state, a).await,
        AdminCommand::ResetPassword(a) => reset_password(&state, a).await,
        AdminCommand::ListCommunities(_) => list_communities(&state).await,
    };
    store.close().await;
    result
}

/// The error in plain English, with the operator's words for what was not found.
fn fail(e: AppError, community: Option<i64>, email: &str) -> anyhow::Error {
    match (&e, community) {
        (AppError::NotFound("community"), Some(id)) => {
            anyhow::anyhow!("no community has the id {id} (see `peerlearn admin list-communities`)")
        }
        (AppError::NotFound("user"), _) => anyhow::anyhow!("no account has the email {email}"),
        _ => anyhow::anyhow!(e.detail_in(Lang::En)),
    }
}

async fn create_organizer(state: &AppState, args: &CreateOrganizerArgs) -> anyhow::Result<()> {
    let made = operators::create_organizer(
        state,
        CommunityId(args.community),
        &args.email,
        args.name.as_deref(),
    )
    .await
    .map_err(|e| fail(e, Some(args.community), &args.email))?;
    let who = format!("{} <{}>", made.user.display_name, made.user.email);
    let place = format!("{} (community {})", made.community, args.community);
    match made.change {
        OrganizerChange::NewAccount => {
            println!("Created an account for {who}; it is an organizer of {place}.");
        }
        OrganizerChange::Joined => println!("{who} joined {place} as an organizer."),
        OrganizerChange::Promoted(role) => {
            println!(
                "{who} was a {} of {place} and is now an organizer.",
                role.as_str()
            );
        }
        OrganizerChange::AlreadyOrganizer => {
            println!("{who} is already an organizer of {place}; nothing changed.");
        }
    }
    if let Some(link) = made.link {
        println!(
            "Give them this link to choose a password and sign in (it works once, for {} days):",
            peerlearn_web::invitations::LINK_DAYS
        );
        println!("{link}");
    }
    Ok(())
}

async fn reset_password(state: &AppState, args: &ResetPasswordArgs) -> anyhow::Result<()> {
    let reset = operators::reset_password_link(state, &args.email)
        .await
        .map_err(|e| fail(e, None, &args.email))?;
    println!(
        "Password reset link for {} (it works once, for {} minutes; an earlier link stops \
         working, and using it signs the account out everywhere):",
        args.email.trim(),
        reset.minutes
    );
    println!("{}", reset.link);
    Ok(())
}

async fn list_communities(state: &AppState) -> anyhow::Result<()> {
    let rows = operators::list_communities(state)
        .await
        .map_err(|e| fail(e, None, ""))?;
    let header = ["ID", "NAME", "MEMBERS", "ORGANIZERS", "CREATED"];
    let cells: Vec<[String; 5]> = rows
        .iter()
        .map(|c| {
            [
                c.id.0.to_string(),
                c.name.clone(),
                c.members.to_string(),
                c.organizers.to_string(),
                c.created_at.format("%Y-%m-%d").to_string(),
            ]
        })
        .collect();
    print!("{}", table(header, &cells));
    if cells.is_empty() {
        println!("(no communities yet)");
    }
    Ok(())
}

/// Columns aligned with two spaces between them; numbers to the right.
fn table<const N: usize>(header: [&str; N], rows: &[[String; N]]) -> String {
    let mut widths = header.map(|h| h.chars().count());
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let numeric = |i: usize| {
        !rows.is_empty()
            && rows
                .iter()
                .all(|r| r[i].chars().all(|c| c.is_ascii_digit()))
    };
    let line = |cells: Vec<&str>| {
        let text = cells
            .iter()
            .enumerate()
            .map(|(i, cell)| {
                if numeric(i) {
                    format!("{cell:>w$}", w = widths[i])
                } else {
                    format!("{cell:<w$}", w = widths[i])
                }
            })
            .collect::<Vec<_>>()
            .join("  ");
        format!("{}\n", text.trim_end())
    };
    let mut out = line(header.to_vec());
    for row in rows {
        out.push_str(&line(row.iter().map(String::as_str).collect()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::table;

    #[test]
    fn a_table_aligns_its_columns() {
        let rows = [
            ["1".to_string(), "Guild".to_string(), "12".to_string()],
            ["10".to_string(), "Café".to_string(), "3".to_string()],
        ];
        assert_eq!(
            table(["ID", "NAME", "MEMBERS"], &rows),
            "ID  NAME   MEMBERS\n 1  Guild       12\n10  Café         3\n"
        );
    }
}
