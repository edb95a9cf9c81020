//! English: the same things the Polish catalogue says, in plain British English
//! (docs/languages.md: GOV.UK style, the glossary's terms and the pages' button names).
//!
//! A number a sentence states (how long a code is valid, how many tries…) is the
//! domain's constant, put in at compile time, as in `pl.rs`.
//!
//! SMS use only GSM-7 characters (straight quotes, no dashes), so that one SMS holds
//! 160 characters (`tests::every_sms_fits_one_message`).

use const_format::formatcp;

use super::{call_app, days, hours, minutes, Catalogue, Email, Letters, Sentences, PROFILE_YEARS};
use super::{Errors, Field, Idp, RecoveryField, SigninField};
use crate::domain::application::{NO_SHOW_LIFETIME, REASON_MAX_CHARS, REASON_MIN_CHARS};
use crate::domain::office::OFFICE_LIFETIME;
use crate::domain::signin::{CHOICES, PUSHES_PER_WINDOW, PUSH_WINDOW};
use crate::domain::slot::{
    BOOKING_HORIZON, GRID_MINUTES, MAX_AHEAD, MAX_CAPACITY, MAX_LENGTH, MIN_CAPACITY, MIN_LENGTH,
};
use crate::domain::sms_code::{DIGITS as CODE_DIGITS, HOUR as CODE_HOUR, TRIES_PER_CODE, VALID_FOR as CODE_VALID_FOR};
use crate::domain::video_app::CallLink;
use crate::domain::{attempts, clerk, name, password, username};
use crate::domain::{Application, IdempotencyKey, PushToken};

/// The form of an English noun after the number `n`: `one` after 1, `other` after the rest
/// (0 included: "0 minutes").
const fn plural(n: i64, one: &'static str, other: &'static str) -> &'static str {
    if n == 1 {
        one
    } else {
        other
    }
}

/// A number and its noun, at compile time: `count!(5_i64, "minute", "minutes")` is "5 minutes".
macro_rules! count {
    ($n:expr, $one:literal, $other:literal) => {
        formatcp!("{} {}", $n, plural($n as i64, $one, $other))
    };
}

/// "between 3 and 64 characters": English takes the plural after a range.
macro_rules! range {
    ($min:expr, $max:expr, $other:literal) => {
        formatcp!("between {} and {} {}", $min, $max, $other)
    };
}

/// A span said as English says it when it is one unit: "in an hour", "in the last hour",
/// "once", but "in 2 hours", "in the last 15 minutes", "3 times".
macro_rules! span {
    ($n:expr, $single:literal, $one:literal, $other:literal) => {
        if $n == 1 {
            $single
        } else {
            count!($n, $one, $other)
        }
    };
}

/// "valid for 5 minutes"
const CODE_VALIDITY: &str = count!(minutes(CODE_VALID_FOR), "minute", "minutes");
/// "up to 30 days ahead"
const BOOKING_DAYS: &str = count!(days(BOOKING_HORIZON), "day", "days");
/// "will expire no later than 7 days after the chosen call time"
const NO_SHOW_DAYS: &str = count!(days(NO_SHOW_LIFETIME), "day", "days");
/// "within 14 days": how long an application waits for a visit to a confirmation point.
/// (The Polish says "14 dni" in words; here it is the domain's constant.)
const OFFICE_DAYS: &str = count!(days(OFFICE_LIFETIME), "day", "days");
/// "valid for 3 years"
const PROFILE_VALIDITY: &str = count!(PROFILE_YEARS, "year", "years");
/// "(maximum 16 KiB)": the largest request body.
const MAX_BODY_KIB: usize = {
    assert!(crate::http::MAX_BODY.is_multiple_of(1024), "TOO_LARGE states the limit in whole KiB: reword it");
    crate::http::MAX_BODY / 1024
};

const NOT_FOUND: &str = "We could not find this application.";
const INTERNAL: &str = "Something went wrong on our side. Try again in a moment.";
const UNAVAILABLE: &str = "The service is temporarily unavailable. Try again in a moment.";
const BUSY: &str = "Several requests are changing the same details at the moment. Try again in a moment.";
const SMS_UNAVAILABLE: &str = "We could not send the SMS. Try again in a moment.";
const INVALID_JSON: &str = "Invalid data: the request body is not valid JSON.";
const NOT_AN_OBJECT: &str = "Invalid data: a JSON object was expected.";
const BAD_IDEMPOTENCY_KEY: &str = formatcp!(
    "Invalid Idempotency-Key header: it must be {} long, in ASCII with no spaces.",
    range!(IdempotencyKey::MIN, IdempotencyKey::MAX, "characters")
);
const IDEMPOTENCY_KEY_REUSED: &str =
    "This application has already been sent with different details. Refresh the page and fill in the application again.";
const CONTENT_TYPE: &str = "Invalid data: the Content-Type: application/json header is required.";
const TOO_LARGE: &str = formatcp!("The data sent is too large (maximum {MAX_BODY_KIB} KiB).");
const NOT_AUTHORISED: &str = "Your session has expired or has not started. Start your application again.";
const CSRF: &str = "The security token (CSRF) is missing or invalid. Refresh the page and try again.";
const ROUTE_NOT_FOUND: &str = "Page not found.";
const METHOD_NOT_ALLOWED: &str = "This method is not supported at this address.";
const NO_CALL: &str = "This application will be confirmed at a confirmation point: there is no video call.";
const SLOT_FULL: &str = "The call time you chose has already been taken. Choose another time.";
/// Shown only after the SMS code proved the phone (docs/rules.md §8.4), with the way to report a
/// stranger's application or profile.
const PESEL_TAKEN: &str = formatcp!(
    "There is already an open application or an active trusted profile for this PESEL number. \
If you did not apply or set up the profile yourself, report it at a government office and show your ID card. \
Someone else's application cannot be approved without an official who checks their identity document (during a \
video call or at a confirmation point). It will expire no later than {NO_SHOW_DAYS} after the chosen call time \
(call times can be booked up to {BOOKING_DAYS} ahead), or {OFFICE_DAYS} after it was submitted if a confirmation \
point was chosen. Your PESEL number will then be free again."
);
const PHONE_TAKEN: &str = "An application that is waiting for identity confirmation has already been made with this \
phone number. A phone number can only have one open application.";
const USERNAME_TAKEN: &str = "This username is already taken. Choose another one.";
const EMAIL_TAKEN: &str = "This email address is already used in another application or profile.";
const ALREADY_SUBMITTED: &str = "This application has already been submitted.";
const APPLICATION_EXPIRED: &str =
    "The time to confirm the application with an SMS code has run out. Submit a new application.";
const WRONG_STATE: &str = "This cannot be done with the application in its current state.";
const CODE_NONE: &str = "No code has been sent yet. Select “Send the code again”.";
const CODE_EXPIRED: &str = formatcp!("The code has expired (it is valid for {CODE_VALIDITY}). Ask for a new code.");
const CODE_DEAD: &str = formatcp!(
    "A wrong code was entered {}. This code no longer works: ask for a new one.",
    span!(TRIES_PER_CODE, "once", "time", "times")
);
const CODE_USED: &str = "This code has already been used.";
const TOO_MANY_SENDS: &str = formatcp!(
    "We have already sent {} in the last {}. Try again later.",
    count!(crate::domain::sms_code::SENDS_PER_HOUR, "code", "codes"),
    span!(hours(CODE_HOUR), "hour", "hour", "hours")
);
const BLOCKED: &str = formatcp!(
    "Too many wrong codes. You can get a new code in {}.",
    span!(hours(CODE_HOUR), "an hour", "hour", "hours")
);

