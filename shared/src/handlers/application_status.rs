//! `GET /api/applications/{id}`: the status as the citizen's browser may see it.

use chrono::{DateTime, Utc};
use lambda_http::http::StatusCode;
use lambda_http::{Body, Request, Response};
use serde::Serialize;

use super::application_ref;
use super::citizen::{citizen_session, session_token};
use super::way::WayOut;
use crate::deps::Wired;
use crate::domain::{Application, ApplicationId, ApplicationStatus};
use crate::http::routes::application_status::STATUS;
use crate::http::{json, request_lang, respond, route_key, ApiError};
use crate::ports::Store;
use crate::service::application::{status, status_for_owner};
use crate::service::FlowError;

#[derive(Serialize)]
struct StatusOut<'a> {
    status: &'static str,
    #[serde(flatten)]
    way: WayOut<'a>,
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

/// The application for the browser that applied (`pz_app`), else for the signed-in owner
/// of the account it created (`pz_session`); 401 with neither cookie.
async fn load(deps: &impl Wired, req: &Request) -> Result<(ApplicationId, Application), ApiError> {
    let (id, token) = application_ref(req)?;
    let has_session = session_token(req).is_some();
    if token.is_some() || !has_session {
        match status(&deps.ctx(), &id, token.as_ref()).await {
            // another application's `pz_app`, and the owner may be signed in
            Err(FlowError::NotFound) if has_session => {}
            other => return Ok((id, other?)),
        }
    }
    let owner = citizen_session(deps, req, false).await?;
    let app = status_for_owner(&deps.ctx(), &id, &owner.account).await?;
    Ok((id, app))
}

pub async fn handle(deps: &impl Wired, req: Request) -> Response<Body> {
    let lang = request_lang(&req);
    match route_key(&req) {
        Some(STATUS) => respond(lang, run(deps, req).await),
        _ => super::default_route::answer(&req),
    }
}

async fn run(deps: &impl Wired, req: Request) -> Result<Response<Body>, ApiError> {
    let (id, app) = load(deps, &req).await?;
    let now = deps.clock.now();
    let status = app.status_at(now);
    let valid_until = match status {
        ApplicationStatus::Confirmed => deps.store().get_account(&id).await?.and_then(|a| a.valid_until),
        _ => None,
    };
    Ok(json(
        StatusCode::OK,
        &StatusOut {
            status: status.as_str(),
            way: WayOut::from(&app),
            verify_by: app.verify_by,
            submitted_at: app.submitted_at,
            valid_until,
            reason: app.review.decision.as_ref().and_then(|d| d.reason.as_deref()),
            expires_at: app.review.expires_at.filter(|_| status == ApplicationStatus::Submitted),
        },
    ))
}
