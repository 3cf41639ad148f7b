//! Values kept per class of a file (what `@client` or `$this->client` holds), told apart by
//! class: a read in one class sees what that class sets, else what its bases and subclasses
//! *in the same file* set (inheritance, mixed-in modules and traits), never what an unrelated
//! class sets under the same name. Values set outside any class are seen everywhere, and a
//! read outside any class sees every class's.

use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Values by class and name, and the bases each class of the file names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassScoped<T> {
    /// Values by class (`None`: outside any class), then by name.
    by_class: BTreeMap<Option<String>, BTreeMap<String, T>>,
    /// Each class of the file and the bases (or mixins) it names, as the language resolves them.
    bases: BTreeMap<String, BTreeSet<String>>,
}

impl<T> Default for ClassScoped<T> {
    fn default() -> Self {
        ClassScoped {
            by_class: BTreeMap::new(),
            bases: BTreeMap::new(),
        }
    }
}

impl<T: Clone> ClassScoped<T> {
    /// Records `name` of `class` (`None`: outside any class); `merge(before, value)` decides
    /// what it holds when it was set before.
    pub fn set(&mut self, class: Option<&str>, name: &str, value: T, merge: impl Fn(&T, T) -> T) {
        let values = self.by_class.entry(class.map(str::to_owned)).or_default();
        let merged = match values.get(name) {
            Some(before) => merge(before, value),
            None => value,
        };
        values.insert(name.to_owned(), merged);
    }

    /// Records that the file defines `class`, and a base (or mixin) it names, if any.
    pub fn note_class(&mut self, class: &str, base: Option<&str>) {
        let bases = self.bases.entry(class.to_owned()).or_default();
        bases.extend(base.map(str::to_owned));
    }

    /// Whether any class (or code outside classes) holds `name`.
    pub fn any_holds(&self, name: &str) -> bool {
        self.by_class.values().any(|v| v.contains_key(name))
    }

    /// What `name` holds when read in `class` (`None`: outside any class, where every class
    /// counts): the class's own value, else its family's and the value set outside classes,
    /// merged in a fixed order.
    pub fn get(
        &self,
        families: &Families,
        class: Option<&str>,
        name: &str,
        merge: impl Fn(&T, T) -> T,
    ) -> Option<T> {
        let own = class.and_then(|c| self.by_class.get(&Some(c.to_owned()))?.get(name));
        if let Some(own) = own {
            return Some(own.clone());
        }
        let mut found: Option<T> = None;
        for (owner, values) in &self.by_class {
            let seen = match (class, owner) {
                (None, _) | (_, None) => true,
                (Some(class), Some(owner)) => families.related(owner, class),
            };
            if let Some(value) = values.get(name).filter(|_| seen) {
                found = Some(match found {
                    None => value.clone(),
                    Some(before) => merge(&before, value.clone()),
                });
            }
        }
        found
    }

    /// Adds what `other` holds (its values merged with `merge`); returns whether anything was
    /// new.
    pub fn absorb(&mut self, other: ClassScoped<T>, merge: impl Fn(&T, T) -> T) -> bool {
        let before = self.size();
        for (class, values) in other.by_class {
            for (name, value) in values {
                self.set(class.as_deref(), &name, value, &merge);
            }
        }
        for (class, bases) in other.bases {
            self.bases.entry(class).or_default().extend(bases);
        }
        before != self.size()
    }

    /// How many values and bases are recorded.
    fn size(&self) -> (usize, usize) {
        let values = self.by_class.values().map(BTreeMap::len).sum();
        let bases = self.bases.values().map(|b| b.len() + 1).sum();
        (values, bases)
    }

    /// The classes of the file grouped by inheritance within it: a class, its bases and its
    /// subclasses (through any chain) share one group. A base the file does not define links
    /// nothing.
    pub fn families(&self) -> Families {
        let mut parent: HashMap<&str, &str> = HashMap::new();
        fn root<'a>(parent: &HashMap<&'a str, &'a str>, mut class: &'a str) -> &'a str {
            while let Some(&up) = parent.get(class) {
                class = up;
            }
            class
        }
        for (class, bases) in &self.bases {
            for base in bases.iter().filter(|b| self.bases.contains_key(b.as_str())) {
                let (a, b) = (root(&parent, class), root(&parent, base));
                if a != b {
                    // The smaller name roots the group, so the grouping is the same each run.
                    let (low, high) = if a < b { (a, b) } else { (b, a) };
                    parent.insert(high, low);
                }
            }
        }
        let family_of = self
            .bases
            .keys()
            .map(|class| (class.clone(), root(&parent, class).to_owned()))
            .collect();
        Families { family_of }
    }
}

/// The file's classes grouped by inheritance (see [`ClassScoped::families`]).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Families {
    /// Each class and the class that names its group.
    family_of: HashMap<String, String>,
}

impl Families {
    /// Whether two classes are one, or one inherits from the other through the file's classes.
    pub fn related(&self, a: &str, b: &str) -> bool {
        a == b
            || matches!(
                (self.family_of.get(a), self.family_of.get(b)),
                (Some(x), Some(y)) if x == y
            )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keep(_: &u8, new: u8) -> u8 {
        new
    }

    #[test]
    fn unrelated_classes_keep_their_own_values() {
        let mut values = ClassScoped::default();
        values.note_class("Payments", None);
        values.note_class("Storage", Some("Object"));
        values.set(Some("Payments"), "client", 1, keep);
        values.set(Some("Storage"), "client", 2, keep);
        let families = values.families();
        assert_eq!(
            values.get(&families, Some("Payments"), "client", keep),
            Some(1)
        );
        assert_eq!(
            values.get(&families, Some("Storage"), "client", keep),
            Some(2)
        );
        assert_eq!(values.get(&families, Some("Other"), "client", keep), None);
        // Outside any class, both count (merged in name order).
        assert_eq!(values.get(&families, None, "client", keep), Some(2));
    }

    #[test]
    fn a_family_shares_what_its_bases_and_subclasses_set() {
        let mut values = ClassScoped::default();
        values.note_class("Base", None);
        values.note_class("Mid", Some("Base"));
        values.note_class("Leaf", Some("Mid"));
        values.note_class("Leaf", Some("Mixin"));
        values.note_class("Mixin", None);
        values.note_class("Other", None);
        values.set(Some("Leaf"), "client", 7, keep);
        values.set(None, "global", 3, keep);
        let families = values.families();
        for class in ["Base", "Mid", "Leaf", "Mixin"] {
            assert_eq!(values.get(&families, Some(class), "client", keep), Some(7));
        }
        assert_eq!(values.get(&families, Some("Other"), "client", keep), None);
        assert_eq!(
            values.get(&families, Some("Other"), "global", keep),
            Some(3)
        );
        assert!(values.any_holds("client"));
    }

    #[test]
    fn absorbing_reports_what_is_new() {
        let mut known = ClassScoped::default();
        let mut learnt = ClassScoped::default();
        learnt.set(Some("A"), "client", 1, keep);
        learnt.note_class("A", None);
        assert!(known.absorb(learnt.clone(), keep));
        assert!(!known.absorb(learnt, keep));
    }
}
