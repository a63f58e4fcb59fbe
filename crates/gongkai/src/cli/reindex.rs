//! `gongkai reindex`: rebuild this node's search index from the database, with a progress bar.

use indicatif::{ProgressBar, ProgressStyle};

use super::{CliResult, Settings};

pub async fn run(settings: Settings) -> CliResult {
    let db = settings.open_db().await?;
    let app = settings.app(db.clone())?;
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} items ({per_sec}, {eta})").expect("valid template"),
    );
    let done = gongkai_app::search_index::reindex_all(&app, |done, total| {
        bar.set_length(total);
        bar.set_position(done);
    })
    .await?;
    bar.finish();
    println!("reindexed {done} published items");
    db.close().await;
    Ok(())
}
