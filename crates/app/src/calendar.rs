//! The working-day calendar as administrators change it: local extra off days or make-up
//! workdays of an agency and those below it, and the national year file (only at the root of the
//! tree: the State Council's notice applies everywhere).

use gongkai_core::agency::policy::Permission;
use gongkai_core::calendar::Override;
use gongkai_store::Result;
use gongkai_store::agency::Agency;
use gongkai_store::calendar;

use crate::principal::Principal;
use crate::services::App;

/// Records a local override for `agency` and everything below it.
pub async fn add_override(app: &App, who: &Principal, agency: &Agency, o: Override) -> Result<()> {
    who.authorize(Permission::EditCalendar, agency)?;
    calendar::add_override(&app.db, &who.actor(), agency.id, o).await
}

/// Loads a national year file (holiday-cn JSON), from the root agency's administrator; returns the year.
pub async fn load_year(app: &App, who: &Principal, root: &Agency, json: &str) -> Result<i32> {
    who.authorize(Permission::LoadHolidayYear, root)?;
    calendar::load_year(&app.db, &who.actor(), json).await
}
