//! Importing attendees from a file (organizers): the file is read and checked, each row
//! classified (a new account, an existing account to add, already a member, or an error and
//! why) and staged in the database for the organizer who uploaded it; nothing else is
//! written until they confirm. Confirming applies it in one transaction: accounts without a
//! password, memberships with team and tags, and an invitation email for each new member with
//! a single-use link (see [`crate::app::invitations`]). The page, the API and
//! `peerlearn import members` all go through here.

pub mod file;

use chrono::{DateTime, Duration, Utc};
use peerlearn_domain::{CommunityId, UserId};
use peerlearn_store::{
    ImportOutcome, ImportPerson, ImportStatus, InvitationEmails, Known, MemberImport,
};
use serde::{Deserialize, Serialize};

pub use file::{MAX_BYTES, MAX_ROWS, Row};

use crate::access::AsMember;
use crate::app::invitations;
use crate::auth::{hash_token, new_secret};
use crate::error::AppError;
use crate::state::AppState;

/// How long an uploaded file waits for confirmation.
pub const STAGED_HOURS: i64 = 24;

/// What confirming does with a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// An account is created (without a password) and invited.
    NewAccount,
    /// The existing account is added to the community and told.
    ExistingAccount,
    /// Already a member: nothing changes.
    AlreadyMember,
    /// The row cannot be imported (see its problem).
    Error,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NewAccount => "new_account",
            Self::ExistingAccount => "existing_account",
            Self::AlreadyMember => "already_member",
            Self::Error => "error",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Some(match raw {
            "new_account" => Self::NewAccount,
            "existing_account" => Self::ExistingAccount,
            "already_member" => Self::AlreadyMember,
            "error" => Self::Error,
            _ => return None,
        })
    }
}

/// A row and what confirming does with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StagedRow {
    #[serde(flatten)]
    pub row: Row,
    pub outcome: Outcome,
}

/// How many rows go which way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, utoipa::ToSchema)]
pub struct Counts {
    pub rows: usize,
    pub new_accounts: usize,
    pub existing_accounts: usize,
    pub already_members: usize,
    pub errors: usize,
}

impl Counts {
    fn of(rows: &[StagedRow]) -> Self {
        let mut c = Counts {
            rows: rows.len(),
            ..Counts::default()
        };
        for r in rows {
            match r.outcome {
                Outcome::NewAccount => c.new_accounts += 1,
                Outcome::ExistingAccount => c.existing_accounts += 1,
                Outcome::AlreadyMember => c.already_members += 1,
                Outcome::Error => c.errors += 1,
            }
        }
        c
    }

    /// People confirming invites.
    pub fn to_invite(&self) -> usize {
        self.new_accounts + self.existing_accounts
    }
}

/// An import and its rows.
#[derive(Debug, Clone)]
pub struct Preview {
    pub import: MemberImport,
    pub counts: Counts,
    pub rows: Vec<StagedRow>,
}

impl Preview {
    /// Whether it waits for confirmation and may still be confirmed at `now`.
    pub fn confirmable(&self, now: DateTime<Utc>) -> bool {
        self.import.status == ImportStatus::Staged && self.import.expires_at > now
    }

    /// Rows with `outcome` (all when `None`), `limit` of them from `offset`.
    pub fn page(
        &self,
        outcome: Option<Outcome>,
        offset: usize,
        limit: usize,
    ) -> (Vec<&StagedRow>, bool) {
        let mut rows = self
            .rows
            .iter()
            .filter(|r| outcome.is_none_or(|o| r.outcome == o))
            .skip(offset);
        let page: Vec<&StagedRow> = rows.by_ref().take(limit).collect();
        let more = rows.next().is_some();
        (page, more)
    }
}

/// Reads and checks `bytes` and classifies each row against the community's members and
/// the accounts that exist (writes nothing). A file that cannot be used is refused (422 on
/// the field `file`).
pub async fn classify(
    state: &AppState,
    community: CommunityId,
    bytes: &[u8],
) -> Result<Vec<StagedRow>, AppError> {
    let rows = file::read_rows(bytes)?;
    let emails: Vec<&str> = rows
        .iter()
        .filter(|r| r.problem.is_none())
        .map(|r| r.email.as_str())
        .collect();
    let known = state.store.known_emails(community, &emails).await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let outcome = if row.problem.is_some() {
                Outcome::Error
            } else {
                match known.get(&row.email) {
                    None => Outcome::NewAccount,
                    Some(Known::Account(_)) => Outcome::ExistingAccount,
                    Some(Known::Member(_)) => Outcome::AlreadyMember,
                }
            };
            StagedRow { row, outcome }
        })
        .collect())
}

