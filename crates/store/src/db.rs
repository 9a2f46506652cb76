//! Connecting, configuring and migrating the database.

use std::str::FromStr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Executor};

use crate::StoreResult;
use crate::error::StoreError;

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// Which database a [`Store`] talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// The backend a database URL names, if any.
    pub fn from_url(url: &str) -> Option<Self> {
        if url.starts_with("sqlite:") {
            Some(Self::Sqlite)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Some(Self::Postgres)
        } else {
            None
        }
    }
}

/// Connections open and idle in the read and write pools (the same pool on PostgreSQL).
#[derive(Debug, Clone, Copy)]
pub struct PoolUsage {
    pub read_size: u32,
    pub read_idle: usize,
    pub write_size: u32,
    pub write_idle: usize,
}

/// The persistence of one peerlearn deployment. Cheap to clone (a pool handle).
#[derive(Clone, Debug)]
pub struct Store {
    /// Reads (and, on PostgreSQL, writes).
    pool: AnyPool,
    /// Writes: on a SQLite file, one connection that every write transaction and write
    /// statement queues for in turn (SQLite runs one writer at a time anyway), so writers wait
    /// on the pool instead of sleeping on the file lock, and its page cache stays warm because
    /// no other connection changes the file. Elsewhere the same pool as `pool`.
    writer: AnyPool,
    /// On a SQLite file, the line request writers stand in before reaching `writer` (see
    /// [`Store::write_tx`]); `None` where writes run in parallel.
    turns: Option<std::sync::Arc<tokio::sync::Mutex<()>>>,
    /// How to connect again (see [`Store::with_own_pool`]).
    options: AnyConnectOptions,
    backend: Backend,
    /// Tokens, communities and memberships read moments ago (see [`crate::lookups`]).
    pub(crate) lookups: std::sync::Arc<crate::lookups::Lookups>,
    /// Market pages and tags read moments ago (see [`crate::market_cache`]).
    pub(crate) market: std::sync::Arc<crate::market_cache::MarketCache>,
    /// Tag labels read moments ago (see [`crate::tag_labels`]).
    pub(crate) labels: std::sync::Arc<crate::tag_labels::LabelCache>,
    /// Connections taken from the pools (see [`Store::acquisitions`]).
    acquisitions: std::sync::Arc<AtomicU64>,
    /// Wake-ups for live streams (see [`crate::live_feed`]).
    live: crate::LiveFeed,
    /// Write transactions committed through this store (see [`Store::writes`]).
    writes: std::sync::Arc<AtomicU64>,
}

impl Store {
    /// Connects to `url` (`sqlite://path?mode=rwc`, `sqlite::memory:` or `postgres://…`).
    /// SQLite runs in WAL mode with foreign keys on; the file is created if missing.
    pub async fn connect(url: &str, max_connections: u32) -> StoreResult<Self> {
        sqlx::any::install_default_drivers();
        let backend = Backend::from_url(url).ok_or_else(|| {
            StoreError::Database(sqlx::Error::Configuration(
                format!(
                    "unsupported database URL (use sqlite:// or postgres://): {}",
                    redact(url)
                )
                .into(),
            ))
        })?;
        let in_memory = url.contains(":memory:") || url.contains("mode=memory");
        let options = AnyConnectOptions::from_str(url)?;
        let acquisitions = std::sync::Arc::new(AtomicU64::new(0));
        let pool_of = |size: u32| {
            let (fresh, idle) = (acquisitions.clone(), acquisitions.clone());
            AnyPoolOptions::new()
                .max_connections(size)
                .acquire_timeout(Duration::from_secs(10))
                .before_acquire(move |_conn, _meta| {
                    idle.fetch_add(1, Ordering::Relaxed);
                    Box::pin(async { Ok(true) })
                })
                .after_connect(move |conn, _meta| {
                    fresh.fetch_add(1, Ordering::Relaxed);
                    Box::pin(async move {
                        if backend == Backend::Sqlite {
                            conn.execute(
                                "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
                                 PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;",
                            )
                            .await?;
                        }
                        Ok(())
                    })
                })
        };
        // An in-memory database lives in its one connection, which both reads and writes.
        let pool = pool_of(if in_memory { 1 } else { max_connections.max(1) })
            .connect_with(options.clone())
            .await?;
        let again = options.clone();
        let writer = if backend == Backend::Sqlite && !in_memory {
            pool_of(1).connect_with(options).await?
        } else {
            pool.clone()
        };
        let turns = (backend == Backend::Sqlite && !in_memory).then(std::sync::Arc::default);
        Ok(Self {
            pool,
            writer,
            turns,
            options: again,
            backend,
            lookups: std::sync::Arc::default(),
            market: std::sync::Arc::default(),
            labels: std::sync::Arc::default(),
            acquisitions,
            live: crate::LiveFeed::new(backend, url),
            writes: std::sync::Arc::default(),
        })
    }

