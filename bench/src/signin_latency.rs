//! `cargo run --release -p pz-bench --bin signin-latency -- [runs]`: the password step of
//! signing in (`service::signin::login`, in-process store, argon2 on the blocking pool)
//! for a right password (challenge + SMS), a wrong password, and an unknown login — the
//! last two must take the same time (no account enumeration) — and, after five failures,
//! a locked login, known and unknown alike.

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::Utc;
use shared::adapters::dev_outbox::DevOutbox;
use shared::adapters::memory::MemoryStore;
use shared::adapters::random::OsRandom;
use shared::config::{parse_hash_key, Config};
use shared::domain::{Account, Password, Token};
use shared::ports::{Clock, UniqueKind, Write};
use shared::service::application::unique_key;
use shared::service::signin::{login, LoginAttempt};
use shared::Deps;
use shared::Wired;

/// What the sign-in step needs: the stored ports and SMS.
type SmsDeps = Deps<Arc<dyn shared::ports::SmsSender>>;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

async fn account(deps: &SmsDeps, n: usize, hash: &shared::domain::PasswordHash) -> String {
    let id = format!("{:0>26}", n);
    let username = format!("Bench_{n}");
    let json = serde_json::json!({
        "id": id, "username": username, "password_hash": hash, "first_name": "Jan", "last_name": "Kowalski",
        "second_name": null, "pesel": "44051401359", "email": format!("bench{n}@example.pl"), "phone": "+48500100200",
        "status": "active", "auth_method": "sms", "created_at": Utc::now(), "valid_until": Utc::now() + chrono::Duration::days(1000),
    });
    let account: Account = serde_json::from_value(json).expect("account");
    let key = unique_key(&deps.config.hash_key, UniqueKind::Username, &username);
    let claim = Write::Reserve { key, owner: account.id.clone(), expires_at: None, now: Utc::now() };
    deps.store().commit(vec![Write::CreateAccount(account), claim]).await.expect("stored");
    username
}

fn attempt<'a>(login: &'a str, password: &'a str, source: Option<std::net::IpAddr>) -> LoginAttempt<'a> {
    LoginAttempt { login, password, source, lang: None }
}

async fn login_once(
    deps: &SmsDeps,
    attempt: LoginAttempt<'_>,
    browser: &Token,
) -> Result<(), shared::service::FlowError> {
    login(&deps.ctx(), &OsRandom, &*deps.sms, attempt, browser).await.map(drop)
}

#[tokio::main]
async fn main() {
    let runs: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(11);
    let config = Config::with_key(parse_hash_key(&"7a".repeat(32)).expect("key"));
    let clock: Arc<dyn Clock> = Arc::new(shared::adapters::clock::SystemClock);
    let outbox = Arc::new(DevOutbox::new(clock));
    let store: Arc<dyn shared::ports::Storage> = Arc::new(MemoryStore::new());
    let deps = Deps::new(config, store).with_sms(outbox);
    let hash = Password::parse("Zielony7Las!", None).expect("password").hash();
    let (mut right, mut wrong, mut unknown) = (Vec::new(), Vec::new(), Vec::new());
    let (mut locked, mut locked_unknown) = (Vec::new(), Vec::new());
    for n in 0..runs {
        let user = account(&deps, n, &hash).await;
        let nobody = format!("Nikt_{n}");
        let browser = Token::generate(&OsRandom);
        // Each run from its own address: the per-source limit is not what is measured.
        let source = Some(std::net::IpAddr::from([198, 51, 100, u8::try_from(n % 250).unwrap_or(0)]));
        let timed = async |login: &str, password: &'static str, into: &mut Vec<Duration>| {
            let t = Instant::now();
            let result = login_once(&deps, attempt(login, password, source), &browser).await;
            into.push(t.elapsed());
            result
        };
        timed(&user, "Zly-Haslo-1", &mut wrong).await.expect_err("wrong");
        timed(&nobody, "Zly-Haslo-1", &mut unknown).await.expect_err("unknown");
        timed(&user, "Zielony7Las!", &mut right).await.expect("signs in");
    }
    // Then, with the same accounts (the first loop measured exactly what it measured
    // before attempt counting), five failures each and a locked sign-in.
    for n in 0..runs {
        let user = format!("Bench_{n}");
        let nobody = format!("Nikt_{n}");
        let browser = Token::generate(&OsRandom);
        let source = Some(std::net::IpAddr::from([198, 51, 100, u8::try_from(n % 250).unwrap_or(0)]));
        for _ in 0..5 {
            let _ = login_once(&deps, attempt(&user, "Zly-Haslo-1", source), &browser).await;
            let _ = login_once(&deps, attempt(&nobody, "Zly-Haslo-1", source), &browser).await;
        }
        let t = Instant::now();
        login_once(&deps, attempt(&user, "Zielony7Las!", source), &browser).await.expect_err("locked");
        locked.push(t.elapsed());
        let t = Instant::now();
        login_once(&deps, attempt(&nobody, "Zielony7Las!", source), &browser).await.expect_err("locked too");
        locked_unknown.push(t.elapsed());
    }
    println!(
        "sign-in password step ({runs} runs, in-process store): right password {:.1} ms, wrong password {:.1} ms, unknown login {:.1} ms; after 5 failures: locked login {:.2} ms, locked unknown login {:.2} ms (medians)",
        ms(median(right)),
        ms(median(wrong)),
        ms(median(unknown)),
        ms(median(locked)),
        ms(median(locked_unknown)),
    );
}
