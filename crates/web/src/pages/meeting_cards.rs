//! Meetings and requests as cards: the people first, then the topic, the place and the time,
//! every label in the viewer's language and every time in their zone.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use fluent_templates::fluent_bundle::FluentValue;
use peerlearn_domain::{MemberId, SpotKind, TimeRange, check_in_open};
use peerlearn_store::{Meeting, Request, RequestStatus};

use super::Page;
use crate::app::agenda::SharedTime;
use crate::i18n::Lang;

/// How many faces a card shows before "+2".
const FACES: usize = 3;

/// Times as the viewer reads them: their language, their zone (else the community's).
pub struct Clock<'a> {
    page: &'a Page,
    community: Tz,
    pub now: DateTime<Utc>,
}

impl<'a> Clock<'a> {
    pub fn new(page: &'a Page, community: Tz, now: DateTime<Utc>) -> Self {
        Self {
            page,
            community,
            now,
        }
    }

    fn lang(&self) -> Lang {
        self.page.lang
    }

    /// "Tue 8 Dec, 10:00"
    pub fn at(&self, t: DateTime<Utc>) -> String {
        self.page.when(t, self.community)
    }

    /// "Tue 8 Dec, 10:00–10:30"
    pub fn range(&self, time: &TimeRange) -> String {
        let end = time.end().with_timezone(&self.page.zone(self.community));
        format!("{}–{}", self.at(time.start()), self.lang().clock(&end))
    }

    /// "10:02": a moment of the day, in the viewer's zone.
    pub fn clock(&self, t: DateTime<Utc>) -> String {
        self.lang()
            .clock(&t.with_timezone(&self.page.zone(self.community)))
    }

    /// The zone times are shown in, said once per page.
    pub fn zone(&self) -> String {
        self.page.zone(self.community).name().to_string()
    }

    /// "Starts in 5 minutes", "Happening now", "Starts in 3 hours"; empty from a day away or
    /// once over.
    pub fn soon(&self, time: &TimeRange) -> String {
        let lang = self.lang();
        if time.start() <= self.now && self.now < time.end() {
            return lang.t("meetings-happening-now");
        }
        let minutes = (time.start() - self.now).num_minutes();
        match minutes {
            m if m < 0 => String::new(),
            m if m < 60 => lang.t_count("meetings-starts-in-minutes", m.max(1)),
            m if m < 24 * 60 => lang.t_count("meetings-starts-in-hours", m / 60),
            _ => String::new(),
        }
    }

    /// "just now", "5 min ago", "3 h ago", else the date and time.
    pub fn ago(&self, t: DateTime<Utc>) -> String {
        let lang = self.lang();
        let minutes = (self.now - t).num_minutes();
        match minutes {
            m if m < 1 => lang.t("inbox-just-now"),
            m if m < 60 => lang.t_count("inbox-minutes-ago", m),
            m if m < 24 * 60 => lang.t_count("inbox-hours-ago", m / 60),
            _ => self.at(t),
        }
    }
}

/// A meeting as a card: the others in it, the topic, the place, the time, what one may do.
pub struct MeetingCard {
    pub id: String,
    pub topic_id: String,
    pub title: String,
    pub when: String,
    /// Up to three of the others, for their avatars.
    pub faces: Vec<String>,
    /// "Ana Lima", "Ana Lima, Bo Chen +2", "Nobody has a seat yet".
    pub names: String,
    pub place: String,
    /// A video room (no table to walk to).
    pub online: bool,
    pub video_url: Option<String>,
    pub confirmed: bool,
    pub cancel_reason: String,
    /// The viewer hosts it.
    pub host: bool,
    /// "Cancel meeting", or "Give up my seat" for a seat in someone else's group.
    pub cancel_label: String,
    pub cancel_confirm: String,
    /// "Starts in 5 minutes", "Happening now" (empty otherwise).
    pub soon: String,
    /// The viewer may check in now.
    pub check_in: bool,
    /// The viewer has checked in (known for the next meeting only).
    pub checked_in: bool,
}

