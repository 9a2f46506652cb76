//! The one template every notification goes through: a message to one member, in their
//! language and time zone, which the channels turn into an inbox entry, an email, and whatever
//! comes next.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use fluent_templates::fluent_bundle::FluentValue;
use peerlearn_domain::MemberId;
use peerlearn_store::{Community, Meeting, MemberContact, Store, StoreError};

use crate::i18n::Lang;

/// Who a message goes to: a member, their name and email address, and the language and time
/// zone they are written to in.
#[derive(Debug, Clone)]
pub struct Recipient {
    pub member: MemberId,
    pub name: String,
    pub email: String,
    pub lang: Lang,
    pub tz: Tz,
}

impl Recipient {
    /// The member's own language and time zone when they chose them, else the community's.
    pub fn new(member: MemberId, contact: MemberContact, community: &Community) -> Self {
        let lang = member_lang(contact.language.as_deref(), Some(community));
        let tz = contact
            .time_zone
            .as_deref()
            .and_then(|z| z.parse::<Tz>().ok())
            .unwrap_or_else(|| community.calendar.timezone.tz());
        Self {
            member,
            name: contact.name,
            email: contact.email,
            lang,
            tz,
        }
    }

    /// The text for `key` in the recipient's language, with named values.
    pub fn t(&self, key: &str, args: &[(&'static str, FluentValue<'_>)]) -> String {
        self.lang.t_args(key, args)
    }

    /// An instant in the recipient's language and time zone, naming the zone.
    pub fn when(&self, at: DateTime<Utc>) -> String {
        when(at, self.lang, self.tz)
    }

    /// Where a meeting takes place, in the recipient's language.
    pub fn place(&self, meeting: &Meeting) -> String {
        place(meeting, self.lang)
    }
}

/// The language a member is written to in (messages, emails, calendar files): the one they
/// chose (a tag such as `fr`), else their community's, else English.
pub fn member_lang(chosen: Option<&str>, community: Option<&Community>) -> Lang {
    chosen
        .and_then(Lang::from_tag)
        .or_else(|| community.map(|c| Lang::of_community(c.language)))
        .unwrap_or_default()
}

/// Everyone one event tells, read in one query.
#[derive(Debug, Default)]
pub struct Recipients(HashMap<MemberId, Recipient>);

impl Recipients {
    /// Reads the contact details, languages and time zones of `members` of `community`.
    pub async fn load(
        store: &Store,
        community: &Community,
        members: impl IntoIterator<Item = MemberId>,
    ) -> Result<Self, StoreError> {
        let members: Vec<MemberId> = members.into_iter().collect();
        if members.is_empty() {
            return Ok(Self::default());
        }
        let contacts = store.member_contacts(community.id, &members).await?;
        Ok(Self(
            contacts
                .into_iter()
                .map(|(m, c)| (m, Recipient::new(m, c, community)))
                .collect(),
        ))
    }

    /// One of them; `NotFound` when they were not read (no longer a member).
    pub fn get(&self, member: MemberId) -> Result<Recipient, StoreError> {
        self.0
            .get(&member)
            .cloned()
            .ok_or(StoreError::NotFound("member"))
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
        self.to.t(
            "email-subject",
            &[
                ("title", self.title.as_str().into()),
                ("community", self.community.as_str().into()),
            ],
        )
    }

    /// The email's text: the body, the link and the signature.
    pub fn text(&self) -> String {
        let link = self
            .to
            .t("email-link", &[("link", self.link.as_str().into())]);
        let signature = self.to.t(
            "email-signature",
            &[("community", self.community.as_str().into())],
        );
        format!("{}\n\n{link}\n\n{signature}", self.body)
    }
}

/// `body`, then the other person's message when they wrote one.
pub fn with_their_message(mut body: String, to: &Recipient, message: &str) -> String {
    if !message.is_empty() {
        body.push_str("\n\n");
        body.push_str(&to.t("notification-their-message", &[("message", message.into())]));
    }
    body
}

/// An instant in `lang` and the zone `tz`, naming the zone: "Mon 4 May, 10:00 (Europe/Lisbon)".
pub fn when(at: DateTime<Utc>, lang: Lang, tz: Tz) -> String {
    format!("{} ({})", lang.when(&at.with_timezone(&tz)), tz.name())
}

