//! PDF rendering of a reply letter: one [`Letter`] → one PDF, typeset by the shared typst engine
//! (`engine`) with the template `letter.typ`. The letter goes in as a `sys.inputs` dictionary of
//! strings, never spliced into markup, so user text cannot inject typst code.

use typst::foundations::{Dict, IntoValue};

use crate::engine::{self, Template};
use crate::{ExportError, Letter};

/// Renders the letter as a PDF file (A4, CJK font subset embedded).
pub fn pdf(letter: &Letter) -> Result<Vec<u8>, ExportError> {
    render(letter).map(|(pdf, _warnings)| pdf)
}

/// The PDF and typst's warnings (tests insist there are none, e.g. no unknown font family).
pub(crate) fn render(letter: &Letter) -> Result<(Vec<u8>, Vec<String>), ExportError> {
    engine::render(Template::Letter, inputs(letter))
}

/// The letter as the `sys.inputs` dictionary `letter.typ` documents (the engine adds `font`).
fn inputs(letter: &Letter) -> Dict {
    let mut dict = Dict::new();
    let strings = [
        ("issuer", &letter.issuer),
        ("title", &letter.title),
        ("reference", &letter.reference),
        ("salutation", &letter.salutation),
        ("signature", &letter.signature),
        ("date", &letter.date),
    ];
    for (key, value) in strings {
        dict.insert(key.into(), value.as_str().into_value());
    }
    dict.insert("paragraphs".into(), letter.paragraphs.clone().into_value());
    dict
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
