//! `cargo run --release -p pz-bench --bin startup -- [runs] [dir] [--check size|all]`
//!
//! Every function binary and the floor binaries of `bench/floors` in `dir` (default
//! `target/release`; cargo-lambda's `target/lambda`, where each is `<name>/bootstrap`, works
//! too): its size, and how long it takes from `exec` to its first
//! `GET /2018-06-01/runtime/invocation/next` on a fake Lambda Runtime API listening on
//! loopback — i.e. cold start minus the download of the code, with all init work (config,
//! the secrets read from a fake Secrets Manager on loopback, SDK clients, runtime)
//! included. The runs go round the binaries (one start of each, `runs` times), so that a
//! busy moment of the machine falls on all of them alike. Prints a Markdown table: each
//! function beside the floor for the clients it links, with the ratios and their targets
//! (size ≤ 1.15 × floor, start-up median ≤ 1.2 × floor). `--check size` exits 1 when a
//! size misses its target, `--check all` also when a start-up does.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const SIZE_TARGET: f64 = 1.15;
const STARTUP_TARGET: f64 = 1.2;

/// The floors (`bench/floors`): one per set of clients a function links, each built in
/// `main` as a function builds them (Secrets Manager: the hash key read at cold start).
const FLOORS: &[(&str, &str)] = &[
    ("floor-hello", "none"),
    ("floor-dynamodb", "DynamoDB"),
    ("floor-dynamodb-secrets", "DynamoDB, Secrets Manager"),
    ("floor-dynamodb-secrets-sns", "DynamoDB, Secrets Manager, SNS"),
    ("floor-dynamodb-secrets-sns-ses", "DynamoDB, Secrets Manager, SNS, SES"),
    // Not floors: `floor-hello` with the functions' JSON log subscriber (bench/floor-logs),
    // and `floor-dynamodb` with aws-config's default chain, as before issue 17.
    ("floor-hello-logs", "none (+ the functions' log subscriber)"),
    ("floor-dynamodb-default-chain", "DynamoDB (config from aws-config's default chain)"),
    // Not a floor: `floor-dynamodb-secrets` calling each of the six DynamoDB operations the
    // store adapter calls; its size over that floor is what those operations weigh.
    (OPS_FLOOR, "DynamoDB (GetItem, BatchGetItem, Query, UpdateItem, PutItem, TransactWriteItems), Secrets Manager"),
];

const OPS_FLOOR: &str = "floor-dynamodb-secrets-ops";
const OPS_BASE: &str = "floor-dynamodb-secrets";

/// The floor of each function: the clients its `main` builds (`shared::lambda::cold_start`
/// builds Secrets Manager and DynamoDB; `cold_start_without_secrets` DynamoDB only; the
/// pages none).
const FLOOR_OF: &[(&str, &str)] = &[
    ("application-status", "floor-dynamodb-secrets"),
    ("clerk-application", "floor-dynamodb-secrets"),
    ("clerk-schedule", "floor-dynamodb-secrets"),
    ("clerk-session", "floor-dynamodb-secrets"),
    ("confirm-by-clerk", "floor-dynamodb-secrets"),
    ("devices", "floor-dynamodb-secrets-sns"),
    ("expire-applications", "floor-dynamodb-secrets"),
    ("identity-providers", "floor-dynamodb-secrets"),
    ("list-slots", "floor-dynamodb"),
    ("oidc-provider", "floor-dynamodb-secrets"),
    ("profile", "floor-dynamodb-secrets-sns"),
    ("rebook-application", "floor-dynamodb-secrets"),
    ("send-emails", "floor-dynamodb-secrets-sns-ses"),
    ("send-logout", "floor-dynamodb-secrets"),
    ("send-push", "floor-dynamodb-secrets-sns"),
    ("send-sms-code", "floor-dynamodb-secrets-sns"),
    ("sign-in", "floor-dynamodb-secrets-sns"),
    ("submit-application", "floor-dynamodb-secrets"),
    ("verify-code", "floor-dynamodb-secrets"),
    ("web-pages", "floor-hello"),
];

/// The secrets a fake Secrets Manager gives the functions at cold start.
const HASH_KEY_SECRET: &str = "pz/hash-key";
const OIDC_KEY_SECRET: &str = "pz/oidc-signing-key";

