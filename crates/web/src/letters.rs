//! Reply letters for download: the archived rendering of the latest decision, or a new one
//! composed from the agency's template, rendered by the export crate on a blocking thread,
//! archived in the blob store, then served. Staff download from the request page; the applicant
//! with the tracking code and query password.

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use gongkai_core::request::letter;
use gongkai_store::request::letters;
use gongkai_store::request::row::Request;
use gongkai_store::{Actor, Error, Result, agency};

use crate::portal::encode_query;
use crate::state::AppState;

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

    fn key(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Pdf => "pdf",
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            Format::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Format::Pdf => "application/pdf",
        }
    }
}

/// The letter of the latest decision on `r` in `format`, rendering and archiving it on first use.
pub async fn letter(state: &AppState, actor: &Actor, r: &Request, format: Format) -> Result<(String, Vec<u8>)> {
    let agency = agency::get(&state.db, r.agency_id).await?;
    let Some((kind, facts)) = letters::facts(&state.db, r, &agency.name).await? else {
        return Err(Error::field("format", "答复书", "本申请尚未作出答复，没有答复书"));
    };
    let filename = format!("{}-{}.{}", facts.tracking_code, letter::title(facts.outcome), format.key());
    if let Some(found) = letters::archived(&state.db, r.id, &kind, format.key()).await? {
        let bytes = state.blobs.get(&found.blob_key).await.map_err(|e| Error::Internal(format!("blob store: {e}")))?;
        return Ok((filename, bytes.to_vec()));
    }
    let template = letters::template(&state.db, r.agency_id, facts.outcome).await?;
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
    let stored =
        state.blobs.put(bytes.clone().into()).await.map_err(|e| Error::Internal(format!("blob store: {e}")))?;
    letters::archive(&state.db, actor, r, &kind, format.key(), &stored.key, bytes.len()).await?;
    Ok((filename, bytes))
}

/// A download response for a rendered letter.
pub fn download(filename: &str, format: Format, bytes: Vec<u8>) -> Response {
    let disposition =
        format!("attachment; filename=\"letter.{}\"; filename*=UTF-8''{}", format.key(), encode_query(filename));
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(format.content_type()));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    response
}
