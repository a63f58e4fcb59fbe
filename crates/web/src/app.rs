//! The router and its middleware, and the server loop.
//!
//! Layers, outermost first: request id (set, then propagated to the response), tracing span with
//! the request id, panic catcher (a Chinese 500 page), security headers, body size limit,
//! cross-site request forgery check on every non-GET (Sec-Fetch-Site / Origin, tower-http
//! `CsrfLayer`), the NUL refusal ([`crate::input_guard`]), request metrics.

use std::net::SocketAddr;

use axum::Router;
use axum::extract::Request;
use axum::handler::Handler;
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio::net::TcpListener;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::csrf::{CsrfLayer, ProtectionError};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

use crate::state::AppState;
use crate::{admin, api, input_guard, load_limits, ops, portal, security_headers, view};

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");
const STYLESHEET: &str = include_str!("../static/site.css");
const SCRIPT: &str = include_str!("../static/site.js");

/// The whole application.
pub fn router(state: AppState) -> Router {
    // Install the metrics recorder before the first request is counted.
    ops::prometheus();
    let mut csrf = CsrfLayer::new();
    for origin in &state.site.trusted_origins {
        csrf = match csrf.clone().add_trusted_origin(origin) {
            Ok(layer) => layer,
            Err(e) => {
                tracing::warn!(%origin, error = ?e, "ignoring invalid trusted origin");
                csrf
            }
        };
    }
    Router::new()
        .merge(portal::router())
        .merge(admin::router())
        .merge(api::router())
        .merge(ops::router())
        .route("/static/site.css", get(stylesheet))
        .route("/static/site.js", get(script))
        .route_layer(middleware::from_fn_with_state(state.clone(), load_limits::apply))
        .route_layer(middleware::from_fn(ops::track))
        // An unknown address is most often a visitor's: its page follows the 繁體 choice too.
        .fallback(not_found.layer(middleware::from_fn(portal::preferences::apply)))
        .layer(middleware::from_fn(input_guard::refuse_bad_text))
        .layer(middleware::from_fn_with_state(state.clone(), security_headers::apply))
        .layer(csrf)
        .layer(middleware::map_response(csrf_page))
        .layer(RequestBodyLimitLayer::new(portal::UPLOAD_BODY_LIMIT))
        .layer(SetResponseHeaderLayer::if_not_present(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(header::REFERRER_POLICY, HeaderValue::from_static("same-origin")))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(
                "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'",
            ),
        ))
        .layer(CatchPanicLayer::custom(|_| {
            view::error_page(StatusCode::INTERNAL_SERVER_ERROR, "系统出现内部错误，请稍后再试。")
        }))
        .layer(TraceLayer::new_for_http().make_span_with(|request: &Request| {
            let id = request.headers().get(&REQUEST_ID).and_then(|v| v.to_str().ok()).unwrap_or("-");
            tracing::info_span!("request", method = %request.method(), path = %request.uri().path(), request_id = %id)
        }))
        .layer(PropagateRequestIdLayer::new(REQUEST_ID))
        .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
        .with_state(state)
}

/// Serves until `shutdown` resolves.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    // Load the 繁體 tables while the server starts rather than on the first such page.
    tokio::task::spawn_blocking(portal::script::warm_up);
    let app = router(state).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, app).with_graceful_shutdown(shutdown).await
}

async fn stylesheet() -> Response {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=3600")], STYLESHEET)
        .into_response()
}

async fn script() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=3600")],
        SCRIPT,
    )
        .into_response()
}

async fn not_found() -> Response {
    view::error_page(StatusCode::NOT_FOUND, "您访问的页面不存在。")
}

/// Replaces the bare 403 of a refused cross-site request with a Chinese page (applied outside
/// the CSRF layer, which answers before inner middleware runs).
async fn csrf_page(response: Response) -> Response {
    if response.extensions().get::<ProtectionError>().is_some() {
        tracing::warn!("cross-site request refused");
        return view::error_page(StatusCode::FORBIDDEN, "跨站提交的请求已被拒绝。请从本站页面重新提交表单。");
    }
    response
}
