//! The working-day calendar as administrators change it: local extra off days or make-up
//! workdays of an agency and those below it, and the national year file (only at the root of the
//! tree: the State Council's notice applies everywhere).

use gongkai_core::agency::policy::Permission;
use gongkai_core::calendar::Override;
use gongkai_store::Result;
use gongkai_store::agency::Agency;
use gongkai_store::calendar;
use gongkai_store::request::workflow::{self, Recomputed};

use crate::principal::Principal;
use crate::services::App;

/// Records a local override for `agency` and everything below it.
pub async fn add_override(app: &App, who: &Principal, agency: &Agency, o: Override) -> Result<()> {
    who.authorize(Permission::EditCalendar, agency)?;
    calendar::add_override(&app.db, &who.actor(), agency.id, o).await
}

/// What loading a year file did.
#[derive(Debug, Clone)]
pub struct YearLoaded {
    pub year: i32,
    /// The open requests whose provisional (预估) deadline was recomputed with the new data.
    pub recomputed: Vec<Recomputed>,
}

impl YearLoaded {
    /// How many recomputed deadlines moved (their applicants were told).
    pub fn moved(&self) -> usize {
        self.recomputed.iter().filter(|r| r.before != r.after).count()
    }
}

/// Loads a national year file (holiday-cn JSON), from the root agency's administrator, then
/// recomputes every open request whose deadline was provisional.
pub async fn load_year(app: &App, who: &Principal, root: &Agency, json: &str) -> Result<YearLoaded> {
    who.authorize(Permission::LoadHolidayYear, root)?;
    let year = calendar::load_year(&app.db, &who.actor(), json).await?;
    let recomputed = workflow::recompute_provisional(&app.db, &who.actor()).await?;
    Ok(YearLoaded { year, recomputed })
}
