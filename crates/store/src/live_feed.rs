//! Waking live streams when their user's events are written, across server processes.
//!
//! A wake-up carries no event: it tells a stream to read its user's rows after the last number
//! it sent (`Store::live_events_after`), so a wake-up lost, doubled or early costs a read and
//! never an event. On SQLite one process holds the database, and a completion wakes its
//! streams in process. Streams register by user, so an event wakes only its user's streams
//! (with 10,000 streams open, waking all of them for every event cost more than the event). On PostgreSQL several `peerlearn serve` processes may
//! share it: completions `NOTIFY` the users concerned at commit, and each process runs one
//! `LISTEN`ing connection (started by the first stream that subscribes) that wakes its own
//! streams. When that connection drops and comes back, every stream is woken, since events may
//! have been written meanwhile.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use peerlearn_domain::UserId;
use sqlx::postgres::PgListener;
use tokio::sync::{OnceCell, mpsc, oneshot};

use crate::db::Backend;
use crate::error::StoreError;
use crate::live::{CHANNEL, users_in};

/// One stream's wake-ups: a wake-up that comes while one is pending is merged with it (the
/// stream reads everything new either way).
#[derive(Debug)]
pub struct Wakes {
    rx: mpsc::Receiver<()>,
}

impl Wakes {
    /// Waits for a wake-up; `false` when the feed is gone.
    pub async fn recv(&mut self) -> bool {
        self.rx.recv().await.is_some()
    }

    /// Whether a wake-up is pending (taking it).
    pub fn try_recv(&mut self) -> bool {
        self.rx.try_recv().is_ok()
    }
}

type Senders = HashMap<UserId, Vec<mpsc::Sender<()>>>;

/// The streams of this process, by user. A stream that ended is dropped from it at the next
/// wake-up of its user.
#[derive(Debug, Default)]
struct Registry(Mutex<Senders>);

/// Wakes `streams`; keeps those still open. A full channel already has a wake-up pending.
fn wake_all(streams: &mut Vec<mpsc::Sender<()>>) {
    streams.retain(|s| !matches!(s.try_send(()), Err(mpsc::error::TrySendError::Closed(_))));
}

impl Registry {
    fn lock(&self) -> MutexGuard<'_, Senders> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn add(&self, user: UserId) -> Wakes {
        let (tx, rx) = mpsc::channel(1);
        self.lock().entry(user).or_default().push(tx);
        Wakes { rx }
    }

    fn wake(&self, user: UserId) {
        let mut all = self.lock();
        if let Some(streams) = all.get_mut(&user) {
            wake_all(streams);
            if streams.is_empty() {
                all.remove(&user);
            }
        }
    }

    fn wake_everyone(&self) {
        let mut all = self.lock();
        all.values_mut().for_each(wake_all);
        all.retain(|_, streams| !streams.is_empty());
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
    streams: Arc<Registry>,
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
                streams: Arc::default(),
                source,
                listening: OnceCell::new(),
                stop: Mutex::new(None),
            }),
        }
    }

    /// `user`'s wake-ups from now on. On PostgreSQL the first call starts listening and
    /// returns once the database has confirmed it, so nothing committed after this returns
    /// goes unheard.
    pub async fn subscribe(&self, user: UserId) -> Result<Wakes, StoreError> {
        let receiver = self.inner.streams.add(user);
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
                        self.inner.streams.clone(),
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
            self.inner.streams.wake(*user);
        }
    }

    /// Wakes every stream in this process.
    pub fn wake_everyone(&self) {
        self.inner.streams.wake_everyone();
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
    streams: Arc<Registry>,
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
                    streams.wake(user);
                }
            }
            // The connection was lost and is back: what was sent meanwhile went unheard.
            Ok(None) => {
                streams.wake_everyone();
            }
            Err(e) => {
                tracing::warn!(error = %e, "live updates: listening to the database failed");
                streams.wake_everyone();
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
                streams.wake_everyone();
            }
        }
    }
}
