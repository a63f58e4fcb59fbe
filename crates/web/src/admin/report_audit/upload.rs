//! The audit form's multipart body read into a [`Batch`]: the uploaded files (field `files`, at
//! most [`MAX_FILES`]), the pasted HTML or text (field `pasted`) and the series checkbox (field
//! `series`). A batch with nothing to audit, too many files or a broken upload is refused with
//! the field's Chinese message; a file that is not a report is not refused here — its own
//! section of the results says why it could not be read (see [`Source::unreadable`]).

use axum::extract::Multipart;
use gongkai_core::field::FieldErrors;
use gongkai_store::Error;

/// Most files audited in one submission.
pub const MAX_FILES: usize = 50;
/// What the results call the pasted text.
pub const PASTED_NAME: &str = "粘贴的内容";
const FILES_LABEL: &str = "报告文件";
const EXTENSIONS: [&str; 3] = ["html", "htm", "txt"];

/// One source to audit: a file's name and bytes, or the pasted text.
pub struct Source {
    pub name: String,
    pub bytes: Vec<u8>,
    /// Whether it was uploaded (a file name to check) rather than pasted.
    pub uploaded: bool,
}

impl Source {
    /// Why this source cannot be a report, before reading it: not an HTML or text file, empty,
    /// or a PDF, Office or zip file under another name.
    pub fn unreadable(&self) -> Option<&'static str> {
        let extension = self.name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
        if self.uploaded && !EXTENSIONS.contains(&extension.as_str()) {
            return Some(
                "只能审查网页（.html、.htm）或文本（.txt）文件。PDF、Word 文件请先另存为网页，或复制其文字粘贴到“粘贴的网页或文本”中。",
            );
        }
        if self.bytes.iter().all(u8::is_ascii_whitespace) {
            return Some("文件是空的，没有可以审查的内容。");
        }
        const BINARY: [&[u8]; 3] = [b"%PDF", b"PK\x03\x04", b"\xD0\xCF\x11\xE0"];
        if BINARY.iter().any(|magic| self.bytes.starts_with(magic)) {
            return Some(
                "文件不是网页或文本（看来是 PDF、Word 或压缩文件），无法读取。请另存为网页，或复制其文字粘贴。",
            );
        }
        None
    }
}

/// One submission of the audit form.
#[derive(Default)]
pub struct Batch {
    pub sources: Vec<Source>,
    /// Check the carry-over between consecutive years of one agency across the sources.
    pub series: bool,
}

impl Batch {
    /// Reads the form; the pasted text, if any, comes after the files.
    pub async fn read(mut multipart: Multipart) -> Result<Batch, FieldErrors> {
        let broken = || Error::field("files", FILES_LABEL, "上传不完整，请重新选择文件后再提交。").into_field_errors();
        let mut batch = Batch::default();
        let mut pasted = String::new();
        let mut files = 0usize;
        while let Some(field) = multipart.next_field().await.map_err(|_| broken())? {
            match field.name().unwrap_or_default() {
                "files" => {
                    let name = field.file_name().unwrap_or_default().to_owned();
                    let bytes = field.bytes().await.map_err(|_| broken())?;
                    if name.is_empty() && bytes.is_empty() {
                        continue; // the empty part a browser sends when no file is chosen
                    }
                    files += 1;
                    if files <= MAX_FILES {
                        batch.sources.push(Source { name, bytes: bytes.to_vec(), uploaded: true });
                    }
                }
                "pasted" => pasted = field.text().await.map_err(|_| broken())?,
                "series" => batch.series = true,
                _ => {}
            }
        }
        if files > MAX_FILES {
            let message = format!("“{FILES_LABEL}”一次最多{MAX_FILES}个，本次选择了{files}个，请分批审查。");
            return Err(Error::field("files", FILES_LABEL, message).into_field_errors());
        }
        if !pasted.trim().is_empty() {
            batch.sources.push(Source { name: PASTED_NAME.to_owned(), bytes: pasted.into_bytes(), uploaded: false });
        }
        if batch.sources.is_empty() {
            let message = format!("请在“{FILES_LABEL}”中选择要审查的年度报告，或在“粘贴的网页或文本”中粘贴报告内容。");
            return Err(Error::field("files", FILES_LABEL, message).into_field_errors());
        }
        Ok(batch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str, bytes: &[u8]) -> Source {
        Source { name: name.into(), bytes: bytes.to_vec(), uploaded: true }
    }

    #[test]
    fn only_html_and_text_files_are_read() {
        assert!(file("报告.HTML", "<p>年度报告</p>".as_bytes()).unreadable().is_none());
        assert!(file("report.txt", b"text").unreadable().is_none());
        assert!(file("report.pdf", b"%PDF-1.7").unreadable().unwrap().contains(".html"));
        assert!(file("report", b"text").unreadable().is_some());
    }

    #[test]
    fn empty_and_binary_files_are_named_as_such() {
        assert!(file("a.txt", b" \n").unreadable().unwrap().contains("空"));
        assert!(file("a.html", b"PK\x03\x04rest").unreadable().unwrap().contains("PDF"));
        let pasted = Source { name: PASTED_NAME.into(), bytes: b"pasted text".to_vec(), uploaded: false };
        assert!(pasted.unreadable().is_none());
    }
}
