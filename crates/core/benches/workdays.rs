//! One million `add_workdays(d, 20)` calls from start dates spread over the covered years.
//!
//! Run: `cargo bench -p gongkai-core --bench workdays`. The figure reported is the time for the
//! whole batch of one million calls.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use gongkai_core::calendar::Calendar;
use time::Date;
use time::macros::date;

const CALLS: usize = 1_000_000;

/// Start dates from 2007-01-01 to 2026-11-30 (so that +20 working days stays in 2026), spread by a
/// fixed linear congruential sequence so that the run is repeatable.
fn start_dates() -> Vec<Date> {
    let first = date!(2007 - 01 - 01).to_julian_day();
    let span = (date!(2026 - 11 - 30).to_julian_day() - first + 1) as u64;
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..CALLS)
        .map(|_| {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            Date::from_julian_day(first + ((state >> 33) % span) as i32).unwrap()
        })
        .collect()
}

fn one_million_add_workdays(c: &mut Criterion) {
    let cal = Calendar::embedded();
    let starts = start_dates();
    c.bench_function("1M add_workdays(d, 20)", |b| {
        b.iter(|| {
            let mut last = starts[0];
            for &d in &starts {
                last = cal.add_workdays(black_box(d), 20).expect("covered");
            }
            last
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(3));
    targets = one_million_add_workdays
}
criterion_main!(benches);
