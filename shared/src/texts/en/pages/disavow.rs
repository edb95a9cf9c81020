#[allow(unused_imports)]
use super::super::*;

page_words! {
    ("disavow.title", "This wasn't me — Profil Zaufany"),
    ("disavow.heading", "This wasn't me"),
    (
        "disavow.intro",
        "Did you get a message about a change to your trusted profile (Profil Zaufany) that you did not make? \
         Secure your profile:",
    ),
    ("disavow.step_sessions", "we will end all sessions — you will need to sign in again on every device,"),
    ("disavow.step_app", "we will unlink the mObywatel app (your authorisation method will become an SMS code),"),
    (
        "disavow.step_password",
        "we will block signing in with a password until you set a new one with “Forgotten your password?”.",
    ),
    ("disavow.button", "This wasn't me — secure my profile"),
    (
        "disavow.no_link",
        "This page works with the “This wasn't me” link in the email about a change to your profile. Open that \
         link again, or set a new password with <a href=\"/odzyskiwanie\">“Forgotten your password?”</a>.",
    ),
    ("disavow.done_heading", "Your profile is secure"),
    (
        "disavow.done_text",
        "We have ended all sessions, unlinked the mObywatel app and blocked signing in with a password. We have \
         also sent you an email with the next steps.",
    ),
    ("disavow.set_password", "Set a new password"),
}
