//! The typst engine shared by every PDF this crate makes (reply letters, annual reports and
//! monthly notices).
//!
//! Invariants:
//! - One engine per process, built on first use and kept ([`ENGINE`]): it holds every template
//!   (a typst-as-lib template collection, compiled by file name), one font book, and typst's
//!   memoisation, which stays warm between documents. After each compile, cache entries unused
//!   for [`EVICT_MAX_AGE`] compilations are evicted, so memory stays flat over thousands of
//!   documents while a warm render takes tens of milliseconds instead of seconds.
//! - A failed first load (no CJK font yet) is not cached: installing fonts-noto-cjk or setting
//!   `GONGKAI_PDF_FONT` takes effect on the next call, without a restart. A successful load is
//!   final; changing fonts then needs a restart.
//! - Documents reach a template only as `sys.inputs` data, never spliced into markup, so user
//!   text cannot inject typst code. The engine adds the key `font` (the CJK family to use).

use std::sync::{Mutex, OnceLock, PoisonError};

use typst::diag::{SourceDiagnostic, Warned};
use typst::foundations::{Dict, IntoValue};
use typst_as_lib::{TypstAsLibError, TypstEngine, TypstTemplateCollection};
use typst_layout::PagedDocument;
use typst_pdf::PdfOptions;

use crate::{ExportError, fonts};

/// The templates the engine knows, by virtual file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Template {
    /// `letter.typ`: a reply letter.
    Letter,
    /// `report/report.typ`: an annual report.
    Report,
    /// `notice/notice.typ`: a monthly supervision notice.
    Notice,
}

impl Template {
    fn file(self) -> &'static str {
        match self {
            Template::Letter => "letter.typ",
            Template::Report => "report.typ",
            Template::Notice => "notice.typ",
        }
    }
}

const SOURCES: [(&str, &str); 3] = [
    ("letter.typ", include_str!("letter.typ")),
    ("report.typ", include_str!("report/report.typ")),
    ("notice.typ", include_str!("notice/notice.typ")),
];

/// Compilations a memoised result may go unused before it is evicted.
const EVICT_MAX_AGE: usize = 10;

struct Engine {
    typst: TypstEngine<TypstTemplateCollection>,
    /// Font family passed to the templates (e.g. "Noto Serif CJK SC").
    family: String,
}

static ENGINE: OnceLock<Engine> = OnceLock::new();
/// Serialises the first load so two concurrent first calls don't both read ~50 MB of fonts.
static LOADING: Mutex<()> = Mutex::new(());

/// Typesets `template` with `inputs` (plus `font`) and writes the PDF (A4 as the template sets
/// it, CJK font subset embedded). Returns typst's warnings too: tests insist there are none.
pub(crate) fn render(template: Template, mut inputs: Dict) -> Result<(Vec<u8>, Vec<String>), ExportError> {
    let engine = engine()?;
    inputs.insert("font".into(), engine.family.as_str().into_value());
    let Warned { output, warnings } = engine.typst.compile_with_input::<_, _, PagedDocument>(template.file(), inputs);
    let document = output.map_err(|err| ExportError::Pdf(describe_engine_error(err)))?;
    let pdf = typst_pdf::pdf(&document, &PdfOptions::default())
        .map_err(|diagnostics| ExportError::Pdf(describe(&diagnostics)))?;
    Ok((pdf, warnings.iter().map(|w| w.message.to_string()).collect()))
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
        .fonts(faces)
        .with_static_source_file_resolver(SOURCES)
        .comemo_evict_max_age(Some(EVICT_MAX_AGE))
        .build();
    Ok(ENGINE.get_or_init(|| Engine { typst, family }))
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
