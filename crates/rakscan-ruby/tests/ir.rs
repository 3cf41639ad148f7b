//! IR-level checks of the Ruby extractor: receivers, styles, origins, argument counts,
//! `expand`, Connect options, certainty, unresolved calls and robustness.

use rakscan_core::Extractor;
use rakscan_core::ir::{CallStyle, Certainty, Extraction, SdkCall};
use rakscan_ruby::RubyExtractor;

fn extract(source: &str) -> Extraction {
    RubyExtractor
        .extract(std::path::Path::new("app.rb"), source)
        .expect("extraction succeeds")
}

fn only_call(source: &str) -> SdkCall {
    extract(source).into_only_call()
}

#[test]
fn namespaced_classes_drop_the_stripe_root() {
    let c = only_call("::Stripe::Checkout::Session.create(mode: 'payment')");
    assert_eq!(c.style, CallStyle::Class);
    assert_eq!(c.receiver, ["Checkout", "Session"]);
    assert_eq!(c.method, "create");
    assert_eq!(c.display, "::Stripe::Checkout::Session.create");
    assert_eq!(c.certainty, Certainty::Certain);

    let c = only_call("Stripe::Issuing::Card::TestHelpers.deliver_card('ic_1')");
    assert_eq!(c.receiver, ["Issuing", "Card", "TestHelpers"]);
}

#[test]
fn client_services_keep_the_version_segment() {
    let c = only_call("client = Stripe::StripeClient.new(key)\nclient.v1.customers.create({})");
    assert_eq!(c.style, CallStyle::Service);
    assert_eq!(c.receiver, ["v1", "customers"]);
    assert_eq!(c.method, "create");
    assert_eq!(c.display, "client.v1.customers.create");
}

#[test]
fn instance_calls_point_at_their_origin() {
    let ex = extract(
        "def stop(id)\n  sub = Stripe::Subscription.retrieve(id)\n  sub.cancel\nend\n\
         Stripe::Invoice.create(customer: 'c').pay\n",
    );
    let styles: Vec<_> = ex
        .calls
        .iter()
        .map(|c| (c.method.as_str(), &c.style))
        .collect();
    assert_eq!(
        styles,
        [
            ("retrieve", &CallStyle::Class),
            ("cancel", &CallStyle::Instance { origin: Some(0) }),
            ("create", &CallStyle::Class),
            ("pay", &CallStyle::Instance { origin: Some(2) }),
        ]
    );
}

#[test]
fn locals_do_not_leak_between_methods() {
    let ex = extract(
        "def a(id)\n  sub = Stripe::Subscription.retrieve(id)\nend\n\
         def b\n  sub.cancel\nend\n",
    );
    assert_eq!(ex.calls.len(), 1);
}

#[test]
fn block_parameters_shadow_outer_objects() {
    let ex = extract(
        "customer = Stripe::Customer.retrieve('c')\n\
         [1].each { |customer| customer.delete }\n\
         customer.delete\n",
    );
    let methods: Vec<_> = ex.calls.iter().map(|c| c.method.as_str()).collect();
    assert_eq!(methods, ["retrieve", "delete"]);
    assert_eq!(
        ex.calls[1].span.start,
        "customer = Stripe::Customer.retrieve('c')\n[1].each { |customer| customer.delete }\n"
            .len()
    );
}

#[test]
fn account_retrieve_counts_its_id() {
    assert_eq!(only_call("Stripe::Account.retrieve").positional_args, 0);
    assert_eq!(only_call("Stripe::Account.retrieve()").positional_args, 0);
    assert_eq!(
        only_call("Stripe::Account.retrieve(nil)").positional_args,
        0
    );
    assert_eq!(
        only_call("Stripe::Account.retrieve('acct_1')").positional_args,
        1
    );
    let c = only_call("Stripe::Account.retrieve({ id: acct, expand: ['settings'] })");
    assert_eq!(c.positional_args, 1);
    assert_eq!(c.expand, ["settings"]);
}

#[test]
fn expand_literals_are_read_in_every_spelling() {
    let c = only_call("Stripe::Customer.retrieve(id: 'cus', expand: %w[default_source tax])");
    assert_eq!(c.expand, ["default_source", "tax"]);
    let c = only_call("Stripe::PaymentIntent.create({ amount: 1, :expand => [:latest_charge] })");
    assert_eq!(c.expand, ["latest_charge"]);
    let c = only_call("Stripe::Invoice.list(customer: c, 'expand' => ['data.subscription'])");
    assert_eq!(c.expand, ["data.subscription"]);
    let c = only_call("Stripe::Invoice.list(customer: c, expand: fields)");
    assert!(c.expand.is_empty());
}

