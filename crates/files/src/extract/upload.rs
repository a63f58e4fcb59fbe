//! The upload gate: size, allowed types, and an extension that agrees with the content.
//!
//! What is refused is said in Chinese for the form, naming the field 附件 and the file. The
//! content decides: a `.pdf` that is not a PDF, or a `.txt` that is an executable, is refused
//! whatever its name; executables, scripts and active documents (HTML, SVG) are refused by name.

use super::sniff::{self, Magic, ZipKind};
use super::{Kind, detect};

/// The extensions that may be uploaded.
pub const ALLOWED_EXTENSIONS: [&str; 14] =
    ["pdf", "docx", "doc", "xlsx", "xls", "wps", "ofd", "txt", "csv", "jpg", "jpeg", "png", "zip", "rar"];

/// Executables, scripts and documents that run code in a browser: refused by name.
const FORBIDDEN_EXTENSIONS: [&str; 44] = [
    "exe", "com", "bat", "cmd", "msi", "msp", "scr", "pif", "cpl", "dll", "sys", "lnk", "reg", "sh", "bash", "zsh",
    "csh", "ps1", "psm1", "vb", "vbs", "vbe", "js", "jse", "mjs", "wsf", "wsh", "hta", "jar", "py", "pl", "rb", "php",
    "asp", "aspx", "jsp", "cgi", "html", "htm", "xhtml", "shtml", "mht", "svg", "swf",
];

/// Why an upload was refused. `Display` is the Chinese message for the form.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UploadError {
    #[error("附件“{filename}”是空文件")]
    Empty { filename: String },

    #[error("附件过大：最大{}", size_label(*.max_bytes))]
    TooLarge { filename: String, size: usize, max_bytes: usize },

    #[error("附件“{filename}”没有扩展名，无法判断文件类型")]
    NoExtension { filename: String },

    #[error("附件“{filename}”是可执行文件或脚本（.{extension}），不允许上传")]
    Forbidden { filename: String, extension: String },

    #[error("附件“{filename}”的类型（.{extension}）不允许上传，只能上传{}", ALLOWED_EXTENSIONS.join("、"))]
    NotAllowed { filename: String, extension: String },

    #[error("附件“{filename}”的内容不是{expected}")]
    ContentMismatch { filename: String, expected: &'static str },
}

impl UploadError {
    /// Machine name of the form field these errors belong to.
    pub const FIELD: &'static str = "attachment";
    /// Chinese label of that field.
    pub const LABEL: &'static str = "附件";
}

/// Checks an upload and says what kind of file it is.
pub fn check_upload(filename: &str, bytes: &[u8], max_bytes: usize) -> Result<Kind, UploadError> {
    let name = || filename.to_owned();
    if bytes.is_empty() {
        return Err(UploadError::Empty { filename: name() });
    }
    if bytes.len() > max_bytes {
        return Err(UploadError::TooLarge { filename: name(), size: bytes.len(), max_bytes });
    }
    let Some(extension) = sniff::extension(filename) else {
        return Err(UploadError::NoExtension { filename: name() });
    };
    if FORBIDDEN_EXTENSIONS.contains(&extension.as_str()) {
        return Err(UploadError::Forbidden { filename: name(), extension });
    }
    let Some(expected) = expected_content(&extension) else {
        return Err(UploadError::NotAllowed { filename: name(), extension });
    };
    if !expected.matches(bytes) {
        return Err(UploadError::ContentMismatch { filename: name(), expected: expected.label });
    }
    Ok(detect(filename, bytes))
}

/// What the content of a file with a given extension must look like.
struct Expected {
    label: &'static str,
    accepts: fn(Magic) -> bool,
    /// Plain text must also contain no NUL bytes (unless UTF-16).
    text: bool,
}

impl Expected {
    fn matches(&self, bytes: &[u8]) -> bool {
        (self.accepts)(sniff::magic(bytes)) && (!self.text || looks_like_text(bytes))
    }
}

fn expected_content(extension: &str) -> Option<Expected> {
    let binary = |label, accepts| Some(Expected { label, accepts, text: false });
    match extension {
        "pdf" => binary("PDF文件", |m| m == Magic::Pdf),
        "docx" => binary("DOCX文件", |m| m == Magic::Zip(ZipKind::Docx)),
        "xlsx" => binary("XLSX文件", |m| m == Magic::Zip(ZipKind::Xlsx)),
        // Word and WPS also save the newer format under the old name; both are harmless.
        "doc" => binary("DOC文件", |m| matches!(m, Magic::Ole | Magic::Zip(ZipKind::Docx))),
        "wps" => binary("WPS文件", |m| matches!(m, Magic::Ole | Magic::Zip(ZipKind::Docx))),
        "xls" => binary("XLS文件", |m| matches!(m, Magic::Ole | Magic::Zip(ZipKind::Xlsx))),
        "ofd" => binary("OFD文件", |m| m == Magic::Zip(ZipKind::Ofd)),
        "jpg" | "jpeg" => binary("JPEG图片", |m| m == Magic::Jpeg),
        "png" => binary("PNG图片", |m| m == Magic::Png),
        "zip" => binary("ZIP压缩包", |m| matches!(m, Magic::Zip(_))),
        "rar" => binary("RAR压缩包", |m| m == Magic::Rar),
        "txt" | "csv" => Some(Expected { label: "文本文件", accepts: |m| m == Magic::None, text: true }),
        _ => None,
    }
}

/// No NUL bytes, except in UTF-16 (which announces itself with a byte-order mark).
fn looks_like_text(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) || !bytes.contains(&0)
}

/// `20971520` → `20MB`; sizes that are not whole megabytes or kilobytes keep more detail.
fn size_label(bytes: usize) -> String {
    const KB: usize = 1024;
    const MB: usize = 1024 * KB;
    if bytes >= MB && bytes.is_multiple_of(MB) {
        format!("{}MB", bytes / MB)
    } else if bytes >= MB {
        format!("{:.1}MB", bytes as f64 / MB as f64)
    } else if bytes >= KB && bytes.is_multiple_of(KB) {
        format!("{}KB", bytes / KB)
    } else {
        format!("{bytes}字节")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn size_limits_read_as_whole_megabytes_where_they_are() {
        assert_eq!(size_label(20 * 1024 * 1024), "20MB");
        assert_eq!(size_label(1536 * 1024), "1.5MB");
        assert_eq!(size_label(512 * 1024), "512KB");
        assert_eq!(size_label(1000), "1000字节");
    }
}
