//! Every route of the HTTP API as API Gateway keys it (`requestContext.routeKey`,
//! `"POST /api/login/{challenge_id}/confirm"`), written once: the handlers dispatch on
//! these constants, the `$default` route (web-pages) answers 405 and `Allow` from
//! `TABLE`, and `local/src/routes.rs` proves `TABLE` equal to template.yaml's `HttpApi`
//! events, both ways.

use std::collections::HashMap;

/// The route API Gateway gives a request that no other route matched.
pub const DEFAULT: &str = "$default";

pub mod list_slots {
    pub const SLOTS: &str = "GET /api/slots";
    pub const POINTS: &str = "GET /api/confirmation-points";
}

pub mod submit_application {
    pub const SUBMIT: &str = "POST /api/applications";
}

pub mod send_sms_code {
    pub const SEND: &str = "POST /api/applications/{id}/sms-code";
}

pub mod verify_code {
    pub const VERIFY: &str = "POST /api/applications/{id}/verify";
}

pub mod application_status {
    pub const STATUS: &str = "GET /api/applications/{id}";
}

pub mod rebook_application {
    pub const REBOOK: &str = "POST /api/applications/{id}/rebook";
}

pub mod clerk_session {
    pub const LOGIN: &str = "POST /api/clerk/login";
    pub const LOGOUT: &str = "POST /api/clerk/logout";
    pub const ME: &str = "GET /api/clerk/me";
}

pub mod clerk_schedule {
    pub const PUBLISH: &str = "POST /api/clerk/slots";
    pub const CALLS: &str = "GET /api/clerk/calls";
    pub const AUDIT: &str = "GET /api/clerk/audit";
}

pub mod clerk_application {
    pub const SHOW: &str = "GET /api/clerk/applications/{id}";
    pub const COUNTER: &str = "GET /api/clerk/counter";
    pub const CALL_LINK: &str = "POST /api/clerk/applications/{id}/call-link";
    pub const REJECT: &str = "POST /api/clerk/applications/{id}/reject";
}

pub mod confirm_by_clerk {
    pub const CONFIRM: &str = "POST /api/clerk/applications/{id}/confirm";
}

pub mod web_pages {
    pub const HOME: &str = "GET /";
    pub const APPLY: &str = "GET /wniosek";
    pub const APPLY_BANK: &str = "GET /wniosek/bank";
    pub const REBOOK: &str = "GET /wniosek/nowy-termin";
    pub const CLERK: &str = "GET /urzednik";
    pub const SIGN_IN: &str = "GET /logowanie";
    pub const PROFILE: &str = "GET /profil";
    pub const RECOVERY: &str = "GET /odzyskiwanie";
    pub const DISAVOW: &str = "GET /to-nie-ja";
    pub const CONSENT: &str = "GET /zgoda";
    pub const LOGGED_OUT: &str = "GET /wylogowanie";
    pub const APP: &str = "GET /mobywatel";
    pub const IKP: &str = "GET /ikp";
    pub const IKP_CALLBACK: &str = "GET /ikp/callback";
    pub const STATIC: &str = "GET /static/{file}";
    pub const FAVICON: &str = "GET /favicon.ico";
}

pub mod sign_in {
    pub const LOGIN: &str = "POST /api/login";
    pub const POLL: &str = "GET /api/login/{challenge_id}";
    pub const CONFIRM: &str = "POST /api/login/{challenge_id}/confirm";
    pub const SMS: &str = "POST /api/login/{challenge_id}/sms";
    pub const LOGOUT: &str = "POST /api/logout";
    pub const RECOVER_PASSWORD: &str = "POST /api/recovery/password";
    pub const RECOVERY_CODE: &str = "POST /api/recovery/password/sms-code";
    pub const RECOVERY_CONFIRM: &str = "POST /api/recovery/password/confirm";
    pub const RECOVER_USERNAME: &str = "POST /api/recovery/username";
    pub const DISAVOW: &str = "POST /api/disavow";
}

pub mod profile {
    pub const SHOW: &str = "GET /api/profile";
    pub const AUTH_METHOD: &str = "POST /api/profile/auth-method";
    pub const EXTEND: &str = "POST /api/profile/extend";
    pub const HISTORY: &str = "GET /api/profile/history";
    pub const PASSWORD: &str = "POST /api/profile/password";
    pub const SESSIONS: &str = "GET /api/profile/sessions";
    pub const END_OTHERS: &str = "POST /api/profile/sessions/end-others";
    pub const UNLINK_DEVICE: &str = "DELETE /api/profile/devices/{device_id}";
    pub const DELETE: &str = "POST /api/profile/delete";
    pub const EMAIL: &str = "POST /api/profile/email";
    pub const EMAIL_CONFIRM: &str = "POST /api/profile/email/confirm";
    pub const PHONE: &str = "POST /api/profile/phone";
    pub const PHONE_CONFIRM: &str = "POST /api/profile/phone/confirm";
    pub const SERVICES: &str = "GET /api/profile/services";
    pub const REVOKE_SERVICE: &str = "DELETE /api/profile/services/{client_id}";
}

