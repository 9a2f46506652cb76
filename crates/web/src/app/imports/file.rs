//! Reading an attendee list: a CSV file (UTF-8, with or without a byte order mark) with a
//! header row naming its columns in any order — `email`, `name` and `team` are required,
//! `tags` (the tags they want to learn), `offers` (tags they can share) and `language`
//! (`en` or `fr`) optional. Tags within a cell are separated by `;` or `|`. Columns are
//! separated by commas, or by semicolons or tabs when the header has no comma (spreadsheets
//! in French locales write those).
//!
//! A file that cannot be read as a whole (too large, too many rows, not UTF-8, no header, a
//! required column missing) is refused with one clear reason; otherwise every row is checked
//! and a row that cannot be imported keeps why (a bad email, a missing name, a duplicate of an
//! earlier row, an unknown language, direction-changing characters…).

use std::collections::HashMap;

use peerlearn_domain::{Arg, BoundedText, DisplayName, Email, Invalid, InvalidInput, Tag, TagList};
use serde::{Deserialize, Serialize};

/// The largest file read, in bytes (5 MB).
pub const MAX_BYTES: usize = 5 * 1024 * 1024;
/// The most rows (besides the header) a file may have.
pub const MAX_ROWS: usize = 20_000;
/// The field every file-wide refusal is about.
pub const FILE_FIELD: &str = "file";

/// Columns a file must have.
const REQUIRED: [Column; 3] = [Column::Email, Column::Name, Column::Team];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Column {
    Email,
    Name,
    Team,
    Tags,
    Offers,
    Language,
}

impl Column {
    fn of(header: &str) -> Option<Self> {
        let h = header.trim().to_lowercase().replace(['_', '-'], " ");
        Some(match h.as_str() {
            "email" | "e mail" | "mail" | "courriel" => Self::Email,
            "name" | "display name" | "full name" | "nom" => Self::Name,
            "team" | "organisation" | "organization" | "équipe" | "equipe" => Self::Team,
            "tags" | "wants" | "interests" | "intérêts" => Self::Tags,
            "offers" => Self::Offers,
            "language" | "lang" | "langue" => Self::Language,
            _ => return None,
        })
    }

    fn name(self) -> &'static str {
        match self {
            Self::Email => "email",
            Self::Name => "name",
            Self::Team => "team",
            Self::Tags => "tags",
            Self::Offers => "offers",
            Self::Language => "language",
        }
    }
}

/// Why a row cannot be imported: a field, a message id (`invalid-…`) and its values, kept
/// as plain data so that it reads in whichever language it is shown in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowProblem {
    pub field: String,
    pub id: String,
    #[serde(default)]
    pub args: Vec<(String, String)>,
}

impl RowProblem {
    fn of(e: &Invalid) -> Self {
        Self {
            field: e.field.clone(),
            id: e.id.to_string(),
            args: e
                .args
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }
    }

    /// The values for the message (names are the few the messages use).
    pub fn message_args(&self) -> Vec<(&'static str, Arg)> {
        self.args
            .iter()
            .map(|(k, v)| {
                let name = match k.as_str() {
                    "max" => "max",
                    "min" => "min",
                    "count" => "count",
                    "character" => "character",
                    "tag" => "tag",
                    "line" => "line",
                    _ => "value",
                };
                let value = v
                    .parse::<i64>()
                    .map_or_else(|_| Arg::Text(v.clone()), Arg::Int);
                (name, value)
            })
            .collect()
    }
}

/// One row of the file, checked. Values are as typed (trimmed) when the row has a problem,
/// normalised otherwise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Row {
    /// The row's line in the file (the header is line 1).
    pub line: u64,
    pub email: String,
    pub name: String,
    pub team: String,
    /// Tags they want to learn, as typed.
    pub tags: Vec<String>,
    /// Tags they can share, as typed.
    pub offers: Vec<String>,
    /// `en` or `fr`.
    pub language: Option<String>,
    pub problem: Option<RowProblem>,
}

/// A refusal of the whole file, as one invalid field `file`.
fn refuse(id: &'static str) -> Invalid {
    Invalid::new(FILE_FIELD, id)
}

