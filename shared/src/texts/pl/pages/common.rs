//! What every page shares: the language switch, the local-mode banner, and the words
//! `common.js` shows.

use super::super::field;

page_words! {
    ("common.langs", "Język"),
    ("common.brand", "Profil Zaufany"),
    (
        "common.local_banner",
        "<strong>Tryb lokalny (demonstracyjny).</strong> Terminy rozmów są przykładowe, a SMS-y i e-maile nie wychodzą na zewnątrz — przeczytasz je w <a href=\"/dev/outbox\">skrzynce wiadomości</a>.",
    ),
    ("js.common.offline", "Brak połączenia z serwerem. Sprawdź internet i spróbuj ponownie."),
    ("js.common.error", "Wystąpił błąd. Spróbuj ponownie."),
    ("js.common.code_format", field::CODE_FORMAT),
}