/// Messages about one form field.
mod field {
    use super::*;

    pub(super) const PESEL_FORMAT: &str = "A PESEL number must be 11 digits.";
    pub(super) const PESEL_CHECKSUM: &str = "Invalid PESEL number: the check digit does not match.";
    pub(super) const PESEL_DATE: &str = "Invalid PESEL number: it contains a date of birth that does not exist.";
    pub(super) const PESEL_FUTURE: &str = "Invalid PESEL number: the date of birth is in the future.";
    pub(super) const USERNAME_NON_ASCII: &str =
        "Your username cannot contain letters with accents or other marks (such as ą, ł or é).";
    pub(super) const USERNAME_SPACE: &str = "Your username cannot contain spaces.";
    pub(super) const USERNAME_DOT: &str = "Your username cannot contain a full stop.";
    pub(super) const USERNAME_SPECIAL: &str =
        "Your username can only contain letters, numbers, underscores (_) and hyphens (-).";
    pub(super) const USERNAME_LENGTH: &str =
        formatcp!("Your username must be {}.", range!(username::MIN_LEN, username::MAX_LEN, "characters"));
    pub(super) const PASSWORD_SHORT: &str =
        formatcp!("Your password must be at least {}.", count!(password::MIN_CHARS, "character", "characters"));
    pub(super) const PASSWORD_CONTROL: &str =
        "Your password cannot contain control characters (such as a tab or a new line).";
    pub(super) const PASSWORD_LONG: &str =
        formatcp!("Your password must be {} or fewer.", count!(password::MAX_CHARS, "character", "characters"));
    pub(super) const PASSWORD_NO_UPPER: &str = "Your password must contain at least one capital letter.";
    pub(super) const PASSWORD_NO_LOWER: &str = "Your password must contain at least one lower-case letter.";
    pub(super) const PASSWORD_NO_DIGIT: &str = "Your password must contain at least one number or special character.";
    pub(super) const PASSWORD_HAS_USERNAME: &str = "Your password cannot contain your username.";
    pub(super) const PASSWORD_COMMON: &str =
        "This password is too common (it is on a list of the most used passwords). Choose another one.";
    pub(super) const NAME_EMPTY: &str = "This field is required.";
    pub(super) const NAME_LONG: &str =
        formatcp!("This must be {} or fewer.", count!(name::MAX_CHARS, "character", "characters"));
    pub(super) const NAME_SCRIPT: &str = "Use letters of the Latin alphabet, as on your ID card.";
    pub(super) const NAME_CHARS: &str = "Only letters, spaces, hyphens (-) and apostrophes (') are allowed.";
    pub(super) const EMAIL_FORMAT: &str = "Enter a valid email address, such as jan.kowalski@example.pl.";
    pub(super) const EMAIL_LONG: &str = "The email address is too long.";
    pub(super) const PHONE_FORMAT: &str = "Enter a mobile phone number: a Polish one (9 digits, such as 500 100 200) \
or a foreign one with the country code (such as +380 67 123 4567).";
    pub(super) const PHONE_NOT_MOBILE: &str = "This is not a mobile phone number, so we cannot send an SMS to it.";
    pub(super) const VIDEO_APP: &str = "Choose one of the video call apps on the list.";
    pub(super) const CONFIRMATION: &str =
        "Choose how you will confirm your identity: during a video call or at a confirmation point.";
    pub(super) const CONFIRMATION_MIXED: &str = "Choose one: a video call time or a confirmation point.";
    pub(super) const APPLICATION_NUMBER: &str =
        "Enter the application number the citizen shows you (such as ABCD-EFGH-IJKL).";
    pub(super) const POINT_UNKNOWN: &str = "Choose a confirmation point from the list.";
    pub(super) const SLOT_UNKNOWN: &str = "Choose a call time from the list.";
    pub(super) const SLOT_PAST: &str = "This time has already passed. Choose another one.";
    pub(super) const SLOT_BEYOND_BOOKING: &str =
        formatcp!("A call time can be booked up to {BOOKING_DAYS} ahead. Choose an earlier one.");
    pub(super) const CODE_FORMAT: &str =
        formatcp!("The authorisation code is {}.", count!(CODE_DIGITS, "digit", "digits"));
    pub(super) const SLOT_TIME: &str = "Enter the time in RFC 3339 format, such as 2026-11-24T09:00:00Z.";
    pub(super) const SLOT_GRID: &str = {
        assert!(GRID_MINUTES < 60, "SLOT_GRID's example is within an hour");
        formatcp!(
            "A slot must start and end at {}-minute intervals (such as 09:00 or 09:{}{}).",
            GRID_MINUTES,
            if GRID_MINUTES < 10 { "0" } else { "" },
            GRID_MINUTES
        )
    };
    pub(super) const SLOT_LENGTH: &str = formatcp!(
        "A slot must last {} and end after it starts.",
        range!(minutes(MIN_LENGTH), minutes(MAX_LENGTH), "minutes")
    );
    pub(super) const SLOT_TOO_FAR: &str =
        formatcp!("Slots can be published up to {} ahead.", count!(days(MAX_AHEAD), "day", "days"));
    pub(super) const SLOT_CAPACITY: &str =
        formatcp!("The number of places (officials on duty) must be between {MIN_CAPACITY} and {MAX_CAPACITY}.");
    pub(super) const CHECK_DATA: &str = "Confirm that the citizen has confirmed their details are true and up to date.";
    pub(super) const CHECK_RULES: &str = "Confirm that the rules of the temporary trusted profile have been explained.";
    pub(super) const CHECK_ID: &str = "Confirm that the identity document has been checked.";
    pub(super) const REASON: &str = formatcp!(
        "Give the reason for rejecting the application ({}, with no control characters).",
        range!(REASON_MIN_CHARS, REASON_MAX_CHARS, "characters")
    );
    pub(super) const CALL_URL: &str = formatcp!(
        "Enter a call link that starts with https:// ({} or fewer).",
        count!(CallLink::MAX_LEN, "character", "characters")
    );
    pub(super) const DATE: &str = "Enter the date in YYYY-MM-DD format.";
    pub(super) const TOKEN: &str = "The link to change the call time is not valid.";
}

/// A moment as the emails and SMS state it: "06.12.2026 at 09:00 (Polish time)".
fn when(t: chrono::DateTime<chrono::Utc>) -> String {
    // Times are shown in Polish time; CET/CEST is approximated by the EU rule.
    crate::domain::time::polish_time(t).format("%d.%m.%Y at %H:%M (Polish time)").to_string()
}

/// The application waits for the citizen to come to a confirmation point.
fn office_application_sent_email(app: &Application, point: &crate::domain::ConfirmationPoint) -> Email {
    let until = app.review.expires_at.map(date).unwrap_or_default();
    Email {
        subject: "Your application for a temporary trusted profile has been submitted".into(),
        body: format!(
            "Hello {name},\n\n\
             Your application for a temporary trusted profile (Profil Zaufany) has been submitted.\n\n\
             Application number: {number}\n\n\
             Go to a confirmation point within {OFFICE_DAYS}, by {until} at the latest, and take your \
             ID card or passport. The official will find your application by your PESEL number and \
             the application number: show them this number. Do not give this number to anyone except \
             the official at the confirmation point.\n\n\
             Chosen point: {point}\n\
             Address: {address}\n\
             Opening hours: {hours}\n\
             You can also go to a different confirmation point.\n\n\
             If you do not go within this time, your application will expire.\n\n\
             Profil Zaufany",
            name = app.first_name.as_str(),
            number = app.number.reveal(),
            point = point.name,
            address = point.address,
            hours = point.hours,
        ),
    }
}

