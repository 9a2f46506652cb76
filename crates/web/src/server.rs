//! The HTTP/1.1 server loop, built to survive the open internet: a capped number of open
//! connections (beyond it a connection is answered 503 and closed at once, so the cap is
//! never a queue and the process never runs out of file descriptors), a connection that
//! sends nothing is closed after `header_timeout`, and one that does not complete a request
//! head within `idle_timeout` (idle between keep-alive requests, or a slow trickle of
//! headers) is closed too. Each request then has the router's own time limit.

use std::future::Future;
use std::net::SocketAddr;
use std::pin::pin;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::ConnectInfo;
use axum::http::Request;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Semaphore, watch};
use tower::ServiceExt;

/// How many connections the server holds open, and for how long a quiet one may stay.
#[derive(Debug, Clone)]
pub struct ConnectionLimits {
    /// Connections open at once; beyond it a new one is answered 503 and closed. Keep it
    /// well below the process's open-file limit (`ulimit -n`) minus the database pool.
    pub max_connections: usize,
    /// A new connection that sends nothing within this time is closed.
    pub header_timeout: Duration,
    /// A connection that does not complete a request head within this time (idle between
    /// keep-alive requests, or sending its headers slowly) is closed.
    pub idle_timeout: Duration,
}

impl Default for ConnectionLimits {
    fn default() -> Self {
        Self {
            // Every member with a page open holds one (live updates): an event's worth.
            max_connections: 10_000,
            header_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(60),
        }
    }
}

/// What a connection beyond the cap reads before it is closed.
const BUSY: &[u8] = b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nConnection: close\r\n\
Content-Type: text/plain; charset=utf-8\r\nContent-Length: 42\r\n\r\n\
The server is busy. Try again in a moment.";

/// Serves `router` on `listener` within `limits` until `shutdown` completes; then accepts
/// no more connections, lets each finish the request it is answering, and returns when all
/// are closed.
pub async fn run(
    listener: TcpListener,
    router: Router,
    limits: ConnectionLimits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let slots = Arc::new(Semaphore::new(connection_cap(
        limits.max_connections,
        open_file_limit(),
    )));
    let (stop_tx, stop_rx) = watch::channel(false);
    // Every connection holds a receiver; the loop waits for all of them to be dropped.
    let (open_tx, open_rx) = watch::channel(());
    let mut shutdown = pin!(shutdown);
    loop {
        let (stream, addr) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    // Out of file descriptors or a connection reset before it was accepted:
                    // keep serving the connections already open.
                    tracing::warn!(error = %e, "could not accept a connection");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let Ok(slot) = slots.clone().try_acquire_owned() else {
            refuse(&stream);
            continue;
        };
        let router = router.clone();
        let mut stop = stop_rx.clone();
        let open = open_rx.clone();
        let limits = limits.clone();
        tokio::spawn(async move {
            let _slot = slot;
            let _open = open;
            let mut first_byte = [0u8; 1];
            tokio::select! {
                first = tokio::time::timeout(limits.header_timeout, stream.peek(&mut first_byte)) => {
                    // Silent (or gone) within the time allowed: close.
                    if !matches!(first, Ok(Ok(n)) if n > 0) {
                        return;
                    }
                }
                () = stopped(&mut stop) => return,
            }
            serve_connection(stream, addr, router, &limits, stop).await;
        });
    }
    drop(listener);
    let _ = stop_tx.send(true);
    drop(open_rx);
    open_tx.closed().await;
    Ok(())
}

/// Files kept for the database pool, logs and the listener, below the open-file limit.
const RESERVED_FILES: u64 = 256;

/// Raises this process's open-file limit to the most it may have (as Go's runtime does), and
/// returns it; `None` when unlimited or unknown.
fn open_file_limit() -> Option<u64> {
    use rustix::process::{Resource, getrlimit, setrlimit};
    let mut limit = getrlimit(Resource::Nofile);
    if limit.current < limit.maximum || (limit.current.is_some() && limit.maximum.is_none()) {
        limit.current = limit.maximum;
        if let Err(e) = setrlimit(Resource::Nofile, limit) {
            tracing::debug!(error = %e, "could not raise the open-file limit");
        }
    }
    getrlimit(Resource::Nofile).current
}

/// The connections to hold open: as configured, but never so many that the process would run
/// out of file descriptors first.
fn connection_cap(configured: usize, open_files: Option<u64>) -> usize {
    let fits = open_files.map_or(usize::MAX, |n| {
        usize::try_from(n.saturating_sub(RESERVED_FILES)).unwrap_or(usize::MAX)
    });
    if fits < configured {
        tracing::warn!(
            configured,
            open_files = open_files.unwrap_or_default(),
            "the open-file limit allows only {fits} connections; raise `ulimit -n` for more"
        );
    }
    configured.min(fits).max(1)
}

/// Answers 503 without reading, and closes (best effort: the socket's buffer takes it).
fn refuse(stream: &TcpStream) {
    tracing::debug!("too many open connections: one refused");
    let _ = stream.try_write(BUSY);
}

async fn serve_connection(
    stream: TcpStream,
    addr: SocketAddr,
    router: Router,
    limits: &ConnectionLimits,
    mut stop: watch::Receiver<bool>,
) {
    let service = router.map_request(move |mut request: Request<Incoming>| {
        request.extensions_mut().insert(ConnectInfo(addr));
        request
    });
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.idle_timeout);
    let connection = builder
        .serve_connection(TokioIo::new(stream), TowerToHyperService::new(service))
        .with_upgrades();
    let mut connection = pin!(connection);
    tokio::select! {
        result = connection.as_mut() => {
            if let Err(e) = result {
                tracing::debug!(error = %e, "connection ended");
            }
        }
        () = stopped(&mut stop) => {
            connection.as_mut().graceful_shutdown();
            let _ = connection.await;
        }
    }
}

/// Completes once the server is stopping.
async fn stopped(stop: &mut watch::Receiver<bool>) {
    let _ = stop.wait_for(|stopped| *stopped).await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cap_leaves_room_for_the_process_own_files() {
        assert_eq!(connection_cap(10_000, Some(1024)), 768);
        assert_eq!(connection_cap(100, Some(20_000)), 100);
        assert_eq!(connection_cap(10_000, None), 10_000);
        assert_eq!(connection_cap(0, Some(10)), 1);
    }
}
