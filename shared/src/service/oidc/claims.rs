//! What a client learns about the citizen: the scopes it may be granted, its pairwise
//! subject, and the claims each scope releases, in the ID token and at userinfo.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::clients::Client;
use crate::crypto::HashKey;
use crate::domain::oidc::{AuthCode, ID_TOKEN_LIFETIME};
use crate::domain::Account;

/// The scopes this provider knows (advertised in discovery).
pub(super) const SCOPES: [&str; 3] = ["openid", "profile", "pesel"];

/// What a client gets of the scopes it asked for: the ones we know, `pesel` only if it is
/// registered for it, each once. The rest is dropped (RFC 6749 §3.3), and the token
/// response says what was granted.
pub(super) fn granted_scope(client: &Client, asked: &[&str]) -> Vec<String> {
    let mut granted: Vec<String> = Vec::new();
    for s in asked {
        let known = SCOPES.contains(s) && (*s != "pesel" || client.pesel);
        if known && !granted.iter().any(|g| g == s) {
            granted.push((*s).to_owned());
        }
    }
    granted
}

/// A different, stable `sub` for each client: services cannot join their records by it.
pub fn pairwise_subject(keys: &HashKey, client_id: &str, account: &Account) -> String {
    keys.hash("oidc-subject", &format!("{client_id}:{}", account.id))[..32].to_owned()
}

/// The claims about the citizen that a client was granted: the userinfo answer, and
/// the ID token's with `IdTokenClaims`. Only `sub` for `openid` alone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonClaims {
    pub sub: String,
    /// With the `profile` scope.
    #[serde(flatten)]
    pub profile: Option<ProfileClaims>,
    /// With the `pesel` scope, for a client registered for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pesel: Option<String>,
}

/// The `profile` scope's claims (OIDC Core §5.1): the names and the birth date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileClaims {
    pub given_name: String,
    pub family_name: String,
    /// `YYYY-MM-DD`.
    pub birthdate: String,
}

impl PersonClaims {
    /// The claims of `scope`, as `granted_scope` made it.
    pub(super) fn granted(keys: &HashKey, client: &Client, account: &Account, scope: &[String]) -> Self {
        let has = |s: &str| scope.iter().any(|g| g == s);
        Self {
            sub: pairwise_subject(keys, &client.client_id, account),
            profile: has("profile").then(|| ProfileClaims {
                given_name: account.first_name.as_str().to_owned(),
                family_name: account.last_name.as_str().to_owned(),
                birthdate: account.pesel.birth_date().format("%Y-%m-%d").to_string(),
            }),
            // The PESEL holds the birth date and the sex: never without its own scope.
            pesel: (has("pesel") && client.pesel).then(|| account.pesel.as_str().to_owned()),
        }
    }
}

/// The ID token's payload (OIDC Core §2), times in seconds since the epoch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdTokenClaims {
    pub iss: String,
    /// The client's id.
    pub aud: String,
    pub exp: i64,
    pub iat: i64,
    /// When the citizen signed in (the session's start), not when the code was issued.
    pub auth_time: i64,
    /// The `nonce` of the authorize request, when the client sent one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nonce: Option<String>,
    #[serde(flatten)]
    pub person: PersonClaims,
}

impl IdTokenClaims {
    /// The ID token of a code `grant` redeemed `now`.
    pub(super) fn new(issuer: &str, grant: &AuthCode, person: PersonClaims, now: DateTime<Utc>) -> Self {
        Self {
            iss: issuer.to_owned(),
            aud: grant.client_id.clone(),
            exp: (now + ID_TOKEN_LIFETIME).timestamp(),
            iat: now.timestamp(),
            auth_time: grant.auth_time.timestamp(),
            nonce: grant.nonce.clone(),
            person,
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::service::oidc::demo_client;

    fn id_token(person: PersonClaims, nonce: Option<&str>) -> IdTokenClaims {
        IdTokenClaims {
            iss: "https://pz.example".into(),
            aud: "ikp-demo".into(),
            exp: 1_795_000_600,
            iat: 1_795_000_000,
            auth_time: 1_794_999_000,
            nonce: nonce.map(Into::into),
            person,
        }
    }

    #[test]
    fn scopes_grant_only_what_is_known_and_pesel_only_to_clients_registered_for_it() {
        let client = |pesel| Client { pesel, ..demo_client("https://pz.example") };
        assert_eq!(granted_scope(&client(false), &["openid"]), ["openid"]);
        assert_eq!(
            granted_scope(&client(false), &["openid", "profile", "pesel", "email", "profile"]),
            ["openid", "profile"]
        );
        assert_eq!(granted_scope(&client(true), &["openid", "pesel"]), ["openid", "pesel"]);
    }

    #[test]
    fn openid_alone_gives_the_subject_and_the_token_claims_and_a_nonce_only_when_sent() {
        let claims = id_token(PersonClaims { sub: "s".into(), profile: None, pesel: None }, None);
        let expected = json!({
            "iss": "https://pz.example", "aud": "ikp-demo", "exp": 1_795_000_600, "iat": 1_795_000_000,
            "auth_time": 1_794_999_000, "sub": "s",
        });
        assert_eq!(serde_json::to_value(&claims).unwrap(), expected);
        assert_eq!(serde_json::from_value::<IdTokenClaims>(expected).unwrap(), claims);
    }

    #[test]
    fn profile_and_pesel_add_their_claims_beside_the_token_ones() {
        let person = PersonClaims {
            sub: "s".into(),
            profile: Some(ProfileClaims {
                given_name: "Łucja".into(),
                family_name: "Żółkiewska-Nowak".into(),
                birthdate: "1980-01-01".into(),
            }),
            pesel: Some("80010112345".into()),
        };
        let userinfo = json!({
            "sub": "s", "given_name": "Łucja", "family_name": "Żółkiewska-Nowak", "birthdate": "1980-01-01",
            "pesel": "80010112345",
        });
        assert_eq!(serde_json::to_value(&person).unwrap(), userinfo);
        let claims = id_token(person, Some("n-1"));
        let mut expected = userinfo;
        for (k, v) in json!({
            "iss": "https://pz.example", "aud": "ikp-demo", "exp": 1_795_000_600, "iat": 1_795_000_000,
            "auth_time": 1_794_999_000, "nonce": "n-1",
        })
        .as_object()
        .unwrap()
        {
            expected[k] = v.clone();
        }
        assert_eq!(serde_json::to_value(&claims).unwrap(), expected);
        assert_eq!(serde_json::from_value::<IdTokenClaims>(expected).unwrap(), claims);
    }
}
