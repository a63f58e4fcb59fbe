//! Random annual reports for the tests, the fuzz driver and the benchmark (feature `testgen`):
//! consistent report models in each format ([`model`]), rendered as a published page in each
//! table style, with Traditional characters, page chrome, random whitespace and the usual
//! encodings ([`render`], with the printed pre-2019 form in [`stats_form`]), and
//! inconsistencies injected one at a time ([`inject`]).
//!
//! Deterministic: every report comes from a seed, so a failing case can be replayed.

pub mod inject;
pub mod model;
pub mod render;
pub mod stats_form;

pub use model::{GenReport, random_report};
pub use render::{Encoding, Options, Style, render};

/// xorshift64*: a small deterministic generator.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// 0..n (0 when n is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next_u64() % n }
    }
    /// True with probability `p` percent.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
    /// A count as reports have them: mostly 0, often small, sometimes tens or hundreds.
    pub fn count(&mut self, scale: u64) -> i64 {
        match self.below(100) {
            0..=54 => 0,
            55..=84 => 1 + self.below(9) as i64,
            85..=96 => 10 + self.below(90 * scale.max(1)) as i64,
            _ => 100 + self.below(900 * scale.max(1)) as i64,
        }
    }
}
