//! Serde types of the rule tables. Field names match the YAML the importer writes.

use serde::{Deserialize, Serialize};

/// All rule tables together.
#[derive(Debug, Clone, PartialEq)]
pub struct Rules {
    pub operations: Vec<Operation>,
    pub spellings: Vec<Spelling>,
    pub permissions: Vec<PermissionRule>,
    pub permission_groups: Vec<PermissionGroup>,
    pub expandable_fields: Vec<ExpandableField>,
    pub embedded_objects: Vec<EmbeddedObject>,
    pub resource_objects: Vec<ResourceObject>,
}

/// One Stripe API operation (an HTTP method on a path template).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Operation {
    pub method: String,
    pub path: String,
    pub operation_id: String,
    /// `v1` or `v2`.
    pub api: String,
    /// How the spec binds the operation to SDK methods (one entry per `method_on`).
    pub bindings: Vec<Binding>,
}

/// One SDK binding of an operation, from the spec (`stripe-operations.tsv`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Binding {
    pub resource: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub namespace: String,
    /// The spec's snake_case method name (`create`, `list_line_items`).
    pub name: String,
    /// `service`, `class`, `instance` or `collection`.
    pub on: String,
    /// `create`, `retrieve`, `update`, `delete`, `list`, `search` or `custom`.
    #[serde(rename = "type")]
    pub kind: String,
}

/// How one SDK spells one operation (`stripe-sdk-methods.tsv`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spelling {
    /// `node`, `ruby`, `go`, `rust-async-stripe`.
    pub sdk: String,
    /// `client`, `resource-class`, `resource-instance`, `request-builder`.
    pub style: String,
    /// The receiver as the data spells it (`stripe.customers`, `Stripe::Checkout::Session.`).
    pub receiver: String,
    /// The SDK method or type name (`create`, `listLineItems`, `CreateCustomer`).
    pub name: String,
    pub method: String,
    pub path: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// How sure the permission of an endpoint is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Provenance {
    /// Seen in Stripe's published permissions reference.
    Reference,
    /// Named for that endpoint by a quoted Stripe 403 text or a key analyzer that probes it.
    Secondary,
    /// Resource family from Stripe's permission list plus the GET-read / POST-DELETE-write rule.
    Inferred,
    /// No permission name known for the endpoint.
    Unknown,
}

impl Provenance {
    pub fn as_str(self) -> &'static str {
        match self {
            Provenance::Reference => "reference",
            Provenance::Secondary => "secondary",
            Provenance::Inferred => "inferred",
            Provenance::Unknown => "unknown",
        }
    }
}

/// The restricted-key permission one endpoint needs (`stripe-permissions.tsv`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PermissionRule {
    pub method: String,
    pub path: String,
    /// `None` when no permission name is known (then `provenance` is `unknown`).
    pub permission: Option<String>,
    /// The permission cannot authorise calls made on behalf of a connected account.
    #[serde(default)]
    pub direct_only: bool,
    pub provenance: Provenance,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// Dashboard metadata of one permission (`stripe-permission-groups.tsv`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PermissionGroup {
    pub permission: String,
    /// The Dashboard row label (`Checkout Sessions`).
    pub label: String,
    pub category: String,
    /// Permissions this one implies.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub implies: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

/// An expandable field of a resource (`stripe-expandable-fields.tsv`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpandableField {
    pub resource: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub namespace: String,
    /// Dotted path below the resource (`latest_charge`, `company.verification.document.back`).
    pub field: String,
    /// API `object` names the field can expand to (`charge`; several for polymorphic fields).
    pub objects: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub shape: String,
}

/// A field that always holds a full object of another resource (`stripe-embedded-objects.tsv`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmbeddedObject {
    pub resource: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub namespace: String,
    pub field: String,
    pub embedded: String,
    pub object: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub embedded_namespace: String,
}

/// Resource class → API object name (`stripe-resource-objects.tsv`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResourceObject {
    pub resource: String,
    pub object: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub namespace: String,
}

/// File wrappers: each YAML file is a mapping with one top-level key.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OperationsFile {
    pub operations: Vec<Operation>,
}
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpellingsFile {
    pub spellings: Vec<Spelling>,
}
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PermissionsFile {
    pub permissions: Vec<PermissionRule>,
}
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PermissionGroupsFile {
    pub permission_groups: Vec<PermissionGroup>,
}
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpandableFieldsFile {
    pub expandable_fields: Vec<ExpandableField>,
}
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmbeddedObjectsFile {
    pub embedded_objects: Vec<EmbeddedObject>,
}
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResourceObjectsFile {
    pub resource_objects: Vec<ResourceObject>,
}
