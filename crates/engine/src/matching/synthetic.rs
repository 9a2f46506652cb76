//! Synthetic communities with planted truth, built on a real skill vocabulary (the O*NET
//! "Technology Skills" table: each occupation is a realistic profile). Used by the evaluation
//! and scale examples and for demo data. The caller reads the table; this module only parses.
//!
//! What is planted: complementary pairs (each wants two tags the other offers, they share some
//! free time and host topics on those tags) among noise members whose wants follow skill
//! popularity; teams cluster around a few occupations; a Zipf-distributed few host many topics.

use rand::rngs::StdRng;
use rand::seq::{IndexedRandom, SliceRandom};
use rand::{Rng, SeedableRng};
use std::collections::HashMap;

use super::index::Index;
use super::model::{Day, Horizon, MatchConfig, Member, Topic, TopicFormat, TopicKind};

/// Skills and occupations from the O*NET table.
#[derive(Debug, Default)]
pub struct SkillTable {
    pub skills: Vec<String>,
    /// Commodity title (category) per skill.
    pub categories: Vec<String>,
    /// Occupations listing each skill.
    pub popularity: Vec<u32>,
    /// Skill ids per occupation.
    pub occupations: Vec<Vec<u32>>,
}

impl SkillTable {
    /// A made-up vocabulary (`skill0`, `skill1`, …) with Zipf-like popularity, for benchmarks
    /// and tests that run without the O*NET file.
    pub fn made_up(skills: usize, occupations: usize, seed: u64) -> Self {
        let mut rng = StdRng::seed_from_u64(seed);
        let skills = skills.max(8);
        let mut table = SkillTable {
            skills: (0..skills).map(|i| format!("skill{i}")).collect(),
            categories: (0..skills)
                .map(|i| format!("category {}", i % 40))
                .collect(),
            popularity: vec![0; skills],
            occupations: Vec::with_capacity(occupations),
        };
        for _ in 0..occupations.max(1) {
            let mut own: Vec<u32> = Vec::new();
            while own.len() < 20 {
                // Squaring a uniform draw favours low ids: a few skills are in most occupations.
                let x: f64 = rng.random_range(0.0..1.0);
                let s = ((x * x * x) * skills as f64) as u32;
                if !own.contains(&s) {
                    own.push(s);
                    table.popularity[s as usize] += 1;
                }
            }
            table.occupations.push(own);
        }
        table
    }
}

/// Parses the tab-separated table (header: code, example, commodity code, commodity title, …).
pub fn parse_onet(tsv: &str) -> SkillTable {
    let mut table = SkillTable::default();
    let mut skill_ids: HashMap<String, u32> = HashMap::new();
    let mut occupation_ids: HashMap<String, usize> = HashMap::new();
    for line in tsv.lines().skip(1) {
        let fields: Vec<&str> = line.split('\t').collect();
        if fields.len() < 4 {
            continue;
        }
        let skill = fields[1].trim();
        let id = *skill_ids.entry(skill.to_string()).or_insert_with(|| {
            table.skills.push(skill.to_string());
            table.categories.push(fields[3].trim().to_string());
            table.popularity.push(0);
            (table.skills.len() - 1) as u32
        });
        let next = occupation_ids.len();
        let occupation = *occupation_ids.entry(fields[0].to_string()).or_insert(next);
        if table.occupations.len() <= occupation {
            table.occupations.push(Vec::new());
        }
        if !table.occupations[occupation].contains(&id) {
            table.occupations[occupation].push(id);
            table.popularity[id as usize] += 1;
        }
    }
    table.occupations.retain(|o| o.len() >= 4);
    table
}

/// What to generate.
#[derive(Debug, Clone)]
pub struct CommunitySpec {
    pub members: usize,
    pub teams: usize,
    /// Topics per member on average (offers and asks).
    pub topics_per_member: f64,
    /// Share of members in planted complementary pairs.
    pub planted_share: f64,
    /// Tags each planted partner wants from the other (1 is harder to find than 2).
    pub planted_tags: usize,
    pub days: u32,
    pub slots_per_day: u32,
    pub seed: u64,
}

