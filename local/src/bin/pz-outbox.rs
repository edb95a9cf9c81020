//! The operator's command for dead letters: messages (SMS, email, push) the providers kept
//! refusing until the sender gave up (`MAX_ATTEMPTS`), from the deployed table (or an
//! emulator, with `AWS_ENDPOINT_URL`):
//!
//!     PZ_TABLE=<table> pz-outbox dead            # one line each: id, channel, attempts, to (masked), last error
//!     PZ_TABLE=<table> pz-outbox requeue <id>    # after the cause is fixed: delivered again, once
//!
//! Bodies are never printed: the application-sent email holds the secret number.

use shared::adapters::clock::SystemClock;
use shared::adapters::dynamodb::DynamoStore;
use shared::domain::{Channel, OutboxMessage};
use shared::ports::{Clock, OutboxQueue};

const USAGE: &str = "usage: pz-outbox dead | pz-outbox requeue <message id>  (table from PZ_TABLE)";

fn fail(message: &str, code: i32) -> ! {
    eprintln!("pz-outbox: {message}");
    std::process::exit(code)
}

/// The recipient with most of it hidden: `ob…@example.pl`, `+48…789`, `…/GCM/pz/…`.
fn masked(m: &OutboxMessage) -> String {
    match m.channel {
        Channel::Email => match m.to.split_once('@') {
            Some((local, domain)) => format!("{}…@{domain}", local.chars().take(2).collect::<String>()),
            None => "…".into(),
        },
        Channel::Sms => format!(
            "{}…{}",
            m.to.chars().take(3).collect::<String>(),
            m.to.chars().rev().take(3).collect::<Vec<_>>().into_iter().rev().collect::<String>()
        ),
        Channel::Push => "(device endpoint)".into(),
        // A relying service's client id: no person in it.
        Channel::Logout => format!("service {}", m.to),
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let table = std::env::var("PZ_TABLE").unwrap_or_else(|_| "profil-zaufany".into());
    let sdk = shared::adapters::aws::sdk_config().await;
    let store = DynamoStore::new(&sdk, table.clone());
    match args.as_slice() {
        [c] if c == "dead" => {
            let dead =
                store.dead_messages(1000).await.unwrap_or_else(|e| fail(&format!("cannot read {table}: {e}"), 1));
            for m in &dead {
                let error = m.last_error.as_deref().unwrap_or("").replace(['\n', '\t'], " ");
                println!("{}\t{:?}\t{} attempts\t{}\t{}", m.id, m.channel, m.attempts, masked(m), error);
            }
            eprintln!("pz-outbox: {} dead letter(s) in table {table}", dead.len());
        }
        [c, id] if c == "requeue" => match store.requeue_message(id, SystemClock.now()).await {
            Ok(true) => println!("pz-outbox: {id} queued again; the sender delivers it within minutes"),
            Ok(false) => fail(&format!("{id} is not a dead letter in table {table}"), 1),
            Err(e) => fail(&format!("cannot write {table}: {e}"), 1),
        },
        _ => fail(USAGE, 2),
    }
}
