//! Load and concurrency against the local gateway with the in-process store (issue 7):
//! bounded, loopback only. The same scenarios run against DynamoDB on the emulator in
//! `load_emulator.rs`.

use e2e::load::{self, Sms};
use e2e::spawn_gateway;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_hundred_people_book_the_last_place_and_one_gets_it() {
    load::hundred_bookings_of_a_one_place_slot(&spawn_gateway().await, 10_000, Sms::Outbox).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_thousand_applications_at_once_are_all_stored_once() {
    load::applications_at_once(&spawn_gateway().await, 20_000, 1000).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_submission_repeated_with_its_idempotency_key_makes_one_application() {
    load::one_submission_retried_with_an_idempotency_key(&spawn_gateway().await, 30_000, Sms::Outbox).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_clerks_deciding_at_once_make_one_decision() {
    load::confirm_and_reject_at_once(&spawn_gateway().await, 31_000, Sms::Outbox).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_fifty_password_guesses_at_once_get_five_checks() {
    load::password_guesses_at_once(&spawn_gateway().await, 32_000, 250, Sms::Outbox).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_hundred_clerk_password_guesses_at_once_get_at_most_six_checks() {
    load::clerk_password_guesses_at_once(&spawn_gateway().await, 100).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_hundred_recovery_code_and_current_password_guesses_at_once_get_their_few_checks() {
    load::profile_guesses_at_once(&spawn_gateway().await, 34_000, 100, Sms::Outbox).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_hundred_code_guesses_at_once_get_three_checks() {
    load::code_guesses_at_once(&spawn_gateway().await, 33_000, 100, Sms::Outbox).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_hundred_codes_to_one_foreign_country_at_once_send_only_its_budget() {
    load::foreign_codes_at_once(&spawn_gateway().await, 40_000, 100).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_hundred_counter_searches_at_once_run_only_the_clerks_limit() {
    load::counter_searches_at_once(&spawn_gateway().await, 100).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_hundred_copies_of_one_bank_callback_at_once_land_once() {
    load::bank_callbacks_at_once(&spawn_gateway().await, 41_000, 100).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_client_assertion_sent_with_a_hundred_codes_at_once_is_taken_once() {
    load::one_client_assertion_at_once(&spawn_gateway().await, 42_000, 100, Sms::Outbox).await;
}
