//! PDF → plain text with pdf-extract (pure Rust, on lopdf), within the file's [`Budget`].
//!
//! pdf-extract maps glyphs to text through the fonts' ToUnicode CMaps, so Chinese PDFs that embed
//! CJK fonts (Type0, Identity-H) come out as Chinese. Neither it nor lopdf bounds what a stream
//! inflates to, so before the document is parsed every `stream … endstream` in the raw bytes is
//! inflated here through a bounded reader (nested zlib layers included) and counted against the
//! budget: a PDF bomb is refused before any library unpacks it. The text then comes out through
//! an output device that counts characters and watches the clock. pdf-extract also `panic!`s on
//! many malformed files; every call runs under `catch_unwind` on a thread of its own with a large
//! stack, and a panic becomes an error. An encrypted PDF that opens with no password is read; one
//! that needs a password is an error. A scanned PDF without a text layer yields no text.

use std::any::Any;
use std::io::Read;
use std::panic::{AssertUnwindSafe, catch_unwind};

use pdf_extract::{Document, MediaBox, OutputDev, OutputError, PlainTextOutput, Transform};

use super::Failure;
use super::limits::{Budget, Exceeded};

/// Stack for the extraction thread: reserved address space, only touched pages are committed.
const STACK_BYTES: usize = 64 * 1024 * 1024;
/// How many zlib layers inside one another are unpacked while measuring a stream.
const MAX_LAYERS: usize = 4;

pub(super) fn pdf_text(bytes: &[u8], budget: &mut Budget) -> Result<String, Failure> {
    measure_streams(bytes, budget)?;
    std::thread::scope(|scope| {
        let worker = std::thread::Builder::new()
            .name("pdf-extract".to_owned())
            .stack_size(STACK_BYTES)
            .spawn_scoped(scope, || guarded(bytes, budget));
        match worker {
            Ok(handle) => handle.join().unwrap_or_else(|panic| Err(panicked(panic.as_ref()).into())),
            Err(e) => Err(format!("no thread to read the PDF on: {e}").into()),
        }
    })
}

fn guarded(bytes: &[u8], budget: &mut Budget) -> Result<String, Failure> {
    match catch_unwind(AssertUnwindSafe(|| read(bytes, budget))) {
        Ok(result) => result,
        Err(panic) => Err(panicked(panic.as_ref()).into()),
    }
}

fn read(bytes: &[u8], budget: &mut Budget) -> Result<String, Failure> {
    let mut doc = Document::load_mem(bytes).map_err(|e| e.to_string())?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err("the PDF is encrypted with a password".to_owned().into());
    }
    let mut text = String::new();
    let mut exceeded = None;
    let outcome = {
        let mut output = Bounded { inner: PlainTextOutput::new(&mut text), budget, exceeded: &mut exceeded };
        pdf_extract::output_doc(&doc, &mut output)
    };
    if let Some(limit) = exceeded {
        return Err(Failure::Limit(limit));
    }
    outcome.map_err(|e| e.to_string())?;
    Ok(text.trim().to_owned())
}

/// Inflates every stream of the raw file, as far as the budget allows, to count its bytes.
fn measure_streams(bytes: &[u8], budget: &mut Budget) -> Result<(), Failure> {
    let mut rest = bytes;
    while let Some(start) = find(rest, b"stream") {
        let after = &rest[start + b"stream".len()..];
        // `endstream` also contains `stream`: only a keyword followed by an end of line opens one.
        let body = match after {
            [b'\r', b'\n', body @ ..] | [b'\n', body @ ..] | [b'\r', body @ ..] => body,
            _ => {
                rest = after;
                continue;
            }
        };
        let end = find(body, b"endstream").unwrap_or(body.len());
        let mut data = body[..end].to_vec();
        for _ in 0..MAX_LAYERS {
            match inflate(&data, budget.inflatable())? {
                Some(inflated) => {
                    budget.inflate(inflated.len() as u64)?;
                    data = inflated;
                }
                None => break,
            }
        }
        budget.in_time()?;
        rest = &body[end..];
    }
    Ok(())
}

/// The zlib-inflated bytes of `data` (at most `cap + 1` of them), `None` when it is not zlib data.
fn inflate(data: &[u8], cap: u64) -> Result<Option<Vec<u8>>, Exceeded> {
    let looks_like_zlib =
        data.len() >= 2 && data[0] & 0x0f == 8 && u16::from_be_bytes([data[0], data[1]]).is_multiple_of(31);
    if !looks_like_zlib {
        return Ok(None);
    }
    let mut out = Vec::new();
    // A damaged stream inflates as far as it can: what came out still counts.
    let _ = flate2::read::ZlibDecoder::new(data).take(cap + 1).read_to_end(&mut out);
    if out.is_empty() { Ok(None) } else { Ok(Some(out)) }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|window| window == needle)
}

/// pdf-extract's plain-text output, stopped when the budget runs out.
struct Bounded<'a, W: pdf_extract::ConvertToFmt> {
    inner: PlainTextOutput<W>,
    budget: &'a mut Budget,
    exceeded: &'a mut Option<Exceeded>,
}

impl<W: pdf_extract::ConvertToFmt> Bounded<'_, W> {
    fn check(&mut self, result: Result<(), Exceeded>) -> Result<(), OutputError> {
        result.map_err(|limit| {
            *self.exceeded = Some(limit);
            OutputError::FormatError(std::fmt::Error)
        })
    }
}

impl<W: pdf_extract::ConvertToFmt> OutputDev for Bounded<'_, W> {
    fn begin_page(
        &mut self,
        page: u32,
        media_box: &MediaBox,
        art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        let in_time = self.budget.in_time();
        self.check(in_time)?;
        self.inner.begin_page(page, media_box, art_box)
    }
    fn end_page(&mut self) -> Result<(), OutputError> {
        self.inner.end_page()
    }
    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        spacing: f64,
        size: f64,
        char: &str,
    ) -> Result<(), OutputError> {
        let produced = self.budget.produce(char.chars().count() + 1);
        self.check(produced)?;
        let in_time = self.budget.in_time();
        self.check(in_time)?;
        self.inner.output_character(trm, width, spacing, size, char)
    }
    fn begin_word(&mut self) -> Result<(), OutputError> {
        self.inner.begin_word()
    }
    fn end_word(&mut self) -> Result<(), OutputError> {
        self.inner.end_word()
    }
    fn end_line(&mut self) -> Result<(), OutputError> {
        self.inner.end_line()
    }
}

fn panicked(payload: &(dyn Any + Send)) -> String {
    let message = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("no message");
    format!("the PDF library panicked ({message})")
}
