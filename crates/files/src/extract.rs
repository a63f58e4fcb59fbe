//! Attachments as text: what kind of file it is, whether it may be uploaded, and its plain text.
//!
//! - [`detect`] trusts magic bytes first and the extension second.
//! - [`check_upload`] is the gate for the upload form (size, allowed types, extension agrees with
//!   content); its refusals are [`UploadError`]s with Chinese messages.
//! - [`extract_text`] gives the text of PDF, DOCX, XLSX, plain text/CSV (any common Chinese
//!   encoding) and HTML, for search and the secrecy scan; other kinds give an empty string.
//!   It never panics: a file that cannot be read is an [`Error::Extract`]; one that passes a
//!   bound of its [`Limits`] (bytes inflated, characters, time) is an [`Error::Limit`].

mod html;
mod limits;
mod office;
mod pdf;
mod sniff;
mod text;
mod upload;

use std::panic::{AssertUnwindSafe, catch_unwind};

use crate::error::Error;
use sniff::{Magic, ZipKind};

pub use limits::{Exceeded, Limits};
pub use upload::{ALLOWED_EXTENSIONS, UploadError, check_upload};

use limits::Budget;

/// Why an extractor stopped: the file is broken, or it passed a bound.
#[derive(Debug)]
pub(crate) enum Failure {
    Broken(String),
    Limit(Exceeded),
}

impl From<String> for Failure {
    fn from(reason: String) -> Failure {
        Failure::Broken(reason)
    }
}

impl From<Exceeded> for Failure {
    fn from(limit: Exceeded) -> Failure {
        Failure::Limit(limit)
    }
}

/// What an attachment is, as far as text extraction is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Pdf,
    Docx,
    Xlsx,
    /// Plain text, CSV included.
    Text,
    Html,
    /// Everything else (images, archives, legacy Office, OFD, unknown): no text extracted.
    Other,
}

impl Kind {
    /// A short English name, for logs and error messages.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Pdf => "PDF",
            Kind::Docx => "DOCX",
            Kind::Xlsx => "XLSX",
            Kind::Text => "text",
            Kind::Html => "HTML",
            Kind::Other => "other",
        }
    }
}

/// Extensions read as plain text when no magic bytes say otherwise.
const TEXT_EXTENSIONS: [&str; 5] = ["txt", "csv", "tsv", "text", "md"];
const HTML_EXTENSIONS: [&str; 3] = ["html", "htm", "xhtml"];

/// The kind of a file: by magic bytes first, by extension second.
///
/// Where the magic bytes recognise nothing (or a zip that is not an office document), the
/// extension decides, so a damaged `.pdf` or `.docx` goes to its extractor and comes out as an
/// error rather than as an empty text.
pub fn detect(filename: &str, bytes: &[u8]) -> Kind {
    match sniff::magic(bytes) {
        Magic::Pdf => Kind::Pdf,
        Magic::Zip(ZipKind::Docx) => Kind::Docx,
        Magic::Zip(ZipKind::Xlsx) => Kind::Xlsx,
        Magic::Html => Kind::Html,
        Magic::Zip(ZipKind::Plain) => match sniff::extension(filename).as_deref() {
            Some("docx") => Kind::Docx,
            Some("xlsx") => Kind::Xlsx,
            _ => Kind::Other,
        },
        Magic::None => match sniff::extension(filename).as_deref() {
            Some("pdf") => Kind::Pdf,
            Some("docx") => Kind::Docx,
            Some("xlsx") => Kind::Xlsx,
            Some(extension) if TEXT_EXTENSIONS.contains(&extension) => Kind::Text,
            Some(extension) if HTML_EXTENSIONS.contains(&extension) => Kind::Html,
            _ => Kind::Other,
        },
        Magic::Zip(ZipKind::Ofd)
        | Magic::Ole
        | Magic::Png
        | Magic::Jpeg
        | Magic::Gif
        | Magic::Rar
        | Magic::SevenZip
        | Magic::Executable
        | Magic::Svg => Kind::Other,
    }
}