#[test]
fn stripe_account_marks_connect_only_in_the_options_slot() {
    let connect = |src: &str| only_call(src).connect;
    assert!(connect(
        "Stripe::Customer.create({ email: e }, { stripe_account: a })"
    ));
    assert!(connect(
        "Stripe::Customer.create({ email: e }, stripe_account: a)"
    ));
    assert!(connect(
        "Stripe::Customer.create(params, stripe_account: a)"
    ));
    assert!(connect(
        "Stripe::Customer.retrieve('cus', { stripe_account: a })"
    ));
    assert!(connect(
        "Stripe::Customer.retrieve({ id: 'cus' }, { stripe_account: a }.compact)"
    ));
    assert!(connect(
        "Stripe::Customer.update('cus', { name: n }, { stripe_account: a })"
    ));
    assert!(!connect(
        "Stripe::Customer.create(email: e, stripe_account: a)"
    ));
    assert!(!connect(
        "Stripe::Customer.create({ email: e, stripe_account: a })"
    ));
    assert!(!connect(
        "Stripe::Customer.update('cus', { stripe_account: a })"
    ));
    assert!(!connect("Stripe::Customer.create({ email: e }, opts)"));
    let client = "c = Stripe::StripeClient.new(k)\n";
    assert!(connect(&format!(
        "{client}c.v1.customers.create({{}}, {{ stripe_account: a }})"
    )));
    assert!(!connect(&format!(
        "{client}c.v1.customers.retrieve('cus', {{ stripe_account: a }})"
    )));
    assert!(connect(&format!(
        "{client}c.v1.customers.retrieve('cus', {{}}, {{ stripe_account: a }})"
    )));
}

#[test]
fn expand_in_the_options_hash_is_not_read() {
    let c = only_call(
        "Stripe::Customer.create({ expand: ['a'] }, { expand: ['b'], stripe_account: x })",
    );
    assert_eq!(c.expand, ["a"]);
}

#[test]
fn names_alone_make_likely_receivers() {
    let c = only_call("def go; stripe.customers.create(email: e); end");
    assert_eq!(c.certainty, Certainty::Likely);
    assert_eq!(c.receiver, ["customers"]);
    let c = only_call(
        "# Stripe::StripeClient is injected\ndef go(client); client.v1.customers.create(email: e); end",
    );
    assert_eq!(c.certainty, Certainty::Likely);
    let c = only_call(
        "def initialize(client: Stripe::StripeClient.new(k)); client.v1.customers.create(email: e); end",
    );
    assert_eq!(c.certainty, Certainty::Certain);
    // Other SDKs (Metronome) have `client.v1.customers` too: only a file that names the
    // Stripe client makes an unbound `client` a candidate.
    assert!(
        extract("def go(client); client.v1.customers.create(email: e); end")
            .calls
            .is_empty()
    );
    assert!(
        extract("def go(client); client.customers.create(email: e); end")
            .calls
            .is_empty()
    );
    assert!(
        extract("api.v1.customers.create(email: e)")
            .calls
            .is_empty()
    );
}

#[test]
fn dynamic_calls_are_unresolved() {
    let ex = extract("Stripe::Customer.public_send(action, id)");
    assert!(ex.calls.is_empty());
    assert_eq!(ex.unresolved.len(), 1);
    assert_eq!(ex.unresolved[0].display, "Stripe::Customer.public_send");
    let c = only_call("Stripe::Customer.send(:retrieve, id)");
    assert_eq!(c.method, "retrieve");
    assert_eq!(c.positional_args, 1);
    let ex = extract("Stripe.const_get(kind).retrieve(id)");
    assert_eq!(ex.unresolved.len(), 1);
}

#[test]
fn raw_requests_keep_a_literal_path() {
    let c = only_call(
        "c = Stripe::StripeClient.new(k)\nc.raw_request(:post, \"/v1/customers/#{id}\", params: {})",
    );
    assert_eq!(
        c.style,
        CallStyle::Raw {
            verb: "POST".to_owned(),
            path: "/v1/customers/{}".to_owned()
        }
    );
    let ex = extract("c = Stripe::StripeClient.new(k)\nc.raw_request(:get, path)");
    assert!(ex.calls.is_empty());
    assert_eq!(ex.unresolved.len(), 1);
}

#[test]
fn locally_built_objects_are_instances_of_their_class() {
    let c = only_call("Stripe::Customer.new('cus_1').delete");
    assert_eq!(c.style, CallStyle::Instance { origin: None });
    assert_eq!(c.receiver, ["Customer"]);
}

