//! Attendees imported from a file: the staged upload waiting for the organizer's confirmation,
//! and the one transaction that applies it (accounts without a password, memberships with
//! team and tags, invitations, and their emails queued in the outbox).

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use peerlearn_domain::{CommunityId, Tag, UserId};

use crate::outbox::{JobKind, NewJob, enqueue_all};
use crate::records::time;
use crate::sql::Sql;
use crate::{Store, StoreError, StoreResult};

/// Rows one multi-row statement writes at most (the users insert binds 5 values a row).
const CHUNK: usize = 500;

/// Whether an import is waiting for confirmation or was applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportStatus {
    Staged,
    Confirmed,
}

impl ImportStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Staged => "staged",
            Self::Confirmed => "confirmed",
        }
    }
}

/// An uploaded file, as staged (or as applied).
#[derive(Debug, Clone)]
pub struct MemberImport {
    pub id: i64,
    pub community: CommunityId,
    /// The organizer who uploaded it; only they may confirm it.
    pub uploaded_by: UserId,
    pub file_name: String,
    /// The parsed file, as the web app wrote it.
    pub parsed: String,
    pub status: ImportStatus,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub confirmed_at: Option<DateTime<Utc>>,
    pub accounts_created: i64,
    pub members_added: i64,
}

#[derive(sqlx::FromRow)]
struct ImportRow {
    id: i64,
    community_id: i64,
    user_id: i64,
    file_name: String,
    parsed: String,
    status: String,
    created_at: i64,
    expires_at: i64,
    confirmed_at: Option<i64>,
    accounts_created: i64,
    members_added: i64,
}

impl TryFrom<ImportRow> for MemberImport {
    type Error = StoreError;
    fn try_from(r: ImportRow) -> StoreResult<Self> {
        Ok(Self {
            id: r.id,
            community: CommunityId(r.community_id),
            uploaded_by: UserId(r.user_id),
            file_name: r.file_name,
            parsed: r.parsed,
            status: match r.status.as_str() {
                "staged" => ImportStatus::Staged,
                "confirmed" => ImportStatus::Confirmed,
                other => return Err(StoreError::Corrupt(format!("import status {other}"))),
            },
            created_at: time(r.created_at)?,
            expires_at: time(r.expires_at)?,
            confirmed_at: r.confirmed_at.map(time).transpose()?,
            accounts_created: r.accounts_created,
            members_added: r.members_added,
        })
    }
}

/// What the database already knows of an email address, for the preview.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Known {
    /// An account exists, not in the community.
    Account(UserId),
    /// An account exists and is a member of the community.
    Member(UserId),
}

/// One person of a confirmed import, already validated.
#[derive(Debug, Clone)]
pub struct ImportPerson {
    /// Normalised (lower case).
    pub email: String,
    pub name: String,
    pub team: String,
    pub wants: Vec<Tag>,
    pub offers: Vec<Tag>,
    /// The language of a new account (`en`, `fr`), if the file gave one.
    pub language: Option<String>,
    /// The SHA-256 hash of this person's invitation link.
    pub token_hash: String,
}

/// Someone an import (or a re-send) invites, for composing their email.
#[derive(Debug, Clone)]
pub struct Invitee<'a> {
    /// The index of the person in the import's list (for a re-send: in the order given).
    pub index: usize,
    pub user: UserId,
    pub email: &'a str,
    pub name: &'a str,
    /// The account was created by the import (it has no password yet).
    pub new_account: bool,
    /// The account's own language, if chosen.
    pub language: Option<&'a str>,
}

/// What a confirmed import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ImportOutcome {
    pub accounts_created: i64,
    pub members_added: i64,
    /// People in the file who were members already (nothing was changed for them).
    pub already_members: i64,
}

/// Invitation emails of one import, or a re-send.
pub struct InvitationEmails<'a> {
    pub now: DateTime<Utc>,
    /// When the links stop working.
    pub expires_at: DateTime<Utc>,
    /// Composes the email job payload for an invitee.
    pub compose: &'a (dyn Fn(&Invitee<'_>) -> StoreResult<String> + Send + Sync),
}

impl Store {
    /// Keeps a parsed upload until `expires_at`, for `user` to confirm. Imports of the
    /// community that expired unconfirmed are removed on the way.
    pub async fn stage_import(
        &self,
        community: CommunityId,
        user: UserId,
        file_name: &str,
        parsed: &str,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> StoreResult<i64> {
        let mut tx = self.write_tx().await?;
        sqlx::query(
            "DELETE FROM member_imports WHERE community_id = $1 AND status = 'staged' \
             AND expires_at <= $2",
        )
        .bind(community.0)
        .bind(now.timestamp())
        .execute(&mut *tx)
        .await?;
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO member_imports (community_id, user_id, file_name, parsed, status, \
             created_at, expires_at) VALUES ($1, $2, $3, $4, 'staged', $5, $6) RETURNING id",
        )
        .bind(community.0)
        .bind(user.0)
        .bind(file_name)
        .bind(parsed)
        .bind(now.timestamp())
        .bind(expires_at.timestamp())
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        self.wrote();
        Ok(id)
    }

