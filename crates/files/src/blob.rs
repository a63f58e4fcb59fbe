//! The blob store: attachment bytes, addressed by their sha256.
//!
//! One API over three backends, chosen once when the store is opened ([`BlobStore::from_url`]):
//! local disk under the data directory (the embedded default), S3-compatible object storage such as
//! MinIO or a cloud bucket (province scale, shared by every node), and memory (tests).
//!
//! Invariants:
//! - A key is `ab/cd/<sha256 hex>` of the content (two-level fan-out keeps directories small), so
//!   storing the same bytes twice stores one object, and a key never names anything but a blob we
//!   wrote. Every method that takes a key refuses anything else ([`Error::InvalidKey`]): no `..`,
//!   no absolute paths, no other objects in a shared bucket.
//! - [`BlobStore::get`] re-hashes what it reads and reports [`Error::Corrupt`] rather than return
//!   bytes that do not match their key.
//! - Because equal files share one object, [`BlobStore::delete`] must only be called once no record
//!   refers to the key any more; that bookkeeping belongs to the caller.

mod key;
mod location;

use std::fmt;
use std::path::Path;
use std::sync::Arc;

use bytes::Bytes;
use object_store::local::LocalFileSystem;
use object_store::memory::InMemory;
use object_store::path::Path as ObjectPath;
use object_store::prefix::PrefixStore;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload};

use crate::error::Error;
use location::Location;

/// Where attachments are stored. Cheap to clone; share one per process.
#[derive(Clone)]
pub struct BlobStore {
    inner: Arc<dyn ObjectStore>,
    /// What `Debug` shows: the backend and its place, never credentials.
    backend: Arc<str>,
}

/// A stored blob: its key (to store in the attachment record), its size and its digest.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BlobRef {
    /// `ab/cd/<sha256>`; what [`BlobStore::get`] takes.
    pub key: String,
    pub size: u64,
    /// Lowercase hex sha256 of the content.
    pub sha256: String,
}

impl BlobStore {
    /// Blobs on local disk under `dir`, which is created if missing.
    pub fn local(dir: &Path) -> Result<BlobStore, Error> {
        std::fs::create_dir_all(dir).map_err(|source| Error::Directory { path: dir.to_owned(), source })?;
        let store = LocalFileSystem::new_with_prefix(dir).map_err(Error::Storage)?.with_automatic_cleanup(true);
        Ok(BlobStore::new(store, format!("local:{}", dir.display())))
    }

    /// Opens the store named by a configuration URL:
    /// - `""` → local disk under `data_dir/blobs` (the default);
    /// - `file:///absolute/path` → local disk there;
    /// - `s3://bucket` or `s3://bucket/prefix` → S3-compatible storage, configured from the usual
    ///   `AWS_*` environment variables (`AWS_ENDPOINT_URL` or `AWS_ENDPOINT`, `AWS_REGION`,
    ///   `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`, …); an `http://`
    ///   endpoint (MinIO on the local network) is allowed;
    /// - `memory://` → in memory, gone when the process ends.
    ///
    /// Nothing is contacted here: a wrong endpoint or credentials show on first use.
    pub fn from_url(url: &str, data_dir: &Path) -> Result<BlobStore, Error> {
        match Location::parse(url, data_dir)? {
            Location::Local(dir) => BlobStore::local(&dir),
            Location::Memory => Ok(BlobStore::in_memory()),
            Location::S3 { bucket, prefix } => {
                let store = location::s3_builder(&bucket, location::unicode_env())
                    .build()
                    .map_err(|e| Error::InvalidUrl { url: url.to_owned(), reason: e.to_string() })?;
                let backend = format!("s3://{bucket}/{prefix}");
                if prefix.is_empty() {
                    Ok(BlobStore::new(store, backend))
                } else {
                    Ok(BlobStore::new(PrefixStore::new(store, prefix.as_str()), backend))
                }
            }
        }
    }

    /// Blobs in memory, for tests.
    pub fn in_memory() -> BlobStore {
        BlobStore::new(InMemory::new(), "memory".to_owned())
    }

    fn new(store: impl ObjectStore, backend: String) -> BlobStore {
        BlobStore { inner: Arc::new(store), backend: backend.into() }
    }

    /// Stores `bytes` under their sha256. Storing content that is already there writes nothing.
    pub async fn put(&self, bytes: Bytes) -> Result<BlobRef, Error> {
        let size = bytes.len() as u64;
        let (sha256, bytes) = key::sha256_hex(bytes).await;
        let key = key::key_for(&sha256);
        let path = ObjectPath::from(key.as_str());
        if !self.exists_at(&key, &path).await? {
            self.inner.put(&path, PutPayload::from_bytes(bytes)).await.map_err(|e| storage_error(&key, e))?;
        }
        Ok(BlobRef { key, size, sha256 })
    }

    /// The content stored under `key`, checked against its digest.
    pub async fn get(&self, key: &str) -> Result<Bytes, Error> {
        let (path, sha256) = key::parse(key)?;
        let result = self.inner.get(&path).await.map_err(|e| storage_error(key, e))?;
        let bytes = result.bytes().await.map_err(|e| storage_error(key, e))?;
        let (actual, bytes) = key::sha256_hex(bytes).await;
        if actual != sha256 {
            return Err(Error::Corrupt(key.to_owned()));
        }
        Ok(bytes)
    }

    /// Removes the blob. Deleting a key that is not stored is not an error (so a retried cleanup
    /// succeeds); see the module docs on shared content.
    pub async fn delete(&self, key: &str) -> Result<(), Error> {
        let (path, _) = key::parse(key)?;
        match self.inner.delete(&path).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(Error::Storage(e)),
        }
    }

    /// Whether a blob is stored under `key`.
    pub async fn exists(&self, key: &str) -> Result<bool, Error> {
        let (path, _) = key::parse(key)?;
        self.exists_at(key, &path).await
    }

    async fn exists_at(&self, key: &str, path: &ObjectPath) -> Result<bool, Error> {
        match self.inner.head(path).await {
            Ok(_) => Ok(true),
            Err(object_store::Error::NotFound { .. }) => Ok(false),
            Err(e) => Err(storage_error(key, e)),
        }
    }
}

fn storage_error(key: &str, error: object_store::Error) -> Error {
    match error {
        object_store::Error::NotFound { .. } => Error::NotFound(key.to_owned()),
        other => Error::Storage(other),
    }
}

impl fmt::Debug for BlobStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BlobStore").field("backend", &self.backend).finish()
    }
}