/// Reads `bytes` into checked rows. `Err` when the file as a whole cannot be used.
pub fn read_rows(bytes: &[u8]) -> Result<Vec<Row>, InvalidInput> {
    if bytes.len() > MAX_BYTES {
        return Err(refuse("invalid-import-too-large")
            .arg("max", MAX_BYTES / (1024 * 1024))
            .into());
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1;
        refuse("invalid-import-encoding").arg("line", line)
    })?;
    if text.trim().is_empty() {
        return Err(refuse("invalid-import-empty").into());
    }
    let first_line = text.lines().next().unwrap_or_default();
    let delimiter = if first_line.contains(',') {
        b','
    } else if first_line.contains(';') {
        b';'
    } else if first_line.contains('\t') {
        b'\t'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(true)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|_| refuse("invalid-import-unreadable").arg("line", 1_i64))?;
    let mut columns: HashMap<Column, usize> = HashMap::new();
    for (i, header) in headers.iter().enumerate() {
        if let Some(column) = Column::of(header)
            && columns.insert(column, i).is_some()
        {
            return Err(refuse("invalid-import-duplicate-column")
                .arg("value", column.name())
                .into());
        }
    }
    let missing: Vec<&str> = REQUIRED
        .iter()
        .filter(|c| !columns.contains_key(c))
        .map(|c| c.name())
        .collect();
    if !missing.is_empty() {
        return Err(refuse("invalid-import-missing-columns")
            .arg("value", missing.join(", "))
            .into());
    }

    let mut rows = Vec::new();
    let mut first_line_of: HashMap<String, u64> = HashMap::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            refuse("invalid-import-unreadable").arg("line", line as i64)
        })?;
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        if rows.len() == MAX_ROWS {
            let count = rows.len() + 1 + reader.records().count();
            return Err(refuse("invalid-import-too-many-rows")
                .arg("max", MAX_ROWS)
                .arg("count", count)
                .into());
        }
        let line = record.position().map_or(0, |p| p.line());
        let cell = |c: Column| {
            columns
                .get(&c)
                .and_then(|i| record.get(*i))
                .unwrap_or_default()
                .trim()
                .to_string()
        };
        let mut row = check_row(
            line,
            &cell(Column::Email),
            &cell(Column::Name),
            &cell(Column::Team),
            &cell(Column::Tags),
            &cell(Column::Offers),
            &cell(Column::Language),
        );
        if row.problem.is_none() {
            if let Some(first) = first_line_of.get(&row.email) {
                row.problem = Some(RowProblem::of(
                    &Invalid::new("email", "invalid-import-duplicate").arg("line", *first as i64),
                ));
            } else {
                first_line_of.insert(row.email.clone(), line);
            }
        }
        rows.push(row);
    }
    if rows.is_empty() {
        return Err(refuse("invalid-import-no-rows").into());
    }
    Ok(rows)
}

