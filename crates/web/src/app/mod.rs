//! The use cases, each in one place. A use case takes domain types (ids, parsed times) and
//! the signed-in user, checks who may do it, performs every side effect once (the store's
//! transaction records the outbox events the notification pipeline turns into messages;
//! metrics; the recommendation index) and returns store types. `api/` and `pages/` only
//! parse input, call a use case and render its answer.
//!
//! - [`accounts`]: sign up, check a password, issue a token or session, the calendar feed.
//! - [`agenda`]: a member's requests and meetings, sorted for My meetings.
//! - [`after_meeting`]: check in, give feedback.
//! - [`board`]: the lounge board and its display link.
//! - [`community_export`]: a community's data in files (the command line's export).
//! - [`dashboard_tables`]: the organizer's dashboard tables as CSV.
//! - [`data_export`]: "export my data", built in the background.
//! - [`moderation`]: report content; hide, restore and settle reports.
//! - [`operators`]: the server operator's commands: list communities, make an organizer,
//!   a password reset link.
//! - [`profiles`]: a member's profile and availability.
//! - [`proposals`]: the checks every proposed time passes, and a member's daily cap.
//! - [`questions`]: ask, answer, mark helpful, accept an answer.
//! - [`requests`]: ask to meet, accept, decline, propose other times, withdraw.
//! - [`imports`]: attendees imported from a file (staged, previewed, confirmed).
//! - [`invitations`]: their invitation emails and links, who joined, re-sends.
//! - [`dismissals`]: "not interested" in a topic or a host, and undo.
//! - [`insights`]: a member's ledger and the organizer's dashboard.
//! - [`leaving`]: leave a community; delete one's account.
//! - [`live`]: follow one's live updates (the notification pipeline's live channel).
//! - [`meet_now`]: "I'm free now": the pool, pairing it, and answering a proposal.
//! - [`repairing`]: offering a member whose partner has not come someone free instead.
//! - [`meetings`]: cancel (or give up one's seat in a group).
//! - [`mixer`]: the organizer's mixer rounds, previewed and published as group meetings.
//! - [`seats`]: seats of fixed-time groups, their waitlist, and a group made from requests.
//! - [`topics`]: post, close, reopen, and make a topic from a question.

pub mod account_links;
pub mod account_settings;
pub mod accounts;
pub mod after_meeting;
pub mod agenda;
pub mod autoschedule;
pub mod board;
pub mod community_export;
pub mod dashboard_tables;
pub mod data_export;
pub mod dismissals;
pub mod imports;
pub mod insights;
pub mod invitations;
pub mod leaving;
pub mod live;
pub mod meet_now;
pub mod meetings;
pub mod mixer;
pub mod moderation;
pub mod operators;
pub mod preferences;
pub mod profiles;
pub mod proposals;
pub mod questions;
pub mod repairing;
pub mod requests;
pub mod seat_offers;
pub mod seats;
pub mod spots;
pub mod topics;
pub mod webhooks;

use crate::error::AppError;

/// A refusal because of the data's state (409) with its stable code.
pub(crate) fn conflict(code: &'static str, message: impl Into<String>) -> AppError {
    AppError::conflict(code, message)
}

/// At most this many characters in a message sent with a request or an answer.
pub const MAX_MESSAGE: usize = 1000;

/// A message sent with an answer (declining, cancelling): at most [`MAX_MESSAGE`] characters.
pub fn reply_text(raw: Option<&str>) -> Result<String, AppError> {
    let text = raw.unwrap_or_default().to_string();
    let count = text.chars().count();
    if count > MAX_MESSAGE {
        return Err(
            peerlearn_domain::Invalid::new("message", "invalid-too-long")
                .arg("max", MAX_MESSAGE)
                .arg("count", count)
                .into(),
        );
    }
    Ok(text)
}
