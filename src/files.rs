//! The files a scan reads and where their bytes come from: the file system (a walk of the
//! roots, streamed: no list of every file is kept) or blobs already read from git's index
//! (`--staged`). The per-file pipeline in `scan.rs` is the same for both.

use crate::encoding::utf16_as_utf8;
use crate::filter::PathFilter;
use crate::walk::walk_files;
use std::borrow::Cow;
use std::collections::HashMap;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The files of one scan: the roots and where the files below them come from.
#[derive(Debug)]
pub struct FileSet {
    /// The roots scanned; paths are shown relative to them.
    pub roots: Vec<PathBuf>,
    source: Source,
}

/// The capacity a file is first read into: most source files fit (the buffer grows for the
/// rest).
const FIRST_READ_BYTES: usize = 16 * 1024;

#[derive(Debug)]
enum Source {
    /// Files found by walking the roots, filtered by the configuration.
    Disk(PathFilter),
    /// Contents held in memory below the only root, listed in sorted order.
    Memory {
        paths: Vec<PathBuf>,
        bytes: HashMap<PathBuf, Vec<u8>>,
    },
}

impl Default for FileSet {
    fn default() -> FileSet {
        FileSet::in_memory(PathBuf::new(), Vec::new())
    }
}

/// Why a file's bytes were not read.
#[derive(Debug)]
pub enum ReadError {
    /// The file has this many bytes, over the limit.
    TooLarge(u64),
    Io(std::io::Error),
}

/// Receives each file of a [`FileSet`]: the index of its root in [`FileSet::roots`] and its path.
pub type Visit<'a> = &'a (dyn Fn(usize, &Path) + Sync);
/// Receives each error met while listing files: the path concerned and the message.
pub type WalkError<'a> = &'a (dyn Fn(String, String) + Sync);

impl FileSet {
    /// Every file below the roots that the walk and `filter` let through, found while the scan
    /// runs.
    pub fn on_disk(roots: &[PathBuf], filter: &PathFilter) -> FileSet {
        FileSet {
            roots: roots.to_vec(),
            source: Source::Disk(filter.clone()),
        }
    }

    /// Files whose contents are already in memory, all below one root.
    pub fn in_memory(root: PathBuf, blobs: Vec<(PathBuf, Vec<u8>)>) -> FileSet {
        let mut paths: Vec<PathBuf> = blobs.iter().map(|(path, _)| path.clone()).collect();
        paths.sort();
        paths.dedup();
        FileSet {
            roots: vec![root],
            source: Source::Memory {
                paths,
                bytes: blobs.into_iter().collect(),
            },
        }
    }

    /// Calls `visit` for every file, from up to `threads` threads, as the files are found.
    /// Errors met while walking (unreadable directories, broken links) go to `error`.
    pub fn for_each(&self, threads: usize, visit: Visit<'_>, error: WalkError<'_>) {
        match &self.source {
            Source::Disk(filter) => walk_files(&self.roots, threads, filter, visit, error),
            Source::Memory { paths, .. } => {
                let next = AtomicUsize::new(0);
                std::thread::scope(|scope| {
                    for _ in 0..threads.min(paths.len()).max(1) {
                        scope.spawn(|| {
                            while let Some(path) = paths.get(next.fetch_add(1, Ordering::Relaxed)) {
                                visit(0, path);
                            }
                        });
                    }
                });
            }
        }
    }

    /// The bytes of one file, unless it has more than `max_size` bytes; a UTF-16 file (with
    /// its byte-order mark) comes as UTF-8.
    pub fn read(&self, path: &Path, max_size: u64) -> Result<Cow<'_, [u8]>, ReadError> {
        if let Source::Memory { bytes, .. } = &self.source {
            let bytes = bytes.get(path).ok_or_else(|| {
                ReadError::Io(std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    "not in the file set",
                ))
            })?;
            return match bytes.len() as u64 {
                len if len > max_size => Err(ReadError::TooLarge(len)),
                _ => Ok(utf16_as_utf8(bytes).map_or(Cow::Borrowed(bytes), Cow::Owned)),
            };
        }
        // No fstat for the size: reading stops one byte past the limit, and only a file that
        // reaches it is asked its length (for the message). Most source files fit the first
        // buffer, and then take two reads (the second one sees the end).
        let mut file = std::fs::File::open(path).map_err(ReadError::Io)?;
        let mut bytes = Vec::with_capacity(FIRST_READ_BYTES);
        std::io::Read::take(&mut file, max_size.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(ReadError::Io)?;
        match bytes.len() as u64 {
            read if read > max_size => {
                let len = file.metadata().map_or(read, |m| m.len().max(read));
                Err(ReadError::TooLarge(len))
            }
            _ => Ok(Cow::Owned(utf16_as_utf8(&bytes).unwrap_or(bytes))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_file_of(len: usize, max_size: u64) -> Result<usize, u64> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.py");
        std::fs::write(&path, vec![b'x'; len]).unwrap();
        let files = FileSet::on_disk(&[dir.path().to_path_buf()], &PathFilter::default());
        match files.read(&path, max_size) {
            Ok(bytes) => Ok(bytes.len()),
            Err(ReadError::TooLarge(len)) => Err(len),
            Err(ReadError::Io(e)) => panic!("{e}"),
        }
    }

    #[test]
    fn reads_whole_files_up_to_the_limit_and_reports_the_size_of_larger_ones() {
        assert_eq!(read_file_of(0, 10), Ok(0));
        assert_eq!(read_file_of(10, 10), Ok(10));
        assert_eq!(read_file_of(11, 10), Err(11));
        // Past the first buffer, the read goes on to the end.
        let big = FIRST_READ_BYTES * 5 + 3;
        assert_eq!(read_file_of(big, 1 << 20), Ok(big));
        assert_eq!(read_file_of(big, 1000), Err(big as u64));
    }
}
