//! The commands: turn clap's arguments into options, run, print. Only this layer prints.

pub mod build;
pub mod init;
pub mod new;
pub mod serve;
