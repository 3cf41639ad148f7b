//! `rakscan manifest`: the least-privilege manifest of each restricted key.

use super::{InputArgs, KeyArgs, load_config, project_name, roots, scan_keys, start_catalog};
use crate::exit::Exit;
use crate::keys::DEFAULT_KEY;
use crate::output::write_stdout;
use anyhow::{Context, Result, bail};
use clap::Args;
use rakscan_core::manifest::{Manifest, needs};
use std::path::PathBuf;

/// Arguments of `rakscan manifest`.
#[derive(Debug, Args)]
pub struct ManifestArgs {
    /// Files or directories to scan (default: the current directory).
    paths: Vec<PathBuf>,
    /// Output format: the manifest as YAML or JSON, or only the Dashboard link.
    #[arg(long, value_enum, default_value_t = ManifestFormat::Yaml)]
    format: ManifestFormat,
    /// The key's name when `.rakscan.yaml` configures no keys (default: the directory's name).
    #[arg(long)]
    name: Option<String>,
    /// Write each key's manifest to DIR/<key>.rak.yaml (or .json) instead of standard output.
    #[arg(long, value_name = "DIR")]
    out_dir: Option<PathBuf>,
    #[command(flatten)]
    keys: KeyArgs,
    #[command(flatten)]
    input: InputArgs,
}

/// The formats of `rakscan manifest`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ManifestFormat {
    Yaml,
    Json,
    /// Only the Dashboard link, one line per key.
    Url,
}

/// The comment at the top of every YAML manifest.
const YAML_HEADER: &str = "\
# Restricted API key manifest, written by `rakscan manifest`. Review it like code.
# Open dashboard_url to create the key; `rakscan check --manifest <this file>` keeps code and key in step.
";

pub fn run(args: ManifestArgs) -> Result<Exit> {
    let loading = start_catalog(args.input.rules.as_deref())?;
    let roots = roots(args.paths)?;
    let config = load_config(&args.keys, &roots)?;
    if args.name.is_some() && !config.keys.is_empty() {
        bail!("--name names the only key of a project without keys; .rakscan.yaml names its keys");
    }
    let single = args.name.clone().unwrap_or_else(|| project_name(&roots));
    let mut per_key = scan_keys(loading, &args.input, &roots, &config, &single);
    let catalog = loading.get()?;
    if let Some(wanted) = &args.keys.key {
        per_key.retain(|k| &k.name == wanted);
        if per_key.is_empty() {
            bail!(
                "no key named `{wanted}` (keys come from .rakscan.yaml; `{DEFAULT_KEY}` holds unclaimed calls)"
            );
        }
    }
    let manifests: Vec<Manifest> = per_key
        .into_iter()
        .map(|k| {
            if k.name == DEFAULT_KEY && !config.keys.is_empty() {
                crate::term::warn(format_args!(
                    "{} Stripe call(s) are in files no key's paths match; they went to key `{DEFAULT_KEY}`",
                    k.findings.len()
                ));
            }
            Manifest::build(catalog, &k.name, &needs(&k.findings), k.notes)
        })
        .collect();
    match &args.out_dir {
        Some(dir) => write_files(dir, args.format, &manifests)?,
        None => write_stdout(&render_all(args.format, &manifests)?)?,
    }
    Ok(Exit::Clean)
}

fn render_all(format: ManifestFormat, manifests: &[Manifest]) -> Result<String> {
    Ok(match format {
        ManifestFormat::Yaml => manifests
            .iter()
            .map(yaml)
            .collect::<Result<Vec<_>>>()?
            .join("---\n"),
        ManifestFormat::Json => match manifests {
            [one] => json(one)?,
            many => format!("{}\n", serde_json::to_string_pretty(many)?),
        },
        ManifestFormat::Url => manifests
            .iter()
            .map(|m| format!("{}\n", m.dashboard_url))
            .collect(),
    })
}

fn yaml(manifest: &Manifest) -> Result<String> {
    Ok(format!("{YAML_HEADER}{}", serde_yaml::to_string(manifest)?))
}

fn json(manifest: &Manifest) -> Result<String> {
    Ok(format!("{}\n", serde_json::to_string_pretty(manifest)?))
}

fn write_files(
    dir: &std::path::Path,
    format: ManifestFormat,
    manifests: &[Manifest],
) -> Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    for manifest in manifests {
        let (text, extension) = match format {
            ManifestFormat::Yaml => (yaml(manifest)?, "yaml"),
            ManifestFormat::Json => (json(manifest)?, "json"),
            ManifestFormat::Url => bail!("--out-dir writes manifests: use --format yaml or json"),
        };
        let file: String = manifest
            .name
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || "-_.".contains(c) {
                    c
                } else {
                    '-'
                }
            })
            .collect();
        let path = dir.join(format!("{file}.rak.{extension}"));
        std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
        crate::term::note(format_args!("wrote {}", path.display()));
    }
    Ok(())
}
