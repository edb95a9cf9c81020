//! The home page (`web/index.html`).

#[allow(unused_imports)]
use super::super::*;

page_words! {
    ("index.title", "Set up a trusted profile — Profil Zaufany"),
    ("index.heading", "Set up a trusted profile (Profil Zaufany)"),
    (
        "index.intro",
        "A trusted profile confirms your identity securely. You can use it to deal with public services online, \
         including signing in to Internetowe Konto Pacjenta (Internet Patient Account, IKP).",
    ),
    ("index.temporary_heading", "Temporary trusted profile"),
    (
        "index.temporary_how",
        "Fill in the application online, confirm it with the code we send you by SMS, and then confirm your \
         identity during a video call with an official. You will need:",
    ),
    ("index.need_pesel", "your PESEL number and ID card"),
    ("index.need_contact", "an email address and a mobile phone number"),
    ("index.need_device", "a device (phone, tablet or laptop) with a camera and microphone"),
    ("index.apply_link", "Set up a temporary trusted profile"),
    ("index.have_profile_heading", "Already have a trusted profile?"),
    ("index.sign_in", "Sign in"),
    ("index.profile_link", "Profile details"),
    ("index.app_link", "The mObywatel app (simulator)"),
    ("index.ikp_link", "Internetowe Konto Pacjenta (demo)"),
}
