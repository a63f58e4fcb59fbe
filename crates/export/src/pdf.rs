//! PDF rendering: one [`Letter`] → one PDF, typeset by typst with the template `letter.typ`.
//!
//! Invariants:
//! - One engine per process, built on first use and kept ([`ENGINE`]): the template is parsed
//!   once and typst's memoisation stays warm between letters. After each compile, cache entries
//!   unused for [`EVICT_MAX_AGE`] compilations are evicted, so memory stays flat over thousands of
//!   letters while a warm render takes tens of milliseconds instead of seconds.
//! - A failed first load (no CJK font yet) is not cached: installing fonts-noto-cjk or setting
//!   `GONGKAI_PDF_FONT` takes effect on the next call, without a restart. A successful load is
//!   final; changing fonts then needs a restart.
//! - The letter goes to typst as a `sys.inputs` dictionary of strings, never spliced into
//!   markup, so user text cannot inject typst code.

use std::sync::{Mutex, OnceLock, PoisonError};

use typst::diag::{SourceDiagnostic, Warned};
use typst::foundations::{Dict, IntoValue};
use typst_as_lib::{TypstAsLibError, TypstEngine, TypstTemplateMainFile};
use typst_layout::PagedDocument;
use typst_pdf::PdfOptions;

use crate::{ExportError, Letter, fonts};

const TEMPLATE: &str = include_str!("letter.typ");

/// Compilations a memoised result may go unused before it is evicted.
const EVICT_MAX_AGE: usize = 10;

struct Engine {
    typst: TypstEngine<TypstTemplateMainFile>,
    /// Font family passed to the template (e.g. "Noto Serif CJK SC").
    family: String,
}

static ENGINE: OnceLock<Engine> = OnceLock::new();
/// Serialises the first load so two concurrent first calls don't both read ~50 MB of fonts.
static LOADING: Mutex<()> = Mutex::new(());

/// Renders the letter as a PDF file (A4, CJK font subset embedded).
pub fn pdf(letter: &Letter) -> Result<Vec<u8>, ExportError> {
    render(letter).map(|(pdf, _warnings)| pdf)
}

/// The PDF and typst's warnings (tests insist there are none, e.g. no unknown font family).
pub(crate) fn render(letter: &Letter) -> Result<(Vec<u8>, Vec<String>), ExportError> {
    let engine = engine()?;
    let Warned { output, warnings } = engine
        .typst
        .compile_with_input::<_, PagedDocument>(inputs(letter, &engine.family));
    let document = output.map_err(|err| ExportError::Pdf(describe_engine_error(err)))?;
    let pdf = typst_pdf::pdf(&document, &PdfOptions::default())
        .map_err(|diagnostics| ExportError::Pdf(describe(&diagnostics)))?;
    Ok((
        pdf,
        warnings.iter().map(|w| w.message.to_string()).collect(),
    ))
}

fn engine() -> Result<&'static Engine, ExportError> {
    if let Some(engine) = ENGINE.get() {
        return Ok(engine);
    }
    let _loading = LOADING.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(engine) = ENGINE.get() {
        return Ok(engine);
    }
    let fonts::CjkFonts { faces, family } = fonts::load()?;
    let typst = TypstEngine::builder()
        .main_file(TEMPLATE)
        .fonts(faces)
        .comemo_evict_max_age(Some(EVICT_MAX_AGE))
        .build();
    Ok(ENGINE.get_or_init(|| Engine { typst, family }))
}

/// The letter as the `sys.inputs` dictionary `letter.typ` documents.
fn inputs(letter: &Letter, family: &str) -> Dict {
    let mut dict = Dict::new();
    let strings = [
        ("font", family),
        ("issuer", &letter.issuer),
        ("title", &letter.title),
        ("reference", &letter.reference),
        ("salutation", &letter.salutation),
        ("signature", &letter.signature),
        ("date", &letter.date),
    ];
    for (key, value) in strings {
        dict.insert(key.into(), value.into_value());
    }
    dict.insert("paragraphs".into(), letter.paragraphs.clone().into_value());
    dict
}

fn describe_engine_error(err: TypstAsLibError) -> String {
    match err {
        TypstAsLibError::TypstSource(diagnostics) => describe(&diagnostics),
        other => other.to_string(),
    }
}

fn describe(diagnostics: &[SourceDiagnostic]) -> String {
    let messages: Vec<&str> = diagnostics.iter().map(|d| d.message.as_str()).collect();
    messages.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn letter() -> Letter {
        Letter {
            issuer: "浩县人民政府".into(),
            title: "政府信息公开申请告知书".into(),
            reference: String::new(),
            salutation: "李四：".into(),
            paragraphs: vec!["经查，您申请的信息不存在。".into()],
            signature: "浩县人民政府".into(),
            date: "2025年11月10日".into(),
        }
    }

    #[test]
    fn the_template_compiles_without_warnings() {
        let (pdf, warnings) = render(&letter()).unwrap();
        assert!(pdf.starts_with(b"%PDF"));
        assert!(warnings.is_empty(), "typst warnings: {warnings:?}");
    }

    #[test]
    fn the_same_letter_gives_the_same_bytes() {
        assert_eq!(pdf(&letter()).unwrap(), pdf(&letter()).unwrap());
    }
}
