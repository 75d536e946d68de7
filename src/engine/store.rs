//! Where a table's files are: on this machine's disks, or in object storage addressed
//! as `s3://BUCKET/KEY` (Amazon S3 or any server that speaks its protocol: MinIO, Ceph,
//! Garage…). On a cluster, executors on other machines share no local path; a bucket
//! they all reach is how a table is given to them.
//!
//! Credentials and the server come from the usual environment variables, read by
//! object_store's S3 client: `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY` (or
//! `AWS_SKIP_SIGNATURE=true` for a public bucket), `AWS_REGION`, and for a server other
//! than Amazon's `AWS_ENDPOINT_URL` (with `AWS_ALLOW_HTTP=true` for plain http).
//!
//! The few things the engine asks of files outside a query — is it there, what is in
//! this folder, what does its footer hold — are asked here, of either kind of place;
//! queries reach the objects through [`Registry`], which DataFusion and claimline-
//! cluster's scheduler and executors are given.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use datafusion::arrow::datatypes::SchemaRef;
use datafusion::execution::object_store::{DefaultObjectStoreRegistry, ObjectStoreRegistry};
use futures::TryStreamExt as _;
use object_store::ObjectStore;
use object_store::ObjectStoreExt as _;
use object_store::path::Path as Key;

/// How an object storage address starts.
pub const S3: &str = "s3://";

/// Whether `path` is an object storage address (`s3://…`), not a path on this machine.
pub fn is_remote(path: &Path) -> bool {
    path.to_str().is_some_and(|p| p.starts_with(S3))
}

/// Why object storage could not be asked.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    /// The address has no bucket (`s3://` or `s3:///key`).
    #[error(
        "{0} names no bucket: write object storage addresses as s3://BUCKET/PATH/TO/table.parquet"
    )]
    NoBucket(String),
    /// No credentials in the environment.
    #[error(
        "no credentials for {0}: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_SKIP_SIGNATURE=true for a public bucket), and AWS_ENDPOINT_URL for a server other than Amazon's"
    )]
    NoCredentials(String),
    /// The bucket is not on the server.
    #[error("the bucket of {0} does not exist on {1}: check the name, or create it")]
    NoSuchBucket(String, String),
    /// The server refused the credentials.
    #[error(
        "{0} refused the credentials for {1} ({2}): check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"
    )]
    Refused(String, String, String),
    /// Nothing answered at the server's address.
    #[error("nothing answered at {0} for {1}: check AWS_ENDPOINT_URL, or that the server runs")]
    NoAnswer(String, String),
    /// Anything else, in the client's words.
    #[error("{what}: {why}")]
    Failed {
        /// What was being asked.
        what: String,
        /// What went wrong.
        why: String,
    },
}

/// The server object storage addresses go to: `AWS_ENDPOINT_URL` (or `AWS_ENDPOINT`),
/// else Amazon's.
fn endpoint() -> String {
    std::env::var("AWS_ENDPOINT_URL")
        .or_else(|_| std::env::var("AWS_ENDPOINT"))
        .unwrap_or_else(|_| "Amazon S3".to_owned())
}

/// Whether the environment holds something to sign requests with (or says not to).
fn has_credentials() -> bool {
    let set = |k: &str| std::env::var(k).is_ok_and(|v| !v.trim().is_empty());
    (set("AWS_ACCESS_KEY_ID") && set("AWS_SECRET_ACCESS_KEY"))
        || std::env::var("AWS_SKIP_SIGNATURE").is_ok_and(|v| v == "true" || v == "1")
        || set("AWS_WEB_IDENTITY_TOKEN_FILE")
        || set("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")
        || set("AWS_CONTAINER_CREDENTIALS_FULL_URI")
}

/// An object storage address split into its bucket and key.
struct Address {
    bucket: String,
    key: String,
}

fn address(path: &Path) -> Result<Address, StoreError> {
    let text = path.to_string_lossy();
    let rest = text.strip_prefix(S3).unwrap_or(&text);
    let (bucket, key) = rest.split_once('/').unwrap_or((rest, ""));
    if bucket.is_empty() {
        return Err(StoreError::NoBucket(text.into_owned()));
    }
    Ok(Address {
        bucket: bucket.to_owned(),
        key: key.trim_end_matches('/').to_owned(),
    })
}

