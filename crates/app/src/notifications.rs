//! Delivering the notification outbox: by SMTP when a mail server is configured, to the
//! applicant's address or, for messages to an agency's staff, to its disclosure office's address;
//! otherwise (or when the office has no address) as one text file each under the configured directory (`{id}.txt`, with To and Subject lines). Each is marked with where it
//! went, or why it could not go.

use gongkai_store::Result;
use gongkai_store::request::notify::{self, Notification, Recipient};

use crate::config::SmtpConfig;
use crate::services::App;

/// Delivers up to `limit` queued notifications; returns how many were handled.
pub async fn deliver_pending(app: &App, limit: i64) -> Result<usize> {
    let pending = notify::pending(&app.db, limit).await?;
    for n in &pending {
        // An agency's staff are reached at its disclosure office's address, when it has one.
        let office = match (&app.config.smtp, &n.recipient) {
            (Some(_), Recipient::Agency(id)) => gongkai_store::agency::get(&app.db, *id).await?.email,
            _ => None,
        };
        let address = n.recipient.email().or(office.as_deref()).filter(|a| !a.trim().is_empty());
        let outcome = match (&app.config.smtp, address) {
            (Some(smtp), Some(address)) => send_mail(smtp, address, n).await.map(|()| format!("smtp:{address}")),
            _ => match &app.config.notification_dir {
                Some(dir) => write_file(dir, n),
                None => continue,
            },
        };
        match outcome {
            Ok(to) => notify::mark(&app.db, n.id, Some(&to), None).await?,
            Err(e) => {
                tracing::warn!(error = %e, id = n.id, "notification not delivered");
                notify::mark(&app.db, n.id, None, Some(&e)).await?;
            }
        }
    }
    Ok(pending.len())
}

fn write_file(dir: &std::path::Path, n: &Notification) -> std::result::Result<String, String> {
    let path = dir.join(format!("{}.txt", n.id));
    let text =
        format!("To: {}\nSubject: {}\nDate: {}\n\n{}\n", n.recipient.to_stored(), n.subject, n.created_at, n.body);
    std::fs::create_dir_all(dir).and_then(|()| std::fs::write(&path, text)).map_err(|e| e.to_string())?;
    Ok(path.display().to_string())
}

async fn send_mail(smtp: &SmtpConfig, address: &str, n: &Notification) -> std::result::Result<(), String> {
    use lettre::message::header::ContentType;
    use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
    let message = Message::builder()
        .from(smtp.from.parse().map_err(|e| format!("发件地址无效：{e}"))?)
        .to(address.parse().map_err(|e| format!("收件地址无效：{e}"))?)
        .subject(n.subject.clone())
        .header(ContentType::TEXT_PLAIN)
        .body(n.body.clone())
        .map_err(|e| e.to_string())?;
    let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(&smtp.url)
        .map_err(|e| format!("邮件服务器地址无效：{e}"))?
        .build();
    transport.send(message).await.map(|_| ()).map_err(|e| format!("邮件发送失败：{e}"))
}
