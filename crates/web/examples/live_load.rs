//! Live updates under load: one server process holds IDLE open live streams (`GET /live`, one
//! per signed-in member, opened by a separate client process so that the server's memory is
//! measured alone) plus one stream per learner (each learner has one request), while
//! CONCURRENCY clients accept every request as fast as they can. Prints the server's memory with and without the streams, bookings per
//! second, and for every booking the time from its `201` answer (sent after its commit) to
//! the `request_accepted` event arriving on the learner's stream: p50, p99 and the worst.
//!
//! ```text
//! cargo run --release -p peerlearn-web --example live_load -- [--hosts 56] [--idle 8992] [--concurrency 64] [--database-url URL] [--two-servers]
//! ```
//! 56 hosts give 1,008 bookings and learners; 8,992 idle streams and the learners' make 10,000.
//!
//! With `--two-servers` (PostgreSQL), a second server with its own store, pools, notification
//! worker and `LISTEN` connection serves the streams while the first takes the bookings, so
//! every event crosses from one server to the other through the database (both run in this
//! process; the memory figures then cover both).

use std::collections::HashMap;
use std::io::{BufRead, Write};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::Utc;
use peerlearn_domain::{DisplayName, Email};
use peerlearn_store::Store;
use peerlearn_web::{AppState, Config};
use tokio::sync::mpsc;

#[path = "support/seed.rs"]
mod seed;
use seed::{SLOTS, Seeded, host_tokens, seed, serve};