/// Extracted text with the NFKC form of the characters that hide what people type: the Kangxi
/// radicals and CJK compatibility ideographs PDF fonts map to (`特困⼈员`) become the unified
/// ideographs (`特困人员`), full-width digits and letters become ASCII, so search and the secrecy
/// scan read what a person reads. Chinese punctuation is left as it is.
pub fn normalized(text: String) -> String {
    use unicode_normalization::UnicodeNormalization;
    // Only the forms that hide a character people type; Chinese full-width punctuation（：，）is
    // what people type and stays.
    let folded = |c: char| {
        matches!(c as u32,
            0x2E80..=0x2FDF          // CJK radicals supplement, Kangxi radicals
            | 0xF900..=0xFAFF        // CJK compatibility ideographs
            | 0x2F800..=0x2FA1F      // CJK compatibility ideographs supplement
            | 0xFF10..=0xFF19        // full-width digits
            | 0xFF21..=0xFF3A        // full-width Latin capitals
            | 0xFF41..=0xFF5A) // full-width Latin small letters
    };
    if !text.chars().any(folded) {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if folded(c) {
            out.extend(std::iter::once(c).nfkc());
        } else {
            out.push(c);
        }
    }
    out
}

/// The characters of a text file (UTF-8, GBK/GB18030 or Big5, as detected), neither bounded nor
/// folded: for files a person imports (a catalogue, a ledger), which are records, not attachments.
pub fn decode_text(bytes: &[u8]) -> String {
    text::decode(bytes, None)
}

/// The plain text of an attachment within the default [`Limits`]; an empty string for kinds
/// without text ([`Kind::Other`]), folded by [`normalized`].
pub fn extract_text(filename: &str, bytes: &[u8]) -> Result<String, Error> {
    extract_text_within(filename, bytes, Limits::default())
}

/// The plain text of an attachment, refused with [`Error::Limit`] as soon as it passes a bound.
pub fn extract_text_within(filename: &str, bytes: &[u8], limits: Limits) -> Result<String, Error> {
    let kind = detect(filename, bytes);
    let mut budget = Budget::new(limits);
    let extracted = match kind {
        Kind::Pdf => pdf::pdf_text(bytes, &mut budget),
        Kind::Docx | Kind::Xlsx | Kind::Text | Kind::Html => {
            // These parsers are not known to panic; guarded all the same, the caller must never crash.
            catch_unwind(AssertUnwindSafe(|| match kind {
                Kind::Docx => office::docx_text(bytes, &mut budget),
                Kind::Xlsx => office::xlsx_text(bytes, &mut budget),
                Kind::Html => Ok(html::to_text(&text::decode(bytes, html::declared_charset(bytes)))),
                _ => Ok(text::decode(bytes, None)),
            }))
            .unwrap_or_else(|_| Err(Failure::Broken("the parser panicked".to_owned())))
        }
        Kind::Other => Ok(String::new()),
    };
    // Plain text and HTML are bounded by the upload size; their characters count all the same.
    match extracted {
        Ok(text) if matches!(kind, Kind::Text | Kind::Html) && text.chars().count() > limits.text_chars => {
            Err(Error::Limit {
                kind: kind.name(),
                filename: filename.to_owned(),
                limit: Exceeded::TextChars(limits.text_chars),
            })
        }
        Ok(text) => Ok(normalized(text)),
        Err(Failure::Broken(reason)) => Err(Error::extract(kind.name(), filename, reason)),
        Err(Failure::Limit(limit)) => Err(Error::Limit { kind: kind.name(), filename: filename.to_owned(), limit }),
    }
}

#[cfg(test)]
mod normalization_tests {
    #[test]
    fn extracted_text_reads_kangxi_radicals_and_full_width_digits_as_people_type_them() {
        let pdf_like = "特困⼈员救助供养名单（⼀）：身份证号１１０１０５１９４９１２３１００２Ｘ";
        let text = super::extract_text("a.txt", pdf_like.as_bytes()).unwrap();
        assert_eq!(text, "特困人员救助供养名单（一）：身份证号11010519491231002X");
        // Text already in NFKC is returned as it is.
        assert_eq!(super::normalized("浩县2025年预算".to_owned()), "浩县2025年预算");
    }
}
