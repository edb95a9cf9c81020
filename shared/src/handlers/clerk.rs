//! What every clerk route shares: the `pz_clerk` session, its CSRF token, the `?date=`
//! of the day's lists.

use chrono::NaiveDate;
use lambda_http::{Request, RequestExt};

use crate::deps::Wired;
use crate::domain::time::polish_date;
use crate::domain::{ClerkSession, Invalid, Token};
use crate::http::{cookie, require_csrf, ApiError, CLERK_CSRF_COOKIE};
use crate::service::clerk::{authenticate, csrf_token};
use crate::service::FlowError;
use crate::texts;

pub const CLERK_COOKIE: &str = "pz_clerk";
pub const CLERK_PATH: &str = "/api/clerk";
/// Cookies of citizens: presented without a clerk session, the answer is 403, not 401.
const CITIZEN_COOKIES: [&str; 2] = ["pz_session", "pz_app"];

/// The signed-in clerk, or 401 (no or dead session) / 403 (a citizen's session). With
/// `state_changing`, the `X-CSRF-Token` header must match the session's token too.
pub async fn clerk_session(
    deps: &impl Wired,
    req: &Request,
    state_changing: bool,
) -> Result<(ClerkSession, Token), ApiError> {
    let Some(raw) = cookie(req, CLERK_COOKIE).filter(|v| !v.is_empty()) else {
        let citizen = CITIZEN_COOKIES.iter().any(|c| cookie(req, c).is_some());
        return Err(if citizen { FlowError::NotAClerk } else { FlowError::ClerkRequired }.into());
    };
    let token = Token::from_cookie(raw);
    let session = authenticate(&deps.ctx(), &token).await?;
    if state_changing {
        require_csrf(req, CLERK_CSRF_COOKIE, &csrf_token(&deps.config.hash_key, &token))?;
    }
    Ok((session, token))
}

/// `?date=YYYY-MM-DD`, or today in Poland.
pub fn date_param(deps: &impl Wired, req: &Request) -> Result<NaiveDate, ApiError> {
    match req.query_string_parameters_ref().and_then(|q| q.first("date")) {
        None | Some("") => Ok(polish_date(deps.clock.now())),
        Some(d) => NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| {
            ApiError::invalid_fields(vec![Invalid::new("bad_date", texts::field::DATE).for_field("date")])
        }),
    }
}
