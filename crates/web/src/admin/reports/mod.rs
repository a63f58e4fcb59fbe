//! The annual report in the console: one page per (agency, year) that shows where the report
//! stands (draft / published and locked / being corrected) and its deadline, the findings of the
//! consistency check, the changes since publication, the forms for the table 二 figures (or a
//! CSV of them) and the narrative, the preview in the official layout, the published versions,
//! and — for agencies with subordinates — which of them have published.
//!
//! Who may do what: anyone who may read the agency sees the page; its own staff with an
//! editing role (起草, 办理, 签发) or an administrator edit; its 签发 (approver) or an
//! administrator publishes and opens corrections.

mod edit;
mod page;

pub use edit::{amend, figures, figures_csv, publish, sections};
pub use page::show;

use gongkai_core::agency::Permission;
use gongkai_store::agency::Agency;

use crate::auth::StaffSession;

/// Whether `me` may change the figures and texts of `agency`'s report.
fn may_edit(me: &StaffSession, agency: &Agency) -> bool {
    me.may(Permission::EditReport, agency)
}

/// Whether `me` may publish `agency`'s report and open corrections.
fn may_publish(me: &StaffSession, agency: &Agency) -> bool {
    me.may(Permission::PublishReport, agency)
}
