//! The OpenID Connect provider that lets relying services (IKP) sign citizens in through
//! the profile: authorization code flow with PKCE S256 required, `state` required,
//! `nonce` carried into the ID token, RS256-signed ID tokens with a key from
//! configuration, registered clients with exactly matching redirect URIs, pairwise
//! subject identifiers, claims by scope (names and birth date with `profile`, PESEL with
//! `pesel` and only for clients registered for it), `prompt=login`/`none` and `max_age`,
//! and a replayed code revoking what it gave.
//!
//! One reason to change per file:
//! - `clients`: who is registered, and how a client proves it is itself;
//! - `keys`: the signing key, the retired keys still published, the JWKS, signing;
//! - `ring_jwt` (tests only): ring as `jsonwebtoken`'s backend, to verify what `keys` signs;
//! - `provider`: the configured provider and its discovery document;
//! - `claims`: the scopes, the pairwise subject and the claims each scope releases;
//! - `freshness`: `prompt` and `max_age`, and the mark of a sign-in asked for again;
//! - `authorize`, `token`, `userinfo`: the endpoints; `error`: OAuth's error answers.

mod assertion;
mod authorize;
mod claims;
mod clients;
mod error;
mod freshness;
mod keys;
mod logout;
mod provider;
#[cfg(test)]
mod ring_jwt;
mod token;
mod userinfo;

pub use authorize::{authorize, consent, consent_ask, Authorize, AuthorizeRequest, ConsentAsk};
pub use claims::{pairwise_subject, EmailClaims, IdTokenClaims, PersonClaims, PhoneClaims, ProfileClaims};
pub use clients::{demo_client, Client};
pub use error::OAuthError;
pub use keys::decode_key;
pub(crate) use logout::{all_sessions_ended, others_ended, pushed_out, session_ended};
pub use logout::{end_session, BackChannel, EndSession, LogoutRequest, LogoutTokenClaims, LOGGED_OUT_PAGE};
pub use provider::Provider;
pub use token::{token, TokenRequest, TokenResponse};
pub use userinfo::userinfo;

use crate::crypto::HashKey;

/// Codes and access tokens are kept by their keyed hash only: a copy of the table
/// redeems nothing.
fn code_hash(keys: &HashKey, code: &str) -> String {
    keys.hash("oidc-code", code)
}

fn access_token_hash(keys: &HashKey, token: &str) -> String {
    keys.hash("oidc-access-token", token)
}

/// A session's id as one service sees it (`sid`): stable for the session at that
/// service, different at another (services cannot join their records by it, as by the
/// pairwise `sub`), derived from the session's hash so that its end can name it without
/// storing it.
pub(crate) fn session_id(keys: &HashKey, client_id: &str, session_hash: &str) -> String {
    keys.hash("oidc-sid", &format!("{}:{client_id}:{session_hash}", client_id.len()))[..32].to_owned()
}
