//! The import graph of a Python project's modules, from the imports the builder read off
//! each file's bytes: who imports whom, which modules may hold Stripe values, and the order
//! to read modules in so that what a module imports is known before it is read.

use super::Noted;
use crate::modules::ModuleIndex;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The project's files (by their index in the sorted list the builder keeps) and the
/// project files each imports.
pub(super) struct ImportGraph {
    /// The files each file imports, sorted, each once.
    edges: Vec<Vec<usize>>,
    /// Whether some file imports it.
    imported: Vec<bool>,
}

impl ImportGraph {
    /// The graph of `files`, whose imports `index` resolves. An import of `a.b.c` also
    /// counts as one of the packages `a` and `a.b`, which Python runs first and whose names
    /// `import a.b.c` makes reachable.
    pub fn new(index: &ModuleIndex, files: &[(PathBuf, Noted)]) -> ImportGraph {
        let ids: HashMap<&Path, usize> = files
            .iter()
            .enumerate()
            .map(|(i, (path, _))| (path.as_path(), i))
            .collect();
        // A module name resolves the same from every file of one directory.
        let mut resolved: HashMap<(&Path, String), Option<usize>> = HashMap::new();
        let mut edges = Vec::with_capacity(files.len());
        for (path, noted) in files {
            let directory = path.parent().unwrap_or(Path::new(""));
            let mut targets: Vec<usize> = noted
                .imports
                .iter()
                .flat_map(|module| with_parent_packages(module))
                .filter_map(|module| {
                    *resolved
                        .entry((directory, module.clone()))
                        .or_insert_with(|| {
                            index
                                .resolve(path, &module)
                                .and_then(|f| ids.get(f.as_path()).copied())
                        })
                })
                .collect();
            targets.sort_unstable();
            targets.dedup();
            edges.push(targets);
        }
        let mut imported = vec![false; files.len()];
        for &target in edges.iter().flatten() {
            imported[target] = true;
        }
        ImportGraph { edges, imported }
    }

    /// The files `file` imports.
    pub fn imports(&self, file: usize) -> &[usize] {
        &self.edges[file]
    }

    /// Whether some file of the project imports `file`.
    pub fn is_imported(&self, file: usize) -> bool {
        self.imported[file]
    }

    /// For each file, whether it is one of `seeds` or imports one through any chain.
    pub fn may_hold_stripe(&self, seeds: impl Fn(usize) -> bool) -> Vec<bool> {
        let mut importers: Vec<Vec<usize>> = vec![Vec::new(); self.edges.len()];
        for (from, targets) in self.edges.iter().enumerate() {
            for &to in targets {
                importers[to].push(from);
            }
        }
        let mut marked: Vec<bool> = (0..self.edges.len()).map(&seeds).collect();
        let mut queue: Vec<usize> = (0..self.edges.len()).filter(|&i| marked[i]).collect();
        while let Some(file) = queue.pop() {
            for &importer in &importers[file] {
                if !marked[importer] {
                    marked[importer] = true;
                    queue.push(importer);
                }
            }
        }
        marked
    }

