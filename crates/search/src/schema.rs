//! The tantivy schema: which field holds what, how it is analysed, what is stored.
//!
//! Owns the field list and [`ANALYSIS_VERSION`]. Invariants:
//! - `id` is unique among live documents (the [`crate::Indexer`] deletes before it adds);
//! - `agency` holds the item's agency *and all its ancestors*, so one term filters a subtree;
//!   `own_agency` holds the publishing agency alone (the "this agency only" filter and its facet);
//! - `subject` holds every level of the 主题分类 path (`综合政务`, `综合政务\政务公开`);
//! - `published_day` is `YYYYMMDD` as an integer, so it sorts and ranges like the date;
//! - the filter fields (`own_agency`, `category`, `subject`, `year`, `validity`, `kind`) are
//!   also fast fields, which the facet counts read.

use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

use crate::{jieba_tokenizer, ngram_tokenizer};

/// Version of the text analysis (tokenizers, dictionary, field layout). An index written with
/// another version is refused by [`crate::SearchIndex::open_or_create`]; bump it whenever a change
/// would make old documents analyse differently from new queries.
pub const ANALYSIS_VERSION: &str = "gongkai-search-2";

/// Handles to every field of the schema.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub id: Field,
    pub agency: Field,
    pub own_agency: Field,
    pub category: Field,
    pub subject: Field,
    pub year: Field,
    pub validity: Field,
    /// 文件类型 (`rule`, `normative_document`, `other`).
    pub kind: Field,
    pub published_day: Field,
    pub published: Field,
    pub title: Field,
    /// Unigrams and bigrams of the title and document number.
    pub exact: Field,
    pub body: Field,
    pub attachment: Field,
    /// The index number, whole and lower-cased: found by typing it.
    pub index_number: Field,
    pub doc_number: Field,
    pub url: Field,
}

/// Name of the analyser of whole, lower-cased values (the index number).
pub const RAW_LOWER: &str = "gongkai_raw_lower";

pub fn build() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let int_indexed = NumericOptions::default().set_indexed();
    let int_filter = NumericOptions::default().set_indexed().set_fast();
    let string_filter = STRING.set_fast("raw");
    let jieba = |record: IndexRecordOption| {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default().set_tokenizer(jieba_tokenizer::NAME).set_index_option(record),
        )
    };
    let fields = Fields {
        id: builder.add_i64_field("id", NumericOptions::default().set_indexed().set_stored().set_fast()),
        agency: builder.add_i64_field("agency", int_indexed),
        own_agency: builder.add_i64_field(OWN_AGENCY_FAST, int_filter.clone().set_stored()),
        category: builder.add_text_field(CATEGORY_FAST, string_filter.clone()),
        subject: builder.add_text_field(SUBJECT_FAST, string_filter.clone()),
        year: builder.add_i64_field(YEAR_FAST, int_filter.clone()),
        validity: builder.add_text_field(VALIDITY_FAST, string_filter.clone()),
        kind: builder.add_text_field(KIND_FAST, string_filter),
        published_day: builder.add_i64_field("published_day", int_filter),
        published: builder.add_text_field("published", STORED),
        title: builder.add_text_field("title", jieba(IndexRecordOption::WithFreqsAndPositions).set_stored()),
        exact: builder.add_text_field(
            "exact",
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(ngram_tokenizer::NAME)
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions),
            ),
        ),
        body: builder.add_text_field("body", jieba(IndexRecordOption::WithFreqsAndPositions).set_stored()),
        attachment: builder.add_text_field("attachment", jieba(IndexRecordOption::WithFreqs).set_stored()),
        index_number: builder.add_text_field(
            "index_number",
            TextOptions::default()
                .set_indexing_options(
                    TextFieldIndexing::default().set_tokenizer(RAW_LOWER).set_index_option(IndexRecordOption::Basic),
                )
                .set_stored(),
        ),
        doc_number: builder.add_text_field("doc_number", STORED),
        url: builder.add_text_field("url", STORED),
    };
    (builder.build(), fields)
}

/// Names of the fast fields the result order reads.
pub const ID_FAST: &str = "id";
pub const PUBLISHED_DAY_FAST: &str = "published_day";
/// Names of the fast fields the facet counts read.
pub const OWN_AGENCY_FAST: &str = "own_agency";
pub const CATEGORY_FAST: &str = "category";
pub const SUBJECT_FAST: &str = "subject";
pub const YEAR_FAST: &str = "year";
pub const VALIDITY_FAST: &str = "validity";
pub const KIND_FAST: &str = "kind";
