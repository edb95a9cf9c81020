//! `cargo run -p pz-local`: the whole product on http://127.0.0.1:3000.

use pz_local::{start, Backend, DemoClerk, LambdaOptions, Options};

#[tokio::main]
async fn main() {
    // PZ_LOG=json: the functions' JSON lines (as CloudWatch gets them); else for people.
    if std::env::var("PZ_LOG").is_ok_and(|v| v == "json") {
        shared::lambda::init_tracing_to(std::io::stderr, "info,aws=warn,hyper=warn");
    } else {
        let filter = tracing_subscriber::EnvFilter::try_from_default_env()
            .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,aws=warn,hyper=warn"));
        tracing_subscriber::fmt().with_env_filter(filter).init();
    }
    let opts = match options() {
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
    let backend = match (opts.backend, &opts.lambda) {
        (Backend::Memory, _) => "in-process store and outbox".to_owned(),
        (Backend::Aws, None) => "DynamoDB, SNS and SES from the AWS environment".to_owned(),
        (Backend::Aws, Some(l)) => format!(
            "Lambda mode: the bootstraps of {} under the Lambda Runtime Interface Emulator, logs in {}, against DynamoDB, SNS and SES from the AWS environment",
            l.bootstraps.display(),
            l.logs.display()
        ),
    };
    println!("Profil Zaufany (local mode, {backend}) listening on {}", gateway.url());
    println!("  apply:  {}/wniosek", gateway.url());
    match &gateway.demo_clerk {
        Some(DemoClerk::Created { password, totp }) => {
            match password {
                Some(p) => println!(
                    "  clerk:  {}/urzednik  (user urzednik, password {p} — generated now and shown once; set PZ_DEMO_CLERK_PASSWORD to choose it)",
                    gateway.url()
                ),
                None => println!("  clerk:  {}/urzednik  (user urzednik, password from PZ_DEMO_CLERK_PASSWORD)", gateway.url()),
            }
            match totp {
                Some(s) => println!(
                    "          TOTP secret {} — add it to an authenticator app, or scan {} (generated now and shown once; set PZ_DEMO_CLERK_TOTP_SECRET to choose it)",
                    s.to_base32(),
                    s.otpauth_uri("urzednik")
                ),
                None => println!("          TOTP secret from PZ_DEMO_CLERK_TOTP_SECRET"),
            }
        }
        Some(DemoClerk::Existing) => {
            println!(
                "  clerk:  {}/urzednik  (user urzednik, existing account, password and TOTP secret unchanged)",
                gateway.url()
            )
        }
        None => {}
    }
    if gateway.outbox.is_some() || (opts.backend == Backend::Aws && std::env::var("AWS_ENDPOINT_URL").is_ok()) {
        println!("  outbox: {}/dev/outbox", gateway.url());
    }
    stopped().await;
}

/// Ctrl-C, or the SIGTERM of `kill` (the test command's): either way `main` returns, so
/// that the gateway is dropped and Lambda mode's emulators and bootstraps stop with it.
async fn stopped() {
    use tokio::signal::unix::{signal, SignalKind};
    match signal(SignalKind::terminate()) {
        Ok(mut term) => {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
        }
        Err(_) => {
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}

/// The environment's options, and `--lambda` (Lambda mode, on the AWS backend).
fn options() -> Result<Options, String> {
    let mut opts = Options::from_env()?;
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--lambda" => {
                opts.lambda = Some(LambdaOptions::from_env()?);
                opts.backend = Backend::Aws;
            }
            "--help" | "-h" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            other => return Err(format!("unknown argument {other}\n{USAGE}")),
        }
    }
    Ok(opts)
}

const USAGE: &str = "usage: pz-local [--lambda]
  (no argument)  the handlers in this process; in-process store and outbox, or the AWS APIs
                 of AWS_ENDPOINT_URL / PZ_BACKEND=aws
  --lambda       each function's release bootstrap (PZ_LAMBDA_BOOTSTRAPS, default target/lambda)
                 under the Lambda Runtime Interface Emulator (PZ_LAMBDA_RIE), against the AWS
                 APIs of the environment (moto: AWS_ENDPOINT_URL); see scripts/lambda-mode.sh";