fn arg(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

/// A line of `/proc/self/status` in MiB (`VmRSS`, `VmHWM`), where /proc tells.
fn memory(field: &str) -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn mib(v: Option<f64>) -> String {
    v.map_or_else(|| "?".into(), |v| format!("{v:.0} MiB"))
}

/// Opens a live stream with a session cookie; answers once its headers arrived.
async fn open_stream(
    client: &reqwest::Client,
    base: &str,
    secret: &str,
) -> Result<reqwest::Response, String> {
    let r = client
        .get(format!("{base}/live"))
        .header("cookie", format!("pl_session={secret}"))
        .header("accept", "text/event-stream")
        .send()
        .await
        .map_err(|e| e.to_string())?;
    if r.status().as_u16() != 200 {
        return Err(format!("live stream answered {}", r.status()));
    }
    Ok(r)
}

/// The client process: opens a stream for each session in the file, says `open N`, and reads
/// them until its standard input closes.
async fn hold_streams(base: String, file: String) -> Result<(), Box<dyn std::error::Error>> {
    let all = std::fs::read_to_string(file)?;
    let secrets: Vec<String> = all.lines().map(str::to_string).collect();
    let count = secrets.len();
    let client = reqwest::Client::builder().build()?;
    let opening = Arc::new(tokio::sync::Semaphore::new(128));
    let (ready, mut readies) = mpsc::unbounded_channel::<Result<(), String>>();
    for secret in secrets {
        let (client, base, ready, opening) =
            (client.clone(), base.clone(), ready.clone(), opening.clone());
        tokio::spawn(async move {
            let permit = opening.acquire_owned().await;
            let opened = open_stream(&client, &base, &secret).await;
            drop(permit);
            match opened {
                Ok(mut r) => {
                    let _ = ready.send(Ok(()));
                    while let Ok(Some(_)) = r.chunk().await {}
                }
                Err(e) => {
                    let _ = ready.send(Err(e));
                }
            }
        });
    }
    let (mut open, mut failed) = (0, 0);
    while open + failed < count {
        match readies.recv().await {
            Some(Ok(())) => open += 1,
            Some(Err(e)) => {
                failed += 1;
                if failed == 1 {
                    eprintln!("a stream failed: {e}");
                }
            }
            None => break,
        }
    }
    println!("open {open} failed {failed}");
    std::io::stdout().flush()?;
    // Hold until the parent closes our standard input.
    tokio::task::spawn_blocking(|| {
        let mut line = String::new();
        while std::io::stdin().lock().read_line(&mut line).unwrap_or(0) > 0 {}
    })
    .await?;
    Ok(())
}

/// Reads learner `who`'s stream: when their `request_accepted` event arrived.
fn follow(mut r: reqwest::Response, who: usize, arrivals: mpsc::UnboundedSender<(usize, Instant)>) {
    tokio::spawn(async move {
        let mut buffer = String::new();
        while let Ok(Some(chunk)) = r.chunk().await {
            let at = Instant::now();
            buffer.push_str(&String::from_utf8_lossy(&chunk));
            while let Some(end) = buffer.find("\n\n") {
                let block: String = buffer.drain(..end + 2).collect();
                let Some(data) = block.lines().find_map(|l| l.strip_prefix("data:")) else {
                    continue;
                };
                let Ok(event) = serde_json::from_str::<serde_json::Value>(data.trim()) else {
                    continue;
                };
                if event["kind"] == "request_accepted" {
                    let _ = arrivals.send((who, at));
                }
            }
        }
    });
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    if let (Some(base), Some(file)) = (arg("--client-of"), arg("--sessions")) {
        return hold_streams(base, file).await;
    }
    let hosts: usize = arg("--hosts").map_or(56, |v| v.parse().expect("--hosts"));
    let idle: usize = arg("--idle").map_or(10_000 - hosts * SLOTS, |v| v.parse().expect("--idle"));
    let concurrency: usize = arg("--concurrency").map_or(64, |v| v.parse().expect("--concurrency"));
    let dir = tempfile::tempdir()?;
    let url = arg("--database-url")
        .unwrap_or_else(|| format!("sqlite://{}?mode=rwc", dir.path().join("live.db").display()));
    let store = Store::connect(&url, 16).await?;
    store.migrate().await?;
    let Seeded {
        community,
        users,
        accepts,
        ..
    } = seed(&store, hosts, true).await?;
    let mut config = Config::default();
    config.connections.max_connections = idle + hosts * SLOTS + concurrency + 64;
    let state = AppState::new(store.clone(), config);

    eprintln!("signing in {idle} more members (their pages hold the idle streams)…");
    let now = Utc::now();
    let mut idle_sessions = String::new();
    for i in 0..idle {
        let email = Email::parse(&format!("idle{i}@example.org")).expect("email");
        let name = DisplayName::parse(&format!("Attendee {i}")).expect("name");
        let user = store.create_user(&email, &name, "unused", now).await?;
        store.join_community(community, user.id, now).await?;
        let secret = peerlearn_web::issue_session(&state, &user)
            .await
            .map_err(|e| e.detail())?;
        idle_sessions.push_str(&secret);
        idle_sessions.push('\n');
    }
    let sessions_file = dir.path().join("sessions.txt");
    std::fs::write(&sessions_file, idle_sessions)?;
    let tokens = host_tokens(&state, &users, hosts).await?;
    let mut learner_sessions = Vec::new();
    for u in &users[hosts..] {
        learner_sessions.push(
            peerlearn_web::issue_session(&state, u)
                .await
                .map_err(|e| e.detail())?,
        );
    }
    let base = serve(&state).await?;
    // Where the streams are opened: the same server, or a second one on the same database.
    let stream_base = if std::env::args().any(|a| a == "--two-servers") {
        let other = Store::connect(&url, 16).await?;
        let mut config = Config::default();
        config.connections.max_connections = idle + hosts * SLOTS + 64;
        let second = serve(&AppState::new(other, config)).await?;
        eprintln!("bookings go to {base}, streams to a second server at {second}");
        second
    } else {
        base.clone()
    };
    let rss_before = memory("VmRSS:");

    eprintln!("opening {idle} idle streams from a client process…");
    let opened_at = Instant::now();
    let mut child = Command::new(std::env::current_exe()?)
        .args(["--client-of", &stream_base, "--sessions"])
        .arg(&sessions_file)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()?;
    let mut said = String::new();
    std::io::BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut said)?;
    eprintln!(
        "client: {} in {:.1} s",
        said.trim(),
        opened_at.elapsed().as_secs_f64()
    );

    let client = reqwest::Client::new();
    let (arrived, mut arrivals) = mpsc::unbounded_channel();
    for (i, secret) in learner_sessions.iter().enumerate() {
        follow(
            open_stream(&client, &stream_base, secret).await?,
            hosts + i,
            arrived.clone(),
        );
    }
    drop(arrived);
    let rss_streams = memory("VmRSS:");

    let queue = Arc::new(tokio::sync::Mutex::new(accepts));
    let tokens = Arc::new(tokens);
    // Each learner's booking: when its answer was read.
    let answered: Arc<std::sync::Mutex<HashMap<usize, Instant>>> = Arc::default();
    let started = Instant::now();
    let mut workers = Vec::new();
    for _ in 0..concurrency {
        let (queue, tokens, client, base, answered) = (
            queue.clone(),
            tokens.clone(),
            client.clone(),
            base.clone(),
            answered.clone(),
        );
        workers.push(tokio::spawn(async move {
            let mut failed = 0u64;
            loop {
                let Some((h, learner, rid, start)) = queue.lock().await.pop() else {
                    break;
                };
                let res = client
                    .post(format!("{base}/api/v1/requests/{rid}/accept"))
                    .bearer_auth(&tokens[h])
                    .json(&serde_json::json!({ "start": start.to_rfc3339() }))
                    .send()
                    .await;
                let at = Instant::now();
                match res {
                    Ok(r) if r.status().as_u16() == 201 => {
                        answered.lock().expect("lock").insert(learner, at);
                    }
                    _ => failed += 1,
                }
            }
            failed
        }));
    }
    let mut failed = 0;
    for w in workers {
        failed += w.await?;
    }
    let seconds = started.elapsed().as_secs_f64();
    let booked = answered.lock().expect("lock").len();
    // Every booking's event, or 30 s after the last booking. An event may come in before
    // its booking's answer was read: it counts as no wait.
    let mut came: HashMap<usize, Instant> = HashMap::with_capacity(booked);
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    while came.len() < booked {
        match tokio::time::timeout_at(deadline, arrivals.recv()).await {
            Ok(Some((learner, at))) => {
                came.entry(learner).or_insert(at);
            }
            _ => break,
        }
    }
    let latencies: Vec<Duration> = {
        let answered = answered.lock().expect("lock");
        came.iter()
            .filter_map(|(m, at)| answered.get(m).map(|a| at.saturating_duration_since(*a)))
            .collect()
    };
    let rss_after = memory("VmRSS:");
    let peak = memory("VmHWM:");
    drop(child.stdin.take());
    let _ = child.wait();

    let mut ms: Vec<f64> = latencies.iter().map(|d| d.as_secs_f64() * 1000.0).collect();
    ms.sort_by(f64::total_cmp);
    println!(
        "{booked} bookings confirmed ({failed} failed) in {seconds:.2} s with {concurrency} clients: {:.0} bookings/s",
        booked as f64 / seconds
    );
    println!(
        "live streams open meanwhile: {} idle + {} learners'",
        said.trim(),
        learner_sessions.len()
    );
    println!(
        "server memory (RSS): {} before the streams, {} with them, {} after the bookings, peak {}",
        mib(rss_before),
        mib(rss_streams),
        mib(rss_after),
        mib(peak)
    );
    println!(
        "events received: {} of {booked} ({} missing)",
        ms.len(),
        booked - ms.len()
    );
    println!(
        "booking answered → event on the learner's stream: p50 {:.1} ms, p90 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        percentile(&ms, 50.0),
        percentile(&ms, 90.0),
        percentile(&ms, 99.0),
        ms.last().copied().unwrap_or(f64::NAN)
    );
    Ok(())
}
