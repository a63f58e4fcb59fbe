//! Which backend a blob store URL names, and the S3 configuration taken from the environment.
//!
//! Parsing is pure (no directory is created, nothing is contacted) so that it can be tested here,
//! where no S3 service is reachable.

use std::path::{Path, PathBuf};

use object_store::ClientConfigKey;
use object_store::aws::{AmazonS3Builder, AmazonS3ConfigKey};

use crate::error::Error;

/// The backend named by a blob store URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Location {
    Local(PathBuf),
    Memory,
    /// `prefix` has no leading or trailing slash; empty for the bucket root.
    S3 {
        bucket: String,
        prefix: String,
    },
}

impl Location {
    pub(super) fn parse(url: &str, data_dir: &Path) -> Result<Location, Error> {
        let invalid = |reason: &str| Error::InvalidUrl { url: url.to_owned(), reason: reason.to_owned() };
        let url_text = url.trim();
        if url_text.is_empty() {
            return Ok(Location::Local(data_dir.join("blobs")));
        }
        let parsed = url::Url::parse(url_text).map_err(|_| {
            invalid("expected file:///absolute/path, s3://bucket/prefix, memory:// or nothing (local disk under the data directory)")
        })?;
        if parsed.query().is_some() || parsed.fragment().is_some() {
            return Err(invalid("a query string or fragment is not allowed"));
        }
        match parsed.scheme() {
            "file" => {
                if !matches!(parsed.host_str(), None | Some("") | Some("localhost")) {
                    return Err(invalid("a file URL names a local path: file:///absolute/path"));
                }
                let path = parsed.to_file_path().map_err(|()| invalid("not a local absolute path"))?;
                Ok(Location::Local(path))
            }
            "memory" => Ok(Location::Memory),
            "s3" => {
                let bucket = parsed.host_str().unwrap_or_default();
                if bucket.is_empty() {
                    return Err(invalid("the bucket is missing: s3://bucket/prefix"));
                }
                let prefix = parsed.path().trim_matches('/');
                let bad_segment = |segment: &str| segment.is_empty() || segment == "." || segment == "..";
                if !prefix.is_empty() && prefix.split('/').any(bad_segment) {
                    return Err(invalid("the prefix has an empty, '.' or '..' segment"));
                }
                Ok(Location::S3 { bucket: bucket.to_owned(), prefix: prefix.to_owned() })
            }
            other => Err(invalid(&format!("unsupported scheme {other:?}: use file, s3 or memory"))),
        }
    }
}

/// The process environment, leaving out variables that are not Unicode (`std::env::vars` would
/// panic on them; no `AWS_*` setting is ever such a variable).
pub(super) fn unicode_env() -> impl Iterator<Item = (String, String)> {
    std::env::vars_os().filter_map(|(name, value)| Some((name.into_string().ok()?, value.into_string().ok()?)))
}

/// An S3 client configuration for `bucket` from `AWS_*` variables (`env` is `std::env::vars()` in
/// production). Path-style requests (what MinIO expects) are object_store's default; an `http://`
/// endpoint is allowed unless `AWS_ALLOW_HTTP` says otherwise.
pub(super) fn s3_builder(bucket: &str, env: impl IntoIterator<Item = (String, String)>) -> AmazonS3Builder {
    let http_setting = AmazonS3ConfigKey::Client(ClientConfigKey::AllowHttp);
    let mut builder = AmazonS3Builder::new();
    let mut http_explicit = false;
    for (name, value) in env {
        if !name.starts_with("AWS_") {
            continue;
        }
        if let Ok(key) = name.to_ascii_lowercase().parse::<AmazonS3ConfigKey>() {
            http_explicit |= key == http_setting;
            builder = builder.with_config(key, value);
        }
    }
    let plain_http = builder
        .get_config_value(&AmazonS3ConfigKey::Endpoint)
        .is_some_and(|endpoint| endpoint.to_ascii_lowercase().starts_with("http://"));
    if plain_http && !http_explicit {
        builder = builder.with_config(http_setting, "true");
    }
    builder.with_bucket_name(bucket)
}

#[cfg(test)]
mod tests {
    //! No S3 service is reachable where these tests run: they check the URL parsing and the
    //! configuration handed to object_store, not a round trip.

    use super::*;

    fn parse(url: &str) -> Result<Location, Error> {
        Location::parse(url, Path::new("/srv/gongkai"))
    }

