//! Local-variable scopes for an extractor's walk: a stack of scopes, innermost last, where a
//! closure scope (a Ruby block, a PHP arrow function) sees the variables around it and a
//! function scope does not.

use std::collections::HashMap;

/// One level of local variables.
#[derive(Debug)]
struct Scope<V> {
    /// Whether the variables of the enclosing scope are visible from this one.
    closure: bool,
    locals: HashMap<String, V>,
}

impl<V> Scope<V> {
    fn new(closure: bool) -> Self {
        Scope {
            closure,
            locals: HashMap::new(),
        }
    }
}

/// The local-variable scopes at a point of the walk, innermost last; the file's own scope is
/// always there.
#[derive(Debug)]
pub struct Scopes<V> {
    stack: Vec<Scope<V>>,
}

impl<V> Default for Scopes<V> {
    fn default() -> Self {
        Scopes {
            stack: vec![Scope::new(false)],
        }
    }
}

impl<V> Scopes<V> {
    /// Opens a scope; a `closure` sees the variables of the scopes around it.
    pub fn push(&mut self, closure: bool) {
        self.stack.push(Scope::new(closure));
    }

    /// Closes the innermost scope (the file's own scope is never closed).
    pub fn pop(&mut self) {
        if self.stack.len() > 1 {
            self.stack.pop();
        }
    }

    /// The value of a variable visible here.
    pub fn get(&self, name: &str) -> Option<&V> {
        for scope in self.stack.iter().rev() {
            if let Some(v) = scope.locals.get(name) {
                return Some(v);
            }
            if !scope.closure {
                break;
            }
        }
        None
    }

    /// Sets a variable of the innermost scope (shadowing any outer one).
    pub fn declare(&mut self, name: &str, value: V) {
        if let Some(scope) = self.stack.last_mut() {
            scope.locals.insert(name.to_owned(), value);
        }
    }

    /// Assigns a variable: a visible one is updated where it lives, otherwise it is declared
    /// in the innermost scope (Ruby's rule for blocks).
    pub fn assign(&mut self, name: &str, value: V) {
        for scope in self.stack.iter_mut().rev() {
            if let Some(slot) = scope.locals.get_mut(name) {
                *slot = value;
                return;
            }
            if !scope.closure {
                break;
            }
        }
        self.declare(name, value);
    }

    /// The value a variable has in the scope that encloses the innermost one (a PHP closure's
    /// `use ($x)` list, read when the closure is entered).
    pub fn get_outer(&self, name: &str) -> Option<&V> {
        let n = self.stack.len();
        if n < 2 {
            return None;
        }
        self.stack[n - 2].locals.get(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closures_see_and_assign_outer_variables_functions_do_not() {
        let mut scopes = Scopes::default();
        scopes.declare("client", 1);
        scopes.push(true);
        assert_eq!(scopes.get("client"), Some(&1), "a closure sees it");
        scopes.assign("client", 2);
        scopes.declare("inner", 3);
        scopes.pop();
        assert_eq!(scopes.get("client"), Some(&2), "assigned where it lives");
        assert_eq!(scopes.get("inner"), None, "gone with its scope");
        scopes.push(false);
        assert_eq!(scopes.get("client"), None, "a function does not see it");
        assert_eq!(scopes.get_outer("client"), Some(&2));
        scopes.assign("client", 4);
        assert_eq!(scopes.get("client"), Some(&4));
        scopes.pop();
        scopes.pop();
        assert_eq!(scopes.get("client"), Some(&2), "the file's scope stays");
    }
}
