//! A community's settings: kind, join policy, roles, hours, dates, time zone, spot kinds.

use chrono::{DateTime, Days, NaiveDate, NaiveTime, TimeZone, Utc};

use crate::error::Invalid;
use crate::time_range::TimeRange;

word_enum!(
    /// An event has dates; an ongoing space (a school, a company) has none.
    CommunityKind { Event = "event", Ongoing = "ongoing" }
);
word_enum!(
    /// Whether anyone signed in may join, or only people with the invite code.
    JoinPolicy { Open = "open", Invite = "invite" }
);
word_enum!(
    /// A member's role in one community.
    Role { Organizer = "organizer", Moderator = "moderator", Member = "member" }
);
word_enum!(
    /// The language a community's pages and messages use for someone whose own language is
    /// not known (no setting, and a browser that asks for neither).
    CommunityLanguage { English = "en", French = "fr" }
);
word_enum!(
    /// Where meetings happen.
    SpotKind { Table = "table", Room = "room", Virtual = "virtual" }
);

impl Role {
    /// Organizers set the community up, define spots and change roles.
    pub fn can_organize(self) -> bool {
        self == Role::Organizer
    }

    /// Organizers and moderators moderate content.
    pub fn can_moderate(self) -> bool {
        matches!(self, Role::Organizer | Role::Moderator)
    }
}

/// An IANA time zone name such as `Europe/Lisbon`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timezone(chrono_tz::Tz);

impl Timezone {
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        raw.trim()
            .parse::<chrono_tz::Tz>()
            .map(Self)
            .map_err(|_| Invalid::new("timezone", "invalid-timezone").arg("value", raw.trim()))
    }

    pub fn tz(self) -> chrono_tz::Tz {
        self.0
    }

    pub fn name(self) -> &'static str {
        self.0.name()
    }
}

/// Daily hours in which meetings may happen, e.g. 09:00–18:00 (local time of the community).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayHours {
    start: NaiveTime,
    end: NaiveTime,
}

impl DayHours {
    pub fn parse(start: &str, end: &str) -> Result<Self, Invalid> {
        let parse = |field: &str, raw: &str| {
            NaiveTime::parse_from_str(raw.trim(), "%H:%M")
                .map_err(|_| Invalid::new(field, "invalid-clock-time").arg("value", raw.trim()))
        };
        let start = parse("day_start", start)?;
        let end = parse("day_end", end)?;
        if end <= start {
            return Err(Invalid::new("day_end", "invalid-day-ends-before-it-starts"));
        }
        Ok(Self { start, end })
    }

    /// From minutes after midnight, as stored.
    pub fn from_minutes(start: i64, end: i64) -> Option<Self> {
        let t =
            |m: i64| NaiveTime::from_num_seconds_from_midnight_opt(u32::try_from(m * 60).ok()?, 0);
        let (start, end) = (t(start)?, t(end)?);
        (start < end).then_some(Self { start, end })
    }

    pub fn start(self) -> NaiveTime {
        self.start
    }

    pub fn end(self) -> NaiveTime {
        self.end
    }

    pub fn start_minutes(self) -> i64 {
        i64::from(chrono::Timelike::num_seconds_from_midnight(&self.start)) / 60
    }

    pub fn end_minutes(self) -> i64 {
        i64::from(chrono::Timelike::num_seconds_from_midnight(&self.end)) / 60
    }
}

/// The first and last day of an event, at most a year apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventDates {
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
}

impl EventDates {
    pub const MAX_DAYS: i64 = 366;

    pub fn parse(starts_on: &str, ends_on: &str) -> Result<Self, Invalid> {
        let parse = |field: &str, raw: &str| {
            NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
                .map_err(|_| Invalid::new(field, "invalid-date").arg("value", raw.trim()))
        };
        let starts_on = parse("starts_on", starts_on)?;
        let ends_on = parse("ends_on", ends_on)?;
        if ends_on < starts_on {
            return Err(Invalid::new("ends_on", "invalid-last-day-before-first"));
        }
        if (ends_on - starts_on).num_days() >= Self::MAX_DAYS {
            return Err(Invalid::new("ends_on", "invalid-event-too-long"));
        }
        Ok(Self { starts_on, ends_on })
    }
}

/// When a community meets: its time zone, daily hours and (for events) dates. Answers whether
/// a time range lies within the community's hours, and lists the days to show in a grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommunityCalendar {
    pub timezone: Timezone,
    pub hours: DayHours,
    pub dates: Option<EventDates>,
}

impl CommunityCalendar {
    /// The days on which meetings can happen: the event's dates, or for an ongoing space the
    /// next fourteen days from `today`.
    pub fn days(&self, today: NaiveDate) -> Vec<NaiveDate> {
        let (first, last) = match self.dates {
            Some(d) => (d.starts_on, d.ends_on),
            None => (today, today + Days::new(13)),
        };
        first.iter_days().take_while(|d| *d <= last).collect()
    }

    /// The community's hours on `day`, as an absolute time range.
    pub fn hours_on(&self, day: NaiveDate) -> Option<TimeRange> {
        let tz = self.timezone.tz();
        let start = tz
            .from_local_datetime(&day.and_time(self.hours.start))
            .earliest()?;
        let end = tz
            .from_local_datetime(&day.and_time(self.hours.end))
            .latest()?;
        TimeRange::new(start.with_timezone(&Utc), end.with_timezone(&Utc)).ok()
    }

