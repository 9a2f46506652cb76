//! The server on the open internet: a thousand idle sockets neither exhaust it nor stop it
//! answering; beyond the connection cap a connection is answered 503 at once; a connection
//! that sends nothing, idles after a request or trickles its headers is closed. Every wait
//! is for the event itself, bounded.

use std::time::{Duration, Instant};

use crate::common::spawn_server;
use peerlearn_testkit::TestDb;
use peerlearn_web::{Config, ConnectionLimits};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const BOUND: Duration = Duration::from_secs(20);

fn config(max_connections: usize, header_timeout: Duration, idle_timeout: Duration) -> Config {
    Config {
        connections: ConnectionLimits {
            max_connections,
            header_timeout,
            idle_timeout,
        },
        ..Config::default()
    }
}

fn address(base: &str) -> String {
    base.trim_start_matches("http://").to_string()
}

/// Everything the server sends until it closes the connection (bounded).
async fn until_closed(mut socket: TcpStream) -> Vec<u8> {
    let mut seen = Vec::new();
    tokio::time::timeout(BOUND, socket.read_to_end(&mut seen))
        .await
        .expect("the server closes the connection in time")
        .expect("a clean close");
    seen
}

#[tokio::test]
async fn idle_sockets_are_capped_and_closed_and_others_are_still_answered() {
    let db = TestDb::sqlite().await;
    let cap = 100;
    let server = spawn_server(
        db.store(),
        config(cap, Duration::from_secs(2), Duration::from_secs(30)),
    )
    .await;
    let addr = address(&server.base);
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        .build()
        .expect("a client");

    // Below the cap, idle sockets change nothing for others.
    let opened = Instant::now();
    let mut idle = Vec::new();
    for _ in 0..cap / 2 {
        idle.push(TcpStream::connect(&addr).await.expect("a connection"));
    }
    let health = client.get(format!("{}/healthz", server.base)).send().await;
    assert_eq!(health.expect("an answer").status().as_u16(), 200);

    // A thousand: those beyond the cap are answered 503 and closed at once.
    for _ in 0..1000 - cap / 2 {
        idle.push(TcpStream::connect(&addr).await.expect("a connection"));
    }
    let mut closing = tokio::task::JoinSet::new();
    for socket in idle {
        closing.spawn(until_closed(socket));
    }
    let endings: Vec<Vec<u8>> = closing.join_all().await;
    let refused = endings
        .iter()
        .filter(|e| e.starts_with(b"HTTP/1.1 503"))
        .count();
    let silent = endings.iter().filter(|e| e.is_empty()).count();
    assert_eq!(refused + silent, 1000, "each socket was refused or closed");
    assert!(refused >= 1000 - cap - 50, "{refused} refused");
    assert!(silent >= cap / 2, "{silent} closed for their silence");
    assert!(
        opened.elapsed() >= Duration::from_millis(1900),
        "silent sockets are closed after the header timeout, not before"
    );

    // Once they are closed, everyone is answered again.
    let health = client.get(format!("{}/healthz", server.base)).send().await;
    assert_eq!(health.expect("an answer").status().as_u16(), 200);
    server.shutdown().await;
}

#[tokio::test]
async fn idle_keep_alive_and_trickled_headers_are_closed() {
    let db = TestDb::sqlite().await;
    let idle_timeout = Duration::from_millis(500);
    let server = spawn_server(db.store(), config(16, Duration::from_secs(5), idle_timeout)).await;
    let addr = address(&server.base);

    // A request answered on a keep-alive connection, then silence: closed after the timeout.
    let mut socket = TcpStream::connect(&addr).await.expect("a connection");
    socket
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: test\r\n\r\n")
        .await
        .expect("sent");
    let mut answer = Vec::new();
    let mut buf = [0u8; 4096];
    while !answer.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = tokio::time::timeout(BOUND, socket.read(&mut buf))
            .await
            .expect("an answer in time")
            .expect("read");
        assert!(n > 0, "the answer came before the connection closed");
        answer.extend_from_slice(&buf[..n]);
    }
    let head = String::from_utf8_lossy(&answer).to_lowercase();
    assert!(head.starts_with("http/1.1 200"), "{head}");
    assert!(!head.contains("connection: close"), "{head}");
    let idle_since = Instant::now();
    let rest = until_closed(socket).await;
    assert!(
        idle_since.elapsed() >= idle_timeout - Duration::from_millis(100),
        "kept open while idle"
    );
    assert!(
        !String::from_utf8_lossy(&rest).contains("HTTP/1.1"),
        "{rest:?}"
    );

    // Headers sent a little at a time and never finished: closed without an answer.
    let mut slow = TcpStream::connect(&addr).await.expect("a connection");
    slow.write_all(b"GET /healthz HTTP/1.1\r\nHost: te")
        .await
        .expect("sent");
    let rest = until_closed(slow).await;
    assert!(
        !String::from_utf8_lossy(&rest).starts_with("HTTP/1.1 200"),
        "{rest:?}"
    );
    server.shutdown().await;
}