    /// An import of `community` (`NotFound("import")` for an unknown id or another
    /// community's).
    pub async fn member_import(
        &self,
        community: CommunityId,
        id: i64,
    ) -> StoreResult<MemberImport> {
        let row: Option<ImportRow> = sqlx::query_as(
            "SELECT id, community_id, user_id, file_name, parsed, status, created_at, \
             expires_at, confirmed_at, accounts_created, members_added \
             FROM member_imports WHERE community_id = $1 AND id = $2",
        )
        .bind(community.0)
        .bind(id)
        .fetch_optional(self.reader())
        .await?;
        row.ok_or(StoreError::NotFound("import"))?.try_into()
    }

    /// The community's first organizer (for imports from the command line).
    pub async fn first_organizer(&self, community: CommunityId) -> StoreResult<Option<UserId>> {
        let row: Option<(i64,)> = sqlx::query_as(
            "SELECT user_id FROM members WHERE community_id = $1 AND role = 'organizer' \
             ORDER BY id LIMIT 1",
        )
        .bind(community.0)
        .fetch_optional(self.reader())
        .await?;
        Ok(row.map(|(id,)| UserId(id)))
    }

    /// Which of `emails` (normalised) have an account, and which of those are members of
    /// `community`.
    pub async fn known_emails(
        &self,
        community: CommunityId,
        emails: &[&str],
    ) -> StoreResult<HashMap<String, Known>> {
        let mut known = HashMap::new();
        for chunk in emails.chunks(CHUNK) {
            let mut q = Sql::new("SELECT u.id, u.email, m.id FROM users u LEFT JOIN members m ");
            let c = q.int(community.0);
            q.push(&format!(
                "ON m.user_id = u.id AND m.community_id = {c} WHERE u.email IN ("
            ));
            let list: Vec<String> = chunk.iter().map(|e| q.text(*e)).collect();
            q.push(&list.join(", ")).push(")");
            let rows: Vec<(i64, String, Option<i64>)> =
                q.query_as().fetch_all(self.reader()).await?;
            for (id, email, member) in rows {
                let user = UserId(id);
                let k = if member.is_some() {
                    Known::Member(user)
                } else {
                    Known::Account(user)
                };
                known.insert(email, k);
            }
        }
        Ok(known)
    }

