//! Tera templates: loaded from the theme (or the copy built into the binary) and the
//! dossier's `templates/`, compiled once; errors name the template file, line and column.

use std::collections::HashMap;

use tera::{Context, ErrorKind, Tera};

use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::files::{FileId, Files};
use crate::i18n::Interface;

/// A template's name (`note.html`) and where its text is.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TemplateFile {
    pub name: String,
    pub file: FileId,
}

#[derive(Debug)]
pub(crate) struct Templates {
    tera: Tera,
    files: HashMap<String, FileId>,
}

impl Templates {
    /// The templates compiled, each known by its name; a template that does not compile, or
    /// one the theme lacks, is reported.
    pub(crate) fn new(
        list: &[TemplateFile],
        files: &Files,
        interface: &std::sync::Arc<Interface>,
        diags: &mut Diagnostics,
    ) -> Option<Templates> {
        let by_name: HashMap<String, FileId> =
            list.iter().map(|t| (t.name.clone(), t.file)).collect();
        let sources: Vec<(&str, &str)> = list
            .iter()
            .map(|t| (t.name.as_str(), files.get(t.file).text()))
            .collect();
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html", ".xml"]);
        // Before the templates: Tera checks at compile time that every function exists.
        interface.register(&mut tera);
        if let Err(e) = tera.add_raw_templates(sources) {
            diags.push(template_error(&e, &by_name, files));
            return None;
        }
        let mut ok = true;
        for name in super::layout::templates() {
            if !by_name.contains_key(name) {
                ok = false;
                diags.push(
                    Diagnostic::error(
                        "template-missing",
                        format!("the theme has no `{name}` template"),
                        Location::Path("templates".into()),
                    )
                    .with_help(format!(
                        "add `templates/{name}`, or copy it from `dossier init`'s default theme"
                    )),
                );
            }
        }
        ok.then_some(Templates {
            tera,
            files: by_name,
        })
    }

    /// Gives the templates' `t` the strings of `interface`.
    pub(crate) fn speak(&mut self, interface: &std::sync::Arc<Interface>) {
        interface.register(&mut self.tera);
    }

    /// The page's bytes (UTF-8, as the templates and values are: Tera's own `render` would
    /// check that again, page by page).
    pub(crate) fn render(
        &self,
        name: &str,
        ctx: &Context,
        files: &Files,
    ) -> Result<Vec<u8>, Diagnostic> {
        let mut out = Vec::with_capacity(16 * 1024);
        self.tera
            .render_to(name, ctx, &mut out)
            .map_err(|e| template_error(&e, &self.files, files))?;
        Ok(out)
    }
}

fn template_error(e: &tera::Error, by_name: &HashMap<String, FileId>, files: &Files) -> Diagnostic {
    let (report, code) = match e.kind() {
        ErrorKind::SyntaxError(r) => (Some(r), "template-syntax"),
        ErrorKind::RenderingError(r) => (Some(r), "template-render"),
        _ => (None, "template-error"),
    };
    match report.and_then(|r| by_name.get(r.filename()).map(|id| (r, *id))) {
        Some((r, id)) => {
            let f = files.get(id);
            let span = r.span();
            let start = f.line_start(span.start_line) + span.start_col;
            let start = if span.range.end > span.range.start && span.range.end <= f.text().len() {
                span.range.start
            } else {
                start.min(f.text().len())
            };
            let end = if span.range.end > span.range.start && span.range.end <= f.text().len() {
                span.range.end
            } else {
                start
            };
            let message = lower_first(r.message());
            Diagnostic::error(code, message, Location::Span(id, start..end))
                .with_help("fix the template; the Tera documentation lists its syntax and filters")
        }
        None => {
            let mut message = e.to_string();
            let mut source = std::error::Error::source(e);
            while let Some(s) = source {
                message.push_str(": ");
                message.push_str(&s.to_string());
                source = s.source();
            }
            Diagnostic::error(
                code,
                lower_first(&message),
                Location::Path("templates".into()),
            )
        }
    }
}

/// Our message style: lower case first, no trailing period.
fn lower_first(s: &str) -> String {
    let s = s.trim().trim_end_matches('.');
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}
