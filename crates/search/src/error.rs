//! The one error type of this crate.
//!
//! Every public function returns [`Error`]. Callers (the indexer task, the web handlers, the
//! `reindex` command) mostly log it; the variants they may act on are [`Error::WriterBusy`]
//! (another `Indexer` holds the index: a second writer was asked for) and
//! [`Error::IncompatibleIndex`] (the directory holds an index built by another version of
//! this crate: delete it and run `gongkai reindex`).

use std::path::PathBuf;

/// What can go wrong while opening, writing or searching the index.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The index directory could not be created or read.
    #[error("search index directory {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The directory holds an index whose schema or text analysis differs from this build.
    /// The index is derived data: delete the directory and rebuild it with `gongkai reindex`.
    #[error(
        "search index in {path} was built with analysis version {found:?}, this build needs {expected}: delete it and run `gongkai reindex`"
    )]
    IncompatibleIndex { path: PathBuf, found: Option<String>, expected: String },
    /// Another `Indexer` is alive for this index (tantivy allows one writer per directory).
    #[error("the search index already has a writer: keep one Indexer per process")]
    WriterBusy,
    /// An item's `published` date is not `YYYY-MM-DD`.
    #[error("item {id}: published date {value:?} is not YYYY-MM-DD")]
    InvalidPublishedDate { id: i64, value: String },
    /// Anything tantivy reports (corrupt files, failed merges, …).
    #[error("search index: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
}

impl From<tantivy::directory::error::OpenDirectoryError> for Error {
    fn from(err: tantivy::directory::error::OpenDirectoryError) -> Self {
        Error::Tantivy(err.into())
    }
}
