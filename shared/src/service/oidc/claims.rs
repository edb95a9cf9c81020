//! What a client learns about the citizen: the scopes it may be granted, its pairwise
//! subject, and the claims each scope releases, in the ID token and at userinfo.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::clients::Client;
use crate::crypto::HashKey;
use crate::domain::account::SubjectBasis;
use crate::domain::oidc::{AuthCode, ID_TOKEN_LIFETIME};
use crate::domain::Account;

/// The scopes this provider knows (advertised in discovery).
pub(super) const SCOPES: [&str; 5] = ["openid", "profile", "email", "phone", "pesel"];

/// What a client gets of the scopes it asked for: the ones we know and it is registered
/// for (`pesel` only by name), each once. The rest is dropped (RFC 6749 §3.3), and the
/// token response says what was granted.
pub(super) fn granted_scope(client: &Client, asked: &[&str]) -> Vec<String> {
    let mut granted: Vec<String> = Vec::new();
    for s in asked {
        if SCOPES.contains(s) && client.allows_scope(s) && !granted.iter().any(|g| g == s) {
            granted.push((*s).to_owned());
        }
    }
    granted
}

/// A different, stable `sub` for each client: services cannot join their records by it.
/// Keyed on the person (the PESEL), so that a new profile of the same person keeps it;
/// a connection made before that keeps its account-keyed value (docs/rules.md §6.6).
pub fn pairwise_subject(keys: &HashKey, client_id: &str, account: &Account) -> String {
    let basis = account.services.iter().find(|s| s.client_id == client_id).map(|s| s.subject);
    let input = match basis.unwrap_or(SubjectBasis::Person) {
        SubjectBasis::Person => format!("{client_id}:person:{}", account.pesel.as_str()),
        SubjectBasis::Account => format!("{client_id}:{}", account.id),
    };
    keys.hash("oidc-subject", &input)[..32].to_owned()
}

/// The claims about the citizen that a client was granted: the userinfo answer, and
/// the ID token's with `IdTokenClaims`. Only `sub` for `openid` alone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonClaims {
    pub sub: String,
    /// With the `profile` scope.
    #[serde(flatten)]
    pub profile: Option<ProfileClaims>,
    /// With the `email` scope.
    #[serde(flatten)]
    pub email: Option<EmailClaims>,
    /// With the `phone` scope.
    #[serde(flatten)]
    pub phone: Option<PhoneClaims>,
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

/// The `email` scope's claims: the address, verified by a code when it was given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmailClaims {
    pub email: String,
    pub email_verified: bool,
}

/// The `phone` scope's claims: E.164, verified by an SMS code when it was given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhoneClaims {
    pub phone_number: String,
    pub phone_number_verified: bool,
}

