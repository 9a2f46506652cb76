//! The break rush: CLIENTS tasks over real sockets, each picking a signed-in member and a kind
//! of request by the mix's weights until the time is up, recording every latency.

use std::sync::Arc;
use std::time::{Duration, Instant};

use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use tokio::sync::Mutex;

use crate::plan::{Ask, Plan, Waiting};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    Home,
    Market,
    Topic,
    Meetings,
    Inbox,
    Directory,
    Request,
    Accept,
    Hello,
}

/// The mix, in percent.
pub const MIX: [(Kind, u32); 8] = [
    (Kind::Home, 30),
    (Kind::Market, 25),
    (Kind::Topic, 15),
    (Kind::Meetings, 10),
    (Kind::Inbox, 10),
    (Kind::Directory, 5),
    (Kind::Request, 4),
    (Kind::Accept, 1),
];

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Home => "community home /c/1",
            Kind::Market => "market and search /c/1/topics",
            Kind::Topic => "topic page /c/1/topics/{id}",
            Kind::Meetings => "my meetings /c/1/meetings",
            Kind::Inbox => "inbox /c/1/inbox",
            Kind::Directory => "directory /c/1/members",
            Kind::Request => "request a meeting (API, writes)",
            Kind::Accept => "accept a request (API, writes)",
            Kind::Hello => "axum hello-world",
        }
    }
}

/// What one kind did: latencies in microseconds, refusals (4xx a person could also get, e.g.
/// the other side just got booked), errors (5xx, unexpected status, transport), skips (nothing
/// left to accept).
#[derive(Default, Clone)]
pub struct Tally {
    pub micros: Vec<u32>,
    pub refused: u64,
    pub errors: u64,
    pub skipped: u64,
    pub first_error: Option<String>,
}

impl Tally {
    fn merge(&mut self, other: Tally) {
        self.micros.extend(other.micros);
        self.refused += other.refused;
        self.errors += other.errors;
        self.skipped += other.skipped;
        if self.first_error.is_none() {
            self.first_error = other.first_error;
        }
    }
}

struct Shared {
    plan: Plan,
    base: String,
    /// Requests waiting for a signed-in member; requests made during the run join it.
    waiting: Mutex<Vec<Waiting>>,
    /// Each session's remaining asks.
    asks: Vec<Mutex<Vec<Ask>>>,
}

fn pick(rng: &mut StdRng) -> Kind {
    let mut roll = rng.random_range(0..100);
    for (kind, weight) in MIX {
        if roll < weight {
            return kind;
        }
        roll -= weight;
    }
    Kind::Home
}

/// Runs the mix against `base` for `seconds` with `clients` tasks; returns each kind's tally
/// and the wall-clock time.
pub async fn rush(
    plan: Plan,
    base: String,
    clients: usize,
    seconds: f64,
) -> (Vec<(Kind, Tally)>, f64) {
    let asks = plan
        .sessions
        .iter()
        .map(|s| Mutex::new(s.asks.clone()))
        .collect();
    let shared = Arc::new(Shared {
        waiting: Mutex::new(plan.waiting.clone()),
        plan,
        base,
        asks,
    });
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(clients)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let started = Instant::now();
    let until = started + Duration::from_secs_f64(seconds);
    let mut tasks = Vec::new();
    for c in 0..clients {
        let (shared, client) = (shared.clone(), client.clone());
        tasks.push(tokio::spawn(async move {
            let mut rng = StdRng::seed_from_u64(1000 + c as u64);
            let mut tallies: Vec<(Kind, Tally)> =
                MIX.iter().map(|(k, _)| (*k, Tally::default())).collect();
            while Instant::now() < until {
                let kind = pick(&mut rng);
                let tally = &mut tallies
                    .iter_mut()
                    .find(|(k, _)| *k == kind)
                    .expect("kind")
                    .1;
                one(&shared, &client, kind, &mut rng, tally).await;
            }
            tallies
        }));
    }
    let mut total: Vec<(Kind, Tally)> = MIX.iter().map(|(k, _)| (*k, Tally::default())).collect();
    for t in tasks {
        for (kind, tally) in t.await.expect("client task") {
            total
                .iter_mut()
                .find(|(k, _)| *k == kind)
                .expect("kind")
                .1
                .merge(tally);
        }
    }
    (total, started.elapsed().as_secs_f64())
}

