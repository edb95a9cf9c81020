//! `cargo run -p pz-local`: the whole product on http://127.0.0.1:3000.

use pz_local::{start, Backend, Options};

#[tokio::main]
async fn main() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,aws=warn,hyper=warn"));
    tracing_subscriber::fmt().with_env_filter(filter).init();
    let opts = match Options::from_env() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("pz-local: {e}");
            std::process::exit(2);
        }
    };
    let gateway = match start(opts.clone()).await {
        Ok(g) => g,
        Err(e) => {
            eprintln!("pz-local: {e}");
            std::process::exit(1);
        }
    };
    let backend = match opts.backend {
        Backend::Memory => "in-process store and outbox",
        Backend::Aws => "DynamoDB, SNS and SES from the AWS environment",
    };
    println!("Profil Zaufany (local mode, {backend}) listening on {}", gateway.url());
    println!("  apply:  {}/wniosek", gateway.url());
    if gateway.outbox.is_some() {
        println!("  outbox: {}/dev/outbox", gateway.url());
    }
    let _ = tokio::signal::ctrl_c().await;
}
