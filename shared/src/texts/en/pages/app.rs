//! The mObywatel app simulator (`/mobywatel`, `web/app.html` + `app.js`).

#[allow(unused_imports)]
use super::super::*;

page_words! {
    ("app.title", "mObywatel (simulator) — Profil Zaufany"),
    (
        "app.intro",
        "App simulator: it works like a phone with the mObywatel app linked to a trusted profile (Profil Zaufany).",
    ),
    ("app.link_button", "Link the app to your profile"),
    ("app.sign_in_to_link", "Sign in to link the app"),
    ("app.code_title", "Confirm with the code from the SMS"),
    ("app.code_label", "Authorisation code"),
    ("app.confirm", "Confirm"),
    ("app.push_title", "Confirm in your current app"),
    (
        "app.push_text",
        "An mObywatel app is already linked to your profile. Open it on your current phone and choose this number:",
    ),
    ("app.time_left", "Time left:"),
    ("app.send_sms", "Send an SMS code"),
    ("app.linked_notice", "The app is linked to your trusted profile."),
    ("app.requests_heading", "Requests to confirm"),
    ("app.no_requests", "No requests. New ones will appear here automatically."),
    ("app.unlink", "Unlink the app on this device"),
    ("js.app.kind_login", "Signing in to your trusted profile"),
    ("js.app.kind_auth_method_change", "Changing the authorisation method to push notifications"),
    ("js.app.kind_extend", "Extending your trusted profile"),
    ("js.app.kind_link_device", "Linking a new mObywatel app"),
    ("js.app.kind_delete_profile", "DELETING your trusted profile"),
    ("js.app.kind_phone_change", "Changing your phone number"),
    (
        "js.app.signed_in_as",
        "You are signed in as {username}. Link the app to confirm sign-ins with push notifications.",
    ),
    ("js.app.sign_in_to_link", "Sign in to link the app to your trusted profile."),
    (
        "js.app.code_sent",
        "An mObywatel app is already linked to your profile. To link this one, enter the code we sent to {phone}.",
    ),
    ("js.app.link_denied", "The link was rejected in your current app. This app has not been linked."),
    ("js.app.link_expired", "The time to confirm has run out. This app has not been linked — please try again."),
    ("js.app.request_times", "Sent at {at}, valid until {until}. If you are not the one signing in, reject it."),
    ("js.app.pick_number", "Choose the number you can see in your browser:"),
    ("js.app.choose_number", "Choose {number}"),
    ("js.app.reject", "This wasn't me — reject"),
    ("js.app.approved", "Confirmed."),
    ("js.app.rejected", "Rejected."),
}
