//! What a deployment has before the functions start and the emulator lacks: the secrets
//! the functions read at cold start (the hash key and the ID-token signing key) and the
//! SNS platform applications of mObywatel, named as `template.yaml` names them.

use aws_sdk_secretsmanager::error::DisplayErrorContext;

/// The stack's values Lambda mode sets (template parameters by name).
pub struct Provisioned {
    pub overrides: Vec<(&'static str, String)>,
}

/// Stores the gateway's own hash key and signing key as the functions' secrets (so the
/// demo clerk the gateway creates can sign in through the functions) and creates the
/// platform applications.
pub async fn provision(
    sdk: &aws_config::SdkConfig,
    table: &str,
    hash_key_hex: &str,
    oidc_key: &str,
    identity_providers: &[shared::domain::idp::IdentityProvider],
) -> Result<Provisioned, String> {
    let secrets = aws_sdk_secretsmanager::Client::new(sdk);
    let hash_key_secret = format!("pz-local/{table}/hash-key");
    let oidc_secret = format!("pz-local/{table}/oidc-signing-key");
    put_secret(&secrets, &hash_key_secret, hash_key_hex).await?;
    put_secret(&secrets, &oidc_secret, oidc_key).await?;
    // The demo banks, registered as a deployment registers real ones: the list in the
    // environment, the client secrets in Secrets Manager.
    let idp_secret = format!("pz-local/{table}/identity-provider-secrets");
    let client_secrets: serde_json::Map<String, serde_json::Value> =
        identity_providers.iter().map(|p| (p.id.clone(), p.client_secret.clone().into())).collect();
    put_secret(&secrets, &idp_secret, &serde_json::Value::Object(client_secrets).to_string()).await?;
    let listed = serde_json::to_string(identity_providers).map_err(|e| e.to_string())?;
    let sns = aws_sdk_sns::Client::new(sdk);
    for (name, platform) in [("pz-android", "GCM"), ("pz-ios", "APNS")] {
        sns.create_platform_application()
            .name(name)
            .platform(platform)
            .attributes("PlatformCredential", "pz-local")
            .attributes("PlatformPrincipal", "pz-local")
            .send()
            .await
            .map_err(|e| {
                format!(
                    "cannot create the platform application {name}: {}",
                    aws_sdk_sns::error::DisplayErrorContext(&e)
                )
            })?;
    }
    Ok(Provisioned {
        overrides: vec![
            ("HashKeySecret", hash_key_secret),
            ("OidcSigningKeySecret", oidc_secret),
            ("IdentityProviderSecrets", idp_secret),
            ("IdentityProviders", listed),
        ],
    })
}

async fn put_secret(client: &aws_sdk_secretsmanager::Client, name: &str, value: &str) -> Result<(), String> {
    match client.create_secret().name(name).secret_string(value).send().await {
        Ok(_) => Ok(()),
        Err(e) if e.as_service_error().is_some_and(|s| s.is_resource_exists_exception()) => client
            .put_secret_value()
            .secret_id(name)
            .secret_string(value)
            .send()
            .await
            .map(|_| ())
            .map_err(|e| format!("cannot store the secret {name}: {}", DisplayErrorContext(&e))),
        Err(e) => Err(format!("cannot store the secret {name}: {}", DisplayErrorContext(&e))),
    }
}