/// An S3 client for `bucket`, configured from the environment; requests give up after
/// two retries and 10 s, so a server that is not there is said within seconds.
pub fn s3_store(bucket: &str) -> Result<Arc<dyn ObjectStore>, StoreError> {
    let whole = format!("{S3}{bucket}");
    if bucket.is_empty() {
        return Err(StoreError::NoBucket(whole));
    }
    if !has_credentials() {
        return Err(StoreError::NoCredentials(whole));
    }
    // Once per process; an error means another provider was installed first, which
    // serves as well.
    static TLS: std::sync::Once = std::sync::Once::new();
    #[expect(
        deprecated,
        reason = "ring is the provider built here (rustls keeps it, without post-quantum key exchange); aws-lc-rs would add a C and CMake build"
    )]
    TLS.call_once(|| {
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
    let retry = object_store::RetryConfig {
        max_retries: 2,
        retry_timeout: Duration::from_secs(10),
        ..object_store::RetryConfig::default()
    };
    // Set as keys: client options given whole would drop those of the environment
    // (AWS_ALLOW_HTTP among them).
    let client = |key| object_store::aws::AmazonS3ConfigKey::Client(key);
    object_store::aws::AmazonS3Builder::from_env()
        .with_bucket_name(bucket)
        .with_retry(retry)
        .with_config(client(object_store::ClientConfigKey::ConnectTimeout), "5s")
        .with_config(client(object_store::ClientConfigKey::Timeout), "60s")
        .build()
        .map(|s| Arc::new(s) as Arc<dyn ObjectStore>)
        .map_err(|e| StoreError::Failed {
            what: format!("setting up the S3 client for {whole}"),
            why: e.to_string(),
        })
}

/// A client's error in words: a missing bucket, refused credentials and a server that
/// does not answer each said as such.
fn in_words(what: &str, e: &object_store::Error) -> StoreError {
    let text = format!("{e}");
    let debug = format!("{e:?}");
    let all = format!("{text} {debug}");
    if all.contains("NoSuchBucket") {
        return StoreError::NoSuchBucket(what.to_owned(), endpoint());
    }
    if all.contains("InvalidAccessKeyId")
        || all.contains("SignatureDoesNotMatch")
        || all.contains("AccessDenied")
        || matches!(
            e,
            object_store::Error::PermissionDenied { .. }
                | object_store::Error::Unauthenticated { .. }
        )
    {
        let code = [
            "InvalidAccessKeyId",
            "SignatureDoesNotMatch",
            "AccessDenied",
        ]
        .into_iter()
        .find(|c| all.contains(c))
        .unwrap_or("refused");
        return StoreError::Refused(endpoint(), what.to_owned(), code.to_owned());
    }
    if all.contains("Connection refused")
        || all.contains("ConnectError")
        || all.contains("error sending request")
        || all.contains("dns error")
    {
        return StoreError::NoAnswer(endpoint(), what.to_owned());
    }
    // The client's own words end at "HTTP error: builder error"; the cause is deeper.
    let mut why = text;
    let mut source = std::error::Error::source(e);
    while let Some(inner) = source {
        let said = inner.to_string();
        if !why.contains(&said) {
            why = format!("{why}: {said}");
        }
        source = inner.source();
    }
    StoreError::Failed {
        what: what.to_owned(),
        why,
    }
}

/// Runs `work` to its end on a runtime of its own, on a thread of its own: callable
/// from inside another runtime's task as from plain code.
fn block_on<T: Send>(work: impl Future<Output = T> + Send) -> Result<T, StoreError> {
    std::thread::scope(|s| {
        s.spawn(|| {
            tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map(|rt| rt.block_on(work))
        })
        .join()
    })
    .map_err(|_| StoreError::Failed {
        what: "asking object storage".to_owned(),
        why: "the request's thread stopped".to_owned(),
    })?
    .map_err(|e| StoreError::Failed {
        what: "asking object storage".to_owned(),
        why: format!("could not start a runtime: {e}"),
    })
}

/// The store and key `path` names.
fn remote(path: &Path) -> Result<(Arc<dyn ObjectStore>, Key, Address), StoreError> {
    let a = address(path)?;
    let store = s3_store(&a.bucket)?;
    let key = Key::from(a.key.as_str());
    Ok((store, key, a))
}

/// What is at `path`: nothing, a file (an object), or a folder (objects under
/// `path/`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Found {
    /// Nothing.
    Nothing,
    /// A file.
    File,
    /// A folder.
    Folder,
}

/// What is at `path`, on this machine or in object storage.
pub fn found(path: &Path) -> Result<Found, StoreError> {
    if !is_remote(path) {
        return Ok(if path.is_dir() {
            Found::Folder
        } else if path.exists() {
            Found::File
        } else {
            Found::Nothing
        });
    }
    let (store, key, a) = remote(path)?;
    let what = path.display().to_string();
    block_on(async move {
        if !a.key.is_empty() && !path.to_string_lossy().ends_with('/') {
            match store.head(&key).await {
                Ok(_) => return Ok(Found::File),
                Err(object_store::Error::NotFound { .. }) => {}
                Err(e) => return Err(in_words(&what, &e)),
            }
        }
        let prefix = (!a.key.is_empty()).then_some(&key);
        match store.list(prefix).try_next().await {
            Ok(Some(_)) => Ok(Found::Folder),
            Ok(None) => Ok(Found::Nothing),
            Err(e) => Err(in_words(&what, &e)),
        }
    })?
}

