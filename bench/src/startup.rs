//! `cargo run --release -p pz-bench --bin startup -- [runs] [dir]`
//!
//! For every function binary in `dir` (default `target/release`): its size, and how long it
//! takes from `exec` to its first `GET /2018-06-01/runtime/invocation/next` on a fake
//! Lambda Runtime API listening on loopback — i.e. cold start minus the download of the
//! code, with all init work (config, SDK clients, runtime) included. Prints a Markdown table.

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Every function crate under `functions/`, in name order.
fn functions() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../functions");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(Result::ok).filter_map(|e| e.file_name().into_string().ok()).collect())
        .unwrap_or_default();
    names.sort();
    names
}

fn start_once(binary: &str) -> Result<Duration, String> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let started = Instant::now();
    let mut child = Command::new(binary)
        .env_clear()
        .env("AWS_LAMBDA_RUNTIME_API", addr.to_string())
        .env("AWS_LAMBDA_FUNCTION_NAME", "bench")
        .env("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
        .env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128")
        .env("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/bench")
        .env("AWS_LAMBDA_LOG_STREAM_NAME", "bench")
        .env("AWS_REGION", "eu-central-1")
        .env("AWS_ACCESS_KEY_ID", "bench")
        .env("AWS_SECRET_ACCESS_KEY", "bench")
        .env("PZ_TABLE", "bench")
        .env("PZ_HASH_KEY", "7a".repeat(32))
        .env("PZ_EMAIL_FROM", "bench@example.pl")
        .env("PZ_OIDC_SIGNING_KEY", include_str!("../../local/dev-keys/oidc-signing-key.pem"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("{binary}: {e}"))?;
    listener.set_nonblocking(false).map_err(|e| e.to_string())?;
    let (stream, _) = listener.accept().map_err(|e| e.to_string())?;
    let mut line = String::new();
    BufReader::new(&stream).read_line(&mut line).map_err(|e| e.to_string())?;
    let elapsed = started.elapsed();
    let _ = child.kill();
    let _ = child.wait();
    if line.contains("/runtime/invocation/next") {
        Ok(elapsed)
    } else {
        Err(format!("{binary}: unexpected first request {line:?}"))
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let runs: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(15);
    let dir = args.next().unwrap_or_else(|| "target/release".into());
    println!("| function | stripped size | start-up median | min | max | runs |");
    println!("|---|---|---|---|---|---|");
    for f in functions() {
        let path = format!("{dir}/{f}");
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        let mut times = Vec::new();
        for _ in 0..runs {
            match start_once(&path) {
                Ok(t) => times.push(t),
                Err(e) => {
                    eprintln!("{e}");
                    break;
                }
            }
        }
        if times.is_empty() {
            println!("| {f} | {:.2} MB | failed | | | 0 |", size as f64 / 1e6);
            continue;
        }
        times.sort();
        let ms = |d: Duration| format!("{:.1} ms", d.as_secs_f64() * 1e3);
        println!(
            "| {f} | {:.2} MB | {} | {} | {} | {} |",
            size as f64 / 1e6,
            ms(times[times.len() / 2]),
            ms(times[0]),
            ms(times[times.len() - 1]),
            times.len()
        );
    }
}
