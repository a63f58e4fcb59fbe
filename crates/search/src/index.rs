//! [`SearchIndex`]: opening an index and searching it.
//!
//! Owns the index directory layout (tantivy's files plus a `gongkai-search-version` file naming
//! the [`ANALYSIS_VERSION`] it was written with), the registration of the tokenizers, the shared
//! reader and the result order:
//! - with words: relevance, then published date (newest first), then id (highest first);
//! - without words: published date, then id, both descending.
//!
//! Ties are always broken by id, so the order is total and pages of the same reader never
//! overlap or skip. `total` counts every match; pages may go as deep as the matches go.
//! A `SearchIndex` is cheap to clone and all clones share one reader: search from any number of
//! threads at once.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use jieba_rs::Jieba;
use tantivy::collector::sort_key::{SortBySimilarityScore, SortByStaticFastValue};
use tantivy::collector::{Count, TopDocs};
use tantivy::directory::MmapDirectory;
use tantivy::schema::Value;
use tantivy::tokenizer::{LowerCaser, RawTokenizer, TextAnalyzer};
use tantivy::{DocAddress, Index, IndexReader, Order, ReloadPolicy, Searcher, TantivyDocument, TantivyError};

use crate::dictionary::shared_jieba;
use crate::error::Error;
use crate::facets;
use crate::indexer::Indexer;
use crate::jieba_tokenizer::{self, JiebaTokenizer};
use crate::ngram_tokenizer::{self, NgramTokenizer};
use crate::query::{self, Query};
use crate::results::{Facets, Hit, Results};
use crate::schema::{self, ANALYSIS_VERSION, Fields, ID_FAST, PUBLISHED_DAY_FAST};
use crate::snippet::snippet;

/// Largest page a search returns.
pub const MAX_PER_PAGE: usize = 1000;
/// Indexing memory of the writer, shared by its threads; a segment is flushed when it is full.
pub const WRITER_MEMORY_BYTES: usize = 128 * 1024 * 1024;
/// Name of the file recording the analysis version in an index directory.
pub const VERSION_FILE: &str = "gongkai-search-version";

/// A search index: on disk (one directory per node) or in memory (tests, demos).
#[derive(Clone)]
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    fields: Fields,
    jieba: Arc<Jieba>,
}

impl SearchIndex {
    /// Opens the index in `dir`, creating the directory and an empty index if needed.
    ///
    /// Fails with [`Error::IncompatibleIndex`] if the directory holds an index written with
    /// another schema or analysis version: it is derived data, so delete it and reindex.
    pub fn open_or_create(dir: &Path) -> Result<SearchIndex, Error> {
        let io = |source| Error::Io { path: dir.to_path_buf(), source };
        std::fs::create_dir_all(dir).map_err(io)?;
        let (schema, fields) = schema::build();
        let directory = MmapDirectory::open(dir)?;
        let version_file = dir.join(VERSION_FILE);
        let exists = Index::exists(&directory).map_err(TantivyError::from)?;
        if exists {
            let found = std::fs::read_to_string(&version_file).ok();
            if found.as_deref().map(str::trim) != Some(ANALYSIS_VERSION) {
                return Err(incompatible(dir, found));
            }
        }
        let index = match Index::open_or_create(directory, schema) {
            Ok(index) => index,
            Err(TantivyError::SchemaError(_)) => {
                return Err(incompatible(dir, Some("(schema differs)".into())));
            }
            Err(err) => return Err(err.into()),
        };
        if !exists {
            std::fs::write(&version_file, ANALYSIS_VERSION).map_err(io)?;
        }
        SearchIndex::with_index(index, fields, ReloadPolicy::OnCommitWithDelay)
    }

    /// A new, empty index held in memory.
    pub fn in_memory() -> Result<SearchIndex, Error> {
        let (schema, fields) = schema::build();
        SearchIndex::with_index(Index::create_in_ram(schema), fields, ReloadPolicy::Manual)
    }

    fn with_index(index: Index, fields: Fields, reload: ReloadPolicy) -> Result<Self, Error> {
        let jieba = shared_jieba();
        index.tokenizers().register(jieba_tokenizer::NAME, JiebaTokenizer::new(jieba.clone()));
        index.tokenizers().register(ngram_tokenizer::NAME, NgramTokenizer);
        index
            .tokenizers()
            .register(schema::RAW_LOWER, TextAnalyzer::builder(RawTokenizer::default()).filter(LowerCaser).build());
        let reader = index.reader_builder().reload_policy(reload).try_into()?;
        Ok(SearchIndex { index, reader, fields, jieba })
    }

