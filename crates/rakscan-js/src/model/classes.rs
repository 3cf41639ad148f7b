//! The `this` members told apart by class: a `this.client` read in one class sees what that
//! class, its bases and its subclasses in the file (and a base imported from another module)
//! set, not what an unrelated class of the same file set under the same name (a storage
//! client). Members set and read outside any named class are seen as before: by every class.

use super::*;
use rakscan_syntax::classes::Families;

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
            let names: Vec<&str> = bases.iter().map(|b| self.text(*b)).collect();
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