/// The video call's start ("" for an office application, which has none).
fn call_when(app: &Application) -> String {
    app.slot.as_ref().map(|s| when(s.start)).unwrap_or_default()
}

fn date(t: chrono::DateTime<chrono::Utc>) -> String {
    crate::domain::time::polish_time(t).format("%d.%m.%Y").to_string()
}

/// The public service the emails give as an example (a proper name, kept in Polish).
const IKP: &str = "Internetowe Konto Pacjenta (Internet Patient Account, IKP)";

const SAME_EMAIL: &str = "This is already your profile's email address.";
const SAME_PHONE: &str = "This is already your profile's phone number.";

const BAD_CREDENTIALS: &str = "The username or password is incorrect.";
/// After five failed sign-ins with one login, known or not: nothing here says whether it exists.
/// (The Polish says "in a dozen or so minutes"; English states the window.)
const LOGIN_LOCKED: &str = formatcp!(
    "Too many failed attempts to sign in with this username or email address. Try again in {}.",
    count!(minutes(attempts::PASSWORD.window), "minute", "minutes")
);
const SOURCE_LIMIT: &str = "Too many attempts from this network address in a short time. Try again later.";
/// Every refused clerk sign-in (unknown, disabled, wrong password or code, slowed down):
/// nothing here says which.
const CLERK_BAD_CREDENTIALS: &str = formatcp!(
    "The username, password or code from the app is incorrect. After several failed attempts, you have to wait {} \
before the next one.",
    count!(clerk::PER_ACCOUNT_FROM_SOURCE.trickle.window.num_seconds(), "second", "seconds")
);
const CLERK_REQUIRED: &str = "Sign in to the officials' panel.";
const NOT_A_CLERK: &str = "This page is only for officials.";
const ALREADY_DECIDED: &str = "A decision has already been made on this application.";
const NOT_SUBMITTED: &str = "This application has not been confirmed with an SMS code yet.";
const APPLICATION_EXPIRED_NO_SHOW: &str = "This application has expired.";
const SLOT_NOT_PASSED: &str = "The call time has not passed yet, so it cannot be changed now.";
const REBOOK_USED: &str = "The call time can only be changed once.";
const SLOT_OVERLAP: &str = "This slot overlaps another published slot. Change the times, or increase the number of \
places in the other slot.";

// ---------- signing in (docs/rules.md §2) ----------

const PROFILE_EXPIRED: &str = formatcp!(
    "Your trusted profile has expired (it was valid for {PROFILE_VALIDITY}). To keep using services, set up a new \
trusted profile."
);
const PROFILE_NOT_CONFIRMED: &str = "Your trusted profile has not been confirmed by an official yet. You can sign in \
once an official confirms your identity (during a video call or at a confirmation point).";
const PROFILE_CLOSED: &str = "This trusted profile is not active. To use services, set up a new trusted profile.";
const LOGIN_REQUIRED: &str = "Sign in with your trusted profile.";
const CHALLENGE_EXPIRED: &str = "The time to confirm has run out. Sign in again.";
const CHALLENGE_ANSWERED: &str = "This request has already been dealt with.";
const CHALLENGE_NOT_FOUND: &str = "We could not find the sign-in request. Sign in again.";
const NO_DEVICE: &str =
    "Link the mObywatel app to your trusted profile first. Only then can you choose push notifications.";
const PUSH_LIMIT: &str = formatcp!(
    "We have already sent {} in the last {}. Try again later.",
    count!(PUSHES_PER_WINDOW, "push notification", "push notifications"),
    span!(minutes(PUSH_WINDOW), "minute", "minute", "minutes")
);
const PUSH_UNAVAILABLE: &str = "We could not register the device for push notifications. Try again later.";
const DEVICE_REQUIRED: &str = "The device secret is missing or invalid (Authorization: Device … header).";
const WRONG_METHOD: &str = "This request is confirmed in the mObywatel app, not with an SMS code.";

mod signin_field {
    use super::*;

    pub(super) const LOGIN: &str = "Enter your username or email address.";
    pub(super) const PASSWORD: &str = "Enter your password.";
    pub(super) const METHOD: &str = "Choose an authorisation method: sms or push.";
    pub(super) const PLATFORM: &str = "The device platform must be android or ios.";
    pub(super) const PUSH_TOKEN: &str =
        formatcp!("Enter the device's notification token ({}).", range!(1_usize, PushToken::MAX_LEN, "characters"));
    pub(super) const MATCH_NUMBER: &str = formatcp!("Choose one of the {CHOICES} numbers.");
}

// ---------- a profile's life (docs/rules.md §5) ----------

/// "valid for 30 minutes"
const RECOVERY_LINK_VALIDITY: &str = count!(minutes(crate::domain::recovery::LINK_VALID_FOR), "minute", "minutes");

const RECOVERY_LINK_DEAD: &str = "This link to change your password has expired, has already been used or is \
incomplete. Ask for a new link on the sign-in page (“Forgotten your password?”).";

mod recovery_field {
    pub(super) const TOKEN: &str = "The token from the link is missing. Open the link in the email again.";
}

const WRONG_CURRENT_PASSWORD: &str = "Your current password is incorrect.";

/// "If this wasn't you…" with the "This wasn't me" link, in every security notification.
fn not_me_paragraph(link: &str) -> String {
    format!(
        "If this wasn't you, select “This wasn't me”:\n{link}\n\
         The link is valid for {DISAVOW_LINK_VALIDITY}. We will then end all sessions, unlink the \
         mObywatel app and block signing in with a password until you set a new one with \
         “Forgotten your password?”. Never give anyone your password or the codes we send by SMS.\n\n"
    )
}

/// "valid for 10 days"
const DISAVOW_LINK_VALIDITY: &str = count!(days(crate::domain::disavow::LINK_VALID_FOR), "day", "days");

const DISAVOW_LINK_DEAD: &str = "This “This wasn't me” link has expired, has already been used or is incomplete. If \
someone is changing your profile, set a new password with “Forgotten your password?” on the sign-in page.";

const PASSWORD_BLOCKED: &str = "Signing in to this profile with a password is blocked after a “This wasn't me” \
report. Set a new password with “Forgotten your password?” and sign in again.";

const OIDC_BAD_REQUEST: &str = "The sign-in request from the external service is not valid.";
const OIDC_BAD_CLIENT: &str =
    "The service that sent the sign-in request is not registered, or it gave a return address that is not valid.";
const OIDC_REFUSED: &str = "The external service did not receive the sign-in details.";
const OIDC_BAD_LOGOUT: &str = "The service that sent the sign-out request gave a token that is not valid or a return \
address that is not registered.";
const CONSENT_DECISION: &str = "Choose “I agree” or “Cancel”.";

/// Signing in or creating a profile through a bank or Envelo (docs/rules.md §1.12). The
/// reasons a trip comes back with (`?idp_error=`) are the pages' own (web/idp.js).
mod idp {
    pub(super) const CLAIMS_MISSING: &str = "Your bank or Envelo did not pass on your first name, surname and PESEL \
number. Try again, or set up a profile by filling in the application.";
    pub(super) const BAD_PURPOSE: &str =
        "This link is not valid. Go back to the sign-in page or the application and try again.";
    pub(super) const VOUCHED_GONE: &str =
        "The details from your bank or Envelo have expired. Sign in to your bank or Envelo again.";
}

