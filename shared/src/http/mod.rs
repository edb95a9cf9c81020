//! Everything HTTP, once for every function, one concern a file:
//!
//! - `error`: `ApiError`, the JSON error answer of docs/api.md §2.3; `error_map`: which answer each
//!   failure of a flow or of the store becomes;
//! - `response`: JSON and empty answers with the headers every API answer carries;
//! - `json_body` (with `strict_json`): request bodies — size limit, content type,
//!   repeated keys, the field at fault;
//! - `request`: the client's address, the route key and the path parameters; `routes`: every
//!   route key of the API, once;
//! - `cookies`: reading `Cookie`, writing `Set-Cookie`; `lang`: the reader's language;
//! - `csrf`: the double-submit check and each flow's CSRF cookie.

mod cookies;
mod csrf;
mod error;
mod error_map;
mod json_body;
mod lang;
mod request;
mod response;
pub mod routes;
mod strict_json;

pub use cookies::{cookie, cookies, set_cookie, CookieSpec};
pub use csrf::{
    require_csrf, require_csrf_any, APP_CSRF_COOKIE, CLERK_CSRF_COOKIE, CSRF_COOKIE, CSRF_HEADER, LOGIN_CSRF_COOKIE,
};
pub use error::{respond, ApiError, BUSY_RETRY_AFTER_SECS};
pub use json_body::{read_json, NoFields, MAX_BODY};
pub use lang::{asked_lang, chosen_lang, headers_lang, hinted_lang, request_lang, ui_locales_lang, LANG_COOKIE};
pub use request::{path_param, route_key, routed, source_ip};
pub use response::{empty, json};
