//! Faults (issue 7): providers failing and hanging, the store throttled, the process
//! killed at every store call of the application flow. Each ends with the state checked
//! against the invariants and the flow (or the delivery) completed once things recover.

use std::sync::Arc;
use std::time::Duration as StdDuration;

use chrono::Duration;
use e2e::faults::{Fault, FaultyStore, FlakyProvider};
use e2e::{application, phone, sample_slot};
use shared::adapters::clock::FixedClock;
use shared::adapters::memory::MemoryStore;
use shared::adapters::random::OsRandom;
use shared::crypto::HashKey;
use shared::domain::outbox::MAX_ATTEMPTS;
use shared::domain::{
    ApplicationForm, ApplicationId, ApplicationStatus, DeliveryStatus, IdempotencyKey, OutboxMessage, Slot, SmsCode,
};
use shared::ports::{Clock, OutboxQueue, Schedule, Storage, Store, UniqueKind, Write};
use shared::service::application::{send_code, submit, unique_key, verify, Submission};
use shared::service::delivery::{deliver_due, Channels, Senders};
use shared::service::Ctx;
use shared::service::FlowError;

const NOW: &str = "2026-11-23T10:00:00Z";

fn keys() -> HashKey {
    HashKey::new(vec![7; 32]).unwrap()
}

// ---------- providers failing, hanging, down ----------

/// 20 emails, 15 SMS and 5 pushes, each with its own text.
async fn queue_forty(store: &dyn Store, clock: &dyn Clock) -> Vec<String> {
    let mut texts = Vec::new();
    let mut writes = Vec::new();
    for i in 0..40 {
        let body = format!("wiadomość {i}");
        let m = match i {
            0..20 => OutboxMessage::email(
                format!("m{i}.email"),
                &format!("obywatel{i}@example.pl"),
                "Temat".into(),
                body.clone(),
                clock.now(),
            ),
            20..35 => {
                let mut m = OutboxMessage::email(
                    format!("m{i}.sms"),
                    &format!("+48500000{i:03}"),
                    String::new(),
                    body.clone(),
                    clock.now(),
                );
                m.channel = shared::domain::Channel::Sms;
                m.subject = None;
                m
            }
            _ => OutboxMessage::push(
                format!("m{i}"),
                "arn:aws:sns:eu-central-1:1:endpoint/GCM/pz/x",
                "Profil Zaufany",
                &body,
                clock.now(),
            ),
        };
        writes.push(Write::Enqueue(m));
        texts.push(body);
    }
    store.commit(writes).await.unwrap();
    texts
}

/// Due messages of every lane.
async fn due_anywhere(store: &MemoryStore, at: chrono::DateTime<chrono::Utc>) -> Vec<String> {
    let mut due = Vec::new();
    for lane in shared::domain::outbox::Lane::ALL {
        due.extend(store.due_messages(lane, at, 100).await.unwrap());
    }
    due
}

fn senders(p: &FlakyProvider) -> Senders<'_> {
    Senders { timeout: StdDuration::from_millis(20), ..Senders::new(Channels::All { email: p, sms: p, push: p }) }
}

