//! PDF → plain text with pdf-extract (pure Rust, on lopdf).
//!
//! pdf-extract maps glyphs to text through the fonts' ToUnicode CMaps, so Chinese PDFs that embed
//! CJK fonts (Type0, Identity-H) come out as Chinese. It also `panic!`s and `unwrap`s on many
//! malformed or unusual files; every call is therefore run under `catch_unwind`, on a thread of its
//! own with a large stack (deeply nested documents must not overflow a small worker stack), and a
//! panic becomes an error for the caller. A scanned PDF without a text layer yields no text.

use std::any::Any;
use std::panic::{AssertUnwindSafe, catch_unwind};

/// Stack for the extraction thread: reserved address space, only touched pages are committed.
const STACK_BYTES: usize = 64 * 1024 * 1024;

pub(super) fn pdf_text(bytes: &[u8]) -> Result<String, String> {
    std::thread::scope(|scope| {
        let worker = std::thread::Builder::new()
            .name("pdf-extract".to_owned())
            .stack_size(STACK_BYTES)
            .spawn_scoped(scope, || guarded(bytes));
        match worker {
            Ok(handle) => handle.join().unwrap_or_else(|panic| Err(panicked(panic.as_ref()))),
            // No thread to be had: run on this one, still guarded.
            Err(_) => guarded(bytes),
        }
    })
}

fn guarded(bytes: &[u8]) -> Result<String, String> {
    match catch_unwind(AssertUnwindSafe(|| pdf_extract::extract_text_from_mem(bytes))) {
        Ok(Ok(text)) => Ok(text.trim().to_owned()),
        Ok(Err(error)) => Err(error.to_string()),
        Err(panic) => Err(panicked(panic.as_ref())),
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
