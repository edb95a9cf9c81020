//! CSRF: the double-submit check, with a cookie of its own for each flow. The header is
//! compared in constant time (`subtle`) with the flow's cookie and the flow's token.

use lambda_http::http::StatusCode;
use lambda_http::Request;
use subtle::ConstantTimeEq;

use super::cookies::cookies;
use super::error::ApiError;
use crate::texts;

/// The CSRF cookie of the citizen's session (Path=/; the name docs/api.md §2.6 fixes). Each flow has
/// a cookie of its own: an application's token under the same name and path replaced the
/// session's, and then "Wyloguj" failed and left the session alive.
pub const CSRF_COOKIE: &str = "pz_csrf";
/// …of an application in progress (Path=/, read by the application page's script).
pub const APP_CSRF_COOKIE: &str = "pz_app_csrf";
/// …of a sign-in in progress (Path=/api/login).
pub const LOGIN_CSRF_COOKIE: &str = "pz_login_csrf";
/// …of the clerk's session (Path=/api/clerk).
pub const CLERK_CSRF_COOKIE: &str = "pz_clerk_csrf";
pub const CSRF_HEADER: &str = "x-csrf-token";

/// Double-submit check: the `X-CSRF-Token` header equals the flow's CSRF `cookie` and
/// the token derived from the flow's secret (so a cookie planted by another site does not pass).
pub fn require_csrf(req: &Request, cookie: &str, expected: &str) -> Result<(), ApiError> {
    require_csrf_any(req, &[(cookie, expected)])
}

/// The same, when the request may belong to more than one flow (a sign-in in progress
/// and a session): the header must match one flow's cookie and that flow's token.
pub fn require_csrf_any(req: &Request, flows: &[(&str, &str)]) -> Result<(), ApiError> {
    let header = req.headers().get(CSRF_HEADER).and_then(|v| v.to_str().ok()).unwrap_or("");
    let same = |other: &str| bool::from(header.as_bytes().ct_eq(other.as_bytes()));
    let matches = |(cookie, expected): &(&str, &str)| same(expected) && cookies(req, cookie).into_iter().any(same);
    if !header.is_empty() && flows.iter().any(matches) {
        Ok(())
    } else {
        Err(ApiError::new(StatusCode::FORBIDDEN, "csrf", texts::CSRF))
    }
}
