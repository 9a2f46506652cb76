//! Learning circles: groups of 4–8 around a shared "want to learn" tag, each facilitated by a
//! member who offers that tag.
//!
//! Greedy: repeatedly take the tag that can place the most waiting learners, form as many
//! circles for it as facilitators and learners allow (facilitators who want the least themselves
//! first; learners with the fewest other wishes first; teams mixed round-robin), and mark those
//! members as placed. Each member is in at most one circle. Finally, learners left over join an
//! existing circle on a tag they want that still has room.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

use super::normalise_tag;

/// A member who may join a circle.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct CircleMember {
    pub id: String,
    pub team: String,
    pub offers: Vec<String>,
    pub wants: Vec<String>,
}

/// Circle sizes, facilitator included.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CircleConfig {
    pub min_size: usize,
    pub max_size: usize,
}

impl Default for CircleConfig {
    fn default() -> Self {
        Self {
            min_size: 4,
            max_size: 8,
        }
    }
}

/// One circle; members are indices into the input slice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Circle {
    /// The normalised tag the circle is about.
    pub tag: String,
    pub facilitator: usize,
    pub learners: Vec<usize>,
}

impl Circle {
    /// Facilitator and learners.
    pub fn size(&self) -> usize {
        self.learners.len() + 1
    }
}

/// Circles formed, and members who want to learn something but found no circle.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct CirclePlan {
    pub circles: Vec<Circle>,
    pub unplaced: Vec<usize>,
}

struct Tagged {
    offers: Vec<BTreeSet<String>>,
    wants: Vec<BTreeSet<String>>,
    /// tag → (learners, facilitators)
    by_tag: BTreeMap<String, (Vec<usize>, Vec<usize>)>,
}

fn tagged(members: &[CircleMember]) -> Tagged {
    let norm = |tags: &[String]| -> BTreeSet<String> {
        tags.iter()
            .map(|t| normalise_tag(t))
            .filter(|t| !t.is_empty())
            .collect()
    };
    let offers: Vec<BTreeSet<String>> = members.iter().map(|m| norm(&m.offers)).collect();
    let wants: Vec<BTreeSet<String>> = members.iter().map(|m| norm(&m.wants)).collect();
    let mut by_tag: BTreeMap<String, (Vec<usize>, Vec<usize>)> = BTreeMap::new();
    for (i, tags) in wants.iter().enumerate() {
        for tag in tags {
            by_tag.entry(tag.clone()).or_default().0.push(i);
        }
    }
    for (i, tags) in offers.iter().enumerate() {
        for tag in tags {
            if let Some(entry) = by_tag.get_mut(tag) {
                entry.1.push(i);
            }
        }
    }
    Tagged {
        offers,
        wants,
        by_tag,
    }
}

/// Forms circles. Sizes (facilitator included) lie in `min_size..=max_size`.
pub fn form_circles(members: &[CircleMember], config: &CircleConfig) -> CirclePlan {
    let min_learners = config.min_size.max(2) - 1;
    let max_learners = config.max_size.max(config.min_size.max(2)) - 1;
    let data = tagged(members);
    let mut placed = vec![false; members.len()];
    let mut circles: Vec<Circle> = Vec::new();

    loop {
        // The tag that places the most learners now.
        let mut best: Option<(usize, &String)> = None;
        for (tag, (learners, facilitators)) in &data.by_tag {
            let free_facilitators = facilitators.iter().filter(|&&f| !placed[f]).count();
            let free_learners = learners.iter().filter(|&&l| !placed[l]).count();
            let learners_if_one_facilitates = free_learners.saturating_sub(1);
            if free_facilitators == 0 || learners_if_one_facilitates < min_learners {
                continue;
            }
            let placeable = free_learners.min(free_facilitators * max_learners);
            if best.is_none_or(|(b, _)| placeable > b) {
                best = Some((placeable, tag));
            }
        }
        let Some((_, tag)) = best else { break };
        let tag = tag.clone();
        let (learners, facilitators) = &data.by_tag[&tag];
        let formed = circles_for_tag(
            &tag,
            learners,
            facilitators,
            &data,
            members,
            &placed,
            (min_learners, max_learners),
        );
        if formed.is_empty() {
            break;
        }
        for circle in &formed {
            placed[circle.facilitator] = true;
            for &l in &circle.learners {
                placed[l] = true;
            }
        }
        circles.extend(formed);
    }

    // Late joiners: a waiting learner joins a circle on a tag they want, if it has room.
    for (member, wants) in data.wants.iter().enumerate() {
        if placed[member] || wants.is_empty() {
            continue;
        }
        let room = circles
            .iter_mut()
            .filter(|c| c.learners.len() < max_learners && wants.contains(&c.tag))
            .min_by_key(|c| c.learners.len());
        if let Some(circle) = room {
            circle.learners.push(member);
            placed[member] = true;
        }
    }

    let unplaced = (0..members.len())
        .filter(|&m| !placed[m] && !data.wants[m].is_empty())
        .collect();
    CirclePlan { circles, unplaced }
}