pub struct English;

impl Catalogue for English {
    fn sentences(&self) -> &'static Sentences {
        &SENTENCES
    }

    fn wrong_code(&self, tries_left: u8) -> String {
        let tries = plural(tries_left.into(), "attempt", "attempts");
        format!("Incorrect code. You have {tries_left} {tries} left for this code.")
    }

    fn duplicate_field(&self, name: &str) -> String {
        format!("Invalid data: the field “{name}” was given more than once.")
    }

    fn unknown_field(&self, name: &str) -> String {
        format!("Unknown field “{name}”.")
    }

    fn missing_field(&self, name: &str) -> String {
        format!("The required field “{name}” is missing.")
    }

    fn wrong_type(&self, name: &str) -> String {
        format!("The field “{name}” has the wrong type (text was expected).")
    }
}

impl Letters for English {
    fn sms_code(&self, code: &str) -> String {
        format!(
            "Profil Zaufany: your authorisation code is {code}. It is valid for {CODE_VALIDITY}. \
             Do not share it with anyone."
        )
    }

    fn account_created_email(&self, app: &Application) -> Email {
        Email {
            subject: "Your Profil Zaufany account has been created".into(),
            body: format!(
                "Hello {name},\n\n\
                 We confirm that your account for the trusted profile (Profil Zaufany) has been created.\n\
                 Username: {user}\n\n\
                 {how}\n\n\
                 If you did not create this account, ignore this email.\n\n\
                 Profil Zaufany",
                name = app.first_name.as_str(),
                user = app.username.as_str(),
                how = match (&app.office, &app.vouched_by) {
                    (_, Some(by)) => format!(
                        "Your identity was confirmed through {}, so your trusted profile is already active. \
                         We have sent you the details in a separate email.",
                        by.name
                    ),
                    (Some(_), _) => "Your temporary trusted profile will start working once you confirm your \
                                     identity at a confirmation point. We have sent you confirmation of your \
                                     application in a separate email."
                        .to_owned(),
                    _ => "Your temporary trusted profile will start working once an official confirms your \
                          identity during a video call. We have sent you confirmation of your application in a \
                          separate email."
                        .to_owned(),
                },
            ),
        }
    }

    fn application_sent_email(&self, app: &Application) -> Email {
        if let Some(point) = &app.office {
            return office_application_sent_email(app, point);
        }
        Email {
            subject: "Your application for a temporary trusted profile has been submitted".into(),
            body: format!(
                "Hello {name},\n\n\
                 Your application for a temporary trusted profile (Profil Zaufany) has been submitted.\n\n\
                 Application number: {number}\n\n\
                 IMPORTANT: you will need this number during the call with an official. The official \
                 will call you and tell you the number of your application. Check that it matches the \
                 number above. Do not give this number to anyone.\n\n\
                 Video call time: {when}\n\
                 App: {video_app}\n\
                 Before the call, you will get an email with a link to the call. Make sure your device \
                 has a camera and a microphone, and have your ID card ready.\n\n\
                 Profil Zaufany",
                name = app.first_name.as_str(),
                number = app.number.reveal(),
                when = call_when(app),
                video_app = call_app(app),
            ),
        }
    }

    /// The second email of a profile a bank or Envelo vouched for: active at once.
    fn vouched_profile_active_email(&self, app: &Application, valid_until: chrono::DateTime<chrono::Utc>) -> Email {
        let provider = app.vouched_by.as_ref().map_or("a bank or Envelo", |v| v.name.as_str());
        Email {
            subject: "Your trusted profile is active".into(),
            body: format!(
                "Hello {name},\n\n\
                 Your trusted profile (Profil Zaufany) has been set up through {provider}, where your \
                 identity was confirmed. The profile is active and valid until {until}.\n\n\
                 You can now use it to sign in to public administration services, such as {IKP}. \
                 Username: {user}\n\n\
                 If you are not the one setting up this profile, report it at a government office and \
                 show your ID card.\n\n\
                 Profil Zaufany",
                name = app.first_name.as_str(),
                until = date(valid_until),
                user = app.username.as_str(),
            ),
        }
    }

    fn call_link_email(&self, app: &Application, url: &str) -> Email {
        Email {
            subject: "Link to your video call about your temporary trusted profile".into(),
            body: format!(
                "Hello {name},\n\n\
                 Here is the link to your video call with an official about your application for a \
                 temporary trusted profile (Profil Zaufany):\n\n{url}\n\n\
                 Call time: {when}\n\
                 App: {video_app}\n\n\
                 Have your ID card ready and check that your camera and microphone work. The official \
                 will tell you the number of your application: compare it with the number in the email \
                 confirming that your application was submitted. Do not give this number or any SMS \
                 codes to anyone yourself.\n\n\
                 Profil Zaufany",
                name = app.first_name.as_str(),
                when = call_when(app),
                video_app = call_app(app),
            ),
        }
    }

    fn confirmed_email(&self, app: &Application, valid_until: chrono::DateTime<chrono::Utc>) -> Email {
        Email {
            subject: "Your temporary trusted profile is active".into(),
            body: format!(
                "Hello {name},\n\n\
                 An official has confirmed your identity. Your temporary trusted profile (Profil Zaufany) \
                 is active and valid until {until}.\n\n\
                 You can now use it to sign in to public administration services, such as {IKP}. \
                 Username: {user}\n\n\
                 Profil Zaufany",
                name = app.first_name.as_str(),
                until = date(valid_until),
                user = app.username.as_str(),
            ),
        }
    }

    fn rejected_email(&self, app: &Application, reason: &str) -> Email {
        Email {
            subject: "Your application for a temporary trusted profile has been rejected".into(),
            body: format!(
                "Hello {name},\n\n\
                 Your application for a temporary trusted profile (Profil Zaufany) has been rejected.\n\n\
                 Reason: {reason}\n\n\
                 You can submit a new application. Your PESEL number, username and email address can be \
                 used again.\n\n\
                 Profil Zaufany",
                name = app.first_name.as_str(),
            ),
        }
    }

    fn no_show_email(
        &self,
        app: &Application,
        rebook_link: Option<&str>,
        expires_at: chrono::DateTime<chrono::Utc>,
    ) -> Email {
        let expires = when(expires_at);
        let next = match rebook_link {
            Some(link) => format!(
                "You can choose a new call time once (your application number will stay the same):\n\n{link}\n\n\
                 If you do not choose a new time, your application will expire on {expires}."
            ),
            None => format!(
                "The call time has already been changed once, so it cannot be changed again. Your application \
                 will expire on {expires}. After that, you can submit a new one."
            ),
        };
        Email {
            subject: "Your video call about your application did not take place".into(),
            body: format!(
                "Hello {name},\n\n\
                 The video call about your application for a temporary trusted profile (Profil Zaufany), \
                 booked for {when}, did not take place.\n\n{next}\n\n\
                 Profil Zaufany",
                name = app.first_name.as_str(),
                when = call_when(app),
            ),
        }
    }

    fn rebooked_email(&self, app: &Application) -> Email {
        Email {
            subject: "New video call time for your temporary trusted profile".into(),
            body: format!(
                "Hello {name},\n\n\
                 We have booked a new video call time for your application for a temporary trusted \
                 profile (Profil Zaufany): {when} ({video_app}). Your application number has not changed. \
                 Before the call, you will get an email with the link.\n\n\
                 Profil Zaufany",
                name = app.first_name.as_str(),
                when = call_when(app),
                video_app = call_app(app),
            ),
        }
    }

