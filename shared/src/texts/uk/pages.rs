//! The pages' words, one file per page (`web/`). Keys are `<page>.<name>`; the ones the pages'
//! scripts read are `js.<script>.<name>` (`{name}` marks a value the script puts in).

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