/// Every function crate under `functions/`, in name order.
fn functions() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../functions");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(Result::ok).filter_map(|e| e.file_name().into_string().ok()).collect())
        .unwrap_or_default();
    names.sort();
    names
}

/// `dir/<name>` (cargo's layout) or `dir/<name>/bootstrap` (cargo-lambda's).
fn binary(dir: &str, name: &str) -> String {
    let plain = format!("{dir}/{name}");
    if std::path::Path::new(&plain).is_file() {
        plain
    } else {
        format!("{plain}/bootstrap")
    }
}

/// A fake Secrets Manager (`GetSecretValue` only) on loopback, for the whole run: the
/// functions' `AWS_ENDPOINT_URL`.
fn fake_secrets_manager() -> std::net::SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    let addr = listener.local_addr().expect("its address");
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || {
                let _ = answer_secrets(stream);
            });
        }
    });
    addr
}

fn answer_secrets(stream: TcpStream) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    stream.set_nodelay(true)?;
    let mut out = stream;
    loop {
        let mut length = 0usize;
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 {
            return Ok(());
        }
        loop {
            line.clear();
            reader.read_line(&mut line)?;
            let header = line.trim_end();
            if header.is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(':') {
                if name.eq_ignore_ascii_case("content-length") {
                    length = value.trim().parse().unwrap_or(0);
                }
            }
        }
        let mut body = vec![0u8; length];
        reader.read_exact(&mut body)?;
        let id = serde_json::from_slice::<serde_json::Value>(&body)
            .ok()
            .and_then(|v| v.get("SecretId").and_then(|s| s.as_str()).map(str::to_owned))
            .unwrap_or_default();
        let (status, answer) = match id.as_str() {
            HASH_KEY_SECRET => ("200 OK", secret(&id, &"7a".repeat(32))),
            OIDC_KEY_SECRET => ("200 OK", secret(&id, include_str!("../../local/dev-keys/oidc-signing-key.pem"))),
            _ => (
                "400 Bad Request",
                serde_json::json!({"__type": "ResourceNotFoundException", "message": "no such secret"}).to_string(),
            ),
        };
        // One write per answer, sent at once: written in pieces, the second answer on a
        // kept-alive connection waits for the client's delayed ACK (Nagle), 40 ms that
        // only a function reading two secrets (oidc-provider) would pay.
        let whole = format!(
            "HTTP/1.1 {status}\r\ncontent-type: application/x-amz-json-1.1\r\ncontent-length: {}\r\n\r\n{answer}",
            answer.len()
        );
        out.write_all(whole.as_bytes())?;
        out.flush()?;
    }
}

fn secret(id: &str, value: &str) -> String {
    serde_json::json!({
        "ARN": format!("arn:aws:secretsmanager:eu-central-1:000000000000:secret:{id}"),
        "Name": id,
        "SecretString": value,
        "VersionId": "bench",
    })
    .to_string()
}

