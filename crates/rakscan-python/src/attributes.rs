//! The Stripe values a file's classes hold in attributes (`self.client = StripeClient(key)`,
//! `stripe_class = stripe.Customer` in a class body), told apart by class: a `self.client`
//! read in one class sees what that class, its bases and its subclasses in the file set, not
//! what an unrelated class of the same file set under the same name (a storage client).

use crate::value::Value;
use std::collections::{BTreeMap, HashMap};

/// The class name under which attributes set outside any class are kept (`self.x = …` in a
/// module-level function); every class sees them.
const NO_CLASS: &str = "";

/// Attributes by class, and each class's bases as written.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct ClassAttributes {
    by_class: BTreeMap<String, BTreeMap<String, Value>>,
    bases: BTreeMap<String, Vec<String>>,
}

impl ClassAttributes {
    /// Records an attribute of `class` (`None`: outside any class); one set to different
    /// Stripe values in different places is chosen at run time (see [`merge`]).
    pub fn set(&mut self, class: Option<&str>, name: String, value: Value) {
        let attributes = self
            .by_class
            .entry(class.unwrap_or(NO_CLASS).to_owned())
            .or_default();
        let merged = merge(&name, attributes.get(&name), value);
        attributes.insert(name, merged);
    }

    /// Records the bases a class is declared with (`class B(A, mixins.M)`: `A`, `mixins.M`).
    pub fn note_bases(&mut self, class: &str, bases: Vec<String>) {
        self.bases.insert(class.to_owned(), bases);
    }

    /// Whether any class holds an attribute of this name.
    pub fn any_holds(&self, name: &str) -> bool {
        self.by_class.values().any(|a| a.contains_key(name))
    }

    /// The classes of the file grouped by inheritance within it: a class, its bases and its
    /// subclasses (through any chain) share one group.
    pub fn families(&self) -> Families {
        let mut parent: HashMap<&str, &str> = HashMap::new();
        fn root<'a>(parent: &HashMap<&'a str, &'a str>, mut class: &'a str) -> &'a str {
            while let Some(&up) = parent.get(class) {
                if up == class {
                    break;
                }
                class = up;
            }
            class
        }
        for (class, bases) in &self.bases {
            for base in bases {
                if !self.bases.contains_key(base.as_str()) {
                    continue;
                }
                let (a, b) = (root(&parent, class), root(&parent, base));
                if a != b {
                    // The smaller name roots the group, so the grouping is the same each run.
                    let (low, high) = if a < b { (a, b) } else { (b, a) };
                    parent.insert(high, low);
                }
            }
        }
        let mut groups: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let classes = self.bases.keys().chain(self.by_class.keys());
        for class in classes {
            let group = groups.entry(root(&parent, class).to_owned()).or_default();
            if !group.contains(class) {
                group.push(class.clone());
            }
        }
        let mut family_of = HashMap::new();
        for (index, members) in groups.values().enumerate() {
            for member in members {
                family_of.insert(member.clone(), index);
            }
        }
        Families { family_of }
    }

    /// The value of the attribute `name` read in `class` (`None`: outside any class, where
    /// every class counts): what the class itself sets, else what its family and code outside
    /// classes set, merged.
    pub fn get(&self, families: &Families, class: Option<&str>, name: &str) -> Option<Value> {
        if let Some(own) = class.and_then(|c| self.by_class.get(c)?.get(name)) {
            return Some(own.clone());
        }
        let mut found: Option<Value> = None;
        for attributes in self.visible(families, class) {
            if let Some(value) = attributes.get(name) {
                found = Some(match found {
                    None => value.clone(),
                    Some(before) => merge(name, Some(&before), value.clone()),
                });
            }
        }
        found
    }

    /// Every attribute `class`'s objects hold, merged over its family: what another module
    /// importing the class finds on them.
    pub fn of_class(&self, families: &Families, class: &str) -> BTreeMap<String, Value> {
        let mut all: BTreeMap<String, Value> = BTreeMap::new();
        for attributes in self.visible(families, Some(class)) {
            for (name, value) in attributes {
                let merged = merge(name, all.get(name), value.clone());
                all.insert(name.clone(), merged);
            }
        }
        all
    }

    /// The attribute maps a read in `class` sees, in a fixed order.
    fn visible<'a>(
        &'a self,
        families: &'a Families,
        class: Option<&'a str>,
    ) -> impl Iterator<Item = &'a BTreeMap<String, Value>> + 'a {
        self.by_class.iter().filter_map(move |(owner, attributes)| {
            let seen = match class {
                None => true,
                Some(class) => owner == NO_CLASS || families.related(owner, class),
            };
            seen.then_some(attributes)
        })
    }
}

