#[allow(unused_imports)]
use super::super::*;

page_words! {
    ("consent.title", "Consent to share your details — Profil Zaufany"),
    ("consent.heading", "Consent to share your details"),
    (
        "consent.hint",
        "We will remember your consent. You can withdraw it at any time in “Profile details”, under “Connected \
         services” (“Revoke access”).",
    ),
    ("consent.deny", "Cancel"),
    ("consent.allow", "I agree"),
    (
        "consent.no_request",
        "This page appears when an external service asks for details from your trusted profile (Profil Zaufany). \
         Go back to the service and sign in again.",
    ),
    ("consent.to_profile", "Go to profile details"),
    ("js.consent.scope_openid", "an identifier the service will use to recognise you each time you sign in"),
    ("js.consent.scope_profile", "first name, surname and date of birth"),
    ("js.consent.scope_email", "email address"),
    ("js.consent.scope_phone", "mobile phone number"),
    ("js.consent.scope_pesel", "PESEL number"),
    (
        "js.consent.question",
        "The service {service} wants to receive the following from your trusted profile (Profil Zaufany):",
    ),
    ("js.consent.scope_new", "{scope} (new)"),
}