/// How many rows go which way.
pub fn count(rows: &[StagedRow]) -> Counts {
    Counts::of(rows)
}

/// Reads, checks and classifies `bytes` (see [`classify`]) and stages the result for `me`
/// (an organizer of `m`'s community) to confirm. Nothing else is written.
pub async fn stage(
    state: &AppState,
    m: &AsMember,
    me: UserId,
    file_name: &str,
    bytes: &[u8],
) -> Result<Preview, AppError> {
    let community = m.community.id;
    let staged = classify(state, community, bytes).await?;
    let parsed = serde_json::to_string(&staged)
        .map_err(|e| AppError::Internal(format!("staging an import: {e}")))?;
    let now = state.clock.now();
    let name: String = file_name.chars().take(200).collect();
    let id = state
        .store
        .stage_import(
            community,
            me,
            &name,
            &parsed,
            now,
            now + Duration::hours(STAGED_HOURS),
        )
        .await?;
    preview(state, community, id).await
}

/// An import of the community with its rows (`NotFound("import")` for another community's).
pub async fn preview(
    state: &AppState,
    community: CommunityId,
    id: i64,
) -> Result<Preview, AppError> {
    let import = state.store.member_import(community, id).await?;
    let rows: Vec<StagedRow> = serde_json::from_str(&import.parsed)
        .map_err(|e| AppError::Internal(format!("a staged import does not read: {e}")))?;
    Ok(Preview {
        counts: Counts::of(&rows),
        import,
        rows,
    })
}

/// Applies a staged import (only the organizer who uploaded it, once, before it expires):
/// accounts, memberships and invitations in one transaction, the invitation emails queued
/// in it, each in its recipient's language (else the community's).
pub async fn confirm(
    state: &AppState,
    m: &AsMember,
    me: UserId,
    id: i64,
) -> Result<ImportOutcome, AppError> {
    let community = m.community.id;
    let preview = preview(state, community, id).await?;
    if preview.import.uploaded_by != me {
        return Err(AppError::Forbidden("forbidden-import-not-yours"));
    }
    if !preview.confirmable(state.clock.now()) {
        return Err(AppError::conflict(
            "import_not_staged",
            "this import was already confirmed or has expired",
        ));
    }
    let importable: Vec<&Row> = preview
        .rows
        .iter()
        .filter(|r| matches!(r.outcome, Outcome::NewAccount | Outcome::ExistingAccount))
        .map(|r| &r.row)
        .collect();
    let secrets: Vec<String> = importable.iter().map(|_| new_secret()).collect();
    let people: Vec<ImportPerson> = importable
        .iter()
        .zip(&secrets)
        .map(|(r, secret)| ImportPerson {
            email: r.email.clone(),
            name: r.name.clone(),
            team: r.team.clone(),
            wants: file::tags_of(&r.tags),
            offers: file::tags_of(&r.offers),
            language: r.language.clone(),
            token_hash: hash_token(secret),
        })
        .collect();
    let now = state.clock.now();
    let compose = invitations::composer(state, &m.community, &secrets);
    let outcome = state
        .store
        .apply_import(
            community,
            id,
            me,
            &people,
            InvitationEmails {
                now,
                expires_at: now + Duration::days(invitations::LINK_DAYS),
                compose: &compose,
            },
        )
        .await?;
    Ok(outcome)
}

/// The community as one of its organizers, for the command line: the organizer with
/// `email`, or else the community's first organizer. `NotFound("community")` for an unknown
/// community; `forbidden-organizers-only` when `email` is not one of its organizers.
pub async fn as_organizer(
    state: &AppState,
    community: CommunityId,
    email: Option<&str>,
) -> Result<(AsMember, UserId), AppError> {
    let c = state.store.community(community).await?;
    let user = match email {
        Some(raw) => {
            let email = peerlearn_domain::Email::parse(raw)?;
            state
                .store
                .user_with_password(&email)
                .await?
                .map(|(u, _)| u.id)
                .ok_or(AppError::Forbidden("forbidden-organizers-only"))?
        }
        None => state
            .store
            .first_organizer(community)
            .await?
            .ok_or(AppError::Forbidden("forbidden-organizers-only"))?,
    };
    match state.store.membership(community, user).await? {
        Some((member, role @ peerlearn_domain::Role::Organizer)) => Ok((
            AsMember {
                community: c,
                member,
                role,
            },
            user,
        )),
        _ => Err(AppError::Forbidden("forbidden-organizers-only")),
    }
}
