//! The error type of the application.
//!
//! Use [`Error`] everywhere above the pure core: domain services return it, the web adapter turns it
//! into a page or JSON (field errors beside the fields, 403/404 pages, a generic 500 that shows no
//! internals), and the CLI prints its `Display` and exits non-zero. Pure core modules keep their
//! own small error types and convert into this one with `?`.

use gongkai_core::agency::policy::Permission;
use gongkai_core::field::{FieldError, FieldErrors};

use crate::decode::Corrupt;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input is invalid; each problem names its field (shown to the user).
    #[error("{0}")]
    Invalid(FieldErrors),
    /// The thing asked for does not exist (or is not visible to the caller).
    #[error("未找到{0}")]
    NotFound(&'static str),
    /// The caller may not do this.
    #[error("没有权限执行此操作")]
    Forbidden,
    /// The caller lacks a permission of the authorization table (a 403 that says which).
    #[error("您没有“{}”的权限", .0.label())]
    Denied(Permission),
    /// A stored value gongkai cannot read (names the table, row, column and value).
    #[error("数据库中的记录无法读取：{0}")]
    Corrupt(Corrupt),
    /// Wrong user name or password (never says which).
    #[error("用户名或密码错误")]
    BadCredentials,
    /// A database failure; details go to the log, never to the user.
    #[error("数据库错误：{0}")]
    Database(sqlx::Error),
    #[error("数据库迁移失败：{0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// Anything else that is our fault; details go to the log.
    #[error("内部错误：{0}")]
    Internal(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl From<sqlx::Error> for Error {
    /// Text PostgreSQL cannot store (a NUL character: SQLSTATE 22021, or 22P05 for an untranslatable
    /// one) is the input's fault, not ours: a field error, whichever field it came in. The web
    /// adapter refuses NUL before it gets here; this keeps the CLI and any new path honest.
    fn from(e: sqlx::Error) -> Self {
        if let sqlx::Error::Database(db) = &e
            && matches!(db.code().as_deref(), Some("22021" | "22P05"))
        {
            return Error::field("input", "输入内容", "含有数据库不能保存的字符（如 NUL 控制字符），请删除后重试");
        }
        if let sqlx::Error::ColumnDecode { source, .. } = &e
            && let Some(corrupt) = source.downcast_ref::<Corrupt>()
        {
            return Error::Corrupt(corrupt.clone());
        }
        Error::Database(e)
    }
}

impl From<FieldErrors> for Error {
    fn from(errors: FieldErrors) -> Self {
        Error::Invalid(errors)
    }
}

impl From<FieldError> for Error {
    fn from(error: FieldError) -> Self {
        Error::Invalid(error.into())
    }
}

impl Error {
    /// A single field error.
    pub fn field(field: &str, label: &str, message: impl Into<String>) -> Self {
        Error::Invalid(FieldError::new(field, label, message).into())
    }

    /// The field errors of an `Invalid` error (empty for any other kind).
    pub fn into_field_errors(self) -> FieldErrors {
        match self {
            Error::Invalid(e) => e,
            _ => FieldErrors::new(),
        }
    }

    /// A unique-constraint violation as the field error people should see (two writers raced
    /// for one name or code: the database's constraint decides); any other error unchanged.
    pub fn on_unique_violation(self, field: &str, label: &str, message: impl Into<String>) -> Error {
        if self.is_unique_violation() { Error::field(field, label, message) } else { self }
    }

    /// Whether this is a unique-constraint violation from the database.
    pub fn is_unique_violation(&self) -> bool {
        match self {
            Error::Database(sqlx::Error::Database(e)) => e.is_unique_violation(),
            _ => false,
        }
    }
}
