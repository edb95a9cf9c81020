//! HTTP handlers: each translates a request into one flow step and its result into a
//! response. The Lambdas and the local gateway run exactly these functions.

pub mod application_status;
pub mod citizen;
pub mod clerk;
pub mod clerk_application;
pub mod clerk_schedule;
pub mod clerk_session;
pub mod confirm_by_clerk;
pub mod default_route;
pub mod devices;
pub mod expire_applications;
pub mod identity_providers;
pub mod list_slots;
pub mod oidc_provider;
pub mod profile;
pub mod rebook_application;
pub mod recovery;
pub mod send_emails;
pub mod send_push;
pub mod send_sms_code;
pub mod sign_in;
pub mod submit_application;
pub mod verify_code;
pub mod way;
pub mod web_pages;

use std::future::Future;
use std::pin::Pin;

use lambda_http::{Body, Request, Response};

use crate::deps::{FullDeps, HasOidc, HasPush, HasSms, Wired};
use crate::domain::{ApplicationId, Token};
use crate::http::{cookie, path_param, ApiError};

pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;
/// An HTTP handler for a function wired with `D` (its `Deps`).
pub type HttpHandler<D> = for<'a> fn(&'a D, Request) -> BoxFuture<'a, Response<Body>>;

/// An HTTP function by the name of its crate under `functions/` (the last part of its
/// `CodeUri` in `template.yaml`, which is where the local gateway looks it up).
pub struct HttpFunction {
    pub name: &'static str,
    pub handler: HttpHandler<FullDeps>,
}

/// Declares each HTTP function once with the ports it needs: `boxed::<module>` (the
/// handler as an `HttpHandler`, for any `Deps` wired with those ports: what a Lambda main
/// serves, and a main that does not wire them does not compile) and its entry in
/// `HTTP_FUNCTIONS` (everything wired: what the local gateway looks up).
macro_rules! http_functions {
    ($($name:literal => $module:ident: $($need:ident)&+),* $(,)?) => {
        pub mod boxed {
            use super::*;
            $(
                pub fn $module<D: $($need +)+>(deps: &D, req: Request) -> BoxFuture<'_, Response<Body>> {
                    Box::pin(super::$module::handle(deps, req))
                }
            )*
        }

        pub const HTTP_FUNCTIONS: &[HttpFunction] =
            &[$(HttpFunction { name: $name, handler: boxed::$module::<FullDeps> }),*];
    };
}

http_functions! {
    "list-slots" => list_slots: Wired,
    "submit-application" => submit_application: Wired,
    "send-sms-code" => send_sms_code: HasSms,
    "verify-code" => verify_code: Wired,
    "application-status" => application_status: Wired,
    "rebook-application" => rebook_application: Wired,
    "clerk-session" => clerk_session: Wired,
    "clerk-schedule" => clerk_schedule: Wired,
    "clerk-application" => clerk_application: Wired,
    "confirm-by-clerk" => confirm_by_clerk: Wired,
    "sign-in" => sign_in: HasSms,
    "profile" => profile: HasSms,
    "devices" => devices: HasSms & HasPush,
    "oidc-provider" => oidc_provider: HasOidc,
    "identity-providers" => identity_providers: Wired,
    "web-pages" => web_pages: Wired,
}

/// The answer to a HEAD: the GET's status and headers, its length, no body (RFC 9110 §9.3.2).
/// An HTTP API routes by method: a HEAD reaches only `$default`, and web-pages answers it
/// on its own pages with this.
pub fn without_body(mut resp: Response<Body>) -> Response<Body> {
    let len = match resp.body() {
        Body::Empty => 0,
        Body::Text(t) => t.len(),
        Body::Binary(b) => b.len(),
    };
    resp.headers_mut().insert(lambda_http::http::header::CONTENT_LENGTH, len.into());
    *resp.body_mut() = Body::Empty;
    resp
}

/// Runs an HTTP handler as a Lambda does: the request as API Gateway sent it (each
/// handler dispatches on its route key).
pub async fn run<D>(handler: HttpHandler<D>, deps: &D, req: Request) -> Response<Body> {
    handler(deps, req).await
}

pub fn http_function(name: &str) -> Option<HttpHandler<FullDeps>> {
    HTTP_FUNCTIONS.iter().find(|f| f.name == name).map(|f| f.handler)
}

pub const APP_COOKIE: &str = "pz_app";

/// The application id of the path (404 if malformed) and the browser's `pz_app` token.
fn application_ref(req: &Request) -> Result<(ApplicationId, Option<Token>), ApiError> {
    let id = ApplicationId::parse(&path_param(req, "id")?).map_err(|_| ApiError::not_found())?;
    Ok((id, cookie(req, APP_COOKIE).map(Token::from_cookie)))
}

/// For state-changing application routes: the token must be there and the CSRF header
/// must match it.
fn application_ref_checked(deps: &impl Wired, req: &Request) -> Result<(ApplicationId, Token), ApiError> {
    let (id, token) = application_ref(req)?;
    let token = token.ok_or_else(|| ApiError::from(crate::service::FlowError::NotAuthorised))?;
    let expected = crate::service::application::csrf_token(&deps.config.hash_key, &token);
    crate::http::require_csrf(req, crate::http::APP_CSRF_COOKIE, &expected)?;
    Ok((id, token))
}
