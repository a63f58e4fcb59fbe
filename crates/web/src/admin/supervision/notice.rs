//! The monthly notice (一月一通报) of the dashboard's agency and month, as DOCX or PDF.

use crate::extract::{Path, Query};
use axum::extract::State;
use axum::response::Response;
use gongkai_store::{Error, supervision, timestamp};

use super::{MonthQuery, allowed};
use crate::auth::StaffSession;
use crate::error::{WebError, WebResult};
use crate::report_view::{FileFormat, download};
use crate::state::AppState;

pub async fn file(
    State(state): State<AppState>,
    me: StaffSession,
    Path((id, format)): Path<(i64, String)>,
    Query(q): Query<MonthQuery>,
) -> WebResult<Response> {
    let agency = allowed(&state, &me, id).await?;
    let month = q.month()?;
    let format = match format.as_str() {
        "docx" => FileFormat::Docx,
        "pdf" => FileFormat::Pdf,
        _ => return Err(WebError::NotFound),
    };
    let notice =
        supervision::notice(&state.db, &agency, month, timestamp::today_in_china(), &state.app.config.supervision)
            .await?;
    let title = notice.title.clone();
    let bytes = tokio::task::spawn_blocking(move || match format {
        FileFormat::Pdf => gongkai_export::notice_pdf(&notice),
        _ => gongkai_export::notice_docx(&notice),
    })
    .await
    .map_err(|e| Error::Internal(format!("notice rendering task: {e}")))?
    .map_err(|e| Error::Internal(format!("notice rendering: {e}")))?;
    Ok(download(&title, format, bytes, false))
}
