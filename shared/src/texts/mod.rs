//! Every sentence a person reads from the server — error messages, emails, SMS and push
//! texts — and every word of the pages, in one catalogue per language: `pl` (the source),
//! `en` and `uk`, each a module with the pages' words in `<lang>/pages/`.
//!
//! Why Rust modules and not a localisation crate (Fluent): each catalogue is a value the
//! compiler checks — a sentence missing from one language does not build, a number a
//! sentence states (how long a code is valid, how many tries) is the domain's constant put
//! in at compile time, and the functions pay nothing at start-up (no catalogue to parse,
//! no extra dependency to link: start-up and size are budgets, BENCHMARKS.md). Plural forms
//! are each language's own (`pl::plural`, `uk::plural`: one, few, many).
//!
//! A message an error carries is a [`Text`]: a sentence picked by name, or one made with
//! values, put in words in the reader's language only when the answer is written.

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

use chrono::Duration;

use crate::domain::Application;
pub use crate::domain::Lang;

/// A page's words in one language (`<lang>/pages/<page>.rs`), written as pairs
/// `("login.title", "Zaloguj się…")`, kept as two strings: `KEYS`, each key ended by `\n`,
/// and `WORDS`, the words in the same order, each ended by `\0`. Not a table of `&str`
/// pairs: 3 × 571 pairs were a pointer and a relocation each, 137 KB of the pages' function.
macro_rules! page_words {
    ($(($key:literal, $words:expr $(,)?)),* $(,)?) => {
        #[allow(dead_code)]
        pub(super) static KEYS: &str = const_format::concatcp!($($key, "\n",)*);
        pub(super) static WORDS: &str = const_format::concatcp!($($words, "\0",)*);
    };
}

/// A language's `pages` module: its page files and the tables made of them, the same in
/// every language (so the order of the pages, by which Polish's keys are paired with another
/// language's words, cannot differ).
macro_rules! language_pages {
    () => {
        mod app;
        mod apply;
        mod bank;
        mod clerk;
        mod common;
        mod consent;
        mod dev;
        mod disavow;
        mod idp;
        mod ikp;
        mod index;
        mod logged_out;
        mod login;
        mod not_found;
        mod profile;
        mod rebook;
        mod recovery;

        /// The words of the layout, the language switch and the 404 page: all that a function other
        /// than the pages needs (so it links no other page's words).
        pub static SHARED_WORDS: &[&str] = &[common::WORDS, not_found::WORDS];
        #[allow(dead_code)]
        pub static SHARED_KEYS: &[&str] = &[common::KEYS, not_found::KEYS];

        /// Every page's words. Looked up by Polish's keys (the same in every language, in the same
        /// order: a test holds each language to it), so the other languages' keys are not linked.
        pub static PAGES_WORDS: &[&str] = &[
            common::WORDS,
            index::WORDS,
            not_found::WORDS,
            login::WORDS,
            idp::WORDS,
            bank::WORDS,
            apply::WORDS,
            rebook::WORDS,
            profile::WORDS,
            clerk::WORDS,
            recovery::WORDS,
            disavow::WORDS,
            consent::WORDS,
            logged_out::WORDS,
            app::WORDS,
            ikp::WORDS,
        ];
        #[allow(dead_code)]
        pub static PAGES_KEYS: &[&str] = &[
            common::KEYS,
            index::KEYS,
            not_found::KEYS,
            login::KEYS,
            idp::KEYS,
            bank::KEYS,
            apply::KEYS,
            rebook::KEYS,
            profile::KEYS,
            clerk::KEYS,
            recovery::KEYS,
            disavow::KEYS,
            consent::KEYS,
            logged_out::KEYS,
            app::KEYS,
            ikp::KEYS,
        ];

        /// The local gateway's own pages' words (`dev.*`): linked only by the local gateway.
        pub static DEV_WORDS: &[&str] = &[dev::WORDS];
        #[allow(dead_code)]
        pub static DEV_KEYS: &[&str] = &[dev::KEYS];
    };
}

pub mod en;
pub mod pl;
pub mod uk;

pub struct Email {
    pub subject: String,
    pub body: String,
}

