//! DynamoDB requests and (estimated) capacity units per step of the citizen's and the
//! clerk's flows, counted on the wire: an SDK interceptor sees every request the real
//! adapter sends to the emulator. BENCHMARKS.md quotes the table this prints
//! (`cargo test -p e2e --features emulator --test dynamo_calls -- --nocapture`). The
//! budgets are today's counts, so a change that adds a request fails here. Every step
//! gives its client's address, as API Gateway does, so the per-source counts are in. The
//! target is 2 per step; three steps stay above it, for reasons BENCHMARKS.md gives:
//! submitting (the source's count must come before argon2, and no DynamoDB request both
//! writes one item and reads others), the citizen's password (a login names a claim,
//! which names the account: a read before the account's count), the clerk's sign-in
//! (the TOTP count comes after the password check, before the TOTP check), and "Nie
//! pamiętasz hasła?" when the data match a profile (the source's count, the two claims, the
//! account, one transaction; its answer waits for a fixed time whatever it did).

use std::sync::{Arc, Mutex};

use aws_sdk_dynamodb::config::interceptors::BeforeTransmitInterceptorContextRef;
use aws_sdk_dynamodb::config::{ConfigBag, Intercept, RuntimeComponents};
use e2e::faults::FlakyProvider;
use e2e::{application, sample_slot, unique};
use serde_json::Value;
use shared::adapters::clock::SystemClock;
use shared::adapters::dynamodb::DynamoStore;
use shared::adapters::random::OsRandom;
use shared::crypto::HashKey;
use shared::domain::{ApplicationForm, IdempotencyKey, SmsCode, Token};
use shared::ports::{Clock, Schedule, Store};
use shared::service::application::{send_code, status, submit, verify, Submission};
use shared::service::review::{confirm, Checks};
use shared::service::signin::{authenticate, confirm_code, login, Binding, LoginAttempt, Outcome};
use shared::service::Ctx;
use shared::service::{account_changes, clerk, contact, delivery, disavow, recovery};

/// One request: its operation and the capacity it costs (items ≤ 4 KB read, writes
/// rounded up per KiB of the item's JSON, transactions at twice the price).
#[derive(Debug, Clone)]
struct Sent {
    operation: String,
    read_units: f64,
    write_units: f64,
}

#[derive(Debug, Default)]
struct Counter(Mutex<Vec<Sent>>);

impl Intercept for Counter {
    fn name(&self) -> &'static str {
        "CountDynamoRequests"
    }

    fn read_before_transmit(
        &self,
        ctx: &BeforeTransmitInterceptorContextRef<'_>,
        _: &RuntimeComponents,
        _: &mut ConfigBag,
    ) -> Result<(), aws_sdk_dynamodb::error::BoxError> {
        let req = ctx.request();
        let operation =
            req.headers().get("x-amz-target").unwrap_or_default().rsplit('.').next().unwrap_or_default().to_owned();
        let body: Value = req.body().bytes().and_then(|b| serde_json::from_slice(b).ok()).unwrap_or_default();
        let kib = |v: &Value| (v.to_string().len() as f64 / 1024.0).ceil().max(1.0);
        let consistent = body["ConsistentRead"] == true;
        let (read_units, write_units) = match operation.as_str() {
            "GetItem" | "Query" => (if consistent { 1.0 } else { 0.5 }, 0.0),
            "PutItem" => (0.0, kib(&body["Item"])),
            "UpdateItem" | "DeleteItem" => (0.0, 1.0),
            "TransactWriteItems" => {
                let items = body["TransactItems"].as_array().cloned().unwrap_or_default();
                (0.0, items.iter().map(|i| 2.0 * kib(i)).sum())
            }
            "TransactGetItems" => (2.0 * body["TransactItems"].as_array().map_or(0, Vec::len) as f64, 0.0),
            "BatchGetItem" => {
                let tables = body["RequestItems"].as_object().cloned().unwrap_or_default();
                let keys: usize = tables.values().map(|t| t["Keys"].as_array().map_or(0, Vec::len)).sum();
                let per_item = if tables.values().all(|t| t["ConsistentRead"] == true) { 1.0 } else { 0.5 };
                (per_item * keys as f64, 0.0)
            }
            _ => (0.0, 0.0),
        };
        self.0.lock().unwrap().push(Sent { operation, read_units, write_units });
        Ok(())
    }
}

