//! The store's one error type. The web layer maps it to HTTP in one place.

/// What went wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The row does not exist (or is not visible to the caller).
    #[error("{0} not found")]
    NotFound(&'static str),
    /// The write conflicts with existing data; `code` is stable (e.g. `email_taken`). The
    /// web layer words it in the person's language by its code, with `args` (how many, say);
    /// `message` is the English text kept for the logs and for a code without a translation.
    #[error("{message}")]
    Conflict {
        code: &'static str,
        message: String,
        args: Vec<(&'static str, peerlearn_domain::Arg)>,
    },
    /// The database could not be reached or answered with an error: a bug or an outage.
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    /// Migrations failed to apply.
    #[error("migration error: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// A stored value no longer parses into its domain type (the database was edited by hand).
    #[error("corrupt row: {0}")]
    Corrupt(String),
}

impl StoreError {
    pub fn conflict(code: &'static str, message: impl Into<String>) -> Self {
        Self::Conflict {
            code,
            message: message.into(),
            args: Vec::new(),
        }
    }

    /// Adds a named value to a conflict's message (other errors are unchanged).
    pub fn with_arg(mut self, name: &'static str, value: impl Into<peerlearn_domain::Arg>) -> Self {
        if let Self::Conflict { args, .. } = &mut self {
            args.push((name, value.into()));
        }
        self
    }
}

/// Whether `err` is a unique-constraint violation (on either backend).
pub(crate) fn is_unique_violation(err: &sqlx::Error) -> bool {
    matches!(err, sqlx::Error::Database(e) if e.is_unique_violation())
}

/// Maps a unique-constraint violation to conflict `code` (with `message`), and any other error
/// as it is: for `.map_err(unique_as(…))` on an insert that may repeat an existing row.
pub(crate) fn unique_as(
    code: &'static str,
    message: &'static str,
) -> impl FnOnce(sqlx::Error) -> StoreError {
    move |e| {
        if is_unique_violation(&e) {
            StoreError::conflict(code, message)
        } else {
            e.into()
        }
    }
}

/// The invariant a write broke, if the database refused it for one: `person_busy` (someone
/// would be in two overlapping meetings), `no_spot_free` (a spot would be double-booked) or
/// `meeting_full` (a group would exceed its capacity). PostgreSQL names the constraint;
/// SQLite's triggers and CHECK name it in the message.
pub(crate) fn broken_invariant(err: &sqlx::Error) -> Option<&'static str> {
    let sqlx::Error::Database(e) = err else {
        return None;
    };
    let names = [e.constraint().unwrap_or_default(), e.message()];
    ["person_busy", "no_spot_free", "meeting_full"]
        .into_iter()
        .find(|code| names.iter().any(|n| n.contains(code)))
}

/// Converts a database error, naming a broken invariant as a conflict.
pub(crate) fn write_error(err: sqlx::Error) -> StoreError {
    match broken_invariant(&err) {
        Some("person_busy") => StoreError::conflict(
            "person_busy",
            "someone would be in two meetings at the same time",
        ),
        Some("no_spot_free") => {
            StoreError::conflict("no_spot_free", "no fitting spot is free at that time")
        }
        Some("meeting_full") => StoreError::conflict("meeting_full", "this group meeting is full"),
        _ => err.into(),
    }
}
