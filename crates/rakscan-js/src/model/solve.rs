//! The fixed point over the collected declarations: rounds that evaluate again only what
//! changed and bind each value to its names and patterns, then one with naming guesses on
//! when a guess was held back.

use super::*;

impl<'t> Model<'t> {
    /// Computes the bindings to a fixed point; true when a round changed nothing (at most
    /// [`MAX_ROUNDS`] are run). Each round evaluates every declaration against the bindings
    /// of the round before, then joins what they give in declaration order; a declaration
    /// none of whose reads changed (nor guessing, if it guessed) gives what it gave before.
    pub(super) fn solve(&mut self) -> bool {
        (0..MAX_ROUNDS).any(|_| !self.round())
    }

    /// One round of the fixed point; true when it changed any binding.
    pub(super) fn round(&mut self) -> bool {
        let mut evaluated = std::mem::take(&mut self.evaluated);
        evaluated.resize_with(self.decls.len(), || None);
        self.held_back.set(false);
        for (decl, last) in self.decls.iter().zip(&mut evaluated) {
            match last {
                Some(last) if last.holds(&self.changed, self.guessing.get()) => {
                    if last.guessed && !self.guessing.get() {
                        self.held_back.set(true);
                    }
                }
                _ => *last = Some(self.evaluate(decl)),
            }
        }
        let changed = self.apply(evaluated.iter().flatten().flat_map(|e| &e.updates));
        self.evaluated = evaluated;
        changed
    }

    /// Evaluates one declaration: the updates it gives and what they depend on.
    pub(super) fn evaluate(&self, decl: &Decl<'t>) -> Evaluated {
        self.reads.replace(Some(Vec::new()));
        self.guessed.set(false);
        let mut updates = Vec::new();
        let value = self.eval_source(&decl.source);
        match decl.binder {
            Binder::Pattern(p) => self.bind_pattern(p, value, 0, &mut updates),
            Binder::Member(n) => {
                if let Some(name) = property_name(n, self.source) {
                    updates.push(Update {
                        target: Target::Member(decl.class.clone()),
                        name,
                        value,
                    });
                }
            }
            Binder::TypeAlias(n) => updates.push(Update {
                target: Target::Type,
                name: self.text(n).to_owned(),
                value,
            }),
        }
        Evaluated {
            updates,
            reads: self.reads.take().unwrap_or_default(),
            guessed: self.guessed.get(),
            guessing: self.guessing.get(),
        }
    }

    /// Joins a round's updates into the bindings, then each class's Stripe members into the
    /// class's name; notes the entries that changed. True when anything changed.
    pub(super) fn apply<'u>(&mut self, updates: impl Iterator<Item = &'u Update>) -> bool {
        let mut changed = Vec::new();
        for u in updates {
            if let Target::Member(class) = &u.target {
                let map = match class {
                    Some(class) => self.class_members.entry(class.clone()).or_default(),
                    None => &mut self.outside_members,
                };
                // What a class sees may change while the file-wide entry does not.
                if join_into(map, &u.name, &u.value) {
                    changed.push(entry_key(Map::Members, &u.name));
                }
            }
            let (map, entries) = match &u.target {
                Target::Name => (Map::Names, &mut self.names),
                Target::Member(_) => (Map::Members, &mut self.members),
                Target::Type => (Map::Types, &mut self.types),
            };
            if join_into(entries, &u.name, &u.value) {
                changed.push(entry_key(map, &u.name));
            }
        }
        let classes: Vec<(String, Value)> = self
            .class_members
            .iter()
            .map(|(class, members)| {
                let stripe = members
                    .iter()
                    .filter(|(_, v)| v.is_stripe())
                    .map(|(k, v)| (k.clone(), v.clone()));
                (class.clone(), Value::Class(stripe.collect()))
            })
            .collect();
        for (class, value) in classes {
            if join_into(&mut self.names, &class, &value) {
                changed.push(entry_key(Map::Names, &class));
            }
        }
        changed.sort_unstable();
        changed.dedup();
        let any = !changed.is_empty();
        self.changed = changed;
        any
    }

    pub(super) fn bind_pattern(
        &self,
        node: Node<'t>,
        value: Value,
        depth: usize,
        out: &mut Vec<Update>,
    ) {
        if depth > MAX_DEPTH {
            return;
        }
        match node.kind_name() {
            "identifier" | "shorthand_property_identifier_pattern" => {
                out.push(Update::name(self.text(node), value));
            }
            "object_pattern" => {
                for child in named_children(node) {
                    match child.kind_name() {
                        "shorthand_property_identifier_pattern" => {
                            let name = self.text(child);
                            out.push(Update::name(name, destructured(&value, name)));
                        }
                        "pair_pattern" => {
                            let key = child
                                .field("key")
                                .and_then(|k| property_name(k, self.source));
                            if let (Some(key), Some(target)) = (key, child.field("value")) {
                                self.bind_pattern(
                                    target,
                                    destructured(&value, &key),
                                    depth + 1,
                                    out,
                                );
                            }
                        }
                        "object_assignment_pattern" => {
                            let Some(left) = child.field("left") else {
                                continue;
                            };
                            let fallback = child
                                .field("right")
                                .map(|r| self.eval(r, depth + 1))
                                .unwrap_or(Value::Unknown);
                            let name = self.text(left);
                            out.push(Update::name(
                                name,
                                destructured(&value, name).join(fallback),
                            ));
                        }
                        _ => {}
                    }
                }
            }
            "assignment_pattern" => {
                if let Some(left) = node.field("left") {
                    let fallback = node
                        .field("right")
                        .map(|r| self.eval(r, depth + 1))
                        .unwrap_or(Value::Unknown);
                    self.bind_pattern(left, value.join(fallback), depth + 1, out);
                }
            }
            _ => {}
        }
    }

    pub(super) fn eval_source(&self, source: &Source<'t>) -> Value {
        match source {
            Source::Expr(n) => self.eval(*n, 0),
            Source::Type(n) => self.eval_type(*n, 0),
            Source::Import(spec, path) => self.import(spec, path),
            Source::Function(n) => self.eval_function(*n, 0),
            Source::Getter(n) => self.returns_of(*n, 0),
            Source::Notified(call) => self.notified(*call),
        }
    }

    pub(super) fn import(&self, spec: &str, path: &[String]) -> Value {
        let key = (spec.to_owned(), path.to_vec());
        if let Some(v) = self.imports.borrow().get(&key) {
            return v.clone();
        }
        let v = self.resolver.resolve(spec, path);
        self.imports.borrow_mut().insert(key, v.clone());
        v
    }
}
