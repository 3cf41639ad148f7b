#!/usr/bin/env python3
"""Writes project trees whose files all reach each other, to time the cross-file passes.

usage: python3 benches/gen-import-graphs.py OUT_DIR N

OUT_DIR/py: N Python modules, each importing 6 others chosen at random (a fixed seed) and the
client from the next one in a ring; one module takes it from `app/pay.py`, which builds it. Every
module calls `client.v1.customers.create()`: N calls, all through the ring.
OUT_DIR/js: the same shape in ES modules (`export const client = ...` re-exported around).
OUT_DIR/go: N files of one package, each struct holding the next one's client.
OUT_DIR/cs: N C# classes under one `global using Stripe;`.
"""
import os
import random
import shutil
import sys


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def python(out, n, rng):
    write(f"{out}/app/__init__.py", "")
    write(f"{out}/app/pay.py", 'import stripe\nclient = stripe.StripeClient("k")\n')
    for i in range(n):
        src = "".join(f"from app.m{j} import f{j}\n" for j in rng.sample(range(n), min(6, n)))
        if i == 0:
            src += "from app.pay import client\n"
        src += f"from app.m{(i + 1) % n} import client\n"
        src += f"\ndef f{i}(x):\n    return client.v1.customers.create(x)\n"
        write(f"{out}/app/m{i}.py", src)


def javascript(out, n, rng):
    write(f"{out}/src/pay.js", 'const Stripe = require("stripe");\nexport const client = new Stripe(process.env.K);\n')
    for i in range(n):
        nxt = (i + 1) % n
        src = "".join(f'import {{ f{j} }} from "./m{j}";\n' for j in rng.sample(range(n), min(6, n)))
        src += f'import {{ client as c{nxt} }} from "./m{nxt}";\n'
        if i == 0:
            src += 'import { client } from "./pay";\nexport { client };\n'
        else:
            src += f"export const client = c{nxt};\n"
        src += f"export function f{i}(x) {{ return c{nxt}.customers.create(x); }}\n"
        write(f"{out}/src/m{i}.js", src)


def go(out, n):
    write(f"{out}/go.mod", "module example.com/app\n\ngo 1.22\n\nrequire github.com/stripe/stripe-go/v82 v82.0.0\n")
    for i in range(n):
        src = 'package svc\n\nimport (\n\t"github.com/stripe/stripe-go/v82"\n)\n\n'
        src += f"type S{i} struct {{\n\tsc   *stripe.Client\n\tnext *S{(i + 1) % n}\n}}\n\n"
        src += f"func (s *S{i}) Do() error {{\n\t_, err := s.next.sc.V1Customers.Create(nil, nil)\n\treturn err\n}}\n"
        write(f"{out}/svc/s{i}.go", src)


def csharp(out, n):
    write(f"{out}/App/Usings.cs", "global using Stripe;\n")
    for i in range(n):
        src = f"namespace App;\n\npublic class C{i}\n{{\n    private readonly CustomerService _svc = new CustomerService();\n"
        src += "    public void Do() { _svc.Create(new CustomerCreateOptions()); }\n}\n"
        write(f"{out}/App/C{i}.cs", src)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    out, n = sys.argv[1], int(sys.argv[2])
    shutil.rmtree(out, ignore_errors=True)
    python(f"{out}/py", n, random.Random(1))
    javascript(f"{out}/js", n, random.Random(1))
    go(f"{out}/go", n)
    csharp(f"{out}/cs", n)


if __name__ == "__main__":
    main()
