//! The operator's command for clerk accounts, writing to the same DynamoDB table as the
//! deployed functions (or an emulator, with `AWS_ENDPOINT_URL`):
//!
//!     PZ_TABLE=<table> PZ_HASH_KEY=<hex> pz-clerk add <username>             # password from stdin
//!     PZ_TABLE=<table> PZ_HASH_KEY=<hex> pz-clerk reset-password <username>  # password from stdin
//!     PZ_TABLE=<table> PZ_HASH_KEY=<hex> pz-clerk reset-totp <username>
//!     PZ_TABLE=<table> pz-clerk disable <username>
//!
//! The password is read from the first line of standard input (`read -s P; echo "$P" | …`),
//! never from the command line, where other users of the machine could see it. `add` and
//! `reset-totp` print the clerk's new TOTP secret once (and its `otpauth://` URI for a QR
//! code); it is stored only encrypted with a key derived from the functions' hash key,
//! which is why `PZ_HASH_KEY` must be theirs. A reset or a disable ends the clerk's
//! sessions.

use std::io::BufRead;

use shared::adapters::clock::SystemClock;
use shared::adapters::dynamodb::DynamoStore;
use shared::adapters::random::OsRandom;
use shared::config::parse_hash_key;
use shared::crypto::{hex, HashKey};
use shared::domain::totp::TotpSecret;
use shared::ports::Random;
use shared::service::clerk::{create_clerk, disable, reset_password, reset_totp};
use shared::service::Ctx;
use shared::service::FlowError;

const USAGE: &str = "usage: pz-clerk add|reset-password|reset-totp|disable <username>  (password on stdin for add and reset-password; table from PZ_TABLE, the functions' key from PZ_HASH_KEY)";

fn fail(message: &str, code: i32) -> ! {
    eprintln!("pz-clerk: {message}");
    std::process::exit(code)
}

fn explain(e: &FlowError) -> String {
    match e {
        FlowError::Invalid(fields) => fields
            .iter()
            .map(|f| format!("{}: {}", f.field, f.message.in_(shared::texts::Lang::Pl)))
            .collect::<Vec<_>>()
            .join("; "),
        FlowError::Taken(_) => "a clerk with this username exists (use reset-password or reset-totp)".into(),
        FlowError::NotFound => "no clerk with this username".into(),
        other => other.to_string(),
    }
}

/// Shown once, never logged: the clerk types the secret into an authenticator app or
/// scans the URI as a QR code.
fn show_totp(username: &str, secret: &TotpSecret) -> String {
    format!(
        "TOTP secret (shown once; add it to the clerk's authenticator app): {}\n  {}",
        secret.to_base32(),
        secret.otpauth_uri(username)
    )
}

/// The functions' hash key: TOTP secrets are sealed with a key derived from it and the
/// sign-in counters are keyed by it, so a random one would make a clerk who cannot sign in.
fn functions_key(command: &str, rng: &dyn Random) -> HashKey {
    match std::env::var("PZ_HASH_KEY") {
        Ok(k) => parse_hash_key(&k).unwrap_or_else(|e| fail(&e.to_string(), 2)),
        Err(_) if command == "disable" => {
            let mut k = [0u8; 32];
            rng.fill(&mut k);
            parse_hash_key(&hex(&k)).unwrap_or_else(|e| fail(&e.to_string(), 2))
        }
        Err(_) => fail("set PZ_HASH_KEY to the functions' hash key (the TOTP secret is sealed with it)", 2),
    }
}

fn read_password() -> String {
    let mut password = String::new();
    if std::io::stdin().lock().read_line(&mut password).is_err() || password.trim_end_matches(['\r', '\n']).is_empty() {
        fail("give the password on the first line of standard input", 2);
    }
    password.trim_end_matches(['\r', '\n']).to_owned()
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (command, username) = match args.as_slice() {
        [c, u] if ["add", "reset-password", "reset-totp", "disable"].contains(&c.as_str()) => (c.as_str(), u.as_str()),
        _ => fail(USAGE, 2),
    };
    if std::env::var("PZ_BACKEND").is_ok_and(|b| b == "memory") {
        fail("the in-process store lives inside a running pz-local; use its demo clerk `urzednik`, or run pz-local and this command against DynamoDB", 2);
    }
    let password = if command == "add" || command == "reset-password" { read_password() } else { String::new() };

    let rng = OsRandom;
    let key = functions_key(command, &rng);
    let table = std::env::var("PZ_TABLE").unwrap_or_else(|_| "profil-zaufany".into());
    let sdk = shared::adapters::aws::sdk_config().await;
    let store = DynamoStore::new(&sdk, table.clone());
    if std::env::var("AWS_ENDPOINT_URL").is_ok() {
        store.ensure_table().await.unwrap_or_else(|e| fail(&format!("cannot create table {table}: {e}"), 1));
    }
    let ctx = Ctx::over(&store, &SystemClock, &key);
    let result = match command {
        "add" => create_clerk(&ctx, &rng, username, &password).await.map(|c| {
            format!("clerk {} created (id {})\n{}", c.clerk.username.as_str(), c.clerk.id, show_totp(username, &c.totp))
        }),
        "reset-password" => reset_password(&ctx, username, &password)
            .await
            .map(|()| format!("password of {username} changed, their sessions ended")),
        "reset-totp" => reset_totp(&ctx, &rng, username)
            .await
            .map(|s| format!("new TOTP secret for {username}, their sessions ended\n{}", show_totp(username, &s))),
        _ => disable(&ctx, username).await.map(|()| format!("clerk {username} disabled, their sessions ended")),
    };
    match result {
        Ok(message) => println!("pz-clerk: {message}\n  (table {table})"),
        Err(e) => fail(&explain(&e), 1),
    }
}
