#[allow(unused_imports)]
use super::super::*;

page_words! {
    ("logged_out.title", "Sign out — Profil Zaufany"),
    ("logged_out.heading", "Sign out"),
    (
        "logged_out.question",
        "The service you have come from is asking to sign you out. Do you want to sign out of your trusted profile \
         (Profil Zaufany) on this device?",
    ),
    (
        "logged_out.hint",
        "The services you signed in to during this session will also be told that you have signed out.",
    ),
    ("logged_out.stay", "Stay signed in"),
    ("logged_out.sign_out", "Sign out"),
    ("logged_out.done_heading", "You are not signed in"),
    ("logged_out.done_text", "You are not signed in to your trusted profile (Profil Zaufany) on this device."),
    ("logged_out.sign_in", "Sign in"),
}
