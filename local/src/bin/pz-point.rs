//! The operator's command for the confirmation points (where citizens confirm their
//! identity in person), writing to the same DynamoDB table as the deployed functions (or an
//! emulator, with `AWS_ENDPOINT_URL`). A change shows on the application form at once:
//!
//!     PZ_TABLE=<table> pz-point add <id> <name> <address> <hours>   # or replaces it
//!     PZ_TABLE=<table> pz-point list
//!     PZ_TABLE=<table> pz-point remove <id>
//!
//! Applications that chose a point keep their copy of it; a removed point is only no longer
//! offered.

use shared::adapters::dynamodb::DynamoStore;
use shared::domain::{ConfirmationPoint, PointId};
use shared::ports::Schedule;

const USAGE: &str = "usage: pz-point add <id> <name> <address> <hours> | list | remove <id>  (table from PZ_TABLE)";

fn fail(message: &str, code: i32) -> ! {
    eprintln!("pz-point: {message}");
    std::process::exit(code)
}

fn unavailable(table: &str, e: shared::ports::StoreError) -> ! {
    fail(&format!("table {table}: {e}"), 1)
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    if !matches!(args.as_slice(), ["add", _, _, _, _] | ["list"] | ["remove", _]) {
        fail(USAGE, 2);
    }
    if std::env::var("PZ_BACKEND").is_ok_and(|b| b == "memory") {
        fail("the in-process store lives inside a running pz-local, which has its demo points; run this command against DynamoDB", 2);
    }
    let table = std::env::var("PZ_TABLE").unwrap_or_else(|_| "profil-zaufany".into());
    let sdk = shared::adapters::aws::sdk_config().await;
    let store = DynamoStore::new(&sdk, table.clone());
    if std::env::var("AWS_ENDPOINT_URL").is_ok() {
        store.ensure_table().await.unwrap_or_else(|e| fail(&format!("cannot create table {table}: {e}"), 1));
    }
    match args.as_slice() {
        ["add", id, name, address, hours] => {
            let point = ConfirmationPoint::new(id, name, address, hours).unwrap_or_else(|e| fail(&e, 2));
            store.put_point(&point).await.unwrap_or_else(|e| unavailable(&table, e));
            println!(
                "pz-point: {} saved: {}, {} ({})\n  (table {table})",
                point.id, point.name, point.address, point.hours
            );
        }
        ["remove", id] => {
            let id = PointId::parse(id).unwrap_or_else(|_| fail("no point with this id", 1));
            match store.remove_point(&id).await {
                Ok(true) => println!("pz-point: {id} removed\n  (table {table})"),
                Ok(false) => fail("no point with this id", 1),
                Err(e) => unavailable(&table, e),
            }
        }
        _ => {
            let mut points = store.list_points().await.unwrap_or_else(|e| unavailable(&table, e));
            points.sort_by(|a, b| a.id.cmp(&b.id));
            for p in &points {
                println!("{}\t{}\t{}\t{}", p.id, p.name, p.address, p.hours);
            }
            eprintln!("pz-point: {} point(s) in table {table}", points.len());
        }
    }
}