    /// The index's one writer. Keep one [`Indexer`] per process, owned by one task; asking
    /// again while it lives fails with [`Error::WriterBusy`].
    pub fn writer(&self) -> Result<Indexer, Error> {
        let writer = self.index.writer(WRITER_MEMORY_BYTES).map_err(|err| match err {
            TantivyError::LockFailure(..) => Error::WriterBusy,
            err => Error::from(err),
        })?;
        Ok(Indexer::new(writer, self.reader.clone(), self.fields))
    }

    /// One page of the items matching `query`, and how many match in all.
    pub fn search(&self, query: &Query) -> Result<Results, Error> {
        let compiled = query::compile(query, &self.fields, &self.jieba);
        let searcher = self.reader.searcher();
        let per_page = query.per_page.clamp(1, MAX_PER_PAGE);
        let offset = query.page.max(1).saturating_sub(1).saturating_mul(per_page);
        let matchable = usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX);
        let facets = if query.facets { Some(self.facets(&searcher, query, &compiled)?) } else { None };
        if offset >= matchable {
            let total = searcher.search(&*compiled.query, &Count)?;
            return Ok(Results { total, hits: Vec::new(), facets });
        }
        let page = TopDocs::with_limit(per_page.min(matchable - offset)).and_offset(offset);
        let newest = (SortByStaticFastValue::<i64>::for_field(PUBLISHED_DAY_FAST), Order::Desc);
        let highest_id = (SortByStaticFastValue::<i64>::for_field(ID_FAST), Order::Desc);
        let (total, addresses): (usize, Vec<DocAddress>) = if compiled.ranked {
            let order = ((SortBySimilarityScore, Order::Desc), newest, highest_id);
            let (total, top) = searcher.search(&*compiled.query, &(Count, page.order_by(order)))?;
            (total, top.into_iter().map(|(_, address)| address).collect())
        } else {
            let order = (newest, highest_id);
            let (total, top) = searcher.search(&*compiled.query, &(Count, page.order_by(order)))?;
            (total, top.into_iter().map(|(_, address)| address).collect())
        };
        let hits = addresses
            .into_iter()
            .map(|address| self.hit(&searcher, address, &compiled.highlight))
            .collect::<Result<_, _>>()?;
        Ok(Results { total, hits, facets })
    }

    /// The facet counts of `query`. A filter's own counts leave that filter out (a visitor who
    /// chose 2024 still sees how many 2023 has), the others apply every filter: one pass for
    /// the unfiltered fields, one per filter chosen.
    fn facets(&self, searcher: &Searcher, query: &Query, compiled: &query::Compiled) -> Result<Facets, Error> {
        let mut facets = facets::count(searcher, &*compiled.query)?;
        let without = |clear: fn(&mut Query)| {
            let mut other = query.clone();
            clear(&mut other);
            let compiled = query::compile(&other, &self.fields, &self.jieba);
            facets::count(searcher, &*compiled.query)
        };
        if query.agency.is_some() {
            facets.agency = without(|q| q.agency = None)?.agency;
        }
        if query.category.is_some() {
            facets.category = without(|q| q.category = None)?.category;
        }
        if query.subject.is_some() {
            facets.subject = without(|q| q.subject = None)?.subject;
        }
        if query.year.is_some() {
            facets.year = without(|q| q.year = None)?.year;
        }
        if query.validity.is_some() {
            facets.validity = without(|q| q.validity = None)?.validity;
        }
        if query.kind.is_some() {
            facets.kind = without(|q| q.kind = None)?.kind;
        }
        Ok(facets)
    }

    /// Number of live items in the reader's view (as of the last commit).
    pub fn doc_count(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    fn hit(&self, searcher: &Searcher, address: DocAddress, highlight: &[String]) -> Result<Hit, Error> {
        let doc: TantivyDocument = searcher.doc(address)?;
        let f = &self.fields;
        let text = |field| doc.get_first(field).and_then(|value| value.as_str()).unwrap_or_default();
        let title = text(f.title);
        Ok(Hit {
            id: doc.get_first(f.id).and_then(|value| value.as_i64()).unwrap_or_default(),
            agency_id: doc.get_first(f.own_agency).and_then(|value| value.as_i64()).unwrap_or_default(),
            title: title.to_string(),
            title_html: crate::snippet::mark_all(title, highlight),
            doc_number: Some(text(f.doc_number)).filter(|n| !n.is_empty()).map(str::to_owned),
            index_number: text(f.index_number).to_string(),
            url: text(f.url).to_string(),
            snippet: snippet(&[text(f.body), text(f.attachment)], highlight),
            published: text(f.published).to_string(),
        })
    }
}

fn incompatible(dir: &Path, found: Option<String>) -> Error {
    Error::IncompatibleIndex { path: PathBuf::from(dir), found, expected: ANALYSIS_VERSION.to_string() }
}
