//! The load and concurrency scenarios of `load.rs` against DynamoDB, SNS and SES on the
//! AWS API emulator (moto server): the gateway in AWS mode on a fresh table. One test,
//! because AWS mode reads its table from the environment.

use e2e::load::{self, Sms};
use e2e::{gateway_options, unique};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrency_scenarios_hold_on_dynamodb() {
    std::env::set_var("PZ_TABLE", format!("load-{}", unique(9)));
    std::env::set_var("PZ_EMAIL_FROM", "no-reply@profil-zaufany.example");
    let opts =
        pz_local::Options { port: 0, backend: pz_local::Backend::Aws, seed_demo_slots: false, ..gateway_options() };
    let gw = pz_local::start(opts).await.expect("gateway in AWS mode");
    // person numbers no other emulator test uses (their SMS land on the same emulator)
    let t = std::time::Instant::now();
    let lap = |what: &str| eprintln!("{what}: {:.1} s", t.elapsed().as_secs_f64());
    load::hundred_bookings_of_a_one_place_slot(&gw, 710_000, Sms::Emulator).await;
    lap("bookings");
    load::one_submission_retried_with_an_idempotency_key(&gw, 720_000, Sms::Emulator).await;
    lap("idempotency");
    load::confirm_and_reject_at_once(&gw, 721_000, Sms::Emulator).await;
    lap("decisions");
    load::password_guesses_at_once(&gw, 722_000, 100, Sms::Emulator).await;
    lap("password guesses");
    load::code_guesses_at_once(&gw, 723_000, 100, Sms::Emulator).await;
    lap("code guesses");
    load::profile_guesses_at_once(&gw, 724_000, 100, Sms::Emulator).await;
    lap("recovery code and current password guesses");
    load::foreign_codes_at_once(&gw, 725_000, 100).await;
    lap("codes to one foreign country");
    load::bank_callbacks_at_once(&gw, 726_000, 100).await;
    lap("copies of one bank callback");
    load::counter_searches_at_once(&gw, 100).await;
    lap("counter searches");
    load::one_client_assertion_at_once(&gw, 727_000, 100, Sms::Emulator).await;
    lap("one client assertion with a hundred codes");
    // last of the clerk's steps: it leaves the demo clerk slowed down
    load::clerk_password_guesses_at_once(&gw, 100).await;
    lap("clerk password guesses");
    // moto deep-copies a table (with its stream) on every transaction, so each write gets
    // slower as the table grows: 1,000 take many minutes there. 200 here; 1,000 in load.rs.
    if std::env::var_os("PZ_LOAD_QUICK").is_none() {
        load::applications_at_once(&gw, 730_000, 200).await;
    }
}
