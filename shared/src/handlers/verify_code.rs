//! `POST /api/applications/{id}/verify` ("Dalej" on the SMS code page).

use lambda_http::http::StatusCode;
use lambda_http::{Body, Request, Response};
use serde::{Deserialize, Serialize};

use super::application_ref_checked;
use crate::deps::Wired;
use crate::domain::SmsCode;
use crate::http::routes::verify_code::VERIFY;
use crate::http::{json, read_json, request_lang, respond, route_key, ApiError};
use crate::service::application::verify;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VerifyCode {
    code: String,
    /// Another slot, when the chosen one filled up before the code was confirmed.
    #[serde(default)]
    slot_id: Option<String>,
}

#[derive(Serialize)]
struct StatusOut {
    status: &'static str,
    /// A profile a bank or Envelo vouched for is active at once.
    #[serde(skip_serializing_if = "Option::is_none")]
    valid_until: Option<chrono::DateTime<chrono::Utc>>,
}

pub async fn handle(deps: &impl Wired, req: Request) -> Response<Body> {
    let lang = request_lang(&req);
    match route_key(&req) {
        Some(VERIFY) => respond(lang, run(deps, req).await),
        _ => super::default_route::answer(&req),
    }
}

async fn run(deps: &impl Wired, req: Request) -> Result<Response<Body>, ApiError> {
    let (id, token) = application_ref_checked(deps, &req)?;
    let body: VerifyCode = read_json(&req, false)?;
    let code = SmsCode::parse(&body.code).map_err(|e| ApiError::invalid_fields(vec![e.for_field("code")]))?;
    let done = verify(&deps.ctx(), &*deps.random, &id, Some(&token), &code, body.slot_id.as_deref()).await?;
    tracing::info!(application = %id, status = done.status.as_str(), "application submitted");
    Ok(json(StatusCode::OK, &StatusOut { status: done.status.as_str(), valid_until: done.valid_until }))
}
