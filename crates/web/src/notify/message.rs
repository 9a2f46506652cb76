//! The one template every notification goes through: a message to one member, which the
//! channels turn into an inbox entry, an email, and whatever comes next.

use chrono::DateTime;
use peerlearn_domain::{CommunityId, MemberId};
use peerlearn_store::{Community, Meeting, Store, StoreError};

/// Who a message goes to: a member, their name and email address.
#[derive(Debug, Clone)]
pub struct Recipient {
    pub member: MemberId,
    pub name: String,
    pub email: String,
}

impl Recipient {
    /// Reads a member's contact details.
    pub async fn of(
        store: &Store,
        community: CommunityId,
        member: MemberId,
    ) -> Result<Self, StoreError> {
        let c = store.member_contact(community, member).await?;
        Ok(Self {
            member,
            name: c.name,
            email: c.email,
        })
    }
}

/// One member's message about an event, the same for every channel.
#[derive(Debug, Clone)]
pub struct Message {
    pub to: Recipient,
    /// A stable, machine-readable kind (`request_received`, `waitlist_seat`, …).
    pub kind: &'static str,
    pub title: String,
    pub body: String,
    /// An absolute link into the product.
    pub link: String,
    /// An iCalendar invitation, for channels that can carry one.
    pub ics: Option<String>,
    /// The community's name, which emails sign with.
    pub community: String,
}

impl Message {
    /// A message about `community`, linking to `path` (absolute, from the public address).
    pub fn new(
        community: &Community,
        base: &str,
        to: Recipient,
        kind: &'static str,
        title: String,
        body: String,
        path: &str,
    ) -> Self {
        Self {
            to,
            kind,
            title,
            body,
            link: format!("{base}{path}"),
            ics: None,
            community: community.name.clone(),
        }
    }

    /// The same message with an invitation attached.
    pub fn with_ics(mut self, ics: String) -> Self {
        self.ics = Some(ics);
        self
    }

    /// The email's subject line.
    pub fn subject(&self) -> String {
        format!("{} · {}", self.title, self.community)
    }

    /// The email's text: the body, the link and the signature.
    pub fn text(&self) -> String {
        format!(
            "{}\n\n{}\n\n— peerlearn, {}",
            self.body, self.link, self.community
        )
    }
}

/// `body`, then the other person's message when they wrote one.
pub fn with_their_message(mut body: String, message: &str) -> String {
    if !message.is_empty() {
        body.push_str("\n\nTheir message: ");
        body.push_str(message);
    }
    body
}

/// A meeting's start in the community's time zone, e.g. "Mon 4 May, 10:00 (Europe/Lisbon)".
pub fn when(meeting: &Meeting, tz: chrono_tz::Tz) -> String {
    let start: DateTime<chrono_tz::Tz> = meeting.time.start().with_timezone(&tz);
    format!("{} ({})", start.format("%a %-d %b, %H:%M"), tz.name())
}

/// Where a meeting takes place: its spot, its video link, or both.
pub fn place(meeting: &Meeting) -> String {
    match (&meeting.spot, &meeting.video_url) {
        (Some(s), Some(v)) => format!("{} — {v}", s.name),
        (Some(s), None) => s.name.clone(),
        (None, Some(v)) => format!("by video: {v}"),
        (None, None) => "place to be announced".into(),
    }
}