    /// How many times a connection was taken from the pools since the store was opened: once
    /// per statement run outside a transaction, once per transaction. Tests count a read's
    /// round trips with it.
    pub fn acquisitions(&self) -> u64 {
        self.acquisitions.load(Ordering::Relaxed)
    }

    /// How many writes this process has committed through the store that can change what the
    /// recommender reads (meetings, members, profiles, topics, dismissals, pauses; counted
    /// after commit). What was derived from reads made after it last changed reflects every
    /// such write of this process; another process's writes are not counted (a cache keyed on
    /// it also expires). Requests to meet and completed notifications are not counted: they
    /// change nothing the recommender reads, and they are the busiest writes.
    pub fn writes(&self) -> u64 {
        self.writes.load(Ordering::Acquire)
    }

    /// Counts a committed write (see [`Store::writes`]).
    pub(crate) fn wrote(&self) {
        self.writes.fetch_add(1, Ordering::AcqRel);
    }

    /// Applies the backend's pending migrations.
    pub async fn migrate(&self) -> StoreResult<()> {
        let migrator = match self.backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        migrator.run(&self.pool).await?;
        Ok(())
    }

    /// The same store with a pool of its own of at most `connections`, for work that must not
    /// queue for a connection behind a rush of requests (the notification pipeline, live
    /// streams). On PostgreSQL, where reads and writes share one pool, it connects as it is
    /// used; on SQLite, where the writing connection is shared anyway and the pipeline skips
    /// the requests' line ([`Store::pipeline_tx`]), it is the same store. Caches, counters
    /// and live wake-ups are shared.
    pub fn with_own_pool(&self, connections: u32) -> Store {
        if self.backend != Backend::Postgres {
            return self.clone();
        }
        let pool = AnyPoolOptions::new()
            .max_connections(connections.max(1))
            .acquire_timeout(Duration::from_secs(10))
            .connect_lazy_with(self.options.clone());
        Store {
            pool: pool.clone(),
            writer: pool,
            ..self.clone()
        }
    }

    /// This process's wake-ups for live streams.
    pub fn live(&self) -> &crate::LiveFeed {
        &self.live
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Answers whether the database can be reached (for `/readyz`).
    pub async fn ping(&self) -> StoreResult<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    /// How many connections each pool holds and how many of them are idle.
    pub fn pool_usage(&self) -> PoolUsage {
        PoolUsage {
            read_size: self.pool.size(),
            read_idle: self.pool.num_idle(),
            write_size: self.writer.size(),
            write_idle: self.writer.num_idle(),
        }
    }

    pub async fn close(&self) {
        self.writer.close().await;
        self.pool.close().await;
    }

    /// The pool reads run on (16 connections by default).
    pub(crate) fn reader(&self) -> &AnyPool {
        &self.pool
    }

    /// The pool a single write statement runs on: on a SQLite file its one writing
    /// connection, elsewhere the same pool as [`Store::reader`]. A read here would queue
    /// behind every write; use [`Store::reader`].
    pub(crate) fn writer(&self) -> &AnyPool {
        &self.writer
    }

    /// A write transaction (`BEGIN IMMEDIATE` on SQLite, so writers queue instead of failing
    /// on a lock upgrade), on the writing pool. On a SQLite file, these transactions first
    /// take turns in a line of their own and leave it once they hold the connection, so at
    /// most one of them is waiting at the connection at any time: a [`Store::pipeline_tx`]
    /// then waits behind that one, not behind every request writing at once.
    pub(crate) async fn write_tx(&self) -> StoreResult<sqlx::Transaction<'static, sqlx::Any>> {
        let _turn = match &self.turns {
            Some(line) => Some(line.lock().await),
            None => None,
        };
        Ok(self.writer.begin_with(self.backend.begin_write()).await?)
    }

    /// A write transaction for the notification pipeline, which goes straight to the writing
    /// connection, ahead of the requests in line. Completing events is short and everything a
    /// member sees next (the live update, the inbox) waits on it; under a rush of bookings
    /// it would otherwise wait behind all of them.
    pub(crate) async fn pipeline_tx(&self) -> StoreResult<sqlx::Transaction<'static, sqlx::Any>> {
        Ok(self.writer.begin_with(self.backend.begin_write()).await?)
    }
}

/// The URL without its password, for messages.
pub fn redact(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) if u.password().is_some() => {
            let _ = u.set_password(Some("***"));
            u.to_string()
        }
        _ => url.to_string(),
    }
}
