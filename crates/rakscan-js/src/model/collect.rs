//! The model's one walk over the file: declarations, assignments, imports, exports, calls and
//! each function's returns, collected for the fixed point.

use super::*;

impl<'t> Model<'t> {
    pub(super) fn push(&mut self, binder: Binder<'t>, source: Source<'t>) {
        let class = match binder {
            Binder::Member(node) => self.enclosing_class(node),
            Binder::Pattern(_) | Binder::TypeAlias(_) => None,
        };
        self.decls.push(Decl {
            binder,
            source,
            class,
        });
    }

    /// The name of the class whose body holds a node.
    pub(super) fn enclosing_class(&self, node: Node<'t>) -> Option<String> {
        self.enclosing_class_name(node).map(str::to_owned)
    }

    /// The name of the class whose body holds a node, as written.
    pub(super) fn enclosing_class_name(&self, node: Node<'t>) -> Option<&'t str> {
        let mut current = node.parent();
        for _ in 0..MAX_DEPTH {
            let n = current?;
            if n.kind_name() == "class_body" {
                return self.class_name(n.parent()?);
            }
            current = n.parent();
        }
        None
    }

    /// The name of a class: its own (`class A {}`, `const B = class A {}`: `A`), else the
    /// variable a class expression initialises (`const B = class {}`: `B`).
    pub(super) fn class_name(&self, class: Node<'t>) -> Option<&'t str> {
        let name = class.field("name").or_else(|| {
            class
                .parent()
                .filter(|p| p.kind_name() == "variable_declarator")
                .and_then(|p| p.field("name"))
                .filter(|n| n.kind_name() == "identifier")
        });
        name.map(|n| self.text(n))
    }

    /// One walk over the tree collects the declarations, the calls and what each function
    /// body returns.
    pub(super) fn collect_tree(&mut self, root: Node<'t>) {
        // For each node on the path from the root to the walk's node: the node, and the
        // function body whose `return` statements its children may be.
        let mut path: Vec<(Node<'t>, Option<Node<'t>>)> = Vec::new();
        walk(root, |step| match step {
            Step::Enter(node) => {
                let kind = node.kind_name();
                self.collect(node, kind);
                let (parent, body) = path.last().map_or((None, None), |&(p, b)| (Some(p), b));
                let body = self.collect_return(node, kind, parent, body);
                path.push((node, body));
            }
            Step::Leave(_) => {
                path.pop();
            }
        });
    }

    /// Records `node` among the returns of `body` (the function body whose `return`
    /// statements `node` may be) when it is one, and gives the body whose returns the
    /// children of `node` may be: its own when `node` is a function's body block, none below
    /// a `return`, a nested function or class, or an anonymous node.
    pub(super) fn collect_return(
        &mut self,
        node: Node<'t>,
        kind: &str,
        parent: Option<Node<'t>>,
        body: Option<Node<'t>>,
    ) -> Option<Node<'t>> {
        if kind == "return_statement" {
            if let Some(body) = body
                && let Some(returned) = first_named_child(node)
            {
                self.returns.entry(body.id()).or_default().push(returned);
            }
            return None;
        }
        let is_function_body = kind == "statement_block"
            && parent.is_some_and(|p| {
                hides_returns(p.kind_name()) && p.field("body").is_some_and(|b| b.id() == node.id())
            });
        if is_function_body {
            Some(node)
        } else if !node.is_named() || hides_returns(kind) {
            None
        } else {
            body
        }
    }

    pub(super) fn collect(&mut self, node: Node<'t>, kind: &'static str) {
        match kind {
            "call_expression" => self.calls.push(node),
            "arrow_function" | "function_expression" | "function" => self.collect_callback(node),
            "variable_declarator" => {
                let Some(name) = node.field("name") else {
                    return;
                };
                if let Some(value) = node.field("value") {
                    let objects = object_branches(value);
                    if name.kind_name() == "identifier" && !objects.is_empty() {
                        self.objects.insert(self.text(name).to_owned(), objects);
                    }
                    self.push(Binder::Pattern(name), Source::Expr(value));
                }
                if let Some(ty) = node.field("type") {
                    self.push(Binder::Pattern(name), Source::Type(ty));
                }
            }
            "assignment_expression" | "augmented_assignment_expression" => {
                self.collect_assignment(node)
            }
            "import_statement" => self.collect_import(node),
            "class_declaration" | "abstract_class_declaration" | "class" => {
                self.collect_class(node)
            }
            "function_declaration" | "generator_function_declaration" => {
                if let Some(name) = node.field("name") {
                    self.push(Binder::Pattern(name), Source::Function(node));
                }
            }
            "method_definition" => {
                let Some(name) = node.field("name") else {
                    return;
                };
                if self.text(name) == "constructor" {
                    return;
                }
                let source = if has_token(node, "get") {
                    Source::Getter(node)
                } else {
                    Source::Function(node)
                };
                self.push(Binder::Member(name), source);
            }
            "public_field_definition" | "field_definition" => {
                let name = node.field("name").or_else(|| node.field("property"));
                let Some(name) = name else { return };
                if let Some(value) = node.field("value") {
                    self.push(Binder::Member(name), Source::Expr(value));
                }
                if let Some(ty) = node.field("type") {
                    self.push(Binder::Member(name), Source::Type(ty));
                }
            }
            "required_parameter" | "optional_parameter" => {
                let Some(pattern) = node.field("pattern") else {
                    return;
                };
                let is_property = named_children(node).iter().any(|c| {
                    matches!(
                        c.kind_name(),
                        "accessibility_modifier" | "override_modifier"
                    )
                }) || has_token(node, "readonly");
                let mut sources = Vec::new();
                if let Some(ty) = node.field("type") {
                    sources.push(Source::Type(ty));
                }
                if let Some(value) = node.field("value") {
                    sources.push(Source::Expr(value));
                }
                for source in sources {
                    if is_property && pattern.kind_name() == "identifier" {
                        self.push(Binder::Member(pattern), source.clone());
                    }
                    self.push(Binder::Pattern(pattern), source);
                }
            }
            "export_statement" => self.collect_export(node),
            "type_alias_declaration" => {
                if let (Some(name), Some(value)) = (node.field("name"), node.field("value")) {
                    self.push(Binder::TypeAlias(name), Source::Type(value));
                }
            }
            _ => {}
        }
    }

    /// A function given as an argument to a call: its first parameter may be what a
    /// notification handler passes (see [`Source::Notified`]).
    fn collect_callback(&mut self, function: Node<'t>) {
        let Some(call) = function
            .parent()
            .filter(|p| p.kind_name() == "arguments")
            .and_then(|a| a.parent())
            .filter(|c| c.kind_name() == "call_expression")
        else {
            return;
        };
        let first = function
            .field("parameter")
            .or_else(|| {
                function
                    .field("parameters")
                    .and_then(first_named_child)
                    .map(|p| p.field("pattern").unwrap_or(p))
            })
            .filter(|p| p.kind_name() == "identifier");
        if let Some(first) = first {
            self.push(Binder::Pattern(first), Source::Notified(call));
        }
    }

    pub(super) fn collect_assignment(&mut self, node: Node<'t>) {
        let (Some(left), Some(right)) = (node.field("left"), node.field("right")) else {
            return;
        };
        let left = unwrap_value(left);
        match left.kind_name() {
            "identifier" | "object_pattern" => {
                self.push(Binder::Pattern(left), Source::Expr(right))
            }
            "member_expression" => {
                let (Some(object), Some(property)) = (left.field("object"), left.field("property"))
                else {
                    return;
                };
                let object_text = self.text(object);
                let prop = self.text(property).to_owned();
                match object.kind_name() {
                    "this" => self.push(Binder::Member(property), Source::Expr(right)),
                    "identifier" if object_text == "module" && prop == "exports" => {
                        self.exports.whole.push(right)
                    }
                    "identifier" if object_text == "exports" => {
                        self.exports.named.push((prop, right))
                    }
                    "member_expression" if object_text == "module.exports" => {
                        self.exports.named.push((prop, right))
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }

    pub(super) fn collect_import(&mut self, node: Node<'t>) {
        let source = node
            .field("source")
            .and_then(|s| string_value(s, self.source));
        for child in named_children(node) {
            match child.kind_name() {
                "import_clause" => {
                    let Some(spec) = source.clone() else { return };
                    for part in named_children(child) {
                        match part.kind_name() {
                            "identifier" => self.push(
                                Binder::Pattern(part),
                                Source::Import(spec.clone(), vec!["default".to_owned()]),
                            ),
                            "namespace_import" => {
                                if let Some(id) = first_named_child(part) {
                                    self.push(
                                        Binder::Pattern(id),
                                        Source::Import(spec.clone(), Vec::new()),
                                    );
                                }
                            }
                            "named_imports" => {
                                for spec_node in named_children(part) {
                                    let Some(name) = spec_node.field("name") else {
                                        continue;
                                    };
                                    let local = spec_node.field("alias").unwrap_or(name);
                                    let Some(imported) = property_name(name, self.source) else {
                                        continue;
                                    };
                                    self.push(
                                        Binder::Pattern(local),
                                        Source::Import(spec.clone(), vec![imported]),
                                    );
                                }
                            }
                            _ => {}
                        }
                    }
                }
                "import_require_clause" => {
                    let id = named_children(child)
                        .into_iter()
                        .find(|c| c.kind_name() == "identifier");
                    let spec = child
                        .field("source")
                        .and_then(|s| string_value(s, self.source));
                    if let (Some(id), Some(spec)) = (id, spec) {
                        self.push(Binder::Pattern(id), Source::Import(spec, Vec::new()));
                    }
                }
                _ => {}
            }
        }
    }

    pub(super) fn collect_export(&mut self, node: Node<'t>) {
        let source = node
            .field("source")
            .and_then(|s| string_value(s, self.source));
        let is_default = has_token(node, "default");
        if let Some(decl) = node.field("declaration") {
            let mut names = Vec::new();
            match decl.kind_name() {
                "lexical_declaration" | "variable_declaration" => {
                    for d in named_children(decl) {
                        if let Some(n) = d.field("name").filter(|n| n.kind_name() == "identifier") {
                            names.push(self.text(n).to_owned());
                        }
                    }
                }
                _ => {
                    if let Some(n) = decl.field("name") {
                        names.push(self.text(n).to_owned());
                    } else if is_default {
                        self.exports.default.push(decl);
                    }
                }
            }
            for n in names {
                let exported = if is_default {
                    "default".to_owned()
                } else {
                    n.clone()
                };
                self.exports.locals.push((exported, n));
            }
            return;
        }
        if let Some(value) = node.field("value") {
            self.exports.default.push(value);
            return;
        }
        let mut has_clause = false;
        for child in named_children(node) {
            match child.kind_name() {
                "export_clause" => {
                    has_clause = true;
                    for spec_node in named_children(child) {
                        let Some(name) = spec_node.field("name") else {
                            continue;
                        };
                        let Some(local) = property_name(name, self.source) else {
                            continue;
                        };
                        let exported = spec_node
                            .field("alias")
                            .and_then(|a| property_name(a, self.source))
                            .unwrap_or_else(|| local.clone());
                        match &source {
                            Some(spec) => {
                                self.exports
                                    .reexports
                                    .push((exported, spec.clone(), vec![local]))
                            }
                            None => self.exports.locals.push((exported, local)),
                        }
                    }
                }
                "namespace_export" => {
                    has_clause = true;
                    let alias =
                        first_named_child(child).and_then(|a| property_name(a, self.source));
                    if let (Some(alias), Some(spec)) = (alias, &source) {
                        self.exports
                            .reexports
                            .push((alias, spec.clone(), Vec::new()));
                    }
                }
                "identifier" if has_token(node, "=") => self.exports.whole.push(child),
                _ => {}
            }
        }
        if !has_clause && let Some(spec) = source {
            self.exports.stars.push(spec);
        }
    }
}
