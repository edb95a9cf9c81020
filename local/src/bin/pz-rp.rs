//! The operator's command for the relying services registered with the OpenID Connect
//! provider, writing to the same DynamoDB table as the deployed functions (or an emulator,
//! with `AWS_ENDPOINT_URL`). A change takes effect at the next request, with no redeploy:
//!
//!     PZ_TABLE=<table> pz-rp add <client.json>     # registers it, or replaces the one with its id
//!     PZ_TABLE=<table> pz-rp list
//!     PZ_TABLE=<table> pz-rp show <client_id>
//!     PZ_TABLE=<table> pz-rp remove <client_id>
//!
//! `<client.json>` (or `-` for standard input) holds the fields of a registration:
//! `client_id`, `name`, `redirect_uris`, and as needed `post_logout_redirect_uris`,
//! `backchannel_logout_uri`, `scopes` (of profile, email, phone, pesel; default profile),
//! `token_endpoint_auth_method` (none, client_secret_basic, client_secret_post,
//! private_key_jwt), `secret_sha256`, `jwks` or `jwks_uri`. The template's `OidcClients`
//! list is only the seed: a registration here wins over a seed with the same id.

use std::io::Read;

use shared::adapters::dynamodb::DynamoStore;
use shared::domain::relying::Client;
use shared::ports::{Found, ItemKey, Registry, Store};

const USAGE: &str =
    "usage: pz-rp add <client.json | -> | list | show <client_id> | remove <client_id>  (table from PZ_TABLE)";

fn fail(message: &str, code: i32) -> ! {
    eprintln!("pz-rp: {message}");
    std::process::exit(code)
}

fn unavailable(table: &str, e: shared::ports::StoreError) -> ! {
    fail(&format!("table {table}: {e}"), 1)
}

/// The registration in a file (or standard input), checked as the provider checks it.
fn read_client(path: &str) -> Client {
    let mut text = String::new();
    let read = if path == "-" {
        std::io::stdin().read_to_string(&mut text).map(|_| ())
    } else {
        std::fs::read_to_string(path).map(|t| text = t)
    };
    read.unwrap_or_else(|e| fail(&format!("{path}: {e}"), 2));
    let client: Client = serde_json::from_str(&text).unwrap_or_else(|e| fail(&format!("{path}: {e}"), 2));
    client.checked().unwrap_or_else(|e| fail(&e, 2))
}

fn summary(c: &Client) -> String {
    format!("{}\t{}\t{}\t{}", c.client_id, c.name, c.auth_method().as_str(), c.scopes.join(" "))
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    if !matches!(args.as_slice(), ["add", _] | ["list"] | ["show", _] | ["remove", _]) {
        fail(USAGE, 2);
    }
    if std::env::var("PZ_BACKEND").is_ok_and(|b| b == "memory") {
        fail("the in-process store lives inside a running pz-local, which has the IKP demo; run this command against DynamoDB", 2);
    }
    // Read and checked before any connection: a bad file never half-registers anything.
    let to_add = match args.as_slice() {
        ["add", path] => Some(read_client(path)),
        _ => None,
    };
    let table = std::env::var("PZ_TABLE").unwrap_or_else(|_| "profil-zaufany".into());
    let sdk = shared::adapters::aws::sdk_config().await;
    let store = DynamoStore::new(&sdk, table.clone());
    if std::env::var("AWS_ENDPOINT_URL").is_ok() {
        store.ensure_table().await.unwrap_or_else(|e| fail(&format!("cannot create table {table}: {e}"), 1));
    }
    match (args.as_slice(), to_add) {
        (_, Some(client)) => {
            store.put_client(&client).await.unwrap_or_else(|e| unavailable(&table, e));
            println!("pz-rp: {} saved: {}\n  (table {table})", client.client_id, summary(&client));
        }
        (["show", id], _) => {
            let found = store.get_many(&[ItemKey::Client((*id).to_owned())]).await;
            let found = found.unwrap_or_else(|e| unavailable(&table, e)).into_iter().next().flatten();
            match found.and_then(Found::client) {
                Some(c) => println!("{}", serde_json::to_string_pretty(&c).unwrap_or_default()),
                None => fail("no service with this client id in the registry", 1),
            }
        }
        (["remove", id], _) => match store.remove_client(id).await {
            Ok(true) => println!(
                "pz-rp: {id} removed; its tokens stop working at once, unless the template's seed list (OidcClients) registers it too: remove it there as well\n  (table {table})"
            ),
            Ok(false) => fail("no service with this client id in the registry", 1),
            Err(e) => unavailable(&table, e),
        },
        _ => {
            let mut clients = store.list_clients().await.unwrap_or_else(|e| unavailable(&table, e));
            clients.sort_by(|a, b| a.client_id.cmp(&b.client_id));
            for c in &clients {
                println!("{}", summary(c));
            }
            eprintln!("pz-rp: {} service(s) in table {table} (beside the seed list of the template)", clients.len());
        }
    }
}
