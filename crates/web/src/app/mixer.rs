//! Mixer rounds: the organizer previews small groups for several rounds (nobody meeting the
//! same person twice, groups sharing interests), then publishes them. Publishing makes every
//! group of every round an ordinary meeting at its time, with a spot from the booking code and
//! a notification (with its invitation) to everyone in it, all in one transaction.
//!
//! Someone already in a meeting during a round is left out of that round, and the answer says
//! who: an organizer at a live event cannot move other people's meetings, and the mixer goes
//! on without them (see [`peerlearn_store::PublishedRound`]).

use fluent_templates::fluent_bundle::FluentValue;
use peerlearn_domain::{BoundedText, CommunityId, MemberId, TimeRange};
use peerlearn_engine::grouping::{MixerConfig, MixerMember, MixerPlan, mixer_rounds};
use peerlearn_store::{
    DirectoryFilter, Meeting, MemberSummary, NewMixer, NewMixerGroup, NewMixerRound,
};
use std::collections::HashMap;

use super::requests::video_room;
use crate::access::AsMember;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::input::mixer::{MixerPublication, MixerSettings};
use crate::state::AppState;

/// Mixers are for gatherings: at most this many members take part.
pub const MAX_MEMBERS: usize = 2_000;

/// Rounds planned for the community's members, not yet published.
pub struct Preview {
    /// The members mixed; the plan's indices point into this list.
    pub people: Vec<MemberSummary>,
    pub plan: MixerPlan,
    /// Names these rounds, so publishing can check it publishes what was previewed.
    pub fingerprint: String,
}

impl Preview {
    /// The members of each group of each round.
    fn groups(&self) -> Vec<Vec<Vec<&MemberSummary>>> {
        self.plan
            .rounds
            .iter()
            .map(|r| {
                r.groups
                    .iter()
                    .map(|g| g.iter().filter_map(|&i| self.people.get(i)).collect())
                    .collect()
            })
            .collect()
    }
}

/// One published round: its time, its meetings, and who was left out.
pub struct PublishedRound {
    pub number: usize,
    pub time: TimeRange,
    pub meetings: Vec<Meeting>,
    /// Left out: already in a meeting then.
    pub busy: Vec<String>,
    /// Left out: everyone else in their group was busy.
    pub alone: Vec<String>,
}

/// What publishing wrote.
pub struct Published {
    pub people: usize,
    pub rounds: Vec<PublishedRound>,
}

impl Published {
    pub fn meetings(&self) -> usize {
        self.rounds.iter().map(|r| r.meetings.len()).sum()
    }

    /// Everyone left out of at least one round.
    pub fn left_out(&self) -> usize {
        let mut names: Vec<&String> = self
            .rounds
            .iter()
            .flat_map(|r| r.busy.iter().chain(&r.alone))
            .collect();
        names.sort();
        names.dedup();
        names.len()
    }
}

fn organizer(org: &AsMember) -> Result<(), AppError> {
    if org.role.can_organize() {
        Ok(())
    } else {
        Err(AppError::Forbidden("forbidden-organizers-only"))
    }
}

/// The community's members (up to [`MAX_MEMBERS`]), oldest first.
async fn members(state: &AppState, id: CommunityId) -> Result<Vec<MemberSummary>, AppError> {
    let mut out = Vec::new();
    let mut cursor = None;
    loop {
        let page = state
            .store
            .directory(
                id,
                &DirectoryFilter {
                    cursor,
                    limit: 200,
                    ..DirectoryFilter::default()
                },
            )
            .await?;
        out.extend(page.items);
        match page.next_cursor.and_then(|c| c.parse().ok()) {
            Some(c) if out.len() < MAX_MEMBERS => cursor = Some(c),
            _ => break,
        }
    }
    out.truncate(MAX_MEMBERS);
    Ok(out)
}

/// Plans the rounds for the community's members (nothing is written).
pub async fn preview(
    state: &AppState,
    org: &AsMember,
    settings: MixerSettings,
) -> Result<Preview, AppError> {
    organizer(org)?;
    let people = members(state, org.community.id).await?;
    let input: Vec<MixerMember> = people
        .iter()
        .map(|m| MixerMember {
            id: m.id.to_string(),
            offers: m.offers.clone(),
            wants: m.wants.clone(),
        })
        .collect();
    let config = MixerConfig {
        group_size: settings.group_size,
        rounds: settings.rounds,
        ..MixerConfig::default()
    };
    // The search is CPU-bound: it runs off the async executor.
    let plan = tokio::task::spawn_blocking(move || mixer_rounds(&input, &config))
        .await
        .map_err(|e| AppError::Internal(format!("mixer task: {e}")))?;
    let fingerprint = fingerprint(&people, &plan);
    Ok(Preview {
        people,
        plan,
        fingerprint,
    })
}

