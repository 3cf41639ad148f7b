//! What a file exports, as values, for the project's other modules.

use super::*;

impl<'t> Model<'t> {
    /// What the file exports, as values.
    pub(crate) fn exports(&self) -> Exports {
        let mut out = Exports::default();
        let local = |name: &str| self.names.get(name).cloned().unwrap_or(Value::Unknown);
        for (exported, name) in &self.exports.locals {
            let v = local(name);
            if exported == "default" {
                out.default = Some(out.default.take().unwrap_or(Value::Unknown).join(v));
            } else {
                out.named.insert(exported.clone(), v);
            }
        }
        for node in &self.exports.default {
            let v = match node.kind_name() {
                "function_declaration"
                | "generator_function_declaration"
                | "function_expression"
                | "arrow_function" => self.eval_function(*node, 0),
                _ => self.eval(*node, 0),
            };
            out.default = Some(out.default.take().unwrap_or(Value::Unknown).join(v));
        }
        for node in &self.exports.whole {
            let v = self.eval(*node, 0);
            out.whole = Some(out.whole.take().unwrap_or(Value::Unknown).join(v));
        }
        for (name, node) in &self.exports.named {
            let v = self.eval(*node, 0);
            let old = out.named.remove(name).unwrap_or(Value::Unknown);
            out.named.insert(name.clone(), old.join(v));
        }
        for (exported, spec, path) in &self.exports.reexports {
            let v = self.import(spec, path);
            if exported == "default" {
                out.default = Some(v);
            } else {
                out.named.insert(exported.clone(), v);
            }
        }
        out.stars = self.exports.stars.clone();
        out
    }
}
