//! The inbox: what happened to the member's requests and meetings, newest first; what they
//! had not seen yet is marked new (opening the inbox marks everything read).

use askama::Template;
use axum::extract::State;

use super::communities::CommunityCard;
use super::meeting_cards::Clock;
use super::{Page, PageResult, render};
use crate::auth::{CsrfToken, Member};
use crate::state::AppState;

/// How many of the newest messages the inbox shows.
const SHOWN: i64 = 100;

pub struct InboxRow {
    pub title: String,
    pub body: String,
    pub link: String,
    /// "5 min ago", or the date and time from a day away.
    pub ago: String,
    /// The date and time, in the viewer's zone.
    pub when: String,
    /// RFC 3339, for `<time datetime>`.
    pub at: String,
    pub read: bool,
    /// An icon of the sprite for the kind of message.
    pub icon: &'static str,
}

#[derive(Template)]
#[template(path = "inbox.html")]
struct InboxTemplate {
    page: Page,
    community: CommunityCard,
    items: Vec<InboxRow>,
    unread: usize,
    zone: String,
}

/// The icon for a kind of message.
fn icon(kind: &str) -> &'static str {
    match kind {
        "request_received" | "times_proposed" => "message-circle",
        "request_accepted" | "seat_taken" | "waitlist_seat" | "waitlist_seat_host" => {
            "circle-check"
        }
        "request_declined" | "times_declined" | "meeting_cancelled" | "seat_left" => "x",
        "meeting_moved" => "map-pin",
        "reminder" => "clock",
        "mixer_group" | "seat_offered" => "users",
        "now_proposed" | "now_accepted" | "repair_offered" => "handshake",
        "now_booked" => "circle-check",
        "now_declined" | "now_expired" => "x",
        "stand_by" | "partner_waiting" => "coffee",
        "feedback_asked" | "check_back" => "pencil",
        "thanks" => "hand-heart",
        "host_invitation" => "sparkles",
        "answer_posted" => "help",
        _ => "bell",
    }
}

/// The inbox; opening it marks everything read.
pub async fn inbox(
    State(state): State<AppState>,
    Member { me, m }: Member,
    csrf: CsrfToken,
) -> PageResult {
    let page = Page::new(Some(&me), &csrf);
    let clock = Clock::new(&page, m.community.calendar.timezone.tz(), state.clock.now());
    let items: Vec<InboxRow> = state
        .store
        .notifications(m.member, SHOWN)
        .await?
        .into_iter()
        .map(|n| InboxRow {
            ago: clock.ago(n.created_at),
            when: clock.at(n.created_at),
            at: crate::clock::rfc3339(n.created_at),
            icon: icon(&n.kind),
            title: n.title,
            body: n.body,
            link: n.link,
            read: n.read,
        })
        .collect();
    state.store.mark_read(m.member, state.clock.now()).await?;
    let zone = clock.zone();
    render(&InboxTemplate {
        community: CommunityCard::new(&m.community, Some(m.role)),
        unread: items.iter().filter(|n| !n.read).count(),
        items,
        zone,
        page,
    })
}
