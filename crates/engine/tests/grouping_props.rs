//! Property tests for mixer rounds and circles.

use peerlearn_engine::grouping::{
    CircleConfig, CircleMember, MixerConfig, MixerMember, form_circles, group_sizes, mixer_rounds,
};
use proptest::prelude::*;
use std::collections::HashSet;

const TAGS: [&str; 6] = ["rust", "sql", "go", "ux", "ml", "k8s"];

fn tags(mask: u8) -> Vec<String> {
    TAGS.iter()
        .enumerate()
        .filter(|(i, _)| mask & (1 << i) != 0)
        .map(|(_, t)| t.to_string())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    #[test]
    fn mixer_rounds_are_valid(
        masks in prop::collection::vec((any::<u8>(), any::<u8>()), 2..40),
        k in 2usize..6,
        rounds in 1usize..6,
        seed in any::<u64>(),
    ) {
        let members: Vec<MixerMember> = masks
            .iter()
            .enumerate()
            .map(|(i, &(o, w))| MixerMember { id: format!("m{i}"), offers: tags(o), wants: tags(w) })
            .collect();
        let n = members.len();
        let config = MixerConfig { group_size: k, rounds, seed, search_iterations: 1_000 };
        let plan = mixer_rounds(&members, &config);
        prop_assert!(plan.rounds.len() <= rounds);
        let sizes = group_sizes(n, k);
        let (lo, hi) = (sizes.iter().min().copied().unwrap_or(0), sizes.iter().max().copied().unwrap_or(0));
        prop_assert!(hi - lo <= 1);
        let mut met = HashSet::new();
        for round in &plan.rounds {
            let mut seen = vec![false; n];
            for group in &round.groups {
                prop_assert!(group.len() >= lo && group.len() <= hi, "group size {}", group.len());
                for (i, &a) in group.iter().enumerate() {
                    prop_assert!(!seen[a], "member {} twice in a round", a);
                    seen[a] = true;
                    for &b in &group[i + 1..] {
                        prop_assert!(met.insert((a.min(b), a.max(b))), "pair {},{} met twice", a, b);
                    }
                }
            }
            prop_assert!(seen.iter().all(|&s| s), "everybody is in every round");
        }
    }

    #[test]
    fn circles_are_valid(
        masks in prop::collection::vec((any::<u8>(), any::<u8>(), 0u8..3), 0..60),
        min_size in 3usize..5,
        extra in 0usize..5,
    ) {
        let members: Vec<CircleMember> = masks
            .iter()
            .enumerate()
            .map(|(i, &(o, w, team))| CircleMember {
                id: format!("m{i}"),
                team: format!("t{team}"),
                offers: tags(o),
                wants: tags(w),
            })
            .collect();
        let config = CircleConfig { min_size, max_size: min_size + extra };
        let plan = form_circles(&members, &config);
        let mut seen = HashSet::new();
        for circle in &plan.circles {
            prop_assert!(circle.size() >= config.min_size && circle.size() <= config.max_size);
            prop_assert!(members[circle.facilitator].offers.contains(&circle.tag));
            prop_assert!(seen.insert(circle.facilitator));
            for &l in &circle.learners {
                prop_assert!(members[l].wants.contains(&circle.tag));
                prop_assert!(seen.insert(l), "member {} in two circles", l);
            }
        }
        for &u in &plan.unplaced {
            prop_assert!(!seen.contains(&u));
            prop_assert!(!members[u].wants.is_empty());
        }
    }
}
