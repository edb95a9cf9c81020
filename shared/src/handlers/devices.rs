//! The devices function, the mObywatel app's side: `POST /api/devices` (link, signed in),
//! `GET /api/devices/{device_id}/requests` and `POST /api/push-requests/{request_id}/respond`
//! (with `Authorization: Device <secret>`).

use lambda_http::http::{header, StatusCode};
use lambda_http::{Body, Request, Response};
use serde::{Deserialize, Serialize};

use super::citizen::{citizen_session, rfc3339, ChallengeOut};
use super::default_route;
use crate::deps::{HasPush, HasSms};
use crate::domain::{ChallengeId, ChallengeStatus, DeviceId, MatchNumber, Platform, PushToken, Token};
use crate::http::routes::devices::{LINK, REQUESTS, RESPOND};
use crate::http::{json, path_param, read_json, request_lang, respond, route_key, ApiError};
use crate::service::devices::{self, Linking};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Link {
    platform: String,
    push_token: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Answer {
    approve: bool,
    #[serde(default)]
    match_number: Option<String>,
}

#[derive(Serialize)]
struct Linked {
    device_id: String,
    device_secret: String,
}

/// 202: the app is linked once the challenge is confirmed (the code at
/// `POST /api/login/{challenge_id}/confirm`, or the current app's approval, seen at
/// `GET /api/login/{challenge_id}`). Its id and secret are of no use before that.
#[derive(Serialize)]
struct Pending {
    #[serde(flatten)]
    challenge: ChallengeOut,
    device_id: String,
    device_secret: String,
}

#[derive(Serialize)]
struct RequestOut {
    request_id: String,
    kind: &'static str,
    created_at: String,
    expires_at: String,
    choices: Vec<String>,
}

pub async fn handle(deps: &(impl HasSms + HasPush), req: Request) -> Response<Body> {
    let lang = request_lang(&req);
    respond(
        lang,
        match route_key(&req) {
            Some(LINK) => link(deps, req).await,
            Some(REQUESTS) => requests(deps, req).await,
            Some(RESPOND) => answer(deps, req).await,
            _ => return default_route::answer(&req),
        },
    )
}

/// `Authorization: Device <secret>`.
fn device_secret(req: &Request) -> Option<Token> {
    let v = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let secret = v.strip_prefix("Device ")?.trim();
    (!secret.is_empty() && secret.len() <= 128).then(|| Token::from_cookie(secret))
}

async fn link(deps: &(impl HasSms + HasPush), req: Request) -> Result<Response<Body>, ApiError> {
    let me = citizen_session(deps, &req, true).await?;
    let body: Link = read_json(&req, false)?;
    let platform = Platform::parse(&body.platform).map_err(|e| e.for_field("platform"));
    let token = PushToken::parse(&body.push_token).map_err(|e| e.for_field("push_token"));
    let (platform, token) = match (platform, token) {
        (Ok(platform), Ok(token)) => (platform, token),
        (platform, token) => {
            return Err(ApiError::invalid_fields(platform.err().into_iter().chain(token.err()).collect()))
        }
    };
    let senders = (deps.sms(), deps.push());
    match devices::link(&deps.ctx(), &*deps.random, senders, &me.account, platform, token.as_str()).await? {
        Linking::Linked(linked) => {
            tracing::info!(account = %me.account.id, device = %linked.device_id, "device linked");
            let out =
                Linked { device_id: linked.device_id.to_string(), device_secret: linked.secret.reveal().to_owned() };
            Ok(json(StatusCode::CREATED, &out))
        }
        Linking::Pending { app, started } => {
            let (device_id, device_secret) = (app.device_id.to_string(), app.secret.reveal().to_owned());
            Ok(json(
                StatusCode::ACCEPTED,
                &Pending { challenge: ChallengeOut::from(started), device_id, device_secret },
            ))
        }
    }
}

async fn requests(deps: &(impl HasSms + HasPush), req: Request) -> Result<Response<Body>, ApiError> {
    let id = DeviceId::parse(&path_param(&req, "device_id")?).map_err(|_| ApiError::not_found())?;
    let pending = devices::pending(&deps.ctx(), &id, device_secret(&req).as_ref()).await?;
    let out: Vec<RequestOut> = pending
        .into_iter()
        .filter_map(|c| {
            let p = c.push?;
            Some(RequestOut {
                request_id: c.id.to_string(),
                kind: c.kind.as_str(),
                created_at: rfc3339(c.created_at),
                expires_at: rfc3339(c.expires_at),
                choices: p.choices,
            })
        })
        .collect();
    Ok(json(StatusCode::OK, &serde_json::json!({ "requests": out })))
}

async fn answer(deps: &(impl HasSms + HasPush), req: Request) -> Result<Response<Body>, ApiError> {
    let id = ChallengeId::parse(&path_param(&req, "request_id")?).map_err(|_| ApiError::not_found())?;
    let secret = device_secret(&req);
    if secret.is_none() {
        return Err(crate::service::FlowError::DeviceRequired.into());
    }
    let body: Answer = read_json(&req, false)?;
    let pick = MatchNumber::of_answer(body.approve, body.match_number.as_deref())
        .map_err(|e| ApiError::invalid_fields(vec![e.for_field("match_number")]))?;
    let pick = pick.as_ref().map(MatchNumber::as_str);
    let status = devices::respond(&deps.ctx(), &*deps.random, &id, secret.as_ref(), body.approve, pick).await?;
    let status = match status {
        ChallengeStatus::Denied => "denied",
        _ => "approved",
    };
    Ok(json(StatusCode::OK, &serde_json::json!({ "status": status })))
}
