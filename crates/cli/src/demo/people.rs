//! Made-up but realistic people for the demo: names, teams, occupations, interests and
//! availability. Deterministic for a seed.

use chrono::{Duration, NaiveDate};
use peerlearn_domain::CommunityCalendar;
use rand::Rng;
use rand::rngs::StdRng;
use rand::seq::{IndexedRandom, SliceRandom};

use super::vocabulary::Vocabulary;

/// A team and the occupation groups (O*NET SOC prefixes) its people come from.
pub const TEAMS: &[(&str, &[&str])] = &[
    ("Platform", &["15-1244", "15-1241", "15-1252"]),
    ("Data", &["15-2051", "15-2041", "15-1243", "15-2031"]),
    ("Web", &["15-1254", "15-1255", "15-1252"]),
    ("Mobile", &["15-1252", "15-1253"]),
    ("Security", &["15-1212", "15-1299"]),
    ("Design", &["27-1024", "27-1021", "27-1014"]),
    ("Product", &["11-2021", "11-3021", "13-1111"]),
    ("Research", &["19-", "15-2011"]),
    ("Finance", &["13-2011", "13-2051", "13-2099", "11-3031"]),
    ("People", &["11-3121", "13-1071", "13-1151"]),
    ("Sales", &["41-", "11-2022"]),
    ("Operations", &["11-1021", "43-", "13-1081", "17-"]),
];

const FIRST: &[&str] = &[
    "Ana",
    "Bruno",
    "Chen",
    "Dara",
    "Emeka",
    "Fatima",
    "Gustavo",
    "Hana",
    "Ines",
    "Jonas",
    "Kwame",
    "Leila",
    "Mateo",
    "Nadia",
    "Oskar",
    "Priya",
    "Quentin",
    "Rosa",
    "Sven",
    "Tomoko",
    "Uma",
    "Viktor",
    "Wen",
    "Ximena",
    "Yusuf",
    "Zeynep",
    "Aiko",
    "Benedikt",
    "Camila",
    "Dmitri",
    "Elif",
    "Farid",
    "Grace",
    "Hugo",
    "Isabel",
    "Jamal",
    "Keiko",
    "Lucas",
    "Maya",
    "Nikolai",
    "Olga",
    "Pedro",
    "Rania",
    "Samir",
    "Tariq",
    "Valentina",
    "Wanjiru",
    "Yara",
    "Zoltan",
    "Amara",
];

const LAST: &[&str] = &[
    "Lima",
    "Okafor",
    "Schmidt",
    "Nakamura",
    "García",
    "Haddad",
    "Kowalski",
    "Silva",
    "Novak",
    "Mensah",
    "Rossi",
    "Kim",
    "Dubois",
    "Patel",
    "Andersen",
    "Costa",
    "Yilmaz",
    "Ivanova",
    "Fernández",
    "Osei",
    "Tanaka",
    "Moreau",
    "Singh",
    "Hansen",
    "Petrov",
    "Ndlovu",
    "Bianchi",
    "Larsen",
    "Chowdhury",
    "Almeida",
    "Müller",
    "Sato",
    "Cohen",
    "Eriksson",
    "Popescu",
];

const LANGUAGES: &[&str] = &[
    "Português",
    "Español",
    "Deutsch",
    "Français",
    "Italiano",
    "日本語",
];

/// One demo person.
pub struct Person {
    pub name: String,
    pub email: String,
    pub team: &'static str,
    pub headline: String,
    pub bio: String,
    pub languages: Vec<String>,
    pub offers: Vec<String>,
    pub wants: Vec<String>,
    /// Availability windows as (day, start minute, end minute) in local time.
    pub windows: Vec<(NaiveDate, u32, u32)>,
}

