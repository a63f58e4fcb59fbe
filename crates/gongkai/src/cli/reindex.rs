//! `gongkai reindex`: rebuild this node's search index from the database, with a progress bar.

use indicatif::{ProgressBar, ProgressStyle};

use super::{CliResult, Settings};

pub async fn run(settings: Settings) -> CliResult {
    let db = settings.open_db().await?;
    let state = settings.app_state(db.clone())?;
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} items ({per_sec}, {eta})").expect("valid template"),
    );
    let done = gongkai_web::jobs::reindex_all(&state, |done, total| {
        bar.set_length(total);
        bar.set_position(done);
    })
    .await?;
    bar.finish();
    println!("reindexed {done} published items");
    db.close().await;
    Ok(())
}