fn split_tags(raw: &str) -> Vec<&str> {
    raw.split([';', '|'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .collect()
}

/// Checks one row's cells.
fn check_row(
    line: u64,
    email: &str,
    name: &str,
    team: &str,
    tags: &str,
    offers: &str,
    language: &str,
) -> Row {
    let mut row = Row {
        line,
        email: email.to_string(),
        name: name.to_string(),
        team: team.to_string(),
        tags: split_tags(tags).into_iter().map(String::from).collect(),
        offers: split_tags(offers).into_iter().map(String::from).collect(),
        language: None,
        problem: None,
    };
    let checked = (|| -> Result<(), Invalid> {
        row.email = Email::parse(email)?.as_str().to_string();
        row.name = DisplayName::parse(name)
            .map_err(|e| e.for_field("name"))?
            .as_str()
            .to_string();
        row.team = BoundedText::parse("team", team, 0, 80, false)?.into_string();
        row.tags = TagList::parse("tags", split_tags(tags))?
            .iter()
            .map(|t| t.label().to_string())
            .collect();
        row.offers = TagList::parse("offers", split_tags(offers))?
            .iter()
            .map(|t| t.label().to_string())
            .collect();
        row.language = parse_language(language)?;
        Ok(())
    })();
    if let Err(e) = checked {
        row.problem = Some(RowProblem::of(&e));
    }
    row
}

/// `en`, `fr` (any case, or the language's name), or nothing.
fn parse_language(raw: &str) -> Result<Option<String>, Invalid> {
    let l = raw.trim().to_lowercase();
    Ok(match l.as_str() {
        "" => None,
        "en" | "english" | "anglais" | "en-us" | "en-gb" => Some("en".into()),
        "fr" | "french" | "français" | "francais" | "fr-fr" | "fr-ca" => Some("fr".into()),
        _ => {
            return Err(Invalid::new("language", "invalid-import-language")
                .arg("value", raw.chars().take(20).collect::<String>()));
        }
    })
}

/// A checked row's tags as domain tags (they parsed when the file was read).
pub fn tags_of(labels: &[String]) -> Vec<Tag> {
    labels
        .iter()
        .filter_map(|l| Tag::parse("tags", l).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(rows: &[Row], line: u64) -> Option<&str> {
        rows.iter()
            .find(|r| r.line == line)
            .and_then(|r| r.problem.as_ref())
            .map(|p| p.id.as_str())
    }

    fn file_error(bytes: &[u8]) -> &'static str {
        read_rows(bytes).unwrap_err().errors[0].id
    }

    #[test]
    fn reads_columns_in_any_order_with_a_bom_and_tag_separators() {
        let csv = "\u{FEFF}Language,Team,Name,Email,Tags\n\
                   fr,Acme,Zoë Martin, Zoe@Example.org ,Rust; Machine Learning|SQL\n\
                   ,,Ana,ana@example.org,\n";
        let rows = read_rows(csv.as_bytes()).unwrap();
        assert_eq!(rows.len(), 2);
        let zoe = &rows[0];
        assert_eq!(zoe.line, 2);
        assert_eq!(zoe.email, "zoe@example.org");
        assert_eq!(zoe.name, "Zoë Martin");
        assert_eq!(zoe.team, "Acme");
        assert_eq!(zoe.tags, ["Rust", "Machine Learning", "SQL"]);
        assert_eq!(zoe.language.as_deref(), Some("fr"));
        assert!(zoe.problem.is_none());
        assert_eq!(rows[1].language, None);
        assert!(rows[1].problem.is_none());
    }

    #[test]
    fn semicolon_separated_files_are_read_too() {
        let rows = read_rows(b"email;name;team\nana@example.org;Ana;Ops\n").unwrap();
        assert_eq!(rows[0].team, "Ops");
    }

    #[test]
    fn bad_rows_keep_why_and_duplicates_name_the_first_line() {
        let csv = "email,name,team,language\n\
                   not-an-email,Ana,,\n\
                   bob@example.org,,,\n\
                   eve@example.org,admin\u{202E}gnp.exe,,\n\
                   kim@example.org,Kim,,de\n\
                   lou@example.org,Lou,,en\n\
                   LOU@example.org,Lou again,,\n";
        let rows = read_rows(csv.as_bytes()).unwrap();
        assert_eq!(problem(&rows, 2), Some("invalid-email"));
        assert_eq!(problem(&rows, 3), Some("invalid-empty"));
        assert_eq!(rows[1].problem.as_ref().unwrap().field, "name");
        assert_eq!(problem(&rows, 4), Some("invalid-direction-characters"));
        assert_eq!(problem(&rows, 5), Some("invalid-import-language"));
        assert_eq!(problem(&rows, 6), None);
        assert_eq!(problem(&rows, 7), Some("invalid-import-duplicate"));
        assert_eq!(
            rows[5].problem.as_ref().unwrap().args,
            [("line".to_string(), "6".to_string())]
        );
    }

    #[test]
    fn whole_file_refusals() {
        assert_eq!(file_error(b""), "invalid-import-empty");
        assert_eq!(file_error(b"\xEF\xBB\xBF  \n"), "invalid-import-empty");
        assert_eq!(
            file_error(b"email,name,team\nana@x.org,Ana\xE9,\n"),
            "invalid-import-encoding"
        );
        assert_eq!(
            file_error(b"email,team\nana@x.org,Ops\n"),
            "invalid-import-missing-columns"
        );
        assert_eq!(file_error(b"email,name,team\n"), "invalid-import-no-rows");
        assert_eq!(
            file_error(b"email,name,team,email\na@x.org,A,,\n"),
            "invalid-import-duplicate-column"
        );
        let big = vec![b'a'; MAX_BYTES + 1];
        assert_eq!(file_error(&big), "invalid-import-too-large");
        let mut many = String::from("email,name,team\n");
        for i in 0..=MAX_ROWS {
            many.push_str(&format!("p{i}@x.org,P,\n"));
        }
        let e = read_rows(many.as_bytes()).unwrap_err();
        assert_eq!(e.errors[0].id, "invalid-import-too-many-rows");
        assert!(
            e.errors[0]
                .args
                .contains(&("count", Arg::Int(MAX_ROWS as i64 + 1)))
        );
    }

    #[test]
    fn missing_columns_are_named() {
        let e = read_rows(b"mail\nana@x.org\n").unwrap_err();
        assert_eq!(
            e.errors[0].args,
            vec![("value", Arg::Text("name, team".into()))]
        );
    }
}