pub fn generate(
    count: usize,
    vocabulary: &Vocabulary,
    calendar: &CommunityCalendar,
    today: NaiveDate,
    rng: &mut StdRng,
) -> Vec<Person> {
    // What people want to learn leans towards skills common in the teams' occupations.
    let mut counts: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for (_, prefixes) in TEAMS {
        for code in vocabulary.occupations_in(prefixes) {
            for skill in vocabulary.occupations.get(code).into_iter().flatten() {
                *counts.entry(skill.as_str()).or_default() += 1;
            }
        }
    }
    let mut ranked: Vec<(&str, usize)> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    let popular: Vec<&str> = ranked.iter().take(200).map(|(s, _)| *s).collect();
    let days = calendar.days(today);
    let (open, close) = (
        calendar.hours.start_minutes() as u32,
        calendar.hours.end_minutes() as u32,
    );
    (0..count)
        .map(|i| {
            let (team, prefixes) = TEAMS[i % TEAMS.len()];
            let occupations = vocabulary.occupations_in(prefixes);
            let pool: Vec<&str> = occupations
                .choose(rng)
                .and_then(|code| vocabulary.occupations.get(*code))
                .map(|skills| skills.iter().map(String::as_str).collect())
                .unwrap_or_else(|| popular.clone());
            let how_many = rng.random_range(3..=5);
            let mut offers: Vec<String> = pool
                .choose_multiple(rng, how_many)
                .map(|s| s.to_string())
                .collect();
            offers.sort();
            let mut wants: Vec<String> = Vec::new();
            let want_count = rng.random_range(2..=4);
            while wants.len() < want_count {
                // Interests lean towards popular skills: pick from the head more often.
                let idx = (rng.random::<f64>().powi(2) * popular.len() as f64) as usize;
                let skill = popular[idx.min(popular.len() - 1)].to_string();
                if !offers.contains(&skill) && !wants.contains(&skill) {
                    wants.push(skill);
                }
            }
            let first = FIRST[i % FIRST.len()];
            let last = LAST[(i / FIRST.len() + i * 7) % LAST.len()];
            let mut languages = vec!["English".to_string()];
            if rng.random_bool(0.35) {
                languages.push(LANGUAGES.choose(rng).unwrap_or(&"Español").to_string());
            }
            let windows = days
                .iter()
                .flat_map(|day| {
                    let mut slots: Vec<u32> = (open / 30..close / 30).map(|s| s * 30).collect();
                    slots.shuffle(rng);
                    let n = rng.random_range(1..=3);
                    slots
                        .into_iter()
                        .take(n)
                        .map(|start| {
                            let len = 30 * rng.random_range(2..=5);
                            (*day, start, (start + len).min(close))
                        })
                        .filter(|(_, s, e)| e > s)
                        .collect::<Vec<_>>()
                })
                .collect();
            Person {
                email: format!(
                    "{}.{}{}@demo.peerlearn.dev",
                    ascii(first),
                    ascii(last),
                    i
                ),
                name: format!("{first} {last}"),
                team,
                headline: format!("{team} team · {} and {}", offers[0], offers[offers.len() - 1]),
                bio: format!(
                    "I work on the {team} team. Happy to walk you through {}; I would love to learn {}.",
                    offers.join(", "),
                    wants.join(" or ")
                ),
                languages,
                offers,
                wants,
                windows,
            }
        })
        .collect()
}

/// Lower-case ASCII letters of a name, for email addresses.
fn ascii(name: &str) -> String {
    name.chars()
        .filter_map(|c| match c {
            'á' | 'à' | 'ã' | 'â' => Some('a'),
            'é' | 'è' | 'ê' => Some('e'),
            'í' => Some('i'),
            'ó' | 'ô' | 'õ' => Some('o'),
            'ú' | 'ü' => Some('u'),
            'ç' => Some('c'),
            'ñ' => Some('n'),
            c if c.is_ascii_alphabetic() => Some(c.to_ascii_lowercase()),
            _ => None,
        })
        .collect()
}

/// The local-time window as a UTC range on the community's calendar.
pub fn window_range(
    calendar: &CommunityCalendar,
    (day, start, end): (NaiveDate, u32, u32),
) -> Option<peerlearn_domain::TimeRange> {
    let hours = calendar.hours_on(day)?;
    let base = hours.start() - Duration::minutes(calendar.hours.start_minutes());
    peerlearn_domain::TimeRange::new(
        base + Duration::minutes(i64::from(start)),
        base + Duration::minutes(i64::from(end)),
    )
    .ok()
}