fn circles_for_tag(
    tag: &str,
    learners: &[usize],
    facilitators: &[usize],
    data: &Tagged,
    members: &[CircleMember],
    placed: &[bool],
    (min_learners, max_learners): (usize, usize),
) -> Vec<Circle> {
    let mut free_facilitators: Vec<usize> = facilitators
        .iter()
        .copied()
        .filter(|&f| !placed[f])
        .collect();
    // Facilitators who themselves want the least are used first; then those offering most.
    free_facilitators.sort_by_key(|&f| (data.wants[f].len(), usize::MAX - data.offers[f].len(), f));
    let free_learners: Vec<usize> = learners.iter().copied().filter(|&l| !placed[l]).collect();

    // Choose the number of circles c: each needs a facilitator not counted among its learners.
    let mut best_count = 0;
    for c in (1..=free_facilitators.len()).rev() {
        let chosen: BTreeSet<usize> = free_facilitators[..c].iter().copied().collect();
        let available = free_learners.iter().filter(|l| !chosen.contains(l)).count();
        if available >= c * min_learners {
            // Not more circles than needed to seat everybody at the largest size.
            best_count = c.min(available.div_ceil(max_learners)).max(1);
            break;
        }
    }
    if best_count == 0 {
        return Vec::new();
    }
    let chosen: Vec<usize> = free_facilitators[..best_count].to_vec();
    let mut seats: Vec<usize> = free_learners
        .into_iter()
        .filter(|l| !chosen.contains(l))
        .collect();
    // Learners with the fewest other wishes first; keep as many as fit.
    seats.sort_by_key(|&l| (data.wants[l].len(), l));
    seats.truncate(best_count * max_learners);
    // Mix teams: order by team, then deal round-robin.
    seats.sort_by(|&a, &b| members[a].team.cmp(&members[b].team).then(a.cmp(&b)));
    let mut circles: Vec<Circle> = chosen
        .into_iter()
        .map(|facilitator| Circle {
            tag: tag.to_string(),
            facilitator,
            learners: Vec::new(),
        })
        .collect();
    for (i, learner) in seats.into_iter().enumerate() {
        circles[i % best_count].learners.push(learner);
    }
    circles
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(id: &str, team: &str, offers: &[&str], wants: &[&str]) -> CircleMember {
        CircleMember {
            id: id.into(),
            team: team.into(),
            offers: offers.iter().map(|s| s.to_string()).collect(),
            wants: wants.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn forms_a_circle_around_a_wanted_tag_with_a_facilitator() {
        let mut people = vec![member("ana", "a", &["Kubernetes"], &[])];
        for i in 0..5 {
            people.push(member(&format!("l{i}"), "b", &[], &["kubernetes"]));
        }
        let plan = form_circles(&people, &CircleConfig::default());
        assert_eq!(plan.circles.len(), 1);
        let circle = &plan.circles[0];
        assert_eq!(circle.tag, "kubernetes");
        assert_eq!(circle.facilitator, 0);
        assert_eq!(circle.learners.len(), 5);
        assert!(plan.unplaced.is_empty());
    }

    #[test]
    fn too_few_learners_form_no_circle() {
        let people = vec![
            member("f", "a", &["go"], &[]),
            member("x", "a", &[], &["go"]),
            member("y", "a", &[], &["go"]),
        ];
        let plan = form_circles(&people, &CircleConfig::default());
        assert!(plan.circles.is_empty());
        assert_eq!(plan.unplaced, vec![1, 2]);
    }

    #[test]
    fn large_demand_is_split_into_several_circles_within_bounds() {
        let mut people = vec![
            member("f1", "a", &["sql"], &[]),
            member("f2", "b", &["sql"], &[]),
        ];
        for i in 0..13 {
            people.push(member(
                &format!("l{i}"),
                &format!("t{}", i % 3),
                &[],
                &["sql"],
            ));
        }
        let plan = form_circles(&people, &CircleConfig::default());
        assert_eq!(plan.circles.len(), 2);
        assert!(plan.circles.iter().all(|c| (4..=8).contains(&c.size())));
        assert!(plan.unplaced.is_empty());
    }
}
