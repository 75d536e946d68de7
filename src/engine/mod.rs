//! Tables too big for memory (feature `engine`, docs/scaling.md): the columnar layout
//! ([`layout`]), `claimline convert` into it ([`convert`], which sorts through
//! [`sorted_runs`], counts days in [`day_counts`], spans in [`spans`] and places in
//! [`place_counts`]), and the timeline's questions asked
//! of it through a query engine ([`queries`]) — DataFusion on this machine, or a Ballista
//! cluster by URL — with the counts under the filters read once into a [`tally`]; the
//! dataset's header and facets kept in a table's [`footer`], and the document standing
//! for a table in the window ([`shell`]); why a table could not be opened, each reason
//! with its fix ([`open_error`]); where the files are, on this machine or in object storage
//! (`s3://…`, [`store`]).

pub mod convert;
pub mod day_counts;
pub mod footer;
pub mod layout;
pub mod open_error;
pub mod place_counts;
pub mod queries;
pub mod shell;
pub mod sorted_runs;
pub mod spans;
pub mod store;
pub mod tally;

/// The Arrow and Parquet crates the engine is built on (one version for the whole
/// build), for tests and tools that write tables.
pub use datafusion::arrow;
pub use datafusion::parquet;
