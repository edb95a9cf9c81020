//! The operator's command for clerk accounts, writing to the same DynamoDB table as the
//! deployed functions (or an emulator, with `AWS_ENDPOINT_URL`):
//!
//!     PZ_TABLE=<table> pz-clerk add <username>             # password from stdin
//!     PZ_TABLE=<table> pz-clerk reset-password <username>  # also lifts a lockout
//!
//! The password is read from the first line of standard input (`read -s P; echo "$P" | …`),
//! never from the command line, where other users of the machine could see it.

use std::io::BufRead;

use shared::adapters::clock::SystemClock;
use shared::adapters::dynamodb::DynamoStore;
use shared::adapters::random::OsRandom;
use shared::config::parse_hash_key;
use shared::crypto::hex;
use shared::ports::Random;
use shared::service::application::Ctx;
use shared::service::clerk::{create_clerk, reset_password};
use shared::service::FlowError;

const USAGE: &str = "usage: pz-clerk add <username> | pz-clerk reset-password <username>  (password on stdin; table from PZ_TABLE)";

fn fail(message: &str, code: i32) -> ! {
    eprintln!("pz-clerk: {message}");
    std::process::exit(code)
}

fn explain(e: &FlowError) -> String {
    match e {
        FlowError::Invalid(fields) => fields.iter().map(|f| format!("{}: {}", f.field, f.message)).collect::<Vec<_>>().join("; "),
        FlowError::Taken(_) => "a clerk with this username exists (use reset-password)".into(),
        FlowError::NotFound => "no clerk with this username".into(),
        other => other.to_string(),
    }
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (command, username) = match args.as_slice() {
        [c, u] if c == "add" || c == "reset-password" => (c.as_str(), u.as_str()),
        _ => fail(USAGE, 2),
    };
    if std::env::var("PZ_BACKEND").is_ok_and(|b| b == "memory") {
        fail("the in-process store lives inside a running pz-local; use its demo clerk `urzednik`, or run pz-local and this command against DynamoDB", 2);
    }
    let mut password = String::new();
    if std::io::stdin().lock().read_line(&mut password).is_err() || password.trim_end_matches(['\r', '\n']).is_empty() {
        fail("give the password on the first line of standard input", 2);
    }
    let password = password.trim_end_matches(['\r', '\n']).to_owned();

    let rng = OsRandom;
    let key = match std::env::var("PZ_HASH_KEY") {
        Ok(k) => parse_hash_key(&k).unwrap_or_else(|e| fail(&e.to_string(), 2)),
        // Clerk accounts use no keyed hash; any key will do.
        Err(_) => {
            let mut k = [0u8; 32];
            rng.fill(&mut k);
            parse_hash_key(&hex(&k)).unwrap_or_else(|e| fail(&e.to_string(), 2))
        }
    };
    let table = std::env::var("PZ_TABLE").unwrap_or_else(|_| "profil-zaufany".into());
    let sdk = shared::adapters::aws::sdk_config().await;
    let store = DynamoStore::new(&sdk, table.clone());
    if std::env::var("AWS_ENDPOINT_URL").is_ok() {
        store.ensure_table().await.unwrap_or_else(|e| fail(&format!("cannot create table {table}: {e}"), 1));
    }
    let ctx = Ctx { store: &store, clock: &SystemClock, keys: &key };
    let result = match command {
        "add" => create_clerk(&ctx, &rng, username, &password).await.map(|c| format!("clerk {} created (id {})", c.username.as_str(), c.id)),
        _ => reset_password(&ctx, username, &password).await.map(|()| format!("password of {username} changed, lock lifted")),
    };
    match result {
        Ok(message) => println!("pz-clerk: {message} in table {table}"),
        Err(e) => fail(&explain(&e), 1),
    }
}
