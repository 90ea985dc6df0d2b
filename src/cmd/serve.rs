//! `dossier serve`: the preview server's options from the command line.

use anyhow::Result;

use crate::cli::ServeArgs;
use crate::serve::{self, ServeOptions};

pub(crate) fn run(args: &ServeArgs) -> Result<u8> {
    serve::run(&ServeOptions {
        root: args.root.clone(),
        bind: args.bind.clone(),
        port: args.port,
        drafts: args.drafts,
        open: args.open,
    })
}
