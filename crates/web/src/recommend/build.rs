//! From the store's view of a community to the matching engine's input: the community's
//! future half-hour slots as the engine's horizon, members with their free slots (availability
//! minus confirmed meetings), and open topics with the requests their host can still take today.

use chrono::{DateTime, Duration, NaiveDate, Timelike, Utc};
use peerlearn_domain::{TimeRange, TopicFormat as DomainFormat, TopicKind as DomainKind};
use peerlearn_engine::matching::{Day, Horizon, Member, SlotRange, Topic, TopicFormat, TopicKind};
use peerlearn_store::{Community, MatchingMember, Topic as StoredTopic};

pub const SLOT_MINUTES: i64 = 30;

/// Requests a host without a daily cap is taken to accept per day (their free capacity for
/// fair exposure; a cap, when set, is at most 20).
pub const UNCAPPED_REQUESTS_PER_DAY: u32 = 8;

/// The community's slots that start after `now`, as the engine's horizon, with each slot's
/// start time.
#[derive(Debug, Clone)]
pub struct Slots {
    pub horizon: Horizon,
    pub starts: Vec<DateTime<Utc>>,
    /// The community's local date at `now`, as days since 1970 (freshness counts in days).
    pub today: u32,
    /// Today's hours (for meetings already taken today), or the day around `now`.
    pub today_range: TimeRange,
}

fn day_number(date: NaiveDate) -> u32 {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    u32::try_from((date - epoch).num_days()).unwrap_or(0)
}

impl Slots {
    pub fn new(community: &Community, now: DateTime<Utc>) -> Self {
        let calendar = &community.calendar;
        let today_date = calendar.local_date(now);
        let tz = calendar.timezone.tz();
        let mut starts = Vec::new();
        let mut horizon_days = Vec::new();
        for (day, day_starts) in calendar.slots_after(now, SLOT_MINUTES) {
            let first = starts.len();
            let local = day_starts[0].with_timezone(&tz);
            starts.extend(day_starts);
            horizon_days.push(Day {
                // Language-neutral (the engine's `BothFree` carries it): the web words the
                // slot's start instant in the viewer's language and zone instead.
                label: day.format("%Y-%m-%d").to_string(),
                start_slot: first as u32,
                end_slot: starts.len() as u32,
                first_minute: local.hour() * 60 + local.minute(),
            });
        }
        let today_range = calendar
            .hours_on(today_date)
            .or_else(|| TimeRange::new(now - Duration::hours(12), now + Duration::hours(12)).ok())
            .unwrap_or_else(|| {
                TimeRange::new(now, now + Duration::minutes(1)).expect("a minute is a range")
            });
        Self {
            horizon: Horizon {
                slot_minutes: SLOT_MINUTES as u32,
                days: horizon_days,
            },
            starts,
            today: day_number(today_date),
            today_range,
        }
    }

    fn slot(&self, s: usize) -> Option<TimeRange> {
        TimeRange::new(
            self.starts[s],
            self.starts[s] + Duration::minutes(SLOT_MINUTES),
        )
        .ok()
    }

    /// Runs of slots for which `free` holds, as half-open ranges.
    fn runs(&self, free: impl Fn(&TimeRange) -> bool) -> Vec<SlotRange> {
        let mut out: Vec<SlotRange> = Vec::new();
        for s in 0..self.starts.len() {
            if self.slot(s).is_some_and(|r| free(&r)) {
                let s = s as u32;
                match out.last_mut() {
                    Some(r) if r.1 == s => r.1 = s + 1,
                    _ => out.push((s, s + 1)),
                }
            }
        }
        out
    }

    /// When a slot starts (`None` past the horizon).
    pub fn start_of(&self, slot: u32) -> Option<DateTime<Utc>> {
        self.starts.get(slot as usize).copied()
    }
}

/// The engine's member: free slots are availability minus confirmed meetings.
pub fn member(m: &MatchingMember, slots: &Slots) -> Member {
    let free = slots.runs(|r| {
        m.availability.iter().any(|w| w.contains(r)) && !m.busy.iter().any(|b| b.overlaps(r))
    });
    Member {
        id: m.id.to_string(),
        name: m.display_name.clone(),
        team: m.team.clone(),
        languages: m.languages.clone(),
        offers: m.offers.clone(),
        wants: m.wants.clone(),
        profile: format!("{} {}", m.headline, m.bio),
        availability: free,
        met: m.met.iter().map(ToString::to_string).collect(),
        dismissed_topics: m.dismissed_topics.iter().map(ToString::to_string).collect(),
        dismissed_hosts: m.dismissed_hosts.iter().map(ToString::to_string).collect(),
    }
}

/// Requests a host can still take today: their daily cap (or the default) minus meetings
/// already confirmed today.
pub fn requests_left(host: &MatchingMember) -> u32 {
    host.daily_cap
        .unwrap_or(UNCAPPED_REQUESTS_PER_DAY)
        .saturating_sub(host.meetings_in_day)
}

/// The engine's topic; `None` for a fixed-time group whose time is not in the horizon.
pub fn topic(t: &StoredTopic, requests_left: u32, slots: &Slots) -> Option<Topic> {
    let availability = match t.starts_at {
        Some(start) => {
            let end = start + Duration::minutes(i64::from(t.duration_minutes));
            let meeting = TimeRange::new(start, end).ok()?;
            let run = slots.runs(|r| meeting.overlaps(r));
            if run.is_empty() {
                return None;
            }
            Some(run)
        }
        None => None,
    };
    Some(Topic {
        id: t.id.to_string(),
        host: t.host.to_string(),
        kind: match t.kind {
            DomainKind::Offer => TopicKind::Offer,
            DomainKind::Ask => TopicKind::Ask,
        },
        tags: t.tags.clone(),
        title: t.title.clone(),
        description: t.description.clone(),
        format: match t.format {
            DomainFormat::OneOnOne => TopicFormat::OneOnOne,
            DomainFormat::Group => TopicFormat::Group {
                capacity: t.capacity,
            },
        },
        language: None,
        requests_left,
        availability,
        posted_day: day_number(t.created_at.date_naive()),
    })
}
