//! The rule catalog of a scan, which may still be loading while the walk begins.

use anyhow::{Result, anyhow};
use rakscan_core::Catalog;

/// The rule catalog a scan resolves calls with.
///
/// Building the built-in catalog (its JSON tables and their indexes) takes about 4 ms, half of
/// the start-up of a small scan. [`CatalogLoad::embedded_in_background`] builds it on its own
/// thread while the walk, the reads and the secret pass begin; the first file with calls to
/// resolve waits for it.
#[derive(Clone, Copy)]
pub enum CatalogLoad<'a> {
    /// Built already: rules from `--rules DIR` (validated before the scan), or a test's.
    Ready(&'a Catalog),
    /// The built-in catalog, built by whichever thread asks first.
    Embedded,
}

impl CatalogLoad<'_> {
    /// Starts building the built-in catalog on a thread of its own.
    pub fn embedded_in_background() -> CatalogLoad<'static> {
        // If no thread can be started, the first `get` builds the catalog instead.
        let _ = std::thread::Builder::new()
            .name("rules".into())
            .spawn(|| Catalog::embedded().is_ok());
        CatalogLoad::Embedded
    }
}

impl<'a> CatalogLoad<'a> {
    /// The catalog, once built (waiting for the thread building it).
    pub fn get(self) -> Result<&'a Catalog> {
        match self {
            CatalogLoad::Ready(catalog) => Ok(catalog),
            CatalogLoad::Embedded => {
                Catalog::embedded().map_err(|e| anyhow!("the built-in rules are broken: {e}"))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalog_built_in_the_background_is_the_built_in_catalog() {
        let loaded = CatalogLoad::embedded_in_background().get().unwrap();
        assert!(std::ptr::eq(loaded, Catalog::embedded().unwrap()));
        let given = Catalog::embedded().unwrap();
        assert!(std::ptr::eq(
            CatalogLoad::Ready(given).get().unwrap(),
            given
        ));
    }
}
