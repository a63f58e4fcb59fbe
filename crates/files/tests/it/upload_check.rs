//! The upload gate: size, allowed types, content agreeing with the extension, Chinese messages.

use crate::samples;
use gongkai_files::{Kind, UploadError, check_upload};

const MAX: usize = 20 * 1024 * 1024;

#[test]
fn allowed_files_whose_content_matches_pass_and_say_their_kind() {
    let docx = samples::chinese_docx();
    let xlsx = samples::chinese_xlsx();
    let pdf = samples::ascii_pdf("ok");
    let ofd = samples::zip(&[("OFD.xml", b"<ofd:OFD/>"), ("Doc_0/Document.xml", b"<ofd:Document/>")]);
    let zip = samples::zip(&[("a.txt", b"a")]);
    let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0];
    let cases: [(&str, &[u8], Kind); 14] = [
        ("年报.pdf", &pdf, Kind::Pdf),
        ("通知.docx", &docx, Kind::Docx),
        ("统计.xlsx", &xlsx, Kind::Xlsx),
        ("旧通知.doc", &ole, Kind::Other),
        ("旧统计.xls", &ole, Kind::Other),
        ("公文.wps", &ole, Kind::Other),
        ("公文.ofd", &ofd, Kind::Other),
        ("说明.txt", "说明".as_bytes(), Kind::Text),
        ("台账.csv", b"a,b\n1,2\n", Kind::Text),
        ("照片.JPG", &[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10], Kind::Other),
        ("照片.jpeg", &[0xFF, 0xD8, 0xFF, 0xE1], Kind::Other),
        ("截图.png", b"\x89PNG\r\n\x1a\n\0\0", Kind::Other),
        ("材料.zip", &zip, Kind::Other),
        ("材料.rar", b"Rar!\x1a\x07\x00", Kind::Other),
    ];
    for (filename, bytes, kind) in cases {
        assert_eq!(check_upload(filename, bytes, MAX), Ok(kind), "{filename}");
    }
}

#[test]
fn a_pdf_that_is_not_a_pdf_is_refused_naming_the_file() {
    let error = check_upload("x.pdf", "<html>钓鱼页面</html>".as_bytes(), MAX).unwrap_err();
    assert_eq!(error.to_string(), "附件“x.pdf”的内容不是PDF文件");
}

#[test]
fn content_that_does_not_match_its_extension_is_refused() {
    let docx = samples::chinese_docx();
    let cases: [(&str, &[u8], &str); 7] = [
        ("通知.docx", &docx[..20], "附件“通知.docx”的内容不是DOCX文件"),
        ("统计.xlsx", &docx, "附件“统计.xlsx”的内容不是XLSX文件"),
        ("照片.jpg", b"\x89PNG\r\n\x1a\n", "附件“照片.jpg”的内容不是JPEG图片"),
        ("说明.txt", b"MZ\x90\x00\x03\x00\x00\x00", "附件“说明.txt”的内容不是文本文件"),
        ("说明.txt", b"#!/bin/sh\nrm -rf /\n", "附件“说明.txt”的内容不是文本文件"),
        ("台账.csv", b"<script>alert(1)</script>", "附件“台账.csv”的内容不是文本文件"),
        ("公文.ofd", &docx, "附件“公文.ofd”的内容不是OFD文件"),
    ];
    for (filename, bytes, message) in cases {
        assert_eq!(check_upload(filename, bytes, MAX).unwrap_err().to_string(), message);
    }
}

#[test]
fn executables_scripts_and_active_documents_are_refused_by_name() {
    for filename in ["setup.exe", "run.bat", "install.sh", "app.js", "page.html", "logo.svg", "年报.pdf.exe", "x.PS1"]
    {
        let error = check_upload(filename, b"harmless looking", MAX).unwrap_err();
        assert!(matches!(error, UploadError::Forbidden { .. }), "{filename}: {error:?}");
        assert!(error.to_string().starts_with(&format!("附件“{filename}”是可执行文件或脚本")), "{error}");
    }
}

#[test]
fn other_types_are_refused_with_the_list_of_allowed_ones() {
    let error = check_upload("图.bmp", b"BM", MAX).unwrap_err();
    assert_eq!(
        error.to_string(),
        "附件“图.bmp”的类型（.bmp）不允许上传，只能上传pdf、docx、doc、xlsx、xls、wps、ofd、txt、csv、jpg、jpeg、png、zip、rar"
    );
    assert_eq!(
        check_upload("README", b"text", MAX).unwrap_err().to_string(),
        "附件“README”没有扩展名，无法判断文件类型"
    );
}

#[test]
fn a_file_over_the_limit_is_refused_saying_the_limit() {
    let pdf = samples::ascii_pdf("big");
    let error = check_upload("年报.pdf", &pdf, pdf.len() - 1).unwrap_err();
    assert!(matches!(error, UploadError::TooLarge { size, .. } if size == pdf.len()));
    let too_big = vec![b'a'; MAX + 1];
    assert_eq!(check_upload("说明.txt", &too_big, MAX).unwrap_err().to_string(), "附件过大：最大20MB");
    assert_eq!(check_upload("说明.txt", &too_big[..MAX], MAX), Ok(Kind::Text));
}

#[test]
fn an_empty_file_is_refused() {
    assert_eq!(check_upload("空.pdf", b"", MAX).unwrap_err().to_string(), "附件“空.pdf”是空文件");
}

#[test]
fn the_form_field_is_named_for_the_caller() {
    assert_eq!((UploadError::FIELD, UploadError::LABEL), ("attachment", "附件"));
}
