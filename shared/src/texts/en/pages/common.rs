//! What every page shares: the language switch, the local-mode banner, and the words
//! `common.js` shows.

use super::super::field;

page_words! {
    ("common.langs", "Language"),
    ("common.brand", "Profil Zaufany"),
    (
        "common.local_banner",
        "<strong>Local (demo) mode.</strong> The call times are examples, and no SMS or email leaves this machine — read them in the <a href=\"/dev/outbox\">message outbox</a>.",
    ),
    ("js.common.offline", "Cannot reach the server. Check your internet connection and try again."),
    ("js.common.error", "Something went wrong. Please try again."),
    ("js.common.code_format", field::CODE_FORMAT),
}
