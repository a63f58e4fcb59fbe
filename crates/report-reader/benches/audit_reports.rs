//! Auditing 1,000 generated reports (the three formats, every table style, with Traditional
//! characters, chrome, whitespace and encodings at random, as in the tests). The figure
//! reported is the time for the whole batch; the acceptance bound is 10 seconds.
//!
//! Run: `cargo bench -p gongkai-report-reader --features testgen --bench audit_reports`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use gongkai_report_reader::testgen::{Options, Rng, Style, random_report, render};
use gongkai_report_reader::{ImportFormat, audit};

const REPORTS: usize = 1_000;

fn inputs() -> Vec<Vec<u8>> {
    let mut rng = Rng::new(2025);
    (0..REPORTS)
        .map(|i| {
            let format = [ImportFormat::F2021, ImportFormat::F2019, ImportFormat::Pre2019][i % 3];
            let report = random_report(&mut rng, format);
            let opts = Options::random(&mut rng, Style::ALL[(i / 3) % Style::ALL.len()]);
            render(&report, opts, &mut rng)
        })
        .collect()
}

fn audit_1000_reports(c: &mut Criterion) {
    let inputs = inputs();
    let bytes: usize = inputs.iter().map(Vec::len).sum();
    // One plain timed pass first, for the record.
    let start = Instant::now();
    let findings: usize = inputs.iter().map(|b| audit(b, "bench").findings.len()).sum();
    println!("one pass: {REPORTS} reports, {} KB, {findings} findings, {:?}", bytes / 1000, start.elapsed());
    let mut group = c.benchmark_group("audit");
    group.sample_size(10).measurement_time(Duration::from_secs(30));
    group.bench_function("1000_generated_reports", |b| {
        b.iter(|| {
            for input in &inputs {
                black_box(audit(black_box(input), "bench"));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, audit_1000_reports);
criterion_main!(benches);