/// The file's classes grouped by inheritance (see [`ClassAttributes::families`]).
#[derive(Debug, Default)]
pub(crate) struct Families {
    family_of: HashMap<String, usize>,
}

impl Families {
    /// Whether two classes are one, or one inherits from the other through the file's classes.
    fn related(&self, a: &str, b: &str) -> bool {
        a == b
            || matches!(
                (self.family_of.get(a), self.family_of.get(b)),
                (Some(x), Some(y)) if x == y
            )
    }

    /// How many groups there are (for tests).
    #[cfg(test)]
    fn count(&self) -> usize {
        let groups: std::collections::HashSet<_> = self.family_of.values().collect();
        groups.len()
    }
}

/// What an attribute holds when it is set to `value` and was `existing` before: the same
/// value stays; an object or an unknown value beside a Stripe one is unknown; two different
/// Stripe values (a base class's `stripe_class` overridden per subclass) are chosen at run time.
fn merge(name: &str, existing: Option<&Value>, value: Value) -> Value {
    let object = |v: &Value| {
        matches!(
            v,
            Value::Returned(_) | Value::Nested(..) | Value::Unknown | Value::Foreign
        )
    };
    match existing {
        None => value,
        Some(existing) if *existing == value => value,
        Some(existing) if object(existing) || object(&value) => Value::Unknown,
        Some(_) => Value::Dynamic(format!(
            "`{name}` holds different Stripe classes or clients depending on the object"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rakscan_core::Certainty;

    fn client() -> Value {
        Value::Client(Vec::new(), Certainty::Certain)
    }

    #[test]
    fn unrelated_classes_keep_their_own_attributes() {
        let mut attributes = ClassAttributes::default();
        attributes.set(Some("Payments"), "client".into(), client());
        attributes.set(Some("Storage"), "client".into(), Value::Unknown);
        attributes.note_bases("Payments", vec![]);
        attributes.note_bases("Storage", vec!["object".into()]);
        let families = attributes.families();
        assert_eq!(families.count(), 2);
        assert_eq!(
            attributes.get(&families, Some("Payments"), "client"),
            Some(client())
        );
        assert_eq!(
            attributes.get(&families, Some("Storage"), "client"),
            Some(Value::Unknown)
        );
        // Outside any class, both count.
        assert_eq!(
            attributes.get(&families, None, "client"),
            Some(Value::Unknown)
        );
    }

    #[test]
    fn a_family_shares_what_its_bases_and_subclasses_set() {
        let mut attributes = ClassAttributes::default();
        attributes.note_bases("Base", vec![]);
        attributes.note_bases("Mid", vec!["Base".into()]);
        attributes.note_bases("Leaf", vec!["Mid".into(), "Mixin".into()]);
        attributes.note_bases("Other", vec![]);
        attributes.set(Some("Base"), "client".into(), client());
        attributes.set(Some("Leaf"), "kind".into(), Value::Module(Vec::new()));
        let families = attributes.families();
        assert_eq!(families.count(), 2);
        for class in ["Base", "Mid", "Leaf"] {
            assert_eq!(
                attributes.get(&families, Some(class), "client"),
                Some(client())
            );
        }
        assert_eq!(
            attributes.get(&families, Some("Base"), "kind"),
            Some(Value::Module(Vec::new()))
        );
        assert_eq!(attributes.get(&families, Some("Other"), "client"), None);
        assert_eq!(attributes.of_class(&families, "Other"), BTreeMap::new());
        assert_eq!(attributes.of_class(&families, "Mid").len(), 2);
    }

    #[test]
    fn subclasses_setting_different_classes_make_the_base_dynamic_not_themselves() {
        let mut attributes = ClassAttributes::default();
        attributes.note_bases("Model", vec![]);
        attributes.note_bases("Card", vec!["Model".into()]);
        attributes.note_bases("Source", vec!["Model".into()]);
        let class = |name: &str| Value::Class(vec![name.to_owned()], Certainty::Certain);
        attributes.set(Some("Card"), "stripe_class".into(), class("Card"));
        attributes.set(Some("Source"), "stripe_class".into(), class("Source"));
        let families = attributes.families();
        assert!(matches!(
            attributes.get(&families, Some("Model"), "stripe_class"),
            Some(Value::Dynamic(_))
        ));
        // A class's own setting wins over its relatives'.
        assert_eq!(
            attributes.get(&families, Some("Card"), "stripe_class"),
            Some(class("Card"))
        );
    }

    #[test]
    fn attributes_set_outside_classes_are_seen_everywhere() {
        let mut attributes = ClassAttributes::default();
        attributes.set(None, "client".into(), client());
        attributes.note_bases("Any", vec![]);
        let families = attributes.families();
        assert_eq!(
            attributes.get(&families, Some("Any"), "client"),
            Some(client())
        );
    }
}
