//! The value of an expression, of a call, of what a function returns and of a type annotation,
//! against the bindings of the round.

use super::*;

impl<'t> Model<'t> {
    /// The value of an expression.
    pub(crate) fn eval(&self, node: Node<'t>, depth: usize) -> Value {
        if depth > MAX_DEPTH {
            return Value::Unknown;
        }
        let d = depth + 1;
        match node.kind_name() {
            "identifier" | "shorthand_property_identifier" => {
                let name = self.text(node);
                if name == "undefined" {
                    return Value::Unknown;
                }
                let v = self
                    .binding(Map::Names, name)
                    .cloned()
                    .unwrap_or(Value::Unknown);
                if v == Value::Unknown && self.guess(is_client_name(name)) {
                    Value::Client(Certainty::Likely)
                } else {
                    v
                }
            }
            "this" => Value::This,
            "member_expression" => {
                let (Some(object), Some(property)) = (node.field("object"), node.field("property"))
                else {
                    return Value::Unknown;
                };
                // tree-sitter-typescript reads `n as A.B.C` as `(n as A.B).C`; a property of
                // a cast needs parentheses, so without them it still names the type.
                if matches!(object.kind_name(), "as_expression" | "satisfies_expression") {
                    return self.eval(object, d);
                }
                let Some(name) = property_name(property, self.source) else {
                    return Value::Unknown;
                };
                self.member_of(object, &name, d)
            }
            "subscript_expression" => {
                let Some(object) = node.field("object") else {
                    return Value::Unknown;
                };
                let object_value = self.eval(object, d);
                match node
                    .field("index")
                    .and_then(|i| string_value(i, self.source))
                {
                    Some(key) => object_value.member(&key),
                    None => object_value.computed_member(),
                }
            }
            "call_expression" => self.eval_call(node, d),
            "new_expression" => {
                let Some(ctor) = node.field("constructor") else {
                    return Value::Unknown;
                };
                // A lazy client: `new Proxy({} as Stripe, { get: … })` stands for its target.
                if self.text(ctor) == "Proxy" {
                    return node
                        .field("arguments")
                        .and_then(|a| first_named_child(a))
                        .map(|target| self.eval(target, d))
                        .unwrap_or(Value::Unknown);
                }
                match self.eval(ctor, d) {
                    Value::Unknown if self.guess(is_factory_name(self.text(ctor))) => {
                        Value::Client(Certainty::Likely)
                    }
                    v => v.constructed(),
                }
            }
            "as_expression" | "satisfies_expression" | "type_assertion"
                if matches!(self.cast_type(node, d), Value::Client(_)) =>
            {
                self.cast_type(node, d)
            }
            "parenthesized_expression"
            | "await_expression"
            | "non_null_expression"
            | "as_expression"
            | "satisfies_expression"
            | "type_assertion" => {
                let inner = unwrap_value(node);
                if inner.id() == node.id() {
                    Value::Unknown
                } else {
                    self.eval(inner, d)
                }
            }
            "ternary_expression" => {
                let a = node.field("consequence").map(|n| self.eval(n, d));
                let b = node.field("alternative").map(|n| self.eval(n, d));
                a.unwrap_or(Value::Unknown)
                    .join(b.unwrap_or(Value::Unknown))
            }
            "binary_expression" => {
                let op = node.field("operator").map(|o| self.text(o)).unwrap_or("");
                let left = node.field("left");
                let right = node.field("right");
                match op {
                    "??" | "||" => {
                        let a = left.map(|n| self.eval(n, d)).unwrap_or(Value::Unknown);
                        a.join(right.map(|n| self.eval(n, d)).unwrap_or(Value::Unknown))
                    }
                    "&&" => right.map(|n| self.eval(n, d)).unwrap_or(Value::Unknown),
                    _ => Value::Other,
                }
            }
            "sequence_expression" => last_named_child(node)
                .map(|n| self.eval(n, d))
                .unwrap_or(Value::Unknown),
            "assignment_expression" | "augmented_assignment_expression" => node
                .field("right")
                .map(|n| self.eval(n, d))
                .unwrap_or(Value::Unknown),
            "arrow_function" | "function_expression" | "function" | "generator_function" => {
                self.eval_function(node, d)
            }
            "object" => self.eval_object(node, d),
            "null" => Value::Unknown,
            "string"
            | "template_string"
            | "number"
            | "true"
            | "false"
            | "array"
            | "class"
            | "regex"
            | "jsx_element"
            | "jsx_self_closing_element"
            | "unary_expression"
            | "update_expression" => Value::Other,
            _ => Value::Unknown,
        }
    }

