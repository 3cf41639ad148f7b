//! `--staged`: files read from git's index, so a pre-commit hook judges what will be committed,
//! not the working tree (a partially staged file is read as staged).
//!
//! With no paths, the files with staged changes, from `git diff --cached --raw -z` (added,
//! copied, modified and type-changed regular files; renames count as additions). With paths
//! (as pre-commit passes them, also with `--all-files`), the index entries of those paths, from
//! `git ls-files --stage -z`. Contents come from one `git cat-file --batch`.

use crate::files::FileSet;
use crate::filter::PathFilter;
use anyhow::{Context, Result, bail};
use std::ffi::OsStr;
use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The files with staged changes (when `paths` is empty) or the index entries of `paths`, that
/// the filter admits, with their contents in the index. Run in the repository of the current
/// directory.
pub fn staged_files(paths: &[PathBuf], filter: &PathFilter) -> Result<FileSet> {
    let cwd = std::env::current_dir().context("cannot read the current directory")?;
    let top =
        git(&cwd, &["rev-parse", "--show-toplevel"]).context("--staged needs a git repository")?;
    let top = PathBuf::from(String::from_utf8_lossy(&top).trim_end_matches('\n'));
    let top = top.canonicalize().unwrap_or(top);
    let listed = match paths.is_empty() {
        true => parse_raw(&git(
            &top,
            &[
                "diff",
                "--cached",
                "--raw",
                "-z",
                "--no-abbrev",
                "--no-renames",
                "--diff-filter=ACMT",
            ],
        )?),
        false => {
            let mut args: Vec<String> = ["ls-files", "--stage", "-z", "--"]
                .map(str::to_owned)
                .to_vec();
            for path in paths {
                let path = absolute(&cwd.join(path));
                let relative = path.strip_prefix(&top).with_context(|| {
                    format!(
                        "{} is outside the repository {}",
                        path.display(),
                        top.display()
                    )
                })?;
                let relative = relative.to_string_lossy();
                // A literal pathspec: a file name with `*` is that file, not a glob.
                args.push(format!(
                    ":(literal){}",
                    if relative.is_empty() { "." } else { &relative }
                ));
            }
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            parse_stage(&git(&top, &args)?)
        }
    };
    let entries: Vec<(PathBuf, String)> = listed
        .into_iter()
        .map(|(relative, blob)| (top.join(relative), blob))
        .filter(|(path, _)| filter.admits_file(path))
        .collect();
    let ids: String = entries
        .iter()
        .map(|(_, blob)| format!("{blob}\n"))
        .collect();
    let blobs = read_blobs(&top, &ids, entries.len())?;
    let files = entries
        .into_iter()
        .map(|(path, _)| path)
        .zip(blobs)
        .collect();
    Ok(FileSet::in_memory(top, files))
}

/// The regular files of `git diff --raw -z` output: `(path, new blob id)`.
fn parse_raw(raw: &[u8]) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let mut fields = raw.split(|&b| b == 0);
    while let Some(meta) = fields.next() {
        let Some(path) = fields.next() else { break };
        // `:100644 100644 <old id> <new id> M`
        let meta = String::from_utf8_lossy(meta);
        let parts: Vec<&str> = meta.trim_start_matches(':').split(' ').collect();
        if let [_, new_mode, _, new_id, _] = parts[..]
            && matches!(new_mode, "100644" | "100755")
        {
            out.push((PathBuf::from(OsStr::from_bytes(path)), new_id.to_owned()));
        }
    }
    out
}

/// The regular files of `git ls-files --stage -z` output: `(path, blob id)`. A conflicted
/// path (stages 1-3) is skipped: it cannot be committed as it is.
fn parse_stage(listing: &[u8]) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    for record in listing.split(|&b| b == 0).filter(|r| !r.is_empty()) {
        // `100644 <id> 0\t<path>`
        let Some(tab) = record.iter().position(|&b| b == b'\t') else {
            continue;
        };
        let meta = String::from_utf8_lossy(&record[..tab]);
        let parts: Vec<&str> = meta.split(' ').collect();
        if let [mode, id, "0"] = parts[..]
            && matches!(mode, "100644" | "100755")
        {
            let path = OsStr::from_bytes(&record[tab + 1..]);
            out.push((PathBuf::from(path), id.to_owned()));
        }
    }
    out
}

/// The contents of `count` blobs named one per line in `ids`, in order.
fn read_blobs(top: &Path, ids: &str, count: usize) -> Result<Vec<Vec<u8>>> {
    if count == 0 {
        return Ok(Vec::new());
    }
    let mut child = Command::new("git")
        .args(["cat-file", "--batch"])
        .current_dir(top)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .context("cannot run git")?;
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let ids = ids.to_owned();
    // Written from another thread: git answers while it reads, and a full pipe would block.
    let writer = std::thread::spawn(move || stdin.write_all(ids.as_bytes()));
    let mut out = BufReader::new(child.stdout.take().expect("stdout is piped"));
    let mut blobs = Vec::with_capacity(count);
    for _ in 0..count {
        let mut header = String::new();
        out.read_line(&mut header)?;
        // `<id> blob <size>`
        let size: usize = header
            .split(' ')
            .nth(2)
            .and_then(|s| s.trim_end().parse().ok())
            .with_context(|| format!("unexpected answer from git cat-file: {header:?}"))?;
        let mut blob = vec![0; size];
        out.read_exact(&mut blob)?;
        let mut newline = [0u8; 1];
        out.read_exact(&mut newline)?;
        blobs.push(blob);
    }
    writer
        .join()
        .expect("the writer does not panic")
        .context("cannot write to git cat-file")?;
    let status = child.wait()?;
    if !status.success() {
        bail!("git cat-file failed ({status})");
    }
    Ok(blobs)
}

/// Runs git in `dir` and returns its standard output; a failure is an error with git's message.
fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>> {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .context("cannot run git")?;
    if !out.status.success() {
        bail!(
            "git {} failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(out.stdout)
}

/// `path` made canonical when it exists (a staged file may be gone from the working tree).
fn absolute(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_output_keeps_regular_files_only() {
        let zero = "0".repeat(40);
        let id = "a".repeat(40);
        let raw = format!(
            ":000000 100644 {zero} {id} A\0new file.py\0:160000 160000 {zero} {id} M\0sub\0:100644 120000 {zero} {id} T\0link\0"
        );
        assert_eq!(
            parse_raw(raw.as_bytes()),
            [(PathBuf::from("new file.py"), id.clone())]
        );
    }

    #[test]
    fn stage_listing_keeps_merged_regular_files() {
        let id = "b".repeat(40);
        let listing =
            format!("100644 {id} 0\tsrc/a b.py\0120000 {id} 0\tlink\0100644 {id} 2\tconflict.py\0");
        assert_eq!(
            parse_stage(listing.as_bytes()),
            [(PathBuf::from("src/a b.py"), id.clone())]
        );
    }
}
