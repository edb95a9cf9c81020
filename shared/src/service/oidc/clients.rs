//! The registered relying services, and how one proves it is itself at the token
//! endpoint.

use serde::Deserialize;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::crypto::hex;

/// A registered relying service.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Client {
    pub client_id: String,
    /// Shown to the citizen and in their history.
    pub name: String,
    /// Compared exactly (no prefix or wildcard matching).
    pub redirect_uris: Vec<String>,
    /// SHA-256 (hex) of the client secret; none for a public client (PKCE only).
    #[serde(default)]
    pub secret_sha256: Option<String>,
    /// Whether the client may receive the `pesel` claim.
    #[serde(default)]
    pub pesel: bool,
}

/// The demo IKP registered when `PZ_OIDC_CLIENTS` is not set: a public client.
pub fn demo_client(public_url: &str) -> Client {
    Client {
        client_id: "ikp-demo".into(),
        name: "Internetowe Konto Pacjenta (demo)".into(),
        redirect_uris: vec![format!("{}/ikp/callback", public_url.trim_end_matches('/'))],
        secret_sha256: None,
        pesel: false,
    }
}

/// The clients of `PZ_OIDC_CLIENTS` (JSON); none or empty: the IKP demo alone.
pub(super) fn configured_clients(public_url: &str, json: Option<&str>) -> Result<Vec<Client>, String> {
    match json.filter(|v| !v.trim().is_empty()) {
        Some(json) => serde_json::from_str(json).map_err(|e| format!("PZ_OIDC_CLIENTS is invalid: {e}")),
        None => Ok(vec![demo_client(public_url)]),
    }
}

impl Client {
    pub(super) fn allows_redirect(&self, uri: &str) -> bool {
        self.redirect_uris.iter().any(|u| u == uri)
    }

    /// A public client sends no secret; a confidential one the secret whose SHA-256 it
    /// registered (RFC 6749 §2.3.1), compared in constant time.
    pub(super) fn authenticated_by(&self, secret: Option<&str>) -> bool {
        match (&self.secret_sha256, secret) {
            (None, None) => true,
            (Some(expected), Some(given)) => {
                let given = hex(&Sha256::digest(given.as_bytes()));
                given.as_bytes().ct_eq(expected.to_ascii_lowercase().as_bytes()).into()
            }
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_public_client_sends_no_secret_and_a_confidential_one_the_registered_secret() {
        let public = demo_client("https://pz.example/");
        assert_eq!(public.redirect_uris, ["https://pz.example/ikp/callback"]);
        assert!(public.authenticated_by(None));
        assert!(!public.authenticated_by(Some("anything")));
        let registered = hex(&Sha256::digest(b"s3cret")).to_ascii_uppercase();
        let confidential = Client { secret_sha256: Some(registered), ..public };
        assert!(confidential.authenticated_by(Some("s3cret")), "the registered hash is compared in any case");
        for wrong in [None, Some(""), Some("s3cret "), Some("S3cret")] {
            assert!(!confidential.authenticated_by(wrong), "{wrong:?}");
        }
    }

    #[test]
    fn redirect_uris_match_exactly_and_no_clients_configured_means_the_demo() {
        let clients = configured_clients("https://pz.example", Some("  ")).unwrap();
        assert_eq!(clients, [demo_client("https://pz.example")]);
        let c = &clients[0];
        assert!(c.allows_redirect("https://pz.example/ikp/callback"));
        for other in ["https://pz.example/ikp/callback/", "https://pz.example/ikp/callback?x=1", "https://pz.example"] {
            assert!(!c.allows_redirect(other), "{other}");
        }
        assert!(configured_clients("https://pz.example", Some(r#"[{"client_id":"a"}]"#)).is_err());
        assert!(configured_clients(
            "https://pz.example",
            Some(r#"[{"client_id":"a","name":"A","redirect_uris":[],"x":1}]"#)
        )
        .is_err());
    }
}
