//! Identity providers (banks, Envelo) the product is an OpenID Connect relying party to
//! (docs/rules.md §1.12): who they are, the sign-in in progress at one of them, and the
//! identity one vouched for.

use chrono::{DateTime, Duration, Utc};

use super::{Invalid, PersonName, Pesel};

/// A sign-in at a provider must come back within this time.
pub const STATE_VALID_FOR: Duration = Duration::minutes(10);
/// The vouched identity waits this long for the citizen to finish the form on `/wniosek/bank`.
pub const VOUCHED_VALID_FOR: Duration = Duration::minutes(30);

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdpKind {
    Bank,
    Envelo,
}

/// The claim names a provider uses for what it vouches for.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimNames {
    #[serde(default = "given_name")]
    pub first_name: String,
    #[serde(default = "family_name")]
    pub last_name: String,
    #[serde(default = "pesel_claim")]
    pub pesel: String,
}

fn given_name() -> String {
    "given_name".into()
}
fn family_name() -> String {
    "family_name".into()
}
fn pesel_claim() -> String {
    "pesel".into()
}

impl Default for ClaimNames {
    fn default() -> Self {
        Self { first_name: given_name(), last_name: family_name(), pesel: pesel_claim() }
    }
}

/// One provider, as the operator registers it (`PZ_IDENTITY_PROVIDERS`, JSON; the client
/// secret from Secrets Manager, never in the environment).
#[derive(Clone, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IdentityProvider {
    /// `bank-demo`, `envelo`: lower-case letters, digits, hyphens.
    pub id: String,
    /// What the citizen sees: "Bank Demo", "Envelo".
    pub name: String,
    pub kind: IdpKind,
    /// The provider's issuer; its discovery document is at
    /// `<issuer>/.well-known/openid-configuration`.
    pub issuer: String,
    pub client_id: String,
    /// Filled from Secrets Manager at cold start.
    #[serde(skip)]
    pub client_secret: String,
    #[serde(default = "default_scopes")]
    pub scopes: Vec<String>,
    #[serde(default)]
    pub claims: ClaimNames,
    /// The level of assurance the provider's sign-in has (eIDAS): `substantial` or `high`.
    #[serde(default = "substantial")]
    pub loa: String,
    /// A demo provider of the local gateway (marked "demo" on the pages).
    #[serde(default)]
    pub demo: bool,
}

fn default_scopes() -> Vec<String> {
    vec!["openid".into(), "profile".into()]
}
fn substantial() -> String {
    "substantial".into()
}

impl std::fmt::Debug for IdentityProvider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IdentityProvider").field("id", &self.id).field("issuer", &self.issuer).finish_non_exhaustive()
    }
}

impl IdentityProvider {
    /// Checks an operator's entry: an id, a name, an https issuer (http only for a demo
    /// provider), a client id, `openid` among the scopes, a known level of assurance.
    pub fn check(&self) -> Result<(), String> {
        let id_ok = !self.id.is_empty()
            && self.id.len() <= 40
            && self.id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !id_ok {
            return Err(format!("identity provider id {:?}: lower-case letters, digits and hyphens", self.id));
        }
        // Plain http only on this machine (the demo providers, a test's provider).
        let issuer: hyper::Uri =
            self.issuer.parse().map_err(|_| format!("identity provider {}: the issuer is not a URL", self.id))?;
        let https = issuer.scheme_str() == Some("https") && issuer.host().is_some();
        if !(https || (issuer.scheme_str() == Some("http") && is_loopback(&issuer))) {
            return Err(format!("identity provider {}: the issuer must be https", self.id));
        }
        if self.name.trim().is_empty() || self.client_id.is_empty() {
            return Err(format!("identity provider {}: name and client_id are needed", self.id));
        }
        if !self.scopes.iter().any(|s| s == "openid") {
            return Err(format!("identity provider {}: the scopes must include openid", self.id));
        }
        if !matches!(self.loa.as_str(), "substantial" | "high") {
            return Err(format!("identity provider {}: loa is substantial or high", self.id));
        }
        Ok(())
    }
}

/// A URL of this machine: `127.0.0.1`, `localhost` or `[::1]`, no user part.
pub fn is_loopback(uri: &hyper::Uri) -> bool {
    let authority = uri.authority().map(|a| a.as_str()).unwrap_or("");
    !authority.contains('@') && matches!(uri.host(), Some("127.0.0.1" | "localhost" | "[::1]" | "::1"))
}