impl Default for CommunitySpec {
    fn default() -> Self {
        Self {
            members: 2000,
            teams: 25,
            topics_per_member: 0.8,
            planted_share: 0.1,
            planted_tags: 2,
            days: 2,
            slots_per_day: 16,
            seed: 1,
        }
    }
}

/// A generated community.
#[derive(Debug)]
pub struct SyntheticCommunity {
    pub horizon: Horizon,
    pub today: u32,
    pub members: Vec<Member>,
    pub topics: Vec<Topic>,
    /// Planted complementary pairs (member indices).
    pub planted: Vec<(usize, usize)>,
}

impl SyntheticCommunity {
    /// The recommendation index over this community.
    pub fn index(&self, config: &MatchConfig) -> Index {
        Index::build(
            self.horizon.clone(),
            self.today,
            &self.members,
            &self.topics,
            config,
        )
    }
}

const NAMES: [&str; 16] = [
    "Ana", "Bo", "Chen", "Dana", "Emeka", "Fatima", "Goran", "Hana", "Ines", "Jonas", "Kofi",
    "Lea", "Mateo", "Noor", "Olga", "Priya",
];

/// Generates a community. Deterministic for the spec.
pub fn generate(table: &SkillTable, spec: &CommunitySpec) -> SyntheticCommunity {
    let mut rng = StdRng::seed_from_u64(spec.seed);
    let horizon = Horizon {
        slot_minutes: 30,
        days: (0..spec.days)
            .map(|d| Day {
                label: ["Mon", "Tue", "Wed", "Thu", "Fri"][d as usize % 5].to_string(),
                start_slot: d * spec.slots_per_day,
                end_slot: (d + 1) * spec.slots_per_day,
                first_minute: 9 * 60,
            })
            .collect(),
    };
    let num_slots = horizon.num_slots();
    let occupations = table.occupations.len().max(1);
    let teams = spec.teams.max(1);
    let homes: Vec<Vec<usize>> = (0..teams)
        .map(|_| (0..3).map(|_| rng.random_range(0..occupations)).collect())
        .collect();
    // Popularity-weighted skill sampling: cumulative weights.
    let mut cumulative = Vec::with_capacity(table.skills.len());
    let mut acc = 0.0f64;
    for &p in &table.popularity {
        acc += f64::from(p);
        cumulative.push(acc);
    }
    let popular_skill = |rng: &mut StdRng| -> u32 {
        let x = rng.random_range(0.0..acc.max(1.0));
        cumulative
            .partition_point(|&c| c <= x)
            .min(table.skills.len() - 1) as u32
    };
    let pick = |rng: &mut StdRng, from: &[u32], n: usize, avoid: &[u32]| -> Vec<u32> {
        let mut pool: Vec<u32> = from
            .iter()
            .copied()
            .filter(|s| !avoid.contains(s))
            .collect();
        pool.shuffle(rng);
        pool.truncate(n);
        pool
    };

    let mut offers: Vec<Vec<u32>> = Vec::with_capacity(spec.members);
    let mut wants: Vec<Vec<u32>> = Vec::with_capacity(spec.members);
    let mut team_of = Vec::with_capacity(spec.members);
    let mut availability: Vec<Vec<(u32, u32)>> = Vec::with_capacity(spec.members);
    for _ in 0..spec.members {
        let team = rng.random_range(0..teams);
        let occupation = if rng.random_bool(0.8) {
            *homes[team].choose(&mut rng).unwrap_or(&0)
        } else {
            rng.random_range(0..occupations)
        };
        let own = pick(&mut rng, &table.occupations[occupation], 4, &[]);
        let neighbour = &table.occupations[rng.random_range(0..occupations)];
        let mut want = pick(&mut rng, neighbour, 2, &own);
        for _ in 0..40 {
            if want.len() >= 4 {
                break;
            }
            let s = popular_skill(&mut rng);
            if !own.contains(&s) && !want.contains(&s) {
                want.push(s);
            }
        }
        let mut blocks = Vec::new();
        for _ in 0..rng.random_range(2..=4) {
            let day = rng.random_range(0..spec.days);
            let start = day * spec.slots_per_day + rng.random_range(0..spec.slots_per_day - 2);
            let end = (start + rng.random_range(2..=6)).min((day + 1) * spec.slots_per_day);
            blocks.push((start, end.min(num_slots)));
        }
        offers.push(own);
        wants.push(want);
        team_of.push(team);
        availability.push(blocks);
    }

    // Planted complementary pairs.
    let mut order: Vec<usize> = (0..spec.members).collect();
    order.shuffle(&mut rng);
    let pair_count = ((spec.members as f64 * spec.planted_share) / 2.0) as usize;
    let mut planted = Vec::with_capacity(pair_count);
    for chunk in order.chunks(2).take(pair_count) {
        let &[a, b] = chunk else { continue };
        for (learner, teacher) in [(a, b), (b, a)] {
            let taught: Vec<u32> = offers[teacher]
                .iter()
                .copied()
                .filter(|s| !offers[learner].contains(s))
                .take(spec.planted_tags.max(1))
                .collect();
            let keep: Vec<u32> = wants[learner]
                .iter()
                .copied()
                .filter(|s| !taught.contains(s))
                .take(4usize.saturating_sub(spec.planted_tags.max(1)))
                .collect();
            wants[learner] = taught.into_iter().chain(keep).collect();
        }
        let day = rng.random_range(0..spec.days);
        let start = day * spec.slots_per_day + rng.random_range(0..spec.slots_per_day - 2);
        availability[a].push((start, start + 2));
        availability[b].push((start, start + 2));
        planted.push((a, b));
    }

    // Hosts: Zipf over a random ranking; planted members always host on what their partner wants.
    let topic_total = (spec.members as f64 * spec.topics_per_member) as usize;
    let mut ranking: Vec<usize> = (0..spec.members).collect();
    ranking.shuffle(&mut rng);
    let mut zipf_cumulative = Vec::with_capacity(spec.members);
    let mut zipf_total = 0.0f64;
    for r in 1..=spec.members {
        zipf_total += 1.0 / (r as f64).powf(0.9);
        zipf_cumulative.push(zipf_total);
    }
    let mut topics = Vec::with_capacity(topic_total + planted.len() * 2);
    let make_topic = |rng: &mut StdRng, id: usize, host: usize, tags: Vec<u32>, kind: TopicKind| {
        let names: Vec<&str> = tags
            .iter()
            .map(|&t| table.skills[t as usize].as_str())
            .collect();
        let category = &table.categories[tags[0] as usize];
        let (title, description) = match kind {
            TopicKind::Offer => (
                format!("Getting productive with {}", names[0]),
                format!(
                    "I use {} every day ({}). Happy to walk you through it.",
                    names.join(", "),
                    category.to_lowercase()
                ),
            ),
            TopicKind::Ask => (
                format!("Who can explain {}?", names[0]),
                format!(
                    "I am new to {} and want a first overview.",
                    names.join(" and ")
                ),
            ),
        };
        Topic {
            id: format!("t{id}"),
            host: format!("m{host}"),
            kind,
            tags: tags
                .iter()
                .map(|&t| table.skills[t as usize].clone())
                .collect(),
            title,
            description,
            format: if rng.random_bool(0.8) {
                TopicFormat::OneOnOne
            } else {
                TopicFormat::Group { capacity: 4 }
            },
            language: None,
            requests_left: rng.random_range(1..=4),
            availability: None,
            posted_day: rng.random_range(0..7),
        }
    };
    for &(a, b) in &planted {
        for (host, guest) in [(a, b), (b, a)] {
            let tags: Vec<u32> = offers[host]
                .iter()
                .copied()
                .filter(|s| wants[guest].contains(s))
                .collect();
            if !tags.is_empty() {
                topics.push(make_topic(
                    &mut rng,
                    topics.len(),
                    host,
                    tags,
                    TopicKind::Offer,
                ));
            }
        }
    }
    while topics.len() < topic_total {
        let x = rng.random_range(0.0..zipf_total);
        let rank = zipf_cumulative
            .partition_point(|&c| c <= x)
            .min(spec.members - 1);
        let host = ranking[rank];
        if rng.random_bool(0.85) {
            let n = rng.random_range(1..=3);
            let tags = pick(&mut rng, &offers[host], n, &[]);
            topics.push(make_topic(
                &mut rng,
                topics.len(),
                host,
                tags,
                TopicKind::Offer,
            ));
        } else {
            let tags = pick(&mut rng, &wants[host], 1, &[]);
            topics.push(make_topic(
                &mut rng,
                topics.len(),
                host,
                tags,
                TopicKind::Ask,
            ));
        }
    }

    let mut in_pair = vec![false; spec.members];
    for &(a, b) in &planted {
        in_pair[a] = true;
        in_pair[b] = true;
    }
    let members = (0..spec.members)
        .map(|i| {
            let name = |s: &[u32]| -> Vec<String> {
                s.iter()
                    .map(|&t| table.skills[t as usize].clone())
                    .collect()
            };
            // Planted partners share English so that their match is feasible.
            let languages = if rng.random_bool(0.05) && !in_pair[i] {
                vec!["de".to_string()]
            } else if rng.random_bool(0.1) {
                vec!["en".to_string(), "de".to_string()]
            } else {
                vec!["en".to_string()]
            };
            Member {
                id: format!("m{i}"),
                name: format!("{} {}", NAMES[i % NAMES.len()], i),
                team: format!("team{}", team_of[i]),
                languages,
                offers: name(&offers[i]),
                wants: name(&wants[i]),
                profile: format!(
                    "Works with {}. Curious about {}.",
                    name(&offers[i]).join(", "),
                    name(&wants[i]).join(", ")
                ),
                availability: availability[i].clone(),
                ..Member::default()
            }
        })
        .collect();
    SyntheticCommunity {
        horizon,
        today: 7,
        members,
        topics,
        planted,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str =
        "O*NET-SOC Code\tExample\tCommodity Code\tCommodity Title\tHot Technology\tIn Demand
11-1\tExcel\t1\tSpreadsheet software\tY\tN
11-1\tSQL\t2\tDatabase software\tY\tN
11-1\tPython\t3\tLanguage\tY\tN
11-1\tGit\t4\tVersion control\tY\tN
11-2\tExcel\t1\tSpreadsheet software\tY\tN
11-2\tTableau\t5\tBI\tY\tN
11-2\tR\t3\tLanguage\tY\tN
11-2\tSAS\t3\tLanguage\tY\tN
";

    #[test]
    fn parses_occupations_and_popularity() {
        let table = parse_onet(SAMPLE);
        assert_eq!(table.skills.len(), 7);
        assert_eq!(table.occupations.len(), 2);
        assert_eq!(table.popularity[0], 2);
    }

    #[test]
    fn generates_planted_pairs_that_complement_each_other() {
        let table = parse_onet(SAMPLE);
        let spec = CommunitySpec {
            members: 40,
            teams: 3,
            planted_share: 0.5,
            ..CommunitySpec::default()
        };
        let community = generate(&table, &spec);
        assert_eq!(community.members.len(), 40);
        assert_eq!(community.planted.len(), 10);
        for &(a, b) in &community.planted {
            let (a, b) = (&community.members[a], &community.members[b]);
            assert!(
                a.wants.iter().any(|w| b.offers.contains(w))
                    || b.offers.iter().all(|o| a.offers.contains(o))
            );
        }
    }
}