fn spawn(binary: &str, runtime_api: std::net::SocketAddr, secrets: std::net::SocketAddr) -> std::io::Result<Child> {
    Command::new(binary)
        .env_clear()
        .env("AWS_LAMBDA_RUNTIME_API", runtime_api.to_string())
        .env("AWS_LAMBDA_FUNCTION_NAME", "bench")
        .env("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
        .env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128")
        .env("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/bench")
        .env("AWS_LAMBDA_LOG_STREAM_NAME", "bench")
        .env("AWS_REGION", "eu-central-1")
        .env("AWS_ACCESS_KEY_ID", "bench")
        .env("AWS_SECRET_ACCESS_KEY", "bench")
        .env("AWS_SESSION_TOKEN", "bench")
        .env("AWS_ENDPOINT_URL", format!("http://{secrets}"))
        .env("PZ_TABLE", "bench")
        .env("PZ_HASH_KEY_SECRET", HASH_KEY_SECRET)
        .env("PZ_OIDC_SIGNING_KEY_SECRET", OIDC_KEY_SECRET)
        .env("PZ_EMAIL_FROM", "bench@example.pl")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
}

/// exec → the first request line on the fake Runtime API, which must be `/next`.
fn start_once(binary: &str, secrets: std::net::SocketAddr) -> Result<Duration, String> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let (tx, rx) = mpsc::channel();
    let started = Instant::now();
    std::thread::spawn(move || {
        let first = listener.accept().and_then(|(stream, _)| {
            let mut line = String::new();
            BufReader::new(&stream).read_line(&mut line)?;
            Ok((started.elapsed(), line))
        });
        let _ = tx.send(first);
    });
    let mut child = spawn(binary, addr, secrets).map_err(|e| format!("{binary}: {e}"))?;
    let deadline = Instant::now() + Duration::from_secs(10);
    let first = loop {
        match rx.recv_timeout(Duration::from_millis(20)) {
            Ok(first) => break first.map_err(|e| e.to_string()),
            Err(_) if Instant::now() > deadline => break Err("no request in 10 s".into()),
            Err(_) => match child.try_wait() {
                Ok(Some(status)) => {
                    let mut stderr = String::new();
                    if let Some(mut e) = child.stderr.take() {
                        let _ = e.read_to_string(&mut stderr);
                    }
                    break Err(format!("exited ({status}) before its first request: {}", stderr.trim()));
                }
                _ => continue,
            },
        }
    };
    let _ = child.kill();
    let _ = child.wait();
    if first.is_err() {
        // Let the accepting thread go.
        let _ = TcpStream::connect(addr);
    }
    match first {
        Ok((elapsed, line)) if line.contains("/runtime/invocation/next") => Ok(elapsed),
        Ok((_, line)) => Err(format!("{binary}: unexpected first request {line:?}")),
        Err(e) => Err(format!("{binary}: {e}")),
    }
}

/// Which SDK crates the binary links, by the crate paths its panic locations keep.
fn sdk_crates_in(path: &str) -> String {
    let Ok(bytes) = std::fs::read(path) else { return String::new() };
    let has = |needle: &str| bytes.windows(needle.len()).any(|w| w == needle.as_bytes());
    let found: Vec<&str> = [
        ("/aws-sdk-dynamodb-", "dynamodb"),
        ("/aws-sdk-secretsmanager-", "secretsmanager"),
        ("/aws-sdk-sns-", "sns"),
        ("/aws-sdk-ses-", "ses"),
        ("/aws-sdk-sts-", "sts"),
        ("/aws-config-", "aws-config"),
    ]
    .iter()
    .filter(|(needle, _)| has(needle))
    .map(|(_, name)| *name)
    .collect();
    if found.is_empty() {
        "—".into()
    } else {
        found.join(", ")
    }
}

struct Measured {
    size: u64,
    times: Vec<Duration>,
    error: Option<String>,
    linked: String,
}

impl Measured {
    fn median(&self) -> Option<Duration> {
        let mut t = self.times.clone();
        t.sort();
        t.get(t.len() / 2).copied()
    }
}

