//! The profile function ("Szczegóły profilu"): `GET /api/profile`,
//! `POST /api/profile/auth-method` ("Zmień metodę autoryzacji"), `POST /api/profile/extend`,
//! `GET /api/profile/history`, `POST /api/profile/password`, `GET /api/profile/sessions`,
//! `POST /api/profile/sessions/end-others`, `DELETE /api/profile/devices/{device_id}`,
//! `POST /api/profile/delete` ("Usuń profil zaufany"), `POST /api/profile/email` (+ `/confirm`),
//! `POST /api/profile/phone` (+ `/confirm`), `GET /api/profile/services`,
//! `DELETE /api/profile/services/{client_id}`.

use lambda_http::http::StatusCode;
use lambda_http::{Body, Request, Response};
use serde::{Deserialize, Serialize};

use super::citizen::{citizen_session, method_str, rfc3339, ChallengeOut};
use super::default_route;
use crate::deps::HasSms;
use crate::domain::{AccountStatus, AuthMethod, DeviceId, SmsCode};
use crate::http::routes::profile::{
    AUTH_METHOD, DELETE, EMAIL, EMAIL_CONFIRM, END_OTHERS, EXTEND, HISTORY, PASSWORD, PHONE, PHONE_CONFIRM,
    REVOKE_SERVICE, SERVICES, SESSIONS, SHOW, UNLINK_DEVICE,
};
use crate::http::{empty, json, path_param, read_json, request_lang, respond, route_key, ApiError};
use crate::service::signin::{self, csrf_token};
use crate::service::{account_changes, contact};

#[derive(Serialize)]
struct Profile<'a> {
    username: &'a str,
    first_name: &'a str,
    second_name: Option<&'a str>,
    last_name: &'a str,
    birth_date: String,
    email: &'a str,
    phone: &'a str,
    auth_method: &'static str,
    valid_until: Option<String>,
    status: &'static str,
    device_linked: bool,
    /// The linked app's id ("Odłącz" names it).
    device_id: Option<&'a str>,
    csrf_token: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MethodChange {
    method: String,
}

#[derive(Serialize)]
struct Pending {
    status: &'static str,
    #[serde(flatten)]
    challenge: ChallengeOut,
}

