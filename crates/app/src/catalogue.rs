//! The catalogue (主动公开) as staff work on it: drafts, attachments, the secrecy hits, and the
//! review chain 起草 → 保密审查 → 审核 → 签发. Every use case authorizes inside: the permission
//! of the table for the agency of the item, and, for submitting and revising, the relation to the
//! item (its author, unless the staff member is an administrator of the agency).

use gongkai_core::agency::Role;
use gongkai_core::agency::policy::Permission;
use gongkai_core::catalogue::review::{self, ACTIONS, Action, Command, ReviewError, Status};
use gongkai_store::agency::{self, Agency};
use gongkai_store::catalogue::attachments::{self, Attachment};
pub use gongkai_store::catalogue::import::CleanRows;
use gongkai_store::catalogue::item::{Item, ItemFields};
use gongkai_store::catalogue::secrecy::{self, Resolution, StoredHit};
use gongkai_store::catalogue::workflow::{self, ItemEvent};
use gongkai_store::catalogue::{drafts, queries, revision};
use gongkai_store::staff::People;
use gongkai_store::{Error, Result};
use time::OffsetDateTime;

use crate::principal::Principal;
use crate::services::App;

/// A page of an agency's items in the console.
pub struct ItemList {
    pub agency: Agency,
    pub items: Vec<Item>,
    pub total: i64,
    pub can_draft: bool,
}

/// Items of agency `agency_id` in `status` (empty: any), newest change first.
pub async fn list(
    app: &App,
    who: &Principal,
    agency_id: i64,
    status: &str,
    page: i64,
    per_page: i64,
) -> Result<ItemList> {
    let agency = agency::get(&app.db, agency_id).await?;
    who.authorize(Permission::ReadItems, &agency)?;
    let (items, total) = queries::console_page(&app.db, agency_id, status, page, per_page).await?;
    let can_draft = who.may(Permission::DraftItems, &agency);
    Ok(ItemList { agency, items, total, can_draft })
}

/// The agency a new draft would belong to, for those who may draft there.
pub async fn agency_for_draft(app: &App, who: &Principal, agency_id: i64) -> Result<Agency> {
    let agency = agency::get(&app.db, agency_id).await?;
    who.authorize(Permission::DraftItems, &agency)?;
    Ok(agency)
}

/// A new draft in agency `agency_id`.
pub async fn create_draft(app: &App, who: &Principal, agency_id: i64, fields: &ItemFields) -> Result<Item> {
    agency_for_draft(app, who, agency_id).await?;
    drafts::create(&app.db, &who.actor(), agency_id, fields).await
}

async fn load(app: &App, who: &Principal, id: i64, permission: Permission) -> Result<(Item, Agency)> {
    let item = queries::get(&app.db, id).await?;
    let agency = agency::get(&app.db, item.agency_id).await?;
    who.authorize(permission, &agency)?;
    Ok((item, agency))
}

/// A draft as its edit form starts, with the index numbers of the documents it interprets.
pub async fn for_editing(app: &App, who: &Principal, id: i64) -> Result<(Item, Agency, String)> {
    let (item, agency) = load(app, who, id, Permission::DraftItems).await?;
    let linked = drafts::linked_numbers(&app.db, id).await?;
    Ok((item, agency, linked))
}

/// Saves the draft `id`.
pub async fn update_draft(app: &App, who: &Principal, id: i64, fields: &ItemFields) -> Result<Item> {
    load(app, who, id, Permission::DraftItems).await?;
    drafts::update(&app.db, &who.actor(), id, fields).await
}

/// One item as the console shows it.
pub struct ItemCase {
    pub item: Item,
    pub agency: Agency,
    pub hits: Vec<StoredHit>,
    pub attachments: Vec<Attachment>,
    pub events: Vec<ItemEvent>,
    /// Every step, the review chain's and the others (see [`crate::item_history`]).
    pub history: Vec<crate::item_history::HistoryLine>,
    /// For a revision: the published item it revises.
    pub original: Option<Item>,
    /// For a published item: its revisions (an open one first to mind), and its replaced
    /// public versions.
    pub revisions: Vec<Item>,
    pub versions: Vec<gongkai_store::catalogue::revision::ItemVersion>,
    pub people: People,
    /// The review commands the principal may send now.
    pub actions: Vec<&'static Action>,
    /// Whether the principal may edit it (a draft of their agency) and its attachments.
    pub editable: bool,
    /// Whether the principal may resolve its secrecy hits now.
    pub can_resolve: bool,
    /// Waiting at 签发: what publishing today means for Art. 26 (20 working days from the day the
    /// information was formed or changed), for the approver to see before signing off.
    pub before_sign_off: Option<SignOffTiming>,
}

pub use gongkai_core::catalogue::review::SignOffTiming;