#[tokio::test]
async fn every_message_is_delivered_exactly_once_after_an_outage_and_a_flaky_recovery() {
    let (store, clock) = (MemoryStore::new(), FixedClock::at(NOW));
    let texts = queue_forty(&store, &clock).await;
    // 3 in 10 calls fail, 1 in 10 never answers (cut off by the sender's timeout)
    let provider = FlakyProvider::new(3, 1);
    provider.set_outage(true);
    for _ in 0..3 {
        assert_eq!(
            deliver_due(&store, &clock, &senders(&provider)).await.unwrap(),
            0,
            "nothing gets through an outage"
        );
        assert!(due_anywhere(&store, clock.now()).await.is_empty(), "a failed message waits for its backoff");
        clock.advance(Duration::minutes(16));
    }
    provider.set_outage(false);
    let mut rounds = 0;
    while !due_anywhere(&store, clock.now() + Duration::days(1)).await.is_empty() {
        deliver_due(&store, &clock, &senders(&provider)).await.unwrap();
        clock.advance(Duration::minutes(16));
        rounds += 1;
        assert!(rounds < 15, "delivered within 15 rounds after recovery");
    }
    let delivered = provider.delivered.lock().unwrap().clone();
    for t in &texts {
        assert_eq!(delivered.get(t), Some(&1), "{t} delivered exactly once");
    }
    assert_eq!(delivered.len(), 40);
    for i in 0..40 {
        let id = match i {
            0..20 => format!("m{i}.email"),
            20..35 => format!("m{i}.sms"),
            _ => format!("push.m{i}"),
        };
        let m = store.get_message(&id).await.unwrap().unwrap();
        assert_eq!(m.status, DeliveryStatus::Sent, "{id}");
        assert!(m.attempts >= 4, "{id}: 3 failed in the outage, then sent ({} attempts)", m.attempts);
    }
    assert!(provider.calls() > 40 * 4, "failures and hangs were retried ({} calls)", provider.calls());
    eprintln!("40 messages, {} provider calls, {rounds} rounds after recovery, each delivered once", provider.calls());
}

#[tokio::test]
async fn a_message_the_provider_keeps_refusing_becomes_a_dead_letter_an_operator_can_requeue() {
    let (store, clock) = (MemoryStore::new(), FixedClock::at(NOW));
    let m =
        OutboxMessage::email("dead.email".into(), "obywatel@example.pl", "Temat".into(), "treść".into(), clock.now());
    store.commit(vec![Write::Enqueue(m)]).await.unwrap();
    let provider = FlakyProvider::new(0, 0);
    provider.set_outage(true);
    for _ in 0..MAX_ATTEMPTS {
        deliver_due(&store, &clock, &senders(&provider)).await.unwrap();
        clock.advance(Duration::minutes(16));
    }
    assert_eq!(provider.calls(), MAX_ATTEMPTS as usize, "one call per attempt, then it stops");
    let dead = store.dead_messages(10).await.unwrap();
    assert_eq!(dead.len(), 1, "visible to operators");
    assert!(dead[0].last_error.as_deref().unwrap().contains("Throttling"), "with the provider's last error");
    provider.set_outage(false);
    deliver_due(&store, &clock, &senders(&provider)).await.unwrap();
    assert_eq!(provider.calls(), MAX_ATTEMPTS as usize, "a dead letter is not retried by itself");
    assert!(store.requeue_message("dead.email", clock.now()).await.unwrap(), "the operator requeues it");
    assert_eq!(deliver_due(&store, &clock, &senders(&provider)).await.unwrap(), 1);
    assert_eq!(provider.delivered.lock().unwrap().get("treść"), Some(&1));
    assert!(store.dead_messages(10).await.unwrap().is_empty());
}

// ---------- the store throttled, the process killed ----------

struct World {
    store: Arc<MemoryStore>,
    slot: Slot,
    clock: FixedClock,
    sms: FlakyProvider,
    keys: HashKey,
}

impl World {
    async fn new() -> Self {
        let store = Arc::new(MemoryStore::new());
        let slot = sample_slot("0000000000000201", 10, 1);
        store.create_slot(&slot).await.unwrap();
        Self {
            store,
            slot,
            clock: FixedClock::at(&chrono::Utc::now().to_rfc3339()),
            sms: FlakyProvider::new(0, 0),
            keys: keys(),
        }
    }

    /// The citizen's whole flow from "Wyślij wniosek" (sent with the page's
    /// Idempotency-Key) to "Dalej", resuming where the application is.
    async fn citizen(&self, store: &dyn Storage) -> Result<ApplicationId, FlowError> {
        let ctx = Ctx::over(store, &self.clock, &self.keys);
        let form: ApplicationForm = serde_json::from_value(application(41, self.slot.id.as_str())).unwrap();
        let key = IdempotencyKey::parse("page-key-41-abcdef").unwrap();
        let done = submit(
            &ctx,
            &OsRandom,
            &["Skype".to_owned()],
            Submission { form: &form, idempotency: Some(&key), source: None, browser: None, lang: Default::default() },
        )
        .await?;
        send_code(&ctx, &OsRandom, &self.sms, &done.id, (Some(&done.browser_token), None)).await?;
        let text = self.sms.last.lock().unwrap().clone().unwrap();
        let code: String = text.chars().filter(char::is_ascii_digit).take(6).collect();
        verify(&ctx, &OsRandom, &done.id, Some(&done.browser_token), &SmsCode::parse(&code).unwrap(), None).await?;
        Ok(done.id)
    }

