//! `GET /api/applications/{id}`: the status as the citizen's browser may see it.

use chrono::{DateTime, Utc};
use lambda_http::http::StatusCode;
use lambda_http::{Body, Request, Response};
use serde::Serialize;

use super::application_ref;
use crate::deps::Deps;
use crate::http::{json, respond, ApiError};
use crate::service::application::status;

#[derive(Serialize)]
struct SlotOut {
    start: DateTime<Utc>,
    end: DateTime<Utc>,
}

#[derive(Serialize)]
struct StatusOut<'a> {
    status: &'static str,
    slot: SlotOut,
    video_app: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    verify_by: Option<DateTime<Utc>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    submitted_at: Option<DateTime<Utc>>,
}

pub async fn handle(deps: &Deps, req: Request) -> Response<Body> {
    respond(run(deps, req).await)
}

async fn run(deps: &Deps, req: Request) -> Result<Response<Body>, ApiError> {
    let (id, token) = application_ref(&req)?;
    let app = status(&deps.ctx(), &id, token.as_ref()).await?;
    let now = deps.clock.now();
    Ok(json(
        StatusCode::OK,
        &StatusOut {
            status: app.status_at(now).as_str(),
            slot: SlotOut { start: app.slot.start, end: app.slot.end },
            video_app: app.video_app.as_str(),
            verify_by: app.verify_by,
            submitted_at: app.submitted_at,
        },
    ))
}
