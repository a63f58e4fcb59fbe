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
}

impl Error {
    pub(crate) fn extract(kind: &'static str, filename: &str, reason: impl ToString) -> Error {
        Error::Extract { kind, filename: filename.to_owned(), reason: reason.to_string() }
    }
}
