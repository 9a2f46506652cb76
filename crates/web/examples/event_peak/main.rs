//! The event peak: a break at a large event, when everyone opens peerlearn at once.
//!
//! Signs in SIGNED_IN distinct members of a demo community (sessions written to the database,
//! never one member replayed), starts `peerlearn serve` on that database, and drives the break
//! rush over real sockets with CLIENTS concurrent clients: community home 30 %, market and
//! search 25 %, topic page 15 %, my meetings 10 %, inbox 10 %, directory 5 %, request a meeting
//! 4 %, accept 1 % (requests and accepts really write). Then an axum hello-world, measured the
//! same way in the same run, for scale. Prints requests/s, p50/p95/p99 per kind and overall,
//! refusals and errors, the server's CPU and peak RSS.
//!
//! ```text
//! bench/event_peak.sh --members 10000            # builds, caches the demo, runs this
//! event_peak --server target/release/peerlearn --hello target/release/examples/hello_http \
//!   --database-url sqlite:///tmp/peak.db [--signed-in 1000] [--clients 64] [--seconds 10]
//! ```

mod load;
mod plan;

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use load::{Kind, Tally};
use peerlearn_store::Store;

fn arg(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

/// (CPU seconds, peak resident memory in KiB) of a process, from /proc.
fn usage(pid: u32) -> Option<(f64, u64)> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // After the command name in parentheses, utime and stime are the 12th and 13th fields,
    // in clock ticks (100 a second on Linux).
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let hwm = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some((ticks / 100.0, hwm))
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// Starts `cmd` and waits until `url` answers.
async fn start(mut cmd: Command, url: &str) -> plan::Res<Child> {
    let child = cmd.stdin(Stdio::null()).spawn()?;
    let client = reqwest::Client::new();
    for _ in 0..600 {
        if client.get(url).send().await.is_ok() {
            return Ok(child);
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Err(format!("{url} did not answer within 30 s").into())
}

fn ms(micros: u32) -> f64 {
    f64::from(micros) / 1000.0
}

fn percentiles(micros: &mut [u32]) -> (f64, f64, f64) {
    micros.sort_unstable();
    let at = |q: f64| {
        micros
            .get(((micros.len() as f64 * q) as usize).min(micros.len().saturating_sub(1)))
            .map_or(0.0, |m| ms(*m))
    };
    (at(0.50), at(0.95), at(0.99))
}

fn row(name: &str, tally: &mut Tally, seconds: f64, hello: f64) {
    let n = tally.micros.len();
    let (p50, p95, p99) = percentiles(&mut tally.micros);
    let rate = n as f64 / seconds;
    let share = if hello > 0.0 {
        format!("{:.1} %", 100.0 * rate / hello)
    } else {
        "—".into()
    };
    println!(
        "| {name} | {n} | {rate:.0} | {p50:.1} | {p95:.1} | {p99:.1} | {} | {} | {share} |",
        tally.refused, tally.errors
    );
}

#[tokio::main]
async fn main() -> plan::Res<()> {
    let server = arg("--server").unwrap_or_else(|| "target/release/peerlearn".into());
    let hello_bin = arg("--hello").unwrap_or_else(|| "target/release/examples/hello_http".into());
    let url = arg("--database-url").ok_or("--database-url is required")?;
    let signed_in: usize = arg("--signed-in").map_or(Ok(1000), |v| v.parse())?;
    let clients: usize = arg("--clients").map_or(Ok(64), |v| v.parse())?;
    let seconds: f64 = arg("--seconds").map_or(Ok(10.0), |v| v.parse())?;

    let prepared = Instant::now();
    let store = Store::connect(&url, 4).await?;
    // A cached demo may predate the newest migrations; `peerlearn serve` would apply them too.
    store.migrate().await?;
    let plan = plan::prepare(&store, signed_in, 7).await?;
    drop(store);
    let asks: usize = plan.sessions.iter().map(|s| s.asks.len()).sum();
    eprintln!(
        "signed in {} distinct members; {} topics; {asks} planned requests; {} requests waiting \
         for them ({:.1} s)",
        plan.sessions.len(),
        plan.topics.len(),
        plan.waiting.len(),
        prepared.elapsed().as_secs_f64()
    );

    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let mut cmd = Command::new(&server);
    cmd.args(["serve", "--database-url", &url, "--bind", &base[7..]])
        .env(
            "PEERLEARN_LOG",
            std::env::var("PEERLEARN_LOG").unwrap_or("warn".into()),
        );
    let started = Instant::now();
    let mut child = start(cmd, &format!("{base}/healthz")).await?;
    let pid = child.id();
    let up = started.elapsed();
    // The first personal page after start, as the first member through the door sees it.
    let first = Instant::now();
    let status = reqwest::Client::new()
        .get(format!("{base}/c/{}", plan.community.0))
        .header("cookie", &plan.sessions[0].cookie)
        .send()
        .await?
        .status();
    let first = first.elapsed();
    let before = usage(pid);

    let (mut tallies, wall) = load::rush(plan, base, clients, seconds).await;
    let after = usage(pid);
    child.kill()?;
    child.wait()?;

    let hello_port = free_port();
    let mut cmd = Command::new(&hello_bin);
    cmd.arg(hello_port.to_string());
    let hello_base = format!("http://127.0.0.1:{hello_port}");
    let mut hello_child = start(cmd, &hello_base).await?;
    let (mut hello, hello_wall) = load::hello(hello_base, clients, seconds).await;
    hello_child.kill()?;
    hello_child.wait()?;
    let hello_rate = hello.micros.len() as f64 / hello_wall;

    println!(
        "server up in {:.2} s; first home page after start: {:.1} ms ({status})",
        up.as_secs_f64(),
        first.as_secs_f64() * 1000.0
    );
    println!(
        "{clients} clients, {wall:.1} s, {} cores on this machine",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    println!();
    println!(
        "| what | requests | requests/s | p50 ms | p95 ms | p99 ms | refused | errors | share of hello-world |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    let mut all = Tally::default();
    let mut skipped = Vec::new();
    let mut first_errors = Vec::new();
    for (kind, tally) in &mut tallies {
        row(kind.name(), tally, wall, hello_rate);
        all.micros.extend(&tally.micros);
        all.refused += tally.refused;
        all.errors += tally.errors;
        if tally.skipped > 0 {
            skipped.push(format!("{}: {}", kind.name(), tally.skipped));
        }
        if let Some(e) = &tally.first_error {
            first_errors.push(format!("{}: {e}", kind.name()));
        }
    }
    row("**whole mix**", &mut all, wall, hello_rate);
    row(Kind::Hello.name(), &mut hello, hello_wall, hello_rate);
    println!();
    if let (Some((cpu0, _)), Some((cpu1, hwm))) = (before, after) {
        let cpu = cpu1 - cpu0;
        println!(
            "server CPU: {cpu:.1} s in {wall:.1} s ({:.2} cores busy, {:.2} ms a request); peak RSS {:.0} MiB",
            cpu / wall,
            1000.0 * cpu / all.micros.len().max(1) as f64,
            hwm as f64 / 1024.0
        );
    }
    if !skipped.is_empty() {
        println!("skipped (nothing planned left): {}", skipped.join("; "));
    }
    for e in first_errors {
        println!("first error of {e}");
    }
    Ok(())
}
