//! Profil Zaufany: domain rules, flows, storage and messaging adapters, HTTP handlers.
//! Each Lambda in `functions/` and the local gateway in `local/` wire these together.

pub mod adapters;
pub mod config;
pub mod crypto;
pub mod deps;
pub mod domain;
pub mod handlers;
pub mod http;
pub mod lambda;
pub mod logs;
pub mod ports;
pub mod service;
pub mod texts;

pub use config::Config;
pub use deps::{Deps, FullDeps, Wired};