async fn one(
    shared: &Shared,
    client: &reqwest::Client,
    kind: Kind,
    rng: &mut StdRng,
    tally: &mut Tally,
) {
    let plan = &shared.plan;
    let c = plan.community.0;
    let base = &shared.base;
    let mut who = rng.random_range(0..plan.sessions.len());
    let (url, body) = match kind {
        Kind::Home => (format!("{base}/c/{c}"), None),
        Kind::Market => match plan.words.choose(rng) {
            Some(w) if rng.random_bool(0.5) => (format!("{base}/c/{c}/topics?q={w}"), None),
            _ => (format!("{base}/c/{c}/topics"), None),
        },
        Kind::Topic => {
            let t = plan.topics.choose(rng).map_or(1, |t| t.0);
            (format!("{base}/c/{c}/topics/{t}"), None)
        }
        Kind::Meetings => (format!("{base}/c/{c}/meetings"), None),
        Kind::Inbox => (format!("{base}/c/{c}/inbox"), None),
        Kind::Directory => (format!("{base}/c/{c}/members"), None),
        Kind::Request => {
            // This member's next planned ask, or another member's if theirs are used up.
            let mut ask = None;
            for i in 0..plan.sessions.len() {
                let s = (who + i) % plan.sessions.len();
                if let Some(a) = shared.asks[s].lock().await.pop() {
                    who = s;
                    ask = Some(a);
                    break;
                }
            }
            let Some((topic, start)) = ask else {
                tally.skipped += 1;
                return;
            };
            let body = serde_json::json!({ "proposed_times": [start.to_rfc3339()] });
            (
                format!("{base}/api/v1/topics/{}/requests", topic.0),
                Some(body),
            )
        }
        Kind::Accept => {
            let next = {
                let mut waiting = shared.waiting.lock().await;
                let n = waiting.len();
                (n > 0).then(|| waiting.swap_remove(rng.random_range(0..n)))
            };
            let Some((decider, request, start)) = next else {
                tally.skipped += 1;
                return;
            };
            who = decider;
            let body = serde_json::json!({ "start": start.to_rfc3339() });
            (
                format!("{base}/api/v1/requests/{request}/accept"),
                Some(body),
            )
        }
        Kind::Hello => (format!("{base}/"), None),
    };
    let session = &plan.sessions[who];
    let request = match &body {
        Some(b) => client
            .post(&url)
            .json(b)
            .header("x-csrf-token", &session.csrf),
        None => client.get(&url),
    };
    let started = Instant::now();
    let reply = request.header("cookie", &session.cookie).send().await;
    let reply = match reply {
        Ok(r) => {
            let status = r.status().as_u16();
            match r.bytes().await {
                Ok(bytes) => Ok((status, bytes)),
                Err(e) => Err(e.to_string()),
            }
        }
        Err(e) => Err(e.to_string()),
    };
    tally.micros.push(started.elapsed().as_micros() as u32);
    match reply {
        Ok((200, _)) if body.is_none() => {}
        Ok((201, bytes)) if kind == Kind::Request => {
            // A request to a signed-in host can be accepted later in the run.
            let made: serde_json::Value = serde_json::from_slice(&bytes).unwrap_or_default();
            let decider = made["decider"]["id"].as_str().and_then(|d| d.parse().ok());
            let id = made["id"].as_str().and_then(|d| d.parse().ok());
            if let (Some(d), Some(id), Some(body)) = (decider, id, body) {
                let start = body["proposed_times"][0].as_str().unwrap_or_default();
                if let (Some(&s), Ok(start)) = (
                    plan.by_member.get(&peerlearn_domain::MemberId(d)),
                    chrono::DateTime::parse_from_rfc3339(start),
                ) {
                    shared
                        .waiting
                        .lock()
                        .await
                        .push((s, id, start.with_timezone(&chrono::Utc)));
                }
            }
        }
        Ok((201, _)) if kind == Kind::Accept => {}
        Ok((status, _)) if body.is_some() && (400..500).contains(&status) && status != 403 => {
            tally.refused += 1;
        }
        Ok((status, bytes)) => {
            tally.errors += 1;
            tally.first_error.get_or_insert_with(|| {
                format!(
                    "{status} from {url}: {}",
                    String::from_utf8_lossy(&bytes[..bytes.len().min(200)])
                )
            });
        }
        Err(e) => {
            tally.errors += 1;
            tally.first_error.get_or_insert(e);
        }
    }
}

/// Hello-world for scale: the same clients, the same connections, GET / for `seconds`.
pub async fn hello(base: String, clients: usize, seconds: f64) -> (Tally, f64) {
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(clients)
        .build()
        .expect("client");
    let started = Instant::now();
    let until = started + Duration::from_secs_f64(seconds);
    let mut tasks = Vec::new();
    for _ in 0..clients {
        let (client, url) = (client.clone(), format!("{base}/"));
        tasks.push(tokio::spawn(async move {
            let mut tally = Tally::default();
            while Instant::now() < until {
                let t = Instant::now();
                let ok = match client.get(&url).send().await {
                    Ok(r) => r.status().is_success() && r.bytes().await.is_ok(),
                    Err(_) => false,
                };
                tally.micros.push(t.elapsed().as_micros() as u32);
                if !ok {
                    tally.errors += 1;
                }
            }
            tally
        }));
    }
    let mut total = Tally::default();
    for t in tasks {
        total.merge(t.await.expect("hello task"));
    }
    (total, started.elapsed().as_secs_f64())
}