/// What the citizen went to the provider for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    /// A new profile, active at once (`/wniosek/bank`).
    Create,
    /// Signing in to an existing profile, matched by PESEL.
    Login,
}

impl Purpose {
    pub fn parse(input: &str) -> Option<Self> {
        match input {
            "create" => Some(Self::Create),
            "login" => Some(Self::Login),
            _ => None,
        }
    }
}

/// A sign-in at a provider in progress: keyed by the keyed hash of its `state`, bound to
/// the browser that started it, used once.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct IdpState {
    pub state_hash: String,
    pub provider: String,
    pub purpose: Purpose,
    /// Where a sign-in returns to (a path of ours).
    pub next: String,
    /// The keyed hash of the `pz_idp_state` cookie of the browser that started it.
    pub browser_hash: String,
    pub nonce: String,
    pub pkce_verifier: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    /// Set when the callback came: a state works once.
    #[serde(default)]
    pub used: bool,
    #[serde(default)]
    pub version: u64,
}

/// Names and PESEL a provider vouched for, waiting for the rest of the form on
/// `/wniosek/bank`: keyed by the keyed hash of the `pz_idp` cookie. A corrected form
/// replaces the application an earlier one made from it; "Dalej" ends it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Vouched {
    pub token_hash: String,
    pub provider: String,
    pub provider_name: String,
    pub first_name: PersonName,
    pub last_name: PersonName,
    pub pesel: Pesel,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    #[serde(default)]
    pub version: u64,
}

/// A path of ours to return to after a sign-in: `/…` but not `//…` (another site), at
/// most 512 characters, no backslash or control characters; else `/profil`.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n)
            if n.starts_with('/')
                && !n.starts_with("//")
                && n.len() <= 512
                && n.is_ascii()
                && !n.chars().any(|c| c == '\\' || c.is_control()) =>
        {
            n.to_owned()
        }
        _ => "/profil".to_owned(),
    }
}

/// The names and PESEL from a provider's claims, checked by the application's rules (a
/// PESEL that fails its checksum is refused).
pub fn vouched_person(
    first: Option<&str>,
    last: Option<&str>,
    pesel: Option<&str>,
    today: chrono::NaiveDate,
) -> Result<(PersonName, PersonName, Pesel), Invalid> {
    let missing = || Invalid::new("idp_claims_missing", crate::texts::idp::CLAIMS_MISSING);
    let first = PersonName::parse(first.ok_or_else(missing)?)?;
    let last = PersonName::parse(last.ok_or_else(missing)?)?;
    let pesel = Pesel::parse(pesel.ok_or_else(missing)?, today)?;
    Ok((first, last, pesel))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_stays_on_our_site() {
        assert_eq!(safe_next(Some("/profil?x=1")), "/profil?x=1");
        assert_eq!(safe_next(Some("/oauth2/authorize?client_id=ikp")), "/oauth2/authorize?client_id=ikp");
        for bad in [None, Some("https://evil.example/"), Some("//evil.example"), Some("/\\evil"), Some("")] {
            assert_eq!(safe_next(bad), "/profil", "{bad:?}");
        }
    }

    #[test]
    fn an_operators_entry_is_checked() {
        let json =
            r#"{"id":"bank-x","name":"Bank X","kind":"bank","issuer":"https://id.bank-x.example","client_id":"pz"}"#;
        let p: IdentityProvider = serde_json::from_str(json).unwrap();
        assert!(p.check().is_ok());
        assert_eq!(p.claims, ClaimNames::default());
        let mut plain = p.clone();
        plain.issuer = "http://id.bank-x.example".into();
        assert!(plain.check().is_err(), "http only on this machine");
        plain.issuer = "http://127.0.0.1:4100/dev/idp/bank-demo".into();
        assert!(plain.check().is_ok());
        for sneaky in
            ["http://localhost:@evil.example/", "http://127.0.0.1.evil.example/", "http://localhost.evil.example:80/"]
        {
            plain.issuer = sneaky.into();
            assert!(plain.check().is_err(), "{sneaky}");
        }
        let mut no_openid = p;
        no_openid.scopes = vec!["profile".into()];
        assert!(no_openid.check().is_err());
    }
}