    /// The files with `keep` set, grouped into the sets of modules that import each other
    /// (strongly connected components, each sorted), every group after the groups it
    /// imports from. Tarjan's algorithm, with an explicit stack so that a long chain of
    /// imports cannot overflow the thread's.
    pub fn cycles_dependencies_first(&self, keep: &[bool]) -> Vec<Vec<usize>> {
        let n = self.edges.len();
        let mut order = vec![usize::MAX; n];
        let mut low = vec![0; n];
        let mut on_stack = vec![false; n];
        let mut stack = Vec::new();
        let mut groups = Vec::new();
        let mut next = 0;
        for start in (0..n).filter(|&i| keep[i]) {
            if order[start] != usize::MAX {
                continue;
            }
            // (file, how many of its edges were followed)
            let mut calls = vec![(start, 0)];
            while let Some(&mut (file, ref mut followed)) = calls.last_mut() {
                if *followed == 0 && order[file] == usize::MAX {
                    order[file] = next;
                    low[file] = next;
                    next += 1;
                    stack.push(file);
                    on_stack[file] = true;
                }
                let edges = &self.edges[file];
                if let Some(&to) = edges.get(*followed) {
                    *followed += 1;
                    if !keep[to] {
                        continue;
                    }
                    if order[to] == usize::MAX {
                        calls.push((to, 0));
                    } else if on_stack[to] {
                        low[file] = low[file].min(order[to]);
                    }
                    continue;
                }
                calls.pop();
                if let Some(&(parent, _)) = calls.last() {
                    low[parent] = low[parent].min(low[file]);
                }
                if low[file] == order[file] {
                    let mut group = Vec::new();
                    while let Some(member) = stack.pop() {
                        on_stack[member] = false;
                        group.push(member);
                        if member == file {
                            break;
                        }
                    }
                    group.sort_unstable();
                    groups.push(group);
                }
            }
        }
        groups
    }
}

/// `a.b.c` and the packages above it, `a` and `a.b` (`.x.y`: `.x.y` and `.x`).
pub(super) fn with_parent_packages(module: &str) -> impl Iterator<Item = String> + '_ {
    let dots = module.len() - module.trim_start_matches('.').len();
    let ends = module[dots..]
        .match_indices('.')
        .map(move |(i, _)| dots + i)
        .chain([module.len()]);
    ends.map(|end| module[..end].to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(edges: &[&[usize]]) -> ImportGraph {
        let mut imported = vec![false; edges.len()];
        for &to in edges.iter().copied().flatten() {
            imported[to] = true;
        }
        ImportGraph {
            edges: edges.iter().map(|e| e.to_vec()).collect(),
            imported,
        }
    }

    #[test]
    fn parent_packages_come_with_a_module() {
        let all = |m| with_parent_packages(m).collect::<Vec<_>>();
        assert_eq!(all("a.b.c"), ["a", "a.b", "a.b.c"]);
        assert_eq!(all(".x.y"), [".x", ".x.y"]);
        assert_eq!(all(".."), [".."]);
        assert_eq!(all("os"), ["os"]);
    }

    #[test]
    fn stripe_reaches_every_importer_through_any_chain() {
        // 0 names Stripe; 1 imports 0; 2 imports 1; 3 imports 4; 4 imports 3.
        let g = graph(&[&[], &[0], &[1], &[4], &[3]]);
        assert_eq!(
            g.may_hold_stripe(|i| i == 0),
            [true, true, true, false, false]
        );
    }

    #[test]
    fn cycles_come_after_what_they_import() {
        // 0 -> 1 <-> 2 -> 3, and 4 imports itself.
        let g = graph(&[&[1], &[2], &[1, 3], &[], &[4]]);
        let all = [true; 5];
        assert_eq!(
            g.cycles_dependencies_first(&all),
            [vec![3], vec![1, 2], vec![0], vec![4]]
        );
        let without_3 = [true, true, true, false, true];
        assert_eq!(
            g.cycles_dependencies_first(&without_3),
            [vec![1, 2], vec![0], vec![4]]
        );
    }

    /// A chain longer than any thread's stack could follow by recursion.
    #[test]
    fn a_long_chain_is_ordered_without_recursion() {
        let n = 200_000;
        let edges: Vec<Vec<usize>> = (0..n)
            .map(|i| if i + 1 < n { vec![i + 1] } else { vec![] })
            .collect();
        let g = ImportGraph {
            imported: vec![true; n],
            edges,
        };
        let groups = g.cycles_dependencies_first(&vec![true; n]);
        assert_eq!(groups.len(), n);
        assert_eq!(groups[0], [n - 1]);
        assert_eq!(groups[n - 1], [0]);
    }
}