    fn expired_email(&self, app: &Application) -> Email {
        const NO_VISIT: &str =
            formatcp!("you did not confirm your identity at a confirmation point within {OFFICE_DAYS}");
        Email {
            subject: "Your application for a temporary trusted profile has expired".into(),
            body: format!(
                "Hello {name},\n\n\
                 Your application for a temporary trusted profile (Profil Zaufany) has expired because \
                 {why}. You can submit a new application. Your PESEL number, username and email address \
                 can be used again.\n\n\
                 Profil Zaufany",
                name = app.first_name.as_str(),
                why = if app.office.is_some() { NO_VISIT } else { "the video call did not take place" },
            ),
        }
    }

    /// To the owner of an email address someone used in an application (login.gov's way:
    /// the applicant learns nothing more than after any submission; the owner is told).
    fn email_in_use_email(&self) -> Email {
        Email {
            subject: "Someone gave your email address in an application for a trusted profile".into(),
            body: "Hello,\n\n\
                   Someone applied for a trusted profile (Profil Zaufany) and gave this email address, which \
                   is already linked to a trusted profile. The application was not accepted. If it was you, \
                   sign in to your profile or use “Forgotten your password?”. If it was not you, you do not \
                   need to do anything: your profile is safe.\n\n\
                   Profil Zaufany"
                .into(),
        }
    }

    fn profile_expired_email(&self, account: &crate::domain::Account) -> Email {
        Email {
            subject: "Your trusted profile has expired".into(),
            body: format!(
                "Hello {name},\n\n\
                 Your trusted profile (Profil Zaufany) has expired: its {PROFILE_VALIDITY} of validity have \
                 ended. To sign in to public services again, set up a new trusted profile. Your PESEL \
                 number, username and email address can be used again.\n\n\
                 Profil Zaufany",
                name = account.first_name.as_str(),
            ),
        }
    }

    /// The reminder 30 or 7 days before the end of validity, with the way to extend.
    fn expiry_reminder_email(&self, account: &crate::domain::Account, days: u32, profile_link: &str) -> Email {
        let until = account.valid_until.map(|u| crate::domain::time::polish_date(u).format("%d.%m.%Y").to_string());
        Email {
            subject: format!("Your trusted profile will expire in {days} {}", plural(i64::from(days), "day", "days")),
            body: format!(
                "Hello {name},\n\n\
                 Your trusted profile (Profil Zaufany) is valid until {until}. Extend it before it \
                 expires: after that date, you will need a new trusted profile and a new video call.\n\n\
                 Sign in and, in “Profile details”, select “Extend the profile”:\n{profile_link}\n\n\
                 You will confirm the extension with an SMS code or in the mObywatel app. The profile \
                 will then be valid for {PROFILE_VALIDITY} from the day you extend it.\n\n\
                 Profil Zaufany",
                name = account.first_name.as_str(),
                until = until.unwrap_or_default(),
            ),
        }
    }

    /// After "Usuń profil zaufany" (to the address the profile had).
    fn profile_deleted_email(&self, account: &crate::domain::Account, at: chrono::DateTime<chrono::Utc>) -> Email {
        Email {
            subject: "Your trusted profile has been deleted".into(),
            body: format!(
                "Hello {name},\n\n\
                 On {when}, your trusted profile (Profil Zaufany) was deleted (confirmed with the \
                 profile's authorisation method). We have ended all sessions and unlinked the mObywatel \
                 app. Your PESEL number, username and email address can be used in a new application. \
                 The profile's personal data has been deleted; the account history (without personal \
                 data) is kept for {years} from each event.\n\n\
                 If this wasn't you, submit a new application for a trusted profile and change the \
                 password of your email account: someone knew your password and had access to your \
                 phone.\n\n\
                 Profil Zaufany",
                name = account.first_name.as_str(),
                when = when(at),
                years = count!(crate::domain::audit::HISTORY_YEARS, "year", "years"),
            ),
        }
    }

    /// The code that proves a new email address (sent to it).
    fn contact_code_email(&self, account: &crate::domain::Account, code: &str) -> Email {
        Email {
            subject: "Code to confirm a new email address for your trusted profile".into(),
            body: format!(
                "Hello {name},\n\n\
                 To use this email address for your trusted profile (Profil Zaufany), enter this code in \
                 “Profile details”:\n\n\
                 {code}\n\n\
                 The code is valid for {CODE_VALIDITY}. If you are not changing your email address, ignore \
                 this email.\n\n\
                 Profil Zaufany",
                name = account.first_name.as_str(),
            ),
        }
    }

    fn contact_code_sms(&self, code: &str) -> String {
        format!(
            "Profil Zaufany: code to confirm your new phone number: {code}. It is valid for {CODE_VALIDITY}. \
             Do not share it with anyone."
        )
    }

    /// To the old address after the email changed.
    fn email_changed_email(
        &self,
        account: &crate::domain::Account,
        at: chrono::DateTime<chrono::Utc>,
        not_me: &str,
    ) -> Email {
        Email {
            subject: "The email address of your trusted profile has been changed".into(),
            body: format!(
                "Hello {name},\n\n\
                 On {when}, the email address of your trusted profile (Profil Zaufany) was changed. This \
                 address will no longer get emails about the profile.\n\n\
                 {not_me}\
                 Profil Zaufany",
                name = account.first_name.as_str(),
                when = when(at),
                not_me = not_me_paragraph(not_me),
            ),
        }
    }

    /// To the profile's email after the phone number changed.
    fn phone_changed_email(
        &self,
        account: &crate::domain::Account,
        at: chrono::DateTime<chrono::Utc>,
        not_me: &str,
    ) -> Email {
        Email {
            subject: "The phone number of your trusted profile has been changed".into(),
            body: format!(
                "Hello {name},\n\n\
                 On {when}, the phone number of your trusted profile (Profil Zaufany) was changed to \
                 {phone}. SMS codes now go to the new number.\n\n\
                 {not_me}\
                 Profil Zaufany",
                name = account.first_name.as_str(),
                when = when(at),
                phone = account.phone.masked(),
                not_me = not_me_paragraph(not_me),
            ),
        }
    }

    /// To the old number after the phone number changed.
    fn phone_changed_sms(&self, at: chrono::DateTime<chrono::Utc>) -> String {
        format!(
            "Profil Zaufany: your profile's phone number was changed on {when}. If this wasn't you, use the \
             \"This wasn't me\" link in our email.",
            when = when(at),
        )
    }

    /// The SMS with a sign-in (or step-up) code.
    fn sign_in_sms(&self, kind: crate::domain::ChallengeKind, code: &str) -> String {
        use crate::domain::ChallengeKind as K;
        let what = match kind {
            K::Login => "sign-in code",
            K::Extend => "code to extend your profile",
            K::AuthMethodChange => "code to change your authorisation method",
            K::LinkDevice => "code to link a new mObywatel app",
            K::DeleteProfile => "code to DELETE your trusted profile",
            K::PhoneChange => "code to change your phone number",
        };
        format!("Profil Zaufany: {what}: {code}. It is valid for {CODE_VALIDITY}. Do not share it with anyone.")
    }

