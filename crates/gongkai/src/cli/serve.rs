//! `gongkai serve`: open the database, apply migrations, serve until Ctrl-C.

use clap::Args;
use tokio::net::TcpListener;

use super::{CliResult, Failure, Settings};

#[derive(Args, Debug, Clone)]
pub struct ServeArgs {
    /// Address to listen on [default: 127.0.0.1:8080]
    #[arg(long, env = "GONGKAI_ADDR")]
    pub addr: Option<String>,
}

pub async fn serve(settings: Settings, args: ServeArgs) -> CliResult {
    let db = settings.open_db().await?;
    run_server(settings, args, db).await
}

/// Binds, prints the URL, and serves `db` until Ctrl-C or SIGTERM.
pub async fn run_server(settings: Settings, args: ServeArgs, db: gongkai_store::Db) -> CliResult {
    let addr = args.addr.unwrap_or_else(|| settings.addr.clone());
    let listener =
        TcpListener::bind(&addr).await.map_err(|e| Failure::input(format!("cannot listen on {addr}: {e}")))?;
    let local = listener.local_addr()?;
    println!("gongkai is serving http://{local}/  (admin console: http://{local}/admin/login)");
    println!("database: {}", settings.database_label());
    tracing::info!(%local, "listening");
    let state = settings.app_state(db.clone())?;
    let jobs = gongkai_app::jobs::spawn(state.app.clone());
    let shutdown = async {
        let mut terminate =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).expect("SIGTERM handler");
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = terminate.recv() => {}
        }
        tracing::info!("shutting down");
    };
    gongkai_web::serve(listener, state, shutdown).await?;
    jobs.abort();
    db.close().await;
    Ok(())
}
