//! What a member and an organizer see of what the community learns: a member's private
//! reciprocity ledger, and the organizer's dashboard with the supply gap.

use chrono::{DateTime, Utc};
use fluent_templates::fluent_bundle::FluentValue;
use peerlearn_domain::{CommunityId, MemberId};
use peerlearn_store::Dashboard;

use crate::error::AppError;
use crate::i18n::Lang;
use crate::input::queries::Period;
use crate::state::AppState;

/// Meetings attended beyond meetings hosted before the ledger suggests sharing something.
pub const NUDGE_AFTER: i64 = 3;

/// A member's ledger: what they gave and received, what they could share, and whether their
/// recommendations are paused.
#[derive(Debug)]
pub struct Ledger {
    pub counts: peerlearn_store::Ledger,
    /// Set when the member has taken much more than given: a gentle suggestion to share.
    pub nudge: Option<Nudge>,
    /// Tags the member can share that others want, with how many want each, most first.
    pub could_share: Vec<(String, i64)>,
    /// When recommendations were paused for missed meetings (rejoin to lift it).
    pub paused_since: Option<DateTime<Utc>>,
}

/// A gentle suggestion to share, for a member who has learned in many more conversations
/// than they hosted.
#[derive(Debug, Clone)]
pub struct Nudge {
    /// The conversations they learned in.
    pub attended: i64,
    /// The tag they can share that most others want, and how many want it.
    pub wanted: Option<(String, i64)>,
}

impl Nudge {
    /// The suggestion as a sentence in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        let attended = FluentValue::from(self.attended);
        match &self.wanted {
            Some((tag, n)) => lang.t_args(
                "insights-nudge-tag",
                &[
                    ("attended", attended),
                    ("count", FluentValue::from(*n)),
                    ("tag", FluentValue::from(tag.as_str())),
                ],
            ),
            None => lang.t_args("insights-nudge", &[("attended", attended)]),
        }
    }
}

pub async fn ledger(
    state: &AppState,
    community: CommunityId,
    member: MemberId,
) -> Result<Ledger, AppError> {
    let now = state.clock.now();
    let l = state.store.ledger(community, member, now).await?;
    let wanted = state.store.wanted_from(community, member, 5).await?;
    let paused_since = state.store.paused_since(community, member).await?;
    let nudge = (l.meetings_attended - l.meetings_hosted >= NUDGE_AFTER).then(|| Nudge {
        attended: l.meetings_attended,
        wanted: wanted.first().cloned(),
    });
    Ok(Ledger {
        counts: l,
        nudge,
        could_share: wanted,
        paused_since,
    })
}

pub async fn dashboard(
    state: &AppState,
    community: CommunityId,
    period: &Period,
) -> Result<(Dashboard, Vec<(String, i64)>), AppError> {
    let d = state
        .store
        .dashboard(community, period.from, period.to, state.clock.now())
        .await?;
    let gap = state.store.supply_gap(community, 20).await?;
    Ok((d, gap))
}