/// The messages of one language: the named sentences, and the messages made with values
/// (an error naming a field, the tries left). Every language has every one of them, or it
/// does not build; the same holds for its [`Letters`].
pub trait Catalogue: Sync {
    fn sentences(&self) -> &'static Sentences;
    fn wrong_code(&self, tries_left: u8) -> String;
    fn duplicate_field(&self, name: &str) -> String;
    fn unknown_field(&self, name: &str) -> String;
    fn missing_field(&self, name: &str) -> String;
    fn wrong_type(&self, name: &str) -> String;
}

/// The letters of one language: emails, SMS and push texts. Written through [`letter!`]
/// (static dispatch), never as a `dyn` value: a function then links only the letters it
/// writes, where a `dyn Letters` would link every letter of every language into each.
pub trait Letters {
    fn sms_code(&self, code: &str) -> String;
    fn account_created_email(&self, app: &Application) -> Email;
    fn application_sent_email(&self, app: &Application) -> Email;
    /// The second email of a profile a bank or Envelo vouched for: active at once.
    fn vouched_profile_active_email(&self, app: &Application, valid_until: chrono::DateTime<chrono::Utc>) -> Email;
    fn call_link_email(&self, app: &Application, url: &str) -> Email;
    fn confirmed_email(&self, app: &Application, valid_until: chrono::DateTime<chrono::Utc>) -> Email;
    fn rejected_email(&self, app: &Application, reason: &str) -> Email;
    fn no_show_email(
        &self,
        app: &Application,
        rebook_link: Option<&str>,
        expires_at: chrono::DateTime<chrono::Utc>,
    ) -> Email;
    fn rebooked_email(&self, app: &Application) -> Email;
    fn expired_email(&self, app: &Application) -> Email;
    /// To the owner of an email address someone used in an application (login.gov's way:
    /// the applicant learns nothing more than after any submission; the owner is told).
    fn email_in_use_email(&self) -> Email;
    fn profile_expired_email(&self, account: &crate::domain::Account) -> Email;
    /// The reminder 30 or 7 days before the end of validity, with the way to extend.
    fn expiry_reminder_email(&self, account: &crate::domain::Account, days: u32, profile_link: &str) -> Email;
    /// After "Usuń profil zaufany" (to the address the profile had).
    fn profile_deleted_email(&self, account: &crate::domain::Account, at: chrono::DateTime<chrono::Utc>) -> Email;
    /// The code that proves a new email address (sent to it).
    fn contact_code_email(&self, account: &crate::domain::Account, code: &str) -> Email;
    fn contact_code_sms(&self, code: &str) -> String;
    /// To the old address after the email changed.
    fn email_changed_email(
        &self,
        account: &crate::domain::Account,
        at: chrono::DateTime<chrono::Utc>,
        not_me: &str,
    ) -> Email;
    /// To the profile's email after the phone number changed.
    fn phone_changed_email(
        &self,
        account: &crate::domain::Account,
        at: chrono::DateTime<chrono::Utc>,
        not_me: &str,
    ) -> Email;
    /// To the old number after the phone number changed.
    fn phone_changed_sms(&self, at: chrono::DateTime<chrono::Utc>) -> String;
    /// The SMS with a sign-in (or step-up) code.
    fn sign_in_sms(&self, kind: crate::domain::ChallengeKind, code: &str) -> String;
    /// The push the mObywatel app shows (the numbers to pick from come with the request).
    fn sign_in_push(&self, kind: crate::domain::ChallengeKind) -> (&'static str, &'static str);
    /// The security notification after an mObywatel app was linked (by email and by SMS):
    /// what happened and when, what to do if it was not the citizen; never a code or a secret.
    fn device_linked_email(
        &self,
        first_name: &str,
        platform: &str,
        at: chrono::DateTime<chrono::Utc>,
        not_me: &str,
    ) -> Email;
    fn device_linked_sms(&self, at: chrono::DateTime<chrono::Utc>) -> String;
    /// The email with a password-recovery link (only ever to the profile's own address).
    fn recovery_link_email(&self, account: &crate::domain::Account, link: &str) -> Email;
    /// The email that tells the owner their username (asked for with this address).
    fn username_reminder_email(&self, account: &crate::domain::Account) -> Email;
    fn recovery_sms(&self, code: &str) -> String;
    /// The security notification after a recovery set a new password.
    fn password_recovered_email(
        &self,
        account: &crate::domain::Account,
        at: chrono::DateTime<chrono::Utc>,
        not_me: &str,
    ) -> Email;
    /// The security notification after the password was changed on `/profil`.
    fn password_changed_email(
        &self,
        account: &crate::domain::Account,
        at: chrono::DateTime<chrono::Utc>,
        not_me: &str,
    ) -> Email;
    /// The security notification after the app was unlinked on `/profil`.
    fn device_unlinked_email(
        &self,
        account: &crate::domain::Account,
        at: chrono::DateTime<chrono::Utc>,
        not_me: &str,
    ) -> Email;
    /// The security notification after the authorisation method changed.
    fn auth_method_changed_email(
        &self,
        account: &crate::domain::Account,
        at: chrono::DateTime<chrono::Utc>,
        not_me: &str,
    ) -> Email;
    /// After "To nie ja": what was done, and the way back in.
    fn disavowed_email(
        &self,
        account: &crate::domain::Account,
        at: chrono::DateTime<chrono::Utc>,
        recovery: &str,
    ) -> Email;
}

