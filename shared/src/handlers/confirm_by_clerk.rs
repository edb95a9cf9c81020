//! `POST /api/clerk/applications/{id}/confirm`: the clerk confirms the identity; the
//! trusted profile becomes active for three years.

use chrono::{DateTime, Utc};
use lambda_http::http::StatusCode;
use lambda_http::{Body, Request, Response};
use serde::Serialize;

use super::clerk::clerk_session;
use super::clerk_application::application_id;
use crate::deps::Wired;
use crate::http::routes::confirm_by_clerk::CONFIRM;
use crate::http::{json, read_json, request_lang, respond, route_key, ApiError};
use crate::service::review::{confirm, Checks};

#[derive(Serialize)]
struct Confirmed {
    status: &'static str,
    valid_until: DateTime<Utc>,
}

pub async fn handle(deps: &impl Wired, req: Request) -> Response<Body> {
    let lang = request_lang(&req);
    match route_key(&req) {
        Some(CONFIRM) => respond(lang, run(deps, req).await),
        _ => super::default_route::answer(&req),
    }
}

async fn run(deps: &impl Wired, req: Request) -> Result<Response<Body>, ApiError> {
    let (clerk, _) = clerk_session(deps, &req, true).await?;
    let id = application_id(&req)?;
    let checks: Checks = read_json(&req, false)?;
    let valid_until = confirm(&deps.ctx(), &*deps.random, &clerk, &id, checks).await?;
    tracing::info!(application = %id, clerk = %clerk.clerk_id, "application confirmed, profile active");
    Ok(json(StatusCode::OK, &Confirmed { status: "confirmed", valid_until }))
}
