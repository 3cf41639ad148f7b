//! The files a scan reads and where their bytes come from: the file system (a walk of the
//! roots) or blobs already read from git's index (`--staged`). The per-file pipeline in
//! `scan.rs` is the same for both.

use crate::filter::PathFilter;
use crate::walk::{display_path, walk_files};
use rakscan_core::finding::FileProblem;
use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The files of one scan, sorted, each with the root it was found under.
#[derive(Debug, Default)]
pub struct FileSet {
    /// The roots scanned; paths are shown relative to them.
    pub roots: Vec<PathBuf>,
    /// `(root, path)` pairs, sorted and unique.
    pub files: Vec<(PathBuf, PathBuf)>,
    /// Errors met while listing the files.
    pub problems: Vec<FileProblem>,
    /// Contents held in memory, by path; `None` reads files from disk.
    blobs: Option<HashMap<PathBuf, Vec<u8>>>,
}

/// Why a file's bytes were not read.
#[derive(Debug)]
pub enum ReadError {
    /// The file has this many bytes, over the limit.
    TooLarge(u64),
    Io(std::io::Error),
}

impl FileSet {
    /// Every file below the roots that the walk and `filter` let through.
    pub fn walk(roots: &[PathBuf], threads: usize, filter: &PathFilter) -> FileSet {
        let files = Mutex::new(Vec::new());
        let problems = Mutex::new(Vec::new());
        let visit = |root: &Path, path: &Path| {
            let mut files = files
                .lock()
                .expect("no thread panics while holding the list");
            files.push((root.to_path_buf(), path.to_path_buf()));
        };
        let error = |path: String, message: String| {
            let mut problems = problems
                .lock()
                .expect("no thread panics while holding the list");
            problems.push(FileProblem { path, message });
        };
        walk_files(roots, threads, filter, &visit, &error);
        let mut files = files.into_inner().expect("walk finished");
        files.sort();
        files.dedup();
        FileSet {
            roots: roots.to_vec(),
            files,
            problems: problems.into_inner().expect("walk finished"),
            blobs: None,
        }
    }

    /// Files whose contents are already in memory, all below one root.
    pub fn in_memory(root: PathBuf, blobs: Vec<(PathBuf, Vec<u8>)>) -> FileSet {
        let mut files: Vec<(PathBuf, PathBuf)> = blobs
            .iter()
            .map(|(path, _)| (root.clone(), path.clone()))
            .collect();
        files.sort();
        files.dedup();
        FileSet {
            roots: vec![root],
            files,
            problems: Vec::new(),
            blobs: Some(blobs.into_iter().collect()),
        }
    }

    /// The bytes of one listed file, unless it has more than `max_size` bytes.
    pub fn read(&self, path: &Path, max_size: u64) -> Result<Cow<'_, [u8]>, ReadError> {
        if let Some(blobs) = &self.blobs {
            let bytes = blobs.get(path).ok_or_else(|| {
                ReadError::Io(std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    "not in the file set",
                ))
            })?;
            return match bytes.len() as u64 {
                len if len > max_size => Err(ReadError::TooLarge(len)),
                _ => Ok(Cow::Borrowed(bytes)),
            };
        }
        let meta = std::fs::metadata(path).map_err(ReadError::Io)?;
        if meta.len() > max_size {
            return Err(ReadError::TooLarge(meta.len()));
        }
        std::fs::read(path).map(Cow::Owned).map_err(ReadError::Io)
    }

    /// The bytes of the file shown as `shown` in the output (for source snippets).
    pub fn read_shown(&self, shown: &str) -> Option<Cow<'_, [u8]>> {
        self.roots.iter().find_map(|root| {
            let path = if root.is_file() {
                (display_path(root, root) == shown).then(|| root.clone())?
            } else {
                root.join(shown)
            };
            let listed = (root.clone(), path);
            self.files.binary_search(&listed).ok()?;
            self.read(&listed.1, u64::MAX).ok()
        })
    }
}