async fn sign_off_timing(app: &App, agency: &Agency, item: &Item) -> Result<Option<SignOffTiming>> {
    // Only an item at 签发 has a timing: no calendar to load for every other page view.
    if item.status != Status::SignOff {
        return Ok(None);
    }
    let calendar = gongkai_store::calendar::for_agency(&app.db, agency).await?;
    let sample = ACTIONS.iter().find(|a| a.key == "sign_off").map(Action::sample).unwrap_or(Command::Submit);
    Ok(workflow::sign_off_timing(item, &sample, OffsetDateTime::now_utc(), &calendar))
}

/// Item `id` for a principal who may read the agency's catalogue.
pub async fn read(app: &App, who: &Principal, id: i64) -> Result<ItemCase> {
    let (item, agency) = load(app, who, id, Permission::ReadItems).await?;
    let events = workflow::events(&app.db, id).await?;
    let (history, people) = crate::item_history::of_item(&app.db, &item, &events).await?;
    let original = match item.revision_of {
        Some(original) => Some(queries::get(&app.db, original).await?),
        None => None,
    };
    let actions = ACTIONS
        .iter()
        .filter(|a| a.applies_to(item.status))
        .filter(|a| may_send(who, &agency, &item, &a.sample()).is_ok())
        .collect();
    Ok(ItemCase {
        before_sign_off: sign_off_timing(app, &agency, &item).await?,
        hits: secrecy::hits(&app.db, id).await?,
        attachments: attachments::of_item(&app.db, id).await?,
        editable: item.status == Status::Draft && who.may(Permission::DraftItems, &agency),
        can_resolve: item.status == Status::SecrecyReview && who.may(Permission::PassSecrecyReview, &agency),
        actions,
        events,
        history,
        original,
        revisions: revision::revisions(&app.db, id).await?,
        versions: revision::versions(&app.db, id).await?,
        people,
        item,
        agency,
    })
}

/// Whether `who` may send `command` to `item` of `agency`: the permission of the table, and for
/// the author's commands the relation to the item.
fn may_send(who: &Principal, agency: &Agency, item: &Item, command: &Command) -> Result<()> {
    who.authorize(review::permission(item.status, command), agency)?;
    if review::author_only(command)
        && let Some(member) = who.staff()
        && !member.has(Role::Admin)
        && item.created_by != member.staff.actor().stored()
    {
        let refusal = ReviewError::NotAuthor { command: command.label() };
        return Err(Error::field("command", "操作", refusal.to_string()));
    }
    if review::is_check(command) && is_own_under_separation(who, agency, item) {
        let refusal = ReviewError::OwnItem { command: command.label() };
        return Err(Error::field("command", "操作", refusal.to_string()));
    }
    Ok(())
}

/// Whether `who` drafted `item` and `agency` keeps drafting and checking apart (the default).
fn is_own_under_separation(who: &Principal, agency: &Agency, item: &Item) -> bool {
    !agency.allow_self_review && who.staff().is_some_and(|m| item.created_by == m.staff.actor().stored())
}

/// What a staff member sends to the review chain: an action key of [`ACTIONS`] and its fields.
#[derive(Debug, Clone, Default)]
pub struct ReviewInput {
    pub key: String,
    /// 退回 and 撤回: the reason; 签发 beyond the Art. 26 limit: the reason for the delay;
    /// 废止/失效: the document that decides it.
    pub reason: String,
    /// 签发: when to publish (now when empty or past).
    pub publish_at: Option<OffsetDateTime>,
    /// 签发 of a draft without 形成日期: that date (`YYYY-MM-DD`).
    pub formed_on: String,
    /// 废止/失效: `repealed` or `expired` (废止 or 失效), and from which day (`YYYY-MM-DD`).
    pub validity: String,
    pub repealed_on: String,
}

impl ReviewInput {
    pub fn new(key: &str, reason: &str) -> ReviewInput {
        ReviewInput { key: key.to_owned(), reason: reason.to_owned(), ..Default::default() }
    }

    /// The command, its dates and choices read (each error names its field).
    fn command(&self) -> Result<Command> {
        let mut command = Command::from_action(&self.key, &self.reason, self.publish_at)?;
        match &mut command {
            Command::SignOff { formed_on, .. } => *formed_on = formed_date(&self.formed_on)?,
            Command::Repeal { validity, on, .. } => {
                *validity =
                    self.validity.parse().map_err(|e: gongkai_core::field::FieldError| Error::Invalid(e.into()))?;
                *on =
                    match self.repealed_on.trim() {
                        "" => None,
                        text => Some(gongkai_core::calendar::iso_date::parse(text).map_err(|e| {
                            Error::field("repealed_on", "废止或失效日期", e.message_for("废止或失效日期"))
                        })?),
                    };
            }
            _ => {}
        }
        Ok(command)
    }
}

/// Sends a review command to item `id`. Returns the item to show next: this one, or for 修订 of
/// a published item the revision just opened, or for a revision's publication the item it
/// replaced the public version of.
pub async fn review(app: &App, who: &Principal, id: i64, input: &ReviewInput) -> Result<Item> {
    let (item, agency) = load(app, who, id, Permission::ReadItems).await?;
    let command = input.command()?;
    may_send(who, &agency, &item, &command)?;
    workflow::transition(&app.db, &who.actor(), id, &command, OffsetDateTime::now_utc()).await
}