    /// The value a cast gives (`x as Stripe`, `<Stripe>x`).
    pub(super) fn cast_type(&self, node: Node<'t>, depth: usize) -> Value {
        let ty = if node.kind_name() == "type_assertion" {
            first_named_child(node).and_then(first_named_child)
        } else {
            last_named_child(node)
        };
        ty.map(|t| self.eval_type(t, depth))
            .unwrap_or(Value::Unknown)
    }

    /// The value of `object.name`.
    pub(super) fn member_of(&self, object: Node<'t>, name: &str, depth: usize) -> Value {
        let object_value = self.eval(object, depth);
        let v = match object_value {
            Value::This => {
                let class = self.enclosing_class_name(object);
                self.this_member(class, name, depth)
            }
            ref other => other.member(name),
        };
        if v == Value::Unknown && self.guess(is_client_name(name)) {
            Value::Client(Certainty::Likely)
        } else {
            v
        }
    }

    pub(super) fn eval_call(&self, node: Node<'t>, depth: usize) -> Value {
        let Some(callee) = node.field("function") else {
            return Value::Unknown;
        };
        let is_require = callee.kind_name() == "import"
            || (callee.kind_name() == "identifier" && self.text(callee) == "require");
        if is_require {
            let first_arg = node.field("arguments").and_then(first_named_child);
            return match first_arg.and_then(|a| string_value(a, self.source)) {
                Some(spec) => self.import(&spec, &[]),
                None => Value::Unknown,
            };
        }
        let callee_value = self.eval(callee, depth);
        match callee_value.called() {
            Value::Unknown => {
                let name = match callee.kind_name() {
                    "member_expression" => callee.field("property").map(|p| self.text(p)),
                    "identifier" => Some(self.text(callee)),
                    _ => None,
                };
                if self.guess(name.is_some_and(is_factory_name)) {
                    Value::Client(Certainty::Likely)
                } else {
                    Value::Unknown
                }
            }
            v => v,
        }
    }

    /// What a callback given to `call` receives first: an event notification when `call`
    /// registers a notification handler or one of its typed callbacks.
    pub(super) fn notified(&self, call: Node<'t>) -> Value {
        let Some(callee) = call
            .field("function")
            .filter(|c| c.kind_name() == "member_expression")
        else {
            return Value::Unknown;
        };
        let (Some(object), Some(property)) = (callee.field("object"), callee.field("property"))
        else {
            return Value::Unknown;
        };
        let method = self.text(property);
        match self.eval(object, 0) {
            Value::Client(c)
                if matches!(
                    method,
                    "notificationHandler" | "notificationHandlerWithoutVerification"
                ) =>
            {
                Value::EventNotification(c)
            }
            Value::NotificationHandler(c) if method == "on" => Value::EventNotification(c),
            _ => Value::Unknown,
        }
    }

    pub(super) fn eval_object(&self, node: Node<'t>, depth: usize) -> Value {
        let mut entries: Vec<(String, Value)> = Vec::new();
        for child in named_children(node) {
            match child.kind_name() {
                "pair" => {
                    let key = child
                        .field("key")
                        .and_then(|k| property_name(k, self.source));
                    if let (Some(key), Some(value)) = (key, child.field("value")) {
                        entries.push((key, self.eval(value, depth)));
                    }
                }
                "shorthand_property_identifier" => {
                    entries.push((self.text(child).to_owned(), self.eval(child, depth)));
                }
                "method_definition" => {
                    if let Some(key) = child
                        .field("name")
                        .and_then(|k| property_name(k, self.source))
                    {
                        entries.push((key, self.eval_function(child, depth)));
                    }
                }
                "spread_element" => {
                    if let Some(Value::Object(m)) =
                        first_named_child(child).map(|n| self.eval(n, depth))
                    {
                        entries.extend(m);
                    }
                }
                _ => {}
            }
        }
        Value::object(entries)
    }

