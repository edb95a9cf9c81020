#[allow(unused_imports)]
use super::super::*;

page_words! {
    ("js.idp.cancelled", "Signing in at the bank or Envelo was interrupted or rejected. You can try again."),
    (
        "js.idp.stale",
        "This attempt to sign in at the bank or Envelo has expired or has already been used. Start again.",
    ),
    ("js.idp.provider_failed", "We could not confirm your identity with the bank or Envelo. Try again in a moment."),
    (
        "js.idp.claims_missing",
        "The bank or Envelo did not pass on your first name, surname and PESEL number. Try again or fill in the \
         application.",
    ),
    (
        "js.idp.pesel_refused",
        "The bank or Envelo passed on a PESEL number that is not valid. Contact your bank or fill in the application.",
    ),
    (
        "js.idp.no_profile",
        "You do not have a trusted profile yet. You can set one up straight away through a bank or Envelo.",
    ),
    (
        "js.idp.profile_not_active",
        "Your trusted profile is not active: it is waiting for an official to confirm your identity, it has expired, \
         or it has been closed.",
    ),
    (
        "js.idp.password_blocked",
        "After “This wasn't me” was reported, signing in is blocked until you set a new password. Use “Forgotten your \
         password?”.",
    ),
    ("js.idp.create_profile", "Set up a trusted profile"),
    ("js.idp.demo", "{name} (demo)"),
}
