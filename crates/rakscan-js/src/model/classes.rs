//! The `this` members told apart by class: a `this.client` read in one class sees what that
//! class, its bases and its subclasses in the file (and a base imported from another module)
//! set, not what an unrelated class of the same file set under the same name (a storage
//! client). Members set and read outside any named class are seen as before: by every class.

use super::*;
use std::collections::BTreeMap;

/// The file's named classes grouped by inheritance within it: a class, its bases and its
/// subclasses (through any chain) share one family.
#[derive(Debug, Default)]
pub(super) struct Families {
    /// By class: the index of its family in [`Families::members`].
    family_of: HashMap<String, usize>,
    /// Each family's classes, sorted.
    members: Vec<Vec<String>>,
}

impl Families {
    /// Groups the classes of `heritage` (each class's base names as written) by inheritance;
    /// a base that is not a class of the file joins nothing.
    pub(super) fn of<'a>(heritage: impl IntoIterator<Item = (&'a str, Vec<&'a str>)>) -> Self {
        let heritage: BTreeMap<&str, Vec<&str>> = heritage.into_iter().collect();
        let mut parent: HashMap<&str, &str> = HashMap::new();
        fn root<'a>(parent: &HashMap<&'a str, &'a str>, mut class: &'a str) -> &'a str {
            while let Some(&up) = parent.get(class) {
                class = up;
            }
            class
        }
        for (&class, bases) in &heritage {
            for &base in bases.iter().filter(|b| heritage.contains_key(*b)) {
                let (a, b) = (root(&parent, class), root(&parent, base));
                if a != b {
                    // The smaller name roots the family, so the grouping is the same each run.
                    let (low, high) = if a < b { (a, b) } else { (b, a) };
                    parent.insert(high, low);
                }
            }
        }
        let mut groups: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        for &class in heritage.keys() {
            groups
                .entry(root(&parent, class))
                .or_default()
                .push(class.to_owned());
        }
        let mut families = Families::default();
        for (index, group) in groups.into_values().enumerate() {
            for class in &group {
                families.family_of.insert(class.clone(), index);
            }
            families.members.push(group);
        }
        families
    }

    /// The classes of `class`'s family, itself included, sorted; none for a class the file
    /// does not declare.
    pub(super) fn family(&self, class: &str) -> &[String] {
        self.family_of
            .get(class)
            .map_or(&[][..], |&index| &self.members[index])
    }
}

impl<'t> Model<'t> {
    /// Records a named class (see [`Model::class_name`]) and the expressions it extends
    /// (`class A extends B`, `class A extends mixins.Base<T>`).
    pub(super) fn collect_class(&mut self, class: Node<'t>) {
        let Some(name) = self.class_name(class) else {
            return;
        };
        let mut bases = Vec::new();
        for heritage in named_children(class) {
            if heritage.kind_name() != "class_heritage" {
                continue;
            }
            for clause in named_children(heritage) {
                if clause.kind_name() == "extends_clause" {
                    let mut cursor = clause.walk();
                    bases.extend(clause.fields("value", &mut cursor));
                } else if clause.kind_name() != "implements_clause" {
                    bases.push(clause);
                }
            }
        }
        self.heritage
            .entry(name.to_owned())
            .or_default()
            .extend(bases);
    }

    /// Groups the collected classes by inheritance within the file.
    pub(super) fn group_classes(&mut self) {
        let heritage = self.heritage.iter().map(|(class, bases)| {
            let names = bases.iter().map(|b| self.text(*b)).collect();
            (class.as_str(), names)
        });
        self.families = Families::of(heritage);
    }

    /// The value of `this.name` read in the named class `class` (`None`: outside any named
    /// class, where every class's members count): what the class itself sets, else what its
    /// family, the bases it imports and code outside classes set, joined.
    pub(super) fn this_member(&self, class: Option<&str>, name: &str, depth: usize) -> Value {
        // Read in every case: a change of any class's member is noted under this entry.
        let everywhere = self.binding(Map::Members, name).cloned();
        let Some(class) = class.filter(|c| self.heritage.contains_key(*c)) else {
            return everywhere.unwrap_or(Value::Unknown);
        };
        if let Some(own) = self.class_members.get(class).and_then(|m| m.get(name)) {
            return own.clone();
        }
        let mut found = self
            .outside_members
            .get(name)
            .cloned()
            .unwrap_or(Value::Unknown);
        for relative in self.families.family(class) {
            if let Some(value) = self.class_members.get(relative).and_then(|m| m.get(name)) {
                found = found.join(value.clone());
            }
            for &base in self.heritage.get(relative).into_iter().flatten() {
                if self.heritage.contains_key(self.text(base)) {
                    continue; // a class of the file: its members are the family's
                }
                if let Value::Class(members) = self.eval(base, depth) {
                    found = found.join(members.get(name).cloned().unwrap_or(Value::Unknown));
                }
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn families_follow_extends_within_the_file_only() {
        let families = Families::of([
            ("Leaf", vec!["Mid"]),
            ("Mid", vec!["Base"]),
            ("Base", vec![]),
            ("Other", vec!["Imported"]),
            ("Mixed", vec!["Other", "Leaf"]),
            ("Alone", vec![]),
        ]);
        assert_eq!(
            families.family("Base"),
            ["Base", "Leaf", "Mid", "Mixed", "Other"]
        );
        assert_eq!(families.family("Alone"), ["Alone"]);
        assert!(families.family("Imported").is_empty());
    }
}