impl Lang {
    /// Every page's words in this language, as `(key, words)`.
    pub fn page_words(self) -> impl Iterator<Item = (&'static str, &'static str)> {
        let words = match self {
            Lang::Pl => pl::pages::PAGES_WORDS,
            Lang::En => en::pages::PAGES_WORDS,
            Lang::Uk => uk::pages::PAGES_WORDS,
        };
        pairs(pl::pages::PAGES_KEYS, words)
    }

    /// One of the pages' words (`login.title`), if this language has it.
    pub fn page_text(self, key: &str) -> Option<&'static str> {
        find(self.page_words(), key)
    }

    /// One of the words every page shares (`common.*`) or the 404 page's: what the language
    /// switch, the local banner and the 404 page look up, so that a function answering only
    /// those links none of the other pages' words.
    pub fn shared_page_text(self, key: &str) -> Option<&'static str> {
        let words = match self {
            Lang::Pl => pl::pages::SHARED_WORDS,
            Lang::En => en::pages::SHARED_WORDS,
            Lang::Uk => uk::pages::SHARED_WORDS,
        };
        find(pairs(pl::pages::SHARED_KEYS, words), key)
    }

    /// The words of the local gateway's own pages (`dev.*`: the message outbox, the demo
    /// bank); the key itself if there are none (the tests keep every key in every language).
    pub fn dev_page_text(self, key: &'static str) -> &'static str {
        let words = match self {
            Lang::Pl => pl::pages::DEV_WORDS,
            Lang::En => en::pages::DEV_WORDS,
            Lang::Uk => uk::pages::DEV_WORDS,
        };
        find(pairs(pl::pages::DEV_KEYS, words), key).unwrap_or(key)
    }

    /// This language's catalogue.
    pub fn texts(self) -> &'static dyn Catalogue {
        match self {
            Lang::Pl => &pl::Polish,
            Lang::En => &en::English,
            Lang::Uk => &uk::Ukrainian,
        }
    }
}

/// The `(key, words)` of pages whose keys and words `page_words!` kept as strings.
fn pairs(
    keys: &'static [&'static str],
    words: &'static [&'static str],
) -> impl Iterator<Item = (&'static str, &'static str)> {
    keys.iter().zip(words).flat_map(|(k, w)| k.split_terminator('\n').zip(w.split_terminator('\0')))
}

fn find(mut pairs: impl Iterator<Item = (&'static str, &'static str)>, key: &str) -> Option<&'static str> {
    pairs.find(|(k, _)| *k == key).map(|(_, v)| v)
}

/// A letter in `lang`: `letter!(account.lang, |t| t.recovery_sms(code))`, with `t` the
/// language's [`Letters`] (each arm calls its language's method directly).
#[macro_export]
macro_rules! letter {
    ($lang:expr, |$t:ident| $body:expr) => {
        match $lang {
            $crate::texts::Lang::Pl => {
                use $crate::texts::Letters as _;
                let $t = &$crate::texts::pl::Polish;
                $body
            }
            $crate::texts::Lang::En => {
                use $crate::texts::Letters as _;
                let $t = &$crate::texts::en::English;
                $body
            }
            $crate::texts::Lang::Uk => {
                use $crate::texts::Letters as _;
                let $t = &$crate::texts::uk::Ukrainian;
                $body
            }
        }
    };
}