/// FNV-1a over the member ids of every group, round by round: stable across processes.
fn fingerprint(people: &[MemberSummary], plan: &MixerPlan) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |n: i64| {
        for b in n.to_le_bytes() {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    };
    for round in &plan.rounds {
        eat(-1);
        for group in &round.groups {
            eat(-2);
            for &i in group {
                eat(people.get(i).map_or(0, |m| m.id.0));
            }
        }
    }
    format!("{hash:016x}")
}

/// Publishes the rounds planned now for the community's members: refused, with nothing
/// written, when they differ from the preview the organizer saw (`mixer_changed`), when a
/// round falls outside the community's hours, when a round's groups do not all find a spot
/// (`not_enough_spots`) or when nobody is free (`everyone_busy`). A refusal comes with the
/// rounds planned now, for a page to show again.
pub async fn publish(
    state: &AppState,
    org: &AsMember,
    publication: &MixerPublication,
    lang: Lang,
) -> Result<Published, (AppError, Option<Preview>)> {
    let preview = preview(state, org, publication.settings)
        .await
        .map_err(|e| (e, None))?;
    match write(state, org, publication, lang, &preview).await {
        Ok(published) => Ok(published),
        Err(e) => Err((e, Some(preview))),
    }
}

async fn write(
    state: &AppState,
    org: &AsMember,
    publication: &MixerPublication,
    lang: Lang,
    preview: &Preview,
) -> Result<Published, AppError> {
    if publication
        .preview
        .as_ref()
        .is_some_and(|p| *p != preview.fingerprint)
    {
        return Err(AppError::conflict(
            "mixer_changed",
            "the members or their interests changed since the preview",
        ));
    }
    if preview.plan.rounds.is_empty() {
        return Err(AppError::conflict(
            "too_few_members",
            "there are not enough members to form groups",
        ));
    }
    let base = match &publication.title {
        Some(t) => t.as_str().to_string(),
        None => lang.t("mixer-default-title"),
    };
    let mut times = Vec::new();
    let mut rounds = Vec::new();
    for (r, groups) in preview.groups().into_iter().enumerate() {
        let time = publication
            .round_time(r)
            .ok_or_else(|| AppError::invalid("starts_at", "invalid-date-time"))?;
        if let Err(mut e) = org
            .community
            .calendar
            .check_within_hours("starts_at", &time)
        {
            if e.id == "invalid-outside-hours" {
                e.id = "invalid-mixer-round-outside-hours";
                e = e.arg("round", r + 1);
            }
            return Err(e.into());
        }
        let mut new_groups = Vec::new();
        for (g, members) in groups.iter().enumerate() {
            let title = lang.t_args(
                "mixer-topic-title",
                &[
                    ("title", FluentValue::from(base.as_str())),
                    ("round", FluentValue::from(r + 1)),
                    ("group", FluentValue::from(g + 1)),
                ],
            );
            new_groups.push(NewMixerGroup {
                title: BoundedText::parse("title", &title, 3, 140, false)
                    .map_err(AppError::from)?,
                members: members.iter().map(|m| m.id).collect(),
            });
        }
        times.push(time);
        rounds.push(NewMixerRound {
            start: time.start(),
            groups: new_groups,
        });
    }
    let mixer = NewMixer {
        organizer: org.member,
        mode: publication.mode,
        duration: publication.round,
        rounds,
    };
    let written = state
        .store
        .publish_mixer(
            org.community.id,
            &mixer,
            &video_room(state),
            state.clock.now(),
        )
        .await?;
    let names: HashMap<MemberId, &str> = preview
        .people
        .iter()
        .map(|m| (m.id, m.display_name.as_str()))
        .collect();
    let name = |ids: &[MemberId]| -> Vec<String> {
        ids.iter()
            .filter_map(|id| names.get(id).map(|n| (*n).to_string()))
            .collect()
    };
    let mut out = Vec::with_capacity(written.len());
    for (r, (round, time)) in written.iter().zip(times).enumerate() {
        let mut meetings = Vec::with_capacity(round.meetings.len());
        for id in &round.meetings {
            meetings.push(state.store.meeting(*id).await?);
        }
        out.push(PublishedRound {
            number: r + 1,
            time,
            meetings,
            busy: name(&round.busy),
            alone: name(&round.alone),
        });
    }
    let published = Published {
        people: preview.people.len(),
        rounds: out,
    };
    metrics::counter!("bookings_total", "kind" => "mixer").increment(published.meetings() as u64);
    Ok(published)
}
