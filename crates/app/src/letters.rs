//! Reply letters: the archived rendering of the latest decision, or a new one composed from the
//! agency's template, rendered by the export crate on a blocking thread and archived in the blob
//! store. Who may have one is the caller's use case to decide (staff reading the request, or the
//! applicant with the tracking code and query password).

use gongkai_core::request::letter;
use gongkai_store::request::letters;
use gongkai_store::request::row::Request;
use gongkai_store::{Actor, Error, Result, agency};

use crate::services::App;

/// The two formats offered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Docx,
    Pdf,
}

impl Format {
    pub fn parse(s: &str) -> Result<Format> {
        match s {
            "docx" => Ok(Format::Docx),
            "pdf" => Ok(Format::Pdf),
            _ => Err(Error::field("format", "格式", "答复书只提供Word（docx）和PDF两种格式")),
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Pdf => "pdf",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Format::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Format::Pdf => "application/pdf",
        }
    }
}

/// A rendered letter: its file name (`{tracking code}-{title}.{ext}`) and bytes.
pub struct LetterFile {
    pub filename: String,
    pub format: Format,
    pub bytes: Vec<u8>,
}

/// The letter of the latest decision on `r` in `format`, rendering and archiving it on first use.
pub async fn render(app: &App, actor: &Actor, r: &Request, format: Format) -> Result<LetterFile> {
    let agency = agency::get(&app.db, r.agency_id).await?;
    let Some((kind, facts)) = letters::facts(&app.db, r, &agency.name).await? else {
        return Err(Error::field("format", "答复书", "本申请尚未作出答复，没有答复书"));
    };
    let filename = format!("{}-{}.{}", facts.tracking_code, letter::title(facts.outcome), format.key());
    if let Some(found) = letters::archived(&app.db, r.id, &kind, format.key()).await? {
        let bytes = app.blobs.get(&found.blob_key).await.map_err(|e| Error::Internal(format!("blob store: {e}")))?;
        return Ok(LetterFile { filename, format, bytes: bytes.to_vec() });
    }
    let template = letters::template(&app.db, r.agency_id, facts.outcome).await?;
    let composed = letter::compose(&template, &facts);
    let doc = gongkai_export::Letter {
        issuer: agency.name.clone(),
        title: composed.title,
        reference: composed.reference,
        salutation: composed.salutation,
        paragraphs: composed.paragraphs,
        signature: composed.signature,
        date: composed.date,
    };
    let bytes = tokio::task::spawn_blocking(move || match format {
        Format::Docx => gongkai_export::docx(&doc),
        Format::Pdf => gongkai_export::pdf(&doc),
    })
    .await
    .map_err(|e| Error::Internal(format!("letter rendering task: {e}")))?
    .map_err(|e| Error::field("format", "答复书", e.to_string()))?;
    let stored = app.blobs.put(bytes.clone().into()).await.map_err(|e| Error::Internal(format!("blob store: {e}")))?;
    letters::archive(&app.db, actor, r, &kind, format.key(), &stored.key, bytes.len()).await?;
    Ok(LetterFile { filename, format, bytes })
}

/// Renders and archives both letters of a new decision; a failure (say, no CJK font for the PDF)
/// is logged and retried on download, and does not undo the decision.
pub async fn archive_new_decision(app: &App, actor: &Actor, r: &Request) {
    for format in [Format::Docx, Format::Pdf] {
        if let Err(e) = render(app, actor, r, format).await {
            tracing::warn!(error = ?e, request = r.id, "reply letter not archived");
        }
    }
}
