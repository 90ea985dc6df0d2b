//! Every text file the build reads, held once, with its line starts.
//!
//! Input: a path (as the author should see it, relative to the dossier root) and its text.
//! Output: [`Files`], a table of [`TextFile`]s addressed by [`FileId`], which turns byte
//! offsets into 1-based `line:column` and hands out a line's text for diagnostics.
//! It never touches the file system: `load` reads, this only indexes.

use std::path::{Path, PathBuf};
use std::sync::Arc;

/// An index into [`Files`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct FileId(u32);

impl crate::id::Id for FileId {
    fn from_index(i: usize) -> Self {
        FileId(u32::try_from(i).unwrap_or(u32::MAX))
    }
    fn index(self) -> usize {
        self.0 as usize
    }
}

/// One text file: its display path, its text and where each line starts.
#[derive(Debug)]
pub(crate) struct TextFile {
    path: PathBuf,
    text: String,
    /// Where each line starts; found when a diagnostic first needs it.
    line_starts: std::sync::OnceLock<Vec<usize>>,
}

impl TextFile {
    pub(crate) fn new(path: PathBuf, text: String) -> Self {
        TextFile {
            path,
            text,
            line_starts: std::sync::OnceLock::new(),
        }
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        })
    }

    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    /// The 1-based line and 1-based column (in characters) of a byte offset.
    pub(crate) fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts().partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts()[line];
        let column = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (line + 1, column + 1)
    }

    /// The text of a 1-based line, without its line ending.
    pub(crate) fn line_text(&self, line: usize) -> &str {
        let Some(&start) = self.line_starts().get(line.wrapping_sub(1)) else {
            return "";
        };
        let end = self
            .line_starts()
            .get(line)
            .copied()
            .unwrap_or(self.text.len());
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }

    /// The byte offset where a 1-based line starts.
    pub(crate) fn line_start(&self, line: usize) -> usize {
        self.line_starts()
            .get(line.wrapping_sub(1))
            .copied()
            .unwrap_or(self.text.len())
    }
}

/// Every file the engine has read, each under an id it keeps. Files are shared (`Arc`), so
/// that a build's result can hold the table as it was while the engine reads on.
#[derive(Debug, Default, Clone)]
pub struct Files {
    files: Vec<Arc<TextFile>>,
}

impl Files {
    pub(crate) fn add(&mut self, path: PathBuf, text: String) -> FileId {
        self.add_shared(Arc::new(TextFile::new(path, text)))
    }

    fn add_shared(&mut self, file: Arc<TextFile>) -> FileId {
        let id = FileId(u32::try_from(self.files.len()).unwrap_or(u32::MAX));
        self.files.push(file);
        id
    }

    /// Puts a new text in place of file `id`'s.
    pub(crate) fn replace(&mut self, id: FileId, file: TextFile) {
        if let Some(slot) = self.files.get_mut(id.0 as usize) {
            *slot = Arc::new(file);
        }
    }

    pub(crate) fn get(&self, id: FileId) -> &TextFile {
        &self.files[id.0 as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_map_to_lines_and_character_columns() {
        let f = TextFile::new("a.md".into(), "ab\nКремль x\n\nlast".into());
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(f.line_col(3), (2, 1));
        let x = f.text().find('x').unwrap();
        assert_eq!(f.line_col(x), (2, 8));
        assert_eq!(f.line_text(2), "Кремль x");
        assert_eq!(f.line_text(3), "");
        assert_eq!(f.line_text(4), "last");
        assert_eq!(f.line_text(9), "");
        assert_eq!(f.line_col(999), (4, 5));
    }

    #[test]
    fn crlf_is_not_part_of_the_line() {
        let f = TextFile::new("a.md".into(), "one\r\ntwo\r\n".into());
        assert_eq!(f.line_text(1), "one");
        assert_eq!(f.line_col(5), (2, 1));
    }
}