    /// Applies a staged import in one transaction: accounts (without a password) for new
    /// addresses, memberships with team and tags for everyone not yet a member, an
    /// invitation for each of them and its email in the outbox. Only the organizer who
    /// uploaded it may confirm it, once, before it expires: otherwise `import_not_staged`
    /// and nothing is written.
    pub async fn apply_import(
        &self,
        community: CommunityId,
        import: i64,
        organizer: UserId,
        people: &[ImportPerson],
        emails: InvitationEmails<'_>,
    ) -> StoreResult<ImportOutcome> {
        let now = emails.now;
        let mut tx = self.write_tx().await?;
        let claimed = sqlx::query(
            "UPDATE member_imports SET status = 'confirmed', confirmed_at = $1 \
             WHERE id = $2 AND community_id = $3 AND user_id = $4 AND status = 'staged' \
             AND expires_at > $1",
        )
        .bind(now.timestamp())
        .bind(import)
        .bind(community.0)
        .bind(organizer.0)
        .execute(&mut *tx)
        .await?;
        if claimed.rows_affected() == 0 {
            return Err(StoreError::conflict(
                "import_not_staged",
                "this import was already confirmed or has expired",
            ));
        }

        // Accounts for addresses that have none; the others keep theirs untouched.
        let mut created: HashSet<String> = HashSet::new();
        for chunk in people.chunks(CHUNK) {
            let mut q = Sql::new(
                "INSERT INTO users (email, display_name, password_hash, created_at, language) VALUES ",
            );
            let (empty, n) = (q.text(""), q.int(now.timestamp()));
            for p in chunk {
                let row = [
                    q.text(p.email.as_str()),
                    q.text(p.name.as_str()),
                    empty.clone(),
                    n.clone(),
                    q.opt_text(p.language.clone()),
                ];
                q.values(&row);
            }
            q.push(" ON CONFLICT (email) DO NOTHING RETURNING email");
            let rows: Vec<(String,)> = q.query_as().fetch_all(&mut *tx).await?;
            created.extend(rows.into_iter().map(|(e,)| e));
        }

        // Every person's account and own language.
        let mut accounts: HashMap<String, (i64, Option<String>)> = HashMap::new();
        for chunk in people.chunks(CHUNK) {
            let mut q = Sql::new("SELECT id, email, language FROM users WHERE email IN (");
            let list: Vec<String> = chunk.iter().map(|p| q.text(p.email.as_str())).collect();
            q.push(&list.join(", ")).push(")");
            let rows: Vec<(i64, String, Option<String>)> = q.query_as().fetch_all(&mut *tx).await?;
            accounts.extend(rows.into_iter().map(|(id, e, l)| (e, (id, l))));
        }
        let account = |p: &ImportPerson| {
            accounts
                .get(&p.email)
                .cloned()
                .ok_or_else(|| StoreError::Corrupt(format!("no account for {}", p.email)))
        };

        // Memberships for those not yet members.
        let mut added: HashMap<i64, i64> = HashMap::new();
        for chunk in people.chunks(CHUNK) {
            let mut q = Sql::new(
                "INSERT INTO members (community_id, user_id, role, team, joined_at) VALUES ",
            );
            let (c, role, n) = (q.int(community.0), q.text("member"), q.int(now.timestamp()));
            for p in chunk {
                let (user, _) = account(p)?;
                let row = [
                    c.clone(),
                    q.int(user),
                    role.clone(),
                    q.text(p.team.as_str()),
                    n.clone(),
                ];
                q.values(&row);
            }
            q.push(" ON CONFLICT (community_id, user_id) DO NOTHING RETURNING user_id, id");
            let rows: Vec<(i64, i64)> = q.query_as().fetch_all(&mut *tx).await?;
            added.extend(rows);
        }

        // Their tags, and how the community writes them.
        let mut tags: Vec<(i64, &'static str, &Tag)> = Vec::new();
        for p in people {
            let (user, _) = account(p)?;
            if let Some(&member) = added.get(&user) {
                tags.extend(p.wants.iter().map(|t| (member, "want", t)));
                tags.extend(p.offers.iter().map(|t| (member, "offer", t)));
            }
        }
        for chunk in tags.chunks(CHUNK) {
            let mut q =
                Sql::new("INSERT INTO member_tags (community_id, member_id, kind, tag) VALUES ");
            let c = q.int(community.0);
            for (member, kind, tag) in chunk {
                let row = [
                    c.clone(),
                    q.int(*member),
                    q.text(*kind),
                    q.text(tag.as_str()),
                ];
                q.values(&row);
            }
            q.push(" ON CONFLICT DO NOTHING");
            q.query().execute(&mut *tx).await?;
        }
        let mut distinct: Vec<&Tag> = Vec::new();
        let mut seen = HashSet::new();
        for (_, _, tag) in &tags {
            if seen.insert(tag.as_str()) {
                distinct.push(tag);
            }
        }
        crate::tag_labels::remember(&mut tx, community, distinct).await?;

        // An invitation and its email for each new member.
        let mut invited: Vec<(usize, &ImportPerson, i64, Option<String>)> = Vec::new();
        for (index, p) in people.iter().enumerate() {
            let (user, language) = account(p)?;
            if added.contains_key(&user) {
                invited.push((index, p, user, language));
            }
        }
        for chunk in invited.chunks(CHUNK) {
            let mut q = Sql::new(
                "INSERT INTO invitations (community_id, user_id, import_id, new_account, \
                 token_hash, created_at, sent_at, expires_at, sends) VALUES ",
            );
            let (c, i, n, x, one) = (
                q.int(community.0),
                q.int(import),
                q.int(now.timestamp()),
                q.int(emails.expires_at.timestamp()),
                q.int(1),
            );
            for (_, p, user, _) in chunk {
                let new = i64::from(created.contains(&p.email));
                let row = [
                    c.clone(),
                    q.int(*user),
                    i.clone(),
                    q.int(new),
                    q.text(p.token_hash.as_str()),
                    n.clone(),
                    n.clone(),
                    x.clone(),
                    one.clone(),
                ];
                q.values(&row);
            }
            q.push(
                " ON CONFLICT (community_id, user_id) DO UPDATE SET import_id = excluded.import_id, \
                 new_account = excluded.new_account, token_hash = excluded.token_hash, \
                 created_at = excluded.created_at, sent_at = excluded.sent_at, \
                 expires_at = excluded.expires_at, sends = 1, joined_at = NULL",
            );
            q.query().execute(&mut *tx).await?;
        }
        let mut payloads = Vec::with_capacity(invited.len());
        for (index, p, user, language) in &invited {
            payloads.push((
                *user,
                (emails.compose)(&Invitee {
                    index: *index,
                    user: UserId(*user),
                    email: &p.email,
                    name: &p.name,
                    new_account: created.contains(&p.email),
                    language: language.as_deref(),
                })?,
            ));
        }
        for chunk in payloads.chunks(CHUNK) {
            let jobs: Vec<NewJob<'_>> = chunk
                .iter()
                .map(|(user, payload)| NewJob {
                    kind: JobKind::Email,
                    subject: *user,
                    actor: None,
                    payload,
                    run_at: now,
                })
                .collect();
            enqueue_all(&mut tx, community.0, &jobs, now).await?;
        }

        let outcome = ImportOutcome {
            accounts_created: created.len() as i64,
            members_added: added.len() as i64,
            already_members: people.len() as i64 - added.len() as i64,
        };
        sqlx::query(
            "UPDATE member_imports SET accounts_created = $1, members_added = $2 WHERE id = $3",
        )
        .bind(outcome.accounts_created)
        .bind(outcome.members_added)
        .bind(import)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        self.wrote();
        // Member counts, the directory, teams and tag labels changed.
        self.lookups.forget();
        self.market.forget();
        self.labels.forget();
        Ok(outcome)
    }
}
