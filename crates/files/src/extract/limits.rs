//! The bounds on reading one file's text: bytes inflated, characters produced, time taken.
//!
//! A small upload can unpack to gigabytes (a zip or PDF "decompression bomb") or expand into
//! hundreds of millions of characters (an XLSX cell shared a million times). Every extractor
//! draws on one [`Budget`] per file and stops with [`Exceeded`] as soon as any bound is passed,
//! so memory and time per file stay bounded whatever the file holds.

use std::time::{Duration, Instant};

/// The bounds for one file. [`Limits::default`] is what uploads and imports use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Bytes that may be inflated from compressed parts and streams, all parts of the file together.
    pub inflated_bytes: u64,
    /// Characters of text that may come out of the file.
    pub text_chars: usize,
    /// Wall-clock time for reading the file.
    pub time: Duration,
}

impl Default for Limits {
    /// 64 MiB inflated, 4 million characters (about 2,500 pages of dense Chinese text), 10 seconds.
    fn default() -> Limits {
        Limits { inflated_bytes: 64 * 1024 * 1024, text_chars: 4_000_000, time: Duration::from_secs(10) }
    }
}

/// Which bound a file passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exceeded {
    InflatedBytes(u64),
    TextChars(usize),
    Time(Duration),
}

impl Exceeded {
    /// The reviewer's note, in Chinese.
    pub fn note(self) -> String {
        match self {
            Exceeded::InflatedBytes(n) => {
                format!("文件解压后超过{} MB，已停止读取，系统未能扫描其全部内容", n / (1024 * 1024))
            }
            Exceeded::TextChars(n) => format!("文件文字超过{}万字，已停止读取，系统未能扫描其全部内容", n / 10_000),
            Exceeded::Time(t) => format!("读取文件文字超过{}秒，已停止读取，系统未能扫描其全部内容", t.as_secs()),
        }
    }
}

impl std::fmt::Display for Exceeded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Exceeded::InflatedBytes(n) => write!(f, "inflates to more than {n} bytes"),
            Exceeded::TextChars(n) => write!(f, "holds more than {n} characters of text"),
            Exceeded::Time(t) => write!(f, "took longer than {} s to read", t.as_secs()),
        }
    }
}

/// What is left of a file's [`Limits`] while it is being read.
#[derive(Debug)]
pub(crate) struct Budget {
    limits: Limits,
    inflated: u64,
    chars: usize,
    deadline: Instant,
}

impl Budget {
    pub(crate) fn new(limits: Limits) -> Budget {
        Budget { limits, inflated: 0, chars: 0, deadline: Instant::now() + limits.time }
    }

    /// Bytes that may still be inflated.
    pub(crate) fn inflatable(&self) -> u64 {
        self.limits.inflated_bytes.saturating_sub(self.inflated)
    }

    /// Counts `n` inflated bytes.
    pub(crate) fn inflate(&mut self, n: u64) -> Result<(), Exceeded> {
        self.inflated = self.inflated.saturating_add(n);
        if self.inflated > self.limits.inflated_bytes {
            return Err(Exceeded::InflatedBytes(self.limits.inflated_bytes));
        }
        self.in_time()
    }

    /// Counts `n` characters of output.
    pub(crate) fn produce(&mut self, n: usize) -> Result<(), Exceeded> {
        self.chars = self.chars.saturating_add(n);
        if self.chars > self.limits.text_chars {
            return Err(Exceeded::TextChars(self.limits.text_chars));
        }
        Ok(())
    }

    /// Whether the time is not yet up.
    pub(crate) fn in_time(&self) -> Result<(), Exceeded> {
        if Instant::now() > self.deadline {
            return Err(Exceeded::Time(self.limits.time));
        }
        Ok(())
    }
}
