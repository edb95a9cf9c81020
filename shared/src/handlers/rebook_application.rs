//! `POST /api/applications/{id}/rebook`: after a missed call, the citizen chooses a new
//! slot once, with the one-time token from the no-show email.

use lambda_http::http::StatusCode;
use lambda_http::{Body, Request, Response};
use serde::{Deserialize, Serialize};

use super::clerk_application::application_id;
use super::way::WayOut;
use crate::deps::Wired;
use crate::http::routes::rebook_application::REBOOK;
use crate::http::{json, read_json, request_lang, respond, route_key, ApiError};
use crate::service::noshow::rebook;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Rebook {
    token: String,
    slot_id: String,
}

#[derive(Serialize)]
struct Rebooked<'a> {
    status: &'static str,
    #[serde(flatten)]
    way: WayOut<'a>,
}

pub async fn handle(deps: &impl Wired, req: Request) -> Response<Body> {
    let lang = request_lang(&req);
    match route_key(&req) {
        Some(REBOOK) => respond(lang, run(deps, req).await),
        _ => super::default_route::answer(&req),
    }
}

async fn run(deps: &impl Wired, req: Request) -> Result<Response<Body>, ApiError> {
    let id = application_id(&req)?;
    let body: Rebook = read_json(&req, false)?;
    let app = rebook(&deps.ctx(), &*deps.random, &id, &body.token, &body.slot_id).await?;
    tracing::info!(application = %id, "application re-booked after a missed call");
    let out = Rebooked { status: app.status.as_str(), way: WayOut::from(&app) };
    Ok(json(StatusCode::OK, &out))
}
