#[allow(unused_imports)]
use super::super::*;
use crate::domain::signin::PUSH_LIFETIME;

page_words! {
    ("login.title", "Sign in — Profil Zaufany"),
    ("login.heading", "Sign in with your trusted profile (Profil Zaufany)"),
    ("login.login_label", "Username or email address"),
    ("login.password_label", "Password"),
    ("login.next", "Next"),
    ("login.forgot_password", "Forgotten your password?"),
    ("login.forgot_username", "Forgotten your username?"),
    ("login.bank_heading", "Sign in through a bank or Envelo"),
    (
        "login.bank_text",
        "Sign in the way you sign in to your bank or Envelo. We will find your trusted profile by the PESEL number \
         that the bank or Envelo passes on to us.",
    ),
    ("login.code_heading", "Enter the code from the SMS"),
    ("login.code_label", "Authorisation code"),
    ("login.back", "Back"),
    ("login.confirm", "Confirm"),
    ("login.push_heading", "Confirm your sign-in in the mObywatel app"),
    ("login.push_pick", "Open the mObywatel app and choose this number:"),
    ("login.time_left", "Time left:"),
    (
        "login.push_hint",
        formatcp!(
            "Cannot see the notification? Open the app — the request waits there for {}. If you do not have the \
             app with you, you can get an SMS code sent to the phone number in your profile instead.",
            count!(minutes(PUSH_LIFETIME), "minute", "minutes")
        ),
    ),
    ("login.cancel", "Cancel"),
    ("login.send_sms", "Send an SMS code"),
    ("js.login.login_missing", "Enter your username or email address."),
    ("js.login.password_missing", "Enter your password."),
    ("js.login.denied", "Signing in was rejected in the mObywatel app (or a different number was chosen)."),
    ("js.login.expired", "The time to confirm has run out. Sign in again."),
    ("js.login.code_sent", formatcp!("We have sent a code to {{phone}}. The code is valid for {CODE_VALIDITY}.")),
    ("js.login.sms_failed", "We could not send the code."),
    (
        "js.login.for_service",
        "An external service is asking to confirm your identity. After you sign in, you will go back to it.",
    ),
}
