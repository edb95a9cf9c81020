//! `target/release/handler-latency [calls]`: what a warm Lambda spends in our code per
//! request, with no I/O (the in-process store): the handler called as the runtime calls
//! it, p50 and p99 over `calls` requests after a warm-up, for three read routes.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use lambda_http::{Body, Request, RequestExt};
use shared::adapters::dev_outbox::DevOutbox;
use shared::adapters::memory::MemoryStore;
use shared::adapters::random::OsRandom;
use shared::config::{parse_hash_key, Config};
use shared::domain::{ApplicationForm, Slot, SlotId};
use shared::handlers::http_function;
use shared::ports::{Clock, Schedule, Storage};
use shared::service::application::{submit, Submission};
use shared::{Deps, Wired};

/// The request API Gateway hands the function of `route` (its route key).
fn request(route: &str, path: &str, params: &[(&str, &str)], cookie: Option<String>) -> Request {
    let mut b = lambda_http::http::Request::builder().uri(path);
    if let Some(c) = cookie {
        b = b.header("cookie", c);
    }
    let params: HashMap<String, String> = params.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
    shared::http::routed(b.body(Body::Empty).expect("request").with_path_parameters(params), route)
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize].as_secs_f64() * 1e6
}

/// A function, a label and how to make its request.
type Case = (&'static str, &'static str, Box<dyn Fn() -> Request>);

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let calls: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(20_000);
    let config = Config::with_key(parse_hash_key(&"7a".repeat(32)).expect("key"));
    let clock: Arc<dyn Clock> = Arc::new(shared::adapters::clock::SystemClock);
    let store = Arc::new(MemoryStore::new());
    let outbox = Arc::new(DevOutbox::new(clock.clone()));
    let provider = shared::service::oidc::Provider::configured(
        "https://pz.example.gov.pl",
        include_str!("../../local/dev-keys/oidc-signing-key.pem"),
        None,
    )
    .expect("provider");
    let storage: Arc<dyn Storage> = store.clone();
    let deps = Deps::new(config, storage)
        .with_sms(outbox.clone())
        .with_email(outbox.clone())
        .with_push(outbox)
        .with_oidc(Arc::new(provider));
    let now = chrono::Utc::now();
    let start =
        chrono::DateTime::from_timestamp(now.timestamp() / 3600 * 3600, 0).expect("time") + chrono::Duration::days(2);
    for i in 0..12 {
        let at = start + chrono::Duration::minutes(30 * i);
        let slot = Slot {
            id: SlotId::parse(&format!("{:016}", i)).expect("id"),
            start: at,
            end: at + chrono::Duration::minutes(20),
            capacity: 3,
            booked: 0,
            demo: false,
        };
        store.create_slot(&slot).await.expect("slot");
    }
    let form: ApplicationForm = serde_json::from_value(serde_json::json!({
        "username": "Bench_1", "password": "Zielony7Las!", "first_name": "Łucja", "last_name": "Nowak",
        "pesel": "44051401359", "email": "bench1@example.pl", "phone": "500 100 200",
        "slot_id": "0000000000000000", "video_app": "Skype",
    }))
    .expect("form");
    let done = submit(
        &deps.ctx(),
        &OsRandom,
        &deps.config.video_apps,
        Submission { form: &form, idempotency: None, source: None, browser: None, lang: Default::default() },
    )
    .await
    .expect("submitted");
    let id = done.id.as_str().to_owned();
    let cookie = format!("pz_app={}", done.browser_token.reveal());

    println!("handler latency, in-process store, {calls} calls each after 1,000 warm-up calls (µs)");
    println!("| function | route | p50 | p99 | max |\n|---|---|---|---|---|");
    use shared::http::routes::{application_status, list_slots, web_pages};
    let cases: [Case; 3] = [
        ("list-slots", list_slots::SLOTS, Box::new(|| request(list_slots::SLOTS, "/api/slots", &[], None))),
        ("web-pages", web_pages::APPLY, Box::new(|| request(web_pages::APPLY, "/wniosek", &[], None))),
        (
            "application-status",
            application_status::STATUS,
            Box::new(move || {
                let path = format!("/api/applications/{id}");
                request(application_status::STATUS, &path, &[("id", &id)], Some(cookie.clone()))
            }),
        ),
    ];
    for (function, route, make) in &cases {
        let handler = http_function(function).expect("function");
        let mut times = Vec::with_capacity(calls);
        for i in 0..calls + 1_000 {
            let req = make();
            let t = Instant::now();
            let resp = handler(&deps, req).await;
            let took = t.elapsed();
            assert!(resp.status().is_success(), "{function}: {}", resp.status());
            if i >= 1_000 {
                times.push(took);
            }
        }
        times.sort();
        println!(
            "| {function} | {route} | {:.1} | {:.1} | {:.1} |",
            percentile(&times, 0.5),
            percentile(&times, 0.99),
            times.last().expect("times").as_secs_f64() * 1e6
        );
    }
}
