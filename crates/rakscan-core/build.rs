//! Converts `rules/*.yaml` into JSON in OUT_DIR at build time: the binary embeds the JSON,
//! which parses about ten times faster than YAML at start-up. The YAML stays the reviewed,
//! committed source; this step only changes its encoding and uses the same serde types.

#[path = "src/rules/model.rs"]
#[allow(dead_code)]
mod model;

use model::*;
use std::path::Path;

fn convert<T: serde::de::DeserializeOwned + serde::Serialize>(
    rules: &Path,
    out: &Path,
    name: &str,
) {
    let source = rules.join(format!("{name}.yaml"));
    println!("cargo:rerun-if-changed={}", source.display());
    let text = std::fs::read_to_string(&source)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", source.display()));
    let value: T = serde_yaml::from_str(&text)
        .unwrap_or_else(|e| panic!("{} is not valid: {e}", source.display()));
    let json = serde_json::to_string(&value).expect("rules serialise");
    std::fs::write(out.join(format!("{name}.json")), json).expect("OUT_DIR is writable");
}

fn main() {
    let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rules");
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let out = Path::new(&out);
    println!("cargo:rerun-if-changed=src/rules/model.rs");
    convert::<OperationsFile>(&rules, out, "operations");
    convert::<SpellingsFile>(&rules, out, "sdk-spellings");
    convert::<PermissionsFile>(&rules, out, "permissions");
    convert::<PermissionGroupsFile>(&rules, out, "permission-groups");
    convert::<ExpandableFieldsFile>(&rules, out, "expandable-fields");
    convert::<EmbeddedObjectsFile>(&rules, out, "embedded-objects");
    convert::<ResourceObjectsFile>(&rules, out, "resource-objects");
}
