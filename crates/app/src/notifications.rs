//! Delivering the notification outbox: by SMTP when a mail server is configured, to the
//! applicant's address, a handler's own notification address or, for messages to an agency's
//! staff (and handlers without an address), to its disclosure office's address;
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
        let address = match &app.config.smtp {
            Some(_) => staff_address(app, n).await?,
            None => None,
        };
        let address = n.recipient.email().or(address.as_deref()).filter(|a| !a.trim().is_empty());
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

/// Where a message to staff goes by email: a member's own notification address, else their
/// agency's disclosure office address (for messages to the agency, the office's).
async fn staff_address(app: &App, n: &Notification) -> Result<Option<String>> {
    let office =
        |id| async move { Ok::<_, gongkai_store::Error>(gongkai_store::agency::get(&app.db, id).await?.email) };
    match n.recipient {
        Recipient::Email(_) => Ok(None),
        Recipient::Agency(id) => office(id).await,
        Recipient::Staff(id) => {
            let member = gongkai_store::staff::get(&app.db, id).await?;
            match member.email.trim() {
                "" => office(member.agency_id).await,
                own => Ok(Some(own.to_owned())),
            }
        }
    }
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

/// The newest reminders addressed to the signed-in staff member themselves (none for a token
/// or the command line).
pub async fn mine(app: &App, who: &crate::principal::Principal, limit: i64) -> Result<Vec<Notification>> {
    match who.staff() {
        Some(me) => notify::of_staff(&app.db, me.staff.id, limit).await,
        None => Ok(Vec::new()),
    }
}
