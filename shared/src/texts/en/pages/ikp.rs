//! The IKP patient-portal demo, a relying service (`/ikp`, `web/ikp.html` + `ikp.js`).

#[allow(unused_imports)]
use super::super::*;

page_words! {
    ("ikp.title", "Internetowe Konto Pacjenta (Internet Patient Account, IKP) — demo"),
    ("ikp.brand", "Internetowe Konto Pacjenta <small>(demo)</small>"),
    ("ikp.heading", "Internetowe Konto Pacjenta (Internet Patient Account, IKP)"),
    (
        "ikp.intro",
        "This is a demo service that signs patients in with the trusted profile (Profil Zaufany), using OpenID Connect with PKCE.",
    ),
    ("ikp.sign_in", "Sign in with your trusted profile"),
    ("ikp.welcome", "Welcome to IKP"),
    ("ikp.given_name", "First name"),
    ("ikp.family_name", "Last name"),
    ("ikp.birthdate", "Date of birth"),
    ("ikp.patient_id", "Your patient identifier in this service:"),
    ("ikp.sign_out", "Sign out"),
    ("js.ikp.sign_in_failed", "Signing in failed ({error})."),
    ("js.ikp.bad_state", "Invalid sign-in response (state). Please try again."),
    ("js.ikp.bad_nonce", "Invalid token (nonce)."),
    ("js.ikp.userinfo_failed", "We could not get the patient's details."),
    ("js.ikp.welcome_name", "Welcome, {given} {family}"),
    ("js.ikp.ended_elsewhere", "Your trusted profile session has ended, so we have also signed you out of IKP."),
    ("js.ikp.signed_out", "You have signed out of IKP and of your trusted profile."),
    ("js.ikp.bad_logout_state", "Invalid sign-out response (state)."),
}