/// Whether there is a file or folder at `path` (`false` when it cannot be asked).
pub fn exists(path: &Path) -> bool {
    found(path).is_ok_and(|f| f != Found::Nothing)
}

/// Whether `path` is a folder (`false` when it cannot be asked).
pub fn is_folder(path: &Path) -> bool {
    found(path).is_ok_and(|f| f == Found::Folder)
}

/// The files directly in the folder `path`, sorted by name (empty when it cannot be
/// read).
pub fn list_folder(path: &Path) -> Vec<PathBuf> {
    if !is_remote(path) {
        let mut files: Vec<PathBuf> = std::fs::read_dir(path)
            .into_iter()
            .flatten()
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.is_file())
            .collect();
        files.sort();
        return files;
    }
    let Ok((store, key, a)) = remote(path) else {
        return Vec::new();
    };
    let listed = block_on(async move {
        let prefix = (!a.key.is_empty()).then_some(&key);
        store.list_with_delimiter(prefix).await.map(|l| {
            l.objects
                .into_iter()
                .map(|o| o.location)
                .collect::<Vec<_>>()
        })
    });
    let mut files: Vec<PathBuf> = match listed {
        Ok(Ok(keys)) => keys
            .iter()
            .map(|k| PathBuf::from(format!("{S3}{}/{k}", address_bucket(path))))
            .collect(),
        _ => Vec::new(),
    };
    files.sort();
    files
}

fn address_bucket(path: &Path) -> String {
    address(path).map(|a| a.bucket).unwrap_or_default()
}

/// What a Parquet file's footer says: its columns and its key-value metadata.
pub struct Footer {
    /// The columns, as Arrow reads them.
    pub schema: SchemaRef,
    /// The key-value metadata (`claimline.tie`, the dataset's header…).
    pub metadata: HashMap<String, String>,
}

/// The footer of the Parquet file at `file`, on this machine or in object storage:
/// only the footer is read.
pub fn footer(file: &Path) -> Result<Footer, StoreError> {
    use datafusion::parquet::arrow::arrow_reader::ArrowReaderMetadata;
    use datafusion::parquet::file::metadata::{FooterTail, ParquetMetaDataReader};
    let what = file.display().to_string();
    let failed = |why: String| StoreError::Failed {
        what: what.clone(),
        why,
    };
    let read = if is_remote(file) {
        let (store, key, _) = remote(file)?;
        let w = what.clone();
        // The last 8 bytes give the footer's length; the footer is fetched alone.
        let footer = block_on(async move {
            let size = store.head(&key).await.map_err(|e| in_words(&w, &e))?.size;
            let end = store
                .get_range(&key, size.saturating_sub(FOOTER_TAIL)..size)
                .await
                .map_err(|e| in_words(&w, &e))?;
            let tail: [u8; 8] = end
                .as_ref()
                .try_into()
                .map_err(|_| failed_on(&w, "shorter than a Parquet footer"))?;
            let length = FooterTail::try_new(&tail)
                .map_err(|e| failed_on(&w, &e.to_string()))?
                .metadata_length() as u64;
            let start = size
                .checked_sub(FOOTER_TAIL + length)
                .ok_or_else(|| failed_on(&w, "its footer says it is longer than it is"))?;
            store
                .get_range(&key, start..size - FOOTER_TAIL)
                .await
                .map_err(|e| in_words(&w, &e))
        })??;
        let decoded =
            ParquetMetaDataReader::decode_metadata(&footer).map_err(|e| failed(e.to_string()))?;
        ArrowReaderMetadata::try_new(Arc::new(decoded), Default::default())
            .map_err(|e| failed(e.to_string()))?
    } else {
        let opened = std::fs::File::open(file).map_err(|e| failed(e.to_string()))?;
        ArrowReaderMetadata::load(&opened, Default::default()).map_err(|e| failed(e.to_string()))?
    };
    let metadata = read
        .metadata()
        .file_metadata()
        .key_value_metadata()
        .map(|kvs| {
            kvs.iter()
                .filter_map(|kv| Some((kv.key.clone(), kv.value.clone()?)))
                .collect()
        })
        .unwrap_or_default();
    Ok(Footer {
        schema: read.schema().clone(),
        metadata,
    })
}

