//! Reading stored text into the core's types, once, at the store boundary.
//!
//! Rows come out of the database as text and integers (the backend contract of [`crate::db`]);
//! every public record of this crate holds typed values instead: statuses, channels, roles,
//! dates, moments, actors. Each record implements `sqlx::FromRow` through a [`Reader`], so every
//! query that reads it decodes it. A value that does not decode is an error naming the table, the
//! row, the column and the value ([`Corrupt`], surfaced as [`crate::Error::Corrupt`]), never a
//! silent default: a row gongkai cannot read is a fault to fix, and hiding it would show staff
//! something that is not in the record.

use std::fmt;
use std::str::FromStr;

use gongkai_core::calendar::china_time::Moment;
use gongkai_core::calendar::iso_date;
use sqlx::Row;
use sqlx::any::AnyRow;
use time::format_description::well_known::Rfc3339;
use time::{Date, OffsetDateTime};

use crate::actor::StoredActor;

/// A stored value that does not decode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Corrupt {
    pub table: &'static str,
    pub id: i64,
    pub column: &'static str,
    pub value: String,
}

impl fmt::Display for Corrupt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "数据表{}第{}行的{}列的值“{}”无法识别", self.table, self.id, self.column, self.value)
    }
}

impl std::error::Error for Corrupt {}

/// Reads the columns of one row of `table`.
pub struct Reader<'r> {
    row: &'r AnyRow,
    table: &'static str,
    id: i64,
}

type Result<T> = std::result::Result<T, sqlx::Error>;

impl<'r> Reader<'r> {
    /// A reader for a row whose key column is `id`.
    pub fn new(row: &'r AnyRow, table: &'static str) -> Result<Self> {
        Self::keyed(row, table, "id")
    }

    /// A reader for a row identified by `key_column` (an integer).
    pub fn keyed(row: &'r AnyRow, table: &'static str, key_column: &str) -> Result<Self> {
        let id: i64 = row.try_get(key_column)?;
        Ok(Reader { row, table, id })
    }

    pub fn id(&self) -> i64 {
        self.id
    }

    fn corrupt(&self, column: &'static str, value: impl Into<String>) -> sqlx::Error {
        let source = Corrupt { table: self.table, id: self.id, column, value: value.into() };
        sqlx::Error::ColumnDecode { index: column.to_owned(), source: Box::new(source) }
    }

    pub fn text(&self, column: &'static str) -> Result<String> {
        self.row.try_get(column)
    }

    pub fn opt_text(&self, column: &'static str) -> Result<Option<String>> {
        self.row.try_get(column)
    }

    pub fn int(&self, column: &'static str) -> Result<i64> {
        self.row.try_get(column)
    }

    pub fn opt_int(&self, column: &'static str) -> Result<Option<i64>> {
        self.row.try_get(column)
    }

    /// A 0/1 flag.
    pub fn flag(&self, column: &'static str) -> Result<bool> {
        match self.int(column)? {
            0 => Ok(false),
            1 => Ok(true),
            other => Err(self.corrupt(column, other.to_string())),
        }
    }

    /// A `YYYY-MM-DD` date.
    pub fn date(&self, column: &'static str) -> Result<Date> {
        let text = self.text(column)?;
        iso_date::parse(&text).map_err(|_| self.corrupt(column, text))
    }

    pub fn opt_date(&self, column: &'static str) -> Result<Option<Date>> {
        match self.opt_text(column)? {
            Some(text) => iso_date::parse(&text).map(Some).map_err(|_| self.corrupt(column, text)),
            None => Ok(None),
        }
    }

    /// An RFC 3339 timestamp.
    pub fn moment(&self, column: &'static str) -> Result<Moment> {
        let text = self.text(column)?;
        OffsetDateTime::parse(&text, &Rfc3339).map(Moment).map_err(|_| self.corrupt(column, text))
    }

    pub fn opt_moment(&self, column: &'static str) -> Result<Option<Moment>> {
        match self.opt_text(column)? {
            Some(text) => {
                OffsetDateTime::parse(&text, &Rfc3339).map(|t| Some(Moment(t))).map_err(|_| self.corrupt(column, text))
            }
            None => Ok(None),
        }
    }

    /// Anything with `FromStr` (roles, levels, statuses keyed by their stored names).
    pub fn parsed<T: FromStr>(&self, column: &'static str) -> Result<T> {
        let text = self.text(column)?;
        text.parse().map_err(|_| self.corrupt(column, text))
    }

    /// A value read by a key parser of the core (`Channel::parse`, `Outcome::parse` …).
    pub fn key<T, E>(&self, column: &'static str, parse: impl FnOnce(&str) -> std::result::Result<T, E>) -> Result<T> {
        let text = self.text(column)?;
        parse(&text).map_err(|_| self.corrupt(column, text))
    }

    pub fn opt_key<T, E>(
        &self,
        column: &'static str,
        parse: impl FnOnce(&str) -> std::result::Result<T, E>,
    ) -> Result<Option<T>> {
        match self.opt_text(column)? {
            Some(text) => parse(&text).map(Some).map_err(|_| self.corrupt(column, text)),
            None => Ok(None),
        }
    }

    /// A stored actor (`staff:6:handler`, `cli`, `public`, `system`).
    pub fn actor(&self, column: &'static str) -> Result<StoredActor> {
        let text = self.text(column)?;
        StoredActor::parse(&text).ok_or_else(|| self.corrupt(column, text))
    }

    pub fn opt_actor(&self, column: &'static str) -> Result<Option<StoredActor>> {
        match self.opt_text(column)? {
            Some(text) => StoredActor::parse(&text).map(Some).ok_or_else(|| self.corrupt(column, text)),
            None => Ok(None),
        }
    }

    /// A JSON document.
    pub fn json<T: serde::de::DeserializeOwned>(&self, column: &'static str) -> Result<T> {
        let text = self.text(column)?;
        serde_json::from_str(&text).map_err(|_| self.corrupt(column, text))
    }
}

/// `impl sqlx::FromRow<AnyRow> for $ty` through a function `fn(&Reader) -> sqlx::Result<$ty>`.
#[macro_export]
macro_rules! from_row {
    ($ty:ty, $table:literal, $read:expr) => {
        impl<'r> sqlx::FromRow<'r, sqlx::any::AnyRow> for $ty {
            fn from_row(row: &'r sqlx::any::AnyRow) -> Result<Self, sqlx::Error> {
                let reader = $crate::decode::Reader::new(row, $table)?;
                let read: fn(&$crate::decode::Reader<'_>) -> Result<$ty, sqlx::Error> = $read;
                read(&reader)
            }
        }
    };
}
