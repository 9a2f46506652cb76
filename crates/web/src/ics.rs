//! Meetings as RFC 5545 iCalendar. Each meeting keeps one UID for life; every change raises
//! its SEQUENCE, and a cancelled meeting is sent as STATUS:CANCELLED, so calendar apps update
//! the event they have instead of adding another.

use icalendar::{Calendar, Component, Event, EventLike, EventStatus};
use peerlearn_store::Meeting;

use crate::i18n::Lang;

/// The stable UID of a meeting.
pub fn uid(meeting: &Meeting, host: &str) -> String {
    format!("meeting-{}@{host}", meeting.id)
}

/// One VEVENT for `meeting`, its summary and description in `lang`; `link` is the meeting's
/// page.
pub fn event(meeting: &Meeting, host: &str, link: &str, lang: Lang) -> Event {
    let mut e = Event::new();
    let people: Vec<&str> = meeting
        .participants
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    let place = match (&meeting.spot, &meeting.video_url) {
        (Some(s), Some(v)) => format!("{} ({v})", s.name),
        (Some(s), None) => s.name.clone(),
        (None, Some(v)) => v.clone(),
        (None, None) => String::new(),
    };
    e.uid(&uid(meeting, host))
        .summary(&lang.t_args(
            "ics-summary",
            &[("topic", meeting.topic_title.as_str().into())],
        ))
        .description(&format!(
            "{}\n{link}",
            lang.t_args("ics-description", &[("people", people.join(", ").into())])
        ))
        .starts(meeting.time.start())
        .ends(meeting.time.end())
        .timestamp(meeting.updated_at)
        .last_modified(meeting.updated_at)
        .created(meeting.created_at)
        .sequence(u32::try_from(meeting.sequence).unwrap_or(0))
        .status(if meeting.confirmed {
            EventStatus::Confirmed
        } else {
            EventStatus::Cancelled
        })
        .url(link);
    if !place.is_empty() {
        e.location(&place);
    }
    e.done()
}

/// A calendar with the given meetings, written in `lang` (the language of the member it is
/// for).
pub fn calendar<'a>(
    meetings: impl IntoIterator<Item = (&'a Meeting, String)>,
    host: &str,
    name: &str,
    lang: Lang,
) -> String {
    let mut cal = Calendar::new();
    cal.name(name);
    for (m, link) in meetings {
        cal.push(event(m, host, &link, lang));
    }
    cal.done().to_string()
}

/// The host part of the public URL, for UIDs (`learn.example.org`).
pub fn host_of(public_url: &str) -> String {
    public_url
        .split("://")
        .nth(1)
        .unwrap_or(public_url)
        .split(['/', ':'])
        .next()
        .unwrap_or("peerlearn")
        .to_string()
}
