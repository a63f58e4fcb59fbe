//! [`Indexer`], the one writer of an index.
//!
//! tantivy allows one `IndexWriter` per index directory (an OS file lock), so a process keeps
//! **one `Indexer`, owned by one task** (the task that follows the outbox, or `gongkai reindex`),
//! and every other thread only searches through [`crate::SearchIndex`]. Changes become visible
//! to searches at [`Indexer::commit`], which also reloads the shared reader, so a search started
//! after `commit` returns sees them.
//!
//! Changes not yet committed when an `Indexer` is dropped are lost; the outbox position must
//! therefore be saved only after a commit.
//!
//! Invariant: at most one live document per item id: [`Indexer::upsert`] deletes by id before
//! adding, and tantivy applies operations in the order they were made.

use tantivy::query::AllQuery;
use tantivy::{IndexReader, IndexWriter, TantivyDocument, Term};

use crate::error::Error;
use crate::item::ItemDoc;
use crate::schema::Fields;

/// Adds, replaces and deletes items; see the module documentation for the one-writer rule.
pub struct Indexer {
    writer: IndexWriter<TantivyDocument>,
    reader: IndexReader,
    fields: Fields,
}

impl Indexer {
    pub(crate) fn new(writer: IndexWriter<TantivyDocument>, reader: IndexReader, fields: Fields) -> Self {
        Indexer { writer, reader, fields }
    }

    /// Adds the item, replacing any earlier version with the same id (visible after commit).
    pub fn upsert(&mut self, item: &ItemDoc) -> Result<(), Error> {
        let doc = item.to_document(&self.fields)?;
        self.writer.delete_term(self.id_term(item.id));
        self.writer.add_document(doc)?;
        Ok(())
    }

    /// Removes the item with this id, if any (visible after commit).
    pub fn delete(&mut self, id: i64) -> Result<(), Error> {
        self.writer.delete_term(self.id_term(id));
        Ok(())
    }

    /// Removes every item added before this call (visible after commit); items upserted after
    /// it stay. `gongkai reindex` is `delete_all`, an upsert of every item, `commit`.
    pub fn delete_all(&mut self) -> Result<(), Error> {
        self.writer.delete_query(Box::new(AllQuery))?;
        Ok(())
    }

    /// Makes every change so far durable and visible to searches.
    pub fn commit(&mut self) -> Result<(), Error> {
        self.writer.commit()?;
        self.reader.reload()?;
        Ok(())
    }

    /// Ends the writer after the last commit, waiting for background segment merges so the
    /// index is left compact (for `gongkai reindex` and benchmarks; a long-running indexer task
    /// simply keeps its `Indexer`). Uncommitted changes are discarded.
    pub fn finish(self) -> Result<(), Error> {
        self.writer.wait_merging_threads()?;
        self.reader.reload()?;
        Ok(())
    }

    fn id_term(&self, id: i64) -> Term {
        Term::from_field_i64(self.fields.id, id)
    }
}