#[test]
fn shadowing_follows_the_lexical_nesting() {
    // Compact `module Pay::Stripe` does not put `Pay` in the nesting: `Stripe` is the gem's.
    let src = "module Pay\n  module Stripe\n  end\nend\n\
               module Pay::Stripe\n  def self.x; Stripe::Customer.create; end\nend\n\
               module Pay\n  def self.y; Stripe::Customer.create; end\nend\n";
    let ex = extract(src);
    assert_eq!(ex.calls.len(), 1);
    assert!(
        src[ex.calls[0].span.start..]
            .starts_with("Stripe::Customer.create; end\nend\nmodule Pay\n")
    );
}

#[test]
fn syntax_errors_become_warnings() {
    let ex = extract("def broken(\n  Stripe::Customer.create(email: 'a')\n");
    assert_eq!(ex.warnings.len(), 1, "{:?}", ex.warnings);
}

#[test]
fn deep_nesting_and_garbage_do_not_panic() {
    let deep = format!(
        "x = {}Stripe::Customer.create{}",
        "[".repeat(20_000),
        "]".repeat(20_000)
    );
    let _ = RubyExtractor.extract(std::path::Path::new("app.rb"), &deep);
    let blocks = "foo do\n".repeat(5_000) + &"end\n".repeat(5_000);
    let _ = RubyExtractor.extract(std::path::Path::new("app.rb"), &blocks);
    let _ = RubyExtractor.extract(
        std::path::Path::new("app.rb"),
        "\u{0}\u{ffff}Stripe::::.(((",
    );
    let _ = RubyExtractor.extract(std::path::Path::new("app.rb"), "");
}

#[test]
fn options_from_a_method_or_a_local_mark_connect() {
    let ex = extract(
        "class A\n  def run(p)\n    Stripe::Customer.create(p, stripe_options)\n\
         opts = { stripe_account: acct }\n    Stripe::Customer.update('cus', p, opts)\n\
         Stripe::Invoice.create(p, stripe_options).pay\n  end\n\
         private\n  def stripe_options\n    { stripe_account: stripe_account }.compact\n  end\nend\n",
    );
    let connect: Vec<_> = ex
        .calls
        .iter()
        .map(|c| (c.method.as_str(), c.connect))
        .collect();
    assert_eq!(
        connect,
        [
            ("create", true),
            ("update", true),
            ("create", true),
            ("pay", true)
        ]
    );
}

fn shapes(ex: &Extraction) -> Vec<(String, CallStyle)> {
    ex.calls
        .iter()
        .map(|c| (c.method.clone(), c.style.clone()))
        .collect()
}

fn shape(method: &str, style: CallStyle) -> (String, CallStyle) {
    (method.to_owned(), style)
}

#[test]
fn objects_returned_by_methods_of_the_file_are_followed() {
    let ex = extract(
        "class Svc\n  def self.fetch(id) = Stripe::Customer.retrieve(id)\n\
         def self.touch(id)\n    c = self.fetch(id); c.save\n    fetch(id).delete\n  end\n\
         def sub = (@sub ||= Stripe::Subscription.retrieve('sub_1'))\n\
         def stop = sub.delete\nend\n",
    );
    assert_eq!(
        shapes(&ex),
        [
            shape("retrieve", CallStyle::Class),
            shape("save", CallStyle::Instance { origin: Some(0) }),
            shape("delete", CallStyle::Instance { origin: Some(0) }),
            shape("retrieve", CallStyle::Class),
            shape("delete", CallStyle::Instance { origin: Some(3) }),
        ]
    );
}

#[test]
fn methods_defined_below_their_callers_are_followed() {
    let ex = extract(
        "class Billing\n  def cancel!\n    subscription.delete\n    customer.save\n  end\n\
         def refresh = payment_methods.each { |pm| pm.detach }\n\
         private\n\
         def subscription\n    @subscription ||= Stripe::Subscription.retrieve(sub_id)\n  end\n\
         def customer = User.find(id)\n\
         def payment_methods = Stripe::PaymentMethod.list(customer: cus)\nend\n",
    );
    assert_eq!(
        shapes(&ex),
        [
            shape("delete", CallStyle::Instance { origin: Some(3) }),
            // The block's calls are read before the call that takes the block.
            shape("detach", CallStyle::Element { origin: 4 }),
            shape("each", CallStyle::Instance { origin: Some(4) }),
            shape("retrieve", CallStyle::Class),
            shape("list", CallStyle::Class),
        ]
    );
}

#[test]
fn same_named_methods_of_other_classes_are_not_followed() {
    let ex = extract(
        "class A\n  def customer = Stripe::Customer.retrieve(id)\nend\n\
         class B\n  def go = customer.save\n  def customer = Customer.find(1)\nend\n",
    );
    assert_eq!(shapes(&ex), [shape("retrieve", CallStyle::Class)]);
}

