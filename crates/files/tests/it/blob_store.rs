//! The blob store on local disk and in memory. S3 cannot be reached where these tests run: its URL
//! parsing and configuration are tested in `src/blob/location.rs`, and here only that a store is
//! built from an `s3://` URL without contacting anything.

use std::path::Path;

use bytes::Bytes;
use gongkai_files::{BlobStore, Error};

const REPORT: &[u8] = "某市人民政府2025年政府信息公开工作年度报告".as_bytes();

fn files_under(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(files_under(&path));
        } else {
            files.push(path);
        }
    }
    files
}

async fn round_trip(store: &BlobStore) {
    let stored = store.put(Bytes::from_static(REPORT)).await.unwrap();
    assert_eq!(stored.size, REPORT.len() as u64);
    assert_eq!(stored.sha256.len(), 64);
    assert_eq!(stored.key, format!("{}/{}/{}", &stored.sha256[..2], &stored.sha256[2..4], stored.sha256));
    assert!(store.exists(&stored.key).await.unwrap());
    assert_eq!(store.get(&stored.key).await.unwrap(), REPORT);

    store.delete(&stored.key).await.unwrap();
    assert!(!store.exists(&stored.key).await.unwrap());
    assert!(matches!(store.get(&stored.key).await, Err(Error::NotFound(key)) if key == stored.key));
    store.delete(&stored.key).await.unwrap();

    // Deleting removed the emptied fan-out directories on disk; storing again recreates them.
    let again = store.put(Bytes::from_static(REPORT)).await.unwrap();
    assert_eq!(store.get(&again.key).await.unwrap(), REPORT);
}

#[tokio::test]
async fn a_blob_put_on_local_disk_can_be_read_back_and_deleted() {
    let dir = tempfile::tempdir().unwrap();
    round_trip(&BlobStore::local(&dir.path().join("blobs")).unwrap()).await;
}

#[tokio::test]
async fn a_blob_put_in_memory_can_be_read_back_and_deleted() {
    round_trip(&BlobStore::in_memory()).await;
}

#[tokio::test]
async fn the_key_is_the_sha256_of_the_content() {
    let stored = BlobStore::in_memory().put(Bytes::from_static(b"abc")).await.unwrap();
    assert_eq!(stored.sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assert_eq!(stored.key, "ba/78/ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

#[tokio::test]
async fn storing_the_same_content_twice_keeps_one_object() {
    let dir = tempfile::tempdir().unwrap();
    let store = BlobStore::local(dir.path()).unwrap();
    let first = store.put(Bytes::from_static(REPORT)).await.unwrap();
    let second = store.put(Bytes::copy_from_slice(REPORT)).await.unwrap();
    assert_eq!(first, second);
    let files = files_under(dir.path());
    assert_eq!(files, vec![dir.path().join(&first.key)]);
}

#[tokio::test]
async fn a_large_blob_is_hashed_off_the_async_worker_and_still_round_trips() {
    let store = BlobStore::in_memory();
    let large: Vec<u8> = (0..3 * 1024 * 1024).map(|i| (i % 251) as u8).collect();
    let stored = store.put(Bytes::from(large.clone())).await.unwrap();
    assert_eq!(stored.size, large.len() as u64);
    assert_eq!(store.get(&stored.key).await.unwrap(), large);
}

#[tokio::test]
async fn keys_not_of_our_own_form_are_refused_before_touching_storage() {
    let dir = tempfile::tempdir().unwrap();
    let store = BlobStore::local(&dir.path().join("blobs")).unwrap();
    std::fs::write(dir.path().join("secret.txt"), "机密").unwrap();
    let digest = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    let traversal = format!("e3/b0/../../{digest}");
    for key in ["../secret.txt", "/etc/passwd", "secret.txt", digest, &traversal, ""] {
        assert!(matches!(store.get(key).await, Err(Error::InvalidKey(_))), "get {key}");
        assert!(matches!(store.exists(key).await, Err(Error::InvalidKey(_))), "exists {key}");
        assert!(matches!(store.delete(key).await, Err(Error::InvalidKey(_))), "delete {key}");
    }
    assert!(dir.path().join("secret.txt").exists());
}

#[tokio::test]
async fn a_blob_changed_on_disk_is_reported_as_corrupt_not_returned() {
    let dir = tempfile::tempdir().unwrap();
    let store = BlobStore::local(dir.path()).unwrap();
    let stored = store.put(Bytes::from_static(REPORT)).await.unwrap();
    std::fs::write(dir.path().join(&stored.key), "篡改后的内容").unwrap();
    assert!(matches!(store.get(&stored.key).await, Err(Error::Corrupt(key)) if key == stored.key));
}

#[tokio::test]
async fn an_empty_url_stores_blobs_under_the_data_directory() {
    let data_dir = tempfile::tempdir().unwrap();
    let store = BlobStore::from_url("", data_dir.path()).unwrap();
    let stored = store.put(Bytes::from_static(REPORT)).await.unwrap();
    assert!(data_dir.path().join("blobs").join(&stored.key).is_file());
}

#[tokio::test]
async fn a_file_url_stores_blobs_in_that_directory_creating_it() {
    let data_dir = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let target = elsewhere.path().join("附件 库");
    let url = url_for(&target);
    let store = BlobStore::from_url(&url, data_dir.path()).unwrap();
    let stored = store.put(Bytes::from_static(REPORT)).await.unwrap();
    assert!(target.join(&stored.key).is_file());
    assert!(!data_dir.path().join("blobs").exists());
}

fn url_for(path: &Path) -> String {
    let mut url = String::from("file://");
    for byte in path.to_str().unwrap().bytes() {
        if byte.is_ascii_alphanumeric() || b"/-_.".contains(&byte) {
            url.push(byte as char);
        } else {
            url.push_str(&format!("%{byte:02X}"));
        }
    }
    url
}

#[tokio::test]
async fn a_memory_url_gives_an_in_memory_store() {
    let store = BlobStore::from_url("memory://", Path::new("/nonexistent")).unwrap();
    round_trip(&store).await;
}

#[test]
fn an_s3_url_builds_a_store_without_contacting_the_service_and_debug_shows_no_secrets() {
    let store = BlobStore::from_url("s3://gongkai-attachments/province", Path::new("/nonexistent")).unwrap();
    let shown = format!("{store:?}");
    assert_eq!(shown, r#"BlobStore { backend: "s3://gongkai-attachments/province" }"#);
}

#[test]
fn an_unusable_url_is_refused() {
    for url in ["ftp://example/x", "s3://", "relative/path"] {
        assert!(matches!(BlobStore::from_url(url, Path::new("/tmp")), Err(Error::InvalidUrl { .. })), "{url}");
    }
}

#[test]
fn the_store_can_be_shared_across_tasks() {
    fn shareable<T: Clone + Send + Sync + 'static>() {}
    shareable::<BlobStore>();
}