pub mod devices {
    pub const LINK: &str = "POST /api/devices";
    pub const REQUESTS: &str = "GET /api/devices/{device_id}/requests";
    pub const RESPOND: &str = "POST /api/push-requests/{request_id}/respond";
}

pub mod oidc_provider {
    pub const DISCOVERY: &str = "GET /.well-known/openid-configuration";
    pub const AUTHORIZE: &str = "GET /oauth2/authorize";
    pub const TOKEN: &str = "POST /oauth2/token";
    pub const USERINFO: &str = "GET /oauth2/userinfo";
    pub const USERINFO_POST: &str = "POST /oauth2/userinfo";
    pub const JWKS: &str = "GET /oauth2/jwks.json";
    /// The consent page's question and the citizen's answer.
    pub const CONSENT: &str = "GET /api/consent";
    pub const CONSENT_ANSWER: &str = "POST /api/consent";
    /// RP-Initiated Logout 1.0: the query, or the same as a form.
    pub const LOGOUT: &str = "GET /oauth2/logout";
    pub const LOGOUT_POST: &str = "POST /oauth2/logout";
}

pub mod identity_providers {
    pub const LIST: &str = "GET /api/identity-providers";
    pub const START: &str = "GET /idp/{provider_id}/start";
    pub const CALLBACK: &str = "GET /idp/{provider_id}/callback";
    pub const IDENTITY: &str = "GET /api/bank-applications/identity";
    pub const BANK_APPLICATION: &str = "POST /api/bank-applications";
}

/// The function that serves `$default`: every request no other route matched.
pub const DEFAULT_FUNCTION: &str = "web-pages";

/// Every HTTP function (its crate under `functions/`) with the routes of its `HttpApi`
/// events in template.yaml.
pub const TABLE: &[(&str, &[&str])] = {
    use self::web_pages as pages;
    &[
        ("list-slots", &[list_slots::SLOTS, list_slots::POINTS]),
        ("submit-application", &[submit_application::SUBMIT]),
        ("send-sms-code", &[send_sms_code::SEND]),
        ("verify-code", &[verify_code::VERIFY]),
        ("application-status", &[application_status::STATUS]),
        ("rebook-application", &[rebook_application::REBOOK]),
        ("clerk-session", &[clerk_session::LOGIN, clerk_session::LOGOUT, clerk_session::ME]),
        ("clerk-schedule", &[clerk_schedule::PUBLISH, clerk_schedule::CALLS, clerk_schedule::AUDIT]),
        (
            "clerk-application",
            &[
                clerk_application::SHOW,
                clerk_application::COUNTER,
                clerk_application::CALL_LINK,
                clerk_application::REJECT,
            ],
        ),
        ("confirm-by-clerk", &[confirm_by_clerk::CONFIRM]),
        (
            "web-pages",
            &[
                pages::HOME,
                pages::APPLY,
                pages::APPLY_BANK,
                pages::REBOOK,
                pages::CLERK,
                pages::SIGN_IN,
                pages::PROFILE,
                pages::RECOVERY,
                pages::DISAVOW,
                pages::CONSENT,
                pages::LOGGED_OUT,
                pages::APP,
                pages::IKP,
                pages::IKP_CALLBACK,
                pages::STATIC,
                pages::FAVICON,
                DEFAULT,
            ],
        ),
        (
            "sign-in",
            &[
                sign_in::LOGIN,
                sign_in::POLL,
                sign_in::CONFIRM,
                sign_in::SMS,
                sign_in::LOGOUT,
                sign_in::RECOVER_PASSWORD,
                sign_in::RECOVERY_CODE,
                sign_in::RECOVERY_CONFIRM,
                sign_in::RECOVER_USERNAME,
                sign_in::DISAVOW,
            ],
        ),
        (
            "profile",
            &[
                profile::SHOW,
                profile::AUTH_METHOD,
                profile::EXTEND,
                profile::HISTORY,
                profile::PASSWORD,
                profile::SESSIONS,
                profile::END_OTHERS,
                profile::UNLINK_DEVICE,
                profile::DELETE,
                profile::EMAIL,
                profile::EMAIL_CONFIRM,
                profile::PHONE,
                profile::PHONE_CONFIRM,
                profile::SERVICES,
                profile::REVOKE_SERVICE,
            ],
        ),
        ("devices", &[devices::LINK, devices::REQUESTS, devices::RESPOND]),
        (
            "identity-providers",
            &[
                identity_providers::LIST,
                identity_providers::START,
                identity_providers::CALLBACK,
                identity_providers::IDENTITY,
                identity_providers::BANK_APPLICATION,
            ],
        ),
        (
            "oidc-provider",
            &[
                oidc_provider::DISCOVERY,
                oidc_provider::AUTHORIZE,
                oidc_provider::TOKEN,
                oidc_provider::USERINFO,
                oidc_provider::USERINFO_POST,
                oidc_provider::JWKS,
                oidc_provider::CONSENT,
                oidc_provider::CONSENT_ANSWER,
                oidc_provider::LOGOUT,
                oidc_provider::LOGOUT_POST,
            ],
        ),
    ]
};

