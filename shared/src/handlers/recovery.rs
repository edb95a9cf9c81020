//! "Nie pamiętasz hasła?" and "Nie pamiętasz nazwy użytkownika?" (served by the sign-in
//! function): `POST /api/recovery/password`, `…/password/sms-code`, `…/password/confirm`,
//! `POST /api/recovery/username`; and "To nie ja", `POST /api/disavow`. Anyone may call
//! them: no session, no CSRF token (the link's token is the authority).

use lambda_http::http::StatusCode;
use lambda_http::{Body, Request, Response};
use serde::{Deserialize, Serialize};

use crate::deps::HasSms;
use crate::http::{json, read_json, source_ip, ApiError};
use crate::service::recovery::{self, NewPassword, PasswordRequest};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ForgotPassword {
    username: String,
    pesel: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ForgotUsername {
    email: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Link {
    token: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SetPassword {
    token: String,
    code: String,
    new_password: String,
}

#[derive(Serialize)]
struct Status {
    status: &'static str,
}

#[derive(Serialize)]
struct Sent {
    sent_to: String,
}

/// The one answer to a recovery request, whatever it found.
fn email_sent() -> Response<Body> {
    json(StatusCode::ACCEPTED, &Status { status: "email_sent" })
}

pub async fn password(deps: &impl HasSms, req: Request) -> Result<Response<Body>, ApiError> {
    let body: ForgotPassword = read_json(&req, false)?;
    let request = PasswordRequest { username: &body.username, pesel: &body.pesel, source: source_ip(&req) };
    recovery::request_password(&deps.ctx(), &*deps.random, request).await?;
    Ok(email_sent())
}

pub async fn username(deps: &impl HasSms, req: Request) -> Result<Response<Body>, ApiError> {
    let body: ForgotUsername = read_json(&req, false)?;
    recovery::request_username(&deps.ctx(), &*deps.random, &body.email, source_ip(&req)).await?;
    Ok(email_sent())
}

pub async fn send_code(deps: &impl HasSms, req: Request) -> Result<Response<Body>, ApiError> {
    let body: Link = read_json(&req, false)?;
    let sent_to = recovery::send_code(&deps.ctx(), &*deps.random, deps.sms(), &body.token, source_ip(&req)).await?;
    Ok(json(StatusCode::ACCEPTED, &Sent { sent_to }))
}

pub async fn confirm(deps: &impl HasSms, req: Request) -> Result<Response<Body>, ApiError> {
    let body: SetPassword = read_json(&req, false)?;
    let given = NewPassword { token: &body.token, code: &body.code, new_password: &body.new_password };
    recovery::confirm(&deps.ctx(), &*deps.random, given).await?;
    Ok(json(StatusCode::OK, &Status { status: "password_changed" }))
}

pub async fn disavow(deps: &impl HasSms, req: Request) -> Result<Response<Body>, ApiError> {
    let body: Link = read_json(&req, false)?;
    crate::service::disavow::disavow(&deps.ctx(), &*deps.random, &body.token).await?;
    Ok(json(StatusCode::OK, &Status { status: "disavowed" }))
}
