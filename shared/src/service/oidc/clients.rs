//! The registered relying services: the store's registry (the operator's `pz-rp`), over
//! the seed list of the template's `OidcClients` (or the IKP demo); and how one proves it
//! is itself at the token endpoint with a secret.

pub use crate::domain::relying::Client;
use crate::domain::relying::ClientAuth;
use crate::ports::{Found, ItemKey, Store, StoreError};

/// The demo IKP registered when `PZ_OIDC_CLIENTS` is not set: a public client that may
/// receive the names and birth date.
pub fn demo_client(public_url: &str) -> Client {
    let base = public_url.trim_end_matches('/');
    Client {
        client_id: "ikp-demo".into(),
        name: "Internetowe Konto Pacjenta (demo)".into(),
        redirect_uris: vec![format!("{base}/ikp/callback")],
        post_logout_redirect_uris: vec![format!("{base}/ikp")],
        backchannel_logout_uri: None,
        scopes: vec!["profile".into()],
        token_endpoint_auth_method: None,
        secret_sha256: None,
        jwks: None,
        jwks_uri: None,
        pesel: false,
    }
}

/// The clients of `PZ_OIDC_CLIENTS` (JSON), each checked; none or empty: the IKP demo alone.
pub(super) fn configured_clients(public_url: &str, json: Option<&str>) -> Result<Vec<Client>, String> {
    let Some(json) = json.filter(|v| !v.trim().is_empty()) else { return Ok(vec![demo_client(public_url)]) };
    let clients: Vec<Client> = serde_json::from_str(json).map_err(|e| format!("PZ_OIDC_CLIENTS is invalid: {e}"))?;
    clients.into_iter().map(|c| c.checked().map_err(|e| format!("PZ_OIDC_CLIENTS is invalid: {e}"))).collect()
}

/// The service with this id: its registration in the store, else the seed's. One read.
pub(super) async fn find_client(
    store: &(impl Store + ?Sized),
    seeds: &[Client],
    client_id: &str,
) -> Result<Option<Client>, StoreError> {
    if client_id.is_empty() || client_id.len() > 64 {
        return Ok(None);
    }
    let found = store.get_many(&[ItemKey::Client(client_id.to_owned())]).await?;
    let registered = found.into_iter().next().flatten().and_then(Found::client);
    Ok(registered.or_else(|| seeds.iter().find(|c| c.client_id == client_id).cloned()))
}

/// Whether a client authenticated with a secret (or, public, with none) as it is
/// registered to: a confidential client may send its secret either way (Basic or form).
pub(super) fn authenticated_by_secret(client: &Client, secret: Option<&str>) -> bool {
    match (client.auth_method(), secret) {
        (ClientAuth::None, None) => true,
        (ClientAuth::ClientSecretBasic | ClientAuth::ClientSecretPost, Some(given)) => client.secret_matches(given),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use sha2::{Digest, Sha256};

    use super::*;
    use crate::crypto::hex;

    #[test]
    fn a_public_client_sends_no_secret_and_a_confidential_one_the_registered_secret() {
        let public = demo_client("https://pz.example/");
        assert_eq!(public.redirect_uris, ["https://pz.example/ikp/callback"]);
        assert!(authenticated_by_secret(&public, None));
        assert!(!authenticated_by_secret(&public, Some("anything")));
        let registered = hex(&Sha256::digest(b"s3cret"));
        let confidential = Client { secret_sha256: Some(registered), ..public };
        assert!(authenticated_by_secret(&confidential, Some("s3cret")));
        for wrong in [None, Some(""), Some("S3cret")] {
            assert!(!authenticated_by_secret(&confidential, wrong), "{wrong:?}");
        }
        let jwt = Client {
            token_endpoint_auth_method: Some(ClientAuth::PrivateKeyJwt),
            jwks: Some(serde_json::json!({"keys": []})),
            ..confidential
        };
        assert!(!authenticated_by_secret(&jwt, Some("s3cret")), "a private_key_jwt client proves itself by a JWT");
    }

    #[test]
    fn no_clients_configured_means_the_demo_and_each_seed_is_checked() {
        let clients = configured_clients("https://pz.example", Some("  ")).unwrap();
        assert_eq!(clients, [demo_client("https://pz.example")]);
        assert_eq!(demo_client("https://pz.example").checked().unwrap(), demo_client("https://pz.example"));
        assert!(configured_clients("https://pz.example", Some(r#"[{"client_id":"a"}]"#)).is_err());
        assert!(configured_clients("https://pz.example", Some(r#"[{"client_id":"a","name":"A","redirect_uris":[]}]"#))
            .is_err());
    }
}