/// A 形成日期 given at sign-off: a real day, not after today (China time).
fn formed_date(text: &str) -> Result<Option<time::Date>> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let date = gongkai_core::calendar::iso_date::parse(text.trim())
        .map_err(|e| Error::field("formed_on", "形成日期", e.message_for("形成日期")))?;
    if date > gongkai_store::timestamp::today_in_china() {
        return Err(Error::field("formed_on", "形成日期", "形成日期不能晚于今天"));
    }
    Ok(Some(date))
}

/// Redacts or confirms secrecy hit `hit` of item `id` (the secrecy reviewer, at 保密审查).
pub async fn resolve_hit(app: &App, who: &Principal, id: i64, hit: i64, resolution: Resolution) -> Result<()> {
    let (item, agency) = load(app, who, id, Permission::PassSecrecyReview).await?;
    if item.status != Status::SecrecyReview {
        return Err(Error::field("resolution", "处理方式", "只有待保密审查的信息可以处理保密审查提示"));
    }
    if is_own_under_separation(who, &agency, &item) {
        let refusal = ReviewError::OwnItem { command: "处理保密审查提示" };
        return Err(Error::field("resolution", "处理方式", refusal.to_string()));
    }
    secrecy::resolve(&app.db, &who.actor(), id, hit, resolution).await
}

async fn draft_for_attachments(app: &App, who: &Principal, id: i64) -> Result<Item> {
    let (item, _) = load(app, who, id, Permission::DraftItems).await?;
    if item.status != Status::Draft {
        return Err(Error::field("attachment", "附件", "只有起草中的信息可以增删附件"));
    }
    Ok(item)
}

/// Adds an attachment to draft `id`.
pub async fn add_attachment(app: &App, who: &Principal, id: i64, filename: &str, bytes: Vec<u8>) -> Result<Attachment> {
    draft_for_attachments(app, who, id).await?;
    attachments::add(&app.db, &app.blobs, &who.actor(), id, filename, bytes).await
}

/// Removes attachment `attachment` from draft `id`.
pub async fn remove_attachment(app: &App, who: &Principal, id: i64, attachment: i64) -> Result<()> {
    draft_for_attachments(app, who, id).await?;
    attachments::remove(&app.db, &who.actor(), id, attachment).await
}

/// An attachment in any status, with its bytes, for staff who may read the item (review).
pub async fn attachment_for_staff(app: &App, who: &Principal, attachment: i64) -> Result<(Attachment, Vec<u8>)> {
    let a = attachments::get(&app.db, attachment).await?;
    load(app, who, a.item_id, Permission::ReadItems).await?;
    let bytes = app.blobs.get(&a.blob_key).await.map_err(|e| Error::Internal(format!("blob store: {e}")))?;
    Ok((a, bytes.to_vec()))
}

/// Numbered import lines, each a row or why it could not be read.
pub type ImportRows = Vec<(
    usize,
    std::result::Result<gongkai_store::catalogue::import::ItemRow, gongkai_store::catalogue::import::LineError>,
)>;

/// Imports catalogue rows into agency `agency_id` (the command line's `import items`, the staff
/// API); attachments are read relative to `base_dir`. The search replica follows from the outbox.
pub async fn import_items(
    app: &App,
    who: &Principal,
    agency_id: i64,
    rows: ImportRows,
    base_dir: &std::path::Path,
    clean: CleanRows,
    progress: impl FnMut(usize),
) -> Result<gongkai_store::catalogue::import::Summary> {
    let agency = agency::get(&app.db, agency_id).await?;
    who.authorize(Permission::ImportItems, &agency)?;
    gongkai_store::catalogue::import::import(
        &app.db,
        Some(&app.blobs),
        &who.actor(),
        agency_id,
        rows,
        base_dir,
        clean,
        progress,
    )
    .await
}

/// Imports catalogue rows sent over the staff API: like [`import_items`], but a row naming
/// attachment files is refused (the server's disk is not the sender's; attachments are uploaded
/// to the draft afterwards).
pub async fn import_sent_items(
    app: &App,
    who: &Principal,
    agency_id: i64,
    rows: ImportRows,
    clean: CleanRows,
) -> Result<gongkai_store::catalogue::import::Summary> {
    let rows = rows
        .into_iter()
        .map(|(line, row)| {
            let row = row.and_then(|r| {
                if r.attachments.items().is_empty() {
                    Ok(r)
                } else {
                    Err(gongkai_store::catalogue::import::LineError {
                        line,
                        field: "attachments".into(),
                        message: "通过接口导入时不能引用服务器上的附件文件；请导入后在信息页上传附件".into(),
                    })
                }
            });
            (line, row)
        })
        .collect();
    let nowhere = std::path::Path::new("/nonexistent-gongkai-import-dir");
    import_items(app, who, agency_id, rows, nowhere, clean, |_| {}).await
}
