//! Invitations of imported attendees: the email with a single-use link (14 days), who joined
//! and who has not, re-sending (a new link; at most once an hour per person) and using a
//! link: a new account chooses its password with it and is signed in; an existing account
//! is marked as joined and lands in the community. Emails go out through the outbox (the job
//! worker sends and retries them), queued in the transaction that keeps the link.

use chrono::Duration;
use fluent_templates::fluent_bundle::FluentValue;
use peerlearn_domain::{CommunityId, Password, UserId};
use peerlearn_store::{
    Community, InvitationEmails, InvitationFilter, InvitationLink, Invitee, Resent, StoreError,
    StoreResult, User,
};

use crate::access::AsMember;
use crate::auth::{hash_password, hash_token, new_secret};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::mailer;
use crate::state::AppState;

/// How long an invitation link works.
pub const LINK_DAYS: i64 = 14;
/// The shortest time between two invitations to one person.
pub const RESEND_GAP_MINUTES: i64 = 60;

/// Composes the invitation email of each invitee, with the link made of `secrets[index]`, in
/// the invitee's language (else the community's).
pub fn composer<'a>(
    state: &'a AppState,
    community: &'a Community,
    secrets: &'a [String],
) -> impl Fn(&Invitee<'_>) -> StoreResult<String> + Send + Sync + 'a {
    let fallback = Lang::of_community(community.language);
    move |invitee: &Invitee<'_>| {
        let secret = secrets
            .get(invitee.index)
            .ok_or_else(|| StoreError::Corrupt("an invitee without a link".into()))?;
        let lang = invitee
            .language
            .and_then(Lang::from_tag)
            .unwrap_or(fallback);
        let link = format!("{}/invitations/{secret}", state.config.public_url);
        let (subject, body) = if invitee.new_account {
            ("mail-invite-subject", "mail-invite-body")
        } else {
            ("mail-added-subject", "mail-added-body")
        };
        let args: Vec<(&'static str, FluentValue<'_>)> = vec![
            ("name", invitee.name.to_string().into()),
            ("community", community.name.clone().into()),
            ("link", link.into()),
            ("days", LINK_DAYS.into()),
        ];
        let text = ["mail-greeting", body, "mail-link", "mail-invite-expiry"]
            .iter()
            .map(|key| lang.t_args(key, &args))
            .collect::<Vec<_>>()
            .join("\n\n");
        let email = mailer::Email {
            to: invitee.email.to_string(),
            to_name: invitee.name.to_string(),
            subject: lang.t_args(subject, &args),
            text,
            ics: None,
        };
        serde_json::to_string(&email).map_err(|e| StoreError::Corrupt(format!("email: {e}")))
    }
}

/// Sends invitations again, each with a new link: to one person (`only`, an invitation id)
/// or to everyone who has not joined. Whoever got one less than an hour ago is skipped
/// (counted in `too_soon`); for one person, that is a 429.
pub async fn resend(state: &AppState, m: &AsMember, only: Option<i64>) -> Result<Resent, AppError> {
    // Secrets for as many as could be sent; made lazily would need interior mutability, and
    // a page holds at most the community's invitations.
    let pending = match only {
        Some(_) => 1,
        None => state
            .store
            .invitation_counts(m.community.id)
            .await
            .map(|c| usize::try_from(c.invited - c.joined).unwrap_or(0))?,
    };
    let secrets: Vec<String> = (0..pending).map(|_| new_secret()).collect();
    let hashes: Vec<String> = secrets.iter().map(|s| hash_token(s)).collect();
    let make_hash = |i: usize| {
        hashes
            .get(i)
            .cloned()
            .unwrap_or_else(|| hash_token(&new_secret()))
    };
    let compose = composer(state, &m.community, &secrets);
    let now = state.clock.now();
    let sent = state
        .store
        .resend_invitations(
            m.community.id,
            only,
            Duration::minutes(RESEND_GAP_MINUTES),
            &make_hash,
            InvitationEmails {
                now,
                expires_at: now + Duration::days(LINK_DAYS),
                compose: &compose,
            },
        )
        .await?;
    if only.is_some() && sent.sent == 0 {
        return Err(AppError::TooManyRequests {
            retry_after: (RESEND_GAP_MINUTES * 60) as u64,
        });
    }
    Ok(sent)
}

/// The invitation list's filter from its query word (`joined`, `pending`, else all).
pub fn filter(raw: Option<&str>) -> Result<InvitationFilter, AppError> {
    Ok(match raw.unwrap_or_default() {
        "" | "all" => InvitationFilter::All,
        "joined" => InvitationFilter::Joined,
        "pending" => InvitationFilter::Pending,
        _ => return Err(AppError::invalid("status", "invalid-invitation-status")),
    })
}

/// What a link is for, if it still works.
pub async fn link(state: &AppState, secret: &str) -> Result<Option<InvitationLink>, AppError> {
    Ok(state
        .store
        .invitation_link(&hash_token(secret), state.clock.now())
        .await?)
}

/// Uses a link: an account without a password gets `password` (required then) and its owner
/// is signed in; any account is marked as joined. Answers the community and the account
/// (and whether to sign in). `NotFound("invitation-link")` when the link does not work.
pub async fn accept(
    state: &AppState,
    secret: &str,
    password: Option<&str>,
) -> Result<(CommunityId, User, bool), AppError> {
    let found = link(state, secret)
        .await?
        .ok_or(AppError::NotFound("invitation-link"))?;
    let hash = if found.needs_password {
        let password = Password::parse(password.unwrap_or_default())?;
        Some(hash_password(password).await?)
    } else {
        None
    };
    let (community, user): (CommunityId, UserId) = state
        .store
        .use_invitation(&hash_token(secret), hash.as_deref(), state.clock.now())
        .await?
        .ok_or(AppError::NotFound("invitation-link"))?;
    let user = state.store.user(user).await?;
    Ok((community, user, found.needs_password))
}
