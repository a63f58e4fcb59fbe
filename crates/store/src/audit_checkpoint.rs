//! Signed checkpoints of the audit chain, kept outside the database.
//!
//! The chain of [`crate::audit`] proves that the records agree with each other, but someone with
//! write access to the database can edit a record and recompute every later hash and the head,
//! cut records off the end and fix the head, or renumber them: the chain alone still verifies. A
//! checkpoint is the head (its sequence number and hash) at a moment, signed with an Ed25519 key
//! that is not in the database (`audit-key` in the data directory, or `GONGKAI_AUDIT_KEY`), and
//! appended to a file outside the database (`audit-checkpoints.jsonl`), like the signed tree
//! heads of certificate-transparency logs. A rewrite at or before a checkpoint, or a cut past
//! it, then no longer matches a signature the rewriter cannot make. Checkpoints are taken every
//! few minutes when the log has grown, after every annual report publication, and by
//! `gongkai audit checkpoint`; the file can be copied to the parent agency as its witness.
//!
//! What it cannot catch: a rewrite of records after the last checkpoint, by someone who also
//! holds the key (keep the key's file readable by the service account only).

use std::io::Write;
use std::path::{Path, PathBuf};

use rand::RngCore;
use ring::signature::{ED25519, Ed25519KeyPair, KeyPair, UnparsedPublicKey};
use serde::{Deserialize, Serialize};
use sqlx::Row;

use crate::db::Db;
use crate::error::{Error, Result};
use crate::timestamp;

/// The secret that signs checkpoints.
pub struct CheckpointKey {
    pair: Ed25519KeyPair,
}

impl std::fmt::Debug for CheckpointKey {
    /// Shows the public half only.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "CheckpointKey(public {})", self.public_hex())
    }
}

fn bad_key() -> Error {
    Error::Internal("审计签名密钥应为64位十六进制数字（GONGKAI_AUDIT_KEY 或数据目录中的 audit-key 文件）".into())
}

impl CheckpointKey {
    fn from_seed(seed: &[u8; 32]) -> Result<CheckpointKey> {
        Ed25519KeyPair::from_seed_unchecked(seed).map(|pair| CheckpointKey { pair }).map_err(|_| bad_key())
    }

    /// A fresh random key.
    pub fn generate() -> CheckpointKey {
        let mut seed = [0u8; 32];
        rand::rng().fill_bytes(&mut seed);
        CheckpointKey::from_seed(&seed).expect("any 32 bytes are a seed")
    }

    /// A key written as the 64 hexadecimal digits of its seed.
    pub fn from_hex(text: &str) -> Result<CheckpointKey> {
        let bytes = hex::decode(text.trim()).map_err(|_| bad_key())?;
        let seed: [u8; 32] = bytes.try_into().map_err(|_| bad_key())?;
        CheckpointKey::from_seed(&seed)
    }

    /// The key in `path`, created (readable by the owner only) when the file does not exist.
    pub fn load_or_create(path: &Path) -> Result<CheckpointKey> {
        match std::fs::read_to_string(path) {
            Ok(text) => CheckpointKey::from_hex(&text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let mut seed = [0u8; 32];
                rand::rng().fill_bytes(&mut seed);
                crate::request::query_key::write_private(path, &hex::encode(seed))
                    .map_err(|e| Error::Internal(format!("cannot write {}: {e}", path.display())))?;
                CheckpointKey::from_seed(&seed)
            }
            Err(e) => Err(Error::Internal(format!("cannot read {}: {e}", path.display()))),
        }
    }

    /// The public half, hexadecimal (given to whoever checks the checkpoints).
    pub fn public_hex(&self) -> String {
        hex::encode(self.pair.public_key().as_ref())
    }
}

/// Where a node keeps its checkpoints, and the key it signs them with.
#[derive(Debug, Clone)]
pub struct CheckpointLog {
    pub key: std::sync::Arc<CheckpointKey>,
    pub file: PathBuf,
}

