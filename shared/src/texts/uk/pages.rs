//! The pages' words, one file per page (`web/`). Keys are `<page>.<name>`; the ones the pages'
//! scripts read are `js.<script>.<name>` (`{name}` marks a value the script puts in).

language_pages!();