/// Where a meeting takes place: its spot, its video link, or both.
pub fn place(meeting: &Meeting, lang: Lang) -> String {
    match (&meeting.spot, &meeting.video_url) {
        (Some(s), Some(v)) => format!("{} — {v}", s.name),
        (Some(s), None) => s.name.clone(),
        (None, Some(v)) => lang.t_args("notification-place-video", &[("url", v.as_str().into())]),
        (None, None) => lang.t("notification-place-unknown"),
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn recipient(lang: Lang, tz: Tz) -> Recipient {
        Recipient {
            member: MemberId(1),
            name: "Bo".into(),
            email: "bo@example.org".into(),
            lang,
            tz,
        }
    }

    #[test]
    fn times_are_shown_in_the_recipients_language_and_zone_and_name_it() {
        let at = Utc.with_ymd_and_hms(2026, 5, 4, 10, 0, 0).unwrap();
        let montreal: Tz = "America/Montreal".parse().unwrap();
        assert_eq!(
            recipient(Lang::Fr, montreal).when(at),
            "lun. 4 mai, 06:00 (America/Montreal)"
        );
        assert_eq!(
            recipient(Lang::En, chrono_tz::Europe::Lisbon).when(at),
            "Mon 4 May, 11:00 (Europe/Lisbon)"
        );
    }

    #[test]
    fn a_member_without_a_language_reads_english() {
        assert_eq!(member_lang(Some("fr-CA"), None), Lang::Fr);
        assert_eq!(member_lang(Some("de"), None), Lang::En);
        assert_eq!(member_lang(None, None), Lang::En);
    }

    #[test]
    fn emails_are_written_in_the_recipients_language() {
        let message = |lang| Message {
            to: recipient(lang, chrono_tz::UTC),
            kind: "reminder",
            title: "T".into(),
            body: "B".into(),
            link: "https://learn.example.org/c/1/meetings".into(),
            ics: None,
            community: "Guild".into(),
        };
        let en = message(Lang::En);
        assert_eq!(en.subject(), "T · Guild");
        assert_eq!(
            en.text(),
            "B\n\nOpen in peerlearn: https://learn.example.org/c/1/meetings\n\n— peerlearn, Guild"
        );
        let fr = message(Lang::Fr);
        assert_eq!(
            fr.text(),
            "B\n\nOuvrir dans peerlearn\u{a0}: https://learn.example.org/c/1/meetings\n\n— peerlearn, Guild"
        );
        let with = with_their_message("B".into(), &fr.to, "Salut");
        assert_eq!(with, "B\n\nSon message\u{a0}: Salut");
    }

    #[test]
    fn counts_agree_with_their_words_in_each_language() {
        let seats = |lang: Lang, taken: u32, capacity: u32| {
            lang.t_args(
                "notification-waitlist-seat-host-body",
                &[
                    ("name", "Bo".into()),
                    ("topic", "Chess".into()),
                    ("taken", taken.into()),
                    ("capacity", capacity.into()),
                ],
            )
        };
        assert!(seats(Lang::En, 1, 2).ends_with("(1 of 2 seats taken)."));
        assert!(seats(Lang::Fr, 1, 2).ends_with("(1 place prise sur 2)."));
        assert!(seats(Lang::Fr, 2, 2).ends_with("(2 places prises sur 2)."));
        let times = |lang: Lang, count: usize| {
            lang.t_args(
                "notification-request-received-body",
                &[
                    ("name", "Bo".into()),
                    ("topic", "Chess".into()),
                    ("count", count.into()),
                    ("times", "…".into()),
                ],
            )
        };
        assert!(times(Lang::En, 1).contains("Proposed time: …"));
        assert!(times(Lang::En, 3).contains("Proposed times: …"));
        assert!(times(Lang::Fr, 1).contains("Horaire proposé\u{a0}: …"));
        assert!(times(Lang::Fr, 2).contains("Horaires proposés\u{a0}: …"));
        let wanted = |lang: Lang| {
            lang.t_args(
                "notification-host-invitation-title",
                &[("count", 4.into()), ("tag", "Rust".into())],
            )
        };
        assert_eq!(wanted(Lang::En), "4 people want to learn Rust");
        assert_eq!(wanted(Lang::Fr), "4 personnes veulent apprendre Rust");
    }
}
