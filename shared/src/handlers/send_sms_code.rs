//! `POST /api/applications/{id}/sms-code`: sends (or re-sends) the SMS code.

use lambda_http::http::StatusCode;
use lambda_http::{Body, Request, Response};
use serde::Serialize;

use super::application_ref_checked;
use crate::deps::HasSms;
use crate::http::routes::send_sms_code::SEND;
use crate::http::{json, read_json, request_lang, respond, route_key, source_ip, ApiError, NoFields};
use crate::service::application::send_code;

#[derive(Serialize)]
struct Sent {
    sent_to: String,
    expires_in: i64,
}

pub async fn handle(deps: &impl HasSms, req: Request) -> Response<Body> {
    let lang = request_lang(&req);
    match route_key(&req) {
        Some(SEND) => respond(lang, run(deps, req).await),
        _ => super::default_route::answer(&req),
    }
}

async fn run(deps: &impl HasSms, req: Request) -> Result<Response<Body>, ApiError> {
    let (id, token) = application_ref_checked(deps, &req)?;
    let NoFields {} = read_json(&req, true)?;
    let sent = send_code(&deps.ctx(), &*deps.random, deps.sms(), &id, (Some(&token), source_ip(&req))).await?;
    tracing::info!(application = %id, "SMS code sent");
    Ok(json(StatusCode::ACCEPTED, &Sent { sent_to: sent.masked_phone, expires_in: sent.expires_in.num_seconds() }))
}
