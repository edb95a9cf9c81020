//! The send-push function: delivers queued pushes to the mObywatel app through SNS
//! mobile push (the device's platform endpoint). Triggered like send-emails, by the
//! table's stream (filtered to `OUTBOX#push.` keys) and by a retry sweep.

pub use super::send_emails::handle_push as handle;