/// The bytes at the end of a Parquet file after its footer: the footer's length and
/// the magic `PAR1`.
const FOOTER_TAIL: u64 = 8;

fn failed_on(what: &str, why: &str) -> StoreError {
    StoreError::Failed {
        what: what.to_owned(),
        why: why.to_owned(),
    }
}

/// Copies the object at `from` to the file `to` on this machine, as it streams in.
pub fn download(from: &Path, to: &Path) -> Result<u64, StoreError> {
    use std::io::Write as _;
    let (store, key, _) = remote(from)?;
    let what = from.display().to_string();
    let mut file = std::fs::File::create(to).map_err(|e| StoreError::Failed {
        what: format!("writing {}", to.display()),
        why: e.to_string(),
    })?;
    block_on(async move {
        let got = store.get(&key).await.map_err(|e| in_words(&what, &e))?;
        let mut stream = got.into_stream();
        let mut n = 0u64;
        while let Some(chunk) = stream.try_next().await.map_err(|e| in_words(&what, &e))? {
            file.write_all(&chunk).map_err(|e| StoreError::Failed {
                what: "writing a downloaded copy".to_owned(),
                why: e.to_string(),
            })?;
            n += chunk.len() as u64;
        }
        Ok(n)
    })?
}

/// Copies the file `from` on this machine to the object `to`, in parts of 16 MiB.
pub fn upload(from: &Path, to: &Path) -> Result<(), StoreError> {
    use std::io::Read as _;
    let (store, key, _) = remote(to)?;
    let what = to.display().to_string();
    let mut file = std::fs::File::open(from).map_err(|e| StoreError::Failed {
        what: format!("reading {}", from.display()),
        why: e.to_string(),
    })?;
    block_on(async move {
        let upload = store
            .put_multipart(&key)
            .await
            .map_err(|e| in_words(&what, &e))?;
        let mut parts = object_store::WriteMultipart::new_with_chunk_size(upload, 16 << 20);
        let mut buf = vec![0u8; 1 << 20];
        loop {
            let n = file.read(&mut buf).map_err(|e| StoreError::Failed {
                what: format!("reading {}", from.display()),
                why: e.to_string(),
            })?;
            if n == 0 {
                break;
            }
            parts
                .wait_for_capacity(4)
                .await
                .map_err(|e| in_words(&what, &e))?;
            parts.write(&buf[..n]);
        }
        parts.finish().await.map_err(|e| in_words(&what, &e))?;
        Ok(())
    })?
}

/// Object stores for queries: this machine's files as DataFusion has them, and an S3
/// client made on first use for each bucket a query names.
#[derive(Debug, Default)]
pub struct Registry {
    known: DefaultObjectStoreRegistry,
}

impl ObjectStoreRegistry for Registry {
    fn register_store(
        &self,
        url: &url::Url,
        store: Arc<dyn ObjectStore>,
    ) -> Option<Arc<dyn ObjectStore>> {
        self.known.register_store(url, store)
    }

    fn get_store(&self, url: &url::Url) -> datafusion::error::Result<Arc<dyn ObjectStore>> {
        if let Ok(store) = self.known.get_store(url) {
            return Ok(store);
        }
        if url.scheme() != "s3" {
            return self.known.get_store(url);
        }
        let bucket = url.host_str().unwrap_or_default();
        let store = s3_store(bucket)
            .map_err(|e| datafusion::error::DataFusionError::Configuration(e.to_string()))?;
        self.known.register_store(url, Arc::clone(&store));
        Ok(store)
    }
}

/// A runtime whose queries reach object storage through a [`Registry`].
pub fn runtime_env()
-> datafusion::error::Result<Arc<datafusion::execution::runtime_env::RuntimeEnv>> {
    datafusion::execution::runtime_env::RuntimeEnvBuilder::new()
        .with_object_store_registry(Arc::new(Registry::default()))
        .build_arc()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_split_into_bucket_and_key_and_a_missing_bucket_is_said() {
        let a = address(Path::new("s3://news/tables/big.parquet")).map_err(|e| e.to_string());
        assert_eq!(
            a.map(|a| (a.bucket, a.key)),
            Ok(("news".to_owned(), "tables/big.parquet".to_owned()))
        );
        let folder = address(Path::new("s3://news/tables/")).map(|a| a.key);
        assert_eq!(folder, Ok("tables".to_owned()));
        let none = address(Path::new("s3:///big.parquet")).map(|a| a.key);
        assert!(matches!(none, Err(StoreError::NoBucket(_))), "{none:?}");
        assert!(is_remote(Path::new("s3://news/x.parquet")));
        assert!(!is_remote(Path::new("/tmp/s3://x")));
        assert!(!is_remote(Path::new("news/x.parquet")));
    }
}