impl Counter {
    /// The requests since the last call, as a table row.
    fn row(&self, step: &str, rows: &mut Vec<(String, usize, String, f64, f64)>) -> usize {
        let sent: Vec<Sent> = std::mem::take(&mut *self.0.lock().unwrap());
        let mut ops: Vec<String> = Vec::new();
        for s in &sent {
            match ops.iter_mut().find(|o| o.ends_with(&s.operation)) {
                Some(o) => {
                    let (n, name) =
                        o.split_once(' ').map(|(n, name)| (n.parse::<usize>().unwrap_or(1), name.to_owned())).unwrap();
                    *o = format!("{} {name}", n + 1);
                }
                None => ops.push(format!("1 {}", s.operation)),
            }
        }
        let (r, w) = sent.iter().fold((0.0, 0.0), |(r, w), s| (r + s.read_units, w + s.write_units));
        rows.push((step.to_owned(), sent.len(), ops.join(", "), r, w));
        sent.len()
    }
}

#[tokio::test]
async fn requests_per_step_stay_within_their_budget() {
    let sdk = shared::adapters::aws::sdk_config().await;
    let counter = Arc::new(Counter::default());
    let conf = aws_sdk_dynamodb::config::Builder::from(&sdk).interceptor(SharedCounter(counter.clone())).build();
    let store = DynamoStore::from_client(aws_sdk_dynamodb::Client::from_conf(conf), format!("calls-{}", unique(8)));
    store.ensure_table().await.unwrap();
    let slot = sample_slot("0000000000000301", 3, 5);
    store.create_slot(&slot).await.unwrap();
    let keys = HashKey::new(vec![7; 32]).unwrap();
    let clock = SystemClock;
    let ctx = Ctx::over(&store, &clock, &keys);
    let sms = FlakyProvider::new(0, 0);
    let code = || {
        SmsCode::parse(
            &sms.last.lock().unwrap().clone().unwrap().chars().filter(char::is_ascii_digit).take(6).collect::<String>(),
        )
        .unwrap()
    };
    let new_clerk = clerk::create_clerk(&ctx, &OsRandom, "liczacy", "Urzad-Liczy-2026").await.unwrap();
    counter.row("setup", &mut Vec::new());

    let mut rows = Vec::new();
    let form: ApplicationForm = serde_json::from_value(application(61, slot.id.as_str())).unwrap();
    let key = IdempotencyKey::parse("calls-page-key-61").unwrap();
    let done = submit(
        &ctx,
        &OsRandom,
        &["Skype".to_owned()],
        Submission {
            form: &form,
            idempotency: Some(&key),
            source: Some([192, 0, 2, 60].into()),
            browser: None,
            lang: Default::default(),
        },
    )
    .await
    .unwrap();
    // The source's count (before argon2), the slot and the key's claim (one batch), and
    // one transaction.
    let mut budget = vec![(counter.row("Wyślij wniosek (POST /api/applications)", &mut rows), 3)];
    let browser = (Some(&done.browser_token), Some([192, 0, 2, 60].into()));
    send_code(&ctx, &OsRandom, &sms, &done.id, browser).await.unwrap();
    // The application, then one transaction: the code, the phone's and the source's counts.
    budget.push((counter.row("send the SMS code", &mut rows), 2));
    verify(&ctx, &OsRandom, &done.id, Some(&done.browser_token), &code(), None).await.unwrap();
    budget.push((counter.row("Dalej (the code; account and two emails)", &mut rows), 2));
    status(&ctx, &done.id, Some(&done.browser_token)).await.unwrap();
    budget.push((counter.row("the application's status", &mut rows), 1));
    let totp = new_clerk.totp.code_at(u64::try_from(shared::domain::totp::step_at(clock.now())).unwrap());
    let attempt = clerk::ClerkLogin {
        username: "liczacy",
        password: "Urzad-Liczy-2026",
        totp: &totp,
        source: Some([192, 0, 2, 62].into()),
    };
    let signed = clerk::login(&ctx, &OsRandom, attempt).await.unwrap();
    // The source's, the username-from-source's and the username's attempt counts in one
    // transaction (before argon2), the clerk, the TOTP count (after the password, before
    // the code), and one transaction (clerk with the code's step and the session list,
    // session, audit, counts cleared).
    budget.push((counter.row("clerk signs in (password and TOTP)", &mut rows), 4));
    let session = clerk::authenticate(&ctx, &signed.token).await.unwrap();
    budget.push((counter.row("a clerk route: the session", &mut rows), 1));
    let checks = Checks { data_confirmed: true, rules_presented: true, id_document_checked: true };
    confirm(&ctx, &OsRandom, &session, &done.id, checks).await.unwrap();
    budget.push((counter.row("the clerk confirms", &mut rows), 2));
    let browser = Token::generate(&OsRandom);
    let attempt = LoginAttempt {
        login: "Obywatel_61",
        password: e2e::PASSWORD,
        source: Some([192, 0, 2, 61].into()),
        lang: None,
    };
    let started = login(&ctx, &OsRandom, &sms, attempt, &browser).await.unwrap();
    // The claim, the source's and the login's attempt counts in one transaction (before
    // argon2), the account, and the challenge (which also clears the login's count).
    budget.push((counter.row("sign in: password (SMS method)", &mut rows), 4));
    let binding = Binding { browser: Some(&browser), account: None };
    let Outcome::SignedIn(token) =
        confirm_code(&ctx, &OsRandom, &started.challenge_id, binding, &code()).await.unwrap()
    else {
        panic!("signed in")
    };
    budget.push((counter.row("sign in: Potwierdź (the code)", &mut rows), 2));
    let (session, account) = authenticate(&ctx, &token).await.unwrap();
    budget.push((counter.row("a signed-in route: the session", &mut rows), 2));
    account_changes::sessions(&ctx, &account, &session).await.unwrap();
    budget.push((counter.row("Sesje: the live sessions (one batch)", &mut rows), 1));
    account_changes::end_other_sessions(&ctx, &OsRandom, &account, &session).await.unwrap();
    budget.push((counter.row("Wyloguj na pozostałych urządzeniach (none to end)", &mut rows), 1));
    account_changes::change_password(&ctx, &OsRandom, &session, &account, e2e::PASSWORD, "Zmienione8Haslo!")
        .await
        .unwrap();
    // The check's count (before argon2), then one transaction on the account the session read.
    budget.push((counter.row("Zmień hasło", &mut rows), 2));
    let senders = delivery::Senders::new(delivery::Channels::All { email: &sms, sms: &sms, push: &sms });
    let ip = Some([192, 0, 2, 63].into());
    let pesel = e2e::pesel(61);
    let ask = recovery::PasswordRequest { username: "Obywatel_61", pesel: &pesel, source: ip };
    recovery::request_password(&ctx, &OsRandom, ask).await.unwrap();
    // The source's count, the username's and the PESEL's claims (one batch), the account,
    // and one transaction (the profile's email count, the link, the email, the history).
    // A request that matches no profile stops after the batch: the answer waits for the
    // same floor either way.
    budget.push((counter.row("Nie pamiętasz hasła? (username and PESEL match)", &mut rows), 4));
    delivery::deliver_due(&store, &clock, &senders).await.unwrap();
    counter.row("delivery", &mut Vec::new());
    let token = {
        let delivered = sms.delivered.lock().unwrap();
        let body = delivered.keys().find(|b| b.contains("/odzyskiwanie?lang=pl#")).expect("the recovery email").clone();
        body.split("/odzyskiwanie?lang=pl#")
            .nth(1)
            .unwrap()
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
    };
    recovery::send_code(&ctx, &OsRandom, &sms, &token, ip).await.unwrap();
    // The link and its account (one batch), then the account's code with the source's count.
    budget.push((counter.row("recovery: the SMS code", &mut rows), 2));
    let sms_code = code();
    let given = recovery::NewPassword { token: &token, code: sms_code.reveal(), new_password: "Niebieska8Rzeka?" };
    recovery::confirm(&ctx, &OsRandom, given).await.unwrap();
    // The link and its account, then one transaction (password, sessions, link, email, history).
    budget.push((counter.row("recovery: the code and the new password", &mut rows), 2));
    let not_me = {
        let delivered = sms.delivered.lock().unwrap();
        let body =
            delivered.keys().find(|b| b.contains("/to-nie-ja?lang=pl#")).expect("a security notification").clone();
        body.split("/to-nie-ja?lang=pl#")
            .nth(1)
            .unwrap()
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
    };
    disavow::disavow(&ctx, &OsRandom, &not_me).await.unwrap();
    // The link and its account (one batch), one transaction.
    budget.push((counter.row("To nie ja", &mut rows), 2));
    let account = store.get_account(&account.id).await.unwrap().unwrap();
    counter.row("setup", &mut Vec::new());
    contact::change_email(&ctx, &OsRandom, &account, "nowy.adres61@example.pl").await.unwrap();
    // One write on the account the session read: the code, the pending address, the email.
    budget.push((counter.row("a new email address: the code", &mut rows), 1));
    delivery::deliver_due(&store, &clock, &senders).await.unwrap();
    let email_code = {
        let delivered = sms.delivered.lock().unwrap();
        let body = delivered.keys().find(|b| b.contains("ten adres e-mail w swoim")).unwrap().clone();
        SmsCode::parse(body.split(|c: char| !c.is_ascii_digit()).find(|w| w.len() == 6).unwrap()).unwrap()
    };
    let account = store.get_account(&account.id).await.unwrap().unwrap();
    counter.row("setup", &mut Vec::new());
    contact::confirm_email(&ctx, &OsRandom, &account, &email_code).await.unwrap();
    // One transaction: the account, the new claim, the old one freed, the notice and its link.
    budget.push((counter.row("a new email address: confirmed", &mut rows), 1));
    let sent = delivery::deliver_due(&store, &clock, &senders).await.unwrap();
    let n = counter.row("deliver the queued emails (sweep)", &mut rows);
    // One query per shard of each lane and one of the old layout's partition per lane
    // (SCALE.md), then a lease and a mark per message.
    let queries: usize = shared::domain::outbox::Lane::ALL.iter().map(|l| usize::from(l.shards()) + 1).sum();
    budget.push((n, queries + 2 * sent));

    println!("\n| step | requests | operations | RCU | WCU |\n|---|---|---|---|---|");
    for (step, n, ops, r, w) in &rows {
        println!("| {step} | {n} | {ops} | {r} | {w} |");
    }
    println!("(the sweep delivered {sent} emails: a lease and a mark per message)");
    for ((n, max), (step, ..)) in budget.iter().zip(&rows) {
        assert!(n <= max, "{step}: {n} requests, budget {max}");
    }
}

/// The interceptor shared with the test, which reads what it counted.
#[derive(Debug)]
struct SharedCounter(Arc<Counter>);

impl Intercept for SharedCounter {
    fn name(&self) -> &'static str {
        self.0.name()
    }

    fn read_before_transmit(
        &self,
        ctx: &BeforeTransmitInterceptorContextRef<'_>,
        rc: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), aws_sdk_dynamodb::error::BoxError> {
        self.0.read_before_transmit(ctx, rc, cfg)
    }
}
