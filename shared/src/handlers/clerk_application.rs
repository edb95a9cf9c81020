//! The clerk-application function: `GET /api/clerk/applications/{id}` (everything for
//! the call, with the number to read out), `GET /api/clerk/counter` (the same, found by
//! PESEL and application number at a confirmation point), `POST …/call-link`,
//! `POST …/reject`.

use chrono::{DateTime, Utc};
use lambda_http::http::StatusCode;
use lambda_http::{Body, Request, RequestExt, Response};
use serde::{Deserialize, Serialize};

use super::clerk::clerk_session;
use super::default_route;
use super::way::WayOut;
use crate::deps::Wired;
use crate::domain::application::Decision;
use crate::domain::{ApplicationId, AuditEntry, Invalid};
use crate::http::routes::clerk_application::{CALL_LINK, COUNTER, REJECT, SHOW};
use crate::http::{json, path_param, read_json, request_lang, respond, route_key, ApiError};
use crate::service::review::{find_at_counter, reject, send_call_link, view, ClerkView};
use crate::texts;

pub async fn handle(deps: &impl Wired, req: Request) -> Response<Body> {
    let lang = request_lang(&req);
    respond(
        lang,
        match route_key(&req) {
            Some(SHOW) => show(deps, req).await,
            Some(COUNTER) => counter(deps, req).await,
            Some(CALL_LINK) => call_link(deps, req).await,
            Some(REJECT) => rejection(deps, req).await,
            _ => return default_route::answer(&req),
        },
    )
}

/// The `{id}` of the path; a malformed one is simply not found.
pub(super) fn application_id(req: &Request) -> Result<ApplicationId, ApiError> {
    ApplicationId::parse(&path_param(req, "id")?).map_err(|_| ApiError::not_found())
}

#[derive(Serialize)]
struct DecisionOut<'a> {
    by: &'a str,
    at: DateTime<Utc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'a str>,
}

impl<'a> From<&'a Decision> for DecisionOut<'a> {
    fn from(d: &'a Decision) -> Self {
        Self { by: &d.by_username, at: d.at, reason: d.reason.as_deref() }
    }
}

#[derive(Serialize)]
struct ApplicationOut<'a> {
    application_id: &'a str,
    status: &'static str,
    /// Read out by the clerk at the start of the call (docs/rules.md §1.8).
    application_number: &'a str,
    first_name: &'a str,
    second_name: Option<&'a str>,
    last_name: &'a str,
    pesel: &'a str,
    birth_date: chrono::NaiveDate,
    email: &'a str,
    phone: &'a str,
    #[serde(flatten)]
    way: WayOut<'a>,
    submitted_at: Option<DateTime<Utc>>,
    call_links_sent: u32,
    missed_at: Option<DateTime<Utc>>,
    expires_at: Option<DateTime<Utc>>,
    rebooked: bool,
    decision: Option<DecisionOut<'a>>,
    valid_until: Option<DateTime<Utc>>,
    audit: &'a [AuditEntry],
}

async fn show(deps: &impl Wired, req: Request) -> Result<Response<Body>, ApiError> {
    let (clerk, _) = clerk_session(deps, &req, false).await?;
    let id = application_id(&req)?;
    let v = view(&deps.ctx(), deps.store(), &*deps.random, &clerk, &id).await?;
    Ok(shown(deps, &v))
}

/// `?pesel=&number=`: both needed; no personal data in the logs.
async fn counter(deps: &impl Wired, req: Request) -> Result<Response<Body>, ApiError> {
    let (clerk, _) = clerk_session(deps, &req, false).await?;
    let query = req.query_string_parameters_ref();
    let param = |name| query.and_then(|q| q.first(name)).unwrap_or("").to_owned();
    let (pesel, number) = (param("pesel"), param("number"));
    if number.trim().is_empty() {
        let missing = Invalid::new("number_missing", texts::field::APPLICATION_NUMBER).for_field("number");
        return Err(ApiError::invalid_fields(vec![missing]));
    }
    let v = find_at_counter(&deps.ctx(), deps.store(), &*deps.random, &clerk, &pesel, &number).await?;
    tracing::info!(application = %v.application.id, clerk = %clerk.clerk_id, "application found at a counter");
    Ok(shown(deps, &v))
}

fn shown(deps: &impl Wired, v: &ClerkView) -> Response<Body> {
    let a = &v.application;
    let out = ApplicationOut {
        application_id: a.id.as_str(),
        status: a.status_at(deps.clock.now()).as_str(),
        application_number: a.number.reveal(),
        first_name: a.first_name.as_str(),
        second_name: a.second_name.as_ref().map(|n| n.as_str()),
        last_name: a.last_name.as_str(),
        pesel: a.pesel.as_str(),
        birth_date: a.pesel.birth_date(),
        email: a.email.as_str(),
        phone: a.phone.e164(),
        way: WayOut::from(a),
        submitted_at: a.submitted_at,
        call_links_sent: a.review.call_links_sent,
        missed_at: a.review.missed_at,
        expires_at: a.review.expires_at,
        rebooked: a.review.rebooked,
        decision: a.review.decision.as_ref().map(DecisionOut::from),
        valid_until: v.valid_until,
        audit: &v.audit,
    };
    json(StatusCode::OK, &out)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CallLinkIn {
    url: String,
}

#[derive(Serialize)]
struct Queued {
    status: &'static str,
}

async fn call_link(deps: &impl Wired, req: Request) -> Result<Response<Body>, ApiError> {
    let (clerk, _) = clerk_session(deps, &req, true).await?;
    let id = application_id(&req)?;
    let body: CallLinkIn = read_json(&req, false)?;
    send_call_link(&deps.ctx(), &*deps.random, &clerk, &id, &body.url).await?;
    tracing::info!(application = %id, clerk = %clerk.clerk_id, "call link queued");
    Ok(json(StatusCode::ACCEPTED, &Queued { status: "queued" }))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RejectIn {
    reason: String,
}

#[derive(Serialize)]
struct StatusOut {
    status: &'static str,
}

async fn rejection(deps: &impl Wired, req: Request) -> Result<Response<Body>, ApiError> {
    let (clerk, _) = clerk_session(deps, &req, true).await?;
    let id = application_id(&req)?;
    let body: RejectIn = read_json(&req, false)?;
    reject(&deps.ctx(), &*deps.random, &clerk, &id, &body.reason).await?;
    tracing::info!(application = %id, clerk = %clerk.clerk_id, "application rejected");
    Ok(json(StatusCode::OK, &StatusOut { status: "rejected" }))
}
