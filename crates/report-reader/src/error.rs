//! The one error type of the crate. Reading and auditing never fail (what cannot be read is
//! reported as missing or unknown); only getting the bytes of a file can.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file could not be read.
    #[error("无法读取文件 {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
}
