//! The schema as the database describes it (`sqlite_master` and its pragmas, or PostgreSQL's
//! `information_schema`): every table, its columns, and which of them refer to people. The
//! table-walk tests compare it with what exports cover and what an account deletion erases.

use sqlx::Row;

use crate::{Backend, Store, StoreResult};

/// A table of the schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaTable {
    pub name: String,
    /// Every column, with whether it holds text.
    pub columns: Vec<(String, bool)>,
    /// The columns that refer to a user or a member: a foreign key to `users` or `members`,
    /// or a name such as `user_id`, `member_id`, `host_member_id`.
    pub people: Vec<String>,
}

/// Whether a column's name says it holds a user or member id.
fn names_a_person(column: &str) -> bool {
    ["user_id", "member_id"]
        .iter()
        .any(|s| column == *s || column.ends_with(&format!("_{s}")))
}

/// Tables that are the database's or the migrator's, and full-text indexes (which copy the
/// text of their content tables and are checked through them).
fn internal(table: &str) -> bool {
    table.starts_with("sqlite_") || table.starts_with("_sqlx") || table.contains("_fts")
}

impl Store {
    /// Every table of the schema, by name.
    pub async fn schema(&self) -> StoreResult<Vec<SchemaTable>> {
        let (columns_sql, keys_sql) = match self.backend() {
            Backend::Sqlite => (
                "SELECT m.name, p.name, UPPER(p.type) IN ('TEXT', 'VARCHAR') \
                 FROM sqlite_master m, pragma_table_info(m.name) p \
                 WHERE m.type = 'table' ORDER BY m.name, p.cid",
                "SELECT m.name, f.\"from\", f.\"table\" FROM sqlite_master m, \
                 pragma_foreign_key_list(m.name) f WHERE m.type = 'table'",
            ),
            Backend::Postgres => (
                "SELECT table_name::text, column_name::text, \
                 data_type IN ('text', 'character varying') \
                 FROM information_schema.columns WHERE table_schema = current_schema() \
                 ORDER BY table_name, ordinal_position",
                "SELECT k.table_name::text, k.column_name::text, u.table_name::text \
                 FROM information_schema.table_constraints t \
                 JOIN information_schema.key_column_usage k \
                   ON k.constraint_name = t.constraint_name AND k.constraint_schema = t.constraint_schema \
                 JOIN information_schema.constraint_column_usage u \
                   ON u.constraint_name = t.constraint_name AND u.constraint_schema = t.constraint_schema \
                 WHERE t.constraint_type = 'FOREIGN KEY' AND t.table_schema = current_schema()",
            ),
        };
        let rows = sqlx::query(columns_sql).fetch_all(self.reader()).await?;
        let mut tables: Vec<SchemaTable> = Vec::new();
        for row in rows {
            let table: String = row.try_get(0)?;
            let column: String = row.try_get(1)?;
            let text = row
                .try_get::<bool, _>(2)
                .or_else(|_| row.try_get::<i64, _>(2).map(|v| v != 0))?;
            if internal(&table) {
                continue;
            }
            if tables.last().is_none_or(|t| t.name != table) {
                tables.push(SchemaTable {
                    name: table,
                    columns: Vec::new(),
                    people: Vec::new(),
                });
            }
            let t = tables.last_mut().expect("pushed above");
            if names_a_person(&column) {
                t.people.push(column.clone());
            }
            t.columns.push((column, text));
        }
        let keys: Vec<(String, String, String)> =
            sqlx::query_as(keys_sql).fetch_all(self.reader()).await?;
        for (table, column, target) in keys {
            if target != "users" && target != "members" {
                continue;
            }
            if let Some(t) = tables.iter_mut().find(|t| t.name == table)
                && !t.people.contains(&column)
            {
                t.people.push(column);
            }
        }
        tables.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(tables)
    }

    /// How many rows of `table` hold `needle` in `column` (for audits and the erasure tests;
    /// `table` and `column` must come from [`Store::schema`]).
    pub async fn rows_containing(
        &self,
        table: &str,
        column: &str,
        needle: &str,
    ) -> StoreResult<i64> {
        let sql = format!(
            "SELECT COUNT(*) FROM \"{}\" WHERE \"{}\" LIKE $1",
            table.replace('"', ""),
            column.replace('"', "")
        );
        let (n,): (i64,) = sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(format!("%{needle}%"))
            .fetch_one(self.reader())
            .await?;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn person_columns_are_known_by_their_names() {
        assert!(names_a_person("user_id"));
        assert!(names_a_person("host_member_id"));
        assert!(names_a_person("actor_user_id"));
        assert!(!names_a_person("member_ids"));
        assert!(!names_a_person("username_id"));
        assert!(internal("topics_fts_data"));
        assert!(!internal("topics"));
    }
}
