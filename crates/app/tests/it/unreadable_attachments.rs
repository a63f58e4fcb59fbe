//! An attachment whose text cannot be read (a decompression bomb, a broken file) was never seen
//! by the secrecy scan: it holds 保密审查 until the reviewer has read it by hand and confirms it,
//! and it cannot be "redacted" in place.

use std::io::{Cursor, Write};

use gongkai_app::catalogue;
use gongkai_store::Error;
use gongkai_store::catalogue::item::ItemForm;
use gongkai_store::catalogue::secrecy::Resolution;
use zip::ZipWriter;
use zip::write::SimpleFileOptions;

use crate::fixture::Fixture;

/// A 60-odd KB DOCX holding a resident ID number followed by 65 MiB of spaces: over the 64 MiB a
/// file may inflate to.
fn bomb_docx() -> Vec<u8> {
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    writer.start_file("[Content_Types].xml", options).unwrap();
    writer.write_all(br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#).unwrap();
    writer.start_file("word/document.xml", options).unwrap();
    writer.write_all(br#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>11010519491231002X</w:t></w:r></w:p><w:p><w:r><w:t xml:space="preserve">"#).unwrap();
    let spaces = vec![b' '; 1024 * 1024];
    for _ in 0..65 {
        writer.write_all(&spaces).unwrap();
    }
    writer.write_all(b"</w:t></w:r></w:p></w:body></w:document>").unwrap();
    writer.finish().unwrap().into_inner()
}

async fn submitted_draft_with(f: &Fixture, filename: &str, bytes: Vec<u8>) -> (i64, i64) {
    let form = ItemForm {
        title: "浩县2025年临时救助对象公示".into(),
        category: "art20.11".into(),
        subject: "民政、扶贫、救灾\\社会福利".into(),
        formed_on: "2025-09-26".into(),
        written_on: "2025-09-26".into(),
        body: "<p>公示内容</p>".into(),
        ..Default::default()
    };
    let who = f.who("C:drafter");
    let id = catalogue::create_draft(&f.app, who, f.agencies["C"].id, &form.parse().unwrap()).await.unwrap().id;
    let attachment = catalogue::add_attachment(&f.app, who, id, filename, bytes).await.unwrap();
    catalogue::review(&f.app, who, id, &catalogue::ReviewInput::new("submit", "")).await.unwrap();
    (id, attachment.id)
}

async fn pass_secrecy(f: &Fixture, id: i64) -> Result<(), Error> {
    catalogue::review(&f.app, f.who("C:secrecy_reviewer"), id, &catalogue::ReviewInput::new("pass_secrecy", ""))
        .await
        .map(|_| ())
}

fn refused_with(r: Result<(), Error>, needle: &str) {
    match r {
        Err(Error::Invalid(fields)) => {
            assert!(fields.0.iter().any(|f| f.message.contains(needle)), "{fields:?} lacks {needle:?}")
        }
        other => panic!("expected a refusal mentioning {needle:?}, got {other:?}"),
    }
}

async fn a_decompression_bomb_holds_the_secrecy_review_until_confirmed_by_hand(f: Fixture) {
    let bytes = bomb_docx();
    assert!(bytes.len() < 200 * 1024, "the bomb is small on disk: {} bytes", bytes.len());
    let (id, attachment) = submitted_draft_with(&f, "救助名单.docx", bytes).await;

    let case = catalogue::read(&f.app, f.who("C:secrecy_reviewer"), id).await.unwrap();
    let stored = case.attachments.iter().find(|a| a.id == attachment).unwrap();
    let problem = stored.text_problem.as_deref().expect("the attachment is marked unreadable");
    assert!(problem.contains("64 MB"), "{problem}");
    assert!(stored.extracted_text.is_empty(), "nothing half-read is kept");
    let unreadable: Vec<_> = case.hits.iter().filter(|h| h.is_unreadable_file()).collect();
    assert_eq!(unreadable.len(), 1, "{:?}", case.hits);
    let hit = unreadable[0];
    assert!(!hit.is_resolved());
    assert_eq!(hit.source_label(), "附件 救助名单.docx");
    assert_eq!(hit.masked, problem, "the note is shown as it is");

    refused_with(pass_secrecy(&f, id).await, "保密审查提示");
    let redact = catalogue::resolve_hit(&f.app, f.who("C:secrecy_reviewer"), id, hit.id, Resolution::Redact).await;
    refused_with(redact, "无法在线遮盖");
    let empty = Resolution::Confirm { reason: "  ".into() };
    refused_with(catalogue::resolve_hit(&f.app, f.who("C:secrecy_reviewer"), id, hit.id, empty).await, "理由");
    refused_with(pass_secrecy(&f, id).await, "保密审查提示");

    let confirm =
        Resolution::Confirm { reason: "已逐页阅读原件，仅含公示名单，无身份证号码".into() };
    catalogue::resolve_hit(&f.app, f.who("C:secrecy_reviewer"), id, hit.id, confirm).await.unwrap();
    pass_secrecy(&f, id).await.unwrap();
}

async fn a_broken_file_is_held_and_removing_it_releases_the_review(f: Fixture) {
    let broken = b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> garbage without an end".to_vec();
    let (id, attachment) = submitted_draft_with(&f, "名单.pdf", broken).await;
    let case = catalogue::read(&f.app, f.who("C:secrecy_reviewer"), id).await.unwrap();
    let problem = case.attachments[0].text_problem.clone().expect("a broken PDF is marked");
    assert!(problem.contains("损坏"), "{problem}");
    assert!(case.hits.iter().any(|h| h.is_unreadable_file() && !h.is_resolved()));
    refused_with(pass_secrecy(&f, id).await, "保密审查提示");

    // Back to the drafter, who removes the file: nothing is left unread.
    let reviewer = f.who("C:secrecy_reviewer");
    catalogue::review(&f.app, reviewer, id, &catalogue::ReviewInput::new("return", "附件无法读取，请更换"))
        .await
        .unwrap();
    catalogue::remove_attachment(&f.app, f.who("C:drafter"), id, attachment).await.unwrap();
    let case = catalogue::read(&f.app, f.who("C:drafter"), id).await.unwrap();
    assert!(case.hits.is_empty(), "{:?}", case.hits);
    catalogue::review(&f.app, f.who("C:drafter"), id, &catalogue::ReviewInput::new("submit", "")).await.unwrap();
    pass_secrecy(&f, id).await.unwrap();
}

async fn a_readable_file_is_scanned_not_held(f: Fixture) {
    let (id, _) = submitted_draft_with(&f, "说明.txt", "联系电话 13912345678".as_bytes().to_vec()).await;
    let case = catalogue::read(&f.app, f.who("C:secrecy_reviewer"), id).await.unwrap();
    assert_eq!(case.attachments[0].text_problem, None);
    let kinds: Vec<&str> = case.hits.iter().map(|h| h.kind.as_str()).collect();
    assert_eq!(kinds, ["mobile"]);
}

crate::on_both_backends!(
    a_decompression_bomb_holds_the_secrecy_review_until_confirmed_by_hand,
    a_broken_file_is_held_and_removing_it_releases_the_review,
    a_readable_file_is_scanned_not_held,
);