/// A route key's method and path (`"GET /api/slots"` → `("GET", "/api/slots")`); none
/// for `$default`, which takes every method and path no other route takes.
pub fn method_and_path(route_key: &str) -> Option<(&str, &str)> {
    route_key.split_once(' ')
}

/// The path parameters of `path` under a route's path (`/api/applications/{id}`), or
/// none if the path is not the route's. A parameter takes one non-empty segment.
pub fn path_params(route_path: &str, path: &str) -> Option<HashMap<String, String>> {
    let pattern: Vec<&str> = route_path.trim_end_matches('/').split('/').collect();
    let parts: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    if pattern.len() != parts.len() {
        return None;
    }
    let mut params = HashMap::new();
    for (p, a) in pattern.iter().zip(&parts) {
        match p.strip_prefix('{').and_then(|p| p.strip_suffix('}')) {
            Some(name) if !a.is_empty() => {
                params.insert(name.to_owned(), (*a).to_owned());
            }
            Some(_) => return None,
            None if p == a => {}
            None => return None,
        }
    }
    Some(params)
}

/// The route a `method` and `path` take among `routes` (not `$default`), with its path
/// parameters: what API Gateway matches before it falls back to `$default`.
pub fn find<'a>(
    routes: impl IntoIterator<Item = &'a str>,
    method: &str,
    path: &str,
) -> Option<(&'a str, HashMap<String, String>)> {
    routes.into_iter().find_map(|key| {
        let (m, p) = method_and_path(key)?;
        if m != method && m != "ANY" {
            return None;
        }
        path_params(p, path).map(|params| (key, params))
    })
}

/// The methods the API answers on `path` besides `$default`'s fallbacks, for `Allow`:
/// those of the routes of every function on it, and HEAD after a GET of the function
/// that serves `$default` (it answers HEAD on its own pages). Empty if no route has it.
pub fn allowed_methods(path: &str) -> Vec<&'static str> {
    let mut allowed = Vec::new();
    for (function, keys) in TABLE {
        for (method, route_path) in keys.iter().filter_map(|k| method_and_path(k)) {
            if path_params(route_path, path).is_none() {
                continue;
            }
            let head = (*function == DEFAULT_FUNCTION && method == "GET").then_some("HEAD");
            for m in std::iter::once(method).chain(head) {
                if !allowed.contains(&m) {
                    allowed.push(m);
                }
            }
        }
    }
    allowed
}

/// The routes of a function of `TABLE`.
pub fn of_function(name: &str) -> &'static [&'static str] {
    TABLE.iter().find(|(f, _)| *f == name).map(|(_, keys)| *keys).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_key_is_a_method_and_a_path_or_default_and_appears_once() {
        let mut seen = std::collections::HashSet::new();
        for (function, keys) in TABLE {
            for key in *keys {
                assert!(seen.insert(*key), "{key} twice");
                if *key == DEFAULT {
                    assert_eq!(*function, DEFAULT_FUNCTION);
                    continue;
                }
                let (method, path) = method_and_path(key).unwrap();
                assert!(["GET", "POST", "DELETE"].contains(&method), "{key}");
                assert!(path.starts_with('/') && !path.contains(' '), "{key}");
            }
        }
        assert_eq!(TABLE.iter().filter(|(_, keys)| keys.contains(&DEFAULT)).count(), 1);
    }

    #[test]
    fn a_path_matches_its_route_with_its_parameters_and_nothing_else() {
        let p = path_params("/api/applications/{id}/verify", "/api/applications/abc/verify").unwrap();
        assert_eq!(p["id"], "abc");
        assert!(path_params("/api/applications/{id}/verify", "/api/applications//verify").is_none());
        assert!(path_params("/api/applications/{id}", "/api/applications/abc/verify").is_none());
        assert!(path_params("/", "/").is_some_and(|p| p.is_empty()));
        assert!(path_params("/wniosek", "/wniosek/").is_some());
        let all = TABLE.iter().flat_map(|(_, keys)| keys.iter().copied());
        assert_eq!(find(all.clone(), "GET", "/api/login/xyz").map(|(k, _)| k), Some(sign_in::POLL));
        assert_eq!(find(all.clone(), "HEAD", "/api/slots"), None, "HEAD is not GET");
        assert_eq!(find(all, "GET", "/api/nothing"), None);
    }

    #[test]
    fn allow_lists_the_methods_of_a_path_and_head_only_on_the_pages() {
        assert_eq!(allowed_methods("/api/slots"), ["GET"]);
        assert_eq!(allowed_methods("/oauth2/userinfo"), ["GET", "POST"]);
        assert_eq!(allowed_methods("/api/login/abc"), ["GET"]);
        assert_eq!(allowed_methods("/wniosek"), ["GET", "HEAD"]);
        assert_eq!(allowed_methods("/static/app.js"), ["GET", "HEAD"]);
        assert!(allowed_methods("/api/nothing").is_empty());
        assert!(allowed_methods("/nic").is_empty());
    }
}
