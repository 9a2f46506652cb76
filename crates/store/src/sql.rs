//! A small builder for queries whose filters vary: it numbers `$n` placeholders (which both
//! backends accept) and keeps the values to bind in order. Values are always bound, never
//! pasted into the SQL text.

use sqlx::any::AnyRow;
use sqlx::{Any, FromRow};

/// A value to bind.
#[derive(Debug, Clone)]
pub(crate) enum Arg {
    Int(i64),
    OptInt(Option<i64>),
    Text(String),
    OptText(Option<String>),
}

#[derive(Debug, Default)]
pub(crate) struct Sql {
    text: String,
    args: Vec<Arg>,
    /// Rows appended by [`Sql::values`] so far.
    rows: usize,
}

impl Sql {
    pub fn new(text: &str) -> Self {
        Self {
            text: text.to_string(),
            ..Self::default()
        }
    }

    /// Appends SQL text (never client input).
    pub fn push(&mut self, text: &str) -> &mut Self {
        self.text.push_str(text);
        self
    }

    /// Adds a value and returns its placeholder, e.g. `$3`.
    pub fn arg(&mut self, arg: Arg) -> String {
        self.args.push(arg);
        format!("${}", self.args.len())
    }

    pub fn int(&mut self, v: i64) -> String {
        self.arg(Arg::Int(v))
    }

    pub fn opt_int(&mut self, v: Option<i64>) -> String {
        self.arg(Arg::OptInt(v))
    }

    pub fn text(&mut self, v: impl Into<String>) -> String {
        self.arg(Arg::Text(v.into()))
    }

    pub fn opt_text(&mut self, v: Option<String>) -> String {
        self.arg(Arg::OptText(v))
    }

    /// Appends one row of a multi-row `VALUES` list: `(a, b, …)`, after a comma from the
    /// second row on.
    pub fn values(&mut self, placeholders: &[String]) -> &mut Self {
        if self.rows > 0 {
            self.text.push_str(", ");
        }
        self.rows += 1;
        self.text.push('(');
        self.text.push_str(&placeholders.join(", "));
        self.text.push(')');
        self
    }

    /// Joins the full-text matches of `terms` (from [`search_terms`], not empty) to the rows of
    /// the table aliased `alias`, and answers the ORDER BY expression that ranks them best
    /// first. SQLite searches the FTS5 table `fts` once, first (the LIMIT keeps it from folding
    /// the subquery into the join and searching again for every row), ranked by `bm25` with
    /// `weights`; PostgreSQL matches the table's `search` column, and the caller adds
    /// [`FullText::filter`] to its WHERE.
    pub fn join_full_text(
        &mut self,
        backend: crate::Backend,
        terms: &[String],
        fts: &str,
        weights: &str,
        alias: &str,
    ) -> FullText {
        let p = self.text(match_expression(backend, terms));
        match backend {
            crate::Backend::Sqlite => {
                self.push(&format!(
                    " JOIN (SELECT rowid AS id, bm25({fts}, {weights}) AS rank FROM {fts} \
                     WHERE {fts} MATCH {p} ORDER BY rank LIMIT 100000) f ON f.id = {alias}.id"
                ));
                FullText {
                    rank: "f.rank".into(),
                    filter: None,
                }
            }
            crate::Backend::Postgres => {
                self.push(&format!(" , to_tsquery('english', {p}) query"));
                FullText {
                    rank: format!("ts_rank({alias}.search, query) DESC"),
                    filter: Some(format!(" AND {alias}.search @@ query")),
                }
            }
        }
    }

    /// The query, ready to run.
    pub fn query_as<'q, T>(self) -> sqlx::query::QueryAs<'q, Any, T, sqlx::any::AnyArguments>
    where
        T: for<'r> FromRow<'r, AnyRow>,
    {
        let mut q = sqlx::query_as::<Any, T>(sqlx::AssertSqlSafe(self.text));
        for arg in self.args {
            q = match arg {
                Arg::Int(v) => q.bind(v),
                Arg::OptInt(v) => q.bind(v),
                Arg::Text(v) => q.bind(v),
                Arg::OptText(v) => q.bind(v),
            };
        }
        q
    }

    /// The statement, ready to execute (for writes that answer no rows).
    pub fn query<'q>(self) -> sqlx::query::Query<'q, Any, sqlx::any::AnyArguments> {
        let mut q = sqlx::query::<Any>(sqlx::AssertSqlSafe(self.text));
        for arg in self.args {
            q = match arg {
                Arg::Int(v) => q.bind(v),
                Arg::OptInt(v) => q.bind(v),
                Arg::Text(v) => q.bind(v),
                Arg::OptText(v) => q.bind(v),
            };
        }
        q
    }
}

/// What [`Sql::join_full_text`] added: how to rank, and what the WHERE clause needs.
#[derive(Debug)]
pub(crate) struct FullText {
    /// ORDER BY expression, best match first.
    pub rank: String,
    /// A condition to append to the WHERE clause (PostgreSQL).
    pub filter: Option<String>,
}

/// Splits a search into words (letters and digits only), at most ten, so full-text syntax
/// in the input can never break a query.
pub(crate) fn search_terms(q: &str) -> Vec<String> {
    q.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase().chars().take(40).collect())
        .take(10)
        .collect()
}

/// The full-text query for `terms` (from [`search_terms`], not empty) in the backend's
/// syntax: every word must match and the last may be the beginning of a word.
pub(crate) fn match_expression(backend: crate::Backend, terms: &[String]) -> String {
    let last = terms.len().saturating_sub(1);
    let words = terms.iter().enumerate();
    match backend {
        crate::Backend::Sqlite => words
            .map(|(i, t)| {
                if i == last {
                    format!("\"{t}\"*")
                } else {
                    format!("\"{t}\"")
                }
            })
            .collect::<Vec<_>>()
            .join(" "),
        crate::Backend::Postgres => words
            .map(|(i, t)| {
                if i == last {
                    format!("{t}:*")
                } else {
                    t.clone()
                }
            })
            .collect::<Vec<_>>()
            .join(" & "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_numbered_in_order() {
        let mut sql = Sql::new("SELECT 1 WHERE a = ");
        let a = sql.int(1);
        sql.push(&a).push(" AND b = ");
        let b = sql.text("x");
        sql.push(&b);
        assert_eq!(sql.text, "SELECT 1 WHERE a = $1 AND b = $2");
        assert_eq!(sql.args.len(), 2);
    }

    #[test]
    fn search_terms_drop_query_syntax() {
        assert_eq!(
            search_terms("rust AND \"borrow*\" -NEAR(x)"),
            ["rust", "and", "borrow", "near", "x"]
        );
        assert!(search_terms("\"* ( ) :").is_empty());
        assert_eq!(search_terms(&"a ".repeat(50)).len(), 10);
    }

    #[test]
    fn match_expressions_prefix_the_last_word() {
        let terms = search_terms("borrow check");
        assert_eq!(
            match_expression(crate::Backend::Sqlite, &terms),
            "\"borrow\" \"check\"*"
        );
        assert_eq!(
            match_expression(crate::Backend::Postgres, &terms),
            "borrow & check:*"
        );
    }
}
