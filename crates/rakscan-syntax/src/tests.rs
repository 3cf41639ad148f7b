use super::*;

#[test]
fn preorder_and_pruned_walks_visit_what_the_full_walk_enters() {
    let source = "def f(a):\n    # note\n    return [a, (a, 1)]\n\nclass C:\n    x = 1\n";
    let tree = parse("python", || tree_sitter_python::LANGUAGE.into(), source).unwrap();
    let ids = |nodes: Vec<Node<'_>>| nodes.iter().map(|n| n.id()).collect::<Vec<_>>();
    let mut seen = Vec::new();
    preorder(tree.root_node(), |n| seen.push(n));
    assert_eq!(ids(seen), ids(nodes(&tree)));
    // Pruned at every list: its elements are not visited, the rest is.
    let mut pruned = Vec::new();
    walk_pruned(tree.root_node(), |n| {
        pruned.push(n);
        n.kind_name() != "list"
    });
    let inside_list = |n: &Node<'_>| {
        std::iter::successors(n.parent(), |p| p.parent()).any(|p| p.kind_name() == "list")
    };
    let expected: Vec<Node<'_>> = nodes(&tree)
        .into_iter()
        .filter(|n| !inside_list(n))
        .collect();
    assert_eq!(ids(pruned), ids(expected));
    // A walk from an inner node stays inside it.
    let class = nodes(&tree)
        .into_iter()
        .find(|n| n.kind_name() == "class_definition")
        .unwrap();
    let mut inner = Vec::new();
    preorder(class, |n| inner.push(n));
    assert!(inner.iter().all(|n| n.start_byte() >= class.start_byte()));
    assert_eq!(inner.first().map(|n| n.id()), Some(class.id()));
}

#[test]
fn pruned_steps_leave_every_entered_node_and_skip_pruned_children() {
    let source = "def f(a):\n    return [a, (a, 1)]\n\nx = [1]\n";
    let tree = parse("python", || tree_sitter_python::LANGUAGE.into(), source).unwrap();
    let mut full = Vec::new();
    walk(tree.root_node(), |step| full.push(step_id(&step)));
    let mut all = Vec::new();
    walk_steps_pruned(tree.root_node(), |step| {
        all.push(step_id(&step));
        true
    });
    assert_eq!(all, full);
    // Pruned at every list: each is entered and left at once, nothing inside is seen.
    let mut pruned = Vec::new();
    walk_steps_pruned(tree.root_node(), |step| {
        pruned.push(step_id(&step));
        !matches!(step, Step::Enter(n) if n.kind_name() == "list")
    });
    let lists: Vec<Node<'_>> = nodes(&tree)
        .into_iter()
        .filter(|n| n.kind_name() == "list")
        .collect();
    assert_eq!(lists.len(), 2);
    let inside = |id: usize| {
        nodes(&tree).into_iter().any(|n| {
            n.id() == id
                && lists
                    .iter()
                    .any(|l| l.id() != id && l.byte_range().contains(&n.start_byte()))
        })
    };
    let expected: Vec<(bool, usize)> = full
        .iter()
        .copied()
        .filter(|&(_, id)| !inside(id))
        .collect();
    assert_eq!(pruned, expected);
}

#[test]
fn walk_kinds_gives_each_steps_node_its_kind() {
    let source = "def f(a):\n    return [a, (a, 1)]\n\nclass C:\n    x = 1\n";
    let tree = parse("python", || tree_sitter_python::LANGUAGE.into(), source).unwrap();
    let mut full = Vec::new();
    walk(tree.root_node(), |step| full.push(step_id(&step)));
    let mut with_kinds = Vec::new();
    walk_kinds(tree.root_node(), |step, kind| {
        let (Step::Enter(node) | Step::Leave(node)) = &step;
        assert_eq!(kind, node.kind());
        with_kinds.push(step_id(&step));
    });
    assert_eq!(with_kinds, full);
}

/// Whether a step enters, and the id of its node.
fn step_id(step: &Step<'_>) -> (bool, usize) {
    match step {
        Step::Enter(n) => (true, n.id()),
        Step::Leave(n) => (false, n.id()),
    }
}

