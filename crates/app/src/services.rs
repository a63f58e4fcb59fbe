//! [`App`]: the handle every use case runs on — the database, the blob store, this node's search
//! replica and the installation's [`Config`]. Cheap to clone; the adapters hold one each.

use std::sync::Arc;

use gongkai_files::BlobStore;
use gongkai_search::SearchIndex;
use gongkai_store::Db;

use crate::config::Config;
use crate::search_index::SearchReplica;

/// The application: the use cases are methods of its modules taking `&App`.
#[derive(Clone)]
pub struct App {
    pub db: Db,
    pub blobs: BlobStore,
    pub search: Arc<SearchReplica>,
    pub config: Arc<Config>,
    /// New requests waiting to be committed together (group commit).
    pub intake: Arc<gongkai_store::request::group_commit::IntakeQueue>,
}

impl App {
    /// An app with an in-memory blob store and search index (tests, tools that do not index).
    pub fn in_memory(db: Db, config: Config) -> App {
        let index = SearchIndex::in_memory().expect("an in-memory index always opens");
        App::new(db, config, BlobStore::in_memory(), index, None).expect("an in-memory writer always opens")
    }

    /// An app over a real blob store and an on-disk search index whose outbox position is kept in
    /// `position_file`.
    pub fn new(
        db: Db,
        config: Config,
        blobs: BlobStore,
        index: SearchIndex,
        position_file: Option<std::path::PathBuf>,
    ) -> Result<App, gongkai_search::Error> {
        let search = Arc::new(SearchReplica::new(index, position_file)?);
        let intake = Arc::new(gongkai_store::request::group_commit::IntakeQueue::for_backend(db.backend()));
        Ok(App { db, blobs, search, config: Arc::new(config), intake })
    }
}
