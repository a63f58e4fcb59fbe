//! The one error type of gongkai-files.
//!
//! Use [`Error`] for every failure of the blob store and of text extraction: the caller logs it and
//! shows no internals. A refused upload is not a failure but a message for the person uploading:
//! that is [`crate::extract::UploadError`], whose `Display` is the Chinese text for the form.

use std::path::PathBuf;

/// Everything that can go wrong in this crate.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The storage backend failed (disk, network, permissions, …).
    #[error("blob storage: {0}")]
    Storage(#[source] object_store::Error),

    /// No blob is stored under this key.
    #[error("blob {0} not found")]
    NotFound(String),

    /// The stored bytes do not hash to their key: the object was changed or damaged behind our back.
    #[error("blob {0} is corrupt: its content does not match its sha256 key")]
    Corrupt(String),

    /// A key that is not of our own form `ab/cd/<64 lowercase hex digits>`.
    #[error("invalid blob key {0:?}: expected a sha256 key of the form ab/cd/abcd…")]
    InvalidKey(String),

    /// A blob store URL we cannot use.
    #[error("blob store URL {url:?}: {reason}")]
    InvalidUrl { url: String, reason: String },

    /// The local blob directory could not be created.
    #[error("blob directory {path}: {source}")]
    Directory { path: PathBuf, source: std::io::Error },

    /// A file could not be read as the type it claims to be (corrupt, truncated, encrypted, or the
    /// extraction library failed or panicked).
    #[error("cannot read text from {kind} file {filename:?}: {reason}")]
    Extract { kind: &'static str, filename: String, reason: String },

    /// Reading the file's text was stopped at a limit (see [`crate::extract::Limits`]): a
    /// decompression bomb, a huge text or a file that takes too long is refused, not unpacked.
    #[error("text of {kind} file {filename:?} not read: {limit}")]
    Limit { kind: &'static str, filename: String, limit: crate::extract::Exceeded },
}

impl Error {
    /// For the secrecy reviewer, in Chinese: why the file's text could not be read, so that the
    /// reviewer knows the scan did not see it and must read the file by hand. `None` for errors
    /// that are not about a file's text.
    pub fn unreadable_text_note(&self) -> Option<String> {
        match self {
            Error::Limit { limit, .. } => Some(limit.note()),
            Error::Extract { reason, .. } if reason.contains("ncrypt") => {
                Some("文件已加密，无法读取文字，系统未能扫描其内容".to_owned())
            }
            Error::Extract { .. } => Some("文件已损坏或格式无法识别，无法读取文字，系统未能扫描其内容".to_owned()),
            _ => None,
        }
    }

    pub(crate) fn extract(kind: &'static str, filename: &str, reason: impl ToString) -> Error {
        Error::Extract { kind, filename: filename.to_owned(), reason: reason.to_string() }
    }
}
