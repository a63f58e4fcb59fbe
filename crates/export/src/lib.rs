//! gongkai-export: reply letters (政府信息公开申请答复书 / 告知书), annual reports
//! (政府信息公开工作年度报告) and monthly supervision notices (一月一通报) as files.
//!
//! Reading order:
//! - [`Letter`] and [`ExportError`] (this file): the letter input type and the one error type.
//! - `docx`: [`docx()`] writes the letter with docx-rs — A4, official-letter margins, 三号 body.
//! - `pdf`: [`pdf()`] typesets the same letter with typst (`letter.typ`).
//! - `report`: the annual report in its official layout (`gongkai_core::report::layout`) as PDF
//!   ([`report_pdf`], `report/report.typ`), DOCX ([`report_docx`]), XLSX ([`report_xlsx`]) and
//!   CSV ([`report_csv`]).
//! - `notice`: the monthly supervision notice (`gongkai_core::supervision::notice`) on A4
//!   landscape as PDF ([`notice_pdf`], `notice/notice.typ`) and DOCX ([`notice_docx`]).
//! - `docx_parts`: what every DOCX here is built from (page, fonts, text paragraphs, packing).
//! - `audit_xlsx`: the findings of an audit of published reports as a workbook
//!   ([`audit_findings_xlsx`]), from plain rows.
//! - `engine`: the one long-lived typst engine holding every template. Documents reach the
//!   templates as data (`sys.inputs`), never as markup, so nothing a user typed runs as typst code.
//! - `fonts`: finds the CJK font the PDFs need on this machine (`GONGKAI_PDF_FONT`, then system).
//!
//! All renderers are synchronous and CPU-bound (a warm PDF takes tens of milliseconds; the first
//! one also reads ~50 MB of font files): call them from `spawn_blocking` in async code.

mod audit_xlsx;
mod docx;
mod docx_parts;
mod engine;
mod fonts;
mod notice;
mod pdf;
pub mod report;
mod table_xlsx;

use std::path::PathBuf;

pub use audit_xlsx::{AmbiguityRow, AuditSheets, AuditedFile, FindingRow, audit_findings_xlsx};
pub use docx::docx;
pub use fonts::FONT_ENV;
pub use notice::{notice_docx, notice_pdf};
pub use pdf::pdf;
pub use report::{ReportFileFormat, report_csv, report_docx, report_file, report_pdf, report_xlsx};
pub use table_xlsx::table_xlsx;

/// A letter ready to render. All text is plain (no markup); paragraphs are rendered in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letter {
    /// e.g. "浩县人民政府"
    pub issuer: String,
    /// e.g. "政府信息公开申请答复书"
    pub title: String,
    /// e.g. "浩府依复〔2025〕20251009-7K3MQZ号" (may be empty)
    pub reference: String,
    /// e.g. "张三："
    pub salutation: String,
    pub paragraphs: Vec<String>,
    /// e.g. "浩县人民政府" (the signature line, right-aligned)
    pub signature: String,
    /// e.g. "2025年11月10日" (right-aligned under the signature)
    pub date: String,
}

/// Why a letter or report could not be rendered. `Display` is Chinese and meant for staff; the font
/// variants tell the operator what to install or configure.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// No CJK font on this machine and `GONGKAI_PDF_FONT` unset.
    #[error(
        "未找到中文字体，无法生成 PDF。请安装 fonts-noto-cjk（apt-get install fonts-noto-cjk），\
         或将环境变量 GONGKAI_PDF_FONT 设为中文字体文件（.ttf/.otf/.ttc）的路径。"
    )]
    NoCjkFont,
    /// `GONGKAI_PDF_FONT` names a file that does not exist.
    #[error("环境变量 GONGKAI_PDF_FONT 指向的字体文件不存在：{}", path.display())]
    FontMissing { path: PathBuf },
    /// The font file exists but could not be read.
    #[error("无法读取字体文件 {}：{source}", path.display())]
    FontUnreadable {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The file is not a font typst can use, or has no Chinese glyphs.
    #[error(
        "字体文件 {} 不是可用的中文字体。请安装 fonts-noto-cjk，或将 GONGKAI_PDF_FONT 设为中文字体文件的路径。",
        path.display()
    )]
    FontInvalid { path: PathBuf },
    /// typst rejected the template or could not write the PDF (a bug here, not in the letter).
    #[error("PDF 排版失败：{0}")]
    Pdf(String),
    /// docx-rs could not write the archive.
    #[error("DOCX 生成失败：{0}")]
    Docx(String),
    /// rust_xlsxwriter could not write the workbook.
    #[error("XLSX 生成失败：{0}")]
    Xlsx(String),
    /// The report model could not be written as JSON (a bug here).
    #[error("JSON 生成失败：{0}")]
    Json(String),
}