/// A message in no language yet: a named sentence of the catalogue, or one made with values.
#[derive(Clone)]
pub enum Text {
    Named(fn(&Sentences) -> &'static str),
    Made(Arc<Make>),
}

/// How a message with values is put in words, given the language's catalogue.
pub type Make = dyn Fn(&dyn Catalogue) -> String + Send + Sync;

impl Text {
    /// A message made with values in each language: `Text::made(move |t| t.wrong_code(n))`.
    pub fn made(f: impl Fn(&dyn Catalogue) -> String + Send + Sync + 'static) -> Self {
        Text::Made(Arc::new(f))
    }

    /// A message about something named in the request (a field): `Text::about(name, |t, n|
    /// t.missing_field(n))`.
    pub fn about(name: &str, say: fn(&dyn Catalogue, &str) -> String) -> Self {
        let name = name.to_owned();
        Text::made(move |t| say(t, &name))
    }

    /// The message in words, in `lang`.
    pub fn in_(&self, lang: Lang) -> Cow<'static, str> {
        match self {
            Text::Named(pick) => Cow::Borrowed(pick(lang.texts().sentences())),
            Text::Made(make) => Cow::Owned(make(lang.texts())),
        }
    }
}

/// Shown in Polish (the source language) in logs of tests and debug output.
impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.in_(Lang::Pl))
    }
}

impl Eq for Text {}

impl PartialEq for Text {
    fn eq(&self, other: &Self) -> bool {
        Lang::ALL.into_iter().all(|lang| self.in_(lang) == other.in_(lang))
    }
}

