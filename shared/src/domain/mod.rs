//! Pure rules: types that can only hold valid values, and state machines. No I/O here.

pub mod account;
pub mod application;
pub mod attempts;
pub mod audit;
pub mod clerk;
pub mod device;
pub mod email;
pub mod ids;
pub mod invalid;
pub mod lockout;
pub mod name;
pub mod oidc;
pub mod outbox;
pub mod password;
pub mod pesel;
pub mod phone;
pub mod rate;
pub mod signin;
pub mod slot;
pub mod sms_code;
pub mod time;
pub mod totp;
pub mod username;
pub mod video_app;

pub use account::{Account, AccountStatus, AuthMethod};
pub use application::{Application, ApplicationForm, ApplicationStatus, NewApplication};
pub use audit::{Actor, AuditAction, AuditEntry};
pub use clerk::{Clerk, ClerkSession};
pub use device::{MatchNumber, PushToken};
pub use email::Email;
pub use ids::{
    ApplicationId, ApplicationNumber, AuditId, ChallengeId, ClerkId, DeviceId, IdempotencyKey, SlotId, Token,
};
pub use invalid::{FieldError, Invalid};
pub use lockout::{IdleSession, Lockout};
pub use name::PersonName;
pub use outbox::{Channel, DeliveryStatus, OutboxMessage};
pub use password::{Password, PasswordHash};
pub use pesel::Pesel;
pub use phone::PhoneNumber;
pub use rate::RateWindow;
pub use signin::{
    Challenge, ChallengeKind, ChallengeStatus, ChallengeView, CitizenSession, Device, Platform, PushPrompt,
};
pub use slot::{Slot, SlotRef};
pub use sms_code::{CodeError, CodeGuard, SmsCode};
pub use username::Username;
pub use video_app::VideoApp;
