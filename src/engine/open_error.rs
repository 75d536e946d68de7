//! Why a table could not be opened, each reason with its own fix: found before an engine
//! reads the table where the files tell ([`check_files`]: no file at the path, a folder
//! with no Parquet files, a file that is not readable Parquet, columns of the layout
//! missing or of another type), or said by the engine in words (a cluster that does
//! not answer, [`in_words`]).

use std::path::{Path, PathBuf};

use datafusion::arrow::datatypes::DataType;

use super::layout;

/// Why a table could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// Nothing is at the path.
    #[error("no file or folder at {0}")]
    NotFound(String),
    /// A folder with no Parquet files in it.
    #[error("{0} holds no Parquet files")]
    NoParquet(String),
    /// A file that is not readable Parquet: cut short, damaged, or something else.
    #[error("{file} is not a readable Parquet file ({why})")]
    Unreadable {
        /// The file.
        file: String,
        /// What the Parquet reader said.
        why: String,
    },
    /// The table lacks columns of the layout.
    #[error(
        "{file} has no column {missing} (it is not in Claimline's layout)",
        missing = .missing.join(", ")
    )]
    MissingColumns {
        /// The file.
        file: String,
        /// The columns it lacks.
        missing: Vec<String>,
    },
    /// Columns of the layout hold another type than the layout's.
    #[error("{file}: {}", .columns.join("; "))]
    WrongTypes {
        /// The file.
        file: String,
        /// Each column, what it holds and what the layout has.
        columns: Vec<String>,
    },
    /// A cluster could not be reached, or failed: what happened, in words.
    #[error("{0}")]
    Cluster(String),
    /// The query engine on this machine failed.
    #[error("{0}")]
    Engine(String),
    /// What was asked is not asked of this engine: what.
    #[error("{0}")]
    Unsupported(String),
    /// Object storage (`s3://…`) could not be asked: why, in words, with its fix.
    #[error("{0}")]
    Storage(String),
}

impl OpenError {
    /// How to fix it.
    pub fn help(&self, path: &Path) -> String {
        let convert_again = || {
            format!(
                "convert the table again: `claimline convert INPUT -o {}`",
                path.display()
            )
        };
        match self {
            Self::NotFound(_) => {
                "check the path; a table too big for memory is made with `claimline convert`"
                    .to_owned()
            }
            Self::NoParquet(_) => "give the converted table's .parquet file, or the folder \
                                   holding its files"
                .to_owned(),
            Self::Unreadable { .. } => {
                format!("it may be cut short or damaged: {}", convert_again())
            }
            Self::MissingColumns { .. } => format!(
                "make one with `claimline convert {} -o {}`",
                path.display(),
                converted_name(path).display()
            ),
            Self::WrongTypes { .. } => {
                format!(
                    "it was not written by `claimline convert`: {}",
                    convert_again()
                )
            }
            Self::Cluster(_) => "start the cluster (scripts/cluster.sh start), or open the \
                                 table with --engine local"
                .to_owned(),
            Self::Engine(_) => format!(
                "`claimline check {}` says what is wrong with the table",
                path.display()
            ),
            Self::Storage(_) => "object storage is reached with the AWS_* environment \
                                 variables (README.md, Tables too big for memory)"
                .to_owned(),
            Self::Unsupported(_) => format!(
                "open the table through DataFusion on this machine: `claimline {} --engine local`",
                path.display()
            ),
        }
    }
}

/// The name `convert` suggests for a table's converted form.
fn converted_name(path: &Path) -> PathBuf {
    let stem = path
        .file_stem()
        .map_or_else(|| "table".to_owned(), |s| s.to_string_lossy().into_owned());
    path.with_file_name(format!("{stem}.claimline.parquet"))
}

/// What is wrong with the files of the table at `path` (its events files `files`), read
/// from their footers alone: the first thing wrong, if any.
pub fn check_files(path: &Path, files: &[PathBuf]) -> Result<(), OpenError> {
    match super::store::found(path) {
        Ok(super::store::Found::Nothing) => {
            return Err(OpenError::NotFound(path.display().to_string()));
        }
        Err(e) => return Err(OpenError::Storage(e.to_string())),
        Ok(_) => {}
    }
    if files.is_empty() {
        return Err(OpenError::NoParquet(path.display().to_string()));
    }
    let expected = layout::schema();
    for f in files {
        let file = f.display().to_string();
        let unreadable = |why: String| OpenError::Unreadable {
            file: file.clone(),
            why,
        };
        let schema = match super::store::footer(f) {
            Ok(footer) => footer.schema,
            Err(super::store::StoreError::Failed { why, .. }) => return Err(unreadable(why)),
            Err(e) => return Err(OpenError::Storage(e.to_string())),
        };
        let names: Vec<String> = schema.fields().iter().map(|c| c.name().clone()).collect();
        let missing = layout::missing_read(&names);
        if !missing.is_empty() {
            return Err(OpenError::MissingColumns { file, missing });
        }
        let columns: Vec<String> = schema
            .fields()
            .iter()
            .filter_map(|found| {
                let want = expected.field_with_name(found.name()).ok()?;
                let (has, needs) = (family(found.data_type()), family(want.data_type()));
                (has != needs).then(|| {
                    format!(
                        "column {} holds {has} where the layout has {needs}",
                        found.name()
                    )
                })
            })
            .collect();
        if !columns.is_empty() {
            return Err(OpenError::WrongTypes { file, columns });
        }
    }
    Ok(())
}