fn main() {
    let mut runs = 15usize;
    let mut dir = "target/release".to_owned();
    let mut check = None;
    let mut positional = 0;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--check" {
            check = args.next();
        } else if positional == 0 {
            runs = a.parse().unwrap_or(runs);
            positional += 1;
        } else {
            dir = a;
        }
    }
    let functions = functions();
    let floor_of: BTreeMap<&str, &str> = FLOOR_OF.iter().copied().collect();
    for f in &functions {
        if !floor_of.contains_key(f.as_str()) {
            eprintln!("{f}: no floor named for it in FLOOR_OF (bench/src/startup.rs)");
            std::process::exit(2);
        }
    }
    let names: Vec<String> = FLOORS.iter().map(|(n, _)| (*n).to_owned()).chain(functions.iter().cloned()).collect();
    let secrets = fake_secrets_manager();
    let mut measured: BTreeMap<String, Measured> = names
        .iter()
        .map(|n| {
            let path = binary(&dir, n);
            let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
            let error = (size == 0).then(|| format!("{path}: not found"));
            (n.clone(), Measured { size, times: Vec::new(), error, linked: sdk_crates_in(&path) })
        })
        .collect();
    for _ in 0..runs {
        for n in &names {
            let m = measured.get_mut(n).expect("measured");
            if m.error.is_some() {
                continue;
            }
            match start_once(&binary(&dir, n), secrets) {
                Ok(t) => m.times.push(t),
                Err(e) => m.error = Some(e),
            }
        }
    }

    let mb = |b: u64| format!("{:.2} MB", b as f64 / 1e6);
    let ms = |d: Duration| format!("{:.1} ms", d.as_secs_f64() * 1e3);
    // What the store's five operations beyond GetItem weigh, taken off a function's size
    // in the last column: the size over the floor that is the function's own.
    let operations = measured[OPS_FLOOR].size.saturating_sub(measured[OPS_BASE].size);
    println!("| binary | clients linked | SDK crates found in it | stripped size | ÷ floor (≤ {SIZE_TARGET}) | start-up median (min–max) | ÷ floor (≤ {STARTUP_TARGET}), median (min) | size − the operations ({}) ÷ floor |", mb(operations));
    println!("|---|---|---|---|---|---|---|---|");
    let mut misses = Vec::new();
    let mut failed = false;
    for n in &names {
        let m = &measured[n];
        let floor = floor_of.get(n.as_str()).map(|f| &measured[*f]);
        let floor_name = floor_of.get(n.as_str()).copied().unwrap_or(n.as_str());
        let clients = FLOORS.iter().find(|(f, _)| *f == floor_name).map(|(_, c)| *c).unwrap_or("?");
        let startup = match (m.median(), m.times.iter().min(), m.times.iter().max()) {
            (Some(med), Some(min), Some(max)) => {
                format!("{} ({}–{}, {} runs)", ms(med), ms(*min), ms(*max), m.times.len())
            }
            _ => "failed".into(),
        };
        if let Some(e) = &m.error {
            eprintln!("{e}");
            failed = true;
        }
        let size_ratio = floor.filter(|fl| fl.size > 0 && m.size > 0).map(|fl| m.size as f64 / fl.size as f64);
        let ratio = |a: Option<Duration>, b: Option<Duration>| match (a, b) {
            (Some(a), Some(b)) if !b.is_zero() => Some(a.as_secs_f64() / b.as_secs_f64()),
            _ => None,
        };
        let startup_ratio = floor.and_then(|fl| ratio(m.median(), fl.median()));
        let min_ratio = floor.and_then(|fl| ratio(m.times.iter().min().copied(), fl.times.iter().min().copied()));
        let mark = |r: f64, target: f64| if r <= target { format!("{r:.2}") } else { format!("**{r:.2}** ✗") };
        let blank = if floor.is_some() { "no floor measured" } else { "floor" };
        let size_cell = size_ratio.map(|r| mark(r, SIZE_TARGET)).unwrap_or_else(|| blank.into());
        let startup_cell = startup_ratio
            .map(|r| format!("{} (min {:.2})", mark(r, STARTUP_TARGET), min_ratio.unwrap_or(f64::NAN)))
            .unwrap_or_else(|| blank.into());
        if size_ratio.is_some_and(|r| r > SIZE_TARGET) {
            misses.push((n.clone(), "size"));
        }
        if startup_ratio.is_some_and(|r| r > STARTUP_TARGET) {
            misses.push((n.clone(), "start-up"));
        }
        let has_store = floor_name.starts_with("floor-dynamodb");
        let own_cell = match floor.filter(|fl| fl.size > 0 && m.size > 0 && has_store) {
            Some(fl) => format!("{:.2}", m.size.saturating_sub(operations) as f64 / fl.size as f64),
            None => "—".into(),
        };
        println!(
            "| {n} | {clients} | {} | {} | {size_cell} | {startup} | {startup_cell} | {own_cell} |",
            m.linked,
            if m.size > 0 { mb(m.size) } else { "missing".into() }
        );
    }
    println!();
    println!("Median of {runs} starts each, round-robin over the binaries in `{dir}`.");
    for (n, what) in &misses {
        println!("- {n}: {what} misses its target");
    }
    let fail = failed
        || match check.as_deref() {
            Some("size") => misses.iter().any(|(_, w)| *w == "size"),
            Some("all") => !misses.is_empty(),
            _ => false,
        };
    if fail {
        std::process::exit(1);
    }
}