impl MeetingCard {
    pub fn new(g: &Meeting, me: MemberId, clock: &Clock<'_>) -> Self {
        let lang = clock.lang();
        let others: Vec<&str> = g
            .participants
            .iter()
            // A cancelled meeting still names who it was with.
            .filter(|p| p.member != me && (p.confirmed || !g.confirmed))
            .map(|p| p.name.as_str())
            .collect();
        let host = g.participants.iter().any(|p| p.member == me && p.host);
        let seat = g.capacity > 2 && !host;
        let names = match others.len() {
            0 => lang.t("meetings-nobody-yet"),
            n if n <= FACES => others.join(", "),
            n => lang.t_args(
                "meetings-names-and-more",
                &[
                    ("names", FluentValue::from(others[..FACES].join(", "))),
                    ("count", FluentValue::from((n - FACES) as i64)),
                ],
            ),
        };
        let online = g.spot.as_ref().is_none_or(|s| s.kind == SpotKind::Virtual);
        let place = match &g.spot {
            Some(s) => s.name.clone(),
            None => lang.t("meetings-place-video"),
        };
        let participant = g.participants.iter().any(|p| p.member == me && p.confirmed);
        Self {
            id: g.id.to_string(),
            topic_id: g.topic_id.to_string(),
            title: g.topic_title.clone(),
            when: clock.range(&g.time),
            faces: others.iter().take(FACES).map(|s| s.to_string()).collect(),
            names,
            place,
            online,
            video_url: g.video_url.clone(),
            confirmed: g.confirmed,
            cancel_reason: g.cancel_reason.clone(),
            host,
            cancel_label: lang.t(if seat {
                "meetings-leave-seat"
            } else {
                "meetings-cancel"
            }),
            cancel_confirm: lang.t(if seat {
                "meetings-leave-seat-confirm"
            } else {
                "meetings-cancel-confirm"
            }),
            soon: if g.confirmed {
                clock.soon(&g.time)
            } else {
                String::new()
            },
            check_in: g.confirmed && participant && check_in_open(&g.time, clock.now).is_ok(),
            checked_in: false,
        }
    }
}

/// One time a request proposes, as an answer button.
pub struct TimeChoice {
    /// Unix seconds (the accept form's `start`).
    pub value: i64,
    pub label: String,
}

/// A request, from the viewer's side.
pub struct RequestCard {
    pub id: String,
    pub topic_id: String,
    pub topic_title: String,
    /// The person on the other side.
    pub other: String,
    pub message: String,
    pub reply: String,
    /// The other side proposed these times in answer to the viewer's request.
    pub counter: bool,
    /// What the card says about where it stands ("Emeka can't make the times you asked for…",
    /// "Waiting for Emeka's answer").
    pub standing: String,
    pub times: Vec<TimeChoice>,
    /// The viewer asked and may take it back.
    pub can_withdraw: bool,
    pub status: &'static str,
    pub status_label: String,
}

impl RequestCard {
    pub fn new(r: &Request, me: MemberId, clock: &Clock<'_>) -> Self {
        let lang = clock.lang();
        let other = if r.decider == me {
            r.requester_name.clone()
        } else {
            r.decider_name.clone()
        };
        let counter = r.awaiting == r.requester;
        let status = r.status_at(clock.now);
        let name = || [("name", FluentValue::from(other.clone()))];
        let standing = match (status, r.awaiting == me, counter) {
            (RequestStatus::Pending, true, true) => {
                lang.t_args("meetings-counter-explain", &name())
            }
            (RequestStatus::Pending, false, true) => {
                lang.t_args("meetings-sent-waiting-times", &name())
            }
            (RequestStatus::Pending, false, false) => lang.t_args("meetings-sent-waiting", &name()),
            _ => String::new(),
        };
        Self {
            id: r.id.to_string(),
            topic_id: r.topic_id.to_string(),
            topic_title: r.topic_title.clone(),
            message: r.message.clone(),
            reply: r.reply.clone(),
            counter,
            standing,
            times: r
                .times
                .iter()
                .filter(|t| t.start() > clock.now)
                .map(|t| TimeChoice {
                    value: t.start().timestamp(),
                    label: clock.at(t.start()),
                })
                .collect(),
            can_withdraw: status == RequestStatus::Pending && r.requester == me && !counter,
            status: status.as_str(),
            status_label: lang.t(&format!("meetings-status-{}", status.as_str())),
            other,
        }
    }
}

/// A time several people asked for on one topic, and the button that makes it one group.
pub struct GroupChoice {
    pub topic_id: String,
    /// RFC 3339 (the group form's `start`).
    pub start: String,
    pub sentence: String,
    pub button: String,
}

impl GroupChoice {
    pub fn new(s: &SharedTime, clock: &Clock<'_>) -> Self {
        let lang = clock.lang();
        let count = FluentValue::from(s.requests as i64);
        Self {
            topic_id: s.topic_id.to_string(),
            start: crate::clock::rfc3339(s.start),
            sentence: lang.t_args(
                "meetings-group-sentence",
                &[
                    ("count", count.clone()),
                    ("topic", FluentValue::from(s.topic_title.clone())),
                    ("time", FluentValue::from(clock.at(s.start))),
                ],
            ),
            button: lang.t_args("meetings-group-button", &[("count", count)]),
        }
    }
}
