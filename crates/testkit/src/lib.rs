//! Test support: [`TestDb`], a fresh and migrated database for one test, on SQLite or
//! PostgreSQL, and [`backend_tests!`], which writes each test once and runs it on both.
//!
//! SQLite databases are files in a temporary directory, removed with it. PostgreSQL databases
//! are created on the server named by `PEERLEARN_TEST_DATABASE_URL` (default
//! `postgres://postgres@127.0.0.1:5432/test`) as `peerlearn_t_<random>` and dropped when the
//! [`TestDb`] is dropped, also when the test panics.
//!
//! When PostgreSQL cannot be reached its tests print a notice and pass without running,
//! unless `CI=true` or `PEERLEARN_REQUIRE_POSTGRES=1`: then they fail.

use std::hash::{Hash, Hasher};
use std::sync::OnceLock;
use std::time::Duration;

use peerlearn_store::Store;
use rand::Rng;
use sqlx::{ConnectOptions, Connection, Executor};

pub use peerlearn_store::Backend;

/// The server the PostgreSQL tests use when `PEERLEARN_TEST_DATABASE_URL` is not set.
pub const DEFAULT_POSTGRES_URL: &str = "postgres://postgres@127.0.0.1:5432/test";

/// Connections each test's pool may open.
const POOL_SIZE: u32 = 4;

/// A fresh, migrated database that belongs to one test.
#[derive(Debug)]
pub struct TestDb {
    store: Store,
    url: String,
    cleanup: Cleanup,
}

#[derive(Debug)]
enum Cleanup {
    /// The directory holding the SQLite file; removed on drop.
    Sqlite(#[allow(dead_code)] tempfile::TempDir),
    /// The PostgreSQL database to drop, and the server URL to drop it from.
    Postgres { admin_url: String, name: String },
}

impl TestDb {
    /// A fresh database on `backend`; `None` when PostgreSQL is unreachable and not required.
    pub async fn new(backend: Backend) -> Option<Self> {
        match backend {
            Backend::Sqlite => Some(Self::sqlite().await),
            Backend::Postgres => Self::postgres().await,
        }
    }

    /// A fresh SQLite database in a temporary file.
    pub async fn sqlite() -> Self {
        let dir = tempfile::tempdir().expect("a temporary directory for the SQLite database");
        let url = format!("sqlite://{}?mode=rwc", dir.path().join("test.db").display());
        let store = Store::connect(&url, POOL_SIZE)
            .await
            .expect("the SQLite test database opens");
        store.migrate().await.expect("migrations apply to SQLite");
        Self {
            store,
            url,
            cleanup: Cleanup::Sqlite(dir),
        }
    }

    /// A fresh PostgreSQL database, or `None` (with a notice on stderr) when the server
    /// cannot be reached and PostgreSQL is not required.
    pub async fn postgres() -> Option<Self> {
        let admin_url = postgres_url();
        let mut admin = match connect_admin(&admin_url).await {
            Ok(conn) => conn,
            Err(e) if postgres_required() => panic!(
                "PostgreSQL is required (CI=true or PEERLEARN_REQUIRE_POSTGRES=1) but {} \
                 cannot be reached: {e}",
                peerlearn_store::redact(&admin_url)
            ),
            Err(e) => {
                eprintln!(
                    "skipping a PostgreSQL test: {} cannot be reached ({e}); set \
                     PEERLEARN_TEST_DATABASE_URL to run it",
                    peerlearn_store::redact(&admin_url)
                );
                return None;
            }
        };
        let name = database_name();
        let from_template = match template(&admin_url) {
            Ok(template) => admin
                .execute(sqlx::AssertSqlSafe(format!(
                    "CREATE DATABASE \"{name}\" TEMPLATE \"{template}\""
                )))
                .await
                .map_err(|e| {
                    eprintln!(
                        "note: creating {name} from {template} failed ({e}); migrating it instead"
                    )
                })
                .is_ok(),
            Err(e) => {
                eprintln!("note: no migrated template database ({e}); migrating {name} instead");
                false
            }
        };
        if !from_template {
            admin
                .execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE \"{name}\"")))
                .await
                .unwrap_or_else(|e| panic!("could not create the test database {name}: {e}"));
        }
        // A test database need not survive a crash: commits skip the wait for the disk.
        admin
            .execute(sqlx::AssertSqlSafe(format!(
                "ALTER DATABASE \"{name}\" SET synchronous_commit = off"
            )))
            .await
            .unwrap_or_else(|e| panic!("could not configure the test database {name}: {e}"));
        let _ = admin.close().await;
        // From here on, dropping `db` drops the database, whatever fails next.
        let url = with_database(&admin_url, &name);
        let cleanup = Cleanup::Postgres { admin_url, name };
        let store = match Store::connect(&url, POOL_SIZE).await {
            Ok(store) => store,
            Err(e) => {
                drop_database(&cleanup);
                panic!("could not connect to the test database: {e}");
            }
        };
        let db = Self {
            store,
            url,
            cleanup,
        };
        // Applies nothing when the template was current; migrates fully otherwise.
        db.store
            .migrate()
            .await
            .expect("migrations apply to PostgreSQL");
        Some(db)
    }

    /// The store over this database.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The database URL, to open more connections (e.g. a second server process).
    pub fn url(&self) -> &str {
        &self.url
    }

    pub fn backend(&self) -> Backend {
        self.store.backend()
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        drop_database(&self.cleanup);
    }
}