#[test]
fn block_parameters_of_list_iterations_are_list_elements() {
    let ex = extract(
        "Stripe::Customer.list_payment_methods('cus_1').each { |pm| pm.detach }\n\
         Stripe::PaymentMethod.list(customer: 'c').auto_paging_each do |pm|\n  pm.detach\nend\n\
         client = Stripe::StripeClient.new(key)\n\
         client.v1.invoices.list.data.each_with_index { |inv, i| inv.void_invoice }\n\
         Stripe::Customer.search(query: q).first.delete\n\
         [1, 2].each { |pm| pm.detach }\n",
    );
    let got: Vec<_> = shapes(&ex)
        .into_iter()
        .filter(|(m, _)| !matches!(m.as_str(), "each" | "auto_paging_each" | "each_with_index"))
        .collect();
    assert_eq!(
        got,
        [
            shape("list_payment_methods", CallStyle::Class),
            shape("detach", CallStyle::Element { origin: 0 }),
            shape("list", CallStyle::Class),
            shape("detach", CallStyle::Element { origin: 3 }),
            shape("list", CallStyle::Service),
            shape("void_invoice", CallStyle::Element { origin: 6 }),
            shape("search", CallStyle::Class),
            shape("delete", CallStyle::Element { origin: 9 }),
        ]
    );
}

#[test]
fn oauth_requests_are_unresolved_with_their_reason() {
    let ex = extract(
        "Stripe::OAuth.token(grant_type: 'authorization_code', code: code)\n\
         Stripe::OAuth.deauthorize(stripe_user_id: acct)\n\
         Stripe::OAuth.authorize_url(scope: 'read_write')\n\
         client = Stripe::StripeClient.new(key)\n\
         client.oauth.token(grant_type: 'authorization_code', code: code)\n",
    );
    assert!(ex.calls.is_empty(), "{:#?}", ex.calls);
    let shown: Vec<&str> = ex.unresolved.iter().map(|u| u.display.as_str()).collect();
    assert_eq!(
        shown,
        [
            "Stripe::OAuth.token",
            "Stripe::OAuth.deauthorize",
            "client.oauth.token"
        ]
    );
    assert!(
        ex.unresolved
            .iter()
            .all(|u| u.reason == rakscan_core::ir::OAUTH_REASON)
    );
}

/// An instance variable (or an attribute reader, or a memoising method) of one class is not
/// what an unrelated class of the file sets under the same name: a storage client's
/// `customers.list` is not Stripe's. Subclasses, included modules and reopened classes still
/// share the client.
#[test]
fn each_class_reads_its_own_and_its_relatives_instance_variables() {
    let ex = extract(
        "module Billing\n  def billing\n    @gateway.v1.invoices.list\n  end\nend\n\
         class Payments\n  attr_reader :gateway\n  def initialize(key)\n    \
         @gateway = Stripe::StripeClient.new(key)\n  end\n  \
         def pay\n    @gateway.v1.payment_intents.create({ amount: 1 })\n  end\nend\n\
         class Refunds < Payments\n  def give\n    gateway.v1.refunds.create({})\n  end\nend\n\
         class Payments\n  def later\n    @gateway.v1.customers.create({})\n  end\nend\n\
         class Shop\n  include Billing\n  def initialize(key)\n    \
         @gateway = Stripe::StripeClient.new(key)\n  end\nend\n\
         class Storage\n  attr_reader :gateway\n  def initialize\n    \
         @gateway = Aws::S3::Client.new\n  end\n  \
         def customers\n    @gateway.customers.list\n  end\n  \
         def buckets\n    gateway.v1.customers.list\n  end\nend\n\
         class Cache\n  def conn\n    @conn ||= Stripe::StripeClient.new(ENV['K'])\n  end\n  \
         def balance\n    conn.v1.balance.retrieve\n  end\nend\n\
         class Queue\n  def conn\n    @conn ||= Redis.new\n  end\n  \
         def size\n    conn.v1.customers.list\n  end\nend\n",
    );
    let got: Vec<(&str, Certainty)> = ex
        .calls
        .iter()
        .map(|c| (c.display.as_str(), c.certainty))
        .collect();
    assert_eq!(
        got,
        [
            ("@gateway.v1.invoices.list", Certainty::Certain),
            ("@gateway.v1.payment_intents.create", Certainty::Certain),
            ("gateway.v1.refunds.create", Certainty::Certain),
            ("@gateway.v1.customers.create", Certainty::Certain),
            ("conn.v1.balance.retrieve", Certainty::Certain),
        ]
    );
}