    /// All or nothing: the application, its username and phone claims and its idempotency
    /// claim exist together; once sent (SMS code confirmed), also its PESEL and email
    /// claims, its place in the slot, the account and both emails — and before, none of
    /// them. Returns the status, if there is an application.
    async fn consistent(&self) -> Option<ApplicationStatus> {
        let s = &*self.store;
        let owner = |kind, v: &str| {
            let key = unique_key(&self.keys, kind, v);
            async move { s.claim_owner(&key).await }
        };
        let form = application(41, "");
        let username_owner = owner(UniqueKind::Username, "Obywatel_41").await.unwrap();
        let pesel_owner = owner(UniqueKind::Pesel, form["pesel"].as_str().unwrap()).await.unwrap();
        let email_owner = owner(UniqueKind::Email, form["email"].as_str().unwrap()).await.unwrap();
        let booked = s.get_slot(&self.slot.id).await.unwrap().unwrap().booked;
        let repeat = owner(UniqueKind::Idempotency, "page-key-41-abcdef").await.unwrap();
        let Some(id) = username_owner else {
            assert_eq!(
                (booked, repeat, pesel_owner),
                (0, None, None),
                "no application: no place booked, nothing claimed"
            );
            return None;
        };
        let app = s.get_application(&id).await.unwrap().expect("a claim has its application");
        assert_eq!(repeat.as_ref(), Some(&id), "the application has its idempotency key");
        assert_eq!(owner(UniqueKind::Phone, &phone(41)).await.unwrap().as_ref(), Some(&id), "and its phone number");
        let account = s.get_account(&id).await.unwrap();
        let mails = [
            s.get_message(&format!("{id}.account-created")).await.unwrap(),
            s.get_message(&format!("{id}.application-sent")).await.unwrap(),
        ];
        let status = app.status_at(self.clock.now());
        if status == ApplicationStatus::Submitted {
            assert!(account.is_some() && mails.iter().all(Option::is_some), "sent: account and both emails too");
            assert_eq!(
                (booked, pesel_owner.as_ref(), email_owner.as_ref()),
                (1, Some(&id), Some(&id)),
                "sent: its place, PESEL and email"
            );
        } else {
            assert!(account.is_none() && mails.iter().all(Option::is_none), "not sent: no account, no email");
            assert_eq!((booked, pesel_owner, email_owner), (0, None, None), "not sent: no place, PESEL and email free");
        }
        Some(status)
    }
}

