//! The integration suite: one binary, one module per feature, driving the real `dossier`
//! binary on fixture dossiers from `tests/fixtures/`.
#![allow(clippy::unwrap_used)]

#[allow(dead_code)]
mod support;

mod browser;
mod build;
mod bundled;
mod cli;
mod drafts;
mod errors;
mod external;
mod fuzzed;
mod html;
pub(crate) mod injection;
mod language;
mod live;
mod load;
mod map;
mod output;
mod pages;
mod print;
mod properties;
mod publishing;
mod reuse;
mod robust;
mod screens;
mod serve;
mod timeline;
mod workflows;