    /// The starts of the `minutes`-long slots within the hours of each meeting day from
    /// `now`'s day on, keeping only slots that start after `now`; days with none left are
    /// left out.
    pub fn slots_after(
        &self,
        now: DateTime<Utc>,
        minutes: i64,
    ) -> Vec<(NaiveDate, Vec<DateTime<Utc>>)> {
        let step = chrono::Duration::minutes(minutes.max(1));
        let mut out = Vec::new();
        for day in self.days(self.local_date(now)) {
            let Some(hours) = self.hours_on(day) else {
                continue;
            };
            let mut starts = Vec::new();
            let mut t = hours.start();
            while t + step <= hours.end() {
                if t > now {
                    starts.push(t);
                }
                t += step;
            }
            if !starts.is_empty() {
                out.push((day, starts));
            }
        }
        out
    }

    /// The local date on which an instant falls.
    pub fn local_date(&self, at: DateTime<Utc>) -> NaiveDate {
        at.with_timezone(&self.timezone.tz()).date_naive()
    }

    /// Checks that `range` lies within the hours of one day (and, for events, within the dates).
    pub fn check_within_hours(&self, field: &str, range: &TimeRange) -> Result<(), Invalid> {
        let day = self.local_date(range.start());
        if let Some(d) = self.dates
            && (day < d.starts_on || day > d.ends_on)
        {
            return Err(Invalid::new(field, "invalid-outside-event-dates")
                .arg("day", day)
                .arg("first", d.starts_on)
                .arg("last", d.ends_on));
        }
        let hours = self
            .hours_on(day)
            .ok_or_else(|| Invalid::new(field, "invalid-no-hours-that-day").arg("day", day))?;
        if !hours.contains(range) {
            return Err(Invalid::new(field, "invalid-outside-hours")
                .arg("start", self.hours.start.format("%H:%M").to_string())
                .arg("end", self.hours.end.format("%H:%M").to_string())
                .arg("timezone", self.timezone.name())
                .arg("day", day));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn calendar() -> CommunityCalendar {
        CommunityCalendar {
            timezone: Timezone::parse("Europe/Lisbon").unwrap(),
            hours: DayHours::parse("09:00", "18:00").unwrap(),
            dates: Some(EventDates::parse("2026-05-12", "2026-05-13").unwrap()),
        }
    }

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn slots_start_after_now_within_each_days_hours() {
        // Lisbon is UTC+1 in May: 09:00–18:00 local is 08:00–17:00 UTC.
        let days = calendar().slots_after(at("2026-05-12T16:10:00Z"), 30);
        assert_eq!(days.len(), 2);
        assert_eq!(days[0].1, vec![at("2026-05-12T16:30:00Z")]);
        assert_eq!(days[1].1.len(), 18);
        assert_eq!(days[1].1[0], at("2026-05-13T08:00:00Z"));
        assert!(
            calendar()
                .slots_after(at("2026-05-14T08:00:00Z"), 30)
                .is_empty()
        );
    }

    #[test]
    fn words_parse_and_name_the_choices() {
        assert_eq!(Role::parse("role", "moderator").unwrap(), Role::Moderator);
        let err = JoinPolicy::parse("join_policy", "closed").unwrap_err();
        assert_eq!(err.id, "invalid-choice");
        assert_eq!(err.get("choices"), Some(&crate::Arg::from("open, invite")));
        assert!(Role::Organizer.can_organize() && !Role::Moderator.can_organize());
        assert!(Role::Moderator.can_moderate() && !Role::Member.can_moderate());
    }

    #[test]
    fn hours_and_dates_are_checked() {
        assert!(DayHours::parse("18:00", "09:00").is_err());
        assert!(DayHours::parse("9am", "18:00").is_err());
        let h = DayHours::parse("09:30", "18:00").unwrap();
        assert_eq!(
            DayHours::from_minutes(h.start_minutes(), h.end_minutes()),
            Some(h)
        );
        assert!(EventDates::parse("2026-05-13", "2026-05-12").is_err());
        assert!(EventDates::parse("2026-01-01", "2027-06-01").is_err());
        assert!(Timezone::parse("Mars/Olympus").is_err());
    }

    #[test]
    fn windows_must_lie_within_local_hours_and_dates() {
        let cal = calendar();
        // Lisbon is UTC+1 in May: 09:00 local is 08:00Z.
        let ok = TimeRange::new(at("2026-05-12T08:00:00Z"), at("2026-05-12T09:00:00Z")).unwrap();
        assert!(cal.check_within_hours("windows", &ok).is_ok());
        let early = TimeRange::new(at("2026-05-12T07:30:00Z"), at("2026-05-12T09:00:00Z")).unwrap();
        assert!(cal.check_within_hours("windows", &early).is_err());
        let other_day =
            TimeRange::new(at("2026-05-14T08:00:00Z"), at("2026-05-14T09:00:00Z")).unwrap();
        assert!(cal.check_within_hours("windows", &other_day).is_err());
        assert_eq!(
            cal.days(NaiveDate::from_ymd_opt(2020, 1, 1).unwrap()).len(),
            2
        );
    }

    #[test]
    fn ongoing_spaces_show_two_weeks() {
        let cal = CommunityCalendar {
            dates: None,
            ..calendar()
        };
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let days = cal.days(today);
        assert_eq!(days.len(), 14);
        assert_eq!(days[0], today);
    }
}
