//! Search latency and indexing rate over a synthetic catalogue.
//!
//! ```text
//! CARGO_TARGET_DIR=/work/target-search cargo bench -p gongkai-search --bench search_latency
//! GONGKAI_BENCH_DOCS=1000000 cargo bench -p gongkai-search --bench search_latency
//! ```
//!
//! Environment:
//! - `GONGKAI_BENCH_DOCS`: items to index (default 100 000);
//! - `GONGKAI_BENCH_DIR`: index directory to use; an index there holding exactly that many
//!   items is reused, otherwise it is rebuilt (default: a fresh temporary directory);
//! - `GONGKAI_BENCH_SAMPLES`: timed searches per query kind for the percentiles (default 1000).
//!
//! Prints the indexing rate, then p50/p99/max latency per query kind (single term, two terms,
//! exact 文号, filters only) for first pages of 10 with snippets, then hands the same query mix
//! to criterion.

mod corpus;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use criterion::Criterion;
use gongkai_search::{Query, SearchIndex};

use corpus::Rng;

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|value| value.replace('_', "").parse().ok()).unwrap_or(default)
}

fn build(docs: usize) -> (SearchIndex, Option<tempfile::TempDir>) {
    let (dir, temp) = match std::env::var_os("GONGKAI_BENCH_DIR") {
        Some(dir) => (PathBuf::from(dir), None),
        None => {
            let temp = tempfile::tempdir().expect("temporary directory");
            (temp.path().to_path_buf(), Some(temp))
        }
    };
    let index = SearchIndex::open_or_create(&dir).expect("open index");
    if index.doc_count() == docs as u64 {
        eprintln!("reusing {} items in {}", docs, dir.display());
        return (index, temp);
    }
    let started = Instant::now();
    let mut writer = index.writer().expect("writer");
    writer.delete_all().expect("delete all");
    let mut bytes = 0usize;
    for id in 1..=docs as i64 {
        let item = corpus::item(id);
        bytes += item.title.len() + item.body.len() + item.attachment_text.len();
        writer.upsert(&item).expect("upsert");
        if id % 100_000 == 0 {
            writer.commit().expect("commit");
            eprintln!("  {id} items, {:.0} s", started.elapsed().as_secs_f64());
        }
    }
    writer.commit().expect("commit");
    let committed = started.elapsed();
    writer.finish().expect("merges");
    let merged = started.elapsed();
    eprintln!(
        "indexed {docs} items ({:.0} MB of text) in {:.1} s: {:.0} items/s ({:.1} MB/s); \
         merges done at {:.1} s",
        bytes as f64 / 1e6,
        committed.as_secs_f64(),
        docs as f64 / committed.as_secs_f64(),
        bytes as f64 / 1e6 / committed.as_secs_f64(),
        merged.as_secs_f64(),
    );
    let size: u64 = std::fs::read_dir(&dir)
        .map(|entries| entries.filter_map(|entry| entry.ok()?.metadata().ok()).map(|meta| meta.len()).sum())
        .unwrap_or(0);
    eprintln!("index size on disk: {:.0} MB", size as f64 / 1e6);
    (index, temp)
}

fn page_of(q: String) -> Query {
    Query { q, page: 1, per_page: 10, ..Query::default() }
}

/// The query kinds, each a list of queries to cycle through.
fn query_mix(docs: usize) -> Vec<(&'static str, Vec<Query>)> {
    let mut rng = Rng::new(42);
    let single = (0..200).map(|_| page_of(rng.pick(corpus::TOPICS).to_string())).collect();
    let two = (0..200)
        .map(|_| {
            let second = match rng.below(3) {
                0 => (2015 + rng.below(11)).to_string(),
                1 => rng.pick(corpus::ACTIONS).to_string(),
                _ => rng.pick(corpus::TOPICS).to_string(),
            };
            page_of(format!("{} {second}", rng.pick(corpus::TOPICS)))
        })
        .collect();
    let numbers = (0..200).map(|_| page_of(corpus::doc_number(1 + rng.below(docs) as i64))).collect();
    let filtered = (0..200)
        .map(|_| Query {
            agency: Some([1, 100, 105, 116][rng.below(4)]),
            year: Some(2015 + rng.below(11) as i32),
            ..page_of(String::new())
        })
        .collect();
    vec![("single term", single), ("two terms", two), ("文号", numbers), ("filters, no text", filtered)]
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let rank = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[rank]
}

fn report_percentiles(index: &SearchIndex, mix: &[(&str, Vec<Query>)], samples: usize) {
    let mut all = Vec::new();
    for (kind, queries) in mix {
        for query in queries.iter().take(20) {
            index.search(query).expect("warm-up");
        }
        let mut times = Vec::with_capacity(samples);
        let mut totals = 0f64;
        for i in 0..samples {
            let query = &queries[i % queries.len()];
            let started = Instant::now();
            let results = index.search(query).expect("search");
            times.push(started.elapsed());
            totals += results.total as f64;
        }
        times.sort();
        eprintln!(
            "{kind:>18}: p50 {:>8.2?}  p99 {:>8.2?}  max {:>8.2?}  (mean total {:.1} hits)",
            percentile(&times, 0.5),
            percentile(&times, 0.99),
            times[times.len() - 1],
            totals / samples as f64,
        );
        all.extend(times);
    }
    all.sort();
    eprintln!("{:>18}: p50 {:>8.2?}  p99 {:>8.2?}", "whole mix", percentile(&all, 0.5), percentile(&all, 0.99));
}

/// How often an exact 文号 search ranks its item first.
fn report_document_numbers(index: &SearchIndex, docs: usize) {
    let mut rng = Rng::new(7);
    let (mut asked, mut first) = (0, 0);
    while asked < 200 {
        let id = 1 + rng.below(docs) as i64;
        if corpus::item(id).doc_number.is_none() {
            continue;
        }
        asked += 1;
        let results = index.search(&page_of(corpus::doc_number(id))).expect("search");
        if results.hits.first().map(|hit| hit.id) == Some(id) {
            first += 1;
        }
    }
    eprintln!("文号 searches ranking their item first: {first}/{asked}");
}

fn main() {
    let docs = env_number("GONGKAI_BENCH_DOCS", 100_000);
    let samples = env_number("GONGKAI_BENCH_SAMPLES", 1000);
    let (index, _temp) = build(docs);
    let mix = query_mix(docs);
    report_percentiles(&index, &mix, samples);
    report_document_numbers(&index, docs);

    let mut criterion = Criterion::default().configure_from_args();
    let mut group = criterion.benchmark_group(format!("search {docs} items"));
    for (kind, queries) in &mix {
        let mut next = 0;
        group.bench_function(*kind, |bencher| {
            bencher.iter(|| {
                next = (next + 1) % queries.len();
                index.search(&queries[next]).expect("search")
            })
        });
    }
    group.finish();
    criterion.final_summary();
}