    fn env(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    #[test]
    fn an_empty_url_means_local_disk_under_the_data_directory() {
        assert_eq!(parse("").unwrap(), Location::Local(PathBuf::from("/srv/gongkai/blobs")));
        assert_eq!(parse("  ").unwrap(), Location::Local(PathBuf::from("/srv/gongkai/blobs")));
    }

    #[test]
    fn a_file_url_names_a_local_directory_with_percent_escapes_decoded() {
        assert_eq!(
            parse("file:///var/lib/gongkai/blobs").unwrap(),
            Location::Local(PathBuf::from("/var/lib/gongkai/blobs"))
        );
        assert_eq!(parse("file:///data/%E9%99%84%E4%BB%B6").unwrap(), Location::Local(PathBuf::from("/data/附件")));
        assert_eq!(parse("file://localhost/data").unwrap(), Location::Local(PathBuf::from("/data")));
    }

    #[test]
    fn an_s3_url_gives_the_bucket_and_an_optional_prefix() {
        assert_eq!(
            parse("s3://gongkai-attachments/province/blobs/").unwrap(),
            Location::S3 { bucket: "gongkai-attachments".into(), prefix: "province/blobs".into() }
        );
        assert_eq!(parse("s3://bucket").unwrap(), Location::S3 { bucket: "bucket".into(), prefix: String::new() });
        assert_eq!(parse("s3://bucket/").unwrap(), Location::S3 { bucket: "bucket".into(), prefix: String::new() });
    }

    #[test]
    fn urls_we_cannot_use_are_refused_with_the_reason() {
        for url in [
            "s3:///prefix",
            "s3://bucket/a//b",
            "s3://bucket/a?versionId=1",
            "ftp://host/x",
            "gs://bucket",
            "file://server/share",
            "/var/lib/blobs",
            "blobs",
        ] {
            match parse(url) {
                Err(Error::InvalidUrl { url: reported, reason }) => {
                    assert_eq!(reported, url);
                    assert!(!reason.is_empty());
                }
                other => panic!("{url} gave {other:?}"),
            }
        }
    }

    #[test]
    fn s3_settings_come_from_the_usual_aws_variables() {
        let builder = s3_builder(
            "bucket",
            env(&[
                ("AWS_ENDPOINT_URL", "https://s3.example.gov.cn"),
                ("AWS_REGION", "cn-north-1"),
                ("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE"),
                ("AWS_SECRET_ACCESS_KEY", "secret"),
                ("HOME", "/root"),
            ]),
        );
        let get = |key| builder.get_config_value(&key);
        assert_eq!(get(AmazonS3ConfigKey::Bucket).as_deref(), Some("bucket"));
        assert_eq!(get(AmazonS3ConfigKey::Endpoint).as_deref(), Some("https://s3.example.gov.cn"));
        assert_eq!(get(AmazonS3ConfigKey::Region).as_deref(), Some("cn-north-1"));
        assert_eq!(get(AmazonS3ConfigKey::AccessKeyId).as_deref(), Some("AKIDEXAMPLE"));
        assert_eq!(get(AmazonS3ConfigKey::SecretAccessKey).as_deref(), Some("secret"));
        assert_ne!(get(AmazonS3ConfigKey::Client(ClientConfigKey::AllowHttp)).as_deref(), Some("true"));
    }

    #[test]
    fn an_http_endpoint_such_as_minio_is_allowed_unless_the_environment_forbids_it() {
        let minio = s3_builder("b", env(&[("AWS_ENDPOINT", "http://127.0.0.1:9000")]));
        let allow_http = AmazonS3ConfigKey::Client(ClientConfigKey::AllowHttp);
        assert_eq!(minio.get_config_value(&allow_http).as_deref(), Some("true"));
        let forbidden = s3_builder("b", env(&[("AWS_ENDPOINT", "http://127.0.0.1:9000"), ("AWS_ALLOW_HTTP", "false")]));
        assert_eq!(forbidden.get_config_value(&allow_http).as_deref(), Some("false"));
    }

    #[test]
    fn an_s3_store_is_built_without_contacting_the_service() {
        let env = env(&[
            ("AWS_ENDPOINT", "http://127.0.0.1:9"),
            ("AWS_ACCESS_KEY_ID", "minio"),
            ("AWS_SECRET_ACCESS_KEY", "minio123"),
        ]);
        s3_builder("bucket", env).build().unwrap();
    }
}