/// The named sentences, in groups: each group is a struct every language fills in, and a
/// module of [`Text`]s by the same names (`texts::field::PESEL_FORMAT`). The errors' names
/// are also at the top (`texts::NOT_FOUND`). A language fills them with `language!()`, from
/// its consts of the same names (the errors at the top of its module, each other group in
/// its `mod`). (`$d` is `$`, for the macro this one writes.)
macro_rules! sentences {
    ($d:tt $($(#[$doc:meta])* $group:ident $Group:ident { $($key:ident,)* })*) => {
        /// A language's `Sentences`, from its consts of the same names.
        macro_rules! language {
            () => {
                Sentences { $($group: $Group { $($key: $d crate::texts::language!(@ $group $key),)* },)* }
            };
            (@ errors $d key:ident) => { $d key };
            (@ $d group:ident $d key:ident) => { $d group::$d key };
        }
        pub(crate) use language;

        pub struct Sentences {
            $(pub $group: $Group,)*
        }
        $(
            $(#[$doc])*
            #[allow(non_snake_case)]
            pub struct $Group {
                $(pub $key: &'static str,)*
            }
            $(#[$doc])*
            pub mod $group {
                use super::{Sentences, Text};
                $(pub const $key: Text = Text::Named(|s: &Sentences| s.$group.$key);)*
                /// Every sentence of the group, by name (for the tests that read them all).
                pub fn all(s: &Sentences) -> Vec<(&'static str, &'static str)> {
                    vec![$((stringify!($key), s.$group.$key),)*]
                }
            }
        )*
        /// Every named sentence of a language, as `group.KEY` and its words.
        pub fn all_sentences(s: &Sentences) -> Vec<(String, &'static str)> {
            let mut all = Vec::new();
            $(all.extend($group::all(s).into_iter().map(|(k, v)| (format!("{}.{k}", stringify!($group)), v)));)*
            all
        }
    };
}

sentences! {
    $
    /// Error messages of the API, by name.
    errors Errors {
        NOT_FOUND,
        INTERNAL,
        UNAVAILABLE,
        BUSY,
        SMS_UNAVAILABLE,
        INVALID_JSON,
        NOT_AN_OBJECT,
        BAD_IDEMPOTENCY_KEY,
        IDEMPOTENCY_KEY_REUSED,
        CONTENT_TYPE,
        TOO_LARGE,
        NOT_AUTHORISED,
        CSRF,
        ROUTE_NOT_FOUND,
        METHOD_NOT_ALLOWED,
        NO_CALL,
        SLOT_FULL,
        PESEL_TAKEN,
        PHONE_TAKEN,
        USERNAME_TAKEN,
        EMAIL_TAKEN,
        ALREADY_SUBMITTED,
        APPLICATION_EXPIRED,
        WRONG_STATE,
        CODE_NONE,
        CODE_EXPIRED,
        CODE_DEAD,
        CODE_USED,
        TOO_MANY_SENDS,
        BLOCKED,
        SAME_EMAIL,
        SAME_PHONE,
        BAD_CREDENTIALS,
        LOGIN_LOCKED,
        SOURCE_LIMIT,
        CLERK_BAD_CREDENTIALS,
        CLERK_REQUIRED,
        NOT_A_CLERK,
        ALREADY_DECIDED,
        NOT_SUBMITTED,
        APPLICATION_EXPIRED_NO_SHOW,
        SLOT_NOT_PASSED,
        REBOOK_USED,
        SLOT_OVERLAP,
        PROFILE_EXPIRED,
        PROFILE_NOT_CONFIRMED,
        PROFILE_CLOSED,
        LOGIN_REQUIRED,
        CHALLENGE_EXPIRED,
        CHALLENGE_ANSWERED,
        CHALLENGE_NOT_FOUND,
        NO_DEVICE,
        PUSH_LIMIT,
        PUSH_UNAVAILABLE,
        DEVICE_REQUIRED,
        WRONG_METHOD,
        RECOVERY_LINK_DEAD,
        WRONG_CURRENT_PASSWORD,
        DISAVOW_LINK_DEAD,
        PASSWORD_BLOCKED,
        OIDC_BAD_REQUEST,
        OIDC_BAD_CLIENT,
        OIDC_REFUSED,
        OIDC_BAD_LOGOUT,
        CONSENT_DECISION,
    }
    /// Messages about one field of the application and the clerk's forms.
    field Field {
        PESEL_FORMAT,
        PESEL_CHECKSUM,
        PESEL_DATE,
        PESEL_FUTURE,
        USERNAME_NON_ASCII,
        USERNAME_SPACE,
        USERNAME_DOT,
        USERNAME_SPECIAL,
        USERNAME_LENGTH,
        PASSWORD_SHORT,
        PASSWORD_CONTROL,
        PASSWORD_LONG,
        PASSWORD_NO_UPPER,
        PASSWORD_NO_LOWER,
        PASSWORD_NO_DIGIT,
        PASSWORD_HAS_USERNAME,
        PASSWORD_COMMON,
        NAME_EMPTY,
        NAME_LONG,
        NAME_SCRIPT,
        NAME_CHARS,
        EMAIL_FORMAT,
        EMAIL_LONG,
        PHONE_FORMAT,
        PHONE_NOT_MOBILE,
        VIDEO_APP,
        CONFIRMATION,
        CONFIRMATION_MIXED,
        APPLICATION_NUMBER,
        POINT_UNKNOWN,
        SLOT_UNKNOWN,
        SLOT_PAST,
        SLOT_BEYOND_BOOKING,
        CODE_FORMAT,
        SLOT_TIME,
        SLOT_GRID,
        SLOT_LENGTH,
        SLOT_TOO_FAR,
        SLOT_CAPACITY,
        CHECK_DATA,
        CHECK_RULES,
        CHECK_ID,
        REASON,
        CALL_URL,
        DATE,
        TOKEN,
    }
    /// Messages about one field of signing in and the app.
    signin_field SigninField {
        LOGIN,
        PASSWORD,
        METHOD,
        PLATFORM,
        PUSH_TOKEN,
        MATCH_NUMBER,
    }
    /// Messages about one field of recovery.
    recovery_field RecoveryField {
        TOKEN,
    }
    /// Signing in or creating a profile through a bank or Envelo (docs/rules.md §1.12).
    idp Idp {
        CLAIMS_MISSING,
        BAD_PURPOSE,
        VOUCHED_GONE,
    }
}

pub use errors::*;

/// A duration in whole units, for the sentences that state it (checked at compile time).
pub(crate) const fn whole(d: Duration, unit_secs: i64) -> i64 {
    assert!(d.num_seconds() % unit_secs == 0, "a text states this duration in whole units: reword it");
    d.num_seconds() / unit_secs
}

pub(crate) const fn minutes(d: Duration) -> i64 {
    whole(d, 60)
}

pub(crate) const fn hours(d: Duration) -> i64 {
    whole(d, 3600)
}

pub(crate) const fn days(d: Duration) -> i64 {
    whole(d, 86_400)
}

/// The profile's validity in whole years, as the texts state it.
pub(crate) const PROFILE_YEARS: i64 = {
    use crate::domain::application::PROFILE_VALIDITY_MONTHS;
    assert!(PROFILE_VALIDITY_MONTHS.is_multiple_of(12), "the texts state the validity in whole years: reword them");
    (PROFILE_VALIDITY_MONTHS / 12) as i64
};

/// The video app's name ("" for an office application, which has none).
pub(crate) fn call_app(app: &Application) -> &str {
    app.video_app.as_ref().map_or("", |v| v.as_str())
}

/// The GSM 03.38 alphabet, and its extension (each of those takes two septets).
const GSM7: &str = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM7_EXTENSION: &str = "^{}\\[~]|€";

/// Whether GSM-7 carries the text (else it goes as UCS-2).
pub fn is_gsm7(text: &str) -> bool {
    text.chars().all(|c| GSM7.contains(c) || GSM7_EXTENSION.contains(c))
}

/// How many SMS a text takes: one holds 160 septets of GSM-7 (an extension character
/// takes two), or 70 UTF-16 units of UCS-2 when any character is outside GSM-7; a longer
/// text goes in parts of 153 septets or 67 units.
pub fn sms_parts(text: &str) -> usize {
    if is_gsm7(text) {
        let septets: usize = text.chars().map(|c| if GSM7_EXTENSION.contains(c) { 2 } else { 1 }).sum();
        if septets <= 160 {
            1
        } else {
            septets.div_ceil(153)
        }
    } else {
        let units = text.encode_utf16().count();
        if units <= 70 {
            1
        } else {
            units.div_ceil(67)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rust files (their code before `#[cfg(test)]`, without comments) whose string
    /// literals hold Polish letters (an allowed `file:words` is a literal holding them): every sentence a person reads is in a catalogue.
    /// Allowed: Polish's own catalogue, and data that is no sentence of ours — the demo
    /// confirmation points (names, addresses), the history's stored notes (kept as written
    /// for old entries; the pages put them in words), the Polish letters English and
    /// Ukrainian name as examples of what a username may not hold, a fallback body
    /// written only when serialising an error fails.
    const ALLOWED: &[&str] = &[
        "shared/src/texts/pl.rs",
        "shared/src/texts/pl/",
        "shared/src/domain/office.rs",
        "shared/src/service/signin.rs:hasło",
        "shared/src/service/recovery.rs:hasło",
        "shared/src/service/recovery.rs:nazwa użytkownika",
        "shared/src/service/clerk.rs:hasło",
        "shared/src/service/expiry.rs:profil wygasł",
        "shared/src/service/review.rs:punkt potwierdzający",
        "shared/src/http/response.rs:Błąd.",
        "shared/src/texts/en.rs:(such as ą, ł or é)",
        "shared/src/texts/uk.rs:(ą, ę, ł…)",
        "shared/src/handlers/web_pages.rs:Język",
    ];

    fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    #[test]
    fn no_polish_sentence_is_written_outside_the_catalogue() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut files = Vec::new();
        for dir in ["shared/src", "local/src", "functions"] {
            rust_files(&root.join(dir), &mut files);
        }
        let polish = |c: char| "ąćęłńśźżóĄĆĘŁŃŚŹŻÓ".contains(c);
        let mut found = Vec::new();
        for file in files {
            let name = file.strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/");
            if ALLOWED.iter().any(|a| !a.contains(':') && name.starts_with(a)) {
                continue;
            }
            let text = std::fs::read_to_string(&file).unwrap();
            let code = text.split("#[cfg(test)]").next().unwrap_or("");
            for line in code.lines().map(|l| l.split("//").next().unwrap_or("")) {
                for literal in line.split('"').skip(1).step_by(2).filter(|s| s.chars().any(polish)) {
                    if !ALLOWED.iter().any(|a| a.split_once(':').is_some_and(|(f, l)| f == name && literal.contains(l)))
                    {
                        found.push(format!("{name}: {literal:?}"));
                    }
                }
            }
        }
        assert!(found.is_empty(), "Polish outside the catalogue: {found:#?}");
    }

    #[test]
    fn every_language_names_every_sentence_and_says_them_in_its_own_words() {
        let pl = all_sentences(Lang::Pl.texts().sentences());
        for lang in [Lang::En, Lang::Uk] {
            let other = all_sentences(lang.texts().sentences());
            assert_eq!(pl.len(), other.len());
            for ((key, polish), (same, words)) in pl.iter().zip(&other) {
                assert_eq!(key, same);
                assert!(!words.trim().is_empty() && words != polish, "{lang} {key}: {words:?}");
            }
        }
    }

    #[test]
    fn every_page_key_is_in_every_language_once_with_the_same_values_to_fill() {
        let holes = |s: &str| {
            let mut names: Vec<String> =
                s.split('{').skip(1).filter_map(|p| p.split_once('}').map(|(n, _)| n.to_owned())).collect();
            names.sort();
            names
        };
        let pages = |lang| match lang {
            Lang::Pl => [(pl::pages::PAGES_KEYS, pl::pages::PAGES_WORDS), (pl::pages::DEV_KEYS, pl::pages::DEV_WORDS)],
            Lang::En => [(en::pages::PAGES_KEYS, en::pages::PAGES_WORDS), (en::pages::DEV_KEYS, en::pages::DEV_WORDS)],
            Lang::Uk => [(uk::pages::PAGES_KEYS, uk::pages::PAGES_WORDS), (uk::pages::DEV_KEYS, uk::pages::DEV_WORDS)],
        };
        let split = |keys: &'static str, words: &'static str| {
            let keys: Vec<&str> = keys.split_terminator('\n').collect();
            let words: Vec<&str> = words.split_terminator('\0').collect();
            assert_eq!(keys.len(), words.len(), "a key per words: no key holds a newline, no words a NUL");
            (keys, words)
        };
        let mut seen = std::collections::HashSet::new();
        for (list, (pl_keys, pl_words)) in pages(Lang::Pl).into_iter().enumerate() {
            for lang in Lang::ALL {
                let (keys, words) = pages(lang)[list];
                assert_eq!((keys.len(), words.len()), (pl_keys.len(), pl_words.len()));
                for page in 0..keys.len() {
                    let (keys, words) = split(keys[page], words[page]);
                    let (source, polish) = split(pl_keys[page], pl_words[page]);
                    assert_eq!(keys, source, "{lang}: the same keys in the same order as Polish");
                    for ((key, words), polish) in keys.iter().zip(&words).zip(&polish) {
                        assert!(!words.trim().is_empty() && !words.contains("{{"), "{lang} {key}");
                        assert_eq!(holes(words), holes(polish), "{lang} {key}: the same {{values}} to fill");
                        let found = if list == 0 { lang.page_text(key) } else { Some(lang.dev_page_text(key)) };
                        assert_eq!(found, Some(*words), "{lang} {key}: found by its key");
                        if lang == Lang::Pl {
                            assert!(seen.insert(*key), "{key} twice");
                        }
                    }
                }
            }
        }
        assert!(!seen.is_empty());
    }

    #[test]
    fn sms_are_counted_in_their_alphabet() {
        assert!(is_gsm7("Profil Zaufany: kod 123456. Kod jest wazny 5 minut.") && !is_gsm7("ważny"));
        assert_eq!(sms_parts(&"a".repeat(160)), 1);
        assert_eq!(sms_parts(&"a".repeat(161)), 2);
        assert_eq!(sms_parts(&"€".repeat(80)), 1, "an extension character takes two septets");
        assert_eq!(sms_parts(&"€".repeat(81)), 2);
        assert_eq!(sms_parts(&"ж".repeat(70)), 1);
        assert_eq!(sms_parts(&"ж".repeat(71)), 2);
        assert_eq!(sms_parts(&"ą".repeat(134)), 2, "67 units a part");
    }
}
