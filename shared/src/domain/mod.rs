//! Pure rules: types that can only hold valid values, and state machines. No I/O here.

/// A value that is stored and sent as the string it was parsed from: serde reads it back
/// through `parse` (`#[serde(try_from = "String", into = "String")]` on the type), so a
/// stored value that no longer passes the rules is an error, never a silent invalid value.
macro_rules! stored_as_string {
    ($t:ident) => {
        impl TryFrom<String> for $t {
            type Error = &'static str;
            fn try_from(s: String) -> Result<Self, Self::Error> {
                $t::parse(&s).map_err(|e| e.code)
            }
        }

        impl From<$t> for String {
            fn from(v: $t) -> String {
                v.0
            }
        }
    };
}

pub mod account;
pub mod application;
pub mod attempts;
pub mod audit;
pub mod clerk;
pub mod device;
pub mod disavow;
pub mod email;
pub mod idp;
pub mod ids;
pub mod invalid;
pub mod lang;
pub mod name;
pub mod office;
pub mod oidc;
pub mod outbox;
pub mod password;
pub mod pesel;
pub mod phone;
pub mod rate;
pub mod recovery;
pub mod relying;
pub mod session;
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
pub use lang::Lang;
pub use name::PersonName;
pub use office::{ConfirmationPoint, PointId};
pub use outbox::{Channel, DeliveryStatus, OutboxMessage};
pub use password::{Password, PasswordHash};
pub use pesel::Pesel;
pub use phone::PhoneNumber;
pub use rate::RateWindow;
pub use session::IdleSession;
pub use signin::{
    Challenge, ChallengeKind, ChallengeStatus, ChallengeView, CitizenSession, Device, Platform, PushPrompt,
};
pub use slot::{Slot, SlotRef};
pub use sms_code::{CodeError, CodeGuard, SmsCode};
pub use username::Username;
pub use video_app::VideoApp;