#[test]
fn subtrees_may_hold_a_keyword_they_name_or_when_broken() {
    let source = "class C:\n    def f(self):\n        return classify(1)\n    \
                  def g(self):\n        return 'a class'\n";
    let tree = parse("python", || tree_sitter_python::LANGUAGE.into(), source).unwrap();
    let functions: Vec<Node<'_>> = nodes(&tree)
        .into_iter()
        .filter(|n| n.kind_name() == "function_definition")
        .collect();
    let class = Mentions::new(source, &["class"]);
    assert!(class.may_hold(tree.root_node()));
    assert!(!class.may_hold(functions[0]));
    assert!(
        class.may_hold(functions[1]),
        "the word inside a string counts"
    );
    assert_eq!(class.spans.len(), 2, "`classify` is not the word");
    let either = Mentions::new(source, &["class", "return"]);
    assert!(either.may_hold(functions[0]));
    // A word ending past a node's end is not in it; overlapping occurrences are all kept.
    let names = nodes(&tree)
        .into_iter()
        .filter(|n| n.kind_name() == "identifier" && text(*n, source) == "C")
        .collect::<Vec<_>>();
    assert!(!Mentions::new(source, &["C:"]).may_hold(names[0]));
    assert!(Mentions::new(source, &["C"]).may_hold(names[0]));
    let overlapping = Mentions::new("a-a-a", &["a-a"]);
    assert_eq!(overlapping.spans, [(0, 3), (2, 5)]);
    let broken = "def f(:\n    return 1\n";
    let tree = parse("python", || tree_sitter_python::LANGUAGE.into(), broken).unwrap();
    assert!(Mentions::new(broken, &["class"]).may_hold(tree.root_node()));
}

#[test]
fn named_children_leave_out_the_given_kinds() {
    let source = "def f():\n    x = 1\n    # note\n    return x\n";
    let tree = parse("python", || tree_sitter_python::LANGUAGE.into(), source).unwrap();
    let block = nodes(&tree)
        .into_iter()
        .find(|n| n.kind_name() == "block")
        .unwrap();
    let kinds = |nodes: Vec<Node<'_>>| nodes.iter().map(|n| n.kind_name()).collect::<Vec<_>>();
    let all = ["expression_statement", "comment", "return_statement"];
    assert_eq!(kinds(named_children_except(block, &[])), all);
    let code = ["expression_statement", "return_statement"];
    assert_eq!(kinds(named_children_except(block, &["comment"])), code);
}

#[test]
fn recovery_warnings_name_the_first_broken_line() {
    let python = || tree_sitter_python::LANGUAGE.into();
    let warning = |source: &str| {
        let tree = parse("python", python, source).expect("the snippet parses");
        recovery_warning(tree.root_node())
    };
    assert_eq!(warning("import stripe\nstripe.Customer.create()\n"), None);
    let broken = warning("import stripe\ndef (:\n  stripe.Customer.create(\n");
    let broken = broken.expect("an error");
    assert!(broken.starts_with("syntax error at line 2;"), "{broken}");
}

/// Every node of `tree`, in source order.
fn nodes(tree: &Tree) -> Vec<Node<'_>> {
    let mut all = Vec::new();
    walk(tree.root_node(), |step| {
        if let Step::Enter(node) = step {
            all.push(node);
        }
    });
    all
}

/// Checks that `field` and `fields` give what tree-sitter's own lookups give, for every
/// node of `source` and every field name of the grammar (the grammar's own strings and
/// literals shared by all grammars), and nothing for an unknown name.
fn assert_same_as_tree_sitter(name: &'static str, language: Language, source: &str) {
    let tree = parse(name, || language.clone(), source).expect("the snippet parses");
    let mut names: Vec<&'static str> = (1..=language.field_count() as u16)
        .filter_map(|id| language.field_name_for_id(id))
        .collect();
    names.extend(["name", "body", "arguments", "function", "value", "left"]);
    assert!(names.len() > 10, "{name} has field names");
    let mut found = 0;
    for node in nodes(&tree) {
        for &field in &names {
            assert_eq!(node.field(field), node.child_by_field_name(field));
            let mut ours = node.walk();
            let mut theirs = node.walk();
            assert_eq!(
                node.fields(field, &mut ours).collect::<Vec<_>>(),
                node.children_by_field_name(field, &mut theirs)
                    .collect::<Vec<_>>()
            );
            found += usize::from(node.field(field).is_some());
        }
        assert_eq!(node.field("no_such_field"), None);
        assert_eq!(node.fields("no_such_field", &mut node.walk()).count(), 0);
    }
    assert!(found > 10, "the {name} snippet fills fields");
}