/// One signed head of the chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checkpoint {
    /// The sequence number of the last record covered.
    pub seq: i64,
    /// That record's hash.
    pub hash: String,
    /// When it was signed (RFC 3339, UTC).
    pub at: String,
    /// Why it was taken (`periodic`, `report_published`, `manual`).
    pub reason: String,
    pub public_key: String,
    pub signature: String,
}

fn message(seq: i64, hash: &str, at: &str) -> Vec<u8> {
    format!("gongkai-audit-checkpoint\n{seq}\n{hash}\n{at}").into_bytes()
}

impl Checkpoint {
    /// Whether the signature is `public_key`'s over this checkpoint's content.
    pub fn signed_by(&self, public_key: &str) -> bool {
        let (Ok(public), Ok(signature)) = (hex::decode(public_key), hex::decode(&self.signature)) else {
            return false;
        };
        self.public_key == public_key
            && UnparsedPublicKey::new(&ED25519, public)
                .verify(&message(self.seq, &self.hash, &self.at), &signature)
                .is_ok()
    }
}

impl CheckpointLog {
    /// Signs the current head and appends it to the file, unless the head is where the last
    /// checkpoint left it (or the log is empty). Returns the new checkpoint.
    pub async fn take(&self, db: &Db, reason: &str) -> Result<Option<Checkpoint>> {
        let head = sqlx::query("select seq, hash from audit_head where id = 1").fetch_one(db.reader()).await?;
        let (seq, hash): (i64, String) = (head.try_get("seq")?, head.try_get("hash")?);
        if seq == 0 || self.read()?.last().is_some_and(|c| c.seq == seq && c.hash == hash) {
            return Ok(None);
        }
        let at = timestamp::now();
        let signature = hex::encode(self.key.pair.sign(&message(seq, &hash, &at)).as_ref());
        let checkpoint =
            Checkpoint { seq, hash, at, reason: reason.to_owned(), public_key: self.key.public_hex(), signature };
        let line = serde_json::to_string(&checkpoint).map_err(|e| Error::Internal(e.to_string()))?;
        let write = || -> std::io::Result<()> {
            let mut file = std::fs::OpenOptions::new().create(true).append(true).open(&self.file)?;
            writeln!(file, "{line}")?;
            file.sync_all()
        };
        write().map_err(|e| Error::Internal(format!("cannot write {}: {e}", self.file.display())))?;
        Ok(Some(checkpoint))
    }

    /// Every checkpoint in the file, oldest first (none when there is no file yet).
    pub fn read(&self) -> Result<Vec<Checkpoint>> {
        read_file(&self.file)
    }
}

/// The checkpoints of a file (a node's own, or a copy the parent agency kept).
pub fn read_file(path: &Path) -> Result<Vec<Checkpoint>> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::Internal(format!("cannot read {}: {e}", path.display()))),
    };
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l)
                .map_err(|e| Error::Internal(format!("{} line {}: not a checkpoint ({e})", path.display(), i + 1)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_checkpoint_verifies_only_under_its_key_and_content() {
        let key = CheckpointKey::generate();
        let at = "2026-12-02T07:00:00Z";
        let signature = hex::encode(key.pair.sign(&message(7, "ab", at)).as_ref());
        let c = Checkpoint {
            seq: 7,
            hash: "ab".into(),
            at: at.into(),
            reason: "manual".into(),
            public_key: key.public_hex(),
            signature,
        };
        assert!(c.signed_by(&key.public_hex()));
        assert!(!c.signed_by(&CheckpointKey::generate().public_hex()), "another key");
        assert!(!Checkpoint { seq: 8, ..c.clone() }.signed_by(&key.public_hex()), "another head");
        assert!(!Checkpoint { hash: "ac".into(), ..c.clone() }.signed_by(&key.public_hex()));
        let again = CheckpointKey::from_hex(&"11".repeat(32)).unwrap();
        assert_eq!(again.public_hex(), CheckpointKey::from_hex(&"11".repeat(32)).unwrap().public_hex());
        assert!(CheckpointKey::from_hex("xyz").is_err());
    }
}
