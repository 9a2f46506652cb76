//! The demo's vocabulary: real technology skills and the occupations that list them, derived
//! from O*NET (see `data/derive_demo_vocabulary.py`).
//!
//! This product includes information from the O*NET Database by the U.S. Department of
//! Labor, Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0
//! license. O*NET® is a trademark of USDOL/ETA. The data was modified: filtered to hot and
//! in-demand skills of selected occupation groups.

use std::collections::BTreeMap;

const DATA: &str = include_str!("../../data/onet_demo.tsv");

/// Skills grouped by occupation code.
pub struct Vocabulary {
    pub occupations: BTreeMap<String, Vec<String>>,
    /// Every skill with the number of occupations listing it (for popularity).
    pub skills: Vec<(String, usize)>,
}

impl Vocabulary {
    pub fn load() -> Self {
        let mut occupations: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for line in DATA.lines().skip(1) {
            let mut cols = line.split('\t');
            let (Some(code), Some(skill)) = (cols.next(), cols.next()) else {
                continue;
            };
            let list = occupations.entry(code.to_string()).or_default();
            if !list.iter().any(|s| s == skill) {
                list.push(skill.to_string());
                *counts.entry(skill.to_string()).or_default() += 1;
            }
        }
        let mut skills: Vec<(String, usize)> = counts.into_iter().collect();
        skills.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        Self {
            occupations,
            skills,
        }
    }

    /// Occupations whose code starts with one of `prefixes` and that list at least 4 skills.
    pub fn occupations_in(&self, prefixes: &[&str]) -> Vec<&str> {
        self.occupations
            .iter()
            .filter(|(code, skills)| {
                prefixes.iter().any(|p| code.starts_with(p)) && skills.len() >= 4
            })
            .map(|(code, _)| code.as_str())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_vocabulary_is_large_and_every_skill_is_a_valid_tag() {
        let v = Vocabulary::load();
        assert!(v.skills.len() >= 150, "only {} skills", v.skills.len());
        for (skill, _) in &v.skills {
            assert!(
                peerlearn_domain::Tag::parse("t", skill).is_ok(),
                "{skill} is not a valid tag"
            );
        }
        assert!(!v.occupations_in(&["15-"]).is_empty());
    }
}
