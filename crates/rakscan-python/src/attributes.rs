//! The Stripe values a file's classes hold in attributes (`self.client = StripeClient(key)`,
//! `stripe_class = stripe.Customer` in a class body), told apart by class with
//! [`rakscan_syntax::classes::ClassScoped`]: a `self.client` read in one class sees what that
//! class, its bases and its subclasses in the file set, not what an unrelated class of the same
//! file set under the same name (a storage client). This module holds Python's merge rule.

use crate::value::Value;
use rakscan_syntax::classes::{ClassScoped, Families};
use std::collections::BTreeMap;

/// Attributes by class (`None`: set outside any class), and the bases of the file's classes.
pub(crate) type ClassAttributes = ClassScoped<Value>;

/// What the attribute `name` holds when set to `value` after `existing`: the same value stays;
/// an object or an unknown value beside a Stripe one is unknown; two different Stripe values (a
/// base class's `stripe_class` overridden per subclass) are chosen at run time.
pub(crate) fn merge(name: &str) -> impl Fn(&Value, Value) -> Value + '_ {
    move |existing, value| {
        let object = |v: &Value| {
            matches!(
                v,
                Value::Returned(_) | Value::Nested(..) | Value::Unknown | Value::Foreign
            )
        };
        if *existing == value {
            value
        } else if object(existing) || object(&value) {
            Value::Unknown
        } else {
            Value::Dynamic(format!(
                "`{name}` holds different Stripe classes or clients depending on the object"
            ))
        }
    }
}

/// Every attribute `class`'s objects hold (its own, else its family's and those set outside
/// classes): what another module importing the class finds on them.
pub(crate) fn of_class(
    attributes: &ClassAttributes,
    families: &Families,
    class: &str,
) -> BTreeMap<String, Value> {
    attributes
        .names()
        .into_iter()
        .filter_map(|name| {
            let value = attributes.get(families, Some(class), name, merge(name))?;
            Some((name.to_owned(), value))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rakscan_core::Certainty;

    fn set(attributes: &mut ClassAttributes, class: &str, name: &str, value: Value) {
        attributes.set(Some(class), name, value, merge(name));
    }

    #[test]
    fn subclasses_setting_different_classes_make_the_base_dynamic_not_themselves() {
        let mut attributes = ClassAttributes::default();
        attributes.note_class("Model", None);
        attributes.note_class("Card", Some("Model"));
        attributes.note_class("Source", Some("Model"));
        let class = |name: &str| Value::Class(vec![name.to_owned()], Certainty::Certain);
        set(&mut attributes, "Card", "stripe_class", class("Card"));
        set(&mut attributes, "Source", "stripe_class", class("Source"));
        let families = attributes.families();
        let read = |class| attributes.get(&families, Some(class), "stripe_class", merge("x"));
        assert!(matches!(read("Model"), Some(Value::Dynamic(_))));
        assert_eq!(read("Card"), Some(class("Card")));
    }

    #[test]
    fn a_class_holds_its_own_attributes_and_its_familys_not_others() {
        let mut attributes = ClassAttributes::default();
        attributes.note_class("Base", None);
        attributes.note_class("Sub", Some("Base"));
        attributes.note_class("Storage", None);
        let client = Value::Client(Vec::new(), Certainty::Certain);
        set(&mut attributes, "Base", "client", client.clone());
        set(&mut attributes, "Storage", "bucket", Value::Unknown);
        let families = attributes.families();
        let sub = of_class(&attributes, &families, "Sub");
        assert_eq!(sub, BTreeMap::from([("client".to_owned(), client)]));
        assert!(of_class(&attributes, &families, "Storage").contains_key("bucket"));
        assert!(!of_class(&attributes, &families, "Storage").contains_key("client"));
    }
}
