//! The commands: turn clap's arguments into options, run, print. Only this layer prints.

pub(crate) mod build;
pub(crate) mod init;
pub(crate) mod new;
pub(crate) mod serve;