/// Kills (or throttles) the flow at store call 0, 1, 2 … until a run no longer reaches
/// the fault; after each, the state is consistent and the citizen's retry completes.
async fn fault_at_every_call(fault: Fault) -> usize {
    for at in 0.. {
        let w = World::new().await;
        let faulty = FaultyStore::new(w.store.clone(), at, fault);
        let first = tokio::time::timeout(StdDuration::from_millis(500), w.citizen(&faulty)).await;
        if faulty.calls() <= at {
            assert!(matches!(first, Ok(Ok(_))), "no fault: the flow completes");
            return at;
        }
        match (fault, &first) {
            (Fault::Throttle, Ok(Err(FlowError::Store(_)))) => {}
            (Fault::Throttle, other) => panic!("call {at}: a throttled step answers 503, got {other:?}"),
            (_, Err(_)) => {}
            (_, Ok(r)) => panic!("call {at}: the process was killed, yet the step answered {r:?}"),
        }
        w.consistent().await;
        match w.citizen(&*w.store).await {
            Ok(_) => {}
            // killed after the last write: the application was already sent
            Err(FlowError::AlreadySubmitted) => assert!(fault == Fault::DieAfter),
            Err(e) => panic!("call {at} {fault:?}: the retry completes: {e:?}"),
        }
        assert_eq!(w.consistent().await, Some(ApplicationStatus::Submitted), "call {at} {fault:?}");
    }
    unreachable!()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_process_killed_before_any_store_call_leaves_nothing_half_written() {
    let calls = fault_at_every_call(Fault::DieBefore).await;
    // Two per step (submit, send the code, verify it): a read and a commit each.
    assert!(calls >= 6, "the flow makes {calls} store calls");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_process_killed_after_any_store_call_leaves_nothing_half_written() {
    fault_at_every_call(Fault::DieAfter).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_throttled_store_call_fails_the_step_whole_and_the_retry_completes() {
    fault_at_every_call(Fault::Throttle).await;
}

// ---------- a race lost on every retry ----------

/// A lost optimistic race is not a bug (nothing was written; trying again works), so it
/// answers 503 `busy` with `Retry-After`, never a 500.
#[tokio::test]
async fn a_race_lost_on_every_retry_answers_503_busy_with_retry_after_and_writes_nothing() {
    use lambda_http::{Body, RequestExt};
    use shared::http::BUSY_RETRY_AFTER_SECS;

    let w = World::new().await;
    let ctx = Ctx::over(&*w.store, &w.clock, &w.keys);
    let form: ApplicationForm = serde_json::from_value(application(42, w.slot.id.as_str())).unwrap();
    let done = submit(
        &ctx,
        &OsRandom,
        &["Skype".to_owned()],
        Submission { form: &form, idempotency: None, source: None, browser: None, lang: Default::default() },
    )
    .await
    .unwrap();
    let before = w.store.get_application(&done.id).await.unwrap().unwrap();

    let always_loses = Arc::new(FaultyStore::new(w.store.clone(), 0, Fault::ConflictAlways));
    let sms = Arc::new(FlakyProvider::new(0, 0));
    let deps = shared::Deps::new(shared::config::Config::with_key(keys()), always_loses.clone()).with_sms(sms.clone());
    let csrf = shared::service::application::csrf_token(&w.keys, &done.browser_token);
    let req = lambda_http::http::Request::builder()
        .method("POST")
        .uri(format!("/api/applications/{}/sms-code", done.id))
        .header("cookie", format!("pz_app={}; pz_app_csrf={csrf}", done.browser_token.reveal()))
        .header("x-csrf-token", &csrf)
        .body(Body::Empty)
        .unwrap()
        .with_path_parameters(std::collections::HashMap::from([("id".to_owned(), done.id.to_string())]));
    let req = shared::http::routed(req, shared::http::routes::send_sms_code::SEND);

    let resp = shared::handlers::send_sms_code::handle(&deps, req).await;
    assert_eq!(resp.status(), 503);
    assert_eq!(resp.headers()["retry-after"], BUSY_RETRY_AFTER_SECS.to_string().as_str());
    let body: serde_json::Value = match resp.body() {
        Body::Text(t) => serde_json::from_str(t).unwrap(),
        other => panic!("not a JSON body: {other:?}"),
    };
    assert_eq!(body["error"], "busy");
    assert_eq!(body["message"], shared::texts::BUSY.in_(shared::texts::Lang::Pl).as_ref());
    assert_eq!(sms.calls(), 0, "no code sent for a step that was not written");
    let after = w.store.get_application(&done.id).await.unwrap().unwrap();
    assert_eq!(serde_json::to_value(&after).unwrap(), serde_json::to_value(&before).unwrap(), "nothing written");
    // and the service names what happened, rather than a conflict in disguise
    let ctx = Ctx::over(&*always_loses, &w.clock, &w.keys);
    let err = send_code(&ctx, &OsRandom, &*sms, &done.id, (Some(&done.browser_token), None)).await.err();
    assert!(matches!(err, Some(FlowError::Busy)), "{err:?}");
}
