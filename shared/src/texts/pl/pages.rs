//! The pages' words, one file per page (`web/`). Keys are `<page>.<name>`; the ones the pages'
//! scripts read are `js.<script>.<name>` (`{name}` marks a value the script puts in).

mod app;
mod apply;
mod bank;
mod clerk;
mod common;
mod consent;
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
pub static SHARED: &[&[(&str, &str)]] = &[common::TEXTS, not_found::TEXTS];

pub static PAGES: &[&[(&str, &str)]] = &[
    common::TEXTS,
    index::TEXTS,
    not_found::TEXTS,
    login::TEXTS,
    idp::TEXTS,
    bank::TEXTS,
    apply::TEXTS,
    rebook::TEXTS,
    profile::TEXTS,
    clerk::TEXTS,
    recovery::TEXTS,
    disavow::TEXTS,
    consent::TEXTS,
    logged_out::TEXTS,
    app::TEXTS,
    ikp::TEXTS,
];