/// The PostgreSQL migrations, embedded to name the template database after them.
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator =
    sqlx::migrate!("../store/migrations/postgres");

/// The migrated template database of this process, built once (see [`template`]).
static TEMPLATE: OnceLock<Result<String, String>> = OnceLock::new();

/// The name of a database migrated with the current migrations, to copy test databases
/// from: `peerlearn_tpl_<hash of the migrations>`. It is built once (by whichever test
/// process gets there first: it is built under a temporary name and renamed when complete)
/// and kept on the server as a cache, so each test database is a cheap copy rather than a
/// full migration. A change to the migrations gives a new name; old templates can be removed
/// with `DROP DATABASE`.
fn template(admin_url: &str) -> Result<String, String> {
    TEMPLATE
        .get_or_init(|| {
            let admin_url = admin_url.to_string();
            std::thread::spawn(move || {
                tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .map_err(|e| e.to_string())?
                    .block_on(build_template(&admin_url))
            })
            .join()
            .unwrap_or_else(|_| Err("the thread building it panicked".into()))
        })
        .clone()
}

async fn database_exists(admin: &mut sqlx::PgConnection, name: &str) -> Result<bool, String> {
    sqlx::query_as::<_, (i32,)>("SELECT 1 FROM pg_database WHERE datname = $1")
        .bind(name)
        .fetch_optional(admin)
        .await
        .map(|row| row.is_some())
        .map_err(|e| e.to_string())
}

async fn build_template(admin_url: &str) -> Result<String, String> {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for m in POSTGRES_MIGRATIONS.iter() {
        m.version.hash(&mut hasher);
        m.checksum.hash(&mut hasher);
    }
    let name = format!("peerlearn_tpl_{:016x}", hasher.finish());
    let mut admin = connect_admin(admin_url).await.map_err(|e| e.to_string())?;
    if database_exists(&mut admin, &name).await? {
        return Ok(name);
    }
    let building = format!("{name}_{}", &database_name()["peerlearn_t_".len()..]);
    admin
        .execute(sqlx::AssertSqlSafe(format!(
            "CREATE DATABASE \"{building}\""
        )))
        .await
        .map_err(|e| e.to_string())?;
    let migrated = async {
        let store = Store::connect(&with_database(admin_url, &building), 1)
            .await
            .map_err(|e| e.to_string())?;
        let result = store.migrate().await.map_err(|e| e.to_string());
        store.close().await;
        result
    }
    .await;
    let renamed = match migrated {
        Ok(()) => admin
            .execute(sqlx::AssertSqlSafe(format!(
                "ALTER DATABASE \"{building}\" RENAME TO \"{name}\""
            )))
            .await
            .map(|_| ())
            .map_err(|e| e.to_string()),
        Err(e) => Err(e),
    };
    if renamed.is_err() {
        let _ = admin
            .execute(sqlx::AssertSqlSafe(format!(
                "DROP DATABASE IF EXISTS \"{building}\" WITH (FORCE)"
            )))
            .await;
        // Another process may have finished the same template first.
        if database_exists(&mut admin, &name).await? {
            return Ok(name);
        }
    }
    let _ = admin.close().await;
    renamed.map(|()| name)
}

/// The PostgreSQL server URL for tests.
pub fn postgres_url() -> String {
    std::env::var("PEERLEARN_TEST_DATABASE_URL")
        .ok()
        .filter(|u| !u.trim().is_empty())
        .unwrap_or_else(|| DEFAULT_POSTGRES_URL.to_string())
}

/// Whether an unreachable PostgreSQL fails the tests instead of skipping them.
pub fn postgres_required() -> bool {
    let set = |name: &str, value: &str| std::env::var(name).is_ok_and(|v| v.trim() == value);
    set("CI", "true") || set("PEERLEARN_REQUIRE_POSTGRES", "1")
}

fn database_name() -> String {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    let mut rng = rand::rng();
    let suffix: String = (0..16)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect();
    format!("peerlearn_t_{suffix}")
}