/// A column type in words, the same for the ways Arrow may read one type back (text as
/// `Utf8` or `Utf8View`, lists as `List` or `LargeList`).
fn family(t: &DataType) -> String {
    match t {
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View => "text".to_owned(),
        DataType::List(f)
        | DataType::LargeList(f)
        | DataType::ListView(f)
        | DataType::LargeListView(f)
        | DataType::FixedSizeList(f, _) => format!("lists of {}", family(f.data_type())),
        DataType::Dictionary(_, values) => family(values),
        DataType::Boolean => "true or false".to_owned(),
        DataType::Int8 => "small whole numbers (Int8)".to_owned(),
        DataType::Int32 => "whole numbers (Int32)".to_owned(),
        DataType::UInt32 => "whole numbers from 0 (UInt32)".to_owned(),
        DataType::Float64 => "decimal numbers (Float64)".to_owned(),
        other => other.to_string(),
    }
}

/// A cluster's failure `e` in words where it is a transport failure the engine reports
/// in its own terms (`tonic::transport::Error(Transport, ConnectError(…))`).
pub fn in_words(url: &str, e: &str) -> String {
    let said = transport_in_words(url, e);
    match job_of(e) {
        Some(job) => {
            format!("{said} (Ballista job {job}: the scheduler's and executors' logs name it)")
        }
        None => said,
    }
}

/// The Ballista job a failure names ("Job uoe5Xr4 failed: …"), if any.
fn job_of(e: &str) -> Option<&str> {
    let at = e.find("Job ")?;
    let rest = &e[at + 4..];
    let id = rest.split_whitespace().next()?;
    let after = rest[id.len()..].trim_start();
    (after.starts_with("failed")
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'))
    .then_some(id)
}

fn transport_in_words(url: &str, e: &str) -> String {
    let lower = e.to_lowercase();
    if lower.contains("connection refused") || lower.contains("connectionrefused") {
        format!("nothing answered at {url} (the connection was refused): is the scheduler running?")
    } else if ["frame_size_error", "protocol_error", "invalid http"]
        .iter()
        .any(|w| lower.contains(w))
    {
        format!(
            "something answers at {url}, but not as a Ballista scheduler does: is it the \
             scheduler's port?"
        )
    } else if [
        "connection reset",
        "broken pipe",
        "connection closed",
        "stream closed",
        "goaway",
        "h2 protocol error",
    ]
    .iter()
    .any(|w| lower.contains(w))
    {
        format!("the scheduler at {url} closed the connection mid-query")
    } else if lower.contains("dns error") || lower.contains("failed to lookup address") {
        format!("no machine is known by the name in {url}")
    } else {
        format!("the Ballista cluster at {url} did not answer: {e}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transport_failures_are_said_in_words() {
        let refused = "Execution error: tonic::transport::Error(Transport, ConnectError(ConnectError(\"tcp connect error\", 127.0.0.1:50999, Os { code: 111, kind: ConnectionRefused, message: \"Connection refused\" })))";
        assert_eq!(
            in_words("df://127.0.0.1:50999", refused),
            "nothing answered at df://127.0.0.1:50999 (the connection was refused): is the scheduler running?"
        );
        assert!(in_words("df://h:1", "h2 protocol error: stream closed").contains("mid-query"));
        // An HTTP server on the port, as hyper reports it.
        let http = "Execution error: Status { code: Internal, message: \"h2 protocol error: http2 error\", source: Some(tonic::transport::Error(Transport, hyper::Error(Http2, Error { kind: GoAway(b\"\", FRAME_SIZE_ERROR, Library) }))) }";
        assert_eq!(
            in_words("df://127.0.0.1:52999", http),
            "something answers at df://127.0.0.1:52999, but not as a Ballista scheduler does: is it the scheduler's port?"
        );
        assert!(
            in_words("df://h:1", "planning failed").contains("did not answer: planning failed")
        );
        // A job that failed on the cluster is named, so its logs can be found.
        let failed = "Execution error: Job Qx7pAbc failed: Task 3 failed: executor lost";
        assert!(
            in_words("df://h:1", failed)
                .ends_with("(Ballista job Qx7pAbc: the scheduler's and executors' logs name it)"),
            "{}",
            in_words("df://h:1", failed)
        );
        assert!(!in_words("df://h:1", "Job done").contains("Ballista job"));
    }

    #[test]
    fn types_read_back_another_way_are_the_same_family() {
        let list = |t: DataType| {
            DataType::List(std::sync::Arc::new(
                datafusion::arrow::datatypes::Field::new("item", t, true),
            ))
        };
        assert_eq!(family(&DataType::Utf8View), family(&DataType::Utf8));
        assert_eq!(
            family(&list(DataType::Utf8View)),
            family(&list(DataType::Utf8))
        );
        assert_ne!(family(&DataType::Utf8), family(&DataType::Int8));
    }
}
