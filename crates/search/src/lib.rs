//! gongkai-search: full-text search over proactively disclosed items (主动公开目录), with
//! Chinese word segmentation.
//!
//! The index is **derived data** (DESIGN §1): each node keeps its own tantivy index, fed by one
//! indexer task from the outbox, and `gongkai reindex` rebuilds it at any time
//! ([`Indexer::delete_all`], [`Indexer::upsert`] every item, [`Indexer::commit`],
//! [`Indexer::finish`]). Nothing here is a source of truth.
//!
//! Reading order:
//! - `item`: [`ItemDoc`], what the catalogue hands over, and its mapping to a document;
//! - `query`: [`Query`], what a search form asks, and the matching and ranking rules;
//! - `index`: [`SearchIndex`], opening, the shared reader, result order and pages;
//! - `indexer`: [`Indexer`], the one writer per index;
//! - `results`: [`Hit`], [`Facets`] and [`Results`];
//! - `facets`: the counts by filter value, from the fast fields;
//! - `snippet`: HTML excerpts with `<mark>` around matches, everything else escaped;
//! - [`dictionary`], `jieba_tokenizer`, `ngram_tokenizer`, `schema`: how text is analysed and
//!   stored;
//! - `error`: [`Error`], the one error type.

pub mod dictionary;
mod error;
mod facets;
mod index;
mod indexer;
mod item;
mod jieba_tokenizer;
mod ngram_tokenizer;
mod query;
mod results;
mod schema;
mod snippet;

pub use error::Error;
pub use index::{MAX_PER_PAGE, SearchIndex, VERSION_FILE, WRITER_MEMORY_BYTES};
pub use indexer::Indexer;
pub use item::{ItemDoc, SUBJECT_SEPARATOR};
pub use query::{MAX_QUERY_CHARS, MAX_TERMS, Query, Sort};
pub use results::{Facets, Hit, Results};
pub use schema::ANALYSIS_VERSION;
pub use snippet::{SNIPPET_CHARS, mark_all};
