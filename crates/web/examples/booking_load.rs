//! Sustained booking throughput: seeds a community where HOSTS hosts each have a pending
//! request from a different learner in every half hour of the day, then accepts them all
//! through the HTTP API with CONCURRENCY clients and prints bookings per second.
//!
//! ```text
//! cargo run --release -p peerlearn-web --example booking_load -- [--database-url URL] [--hosts 200] [--concurrency 64] [--connections 16]
//! ```
//! The default database is a fresh SQLite file in a temporary directory; a PostgreSQL URL must
//! name an empty database.

use std::sync::Arc;
use std::time::Instant;

use peerlearn_store::Store;
use peerlearn_web::{AppState, Config};

#[path = "support/seed.rs"]
mod seed;
use seed::{Seeded, host_tokens, seed, serve};

fn arg(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

/// CPU seconds this process (server and clients) has used so far, where /proc tells.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name, which is in parentheses: utime and stime are the
    // 12th and 13th of them, in clock ticks (100 a second on Linux).
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let hosts: usize = arg("--hosts").map_or(200, |v| v.parse().expect("--hosts"));
    let concurrency: usize = arg("--concurrency").map_or(64, |v| v.parse().expect("--concurrency"));
    let dir = tempfile::tempdir()?;
    let url = arg("--database-url")
        .unwrap_or_else(|| format!("sqlite://{}?mode=rwc", dir.path().join("load.db").display()));
    // The pool size `peerlearn serve` uses by default.
    let connections: u32 = arg("--connections").map_or(16, |v| v.parse().expect("--connections"));
    let store = Store::connect(&url, connections).await?;
    store.migrate().await?;
    let Seeded { users, accepts, .. } = seed(&store, hosts, false).await?;
    let state = AppState::new(store.clone(), Config::default());
    let tokens = host_tokens(&state, &users, hosts).await?;
    let base = serve(&state).await?;

    let client = reqwest::Client::new();
    let queue = Arc::new(tokio::sync::Mutex::new(accepts));
    let tokens = Arc::new(tokens);
    let started = Instant::now();
    let cpu_before = cpu_seconds();
    let mut workers = Vec::new();
    for _ in 0..concurrency {
        let (queue, tokens, client, base) =
            (queue.clone(), tokens.clone(), client.clone(), base.clone());
        workers.push(tokio::spawn(async move {
            let (mut ok, mut failed) = (0u64, 0u64);
            loop {
                let Some((h, _, rid, start)) = queue.lock().await.pop() else {
                    break;
                };
                let res = client
                    .post(format!("{base}/api/v1/requests/{rid}/accept"))
                    .bearer_auth(&tokens[h])
                    .json(&serde_json::json!({ "start": start.to_rfc3339() }))
                    .send()
                    .await;
                match res {
                    Ok(r) if r.status().as_u16() == 201 => ok += 1,
                    _ => failed += 1,
                }
            }
            (ok, failed)
        }));
    }
    let (mut ok, mut failed) = (0, 0);
    for w in workers {
        let (o, f) = w.await?;
        ok += o;
        failed += f;
    }
    let seconds = started.elapsed().as_secs_f64();
    let cpu = cpu_seconds()
        .zip(cpu_before)
        .map(|(after, before)| after - before);
    println!(
        "{ok} bookings confirmed ({failed} failed) in {seconds:.2} s with {concurrency} clients: {:.0} bookings/s",
        ok as f64 / seconds
    );
    if let Some(cpu) = cpu {
        println!(
            "CPU used meanwhile (server and clients): {cpu:.2} s, {:.2} ms a booking, {:.2} of the machine's {} cores",
            1000.0 * cpu / ok.max(1) as f64,
            cpu / seconds,
            std::thread::available_parallelism().map_or(1, |n| n.get())
        );
    }
    // The server's worker tells the other side of each booking while the load runs; what it
    // has not reached yet is delivered now.
    let behind = Instant::now();
    let left = peerlearn_web::notify::run_due(&state)
        .await
        .map_err(|e| e.to_string())?;
    println!(
        "{left} notifications were still to deliver after the last booking ({:.2} s to deliver)",
        behind.elapsed().as_secs_f64()
    );
    println!(
        "invariant violations (person, spot, group): {:?}",
        store.invariant_violations().await?
    );
    Ok(())
}