#[derive(Serialize)]
struct Changed {
    status: &'static str,
    auth_method: &'static str,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PasswordChange {
    current_password: String,
    new_password: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NewEmail {
    email: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NewPhone {
    phone: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Code {
    code: String,
}

#[derive(Serialize)]
struct ServiceOut<'a> {
    client_id: &'a str,
    name: &'a str,
    scopes: &'a [String],
    connected_at: String,
    last_used_at: String,
}

#[derive(Serialize)]
struct SessionOut {
    id: String,
    created_at: String,
    last_seen_at: String,
    current: bool,
}

#[derive(Serialize)]
struct HistoryEntry {
    at: String,
    action: &'static str,
    channel: Option<String>,
}

pub async fn handle(deps: &impl HasSms, req: Request) -> Response<Body> {
    let lang = request_lang(&req);
    respond(
        lang,
        match route_key(&req) {
            Some(SHOW) => profile(deps, req).await,
            Some(HISTORY) => history(deps, req).await,
            Some(AUTH_METHOD) => change_method(deps, req).await,
            Some(EXTEND) => extend(deps, req).await,
            Some(PASSWORD) => change_password(deps, req).await,
            Some(SESSIONS) => sessions(deps, req).await,
            Some(END_OTHERS) => end_others(deps, req).await,
            Some(UNLINK_DEVICE) => unlink_device(deps, req).await,
            Some(DELETE) => delete(deps, req).await,
            Some(EMAIL) => change_email(deps, req).await,
            Some(EMAIL_CONFIRM) => confirm_email(deps, req).await,
            Some(PHONE) => change_phone(deps, req).await,
            Some(PHONE_CONFIRM) => confirm_phone(deps, req).await,
            Some(SERVICES) => services(deps, req).await,
            Some(REVOKE_SERVICE) => revoke_service(deps, req).await,
            _ => return default_route::answer(&req),
        },
    )
}

async fn profile(deps: &impl HasSms, req: Request) -> Result<Response<Body>, ApiError> {
    let me = citizen_session(deps, &req, false).await?;
    let a = &me.account;
    let status = match a.status {
        AccountStatus::Active => "active",
        AccountStatus::AwaitingIdentityCheck => "awaiting_identity_check",
        AccountStatus::Closed => "closed",
        AccountStatus::Expired => "expired",
        AccountStatus::Deleted => "deleted",
    };
    let out = Profile {
        username: a.username.as_str(),
        first_name: a.first_name.as_str(),
        second_name: a.second_name.as_ref().map(|n| n.as_str()),
        last_name: a.last_name.as_str(),
        birth_date: a.pesel.birth_date().format("%Y-%m-%d").to_string(),
        email: a.email.as_str(),
        phone: a.phone.e164(),
        auth_method: method_str(a.auth_method),
        valid_until: a.valid_until.map(rfc3339),
        status,
        device_linked: a.device_id.is_some(),
        device_id: a.device_id.as_ref().map(|d| d.as_str()),
        csrf_token: csrf_token(&deps.config.hash_key, &me.token),
    };
    Ok(json(StatusCode::OK, &out))
}

async fn change_method(deps: &impl HasSms, req: Request) -> Result<Response<Body>, ApiError> {
    let me = citizen_session(deps, &req, true).await?;
    let body: MethodChange = read_json(&req, false)?;
    let method = AuthMethod::parse(&body.method).map_err(|e| ApiError::invalid_fields(vec![e.for_field("method")]))?;
    match signin::change_method(&deps.ctx(), &*deps.random, deps.sms(), &me.account, method).await? {
        Some(started) => {
            let out = Pending { status: "pending_app_confirmation", challenge: started.into() };
            Ok(json(StatusCode::ACCEPTED, &out))
        }
        None => Ok(json(StatusCode::OK, &Changed { status: "changed", auth_method: "sms" })),
    }
}

async fn extend(deps: &impl HasSms, req: Request) -> Result<Response<Body>, ApiError> {
    let me = citizen_session(deps, &req, true).await?;
    let _: crate::http::NoFields = read_json(&req, true)?;
    let started = signin::extend(&deps.ctx(), &*deps.random, deps.sms(), &me.account).await?;
    Ok(json(StatusCode::OK, &ChallengeOut::from(started)))
}

async fn history(deps: &impl HasSms, req: Request) -> Result<Response<Body>, ApiError> {
    let me = citizen_session(deps, &req, false).await?;
    let entries = signin::history_of(deps.store(), &me.account.id).await?;
    let out: Vec<HistoryEntry> = entries
        .into_iter()
        .map(|e| HistoryEntry {
            at: rfc3339(e.at),
            action: e.action.as_str(),
            channel: e.note.filter(|n| !n.is_empty()),
        })
        .collect();
    Ok(json(StatusCode::OK, &serde_json::json!({ "entries": out })))
}

async fn change_password(deps: &impl HasSms, req: Request) -> Result<Response<Body>, ApiError> {
    let me = citizen_session(deps, &req, true).await?;
    let body: PasswordChange = read_json(&req, false)?;
    let ctx = deps.ctx();
    account_changes::change_password(
        &ctx,
        &*deps.random,
        &me.session,
        &me.account,
        &body.current_password,
        &body.new_password,
    )
    .await?;
    Ok(json(StatusCode::OK, &serde_json::json!({ "status": "password_changed" })))
}

async fn sessions(deps: &impl HasSms, req: Request) -> Result<Response<Body>, ApiError> {
    let me = citizen_session(deps, &req, false).await?;
    let list = account_changes::sessions(&deps.ctx(), &me.account, &me.session).await?;
    let out: Vec<SessionOut> = list
        .into_iter()
        .map(|s| SessionOut {
            id: s.id,
            created_at: rfc3339(s.created_at),
            last_seen_at: rfc3339(s.last_seen),
            current: s.current,
        })
        .collect();
    Ok(json(StatusCode::OK, &serde_json::json!({ "sessions": out })))
}

async fn end_others(deps: &impl HasSms, req: Request) -> Result<Response<Body>, ApiError> {
    let me = citizen_session(deps, &req, true).await?;
    let _: crate::http::NoFields = read_json(&req, true)?;
    let ended = account_changes::end_other_sessions(&deps.ctx(), &*deps.random, &me.account, &me.session).await?;
    Ok(json(StatusCode::OK, &serde_json::json!({ "status": "signed_out_elsewhere", "ended": ended })))
}

async fn unlink_device(deps: &impl HasSms, req: Request) -> Result<Response<Body>, ApiError> {
    let me = citizen_session(deps, &req, true).await?;
    let id = DeviceId::parse(&path_param(&req, "device_id")?).map_err(|_| ApiError::not_found())?;
    account_changes::unlink_device(&deps.ctx(), &*deps.random, &me.account, &id).await?;
    Ok(empty(StatusCode::NO_CONTENT))
}

async fn delete(deps: &impl HasSms, req: Request) -> Result<Response<Body>, ApiError> {
    let me = citizen_session(deps, &req, true).await?;
    let _: crate::http::NoFields = read_json(&req, true)?;
    let started = signin::delete(&deps.ctx(), &*deps.random, deps.sms(), &me.account).await?;
    Ok(json(StatusCode::OK, &ChallengeOut::from(started)))
}

fn code_of(body: &Code) -> Result<SmsCode, ApiError> {
    SmsCode::parse(&body.code).map_err(|e| ApiError::invalid_fields(vec![e.for_field("code")]))
}

async fn change_email(deps: &impl HasSms, req: Request) -> Result<Response<Body>, ApiError> {
    let me = citizen_session(deps, &req, true).await?;
    let body: NewEmail = read_json(&req, false)?;
    contact::change_email(&deps.ctx(), &*deps.random, &me.account, &body.email).await?;
    Ok(json(StatusCode::ACCEPTED, &serde_json::json!({ "status": "code_sent" })))
}

async fn confirm_email(deps: &impl HasSms, req: Request) -> Result<Response<Body>, ApiError> {
    let me = citizen_session(deps, &req, true).await?;
    let code = code_of(&read_json(&req, false)?)?;
    let email = contact::confirm_email(&deps.ctx(), &*deps.random, &me.account, &code).await?;
    Ok(json(StatusCode::OK, &serde_json::json!({ "status": "email_changed", "email": email.as_str() })))
}

async fn change_phone(deps: &impl HasSms, req: Request) -> Result<Response<Body>, ApiError> {
    let me = citizen_session(deps, &req, true).await?;
    let body: NewPhone = read_json(&req, false)?;
    let started = contact::change_phone(&deps.ctx(), &*deps.random, deps.sms(), &me.account, &body.phone).await?;
    Ok(json(StatusCode::ACCEPTED, &ChallengeOut::from(started)))
}

async fn confirm_phone(deps: &impl HasSms, req: Request) -> Result<Response<Body>, ApiError> {
    let me = citizen_session(deps, &req, true).await?;
    let code = code_of(&read_json(&req, false)?)?;
    contact::confirm_phone(&deps.ctx(), &*deps.random, &me.account, &code).await?;
    Ok(json(StatusCode::OK, &serde_json::json!({ "status": "phone_changed" })))
}

async fn services(deps: &impl HasSms, req: Request) -> Result<Response<Body>, ApiError> {
    let me = citizen_session(deps, &req, false).await?;
    let mut list: Vec<&crate::domain::account::ConnectedService> = me.account.services.iter().collect();
    list.sort_by_key(|s| std::cmp::Reverse(s.last_used_at));
    let out: Vec<ServiceOut<'_>> = list
        .into_iter()
        .map(|s| ServiceOut {
            client_id: &s.client_id,
            name: &s.name,
            scopes: &s.scope,
            connected_at: rfc3339(s.since),
            last_used_at: rfc3339(s.last_used_at),
        })
        .collect();
    Ok(json(StatusCode::OK, &serde_json::json!({ "services": out })))
}

async fn revoke_service(deps: &impl HasSms, req: Request) -> Result<Response<Body>, ApiError> {
    let me = citizen_session(deps, &req, true).await?;
    let client_id = path_param(&req, "client_id")?;
    account_changes::revoke_service(&deps.ctx(), &*deps.random, &me.account, &client_id).await?;
    Ok(empty(StatusCode::NO_CONTENT))
}