/// `url` with its database (path) replaced by `name`, keeping user, host and parameters.
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let authority_end = base
        .find("://")
        .map(|i| i + 3)
        .and_then(|start| base[start..].find('/').map(|j| start + j))
        .unwrap_or(base.len());
    let mut out = format!("{}/{name}", &base[..authority_end]);
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    out
}

async fn connect_admin(url: &str) -> Result<sqlx::PgConnection, sqlx::Error> {
    let options: sqlx::postgres::PgConnectOptions = url.parse()?;
    let options = options.disable_statement_logging();
    tokio::time::timeout(Duration::from_secs(5), options.connect())
        .await
        .map_err(|_| sqlx::Error::PoolTimedOut)?
}

/// Drops a PostgreSQL test database (closing any connection still open to it). Runs on its
/// own thread with its own runtime, so it works from `Drop` inside or outside a runtime.
fn drop_database(cleanup: &Cleanup) {
    let Cleanup::Postgres { admin_url, name } = cleanup else {
        return;
    };
    let (admin_url, name) = (admin_url.clone(), name.clone());
    let outcome = std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| e.to_string())?;
        runtime.block_on(async {
            let mut admin = connect_admin(&admin_url).await.map_err(|e| e.to_string())?;
            admin
                .execute(sqlx::AssertSqlSafe(format!(
                    "DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"
                )))
                .await
                .map_err(|e| e.to_string())?;
            let _ = admin.close().await;
            Ok::<_, String>(())
        })
    })
    .join();
    match outcome {
        Ok(Ok(())) => {}
        Ok(Err(e)) => eprintln!("warning: could not drop a test database: {e}"),
        Err(_) => eprintln!("warning: the thread dropping a test database panicked"),
    }
}

/// Writes each test once and runs it on both backends: for every
/// `async fn name(db: TestDb) { … }` it generates `sqlite::name` and `postgres::name`, each a
/// `#[tokio::test]` with a fresh database. The PostgreSQL variant returns early (passing)
/// when PostgreSQL is unreachable and not required. Use once per module; the crate using it
/// needs `tokio` (with its `macros` and `rt` features).
///
/// ```text
/// peerlearn_testkit::backend_tests! {
///     async fn counts_users(db: TestDb) {
///         assert_eq!(db.store().count_users().await.unwrap(), 0);
///     }
/// }
/// ```
#[macro_export]
macro_rules! backend_tests {
    ($(
        $(#[$meta:meta])*
        async fn $name:ident($db:ident : $ty:ty) $body:block
    )*) => {
        $(
            $(#[$meta])*
            async fn $name($db: $ty) $body
        )*

        mod sqlite {
            $(
                #[tokio::test]
                async fn $name() {
                    super::$name($crate::TestDb::sqlite().await).await
                }
            )*
        }

        mod postgres {
            $(
                #[tokio::test]
                async fn $name() {
                    if let Some(db) = $crate::TestDb::postgres().await {
                        super::$name(db).await
                    }
                }
            )*
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_database_name_replaces_the_path_only() {
        assert_eq!(
            with_database("postgres://postgres@127.0.0.1:5432/test", "x"),
            "postgres://postgres@127.0.0.1:5432/x"
        );
        assert_eq!(
            with_database("postgres://u:p@h/test?sslmode=disable", "x"),
            "postgres://u:p@h/x?sslmode=disable"
        );
        assert_eq!(
            with_database("postgres://h:5432", "x"),
            "postgres://h:5432/x"
        );
    }

    #[test]
    fn database_names_are_unique_and_safe() {
        let (a, b) = (database_name(), database_name());
        assert_ne!(a, b);
        assert!(a.starts_with("peerlearn_t_"));
        assert!(a.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
    }

    #[tokio::test]
    async fn a_postgres_database_is_dropped_with_its_test_db() {
        let Some(db) = TestDb::postgres().await else {
            return;
        };
        let name = db.url().rsplit('/').next().unwrap_or_default().to_string();
        db.store().ping().await.expect("the database answers");
        drop(db);
        let mut admin = connect_admin(&postgres_url())
            .await
            .expect("admin connection");
        let (left,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM pg_database WHERE datname = $1")
            .bind(&name)
            .fetch_one(&mut admin)
            .await
            .expect("pg_database answers");
        assert_eq!(left, 0, "{name} was left behind");
    }

    #[tokio::test]
    async fn a_sqlite_file_is_removed_with_its_test_db() {
        let db = TestDb::sqlite().await;
        let path = db
            .url()
            .trim_start_matches("sqlite://")
            .trim_end_matches("?mode=rwc")
            .to_string();
        assert!(std::path::Path::new(&path).exists());
        drop(db);
        assert!(!std::path::Path::new(&path).exists());
    }
}