    /// The push the mObywatel app shows (the numbers to pick from come with the request).
    fn sign_in_push(&self, kind: crate::domain::ChallengeKind) -> (&'static str, &'static str) {
        use crate::domain::ChallengeKind as K;
        match kind {
            K::Login => ("Signing in to your trusted profile", "Confirm that you are signing in: choose the number shown in your browser."),
            K::Extend => ("Extending your trusted profile", "Confirm that you are extending your profile: choose the number shown in your browser."),
            K::AuthMethodChange => ("Changing the authorisation method", "Confirm the change of authorisation method to push notifications: choose the number shown in your browser."),
            K::LinkDevice => ("Linking a new mObywatel app", "Someone wants to link a new mObywatel app to your trusted profile. If it's you, choose the number shown on the new device. If not, select “This wasn't me — reject”."),
            K::PhoneChange => ("Changing your phone number", "Confirm the change of phone number in your trusted profile: choose the number shown in your browser. If this isn't you, select “This wasn't me — reject”."),
            K::DeleteProfile => ("Deleting your trusted profile", "Confirm that you want to DELETE your trusted profile: choose the number shown in your browser. If this isn't you, select “This wasn't me — reject”."),
        }
    }

    /// The security notification after an mObywatel app was linked (by email and by SMS):
    /// what happened and when, what to do if it was not the citizen; never a code or a secret.
    fn device_linked_email(
        &self,
        first_name: &str,
        platform: &str,
        at: chrono::DateTime<chrono::Utc>,
        not_me: &str,
    ) -> Email {
        Email {
            subject: "An mObywatel app has been linked to your trusted profile".into(),
            body: format!(
                "Hello {first_name},\n\n\
                 On {when}, an mObywatel app (device: {platform}) was linked to your trusted profile \
                 (Profil Zaufany). From now on, this app gets the push notifications for confirming \
                 sign-ins and changes to your profile; the app linked before will no longer get them.\n\n\
                 {not_me}\
                 Profil Zaufany",
                when = when(at),
                not_me = not_me_paragraph(not_me),
            ),
        }
    }

    fn device_linked_sms(&self, at: chrono::DateTime<chrono::Utc>) -> String {
        format!(
            "Profil Zaufany: an mObywatel app was linked to your profile on {when}. If this wasn't you, \
             sign in and switch to SMS codes.",
            when = when(at),
        )
    }

    /// The email with a password-recovery link (only ever to the profile's own address).
    fn recovery_link_email(&self, account: &crate::domain::Account, link: &str) -> Email {
        Email {
            subject: "Set a new password for your trusted profile".into(),
            body: format!(
                "Hello {name},\n\n\
                 We have received a request to change the forgotten password of the trusted profile \
                 (Profil Zaufany) with the username {user}. To set a new password, open this link:\n\n\
                 {link}\n\n\
                 The link is valid for {RECOVERY_LINK_VALIDITY} and works once. After you open it, we \
                 will send an SMS code to the phone number saved in your profile.\n\n\
                 If you did not ask to change your password, ignore this email: your password will not \
                 change. Do not share this link with anyone.\n\n\
                 Profil Zaufany",
                name = account.first_name.as_str(),
                user = account.username.as_str(),
            ),
        }
    }

    /// The email that tells the owner their username (asked for with this address).
    fn username_reminder_email(&self, account: &crate::domain::Account) -> Email {
        Email {
            subject: "Your trusted profile username".into(),
            body: format!(
                "Hello {name},\n\n\
                 Someone (probably you) asked for a reminder of the username of the trusted profile \
                 (Profil Zaufany) linked to this email address.\n\n\
                 Username: {user}\n\n\
                 You can also sign in with your email address instead of your username. If you did not \
                 ask for a reminder, ignore this email.\n\n\
                 Profil Zaufany",
                name = account.first_name.as_str(),
                user = account.username.as_str(),
            ),
        }
    }

    fn recovery_sms(&self, code: &str) -> String {
        format!(
            "Profil Zaufany: code to change your password: {code}. It is valid for {CODE_VALIDITY}. \
             Do not share it with anyone."
        )
    }

    /// The security notification after a recovery set a new password.
    fn password_recovered_email(
        &self,
        account: &crate::domain::Account,
        at: chrono::DateTime<chrono::Utc>,
        not_me: &str,
    ) -> Email {
        Email {
            subject: "A new password has been set for your trusted profile".into(),
            body: format!(
                "Hello {name},\n\n\
                 On {when}, a new password was set for your trusted profile (Profil Zaufany) through \
                 password recovery (the link in an email and an SMS code). All sessions have been \
                 ended: sign in again with your new password.\n\n\
                 {not_me}\
                 Profil Zaufany",
                name = account.first_name.as_str(),
                when = when(at),
                not_me = not_me_paragraph(not_me),
            ),
        }
    }

    /// The security notification after the password was changed on `/profil`.
    fn password_changed_email(
        &self,
        account: &crate::domain::Account,
        at: chrono::DateTime<chrono::Utc>,
        not_me: &str,
    ) -> Email {
        Email {
            subject: "The password of your trusted profile has been changed".into(),
            body: format!(
                "Hello {name},\n\n\
                 On {when}, the password of your trusted profile (Profil Zaufany) was changed in \
                 “Profile details”. Sessions on other devices have been ended.\n\n\
                 {not_me}\
                 Profil Zaufany",
                name = account.first_name.as_str(),
                when = when(at),
                not_me = not_me_paragraph(not_me),
            ),
        }
    }

    /// The security notification after the app was unlinked on `/profil`.
    fn device_unlinked_email(
        &self,
        account: &crate::domain::Account,
        at: chrono::DateTime<chrono::Utc>,
        not_me: &str,
    ) -> Email {
        Email {
            subject: "The mObywatel app has been unlinked from your trusted profile".into(),
            body: format!(
                "Hello {name},\n\n\
                 On {when}, the mObywatel app was unlinked from your trusted profile (Profil Zaufany). \
                 Your authorisation method is now SMS code. Linking a new app will have to be confirmed \
                 with an SMS code.\n\n\
                 {not_me}\
                 Profil Zaufany",
                name = account.first_name.as_str(),
                when = when(at),
                not_me = not_me_paragraph(not_me),
            ),
        }
    }

    /// The security notification after the authorisation method changed.
    fn auth_method_changed_email(
        &self,
        account: &crate::domain::Account,
        at: chrono::DateTime<chrono::Utc>,
        not_me: &str,
    ) -> Email {
        let method = match account.auth_method {
            crate::domain::AuthMethod::Sms => "SMS code",
            crate::domain::AuthMethod::Push => "push notifications in the mObywatel app",
        };
        Email {
            subject: "The authorisation method of your trusted profile has been changed".into(),
            body: format!(
                "Hello {name},\n\n\
                 On {when}, the authorisation method of your trusted profile (Profil Zaufany) was changed \
                 to: {method}.\n\n\
                 {not_me}\
                 Profil Zaufany",
                name = account.first_name.as_str(),
                when = when(at),
                not_me = not_me_paragraph(not_me),
            ),
        }
    }

    /// After "To nie ja": what was done, and the way back in.
    fn disavowed_email(
        &self,
        account: &crate::domain::Account,
        at: chrono::DateTime<chrono::Utc>,
        recovery: &str,
    ) -> Email {
        Email {
            subject: "We have blocked signing in with a password to your trusted profile".into(),
            body: format!(
                "Hello {name},\n\n\
                 On {when}, a change to your trusted profile (Profil Zaufany) was reported with “This \
                 wasn't me”. We have ended all sessions, unlinked the mObywatel app (authorisation \
                 method: SMS code) and blocked signing in with a password.\n\n\
                 To sign in again, set a new password:\n{recovery}\n\n\
                 Profil Zaufany",
                name = account.first_name.as_str(),
                when = when(at),
            ),
        }
    }
}

pub static SENTENCES: Sentences = super::language!();

