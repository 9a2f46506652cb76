//! Dates, times and numbers as each language writes them: "Tue 10 Dec, 10:30" and
//! "mar. 10 déc., 10:30"; "10,000" and "10 000". Day and month names come from the
//! translation files (`dates.ftl`), so the pseudo-locale shows them too.

use chrono::{Datelike, NaiveDate, TimeZone, Timelike};

use super::Lang;

impl Lang {
    fn weekday(self, date: NaiveDate) -> String {
        let n = date.weekday().number_from_monday();
        self.t(&format!("date-weekday-{n}"))
    }

    fn month(self, date: NaiveDate) -> String {
        self.t(&format!("date-month-{}", date.month()))
    }

    /// "Tue 10 Dec" / "mar. 10 déc."
    pub fn day(self, date: NaiveDate) -> String {
        format!("{} {} {}", self.weekday(date), date.day(), self.month(date))
    }

    /// "Tue 10 Dec 2026" / "mar. 10 déc. 2026"
    pub fn day_with_year(self, date: NaiveDate) -> String {
        format!("{} {}", self.day(date), date.year())
    }

    /// "10:30", a 24-hour clock in both languages.
    pub fn clock<T: Timelike>(self, time: &T) -> String {
        format!("{:02}:{:02}", time.hour(), time.minute())
    }

    /// "Tue 10 Dec, 10:30" in the given zone.
    pub fn when<Z: TimeZone>(self, at: &chrono::DateTime<Z>) -> String {
        format!("{}, {}", self.day(at.date_naive()), self.clock(at))
    }

    /// A whole number with the language's grouping: "10,000", "10 000" (narrow no-break space).
    pub fn number(self, n: i64) -> String {
        let digits = n.unsigned_abs().to_string();
        let separator = match self {
            Lang::Fr => "\u{202f}",
            Lang::En | Lang::Pseudo => ",",
        };
        let mut grouped = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push_str(separator);
            }
            grouped.push(c);
        }
        if n < 0 {
            grouped.insert(0, '-');
        }
        grouped
    }
}
