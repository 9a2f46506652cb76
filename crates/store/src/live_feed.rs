//! Waking live streams when their user's events are written, across server processes.
//!
//! A wake-up carries no event: it tells a stream to read its user's rows after the last number
//! it sent (`Store::live_events_after`), so a wake-up lost, doubled or early costs a read and
//! never an event. On SQLite one process holds the database, and a completion wakes its
//! streams in process (a tokio broadcast). On PostgreSQL several `peerlearn serve` processes may
//! share it: completions `NOTIFY` the users concerned at commit, and each process runs one
//! `LISTEN`ing connection (started by the first stream that subscribes) that wakes its own
//! streams. When that connection drops and comes back, every stream is woken, since events may
//! have been written meanwhile.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use peerlearn_domain::UserId;
use sqlx::postgres::PgListener;
use tokio::sync::{OnceCell, broadcast, oneshot};

use crate::db::Backend;
use crate::error::StoreError;
use crate::live::{CHANNEL, users_in};

/// Wake-ups a slow stream may fall behind by before it is told it lagged (and then reads
/// anyway).
const BUFFER: usize = 4096;

/// Which streams should look for new events.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wake {
    User(UserId),
    /// Events may have been written unheard (the listening connection was lost).
    Everyone,
}

impl Wake {
    /// Whether `user`'s stream should read.
    pub fn concerns(self, user: UserId) -> bool {
        match self {
            Self::User(u) => u == user,
            Self::Everyone => true,
        }
    }
}

/// Where wake-ups come from besides this process's own completions.
#[derive(Debug)]
enum Source {
    InProcess,
    Postgres { url: String },
}

/// This process's wake-ups for live streams. Cheap to clone.
#[derive(Debug, Clone)]
pub struct LiveFeed {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    wakes: broadcast::Sender<Wake>,
    source: Source,
    /// The `LISTEN` task runs (PostgreSQL), started by the first subscriber.
    listening: OnceCell<()>,
    /// Dropped with the feed, which ends the `LISTEN` task.
    stop: Mutex<Option<oneshot::Sender<()>>>,
}

impl LiveFeed {
    pub(crate) fn new(backend: Backend, url: &str) -> Self {
        let source = match backend {
            Backend::Sqlite => Source::InProcess,
            Backend::Postgres => Source::Postgres {
                url: url.to_string(),
            },
        };
        Self {
            inner: Arc::new(Inner {
                wakes: broadcast::channel(BUFFER).0,
                source,
                listening: OnceCell::new(),
                stop: Mutex::new(None),
            }),
        }
    }

    /// Wake-ups from now on. On PostgreSQL the first call starts listening and returns once
    /// the database has confirmed it, so nothing committed after this returns goes unheard.
    pub async fn subscribe(&self) -> Result<broadcast::Receiver<Wake>, StoreError> {
        let receiver = self.inner.wakes.subscribe();
        if let Source::Postgres { url } = &self.inner.source {
            self.inner
                .listening
                .get_or_try_init(|| async {
                    let listener = listen(url).await?;
                    let (stop, stopped) = oneshot::channel();
                    *self.inner.stop.lock().unwrap_or_else(|e| e.into_inner()) = Some(stop);
                    tokio::spawn(relay(
                        listener,
                        url.clone(),
                        self.inner.wakes.clone(),
                        stopped,
                    ));
                    Ok::<(), StoreError>(())
                })
                .await?;
        }
        Ok(receiver)
    }

    /// Wakes the streams of `users` in this process (after their events committed).
    pub(crate) fn wake(&self, users: &[UserId]) {
        for user in users {
            // No receiver is not an error: nobody is listening.
            let _ = self.inner.wakes.send(Wake::User(*user));
        }
    }

    /// Wakes every stream in this process.
    pub fn wake_everyone(&self) {
        let _ = self.inner.wakes.send(Wake::Everyone);
    }
}

async fn listen(url: &str) -> Result<PgListener, StoreError> {
    let mut listener = PgListener::connect(url).await?;
    listener.listen(CHANNEL).await?;
    Ok(listener)
}

/// Relays `NOTIFY`s to this process's streams until the feed is dropped.
async fn relay(
    mut listener: PgListener,
    url: String,
    wakes: broadcast::Sender<Wake>,
    mut stopped: oneshot::Receiver<()>,
) {
    loop {
        let next = tokio::select! {
            _ = &mut stopped => return,
            next = listener.try_recv() => next,
        };
        match next {
            Ok(Some(n)) => {
                for user in users_in(n.payload()) {
                    let _ = wakes.send(Wake::User(user));
                }
            }
            // The connection was lost and is back: what was sent meanwhile went unheard.
            Ok(None) => {
                let _ = wakes.send(Wake::Everyone);
            }
            Err(e) => {
                tracing::warn!(error = %e, "live updates: listening to the database failed");
                let _ = wakes.send(Wake::Everyone);
                listener = loop {
                    tokio::select! {
                        _ = &mut stopped => return,
                        () = tokio::time::sleep(Duration::from_secs(1)) => {}
                    }
                    match listen(&url).await {
                        Ok(l) => break l,
                        Err(e) => tracing::warn!(error = %e, "live updates: cannot listen yet"),
                    }
                };
                let _ = wakes.send(Wake::Everyone);
            }
        }
    }
}
