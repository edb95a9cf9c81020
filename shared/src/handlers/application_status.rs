//! `GET /api/applications/{id}`: the status as the citizen's browser may see it.

use chrono::{DateTime, Utc};
use lambda_http::http::StatusCode;
use lambda_http::{Body, Request, Response};
use serde::Serialize;

use super::application_ref;
use crate::deps::Deps;
use crate::domain::ApplicationStatus;
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
    /// The profile's end of validity, once a clerk confirmed it.
    #[serde(skip_serializing_if = "Option::is_none")]
    valid_until: Option<DateTime<Utc>>,
    /// Why a clerk rejected it.
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'a str>,
    /// The slot passed with no call; it expires at `expires_at` unless re-booked.
    #[serde(skip_serializing_if = "Option::is_none")]
    expires_at: Option<DateTime<Utc>>,
}

pub async fn handle(deps: &Deps, req: Request) -> Response<Body> {
    respond(run(deps, req).await)
}

async fn run(deps: &Deps, req: Request) -> Result<Response<Body>, ApiError> {
    let (id, token) = application_ref(&req)?;
    let app = status(&deps.ctx(), &id, token.as_ref()).await?;
    let now = deps.clock.now();
    let status = app.status_at(now);
    let valid_until = match status {
        ApplicationStatus::Confirmed => deps.store.get_account(&id).await?.and_then(|a| a.valid_until),
        _ => None,
    };
    Ok(json(
        StatusCode::OK,
        &StatusOut {
            status: status.as_str(),
            slot: SlotOut { start: app.slot.start, end: app.slot.end },
            video_app: app.video_app.as_str(),
            verify_by: app.verify_by,
            submitted_at: app.submitted_at,
            valid_until,
            reason: app.review.decision.as_ref().and_then(|d| d.reason.as_deref()),
            expires_at: app.review.expires_at.filter(|_| status == ApplicationStatus::Submitted),
        },
    ))
}
