//! The clerk-schedule function: `POST /api/clerk/slots` (publish a slot),
//! `GET /api/clerk/calls?date=` (the day's calls), `GET /api/clerk/audit?date=`.

use chrono::{DateTime, NaiveDate, Utc};
use lambda_http::http::StatusCode;
use lambda_http::{Body, Request, Response};
use serde::Serialize;

use super::clerk::{clerk_session, date_param};
use super::default_route;
use super::way::WayOut;
use crate::deps::Wired;
use crate::domain::slot::SlotForm;
use crate::domain::{Actor, AuditEntry};
use crate::http::routes::clerk_schedule::{AUDIT, CALLS, PUBLISH};
use crate::http::{json, read_json, request_lang, respond, route_key, ApiError};
use crate::ports::AuditLog;
use crate::service::slots::{calls_on, publish};

pub async fn handle(deps: &impl Wired, req: Request) -> Response<Body> {
    let lang = request_lang(&req);
    respond(
        lang,
        match route_key(&req) {
            Some(PUBLISH) => publish_slot(deps, req).await,
            Some(CALLS) => calls(deps, req).await,
            Some(AUDIT) => audit(deps, req).await,
            _ => return default_route::answer(&req),
        },
    )
}

#[derive(Serialize)]
struct Published {
    id: String,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    capacity: u32,
}

async fn publish_slot(deps: &impl Wired, req: Request) -> Result<Response<Body>, ApiError> {
    let (clerk, _) = clerk_session(deps, &req, true).await?;
    let form: SlotForm = read_json(&req, false)?;
    let slot = publish(&deps.ctx(), &*deps.random, Actor::from(&clerk), &form, false).await?;
    tracing::info!(slot = %slot.id, clerk = %clerk.clerk_id, "slot published");
    let out = Published { id: slot.id.as_str().to_owned(), start: slot.start, end: slot.end, capacity: slot.capacity };
    Ok(json(StatusCode::CREATED, &out))
}

#[derive(Serialize)]
struct Call<'a> {
    application_id: &'a str,
    #[serde(flatten)]
    way: WayOut<'a>,
    first_name: &'a str,
    last_name: &'a str,
    status: &'static str,
    call_links_sent: u32,
    missed: bool,
}

#[derive(Serialize)]
struct Calls<'a> {
    date: NaiveDate,
    calls: Vec<Call<'a>>,
}

async fn calls(deps: &impl Wired, req: Request) -> Result<Response<Body>, ApiError> {
    clerk_session(deps, &req, false).await?;
    let day = date_param(deps, &req)?;
    let apps = calls_on(deps.store(), day).await?;
    let now = deps.clock.now();
    let calls = apps
        .iter()
        .map(|a| Call {
            application_id: a.id.as_str(),
            way: WayOut::from(a),
            first_name: a.first_name.as_str(),
            last_name: a.last_name.as_str(),
            status: a.status_at(now).as_str(),
            call_links_sent: a.review.call_links_sent,
            missed: a.review.missed_at.is_some(),
        })
        .collect();
    Ok(json(StatusCode::OK, &Calls { date: day, calls }))
}

#[derive(Serialize)]
struct Audit {
    date: NaiveDate,
    entries: Vec<AuditEntry>,
}

async fn audit(deps: &impl Wired, req: Request) -> Result<Response<Body>, ApiError> {
    clerk_session(deps, &req, false).await?;
    let day = date_param(deps, &req)?;
    let entries = deps.store().audit_on(day).await?;
    Ok(json(StatusCode::OK, &Audit { date: day, entries }))
}
