//! What the first bytes of a file say it is, and what its name says.
//!
//! Magic numbers are the evidence; the extension is only a claim. Zip archives are looked into
//! (by their directory, not by unpacking) to tell DOCX, XLSX and OFD from a plain zip.

use std::io::Cursor;

/// The content type told by magic bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Magic {
    Pdf,
    Zip(ZipKind),
    /// OLE2 compound file: legacy .doc, .xls and WPS documents.
    Ole,
    Png,
    Jpeg,
    Gif,
    Rar,
    SevenZip,
    /// PE (MZ), ELF, Mach-O, or a `#!` script.
    Executable,
    Html,
    Svg,
    /// Nothing recognised: text or an unknown binary.
    None,
}

/// What a zip archive holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ZipKind {
    Docx,
    Xlsx,
    /// 版式文档 OFD (GB/T 33190): a zip with `OFD.xml` at its root.
    Ofd,
    /// Any other zip, or one whose directory cannot be read.
    Plain,
}

/// How far into a file the PDF header may start (readers accept leading junk, so do we).
const PDF_HEADER_WINDOW: usize = 1024;
/// How much of the start of a text file is looked at for HTML or SVG markup.
const MARKUP_WINDOW: usize = 1024;

pub(super) fn magic(bytes: &[u8]) -> Magic {
    let starts = |prefix: &[u8]| bytes.starts_with(prefix);
    if find(&bytes[..bytes.len().min(PDF_HEADER_WINDOW)], b"%PDF-").is_some() {
        Magic::Pdf
    } else if starts(b"PK\x03\x04") || starts(b"PK\x05\x06") {
        Magic::Zip(zip_kind(bytes))
    } else if starts(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Magic::Ole
    } else if starts(b"\x89PNG\r\n\x1a\n") {
        Magic::Png
    } else if starts(&[0xFF, 0xD8, 0xFF]) {
        Magic::Jpeg
    } else if starts(b"GIF87a") || starts(b"GIF89a") {
        Magic::Gif
    } else if starts(b"Rar!\x1a\x07") {
        Magic::Rar
    } else if starts(b"7z\xbc\xaf\x27\x1c") {
        Magic::SevenZip
    } else if is_executable(bytes) {
        Magic::Executable
    } else {
        markup(bytes)
    }
}

fn is_executable(bytes: &[u8]) -> bool {
    // "MZ" alone also starts plain words; a DOS/PE header has NUL bytes right after it.
    if bytes.starts_with(b"MZ") && bytes[..bytes.len().min(64)].contains(&0) {
        return true;
    }
    const SIGNATURES: [&[u8]; 6] = [
        b"\x7fELF",
        b"#!",
        &[0xFE, 0xED, 0xFA, 0xCE],
        &[0xFE, 0xED, 0xFA, 0xCF],
        &[0xCE, 0xFA, 0xED, 0xFE],
        &[0xCF, 0xFA, 0xED, 0xFE],
    ];
    SIGNATURES.iter().any(|signature| bytes.starts_with(signature))
}

/// HTML or SVG by how the text starts (after a BOM, whitespace and an XML declaration or comments).
fn markup(bytes: &[u8]) -> Magic {
    let head = &bytes[..bytes.len().min(MARKUP_WINDOW)];
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let text = lower.trim_ascii_start();
    if !text.starts_with(b"<") {
        return Magic::None;
    }
    if find(&lower, b"<svg").is_some() {
        return Magic::Svg;
    }
    const HTML_OPENINGS: [&[u8]; 10] =
        [b"<!doctype html", b"<html", b"<head", b"<body", b"<script", b"<iframe", b"<meta", b"<title", b"<div", b"<p>"];
    let skipped = skip_prologue(text);
    if HTML_OPENINGS.iter().any(|opening| skipped.starts_with(opening)) { Magic::Html } else { Magic::None }
}

/// Skips `<?xml …?>` and `<!-- … -->` at the start.
fn skip_prologue(mut text: &[u8]) -> &[u8] {
    loop {
        let (open, close): (&[u8], &[u8]) = if text.starts_with(b"<?") {
            (b"<?", b"?>")
        } else if text.starts_with(b"<!--") {
            (b"<!--", b"-->")
        } else {
            return text;
        };
        match find(&text[open.len()..], close) {
            Some(end) => text = text[open.len() + end + close.len()..].trim_ascii_start(),
            None => return text,
        }
    }
}

fn zip_kind(bytes: &[u8]) -> ZipKind {
    let Ok(archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return ZipKind::Plain;
    };
    let mut kind = ZipKind::Plain;
    for name in archive.file_names_raw() {
        match name {
            b"word/document.xml" => return ZipKind::Docx,
            b"xl/workbook.xml" => return ZipKind::Xlsx,
            b"OFD.xml" => kind = ZipKind::Ofd,
            _ => {}
        }
    }
    kind
}

pub(super) fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|window| window == needle)
}

/// The lowercase extension of a file name (after the last dot of its last path segment), if any.
pub(super) fn extension(filename: &str) -> Option<String> {
    let name = filename.rsplit(['/', '\\']).next().unwrap_or(filename);
    let (_, extension) = name.rsplit_once('.')?;
    let extension = extension.trim();
    (!extension.is_empty()).then(|| extension.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_extension_is_taken_after_the_last_dot_of_the_last_path_segment() {
        assert_eq!(extension("关于印发通知.PDF").as_deref(), Some("pdf"));
        assert_eq!(extension("report.pdf.exe").as_deref(), Some("exe"));
        assert_eq!(extension(r"C:\Users\张三\附件.docx").as_deref(), Some("docx"));
        assert_eq!(extension("dir.v2/README"), None);
        assert_eq!(extension("trailing."), None);
        assert_eq!(extension(".bashrc").as_deref(), Some("bashrc"));
    }

    #[test]
    fn markup_is_recognised_after_a_bom_whitespace_and_an_xml_declaration() {
        assert_eq!(magic(b"\xEF\xBB\xBF  <!DOCTYPE html><html>"), Magic::Html);
        assert_eq!(magic(b"<!-- saved -->\n<HTML lang=zh>"), Magic::Html);
        assert_eq!(magic(b"<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>"), Magic::Svg);
        assert_eq!(magic("政府信息公开 <html>".as_bytes()), Magic::None);
    }

    #[test]
    fn executables_and_scripts_are_recognised_by_their_first_bytes() {
        for bytes in [&b"MZ\x90\x00"[..], b"\x7fELF\x02\x01", b"#!/bin/sh\nrm -rf /", &[0xCF, 0xFA, 0xED, 0xFE, 7]] {
            assert_eq!(magic(bytes), Magic::Executable);
        }
    }
}
