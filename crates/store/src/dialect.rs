//! Where the two backends' SQL differs. Queries are written once in the SQL both share; the
//! few clauses that differ come from here, so a reader finds every difference in one place.
//! Full-text search, which differs most, is built by `sql::Sql::join_full_text` and
//! `sql::match_expression`.

use crate::db::Backend;

impl Backend {
    /// The statement that opens a write transaction: SQLite takes the write lock up front so
    /// concurrent writers queue instead of failing on a lock upgrade.
    pub(crate) fn begin_write(self) -> &'static str {
        match self {
            Self::Sqlite => "BEGIN IMMEDIATE",
            Self::Postgres => "BEGIN",
        }
    }

    /// Whether the database runs one writer at a time (SQLite), so that rows read in a write
    /// transaction cannot change under it and need no lock.
    pub(crate) fn serializes_writes(self) -> bool {
        self == Self::Sqlite
    }

    /// A row-locking clause (`" FOR UPDATE"`, `" FOR UPDATE OF r"`) on PostgreSQL; nothing on
    /// SQLite, which serializes writers.
    pub(crate) fn lock_rows(self, clause: &'static str) -> &'static str {
        if self.serializes_writes() { "" } else { clause }
    }

    /// Skips rows another transaction holds (a job queue's claim) on PostgreSQL.
    pub(crate) fn skip_locked(self) -> &'static str {
        self.lock_rows(" FOR UPDATE SKIP LOCKED")
    }

    /// The names of the smallest and largest of several values: `LEAST`/`GREATEST` on
    /// PostgreSQL, the multi-argument `MIN`/`MAX` on SQLite.
    pub(crate) fn least_greatest(self) -> (&'static str, &'static str) {
        match self {
            Self::Sqlite => ("MIN", "MAX"),
            Self::Postgres => ("LEAST", "GREATEST"),
        }
    }
}
