//! Blob keys: `ab/cd/<sha256 hex>`, the digest of the content fanned out over two directory levels.
//!
//! This is the only place that builds or reads keys; [`parse`] accepts exactly the form
//! [`key_for`] produces, so a key from a request can never reach another path.

use bytes::Bytes;
use object_store::path::Path as ObjectPath;
use sha2::{Digest, Sha256};

use crate::error::Error;

/// Content larger than this is hashed on the blocking pool rather than on the async worker.
const INLINE_HASH_LIMIT: usize = 256 * 1024;

/// Lowercase hex sha256 of `bytes`, handing the bytes back.
pub(super) async fn sha256_hex(bytes: Bytes) -> (String, Bytes) {
    if bytes.len() <= INLINE_HASH_LIMIT {
        return (digest(&bytes), bytes);
    }
    match tokio::task::spawn_blocking(move || (digest(&bytes), bytes)).await {
        Ok(pair) => pair,
        Err(join_error) => std::panic::resume_unwind(join_error.into_panic()),
    }
}

fn digest(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// The key for a digest: `abcd…` → `ab/cd/abcd…`.
pub(super) fn key_for(sha256: &str) -> String {
    format!("{}/{}/{}", &sha256[..2], &sha256[2..4], sha256)
}

/// The object path and digest of a key, if it is of our own form.
pub(super) fn parse(key: &str) -> Result<(ObjectPath, String), Error> {
    let invalid = || Error::InvalidKey(key.to_owned());
    let mut parts = key.split('/');
    let (Some(first), Some(second), Some(sha256), None) = (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(invalid());
    };
    let is_digest = sha256.len() == 64 && sha256.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    if !is_digest || first != &sha256[..2] || second != &sha256[2..4] {
        return Err(invalid());
    }
    Ok((ObjectPath::from(key), sha256.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const DIGEST: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    #[test]
    fn a_key_fans_the_digest_out_over_two_levels_and_parses_back() {
        let key = key_for(DIGEST);
        assert_eq!(key, format!("e3/b0/{DIGEST}"));
        let (path, sha256) = parse(&key).unwrap();
        assert_eq!(path.as_ref(), key);
        assert_eq!(sha256, DIGEST);
    }

    #[test]
    fn anything_but_our_own_key_form_is_refused() {
        let upper = format!("E3/B0/{}", DIGEST.to_uppercase());
        let wrong_fan_out = format!("aa/bb/{DIGEST}");
        let bare = DIGEST.to_owned();
        let traversal = format!("e3/b0/../{DIGEST}");
        let absolute = format!("/e3/b0/{DIGEST}");
        let extra = format!("e3/b0/{DIGEST}/x");
        let short = format!("e3/b0/{}", &DIGEST[..63]);
        let non_hex = format!("e3/b0/{}g", &DIGEST[..63]);
        for key in [&upper, &wrong_fan_out, &bare, &traversal, &absolute, &extra, &short, &non_hex] {
            assert!(matches!(parse(key), Err(Error::InvalidKey(_))), "{key} was accepted");
        }
        for key in ["", "..", "../../etc/passwd", "e3/b0/", "e3//b0"] {
            assert!(matches!(parse(key), Err(Error::InvalidKey(_))), "{key} was accepted");
        }
    }
}
