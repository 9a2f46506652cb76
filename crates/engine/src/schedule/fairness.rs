//! Fairness, the secondary objective: how evenly meetings are spread over the people who
//! asked for them.
//!
//! Reported always: people with at least one request left with no meeting, the Gini
//! coefficient of meetings per person (over those people) and the most meetings one person
//! has. With [`super::Fairness::Lexicographic`] the search compares schedules by weight first
//! and then by fewer people left out, and a final pass tries, for each person left out, every
//! one of their requests with a swap that loses no weight.

use serde::Serialize;

use super::search::Search;
use super::state::State;
use super::validate::gini;

/// Fairness figures of a schedule.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FairnessReport {
    /// People with at least one request and no scheduled meeting.
    pub people_with_requests_unserved: u32,
    /// People with at least one request.
    pub people_with_requests: u32,
    /// Gini coefficient of meetings per person over people with at least one request
    /// (0 = perfectly even).
    pub meetings_per_person_gini: f64,
    pub max_meetings_one_person: u32,
}

pub fn report(st: &State) -> FairnessReport {
    let p = st.problem;
    let counts: Vec<u32> = (0..p.n_people)
        .filter(|&m| !p.person_reqs[m].is_empty())
        .map(|m| st.nmeet[m])
        .collect();
    FairnessReport {
        people_with_requests_unserved: st.zeros,
        people_with_requests: counts.len() as u32,
        meetings_per_person_gini: gini(&counts),
        max_meetings_one_person: st.nmeet.iter().copied().max().unwrap_or(0),
    }
}

/// For every person left out, tries each of their requests with a move that keeps the total
/// weight and serves more people. Stops early at `deadline`.
pub fn repair(search: &mut Search, deadline: std::time::Instant) {
    let p = search.st.problem;
    for m in 0..p.n_people {
        if search.st.nmeet[m] > 0 || p.person_reqs[m].is_empty() {
            continue;
        }
        if std::time::Instant::now() >= deadline {
            return;
        }
        for &r in &p.person_reqs[m] {
            if search.st.is_scheduled(r) || p.starts(r).is_empty() {
                continue;
            }
            if search.step(r, 0.0) && search.st.nmeet[m] > 0 {
                break;
            }
        }
    }
}