impl PersonClaims {
    /// The claims of `scope`, as `granted_scope` made it (and as the client is registered
    /// now: a scope taken away since stops at once).
    pub(super) fn granted(keys: &HashKey, client: &Client, account: &Account, scope: &[String]) -> Self {
        let has = |s: &str| scope.iter().any(|g| g == s) && client.allows_scope(s);
        Self {
            sub: pairwise_subject(keys, &client.client_id, account),
            profile: has("profile").then(|| ProfileClaims {
                given_name: account.first_name.as_str().to_owned(),
                family_name: account.last_name.as_str().to_owned(),
                birthdate: account.pesel.birth_date().format("%Y-%m-%d").to_string(),
            }),
            email: has("email").then(|| EmailClaims { email: account.email.as_str().to_owned(), email_verified: true }),
            phone: has("phone")
                .then(|| PhoneClaims { phone_number: account.phone.e164().to_owned(), phone_number_verified: true }),
            // The PESEL holds the birth date and the sex: never without its own scope.
            pesel: has("pesel").then(|| account.pesel.as_str().to_owned()),
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
    /// The level of assurance (an eIDAS level, `domain::oidc::ACR_VALUES`).
    pub acr: String,
    /// How the citizen signed in (RFC 8176).
    pub amr: Vec<String>,
    /// The session at this provider, for this service (back-channel logout names it).
    pub sid: String,
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
            acr: grant.acr.clone(),
            amr: grant.amr.clone(),
            sid: grant.sid.clone(),
            person,
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::service::oidc::demo_client;

    const ACR: &str = "http://eidas.europa.eu/LoA/substantial";

    fn id_token(person: PersonClaims, nonce: Option<&str>) -> IdTokenClaims {
        IdTokenClaims {
            iss: "https://pz.example".into(),
            aud: "ikp-demo".into(),
            exp: 1_795_000_600,
            iat: 1_795_000_000,
            auth_time: 1_794_999_000,
            nonce: nonce.map(Into::into),
            acr: ACR.into(),
            amr: vec!["pwd".into(), "sms".into(), "mfa".into()],
            sid: "sid-1".into(),
            person,
        }
    }

    fn only_sub() -> PersonClaims {
        PersonClaims { sub: "s".into(), profile: None, email: None, phone: None, pesel: None }
    }

    #[test]
    fn scopes_grant_only_what_is_known_and_registered_and_pesel_only_by_name() {
        let client = |scopes: &[&str]| Client {
            scopes: scopes.iter().map(|s| (*s).to_owned()).collect(),
            ..demo_client("https://pz.example")
        };
        let usual = client(&["profile", "email", "phone"]);
        assert_eq!(granted_scope(&usual, &["openid"]), ["openid"]);
        assert_eq!(
            granted_scope(&usual, &["openid", "profile", "pesel", "address", "email", "profile"]),
            ["openid", "profile", "email"]
        );
        assert_eq!(granted_scope(&client(&["pesel"]), &["openid", "pesel", "phone"]), ["openid", "pesel"]);
    }

    #[test]
    fn openid_alone_gives_the_subject_the_token_claims_and_the_assurance() {
        let claims = id_token(only_sub(), None);
        let expected = json!({
            "iss": "https://pz.example", "aud": "ikp-demo", "exp": 1_795_000_600, "iat": 1_795_000_000,
            "auth_time": 1_794_999_000, "sub": "s", "acr": ACR, "amr": ["pwd", "sms", "mfa"], "sid": "sid-1",
        });
        assert_eq!(serde_json::to_value(&claims).unwrap(), expected);
        assert_eq!(serde_json::from_value::<IdTokenClaims>(expected).unwrap(), claims);
    }

    #[test]
    fn each_scope_adds_its_claims_beside_the_token_ones() {
        let person = PersonClaims {
            sub: "s".into(),
            profile: Some(ProfileClaims {
                given_name: "Łucja".into(),
                family_name: "Żółkiewska-Nowak".into(),
                birthdate: "1980-01-01".into(),
            }),
            email: Some(EmailClaims { email: "lucja@example.pl".into(), email_verified: true }),
            phone: Some(PhoneClaims { phone_number: "+48600100200".into(), phone_number_verified: true }),
            pesel: Some("80010112345".into()),
        };
        let userinfo = json!({
            "sub": "s", "given_name": "Łucja", "family_name": "Żółkiewska-Nowak", "birthdate": "1980-01-01",
            "email": "lucja@example.pl", "email_verified": true,
            "phone_number": "+48600100200", "phone_number_verified": true, "pesel": "80010112345",
        });
        assert_eq!(serde_json::to_value(&person).unwrap(), userinfo);
        let claims = id_token(person, Some("n-1"));
        let mut expected = userinfo;
        for (k, v) in json!({
            "iss": "https://pz.example", "aud": "ikp-demo", "exp": 1_795_000_600, "iat": 1_795_000_000,
            "auth_time": 1_794_999_000, "nonce": "n-1", "acr": ACR, "amr": ["pwd", "sms", "mfa"], "sid": "sid-1",
        })
        .as_object()
        .unwrap()
        {
            expected[k] = v.clone();
        }
        assert_eq!(serde_json::to_value(&claims).unwrap(), expected);
        assert_eq!(serde_json::from_value::<IdTokenClaims>(expected).unwrap(), claims);
    }

    #[test]
    fn the_subject_follows_the_person_across_profiles_and_differs_between_services() {
        use crate::domain::account::tests::active;
        let keys = HashKey::new(vec![7; 32]).unwrap();
        let first = active("2029-11-23T10:00:00Z");
        let mut second = active("2032-11-23T10:00:00Z");
        second.id = crate::domain::ApplicationId::generate(&crate::adapters::random::SeededRandom::new(99));
        assert_ne!(first.id, second.id);
        assert_eq!(pairwise_subject(&keys, "ikp", &first), pairwise_subject(&keys, "ikp", &second), "same PESEL");
        assert_ne!(pairwise_subject(&keys, "ikp", &first), pairwise_subject(&keys, "zus", &first));
        // A connection made before subjects followed the person keeps its value.
        let mut old = first.clone();
        let now = chrono::Utc::now();
        old.consent_to("ikp", "IKP", &["openid".to_owned()], now);
        assert_eq!(pairwise_subject(&keys, "ikp", &old), pairwise_subject(&keys, "ikp", &first));
        old.services[0].subject = SubjectBasis::Account;
        assert_ne!(pairwise_subject(&keys, "ikp", &old), pairwise_subject(&keys, "ikp", &first));
        assert_eq!(pairwise_subject(&keys, "ikp", &old).len(), 32);
    }
}
