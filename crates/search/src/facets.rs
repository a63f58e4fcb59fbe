//! The facet counts of a search: for each filter field, how many of the matches have each
//! value, read from the fast fields by one terms aggregation per field over the same query.
//!
//! Each field lists at most [`MAX_VALUES`] values (a province's agencies are the largest list);
//! values beyond are not shown, which the search page accepts (the filter still works by URL).

use tantivy::Searcher;
use tantivy::aggregation::agg_req::{Aggregation, AggregationVariants, Aggregations};
use tantivy::aggregation::agg_result::{AggregationResult, BucketResult};
use tantivy::aggregation::bucket::TermsAggregation;
use tantivy::aggregation::{AggContextParams, AggregationCollector, AggregationLimitsGuard, Key};
use tantivy::query::Query;
use tantivy::tokenizer::TokenizerManager;

use crate::error::Error;
use crate::results::Facets;
use crate::schema::{CATEGORY_FAST, KIND_FAST, OWN_AGENCY_FAST, SUBJECT_FAST, VALIDITY_FAST, YEAR_FAST};

/// Values counted per field.
pub const MAX_VALUES: u32 = 500;

const FIELDS: [&str; 6] = [OWN_AGENCY_FAST, CATEGORY_FAST, SUBJECT_FAST, YEAR_FAST, VALIDITY_FAST, KIND_FAST];

/// Counts the matches of `query` by the value of each filter field.
pub(crate) fn count(searcher: &Searcher, query: &dyn Query) -> Result<Facets, Error> {
    let mut request = Aggregations::default();
    for field in FIELDS {
        let terms = TermsAggregation {
            field: field.to_owned(),
            size: Some(MAX_VALUES),
            segment_size: Some(MAX_VALUES * 2),
            ..Default::default()
        };
        request.insert(
            field.to_owned(),
            Aggregation { agg: AggregationVariants::Terms(terms), sub_aggregation: Aggregations::default() },
        );
    }
    let context = AggContextParams::new(AggregationLimitsGuard::default(), TokenizerManager::default());
    let mut results = searcher.search(query, &AggregationCollector::from_aggs(request, context))?;
    let mut buckets = |field: &str| -> Vec<(Key, u64)> {
        match results.0.remove(field) {
            Some(AggregationResult::BucketResult(BucketResult::Terms { buckets, .. })) => {
                buckets.into_iter().map(|b| (b.key, b.doc_count)).collect()
            }
            _ => Vec::new(),
        }
    };
    let strings = |list: Vec<(Key, u64)>| -> Vec<(String, u64)> {
        list.into_iter()
            .filter_map(|(key, n)| match key {
                Key::Str(s) => Some((s, n)),
                _ => None,
            })
            .collect()
    };
    let numbers = |list: Vec<(Key, u64)>| -> Vec<(i64, u64)> {
        list.into_iter()
            .filter_map(|(key, n)| match key {
                Key::I64(v) => Some((v, n)),
                Key::U64(v) => i64::try_from(v).ok().map(|v| (v, n)),
                Key::F64(v) => Some((v as i64, n)),
                Key::Str(_) => None,
            })
            .collect()
    };
    let mut year = numbers(buckets(YEAR_FAST));
    year.sort_unstable_by_key(|y| std::cmp::Reverse(y.0));
    Ok(Facets {
        agency: numbers(buckets(OWN_AGENCY_FAST)),
        category: strings(buckets(CATEGORY_FAST)),
        subject: strings(buckets(SUBJECT_FAST)),
        year,
        validity: strings(buckets(VALIDITY_FAST)),
        kind: strings(buckets(KIND_FAST)),
    })
}
