//! A minimal reader for the data tables: tab-separated, a header line, no quoting.

use anyhow::{Context, Result, bail};
use std::collections::HashMap;
use std::path::Path;

/// One table: its rows as maps from column name to cell.
pub struct Table {
    pub name: String,
    pub rows: Vec<HashMap<String, String>>,
}

impl Table {
    pub fn read(path: &Path, required: &[&str]) -> Result<Table> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let mut lines = text.lines();
        let header: Vec<&str> = lines.next().context("empty table")?.split('\t').collect();
        for column in required {
            if !header.contains(column) {
                bail!("{}: missing column {column}", path.display());
            }
        }
        let mut rows = Vec::new();
        for (number, line) in lines.enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let cells: Vec<&str> = line.split('\t').collect();
            if cells.len() > header.len() {
                bail!("{}:{}: more cells than columns", path.display(), number + 2);
            }
            let row = header
                .iter()
                .enumerate()
                .map(|(i, h)| {
                    (
                        h.to_string(),
                        cells.get(i).unwrap_or(&"").trim().to_string(),
                    )
                })
                .collect();
            rows.push(row);
        }
        Ok(Table {
            name: path.file_name().unwrap().to_string_lossy().into_owned(),
            rows,
        })
    }
}

/// The cell of `column` in `row` (columns were checked when the table was read).
pub fn cell<'a>(row: &'a HashMap<String, String>, column: &str) -> &'a str {
    row.get(column).map(String::as_str).unwrap_or("")
}

/// A comma-separated cell as a list, empty cells giving an empty list.
pub fn list(row: &HashMap<String, String>, column: &str) -> Vec<String> {
    cell(row, column)
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}