    /// A function is a client factory when its declared return type or any value it returns
    /// is a client; a function returning an object that holds a client (`return { stripe }`)
    /// gives that object when called.
    pub(super) fn eval_function(&self, node: Node<'t>, depth: usize) -> Value {
        if let Some(ty) = node.field("return_type")
            && let Value::Client(c) = self.eval_type(ty, depth)
        {
            return Value::Factory(c);
        }
        match self.returns_of(node, depth) {
            Value::Client(c) => Value::Factory(c),
            v @ Value::Object(_) if v.is_stripe() => Value::Returns(Box::new(v)),
            _ => Value::Other,
        }
    }

    /// The join of the values a function returns.
    pub(super) fn returns_of(&self, node: Node<'t>, depth: usize) -> Value {
        let Some(body) = node.field("body") else {
            return Value::Unknown;
        };
        if body.kind_name() != "statement_block" {
            return self.eval(body, depth);
        }
        // Joined from the last return to the first, as the values were first found.
        let returned = self.returns.get(&body.id()).map_or(&[][..], Vec::as_slice);
        returned
            .iter()
            .rev()
            .fold(Value::Unknown, |acc, n| acc.join(self.eval(*n, depth)))
    }

    /// The value an instance of a TypeScript type is.
    pub(super) fn eval_type(&self, node: Node<'t>, depth: usize) -> Value {
        if depth > MAX_DEPTH {
            return Value::Unknown;
        }
        let d = depth + 1;
        match node.kind_name() {
            "type_annotation" | "parenthesized_type" => first_named_child(node)
                .map(|n| self.eval_type(n, d))
                .unwrap_or(Value::Unknown),
            "type_identifier" => {
                let name = self.text(node);
                if let Some(aliased) = self.binding(Map::Types, name) {
                    return aliased.clone();
                }
                match self.binding(Map::Names, name) {
                    Some(Value::Sdk) => Value::Client(Certainty::Certain),
                    Some(Value::Other) => Value::Other,
                    Some(class @ Value::Class(_)) => class.constructed(),
                    _ if self.guess(name == "Stripe") => Value::Client(Certainty::Likely),
                    _ => Value::Unknown,
                }
            }
            "nested_type_identifier" => {
                let t = self.text(node);
                match t.split_once('.') {
                    Some((module, "Stripe"))
                        if self.binding(Map::Names, module) == Some(&Value::Sdk) =>
                    {
                        Value::Client(Certainty::Certain)
                    }
                    _ => Value::Unknown,
                }
            }
            "generic_type" => {
                let name = node.field("name").map(|n| self.text(n)).unwrap_or("");
                let argument = || {
                    node.field("type_arguments")
                        .and_then(|a| first_named_child(a))
                        .map(|n| self.eval_type(n, d))
                        .unwrap_or(Value::Unknown)
                };
                match name {
                    "Promise" | "Awaited" | "NonNullable" | "Readonly" => argument(),
                    // `ReturnType<typeof makeStripe>`, `InstanceType<typeof Stripe>`.
                    "ReturnType" => argument().called(),
                    "InstanceType" => argument().constructed(),
                    _ => Value::Unknown,
                }
            }
            // `typeof stripe`: the type of a value is that value.
            "type_query" => first_named_child(node)
                .map(|n| self.eval(n, d))
                .unwrap_or(Value::Unknown),
            "union_type" => named_children(node)
                .into_iter()
                .fold(Value::Unknown, |acc, n| acc.join(self.eval_type(n, d))),
            _ => Value::Unknown,
        }
    }
}
