//! gongkai-files: attachments — where their bytes live, and what text they hold.
//!
//! Reading order:
//! - [`error`]: the one error type of this crate (storage, bad key, bad URL, unreadable file).
//! - [`blob`]: the content-addressed blob store. One API, three backends chosen once from a URL:
//!   local disk under the data directory (the embedded default), S3-compatible object storage
//!   (province scale), memory (tests). Keys are sha256 digests; nothing else is accepted as a key.
//! - [`extract`]: file type detection, upload checks (size, allowed types, extension agrees with
//!   content, Chinese messages for the form), and plain text from PDF, DOCX, XLSX, text and HTML for
//!   search and the secrecy scan.
//!
//! Nothing here knows about records: which attachment belongs to which item, and whether a blob is
//! still referenced before it is deleted, is the caller's business.

pub mod blob;
pub mod error;
pub mod extract;

pub use blob::{BlobRef, BlobStore};
pub use error::Error;
pub use extract::{Exceeded, Kind, Limits, UploadError, check_upload, detect, extract_text, extract_text_within};
