//! Questions the demo's people ask about what they want to learn, answered by people who can
//! share it, with helpful marks and some accepted answers, so the Q&A pages look lived in.

use chrono::{DateTime, Duration, Utc};
use peerlearn_domain::{BoundedText, CommunityId, MemberId, TagList};
use peerlearn_store::{NewAnswer, NewQuestion, Store};
use rand::Rng;
use rand::rngs::StdRng;
use rand::seq::{IndexedRandom, SliceRandom};

use super::people::Person;

const QUESTION_TITLES: &[&str] = &[
    "What is the best way to get started with {}?",
    "How do you use {} in your daily work?",
    "Which resources helped you most with {}?",
    "What mistakes do beginners make with {}?",
    "How long did it take you to get comfortable with {}?",
];
const QUESTION_BODIES: &[&str] = &[
    "I have read a bit about **{}** but I am not sure where to begin. Any pointers?",
    "We are starting to need {} on my team. What would you learn first, and what can wait?",
    "I tried a tutorial on {} and got stuck halfway. How did *you* learn it?",
];
const ANSWERS: &[&str] = &[
    "Start small: pick one real task and use {} for it end to end. You learn more from one finished thing than from ten tutorials.",
    "What helped me with {}:\n\n1. the official introduction,\n2. pairing with someone who uses it daily,\n3. writing down what surprised me.",
    "Honestly, book a 30-minute meeting with someone here who offers {}. Questions you did not know you had come up fast.",
    "I keep a short checklist for {} and review it before each project. Happy to share it if you ask me for a meeting.",
];

fn text(template: &str, skill: &str) -> String {
    template.replace("{}", skill)
}

/// Asks about 40 questions (the demo member asks two), answers most of them and accepts
/// some answers; returns how many questions were asked.
pub async fn post(
    store: &Store,
    community: CommunityId,
    members: &[MemberId],
    people: &[Person],
    now: DateTime<Utc>,
    rng: &mut StdRng,
) -> anyhow::Result<usize> {
    let err = |e: peerlearn_domain::Invalid| anyhow::anyhow!("{e}");
    let mut askers: Vec<usize> = vec![0, 0];
    askers.extend((0..38).map(|_| rng.random_range(2..members.len())));
    let mut asked = 0;
    for (n, &asker) in askers.iter().enumerate() {
        let Some(skill) = people[asker].wants.choose(rng).cloned() else {
            continue;
        };
        let when = now - Duration::hours(i64::try_from(askers.len() - n).unwrap_or(0) * 3);
        let body = text(QUESTION_BODIES.choose(rng).unwrap_or(&"{}"), &skill);
        let title = text(QUESTION_TITLES.choose(rng).unwrap_or(&"{}?"), &skill);
        let question = store
            .create_question(
                community,
                members[asker],
                &NewQuestion {
                    title: BoundedText::parse("title", &title, 5, 160, false).map_err(err)?,
                    body_html: peerlearn_web::markdown::to_safe_html(&body),
                    body: BoundedText::parse("body", &body, 0, 8000, true).map_err(err)?,
                    tags: TagList::parse("tags", [skill.as_str()]).map_err(err)?,
                },
                when,
            )
            .await?;
        asked += 1;
        // People who can share the skill answer; a fifth of the questions stay unanswered.
        if rng.random_bool(0.2) && n > 0 {
            continue;
        }
        let mut experts: Vec<usize> = (0..members.len())
            .filter(|&i| i != asker && people[i].offers.contains(&skill))
            .collect();
        experts.shuffle(rng);
        let mut answers = Vec::new();
        for (k, &expert) in experts.iter().take(rng.random_range(1..=3)).enumerate() {
            let body = text(ANSWERS.choose(rng).unwrap_or(&"{}"), &skill);
            let answer = store
                .create_answer(
                    &question,
                    members[expert],
                    &NewAnswer {
                        body_html: peerlearn_web::markdown::to_safe_html(&body),
                        body: BoundedText::parse("body", &body, 1, 8000, true).map_err(err)?,
                    },
                    when + Duration::minutes(20 * (k as i64 + 1)),
                )
                .await?;
            // A few thanks from others who read it.
            for _ in 0..rng.random_range(0..5) {
                let voter = members[rng.random_range(0..members.len())];
                if voter != answer.author {
                    store.set_helpful(&answer, voter, true, when).await?;
                }
            }
            answers.push(answer);
        }
        if let Some(best) = answers.first()
            && (n == 0 || rng.random_bool(0.4))
        {
            store.accept_answer(best).await?;
        }
    }
    Ok(asked)
}
