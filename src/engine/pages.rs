//! The engine's last stages: the theme's templates, compiled while their texts stay the
//! same, and the pages, each made again only when something it read changed.

use std::collections::HashSet;
use std::sync::Arc;

use anyhow::Result;
use rayon::prelude::*;

use super::Engine;
use super::memo::{Item, Key, PageId, Read, Recorder, Rev};
use super::views::Reading;
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::StaticFile;
use crate::render::layout::{self, Arg, ROUTES};
use crate::render::templates::{TemplateFile, Templates};
use crate::render::{self, Bytes, Sink};

/// The theme as compiled, with the stamps of the files it was compiled from.
#[derive(Debug)]
pub(super) struct Compiled {
    list: Vec<TemplateFile>,
    stamps: Vec<Rev>,
    templates: Templates,
    pub changed: Rev,
    /// The stamp of the interface whose `t` the templates call.
    interface: Rev,
}

/// A page as made, with what it read.
#[derive(Debug)]
pub(super) struct PageSlot {
    bytes: Arc<[u8]>,
    reads: Vec<Read>,
}

impl PageSlot {
    pub(super) fn reads(&self) -> &[Read] {
        &self.reads
    }
}

/// What the render stage did.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Rendered {
    pub pages: usize,
    pub made: usize,
}

/// A page to make.
#[derive(Debug)]
struct Job {
    route: usize,
    arg: Arg,
    path: String,
    file: String,
    id: PageId,
}

impl Engine {
    /// Compiles the theme unless it is the one compiled last, from the same texts. Gives
    /// whether it compiled.
    pub(crate) fn templates(&mut self, list: &[TemplateFile], diags: &mut Diagnostics) -> bool {
        let stamps: Vec<Rev> = list.iter().map(|t| self.inputs.stamp(t.file)).collect();
        let interface = self.stamp(Key::Interface);
        if let Some(c) = &mut self.templates
            && c.list == list
            && c.stamps == stamps
        {
            if c.interface != interface
                && let Some(i) = &self.interface
            {
                c.templates.speak(&i.value);
                c.interface = interface;
            }
            return true;
        }
        // Forgotten first: a theme that fails now is compiled again next time.
        self.templates = None;
        let Some(words) = self.interface.as_ref().map(|i| Arc::clone(&i.value)) else {
            return false;
        };
        let Some(templates) = Templates::new(list, &self.inputs.files, &words, diags) else {
            return false;
        };
        self.templates = Some(Compiled {
            list: list.to_vec(),
            stamps,
            templates,
            changed: self.rev,
            interface,
        });
        self.books.changed_now.push(Key::Templates);
        true
    }

    /// Makes every page of the site that needs making, and hands every page to `sink`.
    pub(crate) fn render(
        &mut self,
        statics: &[StaticFile],
        sink: &dyn Sink,
        diags: &mut Diagnostics,
    ) -> Result<Rendered> {
        // Which pages the site has is asked again every time: it is a few lists.
        let jobs = self.pages_of_the_site();
        let files: HashSet<&str> = jobs.iter().map(|j| j.file.as_str()).collect();
        for d in render::static_conflicts(statics, |rel| files.contains(rel)) {
            diags.push(d);
        }
        let made = self.make_pages(&jobs, sink)?;
        let mut out = Rendered {
            pages: jobs.len(),
            made: 0,
        };
        let mut failed = HashSet::new();
        for (pid, result) in made {
            match result {
                Ok(Some(slot)) => {
                    out.made += 1;
                    self.books.dependents.add(Item::Page(pid), &slot.reads);
                    if let Some(old) = self.pages.insert(pid, slot) {
                        self.books.dependents.dropped(old.reads.len());
                    }
                }
                Ok(None) => out.made += 1,
                Err(d) => {
                    failed.insert(pid);
                    diags.push(d);
                }
            }
        }
        // Pages gone, and pages that failed (they are made again next time).
        let now: HashSet<PageId> = jobs.iter().map(|j| j.id).collect();
        let dependents = &mut self.books.dependents;
        self.pages.retain(|pid, slot| {
            let keep = now.contains(pid) && !failed.contains(pid);
            if !keep {
                dependents.dropped(slot.reads.len());
            }
            keep
        });
        self.books.done[Item::Page(PageId(0)).stage()] = self.rev;
        Ok(out)
    }

    /// Every page of the site: its route, what it is about, its path and its file.
    fn pages_of_the_site(&mut self) -> Vec<Job> {
        let mut jobs: Vec<(usize, Arg, String)> = Vec::new();
        {
            let plain = self.catalog();
            for (i, route) in ROUTES.iter().enumerate() {
                for arg in (route.pages)(&plain) {
                    jobs.push((i, arg, layout::path(route.path, arg, &plain)));
                }
            }
        }
        jobs.into_iter()
            .map(|(route, arg, path)| {
                let file = layout::file(&path);
                let next = PageId(u32::try_from(self.page_ids.len()).unwrap_or(u32::MAX));
                let id = match self.page_ids.get(&file) {
                    Some(id) => *id,
                    None => *self.page_ids.entry(file.clone()).or_insert(next),
                };
                Job {
                    route,
                    arg,
                    path,
                    file,
                    id,
                }
            })
            .collect()
    }

    /// Makes the pages that are new or read something that changed (each with what it
    /// read, when the engine keeps it), and hands every page to `sink`. A page taken as it
    /// was gives `None`.
    #[allow(clippy::type_complexity)]
    fn make_pages(
        &self,
        jobs: &[Job],
        sink: &dyn Sink,
    ) -> Result<Vec<(PageId, Result<Option<PageSlot>, Diagnostic>)>> {
        let Some(compiled) = &self.templates else {
            return Ok(Vec::new());
        };
        let stage = Item::Page(PageId(0)).stage();
        let (suspects, since) = (self.suspects(stage), self.books.done[stage]);
        let made: Vec<Result<Option<(PageId, Result<Option<PageSlot>, Diagnostic>)>>> = jobs
            .par_iter()
            .map(|job| {
                if let Some(slot) = self.pages.get(&job.id)
                    && (!suspects.contains(&Item::Page(job.id)) || self.holds(&slot.reads, since))
                {
                    sink.put(&job.file, Bytes::Shared(Arc::clone(&slot.bytes)))?;
                    return Ok(None);
                }
                let rec = Recorder::new(self.keep);
                let route = &ROUTES[job.route];
                if route.template.is_some() {
                    rec.read(|| Read::Stamp(Key::Templates, self.stamp(Key::Templates)));
                    rec.read(|| Read::Stamp(Key::Interface, self.stamp(Key::Interface)));
                }
                let reading = Reading::new(self, &rec);
                let files = &self.inputs.files;
                let page = render::page(
                    &reading,
                    &compiled.templates,
                    files,
                    route,
                    job.arg,
                    &job.path,
                );
                let bytes = match page {
                    Ok(bytes) => bytes,
                    Err(d) => return Ok(Some((job.id, Err(d)))),
                };
                if !self.keep {
                    // Written and let go: a one-shot build never holds the whole site.
                    sink.put(&job.file, Bytes::Owned(bytes))?;
                    return Ok(Some((job.id, Ok(None))));
                }
                let bytes: Arc<[u8]> = bytes.into();
                sink.put(&job.file, Bytes::Shared(Arc::clone(&bytes)))?;
                let reads = rec.finish();
                Ok(Some((job.id, Ok(Some(PageSlot { bytes, reads })))))
            })
            .collect();
        let mut out = Vec::new();
        for m in made {
            out.extend(m?);
        }
        Ok(out)
    }
}