/// The pages' words (after the macros above, which they use).
pub mod pages;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ChallengeKind;

    const EVERY_KIND: [ChallengeKind; 6] = [
        ChallengeKind::Login,
        ChallengeKind::AuthMethodChange,
        ChallengeKind::Extend,
        ChallengeKind::LinkDevice,
        ChallengeKind::DeleteProfile,
        ChallengeKind::PhoneChange,
    ];

    /// Every kind is in `EVERY_KIND`: a new kind does not build until it is added there.
    #[allow(dead_code)]
    fn every_kind_is_listed(kind: ChallengeKind) {
        match kind {
            ChallengeKind::Login
            | ChallengeKind::AuthMethodChange
            | ChallengeKind::Extend
            | ChallengeKind::LinkDevice
            | ChallengeKind::DeleteProfile
            | ChallengeKind::PhoneChange => {}
        }
    }

    #[test]
    fn english_nouns_take_the_form_their_number_wants() {
        for (n, form) in [(0, "minutes"), (1, "minute"), (2, "minutes"), (11, "minutes"), (21, "minutes")] {
            assert_eq!(plural(n, "minute", "minutes"), form, "{n}");
        }
        assert_eq!(count!(5_i64, "minute", "minutes"), "5 minutes");
        assert_eq!(count!(1_usize, "minute", "minutes"), "1 minute");
        assert_eq!(span!(1_i64, "an hour", "hour", "hours"), "an hour");
        assert_eq!(span!(3_u8, "an hour", "hour", "hours"), "3 hours");
        assert_eq!(range!(3_usize, 64_usize, "characters"), "between 3 and 64 characters");
        assert_eq!(English.wrong_code(1), "Incorrect code. You have 1 attempt left for this code.");
        assert_eq!(English.wrong_code(2), "Incorrect code. You have 2 attempts left for this code.");
    }

    /// The domain's numbers as they are today give these texts (the English of
    /// `pl::tests::todays_numbers_give_todays_texts`).
    #[test]
    fn todays_numbers_give_todays_texts() {
        let texts: [(&str, &str); 25] = [
            (
                BAD_IDEMPOTENCY_KEY,
                "Invalid Idempotency-Key header: it must be between 8 and 128 characters long, in ASCII with no spaces.",
            ),
            (
                PESEL_TAKEN,
                "There is already an open application or an active trusted profile for this PESEL number. \
If you did not apply or set up the profile yourself, report it at a government office and show your ID card. \
Someone else's application cannot be approved without an official who checks their identity document (during a \
video call or at a confirmation point). It will expire no later than 7 days after the chosen call time \
(call times can be booked up to 30 days ahead), or 14 days after it was submitted if a confirmation \
point was chosen. Your PESEL number will then be free again.",
            ),
            (CODE_EXPIRED, "The code has expired (it is valid for 5 minutes). Ask for a new code."),
            (CODE_DEAD, "A wrong code was entered 3 times. This code no longer works: ask for a new one."),
            (TOO_MANY_SENDS, "We have already sent 5 codes in the last hour. Try again later."),
            (BLOCKED, "Too many wrong codes. You can get a new code in an hour."),
            (TOO_LARGE, "The data sent is too large (maximum 16 KiB)."),
            (field::USERNAME_LENGTH, "Your username must be between 3 and 64 characters."),
            (field::PASSWORD_SHORT, "Your password must be at least 8 characters."),
            (field::PASSWORD_LONG, "Your password must be 128 characters or fewer."),
            (field::NAME_LONG, "This must be 64 characters or fewer."),
            (field::SLOT_BEYOND_BOOKING, "A call time can be booked up to 30 days ahead. Choose an earlier one."),
            (field::CODE_FORMAT, "The authorisation code is 6 digits."),
            (field::SLOT_GRID, "A slot must start and end at 5-minute intervals (such as 09:00 or 09:05)."),
            (field::SLOT_LENGTH, "A slot must last between 10 and 120 minutes and end after it starts."),
            (field::SLOT_TOO_FAR, "Slots can be published up to 180 days ahead."),
            (field::SLOT_CAPACITY, "The number of places (officials on duty) must be between 1 and 20."),
            (
                field::REASON,
                "Give the reason for rejecting the application (between 3 and 500 characters, with no control characters).",
            ),
            (field::CALL_URL, "Enter a call link that starts with https:// (500 characters or fewer)."),
            (
                CLERK_BAD_CREDENTIALS,
                "The username, password or code from the app is incorrect. After several failed attempts, you have \
to wait 30 seconds before the next one.",
            ),
            (
                LOGIN_LOCKED,
                "Too many failed attempts to sign in with this username or email address. Try again in 15 minutes.",
            ),
            (
                PROFILE_EXPIRED,
                "Your trusted profile has expired (it was valid for 3 years). To keep using services, set up a new \
trusted profile.",
            ),
            (PUSH_LIMIT, "We have already sent 5 push notifications in the last 15 minutes. Try again later."),
            (signin_field::PUSH_TOKEN, "Enter the device's notification token (between 1 and 4096 characters)."),
            (signin_field::MATCH_NUMBER, "Choose one of the 3 numbers."),
        ];
        for (text, today) in texts {
            assert_eq!(text, today);
        }
        assert_eq!(
            English.sms_code("123456"),
            "Profil Zaufany: your authorisation code is 123456. It is valid for 5 minutes. Do not share it with anyone."
        );
        assert_eq!(
            English.sign_in_sms(ChallengeKind::Login, "123456"),
            "Profil Zaufany: sign-in code: 123456. It is valid for 5 minutes. Do not share it with anyone."
        );
    }

    /// Every SMS, with the longest code and date, is GSM-7 and fits one message.
    #[test]
    fn every_sms_fits_one_message() {
        let code = "123456";
        assert_eq!(code.len(), CODE_DIGITS);
        // The longest date and time: two-digit day, month, hour and minute, in winter and in summer.
        let winter: chrono::DateTime<chrono::Utc> = "2026-12-31T22:59:00Z".parse().unwrap();
        let summer: chrono::DateTime<chrono::Utc> = "2026-07-31T21:59:00Z".parse().unwrap();
        let mut sms = vec![English.sms_code(code), English.contact_code_sms(code), English.recovery_sms(code)];
        for at in [winter, summer] {
            sms.push(English.phone_changed_sms(at));
            sms.push(English.device_linked_sms(at));
        }
        sms.extend(EVERY_KIND.into_iter().map(|kind| English.sign_in_sms(kind, code)));
        for text in sms {
            assert!(super::super::is_gsm7(&text), "not GSM-7: {text:?}");
            assert_eq!(super::super::sms_parts(&text), 1, "{} characters: {text:?}", text.chars().count());
        }
        assert!(English.phone_changed_sms(winter).contains(" on 31.12.2026 at 23:59 (Polish time). "));
        assert!(English.device_linked_sms(summer).contains(" on 31.07.2026 at 23:59 (Polish time). "));
    }

    const POLISH_LETTERS: [char; 10] = ['ą', 'ć', 'ę', 'ł', 'ń', 'ó', 'ś', 'ź', 'ż', '„'];

    /// Every named sentence is filled in, in English (not the Polish left in place).
    #[test]
    fn every_sentence_is_english() {
        let polish = super::super::all_sentences(&super::super::pl::SENTENCES);
        let english = super::super::all_sentences(&SENTENCES);
        assert_eq!(polish.len(), english.len());
        for ((key, pl), (en_key, text)) in polish.into_iter().zip(english) {
            assert_eq!(key, en_key);
            assert!(!text.trim().is_empty(), "{key} is empty");
            assert_ne!(text, pl, "{key} is still in Polish");
            // USERNAME_NON_ASCII shows Polish letters as its examples.
            if key != "field.USERNAME_NON_ASCII" {
                assert!(!text.contains(POLISH_LETTERS), "{key} looks Polish: {text:?}");
            }
        }
        for kind in EVERY_KIND {
            let (title, body) = English.sign_in_push(kind);
            assert!(!title.is_empty() && !body.is_empty(), "{kind:?}");
            assert!(!format!("{title}{body}").contains(POLISH_LETTERS), "{title}: {body}");
            assert_ne!((title, body), super::super::pl::Polish.sign_in_push(kind));
        }
    }

    fn t(s: &str) -> chrono::DateTime<chrono::Utc> {
        s.parse().unwrap()
    }

    /// A sent application with a video call at 10:00 on 24.11.2026 (11:00 Polish time).
    fn application() -> Application {
        use crate::adapters::random::SeededRandom;
        use crate::domain::application::Review;
        use crate::domain::{
            ApplicationId, ApplicationNumber, ApplicationStatus, CodeGuard, PasswordHash, PersonName, Pesel,
            PhoneNumber, SlotId, SlotRef, Username, VideoApp,
        };
        let rng = SeededRandom::new(3);
        let start = t("2026-11-24T10:00:00Z");
        Application {
            id: ApplicationId::generate(&rng),
            number: ApplicationNumber::generate(&rng),
            status: ApplicationStatus::Submitted,
            username: Username::parse("Anna_N").unwrap(),
            password_hash: Some(PasswordHash::from_phc("x")),
            first_name: PersonName::parse("Anna").unwrap(),
            second_name: None,
            last_name: PersonName::parse("Nowak").unwrap(),
            pesel: Pesel::parse("44051401458", t("2026-11-23T00:00:00Z").date_naive()).unwrap(),
            email: crate::domain::Email::parse("anna@example.pl").unwrap(),
            phone: PhoneNumber::parse("500100200").unwrap(),
            slot: Some(SlotRef { id: SlotId::generate(&rng), start, end: start + chrono::Duration::minutes(20) }),
            video_app: Some(VideoApp::parse("Skype", &["Skype".to_owned()]).unwrap()),
            office: None,
            vouched_by: None,
            created_at: t("2026-11-23T09:00:00Z"),
            verify_by: None,
            submitted_at: Some(t("2026-11-23T09:05:00Z")),
            browser_token_hash: String::new(),
            code: CodeGuard::default(),
            review: Review { expires_at: Some(t("2026-12-07T22:59:59Z")), ..Review::default() },
            version: 3,
            lang: crate::domain::Lang::En,
        }
    }

    /// Every email greets, signs off as the service, and names the profile first as
    /// "trusted profile (Profil Zaufany)" (docs/languages.md).
    #[test]
    fn every_email_says_the_profiles_name_first() {
        use crate::domain::application::VouchedBy;
        use crate::domain::{AuthMethod, ConfirmationPoint, PointId};
        let video = application();
        let mut office = application();
        office.slot = None;
        office.video_app = None;
        office.office = Some(ConfirmationPoint {
            id: PointId::parse("urzad-dzielnicy-mokotow").unwrap(),
            name: "Urzad Dzielnicy Mokotow".into(),
            address: "ul. Rakowiecka 25/27, Warszawa".into(),
            hours: "Mon-Fri 08:00-16:00".into(),
            demo: false,
        });
        let mut vouched = application();
        vouched.slot = None;
        vouched.video_app = None;
        vouched.vouched_by =
            Some(VouchedBy { provider: "bank".into(), name: "Bank Example".into(), record: String::new() });
        let account = crate::domain::account::tests::active("2029-11-23T10:00:00Z");
        let mut push = account.clone();
        push.auth_method = AuthMethod::Push;
        let at = t("2026-12-06T08:00:00Z");
        let e = English;
        let mut emails = Vec::new();
        for app in [&video, &office, &vouched] {
            emails.push(e.account_created_email(app));
        }
        // A vouched profile is active at once: no application to wait for, nothing to expire.
        for app in [&video, &office] {
            emails.push(e.application_sent_email(app));
            emails.push(e.expired_email(app));
        }
        emails.extend([
            e.vouched_profile_active_email(&vouched, at),
            e.call_link_email(&video, "https://call.example/abc"),
            e.confirmed_email(&video, at),
            e.rejected_email(&video, "Blurry ID card"),
            e.no_show_email(&video, Some("https://pz.example/termin?t=x"), at),
            e.no_show_email(&video, None, at),
            e.rebooked_email(&video),
            e.email_in_use_email(),
            e.profile_expired_email(&account),
            e.expiry_reminder_email(&account, 30, "https://pz.example/profil"),
            e.expiry_reminder_email(&account, 1, "https://pz.example/profil"),
            e.profile_deleted_email(&account, at),
            e.contact_code_email(&account, "123456"),
            e.email_changed_email(&account, at, "https://pz.example/nie-ja"),
            e.phone_changed_email(&account, at, "https://pz.example/nie-ja"),
            e.device_linked_email("Jan", "android", at, "https://pz.example/nie-ja"),
            e.recovery_link_email(&account, "https://pz.example/haslo"),
            e.username_reminder_email(&account),
            e.password_recovered_email(&account, at, "https://pz.example/nie-ja"),
            e.password_changed_email(&account, at, "https://pz.example/nie-ja"),
            e.device_unlinked_email(&account, at, "https://pz.example/nie-ja"),
            e.auth_method_changed_email(&account, at, "https://pz.example/nie-ja"),
            e.auth_method_changed_email(&push, at, "https://pz.example/nie-ja"),
            e.disavowed_email(&account, at, "https://pz.example/haslo"),
        ]);
        for Email { subject, body } in &emails {
            assert!(!subject.is_empty() && !subject.contains(POLISH_LETTERS), "{subject}");
            assert!(body.starts_with("Hello"), "{subject}: {body}");
            assert!(body.ends_with("\n\nProfil Zaufany"), "{subject}: {body}");
            assert!(!body.contains(POLISH_LETTERS), "{subject}: {body}");
            assert!(!body.contains("  ") && !body.contains(" \n"), "{subject}: stray spaces in {body:?}");
            let first = body.find("trusted profile").unwrap_or_else(|| panic!("{subject}: no profile named"));
            assert!(
                body[first..].starts_with("trusted profile (Profil Zaufany)"),
                "{subject}: the first mention should say \"trusted profile (Profil Zaufany)\": {body}"
            );
        }
        let sent = e.application_sent_email(&video).body;
        assert!(sent.contains("Video call time: 24.11.2026 at 11:00 (Polish time)\nApp: Skype\n"), "{sent}");
        let sent = e.application_sent_email(&office).body;
        assert!(sent.contains(&format!("within {}, by 07.12.2026 at the latest", OFFICE_DAYS)), "{sent}");
        assert!(e.profile_deleted_email(&account, at).body.contains("On 06.12.2026 at 09:00 (Polish time), "));
        assert_eq!(e.expiry_reminder_email(&account, 1, "x").subject, "Your trusted profile will expire in 1 day");
        assert_eq!(e.expiry_reminder_email(&account, 7, "x").subject, "Your trusted profile will expire in 7 days");
        let reminder = e.expiry_reminder_email(&account, 30, "x").body;
        assert!(reminder.contains("is valid until 23.11.2029.") && reminder.contains("valid for 3 years from"));
        assert!(e.expired_email(&office).body.contains("at a confirmation point within 14 days."));
    }
}