/// Both grammars on one thread, so the cache must keep their ids apart.
#[test]
fn field_lookup_matches_tree_sitter_per_grammar() {
    let source = "import stripe as s, os\nfrom stripe import Customer\n\
                  def f(a, b=1):\n    return s.Customer.create(email=a, **b)\n\
                  x = a if b else {'k': [1, 2]}\n";
    assert_same_as_tree_sitter("python", tree_sitter_python::LANGUAGE.into(), source);
    let source = "package main\nimport (\n\t\"github.com/stripe/stripe-go/v82\"\n)\n\
                  func f(a, b int) (*stripe.Customer, error) {\n\
                  \tsc := stripe.NewClient(\"k\")\n\
                  \tvar x, y = 1, 2\n\
                  \treturn sc.V1Customers.Create(ctx, &stripe.CustomerCreateParams{Email: a})\n}\n";
    assert_same_as_tree_sitter("go", tree_sitter_go::LANGUAGE.into(), source);
}

/// Checks that `kind_name` gives what `kind` gives for every node of each of `sources`,
/// and that the sources hold an error node and a missing node.
fn assert_kind_names_match(name: &'static str, language: Language, sources: &[&str]) {
    let (mut errors, mut missing) = (0, 0);
    for source in sources {
        let tree = parse(name, || language.clone(), source).expect("the snippet parses");
        for node in nodes(&tree) {
            assert_eq!(node.kind_name(), node.kind(), "{name}: {node:?}");
            errors += usize::from(node.is_error());
            missing += usize::from(node.is_missing());
        }
    }
    assert!(errors > 0, "the {name} snippets hold an error node");
    assert!(missing > 0, "the {name} snippets hold a missing node");
}

/// Both grammars on one thread, so the tables must keep their kinds apart; broken snippets
/// give error and missing nodes.
#[test]
fn kind_name_matches_tree_sitter_per_grammar() {
    let python = [
        "import stripe\n@app.route('/x')\nasync def f(*a, **k) -> int:\n    \
         return [s.Customer.create(email=x) for x in a if x] or {'k': 1}\n",
        "def f(:\n    pass\n",
        "x = (1, 2\n",
    ];
    assert_kind_names_match("python", tree_sitter_python::LANGUAGE.into(), &python);
    let go = [
        "package main\nimport \"github.com/stripe/stripe-go/v82\"\n\
         func f(a ...int) { for i := range a { go g(i); defer h() }; _ = []int{1} }\n",
        "package main\nfunc f() { x := 1 @@ ; y ?? }\n",
        "package main\nfunc f() { g(1 }\n",
    ];
    assert_kind_names_match("go", tree_sitter_go::LANGUAGE.into(), &go);
}

/// Nodes of two grammars asked in turn, on two threads: each answer comes from its own
/// grammar's table, whichever table the thread used last.
#[test]
fn kind_name_alternating_grammars_and_threads() {
    let check = || {
        let python = "import stripe\nx = [1, (2, 'a')]\n";
        let go = "package main\nfunc f() { x := []int{1}; _ = x }\n";
        let py = parse("python", || tree_sitter_python::LANGUAGE.into(), python).unwrap();
        let go = parse("go", || tree_sitter_go::LANGUAGE.into(), go).unwrap();
        let (py, go) = (nodes(&py), nodes(&go));
        for i in 0..py.len().max(go.len()) {
            for node in [py.get(i), go.get(i)].into_iter().flatten() {
                assert_eq!(node.kind_name(), node.kind());
            }
        }
    };
    std::thread::scope(|s| {
        s.spawn(check);
        s.spawn(check);
    });
    check();
}
